"""Messages of the analysis (``analysis.*``): groups, drivers, rank uncertainty, self-assessment against
appraisal, change across years and the national benchmark, for the Phân tích page and the
``uncertainty`` command. Merged into :data:`parindex.i18n.MESSAGES` like the other catalogues.
"""

from __future__ import annotations

ANALYSIS_MESSAGES: dict[str, dict[str, str]] = {
    # command line
    "cli.uncertainty_head": {
        "vi": "Độ bất định thứ hạng: {runs} lần mô phỏng, mã mô phỏng {seed} (cùng mã thì cùng kết quả). Nguồn: {sources}.",
        "en": "Rank uncertainty: {runs} replications, simulation code {seed} (the same code gives the same result). "
        "Sources: {sources}.",
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
        "vi": "Nguồn làm thứ hạng thay đổi nhiều nhất (phần thay đổi của thứ hạng do từng nguồn gây ra):",
        "en": "Which source moves ranks most (the share of the rank changes each source causes):",
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
    "analysis.col_first_order": {"vi": "Riêng nguồn này", "en": "This source alone"},
    "analysis.col_total_order": {"vi": "Kể cả khi cùng nguồn khác", "en": "Including together with others"},
    # groups
    "analysis.group_strong_weak": {
        "vi": "mạnh về {strong} — yếu về {weak}",
        "en": "strong in {strong} — weak in {weak}",
    },
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
    # the Phân tích page
    "analysis.page": {"vi": "Phân tích", "en": "Analysis"},
    "analysis.intro": {
        "vi": "Hiểu kết quả, không chỉ đọc: đơn vị nào giống nhau, điều gì tách nhóm dẫn đầu, hạng chắc chắn đến đâu, "
        "ai tự chấm cao hơn thẩm định, vì sao hạng thay đổi, và tỉnh đứng ở đâu trên cả nước.",
        "en": "Understand the results, not only read them: which units are alike, what separates the best, how sure "
        "a rank is, who over-claims, why a rank moved, and where the province stands nationally.",
    },
    "analysis.tab_groups": {"vi": "Nhóm đơn vị", "en": "Groups of units"},
    "analysis.tab_drivers": {"vi": "Yếu tố quyết định", "en": "Drivers"},
    "analysis.tab_uncertainty": {"vi": "Độ bất định thứ hạng", "en": "Rank uncertainty"},
    "analysis.tab_overclaim": {"vi": "Tự chấm vs thẩm định", "en": "Self-assessment vs appraisal"},
    "analysis.tab_change": {"vi": "Thay đổi qua các năm", "en": "Change across years"},
    "analysis.tab_national": {"vi": "So sánh toàn quốc", "en": "National comparison"},
    "analysis.download": {"vi": "Tải bảng số liệu (CSV)", "en": "Download the table (CSV)"},
    "analysis.too_few_units": {
        "vi": "Cần ít nhất {count} đơn vị có chỉ số cho phần này.",
        "en": "This part needs at least {count} units with an index.",
    },
    "analysis.col_group": {"vi": "Nhóm", "en": "Group"},
    "analysis.col_units": {"vi": "Số đơn vị", "en": "Units"},
    "analysis.col_mean_index": {"vi": "Chỉ số trung bình", "en": "Mean index"},
    "analysis.col_index": {"vi": "Chỉ số", "en": "Index"},
    "analysis.col_description": {"vi": "Đặc điểm", "en": "Profile"},
    "analysis.col_members": {"vi": "Các đơn vị", "en": "Members"},
    "analysis.col_field": {"vi": "Lĩnh vực", "en": "Field"},
    "analysis.col_field_b": {"vi": "Lĩnh vực (2)", "en": "Field (2)"},
    "analysis.col_r": {"vi": "Hệ số tương quan", "en": "Correlation"},
    "analysis.col_leaf": {"vi": "Tiêu chí thành phần", "en": "Sub-criterion"},
    "analysis.col_importance": {"vi": "Mức quan trọng", "en": "Importance"},
    "analysis.col_top_mean": {"vi": "Điểm TB nhóm dẫn đầu", "en": "Top group mean"},
    "analysis.col_rest_mean": {"vi": "Điểm TB các đơn vị khác", "en": "Others' mean"},
    "analysis.col_at_stake": {"vi": "Điểm chênh lệch", "en": "Points at stake"},
    "analysis.col_max": {"vi": "Điểm tối đa", "en": "Maximum"},
    "analysis.col_year": {"vi": "Năm", "en": "Year"},
    "analysis.col_pairs": {"vi": "Số lượt so sánh", "en": "Pairs"},
    "analysis.col_over": {"vi": "Số lượt tự chấm cao hơn", "en": "Over-claimed"},
    "analysis.col_over_share": {"vi": "Tỷ lệ tự chấm cao hơn", "en": "Share over-claimed"},
    "analysis.col_mean_gap": {"vi": "Chênh lệch TB (điểm)", "en": "Mean gap (points)"},
    "analysis.col_claimed": {"vi": "Điểm tự chấm", "en": "Points claimed"},
    "analysis.col_appraised": {"vi": "Điểm thẩm định", "en": "Points appraised"},
    "analysis.col_gap": {"vi": "Chênh lệch (điểm)", "en": "Gap (points)"},
    "analysis.col_items_cut": {"vi": "Số tiêu chí bị trừ", "en": "Sub-criteria cut"},
    "analysis.col_self_rank": {"vi": "Hạng tự chấm", "en": "Self-score rank"},
    "analysis.col_likely_rank": {"vi": "Hạng nhiều khả năng", "en": "Likely rank"},
    "analysis.col_expected_cut": {"vi": "Điểm dự kiến bị trừ", "en": "Expected deduction"},
    "analysis.col_p_drop": {"vi": "Khả năng tụt hạng", "en": "Chance of a lower rank"},
    "analysis.col_rank_before": {"vi": "Hạng {year}", "en": "Rank {year}"},
    "analysis.col_gained": {"vi": "Số bậc tăng", "en": "Places gained"},
    "analysis.col_part": {"vi": "Phần", "en": "Part"},
    "analysis.col_places": {"vi": "Số bậc", "en": "Places"},
    "analysis.part_own": {"vi": "Điểm của chính đơn vị", "en": "Own points"},
    "analysis.part_others": {"vi": "Các đơn vị khác thay đổi", "en": "Others' movement"},
    "analysis.part_criteria": {"vi": "Bộ tiêu chí thay đổi", "en": "Criteria set changed"},
    "analysis.part_units": {"vi": "Danh sách đơn vị thay đổi", "en": "Units joined or left"},
    "analysis.col_province_index": {"vi": "Chỉ số của tỉnh", "en": "Province index"},
    "analysis.col_national_mean": {"vi": "Trung bình cả nước", "en": "National mean"},
    "analysis.col_region_mean": {"vi": "Trung bình vùng", "en": "Region mean"},
    "analysis.col_above_mean": {"vi": "So với trung bình", "en": "Against the mean"},
    "analysis.col_table": {"vi": "Bảng", "en": "Table"},
    "analysis.col_note": {"vi": "Ghi chú", "en": "Note"},
    "analysis.col_source_ref": {"vi": "Nguồn", "en": "Source"},
    "analysis.col_series": {"vi": "Chuỗi số", "en": "Series"},
    "analysis.col_measure": {"vi": "Chỉ số độ nhạy", "en": "Sensitivity index"},
    "analysis.col_value": {"vi": "Giá trị", "en": "Value"},
    "analysis.partial": {"vi": "một phần", "en": "partial"},
    "analysis.full": {"vi": "đầy đủ", "en": "full"},
    # groups tab
    "analysis.method": {"vi": "Cách chia nhóm", "en": "Grouping method"},
    "analysis.method_kmeans": {"vi": "Quanh điểm giữa của mỗi nhóm", "en": "Around each group's centre"},
    "analysis.method_agglomerative": {
        "vi": "Gộp dần các đơn vị giống nhau",
        "en": "Merging the most alike step by step",
    },
    "analysis.groups_found": {
        "vi": "Chia thành **{k} nhóm** theo tỷ lệ điểm đạt được ở từng lĩnh vực; số nhóm được chọn sao cho đơn vị "
        "cùng nhóm giống nhau nhất và khác nhóm khác nhiều nhất (độ tách nhóm {silhouette}, thang từ −1 đến 1).",
        "en": "Split into **{k} groups** by the share of points reached in each field; the number of groups is the "
        "one where units are most alike within a group and most unlike other groups (separation {silhouette}, on "
        "a scale from −1 to 1).",
    },
    "analysis.groups_one": {
        "vi": "Các đơn vị quá giống nhau để chia nhóm.",
        "en": "The units are too alike to be split into groups.",
    },
    "analysis.group_name": {"vi": "Nhóm {group}", "en": "Group {group}"},
    "analysis.map_title": {"vi": "Bản đồ đơn vị", "en": "Map of units"},
    "analysis.map_hint": {
        "vi": "Mỗi chấm là một đơn vị; hai đơn vị càng gần nhau thì tỷ lệ điểm theo lĩnh vực càng giống nhau "
        "(hai trục của bản đồ thể hiện {share} khác biệt giữa các đơn vị).",
        "en": "Each dot is a unit; the closer two units are, the more alike their field profiles (the map's two "
        "axes show {share} of the differences between units).",
    },
    "analysis.axis_pc": {"vi": "Trục {n} ({share})", "en": "Axis {n} ({share})"},
    "analysis.groups_table_hint": {
        "vi": "Mỗi nhóm: số đơn vị, chỉ số trung bình và những lĩnh vực nhóm mạnh hoặc yếu hơn mức chung.",
        "en": "Each group: its units, its mean index and the fields where it is stronger or weaker than all units.",
    },
    # drivers tab
    "analysis.correlation_title": {"vi": "Tương quan giữa các lĩnh vực", "en": "Correlation between fields"},
    "analysis.correlation_hint": {
        "vi": "Hệ số tương quan giữa tỷ lệ điểm của hai lĩnh vực qua các đơn vị: gần 1 là đơn vị mạnh ở lĩnh vực này "
        "thường cũng mạnh ở lĩnh vực kia.",
        "en": "Correlation between two fields' shares across units: close to 1 means units strong in one field "
        "tend to be strong in the other.",
    },
    "analysis.top_k": {"vi": "Nhóm dẫn đầu: các đơn vị từ hạng 1 đến hạng", "en": "Top group: units ranked 1 to"},
    "analysis.drivers_title": {
        "vi": "Tiêu chí thành phần tách nhóm dẫn đầu",
        "en": "Sub-criteria that separate the top group",
    },
    "analysis.drivers_hint": {
        "vi": "Ba câu hỏi có/không về điểm các tiêu chí được học để nhận ra {k} đơn vị dẫn đầu; thanh là số điểm "
        "trung bình nhóm dẫn đầu hơn các đơn vị khác ở tiêu chí đó, xếp theo mức quan trọng (nhận ra kém đi bao "
        "nhiêu khi tiêu chí đó bị xáo trộn giữa các đơn vị).",
        "en": "Three yes/no questions about sub-criterion points are learned to pick out the top {k} units; each bar "
        "is how many more points the top group earns on that sub-criterion, ordered by importance (how much worse "
        "the top units are picked out when that sub-criterion is shuffled between units).",
    },
    # uncertainty tab
    "analysis.runs": {"vi": "Số lần mô phỏng", "en": "Replications"},
    "analysis.seed": {"vi": "Mã mô phỏng (cùng mã thì cùng kết quả)", "en": "Simulation code (same code, same result)"},
    "analysis.top": {"vi": "K trong khả năng vào top K", "en": "K in P(top K)"},
    "analysis.use_appraisal": {"vi": "Thẩm định điều chỉnh", "en": "Appraisal adjustments"},
    "analysis.use_survey": {"vi": "Sai số điều tra", "en": "Survey error"},
    "analysis.weight_spread": {"vi": "Trọng số lĩnh vực ± (%)", "en": "Field weights ± (%)"},
    "analysis.respondents": {"vi": "Số phiếu điều tra (khi không rõ)", "en": "Survey respondents (when unknown)"},
    "analysis.sources_line": {"vi": "Nguồn bất định: {sources}.", "en": "Sources of uncertainty: {sources}."},
    "analysis.settled_line": {
        "vi": "{count} giá trị đã được thẩm định trong kỳ này: không điều chỉnh lại.",
        "en": "{count} values of this round are already appraised: they are not adjusted again.",
    },
    "analysis.uncertainty_title": {"vi": "Khoảng hạng 5–95 %", "en": "5–95% rank interval"},
    "analysis.uncertainty_hint": {
        "vi": "Mỗi đường là khoảng hạng của một đơn vị trong 90 % số lần mô phỏng; chấm tròn là hạng trung vị, "
        "vạch đỏ là hạng hiện tại.",
        "en": "Each line is the rank a unit takes in 90% of the replications; the dot is the median rank, the red "
        "tick the current rank.",
    },
    "analysis.uncertainty_table": {"vi": "Bảng độ bất định thứ hạng", "en": "Rank uncertainty table"},
    "analysis.sensitivity_title": {
        "vi": "Nguồn nào làm hạng thay đổi nhiều nhất",
        "en": "Which source moves ranks most",
    },
    "analysis.sensitivity_hint": {
        "vi": "Phần thay đổi của thứ hạng do từng nguồn gây ra: riêng nguồn đó, và kể cả khi nguồn đó tác động "
        "cùng các nguồn khác (0 là không làm hạng thay đổi, 1 là gây ra mọi thay đổi).",
        "en": "The share of the rank changes each source causes: on its own, and including when it acts together "
        "with the other sources (0 moves no rank, 1 causes every change).",
    },
    "analysis.learned_line": {
        "vi": "Điều chỉnh thẩm định học từ {pairs} lượt so sánh tự chấm – thẩm định của các kỳ trước.",
        "en": "Appraisal adjustments learned from {pairs} past self-assessed/appraised pairs.",
    },
    "analysis.default_line": {
        "vi": "Chưa có kỳ nào có cả tự chấm và thẩm định: dùng mức mặc định ({chance} khả năng bị trừ, trừ trung "
        "bình {share} số điểm tự chấm).",
        "en": "No round has both self-assessed and appraised values yet: using the defaults ({chance} chance of "
        "a cut, removing on average {share} of the claimed points).",
    },
    # over-claiming tab
    "analysis.overclaim_leaf_title": {
        "vi": "Tiêu chí thành phần bị tự chấm cao hơn thẩm định nhiều nhất",
        "en": "Sub-criteria over-claimed most",
    },
    "analysis.overclaim_leaf_hint": {
        "vi": "Số điểm trung bình đơn vị tự chấm cao hơn điểm thẩm định ở mỗi tiêu chí, qua mọi kỳ có cả hai.",
        "en": "How many points units claimed above the appraised points on each sub-criterion, on average over "
        "every round with both.",
    },
    "analysis.overclaim_unit_title": {"vi": "Đơn vị tự chấm cao hơn thẩm định", "en": "Units that over-claim"},
    "analysis.overclaim_unit_hint": {
        "vi": "Tổng số điểm tự chấm cao hơn thẩm định của mỗi đơn vị, theo năm.",
        "en": "Total points each unit claimed above the appraisal, by year.",
    },
    "analysis.overclaim_year_hint": {
        "vi": "Theo năm: số điểm trung bình mỗi đơn vị tự chấm cao hơn thẩm định và tỷ lệ tiêu chí thành phần tự chấm cao hơn.",
        "en": "By year: the mean points per unit claimed above the appraisal and the share of sub-criteria over-claimed.",
    },
    "analysis.col_mean_gap_unit": {"vi": "Chênh lệch TB mỗi đơn vị (điểm)", "en": "Mean gap per unit (points)"},
    "analysis.after_title": {"vi": "Hạng sau thẩm định (dự kiến)", "en": "Rank after appraisal (expected)"},
    "analysis.after_hint": {
        "vi": "Nếu số liệu hiện tại là tự chấm: hạng nhiều khả năng nhất sau thẩm định (trung vị) và khoảng 5–95 %, "
        "mô phỏng {runs} lần với điều chỉnh thẩm định nêu trên.",
        "en": "If the current values are self-assessed: the most likely rank after appraisal (median) and its 5–95% "
        "range, from {runs} replications with the appraisal adjustments above.",
    },
    "analysis.no_pairs": {
        "vi": "Chưa có kỳ đánh giá nào có cả giá trị tự chấm và giá trị thẩm định cho bộ tiêu chí và loại đơn vị "
        "này, nên chưa thể biết ai tự chấm cao hơn.",
        "en": "No round has both self-assessed and appraised values for this criteria set and unit type yet, so "
        "over-claiming cannot be measured.",
    },
    # change tab
    "analysis.compare_with": {"vi": "So với năm", "en": "Compare with"},
    "analysis.no_previous": {
        "vi": "Chưa có số liệu năm trước cho loại đơn vị này.",
        "en": "No earlier year with data for this unit type.",
    },
    "analysis.change_title": {"vi": "Vì sao hạng thay đổi", "en": "Why ranks moved"},
    "analysis.change_hint": {
        "vi": "Số bậc tăng (+) hoặc giảm (−) từ {before} đến {after} của mỗi đơn vị, tách thành: điểm của chính "
        "đơn vị, các đơn vị khác thay đổi, bộ tiêu chí thay đổi, danh sách đơn vị thay đổi.",
        "en": "Places each unit gained (+) or lost (−) from {before} to {after}, split into its own points, the "
        "others' movement, changes of the criteria set and units joining or leaving.",
    },
    "analysis.change_common": {
        "vi": "{common} trong {total} tiêu chí thành phần năm {after} có trong bộ tiêu chí năm {before} (cùng mã "
        "và điểm tối đa).",
        "en": "{common} of the {total} sub-criteria of {after} are in the {before} criteria set (same id and maximum).",
    },
    # national tab
    "analysis.province": {"vi": "Tỉnh", "en": "Province"},
    "analysis.region": {"vi": "Vùng kinh tế - xã hội", "en": "Socio-economic region"},
    "analysis.national_title": {"vi": "Tỉnh qua các năm công bố", "en": "The province in each published year"},
    "analysis.national_hint": {
        "vi": "Chỉ số của tỉnh so với trung bình cả nước và trung bình vùng ở mỗi năm Bộ Nội vụ công bố; năm không "
        "có điểm công bố dạng văn bản thì để trống.",
        "en": "The province's index against the national and regional means in each year MOHA published; years "
        "without a score published in text are left blank.",
    },
    "analysis.national_partial": {
        "vi": "Bảng công bố của các năm {years} là bảng một phần: hạng và điểm chưa công bố được để trống, không "
        "điền bằng số tự đặt ra.",
        "en": "The published tables of {years} are partial: ranks and scores not published are left blank, never "
        "filled in.",
    },
}
