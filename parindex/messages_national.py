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
        "vi": "Để P(top {k}) ≥ {level} năm {year} cần chỉ số ít nhất {index} % (P = {p}).",
        "en": "For P(top {k}) ≥ {level} in {year} the index must be at least {index}% (P = {p}).",
    },
    "national.target_unreachable": {
        "vi": "Không chỉ số nào (đến 100 %) đạt P(top {k}) ≥ {level} năm {year}.",
        "en": "No index up to 100% gives P(top {k}) ≥ {level} in {year}.",
    },
}
