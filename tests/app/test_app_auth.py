"""Sign-in in the app (AppTest): the form, its refusal, nothing secret left in session state, menus by role."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ACCOUNTS, ROOT, TEST_PASSWORD, signed_in_state


def signed_out_app(page: str | None = None, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    if page:
        at.switch_page(page)
    return at.run()


def state_values(at: AppTest) -> list[str]:
    return [repr(value) for value in at.session_state._state.filtered_state.values()]


@pytest.mark.parametrize("page", [None, "pages/cham_diem.py", "pages/nguoi_dung.py", "pages/ho_so.py"])
def test_signed_out_every_page_is_the_sign_in_form(page):
    at = signed_out_app(page, unit="Sở Tư pháp")
    assert [t.value for t in at.title] == ["Đăng nhập"]
    assert not at.dataframe and not at.metric and not at.exception
    assert [t.label for t in at.text_input] == ["Tên đăng nhập", "Mật khẩu"]


def sign_in_form() -> None:
    """The sign-in form alone, as a script (``app.py`` runs it on every address while signed out)."""
    from ui.auth_forms import login_form

    login_form()


def submit(username: str, password: str) -> AppTest:
    at = AppTest.from_function(sign_in_form, default_timeout=60).run()
    at.text_input[0].input(username)
    at.text_input[1].input(password)
    return at.button[0].click().run()


def test_a_wrong_password_is_refused_and_leaves_no_trace_in_session_state():
    at = submit(ACCOUNTS["leader"], "mat-khau-sai-hoan-toan")
    assert [e.value for e in at.error] == ["Tên đăng nhập hoặc mật khẩu không đúng."]
    assert "auth" not in at.session_state
    assert not any("mat-khau-sai-hoan-toan" in value for value in state_values(at))
    assert [t.value for t in at.text_input] == [ACCOUNTS["leader"], ""]  # the password is wiped at once


def test_signing_in_keeps_a_session_token_not_the_password():
    at = submit(ACCOUNTS["leader"], TEST_PASSWORD)
    assert not at.error and not at.exception
    assert not any(TEST_PASSWORD in value for value in state_values(at))
    assert set(at.session_state["auth"]) == {"token", "signed_in_at", "via"}
    assert at.session_state["cookie_to_write"] == at.session_state["auth"]["token"]


@pytest.mark.parametrize(
    ("role", "page", "allowed"),
    [
        ("viewer", "pages/cham_diem.py", False),
        ("viewer", "pages/mo_phong.py", False),
        ("unit_officer", "pages/lo_trinh.py", False),
        ("unit_officer", "pages/nhap_du_lieu.py", False),
        ("leader", "pages/nguoi_dung.py", False),
        ("appraiser", "pages/nguoi_dung.py", False),
        ("admin", "pages/nguoi_dung.py", True),
        ("unit_officer", "pages/cham_diem.py", True),
        ("viewer", "pages/cap_tinh.py", True),
    ],
)
def test_a_page_outside_the_role_shows_none_of_its_content(role, page, allowed):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.session_state["auth"] = signed_in_state(role)
    at.switch_page(page)
    at.run()
    assert not at.exception
    titles = [t.value for t in at.title]
    if allowed:
        assert titles and titles != ["Không có quyền truy cập"]
    else:
        assert titles == ["Không có quyền truy cập"]
        assert not at.dataframe and not at.metric and not at.text_input and not at.file_uploader
        assert "Tài khoản của bạn không có quyền làm việc này." in [w.value for w in at.warning]


def test_a_unit_officer_scores_only_their_own_unit_and_only_their_self_assessment():
    from parindex.cli import main

    assert main(["db", "upgrade", "--seed"]) == 0
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.session_state["auth"] = signed_in_state("unit_officer")
    at.switch_page("pages/cham_diem.py")
    at.run()
    assert not at.exception
    assert at.selectbox(key="score_unit").options == ["Sở Tư pháp"]
    assert not [d for d in at.dataframe if "Số tiêu chí" in d.value.columns]  # no board of every unit
    assert "Thứ hạng của đơn vị được xem khi kỳ đánh giá công bố kết quả." in [c.value for c in at.caption]


def test_the_users_page_lists_accounts_without_hashes():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.session_state["auth"] = signed_in_state("admin")
    at.switch_page("pages/nguoi_dung.py")
    at.run()
    assert not at.exception
    table = at.dataframe[0].value
    assert set(ACCOUNTS.values()) <= set(table["Tên đăng nhập"])
    assert not any("scrypt$" in str(v) for v in table.to_numpy().ravel())


def test_adding_an_account_is_confirmed_and_the_list_read_again(database):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.session_state["auth"] = signed_in_state("admin", database)
    at.switch_page("pages/nguoi_dung.py")
    at.run()
    form = {t.label: t for t in at.text_input if t.key is None}
    form["Tên đăng nhập"].input("can_bo_moi")
    form["Họ và tên"].input("Cán bộ mới")
    form["Mật khẩu"].input(TEST_PASSWORD)
    next(b for b in at.button if b.label == "Thêm tài khoản").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "Đã tạo tài khoản can\\_bo\\_moi." in [toast.value for toast in at.toast]  # the name shown as typed
    assert "can_bo_moi" in at.dataframe[0].value["Tên đăng nhập"].tolist()


def test_an_account_changed_by_another_admin_after_the_form_was_drawn_is_not_overwritten(database):
    """The form shows lanhdao as a leader; another admin makes them a viewer; this admin's change from the older
    form is refused with the account's name, and the viewer role stays. From the redrawn form it goes through."""
    from sqlalchemy import select

    from parindex import db
    from parindex.accounts import Actor, set_role
    from parindex.db import User

    def role_now() -> str:
        engine = db.make_engine(database)
        with db.sessions(engine)() as session:
            role = session.scalar(select(User.role).where(User.username == "lanhdao"))
        engine.dispose()
        return role

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.session_state["auth"] = signed_in_state("admin", database)
    at.switch_page("pages/nguoi_dung.py")
    at.run()
    at.selectbox(key="change_username").select("lanhdao").run()
    engine = db.make_engine(database)
    with db.sessions(engine).begin() as session:
        set_role(session, Actor.system("quantri_khac"), "lanhdao", "viewer")
    engine.dispose()
    role_box = [s for s in at.selectbox if s.label == "Vai trò"][-1]
    role_box.select_index(role_box.options.index("Thẩm định (Sở Nội vụ)"))
    next(b for b in at.button if b.label == "Sửa tài khoản").click().run()
    assert not at.exception
    assert any("lanhdao" in e.value.replace("\\", "") and "người khác" in e.value for e in at.error)
    assert role_now() == "viewer"
    role_box = [s for s in at.selectbox if s.label == "Vai trò"][-1]
    role_box.select_index(role_box.options.index("Thẩm định (Sở Nội vụ)"))
    next(b for b in at.button if b.label == "Sửa tài khoản").click().run()
    assert not at.exception and not at.error
    assert role_now() == "appraiser"


def test_single_sign_on_is_offered_when_the_office_provider_is_configured():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.secrets["auth"] = {
        "redirect_uri": "https://parindex.tinh.gov.vn/oauth2callback",
        "cookie_secret": "x" * 32,
        "client_id": "parindex",
        "client_secret": "y",
        "server_metadata_url": "https://sso.tinh.gov.vn/.well-known/openid-configuration",
    }
    at.run()
    assert not at.exception
    assert "Đăng nhập bằng tài khoản cơ quan" in [b.label for b in at.button]
    assert "Đăng nhập bằng tài khoản cơ quan" not in [b.label for b in signed_out_app().button]


@pytest.mark.parametrize("role", ["viewer", "unit_officer"])
def test_an_empty_view_offers_the_import_page_only_to_roles_that_have_it(role):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.session_state["auth"] = signed_in_state(role)
    at.query_params.update({"set": "tinh-876-2022", "year": "2022", "type": "tinh"})
    at.run()
    assert not at.exception
    assert any("Chưa có số liệu năm 2022" in i.value for i in at.info)
