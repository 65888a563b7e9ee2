"""The message catalogue: every sentence a user can see, in Vietnamese and English.

Keys are grouped by prefix: ``problem.*`` for problems in a user's file (see
:class:`parindex.errors.Problem`), ``loc.*`` for locations, ``cli.*`` for the command line,
``col.*`` for column headings, ``rule.*`` for rule descriptions, ``ui.*`` for the app.
"""

from __future__ import annotations

from ._messages_analysis import ANALYSIS_MESSAGES
from ._messages_auth import AUTH_MESSAGES
from ._messages_conflicts import CONFLICT_MESSAGES
from ._messages_decision import DECISION_MESSAGES
from ._messages_limits import LIMIT_MESSAGES
from ._messages_national import NATIONAL_MESSAGES
from ._messages_plan import PLAN_MESSAGES
from ._messages_reports import REPORT_MESSAGES
from ._messages_safety import SAFETY_MESSAGES
from ._messages_ui import UI_MESSAGES
from ._messages_workbook import WORKBOOK_MESSAGES

MESSAGES: dict[str, dict[str, str]] = {
    # locations
    "loc.row": {"vi": "dòng {row}", "en": "row {row}"},
    "loc.column": {"vi": "cột {column}", "en": "column {column}"},
    # problems in a criteria-set YAML file
    "problem.set_id_for_file": {
        "vi": "mã bộ tiêu chí '{id}' không dùng làm tên tệp được (chỉ chữ thường không dấu, số, . _ -)",
        "en": "set id '{id}' cannot name a file (lower-case letters, digits, . _ - only)",
    },
    "problem.set_exists": {
        "vi": "đã có bộ tiêu chí '{id}' ({file}); chọn thay thế nếu muốn ghi đè",
        "en": "set '{id}' already exists ({file}); choose replace to overwrite it",
    },
    "problem.yaml_syntax": {"vi": "lỗi cú pháp YAML: {detail}", "en": "YAML syntax error: {detail}"},
    "problem.not_utf8": {"vi": "tệp không ở mã UTF-8", "en": "the file is not UTF-8 text"},
    "problem.cannot_read": {"vi": "không đọc được tệp: {detail}", "en": "cannot read the file: {detail}"},
    "problem.duplicate_key": {
        "vi": "khóa '{key}' xuất hiện hai lần ở cùng một chỗ",
        "en": "key '{key}' appears twice in the same place",
    },
    "problem.unknown_key": {
        "vi": "khóa không hợp lệ '{key}' (có thể gõ nhầm); các khóa được dùng: {allowed}",
        "en": "unknown key '{key}' (a typo?); allowed keys: {allowed}",
    },
    "problem.expected_mapping": {
        "vi": "cần một nhóm khóa: giá trị (mapping)",
        "en": "expected a mapping of key: value",
    },
    "problem.missing_key": {"vi": "thiếu khóa bắt buộc '{key}'", "en": "required key '{key}' is missing"},
    "problem.expected_text": {"vi": "'{key}' phải là một đoạn chữ", "en": "'{key}' must be text"},
    "problem.expected_number": {
        "vi": "'{key}' phải là một số, không phải '{value}'",
        "en": "'{key}' must be a number, not '{value}'",
    },
    "problem.expected_positive": {
        "vi": "'{key}' phải lớn hơn 0 (đang là {value})",
        "en": "'{key}' must be greater than 0 (it is {value})",
    },
    "problem.expected_list": {
        "vi": "'{key}' phải là một danh sách (các dòng bắt đầu bằng '- ')",
        "en": "'{key}' must be a list (lines starting with '- ')",
    },
    "problem.empty_list": {"vi": "danh sách '{key}' đang trống", "en": "the list '{key}' is empty"},
    "problem.expected_bool": {"vi": "'{key}' phải là true hoặc false", "en": "'{key}' must be true or false"},
    "problem.bad_choice": {
        "vi": "giá trị '{value}' của '{key}' không hợp lệ; chọn một trong: {options}",
        "en": "'{value}' is not a valid '{key}'; choose one of: {options}",
    },
    "problem.duplicate_id": {
        "vi": "mã '{id}' bị trùng (đã dùng ở {first})",
        "en": "id '{id}' is used twice (first at {first})",
    },
    "problem.bad_source": {
        "vi": "nguồn '{value}' không hợp lệ: ghi 'reconstructed' hoặc nhóm khóa decision/table/item/ref",
        "en": "source '{value}' is not valid: write 'reconstructed' or a mapping of decision/table/item/ref",
    },
    "problem.bad_decimals": {
        "vi": "index_decimals phải là số nguyên từ 0 đến 6, không phải '{value}'",
        "en": "index_decimals must be a whole number from 0 to 6, not '{value}'",
    },
    "problem.bad_date": {
        "vi": "'{key}' phải là một ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2026-12-25 (đang là '{value}')",
        "en": "'{key}' must be a date as YEAR-MONTH-DAY, e.g. 2026-12-25 (got '{value}')",
    },
    "problem.bad_year": {"vi": "năm không hợp lệ: '{value}'", "en": "not a valid year: '{value}'"},
    "problem.bad_unit_type": {
        "vi": "loại đơn vị '{value}' không có; dùng một trong: {options}",
        "en": "unknown unit type '{value}'; use one of: {options}",
    },
    "problem.grade_range": {
        "vi": "ngưỡng xếp loại {value} phải trong khoảng 0–100",
        "en": "grade threshold {value} must be within 0–100",
    },
    "problem.grade_order": {
        "vi": "ngưỡng xếp loại phải giảm dần: {value} không nhỏ hơn {previous} ở dòng trên",
        "en": "grade thresholds must decrease: {value} is not below {previous} above it",
    },
    "problem.criterion_shape": {
        "vi": "một tiêu chí phải có đúng một trong hai: 'sub_criteria' (tiêu chí thành phần) hoặc 'rule' (cách tính điểm)",
        "en": "a criterion must have exactly one of 'sub_criteria' or 'rule'",
    },
    "problem.leaf_key_on_criterion": {
        "vi": "'{key}' chỉ dùng cho tiêu chí thành phần, không dùng cho tiêu chí có tiêu chí thành phần",
        "en": "'{key}' belongs on a sub-criterion, not on a criterion that has sub-criteria",
    },
    "problem.survey_part": {
        "vi": "cách tính 'survey' (điều tra xã hội học) chỉ dùng với part: survey",
        "en": "rule kind 'survey' requires part: survey",
    },
    "problem.survey_in_extra": {
        "vi": "điểm thưởng/điểm trừ không dùng cách tính 'survey'",
        "en": "bonus and penalty items cannot use the 'survey' rule",
    },
    "problem.linear_equal": {
        "vi": "zero_at và full_at phải khác nhau (đang cùng là {value})",
        "en": "zero_at and full_at must differ (both are {value})",
    },
    "problem.cap_above_max": {
        "vi": "mức trần {value} lớn hơn điểm tối đa {max}",
        "en": "cap {value} is above the maximum {max}",
    },
    "problem.floor_range": {
        "vi": "mức sàn {value} phải từ 0 đến dưới điểm tối đa {max}",
        "en": "floor {value} must be from 0 to below the maximum {max}",
    },
    "problem.share_or_points": {
        "vi": "ghi đúng một trong hai: 'share' (tỷ lệ % của điểm tối đa) hoặc 'points' (số điểm)",
        "en": "give exactly one of 'share' (% of the maximum) or 'points'",
    },
    "problem.share_range": {
        "vi": "tỷ lệ {value} phải trong khoảng 0–100 (%)",
        "en": "share {value} must be within 0–100 (%)",
    },
    "problem.points_range": {
        "vi": "số điểm {value} phải từ 0 đến điểm tối đa {max}",
        "en": "points {value} must be from 0 to the maximum {max}",
    },
    "problem.level_duplicate": {"vi": "mức '{label}' bị trùng", "en": "level '{label}' appears twice"},
    "problem.band_direction": {
        "vi": "mọi khoảng phải cùng dùng 'at_least' (từ … trở lên) hoặc cùng dùng 'at_most' (từ … trở xuống)",
        "en": "all bands must use 'at_least' or all must use 'at_most'",
    },
    "problem.band_order": {
        "vi": "các khoảng phải xếp từ tốt nhất xuống: ngưỡng {value} đứng sau ngưỡng {previous}",
        "en": "bands must be listed from the best down: threshold {value} comes after {previous}",
    },
    "problem.band_share_order": {
        "vi": "khoảng thấp hơn không được nhiều điểm hơn khoảng ở trên (ngưỡng {previous})",
        "en": "a lower band cannot earn more than the band above it (threshold {previous})",
    },
    "problem.negative_not_number": {
        "vi": "'negative' chỉ dùng với measure: number (đang là {measure})",
        "en": "'negative' is only for measure: number (here {measure})",
    },
    "problem.percent_range": {
        "vi": "tỷ lệ {value} phải trong khoảng 0–100 (%)",
        "en": "percentage {value} must be within 0–100",
    },
    "problem.sum_mismatch": {
        "vi": "tổng điểm tối đa các mục con của '{id}' là {actual}, không bằng {expected}",
        "en": "the maxima under '{id}' add up to {actual}, not {expected}",
    },
    "problem.count_mismatch": {
        "vi": "số '{key}' là {actual}, khai báo là {expected}",
        "en": "'{key}' counts {actual}, declared {expected}",
    },
    # problems in a values file (CSV or Excel)
    "problem.unsupported_file": {
        "vi": "chỉ nhận tệp .csv hoặc .xlsx ('{name}')",
        "en": "only .csv or .xlsx files are accepted ('{name}')",
    },
    "problem.bad_xlsx": {
        "vi": "không mở được tệp Excel (tệp hỏng hoặc không phải .xlsx)",
        "en": "cannot open the Excel file (damaged or not .xlsx)",
    },
    "problem.empty_file": {"vi": "tệp không có dữ liệu", "en": "the file has no data"},
    "problem.xlsx_formula": {
        "vi": "ô chứa công thức '{formula}': chương trình không đọc công thức; hãy nhập giá trị, hoặc sao chép "
        "rồi dán dưới dạng giá trị (Dán đặc biệt › Giá trị)",
        "en": "the cell holds the formula '{formula}': formulas are not read; type the value, or copy and paste "
        "it as a value (Paste Special › Values)",
    },
    "problem.xlsx_hidden_sheet": {
        "vi": "sheet '{sheet}' đang bị ẩn; chương trình không đọc sheet ẩn: hãy bỏ ẩn (Unhide) hoặc xóa sheet đó",
        "en": "sheet '{sheet}' is hidden; hidden sheets are not read: unhide it or delete it",
    },
    "problem.too_many_rows": {"vi": "tệp có quá {limit} dòng", "en": "the file has more than {limit} rows"},
    "problem.column_no_heading": {
        "vi": "cột có dữ liệu nhưng không có tiêu đề",
        "en": "a column has data but no heading",
    },
    "problem.unknown_column": {
        "vi": "mã tiêu chí '{id}' không có trong bộ tiêu chí '{set}'",
        "en": "criterion id '{id}' is not in criteria set '{set}'",
    },
    "problem.duplicate_column": {"vi": "mã tiêu chí '{id}' có hai cột", "en": "criterion id '{id}' has two columns"},
    "problem.missing_unit_column": {
        "vi": "thiếu cột tên đơn vị ('unit' hoặc 'Đơn vị')",
        "en": "no unit column ('unit' or 'Đơn vị')",
    },
    "problem.missing_type_column": {
        "vi": "thiếu cột loại đơn vị ('unit_type'); bộ tiêu chí chấm: {options}",
        "en": "no unit type column ('unit_type'); the set scores: {options}",
    },
    "problem.missing_leaf_column": {
        "vi": "thiếu cột cho tiêu chí {id} ({name})",
        "en": "no column for criterion {id} ({name})",
    },
    "problem.unit_blank": {"vi": "tên đơn vị bị bỏ trống", "en": "the unit name is empty"},
    "problem.unit_duplicate": {
        "vi": "đơn vị '{unit}' trùng với dòng {first}",
        "en": "unit '{unit}' repeats row {first}",
    },
    "problem.unit_type_bad": {
        "vi": "loại đơn vị '{value}' không được bộ tiêu chí này chấm (nhận: {options})",
        "en": "unit type '{value}' is not scored by this set (accepted: {options})",
    },
    "problem.value_blank": {
        "vi": "ô bị bỏ trống; nhập giá trị hoặc KAD nếu không áp dụng",
        "en": "the cell is empty; enter a value, or KAD if not applicable",
    },
    "problem.survey_blank": {
        "vi": "điểm điều tra bị bỏ trống một phần; nhập đủ hoặc để trống toàn bộ phần điều tra",
        "en": "the survey part is partly empty; fill it all or leave it all empty",
    },
    "problem.survey_all_blank": {
        "vi": "phần điều tra xã hội học ({first} … {last}) bị bỏ trống toàn bộ; bộ tiêu chí này cần điểm điều tra "
        "của mọi đơn vị: hãy nhập đủ các cột điều tra",
        "en": "the whole survey part ({first} … {last}) is empty; this criteria set needs survey scores for "
        "every unit: fill in all the survey columns",
    },
    "problem.value_not_number": {"vi": "'{value}' không phải là số", "en": "'{value}' is not a number"},
    "problem.value_percent_range": {
        "vi": "tỷ lệ '{value}' phải từ 0 đến 100",
        "en": "rate '{value}' must be from 0 to 100",
    },
    "problem.value_negative": {"vi": "'{value}' không được âm", "en": "'{value}' cannot be negative"},
    "problem.value_ratio_above_one": {
        "vi": "'{value}': tử số lớn hơn mẫu số",
        "en": "'{value}': the numerator exceeds the denominator",
    },
    "problem.value_too_large": {
        "vi": "'{value}' quá lớn (tối đa {limit})",
        "en": "'{value}' is too large (at most {limit})",
    },
    "problem.bad_csv": {"vi": "tệp CSV bị hỏng: {detail}", "en": "the CSV file is damaged: {detail}"},
    "problem.no_data_rows": {
        "vi": "tệp chỉ có dòng tiêu đề, không có đơn vị nào",
        "en": "the file has a header row but no unit",
    },
    "problem.yaml_alias": {
        "vi": "không dùng tham chiếu YAML (& và *); hãy viết đầy đủ từng mục",
        "en": "YAML references (& and *) are not allowed; write every item out",
    },
    "problem.value_not_whole": {"vi": "'{value}' phải là số nguyên", "en": "'{value}' must be a whole number"},
    "problem.value_ambiguous": {
        "vi": "'{value}' đọc được hai cách: {thousands} (dấu ngăn cách hàng nghìn) hoặc {decimal} (số thập phân); "
        "hãy ghi {thousands} hoặc {decimal} cho khỏi nhầm",
        "en": "'{value}' reads two ways: {thousands} (a thousands separator) or {decimal} (a decimal comma); "
        "write {thousands} or {decimal} to remove the doubt",
    },
    "problem.value_digits_script": {
        "vi": "'{value}' có chữ số không phải 0–9; hãy gõ lại bằng các chữ số 0–9",
        "en": "'{value}' has digits other than 0–9; type it again with the digits 0–9",
    },
    "problem.value_zero_denominator": {
        "vi": "'{value}': mẫu số bằng 0 mà tử số khác 0",
        "en": "'{value}': the denominator is 0 but the numerator is not",
    },
    "problem.value_ratio_whole": {
        "vi": "'{value}': tử số và mẫu số phải là số nguyên (số đếm)",
        "en": "'{value}': the numerator and the denominator must be whole numbers (counts)",
    },
    "problem.value_yes_no": {"vi": "'{value}' không phải có/không", "en": "'{value}' is not yes/no (có/không)"},
    "problem.value_level": {
        "vi": "'{value}' không phải một mức đánh giá; chọn: {options}",
        "en": "'{value}' is not a level; choose: {options}",
    },
    "problem.value_na_forbidden": {
        "vi": "tiêu chí này không được ghi 'không áp dụng'",
        "en": "this criterion cannot be 'not applicable'",
    },
    "problem.value_points_range": {
        "vi": "số điểm '{value}' phải từ 0 đến {max}",
        "en": "points '{value}' must be from 0 to {max}",
    },
    "problem.missing_province_column": {
        "vi": "thiếu cột tên tỉnh ('province' hoặc 'Tỉnh')",
        "en": "no province column ('province' or 'Tỉnh')",
    },
    "problem.missing_index_column": {
        "vi": "thiếu cột chỉ số ('par_index_pct' hoặc 'Chỉ số')",
        "en": "no index column ('par_index_pct' or 'Chỉ số')",
    },
    # scenarios
    "problem.scenario_unit": {"vi": "không có đơn vị '{unit}'", "en": "no unit '{unit}'"},
    "problem.scenario_leaf": {"vi": "không có tiêu chí '{id}'", "en": "no criterion '{id}'"},
    "problem.scenario_payload": {
        "vi": "đường dẫn kịch bản không hợp lệ hoặc đã hỏng",
        "en": "the scenario link is not valid or is damaged",
    },
    "problem.scenario_set_syntax": {
        "vi": "'{value}' phải có dạng MÃ=GIÁ_TRỊ, ví dụ 3.2.1=98",
        "en": "'{value}' must look like ID=VALUE, e.g. 3.2.1=98",
    },
    # scoring rounds
    "round.bad_year": {
        "vi": "năm {year} không hợp lệ; kỳ đánh giá phải thuộc các năm {first}–{last}",
        "en": "the year {year} is not valid; a round must be for a year from {first} to {last}",
    },
    "round.exists": {
        "vi": "đã có kỳ đánh giá năm {year} cho bộ {set}",
        "en": "a {year} round already exists for set {set}",
    },
    "round.published": {
        "vi": "kỳ đánh giá năm {year} đã công bố; phải mở lại (có lý do) mới sửa được",
        "en": "the {year} round is published; reopen it (with a reason) to change it",
    },
    "round.unknown_leaf": {
        "vi": "không có tiêu chí '{id}' trong bộ tiêu chí của kỳ này",
        "en": "no criterion '{id}' in this round's set",
    },
    "round.bad_stage": {"vi": "bước '{stage}' không hợp lệ", "en": "'{stage}' is not a valid stage"},
    "round.bad_value": {"vi": "tiêu chí {id}: {detail}", "en": "criterion {id}: {detail}"},
    "round.missing_entry": {
        "vi": "tiêu chí {id} chưa có giá trị để sửa",
        "en": "criterion {id} has no value to change yet",
    },
    "round.conflict": {
        "vi": "{by} vừa lưu dòng này (phiên bản {version}); xem giá trị mới rồi quyết định",
        "en": "{by} saved this row meanwhile (version {version}); review the new value, then decide",
    },
    "round.no_upload_dir": {
        "vi": "chưa cấu hình thư mục lưu tệp minh chứng",
        "en": "no folder is set for evidence files",
    },
    "problem.survey_column": {
        "vi": "'{id}' không phải tiêu chí điều tra xã hội học của bộ tiêu chí này",
        "en": "'{id}' is not a survey item of this criteria set",
    },
    "round.nothing_to_explain": {
        "vi": "cần một yêu cầu hoặc một câu trả lời giải trình",
        "en": "a request or an answer is needed",
    },
    "round.unit_gone": {
        "vi": "{unit} không còn tồn tại trong năm {year} (đã giải thể hoặc sáp nhập)",
        "en": "{unit} no longer exists in {year} (dissolved or merged)",
    },
    "round.bad_merge": {
        "vi": "không thể sáp nhập {unit} vào {into} (phải là đơn vị khác, cùng loại)",
        "en": "cannot merge {unit} into {into} (it must be another unit of the same type)",
    },
    "round.bad_last_year": {
        "vi": "{unit} có từ năm {first}, không thể kết thúc năm {year}",
        "en": "{unit} exists from {first}; it cannot end in {year}",
    },
    "round.reason_needed": {"vi": "cần ghi lý do mở lại", "en": "a reason for reopening is required"},
    # rules in words
    "rule.yes_no": {"vi": "Có → {max} điểm; không → 0", "en": "Yes → {max} points; no → 0"},
    "rule.ratio_prefix": {"vi": "Tỷ lệ tử/mẫu: ", "en": "Ratio of counts: "},
    "rule.otherwise_zero": {"vi": "còn lại → 0", "en": "otherwise → 0"},
    "rule.linear": {
        "vi": "Tỷ lệ thuận: {zero} trở xuống → 0, {full} trở lên → tối đa",
        "en": "Linear: {zero} or less → 0, {full} or more → full points",
    },
    "rule.count": {"vi": "{per} điểm mỗi việc, tối đa {cap} điểm", "en": "{per} points per item, at most {cap}"},
    "rule.deduction": {
        "vi": "{max} điểm, trừ {per} điểm mỗi lần vi phạm, không dưới {floor}",
        "en": "{max} points less {per} per violation, not below {floor}",
    },
    "rule.survey": {"vi": "Tỷ lệ điều tra (%) × {max} điểm", "en": "Survey share (%) × {max} points"},
    "rule.manual": {
        "vi": "Hội đồng thẩm định cho điểm, từ 0 đến {max}",
        "en": "Points given by the appraisal council, 0 to {max}",
    },
    "hint.yes_no": {"vi": "có / không", "en": "có (yes) / không (no)"},
    "hint.levels": {"vi": "một trong: {options}", "en": "one of: {options}"},
    "hint.percent": {"vi": "tỷ lệ %, ví dụ 97,5", "en": "a rate in %, e.g. 97.5"},
    "hint.ratio": {
        "vi": "tử số/mẫu số, ví dụ 312.085/328.813, hoặc tỷ lệ %",
        "en": "numerator/denominator, e.g. 312085/328813, or a rate in %",
    },
    "hint.number": {"vi": "một số {unit}", "en": "a number {unit}"},
    "hint.count_bands": {"vi": "số lượng {unit} (số nguyên)", "en": "a count {unit} (whole number)"},
    "hint.count": {"vi": "số lượng (số nguyên)", "en": "a count (whole number)"},
    "hint.deduction": {"vi": "số lần vi phạm (số nguyên)", "en": "number of violations (whole number)"},
    "hint.survey": {"vi": "tỷ lệ % từ kết quả điều tra", "en": "survey result in %"},
    "hint.manual": {"vi": "số điểm, từ 0 đến {max}", "en": "points, 0 to {max}"},
    "explain.not_applicable": {"vi": "không áp dụng", "en": "not applicable"},
    "explain.no_band": {"vi": "chưa đạt ngưỡng nào", "en": "no band reached"},
    "explain.yes": {"vi": "có", "en": "yes"},
    "explain.no": {"vi": "không", "en": "no"},
    # command line
    "cli.validate_ok": {
        "vi": "{file}: hợp lệ — {id}: {fields} lĩnh vực, {criteria} tiêu chí, {sub_criteria} tiêu chí thành phần ({leaves} mục chấm điểm), tối đa {max} điểm, trong đó {survey} điểm điều tra",
        "en": "{file}: valid — {id}: {fields} fields, {criteria} criteria, {sub_criteria} sub-criteria ({leaves} scored items), {max} points of which {survey} from the survey",
    },
    "cli.written": {"vi": "Đã ghi {file} ({units} đơn vị)", "en": "Wrote {file} ({units} units)"},
    "cli.unit_not_found": {
        "vi": "Không có đơn vị '{unit}'. Gần giống: {close}",
        "en": "No unit '{unit}'. Close matches: {close}",
    },
    "cli.explain_head": {
        "vi": "{unit}: chỉ số {index}, {total}/{max} điểm, hạng {rank}/{count}, xếp loại {grade}",
        "en": "{unit}: index {index}, {total}/{max} points, rank {rank} of {count}, grade {grade}",
    },
    "cli.explain_parts": {
        "vi": "Thẩm định {appraisal} + điều tra {survey} + thưởng {bonus} − trừ {penalty}",
        "en": "Appraisal {appraisal} + survey {survey} + bonus {bonus} − penalty {penalty}",
    },
    "cli.whatif_line": {
        "vi": "{label}: {total} điểm, chỉ số {index}, hạng {rank}/{count}, xếp loại {grade}",
        "en": "{label}: {total} points, index {index}, rank {rank} of {count}, grade {grade}",
    },
    "cli.plan_step": {
        "vi": "  [ ] {id} {name}: {before} → {after} (+{points} điểm, nỗ lực {cost})",
        "en": "  [ ] {id} {name}: {before} → {after} (+{points} points, effort {cost})",
    },
    "cli.plan_total": {
        "vi": "Tổng nỗ lực {cost}, thêm {points} điểm",
        "en": "Total effort {cost}, {points} more points",
    },
    "cli.db_ready": {"vi": "Cơ sở dữ liệu đã sẵn sàng: {url}", "en": "Database ready: {url}"},
    "cli.db_seeded": {
        "vi": "Đã tạo {rounds} kỳ đánh giá từ dữ liệu mẫu",
        "en": "Created {rounds} rounds from the sample data",
    },
    "cli.backup_done": {"vi": "Đã sao lưu vào {file}", "en": "Backed up to {file}"},
    "cli.restore_done": {"vi": "Đã khôi phục từ {file}", "en": "Restored from {file}"},
    "cli.before": {"vi": "Trước", "en": "Before"},
    "cli.after": {"vi": "Sau", "en": "After"},
    "cli.sample_written": {"vi": "Đã tạo {file}", "en": "Wrote {file}"},
    # column headings
    "col.id": {"vi": "Mã", "en": "Id"},
    "col.name": {"vi": "Tiêu chí", "en": "Criterion"},
    "col.raw": {"vi": "Giá trị nhập", "en": "Value"},
    "col.applied": {"vi": "Mức áp dụng", "en": "Applied"},
    "col.points": {"vi": "Điểm", "en": "Points"},
    "col.max": {"vi": "Tối đa", "en": "Max"},
    "col.lost": {"vi": "Bị mất", "en": "Lost"},
    "col.rule": {"vi": "Cách tính", "en": "Rule"},
    # the Excel values template (parindex.files)
    "template.sheet_guide": {"vi": "Hướng dẫn", "en": "Guide"},
    "template.sheet_example": {"vi": "Ví dụ", "en": "Example"},
    "template.sheet_lists": {"vi": "Danh mục", "en": "Lists"},
    "template.title": {"vi": "Mẫu nhập số liệu — {name}", "en": "Values template — {name}"},
    "template.decision": {"vi": "Văn bản: {decision}", "en": "Decision: {decision}"},
    "template.scope": {
        "vi": "Năm áp dụng: {years} · Loại đơn vị: {types} · Điểm tối đa: {max}",
        "en": "Years: {years} · Unit types: {types} · Maximum: {max} points",
    },
    "template.keep_header": {
        "vi": "Nhập số liệu ở trang '{sheet}', mỗi dòng một đơn vị. Giữ nguyên dòng tiêu đề (mã tiêu chí); không chèn dòng nào phía trên hoặc giữa các đơn vị.",
        "en": "Enter the values on sheet '{sheet}', one row per unit. Keep its header row (criterion ids) as it is; add no rows above it or between units.",
    },
    "template.kad": {
        "vi": "Ghi KAD (không áp dụng) nếu tiêu chí không áp dụng cho đơn vị: điểm tối đa của tiêu chí đó được loại khỏi mẫu số.",
        "en": "Type KAD (not applicable) when a criterion does not apply to the unit: its maximum is then left out of the denominator.",
    },
    "template.blank_extra": {
        "vi": "Bỏ trống một mục điểm thưởng hoặc điểm trừ nghĩa là 0.",
        "en": "An empty bonus or penalty cell counts as 0.",
    },
    "template.blank_survey": {
        "vi": "Đơn vị chưa có kết quả điều tra xã hội học: để trống toàn bộ các cột điều tra (phần thẩm định được quy đổi).",
        "en": "A unit without survey results: leave every survey column empty (its appraisal part is rescaled).",
    },
    "template.example_note": {
        "vi": "Trang '{sheet}' là một tệp số liệu đã điền sẵn cho một đơn vị ví dụ.",
        "en": "Sheet '{sheet}' is a values sheet filled in for one example unit.",
    },
    "template.col_part": {"vi": "Phần", "en": "Part"},
    "template.col_input": {"vi": "Cách nhập", "en": "What to type"},
    "template.col_evidence": {"vi": "Tài liệu kiểm chứng", "en": "Evidence"},
    "template.col_example": {"vi": "Ví dụ", "en": "Example"},
    "template.part_appraisal": {"vi": "Thẩm định", "en": "Appraisal"},
    "template.part_survey": {"vi": "Điều tra XHH", "en": "Survey"},
    "template.part_bonus": {"vi": "Điểm thưởng", "en": "Bonus"},
    "template.part_penalty": {"vi": "Điểm trừ", "en": "Penalty"},
    "template.unit_name": {"vi": "Tên đơn vị", "en": "Unit name"},
    "template.unit_hint": {"vi": "tên đơn vị, không trùng nhau", "en": "the unit's name, no two alike"},
    "template.type_name": {"vi": "Loại đơn vị", "en": "Unit type"},
    "template.type_hint": {"vi": "một trong: {options}", "en": "one of: {options}"},
    "template.year_name": {"vi": "Năm đánh giá (không bắt buộc)", "en": "Year assessed (optional)"},
    "template.year_hint": {"vi": "năm, ví dụ {year}", "en": "a year, e.g. {year}"},
    "template.example_unit": {"vi": "Đơn vị ví dụ", "en": "Example unit"},
    "template.comment": {
        "vi": "{id} — {name}\nTối đa {max} điểm\nNhập: {hint}",
        "en": "{id} — {name}\nMaximum {max} points\nType: {hint}",
    },
    "template.invalid_title": {"vi": "Giá trị chưa đúng", "en": "Unexpected value"},
    "template.invalid_list": {
        "vi": "Chọn một giá trị trong danh sách (hoặc KAD nếu không áp dụng).",
        "en": "Choose a value from the list (or KAD if not applicable).",
    },
    "template.invalid_range": {
        "vi": "Nhập một số từ {low} đến {high} (hoặc KAD nếu không áp dụng).",
        "en": "Enter a number from {low} to {high} (or KAD if not applicable).",
    },
    "template.invalid_whole": {
        "vi": "Nhập một số nguyên từ 0 trở lên (hoặc KAD nếu không áp dụng).",
        "en": "Enter a whole number of 0 or more (or KAD if not applicable).",
    },
}
MESSAGES.update(UI_MESSAGES)
MESSAGES.update(PLAN_MESSAGES)
MESSAGES.update(WORKBOOK_MESSAGES)
MESSAGES.update(AUTH_MESSAGES)
MESSAGES.update(REPORT_MESSAGES)
MESSAGES.update(ANALYSIS_MESSAGES)
MESSAGES.update(CONFLICT_MESSAGES)
MESSAGES.update(DECISION_MESSAGES)
MESSAGES.update(SAFETY_MESSAGES)
MESSAGES.update(LIMIT_MESSAGES)
MESSAGES.update(NATIONAL_MESSAGES)
