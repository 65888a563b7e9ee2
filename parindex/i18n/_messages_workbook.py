"""Messages of the per-unit self-assessment workbook (``workbook.*``) and its problems (``problem.wb_*``).

Kept apart so they can be written while the main catalogue is being edited; the catalogue merges
``WORKBOOK_MESSAGES`` like it merges the app's and the planner's messages. Every entry has
Vietnamese and English text with the same ``{placeholders}``. Column headings are also what the
reader looks for, in either language, so changing one changes which workbooks can be read back.
"""

from __future__ import annotations

WORKBOOK_MESSAGES: dict[str, dict[str, str]] = {
    # sheet titles (at most 31 characters once filled in; longer names are cut)
    "workbook.sheet_cover": {"vi": "Thông tin chung", "en": "Cover"},
    "workbook.sheet_field": {"vi": "LV{id} {name}", "en": "F{id} {name}"},
    "workbook.sheet_extra": {"vi": "Điểm thưởng, điểm trừ", "en": "Bonus and penalty"},
    # cover sheet
    "workbook.title": {
        "vi": "Phiếu tự đánh giá Chỉ số cải cách hành chính năm {year}",
        "en": "PAR Index self-assessment {year}",
    },
    "workbook.set": {"vi": "Bộ tiêu chí", "en": "Criteria set"},
    "workbook.decision": {"vi": "Văn bản", "en": "Decision"},
    "workbook.unit": {"vi": "Đơn vị", "en": "Unit"},
    "workbook.unit_type": {"vi": "Loại đơn vị", "en": "Unit type"},
    "workbook.year": {"vi": "Năm đánh giá", "en": "Year assessed"},
    "workbook.max_points": {"vi": "Điểm tối đa", "en": "Maximum points"},
    "workbook.instructions": {"vi": "Hướng dẫn", "en": "Instructions"},
    "workbook.instr_rows": {
        "vi": "Mỗi sheet “LV…” là một lĩnh vực; mỗi dòng có mã là một tiêu chí thành phần cần tự đánh giá.",
        "en": "Each “F…” sheet is one field; each row with an id is one sub-criterion to assess.",
    },
    "workbook.instr_value": {
        "vi": "Nhập giá trị vào cột “{value}”; cột “{hint}” cho biết cần nhập gì, cột “{rule}” cho biết cách tính điểm.",
        "en": "Type the value in the column “{value}”; “{hint}” says what to type and “{rule}” how points are given.",
    },
    "workbook.instr_numbers": {
        "vi": "Số thập phân dùng dấu phẩy hoặc dấu chấm (99,7 hoặc 99.7); tỷ lệ có thể ghi tử/mẫu (312.085/328.813).",
        "en": "Decimals may use a comma or a point (99,7 or 99.7); a ratio may be typed as count/total (312085/328813).",
    },
    "workbook.instr_kad": {
        "vi": "Nhập KAD nếu tiêu chí không áp dụng với đơn vị; để trống nếu chưa có số liệu.",
        "en": "Type KAD when a criterion does not apply to the unit; leave it empty when there is no figure yet.",
    },
    "workbook.instr_evidence": {
        "vi": "Ghi tài liệu kiểm chứng ở các cột “{number}”, “{date}” (ngày/tháng/năm), “{issuer}”, “{description}”.",
        "en": "Record the evidence in “{number}”, “{date}” (day/month/year), “{issuer}” and “{description}”.",
    },
    "workbook.instr_more_evidence": {
        "vi": "Nhiều tài liệu cho một tiêu chí: chèn thêm dòng ngay bên dưới dòng tiêu chí, để trống cột mã.",
        "en": "Several documents for one criterion: insert rows right below its row and leave the id empty.",
    },
    "workbook.instr_locked": {
        "vi": "Không sửa mã, tên, điểm tối đa, cách tính; không đổi tên hay xóa sheet. Các ô này đã được khóa.",
        "en": "Do not change ids, names, maxima or rules, and do not rename or delete sheets; those cells are locked.",
    },
    "workbook.instr_formula": {
        "vi": "Không dùng công thức (ô bắt đầu bằng dấu =): chương trình chỉ nhận giá trị nhập trực tiếp.",
        "en": "Do not use formulas (cells starting with =): only values typed in are accepted.",
    },
    "workbook.instr_extra": {
        "vi": "Điểm thưởng và điểm trừ được kê khai ở sheet “{sheet}”.",
        "en": "Bonus and penalty items are on the sheet “{sheet}”.",
    },
    "workbook.instr_return": {
        "vi": "Lưu tệp dưới dạng .xlsx và gửi lại Sở Nội vụ; chương trình kiểm tra đúng đơn vị, năm và bộ tiêu chí.",
        "en": "Save the file as .xlsx and send it back; the program checks the unit, year and criteria set.",
    },
    "workbook.fields": {"vi": "Các lĩnh vực", "en": "Fields"},
    "workbook.col_sheet": {"vi": "Sheet", "en": "Sheet"},
    "workbook.col_field": {"vi": "Lĩnh vực", "en": "Field"},
    # field sheets
    "workbook.field_heading": {
        "vi": "Lĩnh vực {id}: {name} (tối đa {max} điểm)",
        "en": "Field {id}: {name} (maximum {max} points)",
    },
    "workbook.extra_heading": {"vi": "Điểm thưởng và điểm trừ", "en": "Bonus and penalty points"},
    "workbook.bonus_heading": {
        "vi": "Điểm thưởng (tổng không quá {cap} điểm)",
        "en": "Bonus points (at most {cap} in total)",
    },
    "workbook.penalty_heading": {
        "vi": "Điểm trừ (tổng không quá {cap} điểm)",
        "en": "Penalty points (at most {cap} in total)",
    },
    # column headings: the reader finds columns by these words, in either language
    "workbook.col_id": {"vi": "Mã", "en": "Id"},
    "workbook.col_name": {"vi": "Tiêu chí", "en": "Criterion"},
    "workbook.col_max": {"vi": "Điểm tối đa", "en": "Max points"},
    "workbook.col_rule": {"vi": "Cách tính điểm", "en": "How points are given"},
    "workbook.col_hint": {"vi": "Cách nhập", "en": "What to type"},
    "workbook.col_required": {"vi": "Tài liệu kiểm chứng cần có", "en": "Evidence required"},
    "workbook.col_value": {"vi": "Giá trị tự đánh giá", "en": "Self-assessed value"},
    "workbook.col_ev_number": {"vi": "Số văn bản kiểm chứng", "en": "Evidence document number"},
    "workbook.col_ev_date": {"vi": "Ngày văn bản", "en": "Document date"},
    "workbook.col_ev_issuer": {"vi": "Cơ quan ban hành", "en": "Issued by"},
    "workbook.col_ev_description": {"vi": "Trích yếu hoặc đường dẫn", "en": "Description or link"},
    # changes preview
    "workbook.col_old": {"vi": "Giá trị cũ", "en": "Old value"},
    "workbook.col_new": {"vi": "Giá trị mới", "en": "New value"},
    "workbook.col_points_old": {"vi": "Điểm cũ", "en": "Old points"},
    "workbook.col_points_new": {"vi": "Điểm mới", "en": "New points"},
    "workbook.unreadable": {"vi": "không đọc được", "en": "unreadable"},
    # problems in a returned workbook
    "problem.wb_no_metadata": {
        "vi": "tệp không phải phiếu tự đánh giá do chương trình tạo ra (thiếu sheet ẩn '{title}')",
        "en": "the file is not a self-assessment workbook made by this program (hidden sheet '{title}' is missing)",
    },
    "problem.wb_format": {
        "vi": "phiếu có định dạng '{found}', chương trình chỉ đọc được '{supported}'",
        "en": "the workbook format is '{found}'; this program reads '{supported}'",
    },
    "problem.wb_bad_metadata": {
        "vi": "thông tin ẩn '{key}' của phiếu bị hỏng hoặc bị xóa; hãy dùng lại phiếu gốc",
        "en": "the hidden entry '{key}' of the workbook is damaged or missing; start again from the original file",
    },
    "problem.wb_wrong_set": {
        "vi": "phiếu được lập theo bộ tiêu chí '{found}', không phải '{expected}'",
        "en": "the workbook was made for criteria set '{found}', not '{expected}'",
    },
    "problem.wb_wrong_unit": {
        "vi": "phiếu của đơn vị '{found}', không phải '{expected}'",
        "en": "the workbook belongs to '{found}', not '{expected}'",
    },
    "problem.wb_missing_sheet": {
        "vi": "thiếu sheet '{title}' (lĩnh vực {field}: {name}); không đổi tên hay xóa sheet",
        "en": "sheet '{title}' (field {field}: {name}) is missing; sheets must not be renamed or deleted",
    },
    "problem.wb_missing_column": {
        "vi": "thiếu cột “{vi}” ({en})",
        "en": "the column “{en}” ({vi}) is missing",
    },
    "problem.wb_duplicate_column": {
        "vi": "cột “{header}” xuất hiện hai lần (lần đầu ở cột {first})",
        "en": "the column “{header}” appears twice (first in column {first})",
    },
    "problem.wb_unknown_id": {
        "vi": "mã '{id}' không có trong bộ tiêu chí '{set}'",
        "en": "id '{id}' is not in criteria set '{set}'",
    },
    "problem.wb_duplicate_id": {
        "vi": "mã '{id}' xuất hiện hai lần (lần đầu ở dòng {first_row}, sheet '{first_sheet}')",
        "en": "id '{id}' appears twice (first in row {first_row} of sheet '{first_sheet}')",
    },
    "problem.wb_missing_id": {
        "vi": "thiếu dòng của tiêu chí {id} ({name})",
        "en": "the row of criterion {id} ({name}) is missing",
    },
    "problem.wb_hidden_sheet": {
        "vi": "sheet '{title}' đang bị ẩn; chương trình không đọc sheet ẩn: hãy bỏ ẩn (Unhide) rồi gửi lại",
        "en": "sheet '{title}' is hidden; hidden sheets are not read: unhide it and send the file again",
    },
    "problem.wb_formula": {
        "vi": "ô chứa công thức '{formula}'; hãy nhập giá trị thay cho công thức",
        "en": "the cell holds the formula '{formula}'; type a value instead",
    },
    "problem.wb_bad_date": {
        "vi": "'{value}' không phải ngày; nhập theo dạng ngày/tháng/năm, ví dụ 15/03/2025",
        "en": "'{value}' is not a date; type day/month/year, e.g. 15/03/2025",
    },
    "problem.wb_value_date": {
        "vi": "Excel đã đổi giá trị thành ngày {value}; định dạng ô là Văn bản (Text) rồi nhập lại",
        "en": "Excel turned the value into the date {value}; format the cell as Text and type it again",
    },
    "problem.wb_value_without_id": {
        "vi": "dòng có giá trị tự đánh giá nhưng không có mã tiêu chí",
        "en": "the row has a self-assessed value but no criterion id",
    },
    "problem.wb_evidence_without_id": {
        "vi": "tài liệu kiểm chứng không thuộc tiêu chí nào; đặt ngay dưới dòng của tiêu chí",
        "en": "the evidence belongs to no criterion; put it right below the criterion's row",
    },
    "problem.wb_heading_value": {
        "vi": "dòng '{id}' là tiêu chí có tiêu chí thành phần, không nhận giá trị; nhập ở các dòng bên dưới",
        "en": "row '{id}' is a criterion with sub-criteria and takes no value; use the rows below it",
    },
}
