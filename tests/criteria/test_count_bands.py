"""``count_bands``: days late (a whole count) scored by bands, as the shipped provincial sets score plan 1.1.1."""

from __future__ import annotations

import math

import pytest

from parindex.criteria import CellError, guidance_words, parse_guidance, parse_value, rule_from_mapping
from parindex.criteria import model as m
from parindex.scoring import leaf_points

RULE = {"kind": "count_bands", "unit": "ngày", "bands": [{"at_most": 0, "share": 100}, {"at_most": 10, "share": 50}]}


def leaf() -> m.Leaf:
    rule, problems = rule_from_mapping(RULE, 2.0)
    assert not problems
    return m.Leaf(id="1.1.1", name="Ngày chậm", max=2.0, rule=rule, source=m.Source(reconstructed=True))


@pytest.mark.parametrize(("typed", "points"), [("0", 2.0), ("1", 1.0), ("10", 1.0), ("11", 0.0), ("1.500", 0.0)])
def test_days_late_earn_the_band_they_reach(typed, points):
    assert leaf_points(leaf(), parse_value(typed, leaf())) == points


@pytest.mark.parametrize(("typed", "code"), [("2,5", "value_not_whole"), ("-1", "value_negative")])
def test_a_count_of_days_is_a_whole_number_at_least_zero(typed, code):
    with pytest.raises(CellError) as caught:
        parse_value(typed, leaf())
    assert caught.value.code == code


def test_a_measure_is_not_a_key_of_a_count():
    _, problems = rule_from_mapping({**RULE, "measure": "number"}, 2.0)
    assert [p.code for p in problems] == ["unknown_key"]


def test_the_words_name_the_count_and_read_back_as_a_count():
    words = guidance_words(leaf())
    assert words.startswith("Tính theo số lượng (số nguyên). Từ 0 ngày trở xuống: 2 điểm")
    assert parse_guidance(words, 2.0).rule["kind"] == "count_bands"
    # the same bands without the opening words are bands on a plain number, as before
    plain = words.removeprefix("Tính theo số lượng (số nguyên). ")
    assert parse_guidance(plain, 2.0).rule == {
        "kind": "bands",
        "measure": "number",
        "bands": [{"at_most": 0.0, "points": 2.0}, {"at_most": 10.0, "points": 1.0}],
        "unit": "ngày",
    }


def test_not_applicable_is_not_a_count():
    assert math.isnan(parse_value("KAD", leaf()))
