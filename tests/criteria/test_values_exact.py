"""Band edges are hit exactly, impossible values are refused, and one rule reads dots and commas."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from parindex.criteria import CellError, compile_set, parse_criteria_set, parse_value
from parindex.criteria import model as m
from parindex.errors import InputError
from parindex.scoring import leaf_points, score
from tests.conftest import compile_text, one_field_set, score_rows

SOURCE = m.Source(reconstructed=True)


def ratio_leaf(threshold: float, higher: bool) -> m.Leaf:
    rule = m.Rule(kind=m.BANDS, measure="ratio", higher_is_better=higher, bands=(m.Band(threshold, 1.0),))
    return m.Leaf(id="r", name="r", max=2.0, rule=rule, source=SOURCE)


def both_paths(leaf: m.Leaf, text: str) -> tuple[float, float]:
    """Points for ``text`` from the vectorised scorer and from the plain reference scorer."""
    value = parse_value(text, leaf)
    cs = m.CriteriaSet(
        id="t",
        name="t",
        decision="t",
        years=(2025,),
        unit_types=("so",),
        max_points=leaf.max,
        fields=(m.Field("F", "F", leaf.max, SOURCE, (m.Criterion("C", "C", leaf.max, SOURCE, (leaf,)),)),),
        grades=(m.Grade("A", 0.0),),
    )
    compiled = compile_set(cs)
    scores = score(compiled, np.array([[value]]), pd.DataFrame({"unit": ["u"], "unit_type": ["so"]}))
    return float(scores.points[0, 0]), leaf_points(leaf, value)


@pytest.mark.parametrize("threshold", [29, 57, 58])
def test_ratio_exactly_at_least_threshold_reaches_it(threshold):
    # 29/100·100 = 28.999999999999996 in floats: the edge was missed (0 points instead of 2)
    assert both_paths(ratio_leaf(threshold, True), f"{threshold}/100") == (2.0, 2.0)


@pytest.mark.parametrize("threshold", [7, 14, 28, 55, 56])
def test_ratio_exactly_at_most_threshold_reaches_it(threshold):
    # 7/100·100 = 7.000000000000001: the "at most 7" band was missed
    assert both_paths(ratio_leaf(threshold, False), f"{threshold}/100") == (2.0, 2.0)


@settings(max_examples=300, deadline=None)
@given(d=st.integers(1, 10**9), n_share=st.fractions(0, 1), higher=st.booleans(), data=st.data())
def test_band_edge_is_hit_for_any_exact_ratio(d, n_share, higher, data):
    """n ≤ d and a decimal threshold t with t·d = 100·n: both scorers put n/d on the band, and agree."""
    n = int(n_share * d)
    t = Fraction(100 * n, d)
    assume(10**6 % t.denominator == 0)  # a threshold a criteria set can write: at most six decimals
    threshold_text = f"{float(t):.6f}"
    assert Fraction(threshold_text) == t
    leaf = ratio_leaf(float(threshold_text), higher)  # the loader reads YAML numbers this way
    vector, scalar = both_paths(leaf, f"{n}/{d}")
    assert vector == scalar == 2.0
    # one count further away from the edge (when possible) misses the band in both paths
    other = n - 1 if higher else n + 1
    if 0 <= other <= d:
        assert both_paths(leaf, f"{other}/{d}") == (0.0, 0.0)


DAYS = """
- id: "d"
  name: số ngày chậm
  max: 2
  source: reconstructed
  rule:
    kind: bands
    measure: number
    unit: ngày
    bands:
      - {at_most: 0, share: 100}
      - {at_most: 3, share: 50}
- id: "g"
  name: tăng trưởng
  max: 1
  source: reconstructed
  rule:
    kind: bands
    measure: number
    negative: true
    bands:
      - {at_least: 10, share: 100}
- id: "r"
  name: tỷ lệ
  max: 1
  source: reconstructed
  rule: {kind: linear, measure: ratio, zero_at: 0, full_at: 100}
- id: "p"
  name: phần trăm
  max: 1
  source: reconstructed
  rule: {kind: linear, measure: percent, zero_at: 0, full_at: 100}
- id: "c"
  name: đếm
  max: 2
  source: reconstructed
  rule: {kind: count, per_item: 1}
