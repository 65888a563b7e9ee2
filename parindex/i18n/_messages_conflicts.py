"""Messages about conflicting writes (lost updates): the core's errors and the conflict table's words."""

from __future__ import annotations

CONFLICT_MESSAGES: dict[str, dict[str, str]] = {
    "conflict.undecided": {
        "vi": "{count} ô đã được người khác sửa sau khi tệp/bảng của bạn được lấy ra; chọn giữ giá trị nào "
        "cho từng ô rồi lưu lại. Chưa lưu gì.",
        "en": "{count} cells were changed by someone else after your file or screen was taken; choose which value "
        "to keep for each, then save again. Nothing was saved.",
    },
    "conflict.stale": {
        "vi": "Số liệu trong kỳ vừa thay đổi sau khi bạn xem trước ({count} ô); chưa lưu gì. Xem lại bảng "
        "xung đột mới rồi quyết định.",
        "en": "The round changed after your preview ({count} cells); nothing was saved. Review the new conflicts, "
        "then decide.",
    },
    "conflict.title": {
        "vi": "**{count}** ô xung đột: người khác đã sửa sau khi bạn lấy số liệu. Chưa ghi đè gì; chọn giữ "
        "giá trị của bạn hay giá trị hiện có cho từng ô.",
        "en": "**{count}** conflicting cells: someone else changed them after you took your copy. Nothing is "
        "overwritten; choose for each whether to keep your value or theirs.",
    },
    "conflict.col_unit": {"vi": "Đơn vị", "en": "Unit"},
    "conflict.col_id": {"vi": "Mã", "en": "Id"},
    "conflict.col_theirs": {"vi": "Giá trị hiện có", "en": "Their value"},
    "conflict.col_by": {"vi": "Người sửa", "en": "Changed by"},
    "conflict.col_at": {"vi": "Lúc", "en": "At"},
    "conflict.col_mine": {"vi": "Giá trị của bạn", "en": "Your value"},
    "conflict.col_base": {"vi": "Giá trị lúc lấy ra", "en": "Value when taken"},
    "conflict.col_choice": {"vi": "Giữ", "en": "Keep"},
    "conflict.keep_mine": {"vi": "Giữ của tôi", "en": "Keep mine"},
    "conflict.keep_theirs": {"vi": "Giữ hiện có", "en": "Keep theirs"},
    "conflict.all_mine": {"vi": "Giữ tất cả của tôi", "en": "Keep all mine"},
    "conflict.all_theirs": {"vi": "Giữ tất cả hiện có", "en": "Keep all theirs"},
    "conflict.apply": {"vi": "Lưu theo lựa chọn", "en": "Save with these choices"},
    "conflict.cancel": {"vi": "Hủy, không lưu gì", "en": "Cancel, save nothing"},
    "conflict.cancelled": {"vi": "Đã hủy; không lưu gì.", "en": "Cancelled; nothing was saved."},
    "conflict.choose_all": {
        "vi": "Còn {count} ô chưa chọn giữ giá trị nào.",
        "en": "{count} cells still need a choice.",
    },
    "conflict.kept": {
        "vi": "{count} ô bạn không sửa nhưng người khác đã sửa: giữ giá trị hiện có.",
        "en": "{count} cells you left as they were but someone else changed: their value stays.",
    },
    "conflict.empty": {"vi": "(trống)", "en": "(empty)"},
    "conflict.changes": {"vi": "**{count}** ô sẽ được ghi:", "en": "**{count}** cells will be written:"},
    "conflict.col_old": {"vi": "Giá trị cũ", "en": "Old value"},
    "conflict.col_new": {"vi": "Giá trị mới", "en": "New value"},
}
