"""Messages of the analysis (``analysis.*``): groups, drivers, rank uncertainty, self-assessment against
appraisal, change across years and the national benchmark, for the Phân tích page and the
``uncertainty`` command. Merged into :data:`parindex.messages.MESSAGES` like the other catalogues.
"""

from __future__ import annotations

ANALYSIS_MESSAGES: dict[str, dict[str, str]] = {
    # command line
    "cli.uncertainty_head": {
        "vi": "Độ bất định thứ hạng: {runs} lần mô phỏng, hạt giống {seed}. Nguồn: {sources}.",
        "en": "Rank uncertainty: {runs} replications, seed {seed}. Sources: {sources}.",
    },
    "cli.uncertainty_bad_runs": {
        "vi": "--runs phải từ 1 đến {max}, không phải {value}",
        "en": "--runs must be from 1 to {max}, not {value}",
    },
    "cli.uncertainty_bad_option": {
        "vi": "{option} không hợp lệ: {value}",
        "en": "{option} is not valid: {value}",
    },
    "cli.sensitivity_head": {
        "vi": "Nguồn làm thứ hạng thay đổi nhiều nhất (chỉ số độ nhạy theo phương sai, như COINr):",
        "en": "Which source moves ranks most (variance-based sensitivity indices, as in COINr):",
    },
    # sources of uncertainty
    "analysis.source_appraisal": {
        "vi": "thẩm định điều chỉnh điểm tự chấm",
        "en": "appraisal adjustments of self-assessed points",
    },
    "analysis.source_survey": {"vi": "sai số chọn mẫu điều tra xã hội học", "en": "survey sampling error"},
    "analysis.source_weights": {"vi": "trọng số lĩnh vực thay đổi", "en": "field weights perturbed"},
    "analysis.source_appraisal_detail": {
        "vi": "thẩm định ({learned} tiêu chí học từ các kỳ trước, còn lại mặc định: {chance} khả năng bị trừ, "
        "trừ trung bình {share} số điểm tự chấm)",
        "en": "appraisal ({learned} sub-criteria learned from past rounds, the rest by default: {chance} chance of "
        "a cut, removing on average {share} of the claimed points)",
    },
    "analysis.source_survey_detail": {
        "vi": "điều tra xã hội học (sai số chọn mẫu; {respondents} phiếu khi không có số phiếu)",
        "en": "survey (sampling error; {respondents} respondents where the count is unknown)",
    },
    "analysis.source_weights_detail": {
        "vi": "trọng số lĩnh vực ±{spread}",
        "en": "field weights ±{spread}",
    },
    "analysis.no_source": {"vi": "không có (mọi hạng giữ nguyên)", "en": "none (every rank stays)"},
    # column headings
    "analysis.col_rank": {"vi": "Hạng", "en": "Rank"},
    "analysis.col_unit": {"vi": "Đơn vị", "en": "Unit"},
    "analysis.col_median_rank": {"vi": "Hạng trung vị", "en": "Median rank"},
    "analysis.col_rank_p5": {"vi": "Hạng 5 %", "en": "5% rank"},
    "analysis.col_rank_p95": {"vi": "Hạng 95 %", "en": "95% rank"},
    "analysis.col_p_top": {"vi": "Khả năng vào top {k}", "en": "P(top {k})"},
    "analysis.col_source": {"vi": "Nguồn bất định", "en": "Source of uncertainty"},
    "analysis.col_first_order": {"vi": "Chỉ số bậc một (S)", "en": "First-order index (S)"},
    "analysis.col_total_order": {"vi": "Chỉ số tổng (ST)", "en": "Total index (ST)"},
    # groups
    "analysis.group_strong_weak": {"vi": "mạnh về {strong}; yếu về {weak}", "en": "strong in {strong}; weak in {weak}"},
    "analysis.group_strong": {"vi": "mạnh về {strong}", "en": "strong in {strong}"},
    "analysis.group_weak": {"vi": "yếu về {weak}", "en": "weak in {weak}"},
    "analysis.group_average": {
        "vi": "gần mức chung ở mọi lĩnh vực",
        "en": "close to the overall level in every field",
    },
    # self-assessment against appraisal
    "analysis.after_appraisal": {
        "vi": "Tự chấm hạng {self_rank} → sau thẩm định nhiều khả năng hạng {rank} ({span})",
        "en": "Self-score rank {self_rank} → after appraisal likely {rank} ({span})",
    },
}