"""


@pytest.fixture(scope="module")
def days_set():
    return compile_text(one_field_set(DAYS, 7))


def problems_of(compiled, **cells) -> list:
    row = {"unit": "Sở A", "d": "0", "g": "5", "r": "1/2", "p": "50", "c": "1"} | cells
    with pytest.raises(InputError) as caught:
        score_rows(compiled, [row])
    return caught.value.problems


@pytest.mark.parametrize(
    ("column", "text", "code"),
    [
        ("d", "-7", "value_negative"),  # -7 days of delay scored full points
        ("d", "inf", "value_not_number"),
        ("d", "nan", "value_not_number"),
        ("d", "1.500", "value_ambiguous"),  # 1500 or 1,5 days?
        ("p", "١٠٠", "value_digits_script"),
        ("p", "１００", "value_digits_script"),
        ("r", "5/0", "value_zero_denominator"),
        ("r", "6/5", "value_ratio_above_one"),
        ("r", "1.500/3", "value_ratio_above_one"),  # counts: the dot groups thousands, 1500 > 3
        ("r", "1,5/3", "value_ratio_whole"),
        ("r", "1,500/3000", "value_ambiguous"),
        ("c", "1,500", "value_ambiguous"),
        ("c", "-1", "value_negative"),
    ],
)
def test_impossible_values_are_refused_with_row_and_column(days_set, column, text, code):
    problems = problems_of(days_set, **{column: text})
    assert [(p.code, p.row, p.column) for p in problems] == [(code, 2, column)]


@pytest.mark.parametrize("raw", [math.inf, -math.inf])
def test_infinite_number_cells_are_refused(days_set, raw):
    for column in ("d", "p", "r", "c"):
        problems = problems_of(days_set, **{column: raw})
        assert [(p.code, p.row, p.column) for p in problems] == [("value_not_number", 2, column)]


def test_one_rule_for_dots_and_commas_in_every_kind(days_set):
    row = {"unit": "Sở A", "d": "1.0", "g": "-3", "r": "1.500/3.000", "p": "99.7", "c": "1.000"}
    scores = score_rows(days_set, [row])
    values = dict(zip(days_set.column_ids, scores.values[0], strict=True))
    assert values == {"d": 1.0, "g": -3.0, "r": 50.0, "p": 99.7, "c": 1000.0}


def test_ambiguous_message_shows_both_readings(days_set):
    (problem,) = problems_of(days_set, d="1.500")
    assert problem.params == {"value": "1.500", "thousands": "1500", "decimal": "1,5"}
    from parindex.i18n import t

    text = t("problem.value_ambiguous", "vi", **problem.params)
    assert "1500" in text and "1,5" in text


def test_negative_is_only_for_number_measures():
    text = one_field_set(
        '- {id: "x", name: x, max: 1, source: reconstructed, rule: {kind: linear, measure: percent, '
        "zero_at: 0, full_at: 100, negative: true}}",
        1,
    )
    with pytest.raises(InputError) as caught:
        parse_criteria_set(text, "t.yaml")
    assert [p.code for p in caught.value.problems] == ["negative_not_number"]


def test_excel_percent_cell_on_an_edge_reaches_it():
    # a percent-formatted Excel cell 0.29 is read as 29 (not 28.999999999999996)
    assert both_paths(ratio_leaf(29, True), 29.0) == (2.0, 2.0)


def test_cell_error_is_a_value_error():
    with pytest.raises(ValueError):
        parse_value("5/0", ratio_leaf(29, True))
    assert issubclass(CellError, ValueError)


SURVEY_LEAVES = """
- {id: "a", name: thẩm định, max: 2, source: reconstructed, rule: {kind: yes_no}}
- {id: "s1", name: điều tra 1, max: 1, source: reconstructed, rule: {kind: survey}}
- {id: "s2", name: điều tra 2, max: 1, source: reconstructed, rule: {kind: survey}}
"""


def test_entirely_blank_survey_under_error_says_so():
    """without_survey: error — an all-blank survey was called "partly empty … or leave it all empty"."""
    compiled = compile_text(one_field_set(SURVEY_LEAVES, 4, "without_survey: error"))
    rows = [
        {"unit": "Sở A", "a": "có", "s1": "", "s2": ""},
        {"unit": "Sở B", "a": "có", "s1": "80", "s2": ""},
    ]
    with pytest.raises(InputError) as caught:
        score_rows(compiled, rows)
    found = [(p.code, p.row, p.column) for p in caught.value.problems]
    assert found == [("survey_all_blank", 2, "s1"), ("survey_blank", 3, "s2")]
    text = caught.value.problems[0].render("vi")
    assert "bỏ trống toàn bộ" in text and "để trống toàn bộ" not in text
