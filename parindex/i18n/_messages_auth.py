"""Messages of sign-in, accounts and access control (``auth.*``, ``access.*``, ``role.*``)."""

from __future__ import annotations

AUTH_MESSAGES: dict[str, dict[str, str]] = {
    "access.denied": {
        "vi": "Tài khoản của bạn không có quyền làm việc này.",
        "en": "Your account is not allowed to do this.",
    },
    "auth.bad_credentials": {
        "vi": "Tên đăng nhập hoặc mật khẩu không đúng.",
        "en": "Wrong user name or password.",
    },
    "auth.throttled": {
        "vi": "Đã có nhiều lần đăng nhập không thành công. Hãy thử lại sau {seconds} giây.",
        "en": "Too many failed sign-ins. Try again in {seconds} seconds.",
    },
    "auth.bad_username": {
        "vi": "Tên đăng nhập gồm 2–80 ký tự: chữ thường không dấu, chữ số và . _ @ - (bắt đầu bằng chữ hoặc số).",
        "en": "A user name has 2–80 characters: lower-case letters, digits and . _ @ - (starting with a letter or digit).",
    },
    "auth.bad_role": {
        "vi": "vai trò '{role}' không có; các vai trò: {roles}",
        "en": "no role '{role}'; roles: {roles}",
    },
    "auth.unit_needed": {
        "vi": "Cán bộ đơn vị cần được gắn với một đơn vị có trong cơ sở dữ liệu.",
        "en": "A unit officer must be linked to a unit in the database.",
    },
    "auth.password_or_sso": {
        "vi": "Cần một mật khẩu hoặc một e-mail đăng nhập một lần (SSO).",
        "en": "A password or a single sign-on e-mail is needed.",
    },
    "auth.password_short": {
        "vi": "Mật khẩu cần ít nhất 10 ký tự.",
        "en": "A password needs at least 10 characters.",
    },
    "auth.password_has_name": {
        "vi": "Mật khẩu không được chứa tên đăng nhập.",
        "en": "A password must not contain the user name.",
    },
    "auth.password_repetitive": {
        "vi": "Mật khẩu quá đơn điệu; hãy dùng nhiều ký tự khác nhau.",
        "en": "The password is too repetitive; use more different characters.",
    },
    "auth.exists": {"vi": "Tài khoản '{username}' đã có.", "en": "Account '{username}' already exists."},
    "auth.no_such_user": {"vi": "Không có tài khoản '{username}'.", "en": "No account '{username}'."},
    "auth.wrong_old_password": {"vi": "Mật khẩu hiện tại không đúng.", "en": "The current password is wrong."},
    "auth.not_yourself": {
        "vi": "Không thể tự khóa tài khoản của chính mình.",
        "en": "You cannot deactivate your own account.",
    },
    "auth.passwords_differ": {"vi": "Hai mật khẩu mới không giống nhau.", "en": "The two new passwords differ."},
    "role.admin": {"vi": "Quản trị", "en": "Administrator"},
    "role.appraiser": {"vi": "Thẩm định (Sở Nội vụ)", "en": "Appraiser (Home Affairs)"},
    "role.unit_officer": {"vi": "Cán bộ đơn vị", "en": "Unit officer"},
    "role.leader": {"vi": "Lãnh đạo", "en": "Leader"},
    "role.viewer": {"vi": "Xem kết quả công bố", "en": "Viewer (published results)"},
    "cli.password_prompt": {"vi": "Mật khẩu: ", "en": "Password: "},
    "cli.password_again": {"vi": "Nhập lại mật khẩu: ", "en": "Password again: "},
    "cli.username_needed": {"vi": "Cần --username.", "en": "--username is required."},
    "cli.role_needed": {"vi": "Cần --role cho tài khoản mới.", "en": "--role is required for a new account."},
    "cli.inactive": {"vi": "đã khóa", "en": "deactivated"},
    "cli.user_added": {"vi": "Đã tạo tài khoản {username} ({role}).", "en": "Created account {username} ({role})."},
    "cli.password_set": {"vi": "Đã đặt mật khẩu mới cho {username}.", "en": "New password set for {username}."},
    "cli.user_disabled": {"vi": "Đã khóa tài khoản {username}.", "en": "Deactivated account {username}."},
    "cli.user_enabled": {"vi": "Đã mở lại tài khoản {username}.", "en": "Reactivated account {username}."},
    "ui.page_login": {"vi": "Đăng nhập", "en": "Sign in"},
    "ui.page_not_allowed": {"vi": "Không có quyền truy cập", "en": "Not allowed"},
    "ui.page_users": {"vi": "Người dùng", "en": "Users"},
    "ui.page_account": {"vi": "Tài khoản", "en": "Account"},
    "ui.signed_in_as": {"vi": "Đăng nhập: **{user}** · {role}", "en": "Signed in: **{user}** · {role}"},
    "ui.username": {"vi": "Tên đăng nhập", "en": "User name"},
    "ui.password": {"vi": "Mật khẩu", "en": "Password"},
    "ui.login": {"vi": "Đăng nhập", "en": "Sign in"},
    "ui.logout": {"vi": "Đăng xuất", "en": "Sign out"},
    "ui.sso_login": {"vi": "Đăng nhập bằng tài khoản cơ quan", "en": "Sign in with the office account"},
    "ui.or_password": {"vi": "hoặc bằng tên đăng nhập và mật khẩu:", "en": "or with a user name and password:"},
    "ui.no_accounts": {
        "vi": "Chưa có tài khoản nào. Quản trị viên tạo tài khoản đầu tiên trên máy chủ bằng lệnh dưới đây "
        "(mật khẩu được hỏi khi chạy lệnh).",
        "en": "There is no account yet. An administrator creates the first one on the server with the command "
        "below (it asks for the password).",
    },
    "ui.session_expired": {
        "vi": "Phiên làm việc đã hết hạn. Hãy đăng nhập lại.",
        "en": "Your session has expired. Please sign in again.",
    },
    "ui.sso_unknown": {
        "vi": "Tài khoản cơ quan này chưa được cấp quyền trong ứng dụng. Hãy liên hệ quản trị viên.",
        "en": "This office account has no access to the app yet. Please contact the administrator.",
    },
    "ui.signed_out": {"vi": "Đã đăng xuất.", "en": "Signed out."},
    "ui.change_password": {"vi": "Đổi mật khẩu", "en": "Change password"},
    "ui.old_password": {"vi": "Mật khẩu hiện tại", "en": "Current password"},
    "ui.new_password": {"vi": "Mật khẩu mới", "en": "New password"},
    "ui.new_password_again": {"vi": "Nhập lại mật khẩu mới", "en": "New password again"},
    "ui.password_changed": {"vi": "Đã đổi mật khẩu.", "en": "Password changed."},
    "ui.account_role": {"vi": "Vai trò", "en": "Role"},
    "ui.account_unit": {"vi": "Đơn vị", "en": "Unit"},
    "ui.account_since": {"vi": "Đăng nhập lúc", "en": "Signed in at"},
    "ui.users_list": {"vi": "Danh sách tài khoản", "en": "Accounts"},
    "ui.user_add": {"vi": "Thêm tài khoản", "en": "Add an account"},
    "ui.user_change": {"vi": "Sửa tài khoản", "en": "Change an account"},
    "ui.display_name": {"vi": "Họ và tên", "en": "Full name"},
    "ui.sso_email": {"vi": "E-mail đăng nhập một lần (nếu có)", "en": "Single sign-on e-mail (optional)"},
    "ui.user_added": {"vi": "Đã tạo tài khoản {username}.", "en": "Account {username} created."},
    "ui.user_saved": {"vi": "Đã lưu thay đổi cho {username}.", "en": "Saved changes to {username}."},
    "ui.user_active": {"vi": "Đang hoạt động", "en": "Active"},
    "ui.reset_password": {"vi": "Đặt lại mật khẩu (để trống: giữ nguyên)", "en": "Reset password (blank: keep)"},
    "ui.no_unit": {"vi": "— không —", "en": "— none —"},
    "ui.result_after_publish": {
        "vi": "Thứ hạng của đơn vị được xem khi kỳ đánh giá công bố kết quả.",
        "en": "The unit's rank is shown once the round is published.",
    },
    "ui.read_only": {
        "vi": "Chế độ chỉ xem: vai trò của bạn không sửa được bước này.",
        "en": "Read only: your role cannot change this stage.",
    },
    "ui.own_unit_not_here": {
        "vi": "Đơn vị của bạn không có trong dữ liệu đang chọn (bộ tiêu chí, năm, loại đơn vị).",
        "en": "Your unit is not in the chosen data (criteria set, year, unit type).",
    },
    "cli.no_accounts_hint": {
        "vi": "Chưa có tài khoản nào. Tạo quản trị viên đầu tiên trong thư mục ứng dụng: make admin "
        "(hoặc .venv/bin/python -m parindex users add --username quantri --role admin)",
        "en": "No account yet. Create the first admin in the app's folder: make admin "
        "(or .venv/bin/python -m parindex users add --username quantri --role admin)",
    },
    "cli.first_admin": {
        "vi": "Chưa có tài khoản nào: tạo tài khoản quản trị đầu tiên (mật khẩu ít nhất 10 ký tự).",
        "en": "No account yet: create the first administrator (a password of at least 10 characters).",
    },
    "cli.username_prompt": {"vi": "Tên đăng nhập [quantri]: ", "en": "User name [quantri]: "},
}
