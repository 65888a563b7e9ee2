"""Messages of the national rank (``national.*``, ``problem.national_*``): Vietnamese and English."""

from __future__ import annotations

NATIONAL_MESSAGES: dict[str, dict[str, str]] = {
    "problem.national_bad_index": {
        "vi": "Chỉ số {value} không hợp lệ: cần một số từ 0 đến 100.",
        "en": "Index {value} is not valid: it must be a number from 0 to 100.",
    },
    "problem.national_unknown_year": {
        "vi": "Không có kết quả công bố cho năm {year}; các năm có: {years}.",
        "en": "No published results for {year}; years available: {years}.",
    },
    "problem.national_unknown_province": {
        "vi": "Không có tỉnh '{province}' trong năm {year}. Gần giống: {close}.",
        "en": "No province '{province}' in {year}. Closest: {close}.",
    },
    "problem.national_bad_top": {
        "vi": "K = {value} không hợp lệ: cần một số nguyên từ 1 đến {units}.",
        "en": "K = {value} is not valid: it must be a whole number from 1 to {units}.",
    },
    "problem.national_bad_confidence": {
        "vi": "Mức tin cậy {value} không hợp lệ: cần một số lớn hơn 0 và nhỏ hơn 1 (ví dụ 0,8).",
        "en": "Confidence {value} is not valid: it must be above 0 and below 1 (e.g. 0.8).",
    },
    "national.head": {
        "vi": "Năm {year}: chỉ số {index} trong {units} tỉnh{province}",
        "en": "{year}: index {index} among {units} provinces{province}",
    },
    "national.as_province": {
        "vi": " (là {province}, bỏ dòng công bố của tỉnh)",
        "en": " (as {province}, own row left out)",
    },
    "national.certain": {"vi": "Hạng chắc chắn: {low}–{high}", "en": "Certain rank: {low}–{high}"},
    "national.certain_exact": {"vi": "Hạng chắc chắn: {rank}", "en": "Certain rank: {rank}"},
    "national.likely": {
        "vi": "Khoảng 80 % theo mô hình: {low}–{high}; khả năng cao nhất: hạng {mode}",
        "en": "80% interval from the model: {low}–{high}; most likely rank {mode}",
    },
    "national.p_top": {"vi": "Xác suất vào top {k}: {p}", "en": "P(top {k}): {p}"},
    "national.relaxed": {
        "vi": "Lưu ý: chỉ số này trái với số liệu công bố của năm (vd. cao hơn tỉnh đứng đầu); vị trí công bố của tỉnh"
        " được coi là chưa biết.",
        "en": "Note: this index contradicts the year's published figures (e.g. above the top province); the"
        " province's own published position is treated as unknown.",
    },
    "national.partial": {
        "vi": "Bảng công bố chỉ có {shown}/{units} tỉnh; khoảng hạng dựa trên các tỉnh đã biết, số tỉnh theo nhóm"
        " A/B/C, cao nhất, thấp nhất và trung bình cả nước.",
        "en": "The published table lists {shown} of {units} provinces; the interval uses those, the A/B/C group"
        " counts, the highest, lowest and the national mean.",
    },
    "national.target_index": {
        "vi": "Để P(top {k}) ≥ {level} năm {year} cần chỉ số ít nhất {index} (P = {p}).",
        "en": "For P(top {k}) ≥ {level} in {year} the index must be at least {index} (P = {p}).",
    },
    "national.target_unreachable": {
        "vi": "Không chỉ số nào (đến 100 %) đạt P(top {k}) ≥ {level} năm {year}.",
        "en": "No index up to 100% gives P(top {k}) ≥ {level} in {year}.",
    },
    "national.page_year": {
        "vi": "Năm {year} (theo năm đã chọn ở thanh bên) · {units} tỉnh, thành phố",
        "en": "{year} (the year chosen in the sidebar) · {units} provinces",
    },
    "national.no_results": {
        "vi": "Năm {year} chưa có kết quả PAR Index công bố (có: {years}). Chọn năm khác ở thanh bên.",
        "en": "No published PAR Index results for {year} (available: {years}). Choose another year in the sidebar.",
    },
    "national.index_from_data": {
        "vi": "Chỉ số mặc định là chỉ số tính từ số liệu của chính tỉnh ({index}); có thể sửa.",
        "en": "The default index is the one the province's own data give ({index}); you may change it.",
    },
    "national.index_published": {
        "vi": "Chỉ số mặc định là chỉ số đã công bố của tỉnh ({index}); có thể sửa.",
        "en": "The default index is the province's published one ({index}); you may change it.",
    },
    "national.index_mean": {
        "vi": "Chưa có chỉ số của tỉnh: mặc định là trung bình cả nước; hãy nhập chỉ số của tỉnh.",
        "en": "No index for the province yet: the default is the national mean; type the province's index.",
    },
    "national.metric_certain": {"vi": "Hạng chắc chắn", "en": "Certain rank"},
    "national.metric_likely": {"vi": "Khoảng 80 % (mô hình)", "en": "80% interval (model)"},
    "national.metric_mode": {"vi": "Hạng khả năng cao nhất", "en": "Most likely rank"},
    "national.metric_p_top": {"vi": "P(top {k})", "en": "P(top {k})"},
    "national.top_k": {"vi": "K (top K)", "en": "K (top K)"},
    "national.model_hint": {
        "vi": "Hạng chắc chắn: mọi cách điền các tỉnh chưa công bố phù hợp với bảng một phần, số tỉnh nhóm A/B/C, cao"
        " nhất, thấp nhất và trung bình cả nước. Khoảng 80 % và xác suất: mô hình chuẩn cắt khớp với phần tóm tắt"
        " (xem README, Hạng toàn quốc).",
        "en": "Certain rank: every way of filling in the unpublished provinces that fits the partial table, the A/B/C"
        " group counts, the highest, lowest and the national mean. 80% interval and probability: a truncated normal"
        " model fitted to the summary (see README, National rank).",
    },
    "national.history": {"vi": "Các năm đã công bố của {province}", "en": "{province} in published years"},
    "national.history_parts": {
        "vi": "{province} từ 2025 gồm: {parts}. Lịch sử dưới đây là của từng tỉnh cũ.",
        "en": "From 2025 {province} is formed of: {parts}. The history below is that of each former province.",
    },
    "national.successor": {
        "vi": "Từ 1/7/2025 {province} thuộc tỉnh {successor} (nguồn: {source}).",
        "en": "From 1 July 2025 {province} is part of {successor} (source: {source}).",
    },
    "national.no_history": {"vi": "Chưa có dòng công bố nào của tỉnh.", "en": "No published row for the province."},
    "plan.unit_alone": {
        "vi": "{unit} được chấm một mình (không có đơn vị cùng loại): không có hạng trong tỉnh để làm mục tiêu. Dùng mục"
        " tiêu chỉ số, xếp loại hoặc toàn quốc (--national-top K).",
        "en": "{unit} is scored alone (no other unit of its type): there is no rank within the province to aim for. Use an"
        " index, a grade or a national target (--national-top K).",
    },
    "plan.needs_target": {
        "vi": "Cần một mục tiêu: --target-rank K hoặc --national-top K.",
        "en": "A target is needed: --target-rank K or --national-top K.",
    },
    "report.gap_alone": {
        "vi": "Đơn vị được chấm một mình: không có hạng trong tỉnh để làm mục tiêu (xem vị trí toàn quốc ở trên).",
        "en": "The unit is scored alone: there is no rank within the province to aim for (see the national position above).",
    },
    "report.national_model": {
        "vi": "Theo mô hình: khoảng 80 % hạng {likely}; khả năng vào top {k}: {p}.",
        "en": "By the model: 80% rank interval {likely}; P(top {k}): {p}.",
    },
    "report.national_goal": {
        "vi": "Mục tiêu toàn quốc: {goal}",
        "en": "National target: {goal}",
    },
    "national.target_kind": {"vi": "Top K toàn quốc", "en": "Top K nationally"},
    "national.confidence": {"vi": "Mức chắc chắn P(top K)", "en": "Confidence P(top K)"},
    "draft.title": {"vi": "Tự đánh giá của tỉnh (bản nháp)", "en": "The province's self-assessment (draft)"},
    "draft.hint": {
        "vi": "Nhập số liệu đang có (ô trống được giữ là ô trống). Chỉ số là một khoảng: ô trống tính 0 điểm … ô trống"
        " đủ điểm; ước tính điền ô trống theo quy tắc: giá trị năm trước của cùng tiêu chí, mục điều tra theo trung bình"
        " cả nước, còn lại theo tỷ lệ điểm đạt được trong cùng lĩnh vực.",
        "en": "Type the figures you have (blank cells stay blank). The index is a range: blanks at 0 … blanks at full"
        " points; the estimate fills blanks by rule: last year's value of the same sub-criterion, survey items at the"
        " national mean, the rest at the share earned in the same field.",
    },
    "draft.col_value": {"vi": "Giá trị (để trống nếu chưa có)", "en": "Value (leave blank if unknown)"},
    "draft.range": {"vi": "Khoảng chỉ số", "en": "Index range"},
    "draft.estimate": {"vi": "Ước tính", "en": "Estimate"},
    "draft.blanks": {"vi": "Ô trống", "en": "Blank cells"},
    "draft.save": {"vi": "Lưu bản nháp", "en": "Save the draft"},
    "draft.saved": {"vi": "Đã lưu bản nháp.", "en": "Draft saved."},
    "draft.filled_title": {"vi": "Giá trị được điền để ước tính", "en": "Values filled for the estimate"},
    "draft.col_rule": {"vi": "Quy tắc", "en": "Rule"},
    "draft.col_points": {"vi": "Điểm điền", "en": "Points filled"},
    "draft.rule_last_year": {"vi": "giá trị năm trước", "en": "last year's value"},
    "draft.rule_national_mean": {"vi": "trung bình cả nước", "en": "national mean"},
    "draft.rule_field_share": {"vi": "tỷ lệ đạt trong lĩnh vực", "en": "share earned in the field"},
    "draft.rule_overall_share": {"vi": "tỷ lệ đạt chung", "en": "share earned overall"},
    "draft.rule_none": {"vi": "chưa có căn cứ (0 điểm)", "en": "no basis (0 points)"},
    "draft.use_estimate": {
        "vi": "Chỉ số mặc định là ước tính từ bản nháp ({index}); có thể sửa.",
        "en": "The default index is the draft's estimate ({index}); you may change it.",
    },
}
