"""Messages of the planner (``plan.*``) and of the costs file (``problem.cost_*``).

Kept apart so they can be written while the main catalogue is being edited; the catalogue merges
``PLAN_MESSAGES`` like it merges the app's messages. Until then :func:`parindex.scoring.say` reads
them directly. Every entry has Vietnamese and English text with the same ``{placeholders}``.
"""

from __future__ import annotations

PLAN_MESSAGES: dict[str, dict[str, str]] = {
    # targets
    "plan.target_rank": {"vi": "hạng {rank}", "en": "rank {rank}"},
    "plan.target_grade": {"vi": "xếp loại {grade}", "en": "grade {grade}"},
    "plan.target_index": {"vi": "chỉ số {index} %", "en": "an index of {index}%"},
    # outcomes
    "plan.already_met": {
        "vi": "Đơn vị đã đạt {target} (hạng {rank}, chỉ số {index} %); không cần cải thiện thêm.",
        "en": "The unit already reaches {target} (rank {rank}, index {index}%); nothing needs to change.",
    },
    "plan.reachable": {
        "vi": "Đạt {target} với {steps} việc cần làm, tổng chi phí {cost}: chỉ số {index} %, hạng {rank}.",
        "en": "{target} is reached with {steps} improvements at a total cost of {cost}: index {index}%, rank {rank}.",
    },
    "plan.unreachable_budget": {
        "vi": "Không đạt {target} trong mức chi phí {budget}; tốt nhất là hạng {best_rank} (chỉ số {best_index} %).",
        "en": "{target} cannot be reached within a cost of {budget}; the best is rank {best_rank} (index {best_index}%).",
    },
    "plan.unreachable_options": {
        "vi": "Không đạt {target} kể cả khi cải thiện mọi tiêu chí có thể; tốt nhất là hạng {best_rank} (chỉ số {best_index} %).",
        "en": "{target} cannot be reached even by improving every criterion that can be improved; the best is rank {best_rank} (index {best_index}%).",
    },
    "plan.extras_not_planned": {
        "vi": "Điểm thưởng, điểm trừ và các tiêu chí điều tra xã hội học, do Hội đồng cho điểm không được đưa vào lộ trình.",
        "en": "Bonus and penalty items, survey results and points awarded by the council are not planned.",
    },
    "plan.yes": {"vi": "có", "en": "yes"},
    "plan.no": {"vi": "không", "en": "no"},
    "plan.not_applicable": {"vi": "không áp dụng", "en": "not applicable"},
    # errors in a request (not in a file)
    "plan.bad_target": {
        "vi": "mục tiêu phải là đúng một trong: hạng, xếp loại hoặc chỉ số",
        "en": "a target must be exactly one of: a rank, a grade or an index",
    },
    "plan.bad_rank": {
        "vi": "hạng mục tiêu phải từ 1 trở lên, không phải {rank}",
        "en": "the target rank must be 1 or more, not {rank}",
    },
    "plan.unknown_grade": {
        "vi": "không có xếp loại '{grade}'; các xếp loại: {options}",
        "en": "there is no grade '{grade}'; grades: {options}",
    },
    "plan.no_index": {
        "vi": "đơn vị '{unit}' không có chỉ số (mọi tiêu chí đều không áp dụng) nên không lập được lộ trình",
        "en": "unit '{unit}' has no index (every criterion is not applicable), so no plan can be made",
    },
    "plan.bad_budget": {
        "vi": "mức chi phí phải ≥ 0, không phải {budget}",
        "en": "the budget must be 0 or more, not {budget}",
    },
    "plan.unknown_leaf": {
        "vi": "không có tiêu chí thành phần '{id}' trong bộ tiêu chí",
        "en": "there is no sub-criterion '{id}' in the criteria set",
    },
    "plan.bad_limit": {
        "vi": "giới hạn '{value}' của tiêu chí {id} không đọc được theo cách chấm của tiêu chí",
        "en": "the limit '{value}' for {id} cannot be read by that criterion's rule",
    },
    "plan.competitors_shape": {
        "vi": "chỉ số của các đơn vị khác phải có {expected} giá trị, không phải {actual}",
        "en": "the other units' indexes must have {expected} values, not {actual}",
    },
    # problems in a costs file
    "problem.cost_unknown_leaf": {
        "vi": "mã '{id}' không phải tiêu chí thành phần của bộ tiêu chí '{set}'",
        "en": "'{id}' is not a sub-criterion of the criteria set '{set}'",
    },
    "problem.cost_extra_item": {
        "vi": "'{id}' là mục điểm thưởng hoặc điểm trừ: các mục này không được đưa vào lộ trình",
        "en": "'{id}' is a bonus or penalty item: those are not planned",
    },
    "problem.cost_negative": {
        "vi": "chi phí '{key}' không được âm (đang là {value})",
        "en": "the cost '{key}' must not be negative (it is {value})",
    },
    "problem.cost_set_mismatch": {
        "vi": "tệp chi phí dành cho bộ tiêu chí '{expected}', nhưng đang dùng với bộ '{actual}'",
        "en": "the costs file is for the criteria set '{expected}' but is used with '{actual}'",
    },
    "problem.cost_and_table": {
        "vi": "tiêu chí '{id}': chỉ ghi một trong hai khóa 'cost' (chi phí mỗi bước) hoặc 'table' (bảng chi phí)",
        "en": "'{id}': write only one of 'cost' (cost per step) or 'table' (a cost table)",
    },
    "problem.cost_no_steps": {
        "vi": "tiêu chí '{id}' chấm theo kiểu '{kind}', không có bước cải thiện để tính 'cost'; hãy dùng 'table'",
        "en": "'{id}' is scored as '{kind}', which has no improvement steps to price with 'cost'; use 'table'",
    },
    "problem.cost_table_value": {
        "vi": "giá trị '{value}' không đọc được theo cách chấm của tiêu chí '{id}'",
        "en": "the value '{value}' cannot be read by the rule of '{id}'",
    },
    "problem.cost_table_duplicate": {
        "vi": "giá trị '{value}' xuất hiện hai lần trong bảng chi phí của '{id}'",
        "en": "the value '{value}' appears twice in the cost table of '{id}'",
    },
}
