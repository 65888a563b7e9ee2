"""Every rule kind, with expectations computed by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from parindex.criteria import applied_step, describe_rule, parse_value
from tests.conftest import compile_text, one_field_set, score_rows

RULES = """
- {id: "yn", name: có/không, max: 2, source: reconstructed, rule: {kind: yes_no}}
- id: "lv"
  name: mức
  max: 4
  source: reconstructed
  rule:
    kind: levels
    levels:
      - {label: Hoàn thành xuất sắc, label_en: Excellent, share: 100}
      - {label: Hoàn thành tốt, share: 75}
      - {label: Hoàn thành, share: 50}
      - {label: Không hoàn thành, share: 0}
- id: "bd"
  name: khoảng
  max: 2
  source: reconstructed
  rule:
    kind: bands
    measure: percent
    bands:
      - {at_least: 100, share: 100}
      - {at_least: 95, share: 50}
      - {at_least: 90, points: 0.5}
- id: "lo"
  name: càng thấp càng tốt
  max: 1
  source: reconstructed
  rule:
    kind: bands
    measure: number
    unit: ngày
    bands:
      - {at_most: 0, share: 100}
      - {at_most: 3, share: 50}
- {id: "ln", name: tuyến tính, max: 2, source: reconstructed, rule: {kind: linear, measure: percent, zero_at: 50, full_at: 100}}
- {id: "rt", name: tỷ lệ, max: 2, source: reconstructed, rule: {kind: linear, measure: ratio, zero_at: 50, full_at: 100}}
- id: "rb"
  name: tỷ lệ theo khoảng
  max: 1
  source: reconstructed
  rule:
    kind: bands
    measure: ratio
    zero_denominator: full
    bands:
      - {at_least: 95, share: 100}
      - {at_least: 80, share: 50}
