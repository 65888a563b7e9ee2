"""Messages of the published documents (``report.*``): the decision's annex, the unit report, the leader's brief.

Kept apart from the main catalogue, which merges ``REPORT_MESSAGES`` like the app's messages. Every entry
has Vietnamese and English text with the same ``{placeholders}``.
"""

from __future__ import annotations

REPORT_MESSAGES: dict[str, dict[str, str]] = {
    # heading block of an administrative document (Nghị định 30/2020/NĐ-CP, thể thức văn bản)
    "report.nation": {"vi": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "en": "SOCIALIST REPUBLIC OF VIET NAM"},
    "report.motto": {"vi": "Độc lập - Tự do - Hạnh phúc", "en": "Independence - Freedom - Happiness"},
    "report.place_date": {
        "vi": "{place}, ngày {day} tháng {month} năm {year}",
        "en": "{place}, {day}/{month}/{year}",
    },
    "report.number": {"vi": "Số: {number}", "en": "No.: {number}"},
    "report.issued_by": {"vi": "{authority} {province}", "en": "{authority} of {province}"},
    # annex
    "report.annex_title": {"vi": "PHỤ LỤC", "en": "ANNEX"},
    "report.annex_subtitle": {
        "vi": "KẾT QUẢ XÁC ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {year}",
        "en": "PUBLIC ADMINISTRATION REFORM INDEX RESULTS {year}",
    },
    "report.annex_of": {
        "vi": "(Kèm theo Quyết định số {number} ngày {date} của {issuer})",
        "en": "(Annexed to Decision No. {number} of {date} of the {issuer})",
    },
    "report.section_type": {
        "vi": "{letter}. {type_name} ({count} đơn vị)",
        "en": "{letter}. {type_name} ({count} units)",
    },
    "report.col_rank": {"vi": "Hạng", "en": "Rank"},
    "report.col_unit": {"vi": "Đơn vị", "en": "Unit"},
    "report.col_field": {"vi": "LV{id}", "en": "F{id}"},
    "report.col_field_long": {"vi": "Lĩnh vực {id}", "en": "Field {id}"},
    "report.col_bonus": {"vi": "Thưởng", "en": "Bonus"},
    "report.col_penalty": {"vi": "Trừ", "en": "Penalty"},
    "report.col_total": {"vi": "Tổng điểm", "en": "Total"},
    "report.col_max": {"vi": "Điểm tối đa", "en": "Maximum"},
    "report.col_index": {"vi": "Chỉ số (%)", "en": "Index (%)"},
    "report.col_grade": {"vi": "Xếp loại", "en": "Grade"},
    "report.notes": {"vi": "Ghi chú:", "en": "Notes:"},
    "report.note_fields": {
        "vi": "LV{id}: {name} (tối đa {max} điểm).",
        "en": "F{id}: {name} (maximum {max} points).",
    },
    "report.note_index": {
        "vi": "Chỉ số = tổng điểm / tổng điểm tối đa của các tiêu chí áp dụng × 100, làm tròn {decimals} chữ số thập phân; "
        "đơn vị bằng chỉ số thì đồng hạng.",
        "en": "Index = total points / maximum of the applicable criteria × 100, rounded to {decimals} decimals; "
        "units with equal indexes share a rank.",
    },
    "report.note_set": {"vi": "Bộ tiêu chí: {name}.", "en": "Criteria set: {name}."},
    "report.note_sample": {
        "vi": "Số liệu mẫu của một tỉnh giả định, không phải kết quả thật.",
        "en": "Sample figures of an imaginary province, not real results.",
    },
    "report.unranked": {"vi": "—", "en": "—"},
    "report.on_behalf": {"vi": "TM. {authority}", "en": "ON BEHALF OF THE {authority}"},
    "report.signature_hint": {"vi": "(Ký, ghi rõ họ tên, đóng dấu)", "en": "(Signature, full name, seal)"},
    "report.sheet_notes": {"vi": "Ghi chú", "en": "Notes"},
    "report.page": {"vi": "Trang {page}/{pages}", "en": "Page {page}/{pages}"},
    # unit report
    "report.unit_title": {
        "vi": "BÁO CÁO KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {year}",
        "en": "PUBLIC ADMINISTRATION REFORM INDEX REPORT {year}",
    },
    "report.unit_of": {"vi": "Đơn vị: {unit}", "en": "Unit: {unit}"},
    "report.summary": {"vi": "1. Kết quả chung", "en": "1. Overall result"},
    "report.summary_line": {
        "vi": "Chỉ số: {index} · Hạng: {rank}/{count} · Xếp loại: {grade}",
        "en": "Index: {index} · Rank: {rank}/{count} · Grade: {grade}",
    },
    "report.summary_points": {
        "vi": "Tổng điểm {total} trên {max} điểm tối đa (thẩm định {appraisal}, điều tra xã hội học {survey}, "
        "thưởng {bonus}, trừ {penalty}).",
        "en": "Total {total} of a maximum {max} points (appraisal {appraisal}, survey {survey}, bonus {bonus}, "
        "penalty {penalty}).",
    },
    "report.fields": {"vi": "2. Điểm theo lĩnh vực", "en": "2. Points by field"},
    "report.fields_hint": {
        "vi": "Điểm của đơn vị so với trung bình và cao nhất của {count} đơn vị cùng loại.",
        "en": "The unit's points against the mean and the best of {count} units of its type.",
    },
    "report.col_mean": {"vi": "Trung bình", "en": "Mean"},
    "report.col_best": {"vi": "Cao nhất", "en": "Best"},
    "report.col_points": {"vi": "Điểm", "en": "Points"},
    "report.losses": {"vi": "3. Tiêu chí bị mất điểm", "en": "3. Where points were lost"},
    "report.losses_hint": {
        "vi": "{count} tiêu chí thành phần bị mất tổng cộng {lost} điểm; bảng liệt kê {shown} tiêu chí mất nhiều nhất.",
        "en": "{count} sub-criteria lost {lost} points in all; the table lists the {shown} largest losses.",
    },
    "report.no_losses": {"vi": "Đơn vị không bị mất điểm ở tiêu chí nào.", "en": "The unit lost no points."},
    "report.col_id": {"vi": "Mã", "en": "Id"},
    "report.col_criterion": {"vi": "Tiêu chí", "en": "Criterion"},
    "report.col_value": {"vi": "Giá trị", "en": "Value"},
    "report.col_lost": {"vi": "Mất", "en": "Lost"},
    "report.col_rule": {"vi": "Cách tính", "en": "Rule"},
    "report.appraisal": {"vi": "4. Ý kiến thẩm định và minh chứng", "en": "4. Appraisal notes and evidence"},
    "report.no_round": {
        "vi": "Số liệu không lấy từ một kỳ đánh giá trong cơ sở dữ liệu nên không có ý kiến thẩm định và minh chứng.",
        "en": "The figures do not come from a scoring round in the database, so there are no appraisal notes or evidence.",
    },
    "report.no_notes": {"vi": "Không có ý kiến thẩm định.", "en": "No appraisal notes."},
    "report.no_evidence": {"vi": "Chưa có minh chứng.", "en": "No evidence attached."},
    "report.notes_title": {"vi": "Ý kiến thẩm định", "en": "Appraisal notes"},
    "report.evidence_title": {"vi": "Danh mục minh chứng", "en": "Evidence"},
    "report.col_stage": {"vi": "Bước", "en": "Stage"},
    "report.col_note": {"vi": "Nội dung", "en": "Note"},
    "report.col_doc": {"vi": "Số, ngày", "en": "No., date"},
    "report.col_issuer": {"vi": "Cơ quan ban hành", "en": "Issuer"},
    "report.col_summary": {"vi": "Trích yếu", "en": "Summary"},
    "report.stage_appraisal1": {"vi": "Thẩm định lần 1", "en": "First appraisal"},
    "report.stage_appraisal2": {"vi": "Thẩm định lần 2", "en": "Second appraisal"},
    "report.stage_request": {"vi": "Yêu cầu giải trình", "en": "Explanation requested"},
    "report.stage_answer": {"vi": "Đơn vị giải trình", "en": "Unit's explanation"},
    "report.plan": {"vi": "5. Lộ trình cho năm sau", "en": "5. Plan for next year"},
    "report.plan_none": {
        "vi": "Chưa chọn hạng mục tiêu cho năm sau.",
        "en": "No target rank was chosen for next year.",
    },
    "report.plan_hint": {
        "vi": "Lộ trình ít nỗ lực nhất trong các phương án liệt kê cho từng tiêu chí, với các đơn vị khác giữ nguyên "
        "kết quả năm nay.",
        "en": "The least-effort plan over each criterion's listed options, with the other units keeping this year's "
        "results.",
    },
    "report.col_change": {"vi": "Thay đổi", "en": "Change"},
    "report.col_gain": {"vi": "Điểm thêm", "en": "Points gained"},
    "report.col_effort": {"vi": "Nỗ lực", "en": "Effort"},
    # leader's brief
    "report.brief_title": {
        "vi": "TÓM TẮT CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {year}",
        "en": "PUBLIC ADMINISTRATION REFORM INDEX BRIEF {year}",
    },
    "report.brief_for": {"vi": "Báo cáo lãnh đạo {issuer}", "en": "For the leaders of the {issuer}"},
    "report.national": {"vi": "1. Vị trí của tỉnh trên cả nước", "en": "1. The province nationally"},
    "report.national_mean": {
        "vi": "Năm {year} cả nước có {units} tỉnh, thành phố được xếp hạng; chỉ số trung bình {mean}, cao nhất {top} ({top_pct}).",
        "en": "In {year}, {units} provinces were ranked; the mean index was {mean}, the highest {top} ({top_pct}).",
    },
    "report.national_published": {
        "vi": "{province}: chỉ số {index}, hạng {rank}/{units} ({versus} trung bình cả nước {gap} điểm phần trăm).",
        "en": "{province}: index {index}, rank {rank} of {units} ({versus} the national mean by {gap} percentage points).",
    },
    "report.national_assumed": {
        "vi": "Với chỉ số {index}, {province} đứng hạng {rank}/{units} ({versus} trung bình cả nước {gap} điểm phần trăm).",
        "en": "With an index of {index}, {province} would rank {rank} of {units} ({versus} the national mean by {gap} "
        "percentage points).",
    },
    "report.above": {"vi": "cao hơn", "en": "above"},
    "report.below": {"vi": "thấp hơn", "en": "below"},
    "report.national_unknown": {
        "vi": "{province} không có trong bảng kết quả đã công bố năm {year} (bảng một phần); nhập chỉ số của tỉnh để biết "
        "hạng tương ứng.",
        "en": "{province} is not in the published {year} table (a partial table); give the province's index to see its "
        "rank.",
    },
    "report.national_partial": {
        "vi": "Bảng công bố có sẵn là bảng một phần, nên hạng là một khoảng. Nguồn: {source}.",
        "en": "The shipped table is partial, so a rank is a range. Source: {source}.",
    },
    "report.national_source": {"vi": "Nguồn: {source}.", "en": "Source: {source}."},
    "report.gap": {"vi": "2. Khoảng cách đến hạng mục tiêu", "en": "2. The gap to the target rank"},
    "report.gap_line": {
        "vi": "{unit}: chỉ số {index}, hạng {rank}/{count}, xếp loại {grade}.",
        "en": "{unit}: index {index}, rank {rank} of {count}, grade {grade}.",
    },
    "report.gap_needed": {
        "vi": "Để đạt hạng {target} cần chỉ số từ {needed} trở lên, tức thêm {points} điểm.",
        "en": "Rank {target} needs an index of at least {needed}, that is {points} more points.",
    },
    "report.gap_met": {
        "vi": "Đơn vị đã đạt hạng mục tiêu {target}; có thể mất {margin} điểm mà không tụt hạng.",
        "en": "The unit already reaches the target rank {target}; it can lose {margin} points without dropping a rank.",
    },
    "report.moves": {"vi": "3. Ba việc ít tốn công nhất", "en": "3. The three cheapest moves"},
    "report.moves_hint": {
        "vi": "Trong lộ trình ít nỗ lực nhất để đạt hạng {target}: {summary}",
        "en": "From the least-effort plan for rank {target}: {summary}",
    },
    "report.moves_best": {
        "vi": "Những việc cho nhiều điểm nhất trên mỗi đơn vị nỗ lực.",
        "en": "The improvements that give the most points per unit of effort.",
    },
    "report.no_moves": {"vi": "Không còn tiêu chí nào cải thiện được.", "en": "No criterion can still be improved."},
    "report.generated": {"vi": "Lập ngày {date} từ {source}.", "en": "Prepared on {date} from {source}."},
    # command line
    "cli.report_written": {"vi": "Đã ghi {file} ({size} KB)", "en": "Wrote {file} ({size} KB)"},
    "problem.report_bad_out": {
        "vi": "tệp kết quả phải có đuôi {allowed}",
        "en": "the output file must end in {allowed}",
    },
    "problem.report_needs_unit": {
        "vi": "báo cáo '{kind}' cần --unit TÊN_ĐƠN_VỊ",
        "en": "the '{kind}' report needs --unit NAME",
    },
    "problem.report_needs_data": {
        "vi": "cần --rules TỆP và --data TỆP, hoặc --round-year NĂM",
        "en": "give --rules FILE and --data FILE, or --round-year YEAR",
    },
    "problem.report_no_round": {
        "vi": "không có kỳ đánh giá năm {year} trong cơ sở dữ liệu (hoặc có nhiều kỳ; thêm --rules để chọn bộ tiêu chí)",
        "en": "no scoring round of {year} in the database (or several; add --rules to choose the criteria set)",
    },
    "problem.report_round_blank": {
        "vi": "kỳ đánh giá năm {year} còn giá trị bỏ trống nên chưa chấm được: {detail}",
        "en": "the {year} scoring round still has blank values, so it cannot be scored yet: {detail}",
    },
    # the Báo cáo page
    "ui.page_reports": {"vi": "Báo cáo", "en": "Reports"},
    "ui.report_kind": {"vi": "Loại báo cáo", "en": "Report"},
    "ui.report_annex": {"vi": "Phụ lục quyết định công bố", "en": "Annex of the decision"},
    "ui.report_unit": {"vi": "Báo cáo đơn vị", "en": "Unit report"},
    "ui.report_brief": {"vi": "Tóm tắt cho lãnh đạo", "en": "Leader's brief"},
    "ui.report_annex_hint": {
        "vi": "Bảng xếp hạng theo loại đơn vị (hạng, điểm từng lĩnh vực, tổng điểm, chỉ số, xếp loại) với phần đầu văn "
        "bản, ghi chú và chỗ ký; số và ngày quyết định lấy từ config.yaml.",
        "en": "The ranking by unit type (rank, points per field, total, index, grade) with the document heading, notes "
        "and signature; the decision's number and date come from config.yaml.",
    },
    "ui.report_unit_hint": {
        "vi": "2–4 trang: chỉ số, hạng, xếp loại; biểu đồ lĩnh vực; tiêu chí bị mất điểm kèm cách tính; ý kiến thẩm "
        "định và minh chứng (khi số liệu từ kỳ đánh giá); lộ trình ít nỗ lực nhất cho hạng mục tiêu năm sau.",
        "en": "2–4 pages: index, rank, grade; field chart; points lost with the rule; appraisal notes and evidence "
        "(when the figures come from a round); the least-effort plan for next year's target rank.",
    },
    "ui.report_brief_hint": {
        "vi": "1 trang: vị trí của tỉnh trên cả nước, khoảng cách đến hạng mục tiêu, ba việc ít tốn công nhất.",
        "en": "1 page: the province nationally, the gap to the target rank, the three cheapest moves.",
    },
    "ui.report_format": {"vi": "Định dạng", "en": "Format"},
    "ui.report_with_target": {"vi": "Có hạng mục tiêu", "en": "With a target rank"},
    "ui.report_national_index": {
        "vi": "Chỉ số PAR của tỉnh (không bắt buộc)",
        "en": "The province's PAR Index (optional)",
    },
    "ui.report_national_help": {
        "vi": "Để trống nếu tỉnh đã có trong bảng công bố; nhập chỉ số để biết hạng tương ứng trên cả nước.",
        "en": "Leave empty if the province is in the published table; give an index to see its national rank.",
    },
    "ui.report_download": {"vi": "Tải {file}", "en": "Download {file}"},
    "ui.report_built_on_click": {
        "vi": "Tệp chỉ được tạo khi bấm tải. Văn bản (số, ngày, người ký): {number} · {date} · {signer}.",
        "en": "The file is built only when you click. Document (number, date, signer): {number} · {date} · {signer}.",
    },
    "ui.report_from_round": {
        "vi": "Số liệu từ kỳ đánh giá {year}: báo cáo đơn vị có ý kiến thẩm định và minh chứng.",
        "en": "Figures from the {year} scoring round: the unit report includes appraisal notes and evidence.",
    },
}
