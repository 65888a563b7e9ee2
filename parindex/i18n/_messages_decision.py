"""Messages of the decision-table import, the guidance grammar, the comparison of two sets and the export.

Merged into the catalogue like the other ``messages_*`` modules. Every entry has Vietnamese and
English text with the same ``{placeholders}``.
"""

from __future__ import annotations

DECISION_MESSAGES: dict[str, dict[str, str]] = {
    # reading the table
    "problem.decision_bad_type": {
        "vi": "chỉ đọc được bảng phụ lục dạng .docx hoặc .xlsx",
        "en": "only .docx or .xlsx appendix tables can be read",
    },
    "problem.decision_unreadable": {
        "vi": "không mở được tệp ({detail}); tệp có đúng là Word/Excel không?",
        "en": "the file cannot be opened ({detail}); is it really a Word/Excel file?",
    },
    "problem.decision_no_header": {
        "vi": "không thấy dòng tiêu đề của bảng (cần các cột 'STT', 'Tiêu chí' và 'Điểm tối đa')",
        "en": "no header row found (the table needs columns 'STT', 'Tiêu chí' and 'Điểm tối đa')",
    },
    "problem.decision_no_number": {
        "vi": "không đọc được số thứ tự '{text}' (dùng I, II…; 1, 2…; 1.1, 1.2…; a), b)…)",
        "en": "the number '{text}' cannot be read (use I, II…; 1, 2…; 1.1, 1.2…; a), b)…)",
    },
    "problem.decision_bad_max": {
        "vi": "điểm tối đa '{value}' không phải là một con số",
        "en": "the maximum '{value}' is not a number",
    },
    "problem.decision_too_deep": {
        "vi": "mục '{number}' nằm sâu quá ba cấp (lĩnh vực → tiêu chí → tiêu chí thành phần); "
        "hãy gộp nó vào hướng dẫn chấm của mục trên",
        "en": "item '{number}' is deeper than three levels (field → criterion → sub-criterion); "
        "merge it into the guidance of the item above",
    },
    "problem.decision_no_max": {
        "vi": "'{id}' chưa có điểm tối đa",
        "en": "'{id}' has no maximum",
    },
    "problem.decision_empty_field": {
        "vi": "lĩnh vực '{id}' không có tiêu chí nào",
        "en": "field '{id}' has no criteria",
    },
    "problem.decision_sum": {
        "vi": "điểm tối đa của '{id}' ghi {stated}, nhưng các mục con cộng lại được {sum}",
        "en": "the maximum of '{id}' is stated as {stated}, but the items under it add up to {sum}",
    },
    "problem.decision_no_fields": {
        "vi": "bảng không có lĩnh vực nào (dòng đánh số I, II… hoặc 1, 2…)",
        "en": "the table has no fields (rows numbered I, II… or 1, 2…)",
    },
    # why a phrase needs review
    "guidance.empty": {"vi": "chưa có hướng dẫn chấm", "en": "no scoring guidance"},
    "guidance.no_pattern": {
        "vi": "câu chữ không khớp mẫu nào của ngữ pháp",
        "en": "the words match no pattern of the grammar",
    },
    "guidance.points_out_of_range": {
        "vi": "số điểm nêu trong hướng dẫn vượt điểm tối đa",
        "en": "the points in the guidance exceed the maximum",
    },
    "guidance.extra_clauses": {
        "vi": "ngoài cách tính theo số lượng còn có điều kiện khác",
        "en": "besides the per-item rule there are other conditions",
    },
    "guidance.survey_outside": {
        "vi": "điều tra xã hội học không dùng cho điểm thưởng/điểm trừ",
        "en": "a survey cannot score a bonus or penalty item",
    },
    "guidance.unscored_clause": {
        "vi": "có ý không nêu số điểm",
        "en": "a clause states no points",
    },
    "guidance.one_off_deduction": {
        "vi": "trừ điểm một lần (không theo 'mỗi …') chưa có cách tính tương ứng",
        "en": "a one-off deduction (not 'per …') has no matching rule",
    },
    "guidance.one_clause": {"vi": "chỉ có một mức điểm", "en": "only one level of points"},
    "guidance.level_labels": {"vi": "tên các mức trống hoặc trùng nhau", "en": "level names empty or repeated"},
    "guidance.levels_order": {
        "vi": "các mức không xếp từ điểm cao xuống thấp",
        "en": "the levels are not ordered from most points down",
    },
    "guidance.top_not_max": {
        "vi": "mức cao nhất không bằng điểm tối đa",
        "en": "the best level is not worth the maximum",
    },
    "guidance.mixed_units": {
        "vi": "các khoảng dùng đơn vị khác nhau",
        "en": "the ranges use different units",
    },
    "guidance.mixed_clauses": {
        "vi": "có ý là khoảng số, có ý là mức đánh giá",
        "en": "some clauses are numeric ranges, others are levels",
    },
    "guidance.strict_bound": {
        "vi": "cận 'trên …'/'dưới …' của khoảng được điểm không biểu diễn được (chỉ 'từ … trở lên/xuống')",
        "en": "a strict bound ('above …'/'below …') on a scoring band cannot be expressed (only 'at least/at most')",
    },
    "guidance.band_gap": {
        "vi": "các khoảng bị hở hoặc chồng lên nhau",
        "en": "the ranges leave a gap or overlap",
    },
    "guidance.no_points": {"vi": "không khoảng nào được điểm", "en": "no range earns points"},
    "guidance.linear_anchors": {
        "vi": "tính theo tỷ lệ nhưng không rõ mốc 0 điểm và mốc điểm tối đa",
        "en": "proportional, but the 0-point and full-point marks are unclear",
    },
    # command line
    "cli.decision_parsed": {
        "vi": "{file}: {fields} lĩnh vực, {criteria} tiêu chí, {leaves} mục chấm điểm; "
        "{exact} đọc được quy tắc, {review} cần xem lại",
        "en": "{file}: {fields} fields, {criteria} criteria, {leaves} scored items; "
        "{exact} rules read, {review} need review",
    },
    "cli.decision_row": {
        "vi": "  dòng {row}  {id:<8} {kind:<10} {rule}",
        "en": "  row {row}  {id:<8} {kind:<10} {rule}",
    },
    "cli.decision_review_head": {"vi": "Cần xem lại (đang để 'manual'):", "en": "Needs review (left 'manual'):"},
    "cli.decision_review_row": {
        "vi": '  dòng {row}  {id}: {reason} — "{words}"',
        "en": '  row {row}  {id}: {reason} — "{words}"',
    },
    "cli.decision_defaults": {
        "vi": "Lấy mặc định, cần kiểm tra: {keys}",
        "en": "Taken from defaults, to be checked: {keys}",
    },
    "cli.decision_written": {"vi": "Đã ghi {file}.", "en": "Wrote {file}."},
    "cli.diff_none": {
        "vi": "Hai bộ tiêu chí giống nhau (cấu trúc, điểm, cách tính).",
        "en": "The two sets are the same (structure, maxima, rules).",
    },
    "cli.diff_summary": {
        "vi": "Thêm {added}, bỏ {removed}, đổi tên {renamed}, chuyển chỗ {moved}, đổi điểm {max}, đổi cách tính {rule}",
        "en": "Added {added}, removed {removed}, renamed {renamed}, moved {moved}, maxima {max}, rules {rule}",
    },
    "problem.export_bad_out": {
        "vi": "tệp xuất phải là .docx hoặc .xlsx",
        "en": "the output file must be .docx or .xlsx",
    },
    # set keys a table does not state
    "decision.key_id": {"vi": "mã bộ tiêu chí", "en": "set id"},
    "decision.key_name": {"vi": "tên bộ tiêu chí", "en": "set name"},
    "decision.key_decision": {"vi": "quyết định ban hành", "en": "decision"},
    "decision.key_years": {"vi": "năm áp dụng", "en": "years"},
    "decision.key_unit_types": {"vi": "loại đơn vị", "en": "unit types"},
    "decision.key_grades": {"vi": "xếp loại", "en": "grades"},
    # kinds of change
    "diff.added": {"vi": "thêm", "en": "added"},
    "diff.removed": {"vi": "bỏ", "en": "removed"},
    "diff.renamed": {"vi": "đổi tên", "en": "renamed"},
    "diff.moved": {"vi": "chuyển chỗ / đổi mã", "en": "moved / renumbered"},
    "diff.max": {"vi": "đổi điểm tối đa", "en": "maximum changed"},
    "diff.rule": {"vi": "đổi cách tính", "en": "rule changed"},
    "diff.col_kind": {"vi": "Thay đổi", "en": "Change"},
    "diff.col_before": {"vi": "Trước", "en": "Before"},
    "diff.col_after": {"vi": "Sau", "en": "After"},
    "diff.col_id_before": {"vi": "Mã cũ", "en": "Old code"},
    "diff.col_id_after": {"vi": "Mã mới", "en": "New code"},
    # the page
    "ui.decision_title": {
        "vi": "Nhập bảng tiêu chí từ quyết định của tỉnh",
        "en": "Import the criteria table of a decision",
    },
    "ui.decision_hint": {
        "vi": "Tải lên phụ lục của quyết định (.docx hoặc .xlsx). Bảng được đọc theo số thứ tự, hướng dẫn chấm "
        "được chuyển thành cách tính điểm; dòng nào chưa đọc được sẽ để Hội đồng cho điểm và được đánh dấu để xem "
        "lại. Sửa trực tiếp trong bảng, kiểm tra rồi cài đặt.",
        "en": "Upload the decision's appendix (.docx or .xlsx). The table is read by its numbering and the guidance "
        "becomes a scoring rule; rows that cannot be read are left for the council to score and flagged for review. "
        "Correct them in the table, check, then install.",
    },
    "ui.upload_decision": {"vi": "Bảng phụ lục (.docx, .xlsx)", "en": "Appendix table (.docx, .xlsx)"},
    "ui.decision_parsed": {
        "vi": "Đọc được {leaves} mục chấm điểm: {exact} có cách tính, {review} cần xem lại.",
        "en": "{leaves} scored items read: {exact} with a rule, {review} to review.",
    },
    "ui.decision_defaults": {
        "vi": "Bảng không ghi {keys}: đang dùng giá trị mặc định, hãy kiểm tra ở trên.",
        "en": "The table does not state {keys}: defaults are used, check them above.",
    },
    "ui.decision_set_id": {"vi": "Mã bộ tiêu chí", "en": "Set id"},
    "ui.decision_set_name": {"vi": "Tên bộ tiêu chí", "en": "Set name"},
    "ui.decision_decision": {"vi": "Quyết định ban hành", "en": "Decision"},
    "ui.decision_years": {"vi": "Năm áp dụng (cách nhau bởi dấu phẩy)", "en": "Years (comma separated)"},
    "ui.decision_unit_types": {"vi": "Loại đơn vị", "en": "Unit types"},
    "ui.decision_col_row": {"vi": "Dòng", "en": "Row"},
    "ui.decision_col_level": {"vi": "Cấp", "en": "Level"},
    "ui.decision_col_guidance": {"vi": "Hướng dẫn chấm (nguyên văn)", "en": "Guidance (as written)"},
    "ui.decision_col_kind": {"vi": "Cách tính", "en": "Rule kind"},
    "ui.decision_col_rule": {"vi": "Quy tắc đọc được", "en": "Parsed rule"},
    "ui.decision_col_examples": {"vi": "Điểm ở vài giá trị", "en": "Points at a few values"},
    "ui.decision_col_review": {"vi": "Cần xem lại", "en": "To review"},
    "ui.decision_check": {"vi": "Kiểm tra bộ tiêu chí", "en": "Check the set"},
    "ui.decision_valid": {
        "vi": "Bộ tiêu chí '{id}' hợp lệ: {fields} lĩnh vực, {criteria} tiêu chí, tối đa {max} điểm.",
        "en": "Set '{id}' is valid: {fields} fields, {criteria} criteria, {max} points.",
    },
    "ui.decision_download_yaml": {"vi": "Tải tệp YAML", "en": "Download the YAML"},
    "ui.decision_level_field": {"vi": "lĩnh vực", "en": "field"},
    "ui.decision_level_criterion": {"vi": "tiêu chí", "en": "criterion"},
    "ui.decision_level_leaf": {"vi": "tiêu chí thành phần", "en": "sub-criterion"},
    "ui.decision_level_section": {"vi": "mục thưởng/trừ", "en": "bonus/penalty"},
    "ui.decision_level_item": {"vi": "điểm thưởng/trừ", "en": "bonus/penalty item"},
    "ui.decision_level_total": {"vi": "tổng", "en": "total"},
    "ui.compare_title": {"vi": "So sánh hai bộ tiêu chí", "en": "Compare two sets"},
    "ui.compare_before": {"vi": "Bộ năm trước", "en": "Earlier set"},
    "ui.compare_after": {"vi": "Bộ năm sau", "en": "Later set"},
    "ui.export_title": {"vi": "Xuất phụ lục quyết định", "en": "Export the decision appendix"},
    "ui.export_docx": {"vi": "Tải phụ lục (.docx)", "en": "Download the appendix (.docx)"},
    "ui.export_xlsx": {"vi": "Tải phụ lục (.xlsx)", "en": "Download the appendix (.xlsx)"},
    "ui.col_guidance": {"vi": "Hướng dẫn chấm", "en": "Guidance"},
}