- {id: "ct", name: đếm, max: 1.5, source: reconstructed, rule: {kind: count, per_item: 0.5, cap: 1}}
- {id: "dd", name: trừ, max: 1, source: reconstructed, rule: {kind: deduction, per_violation: 0.25, floor: 0.25}}
- {id: "sv", name: điều tra, max: 2, source: reconstructed, rule: {kind: survey}}
- {id: "mn", name: tự cho điểm, max: 1.5, source: reconstructed, rule: {kind: manual}}
"""
MAX = 2 + 4 + 2 + 1 + 2 + 2 + 1 + 1.5 + 1 + 2 + 1.5  # = 20


@pytest.fixture(scope="module")
def rules_set():
    return compile_text(one_field_set(RULES, MAX))


def points_for(compiled, **values):
    base = {
        "yn": "có",
        "lv": "hoàn thành",
        "bd": "100",
        "lo": "0",
        "ln": "100",
        "rt": "1/1",
        "rb": "1/1",
        "ct": "0",
        "dd": "0",
        "sv": "100",
        "mn": "0",
    }
    base.update(values)
    scores = score_rows(compiled, [{"unit": "Sở A", "unit_type": "so", **base}])
    ids = list(compiled.column_ids)
    return {column_id: float(scores.points[0, ids.index(column_id)]) for column_id in ids}, scores


@pytest.mark.parametrize(
    ("leaf", "raw", "expected"),
    [
        ("yn", "có", 2.0),
        ("yn", "Không", 0.0),
        ("yn", "x", 2.0),
        ("yn", "0", 0.0),
        ("yn", "đạt", 2.0),
        ("lv", "Hoàn thành xuất sắc", 4.0),
        ("lv", "hoàn thành tốt", 3.0),
        ("lv", "HOAN THANH", 2.0),
        ("lv", "Excellent", 4.0),
        ("lv", "không hoàn thành", 0.0),
        ("bd", "100", 2.0),
        ("bd", "99,99", 1.0),
        ("bd", "95%", 1.0),
        ("bd", "94,9 %", 0.5),
        ("bd", "90", 0.5),
        ("bd", "89.99", 0.0),
        ("lo", "0", 1.0),
        ("lo", "1", 0.5),
        ("lo", "3", 0.5),
        ("lo", "3,5", 0.0),
        ("ln", "50", 0.0),
        ("ln", "40", 0.0),
        ("ln", "75", 1.0),
        ("ln", "100", 2.0),
        ("ln", "87,5", 1.5),
        ("rt", "312.085/328.813", (312085 / 328813 * 100 - 50) / 50 * 2),
        ("rt", "75%", 1.0),
        ("rt", "3/4", 1.0),
        ("rb", "0/0", 1.0),
        ("rb", "19/20", 1.0),
        ("rb", "4/5", 0.5),
        ("rb", "79/100", 0.0),
        ("ct", "0", 0.0),
        ("ct", "1", 0.5),
        ("ct", "2", 1.0),
        ("ct", "7", 1.0),
        ("dd", "0", 1.0),
        ("dd", "1", 0.75),
        ("dd", "3", 0.25),
        ("dd", "10", 0.25),
        ("sv", "85", 1.7),
        ("sv", "0", 0.0),
        ("sv", "92,5 %", 1.85),
        ("mn", "1,25", 1.25),
        ("mn", "0", 0.0),
        ("mn", "1.5", 1.5),
    ],
)
def test_rule_points(rules_set, leaf, raw, expected):
    points, _ = points_for(rules_set, **{leaf: raw})
    assert points[leaf] == pytest.approx(expected, abs=1e-9)


def test_not_applicable_leaves_the_denominator(rules_set):
    points, scores = points_for(rules_set, bd="KAD", rt="không áp dụng")
    assert points["bd"] == 0 and points["rt"] == 0
    assert scores.max_applicable[0] == pytest.approx(MAX - 2 - 2)
    # everything else at its base: yn 2, lv 2, lo 1, ln 2, rb 1, ct 0, dd 1, sv 2, mn 0 → 11 of 16
    assert scores.total[0] == pytest.approx(11.0)
    assert scores.index[0] == pytest.approx(68.75)


def test_ratio_with_zero_denominator_defaults_to_not_applicable(rules_set):
    _, scores = points_for(rules_set, rt="0/0")
    assert math.isnan(scores.values[0, list(rules_set.column_ids).index("rt")])
    assert scores.max_applicable[0] == pytest.approx(MAX - 2)


def test_survey_and_appraisal_parts_are_kept_apart(rules_set):
    _, scores = points_for(rules_set, sv="50")
    assert scores.survey[0] == pytest.approx(1.0)
    assert scores.appraisal[0] == pytest.approx(scores.total[0] - 1.0)


def test_field_and_criterion_totals(rules_set):
    _, scores = points_for(rules_set)
    assert scores.field_points.shape == (1, 1)
    assert scores.field_points[0, 0] == pytest.approx(np.sum(scores.leaf_points[0]))
    assert scores.criterion_points[0, 0] == pytest.approx(scores.field_points[0, 0])


# The descriptions a council member reads: conditions in words and points out of the leaf's own maximum.
DESCRIBED = [
    ("yn", "vi", "Có: 2 điểm; không: 0 điểm"),
    ("lv", "vi", "Hoàn thành xuất sắc: 4 điểm; Hoàn thành tốt: 3 điểm; Hoàn thành: 2 điểm; Không hoàn thành: 0 điểm"),
    (
        "bd",
        "vi",
        "Từ 100 % trở lên: 2 điểm; từ 95 % đến dưới 100 %: 1 điểm; từ 90 % đến dưới 95 %: 0,5 điểm; dưới 90 %: 0 điểm",
    ),
    (
        "bd",
        "en",
        "100% or more: 2 points; 95% to under 100%: 1 point; 90% to under 95%: 0.5 points; under 90%: 0 points",
    ),
    ("lo", "vi", "Từ 0 ngày trở xuống: 1 điểm; trên 0 ngày đến 3 ngày: 0,5 điểm; trên 3 ngày: 0 điểm"),
    ("lo", "en", "0 ngày or less: 1 point; over 0 ngày up to 3 ngày: 0.5 points; over 3 ngày: 0 points"),
    ("ln", "vi", "Từ 50 % trở xuống: 0 điểm; từ 100 % trở lên: 2 điểm; ở giữa tính theo tỷ lệ tương ứng"),
    ("rb", "vi", "Tỷ lệ tử số/mẫu số. Từ 95 % trở lên: 1 điểm; từ 80 % đến dưới 95 %: 0,5 điểm; dưới 80 %: 0 điểm"),
    ("ct", "vi", "0,5 điểm mỗi việc, tối đa 1 điểm"),
    ("dd", "vi", "1 điểm, trừ 0,25 điểm mỗi lần vi phạm, không dưới 0,25 điểm"),
    ("sv", "vi", "Tỷ lệ hài lòng qua điều tra nhân với 2 điểm"),
    ("mn", "vi", "Hội đồng thẩm định cho điểm, từ 0 đến 1,5 điểm"),
]


@pytest.mark.parametrize(("leaf_id", "lang", "expected"), DESCRIBED)
def test_rules_are_described_in_plain_words_with_points(rules_set, leaf_id, lang, expected):
    leaf = next(leaf for leaf in rules_set.leaves if leaf.id == leaf_id)
    assert describe_rule(leaf, lang) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("99,99", "từ 95 % đến dưới 100 %: 1 điểm"), ("100", "từ 100 % trở lên: 2 điểm"), ("89", "dưới 90 %: 0 điểm")],
)
def test_the_band_a_value_fell_in_is_named_in_words(rules_set, raw, expected):
    leaf = next(leaf for leaf in rules_set.leaves if leaf.id == "bd")
    assert applied_step(leaf, parse_value(raw, leaf)) == expected
