"""Reading values the way staff type them."""

from __future__ import annotations

import math

import pytest

from parindex.criteria import BLANK, CellError, parse_number, parse_value
from parindex.criteria import model as m


@pytest.mark.parametrize(
    ("text", "whole", "expected"),
    [
        ("99,7", False, 99.7),
        ("99.7", False, 99.7),
        ("1.234,56", False, 1234.56),
        ("1,234.56", False, 1234.56),
        ("312.085", True, 312085),
        ("312,085", False, 312.085),
        ("1.234.567", False, 1234567),
        ("328 813", True, 328813),
        ("12", True, 12),
        ("-3", False, -3),
        (",5", False, 0.5),
    ],
)
def test_parse_number(text, whole, expected):
    assert parse_number(text, whole) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["abc", "1.2.3", "", "1,2,3", "inf", "9..7"])
def test_parse_number_rejects(text):
    with pytest.raises(CellError):
        parse_number(text)


def leaf(rule: m.Rule, max_points: float = 2.0, na_allowed: bool = True) -> m.Leaf:
    return m.Leaf(
        id="x", name="x", max=max_points, rule=rule, source=m.Source(reconstructed=True), na_allowed=na_allowed
    )


PERCENT = m.Rule(kind=m.BANDS, measure="percent", bands=(m.Band(100, 1.0),))
RATIO = m.Rule(kind=m.LINEAR, measure="ratio", zero_at=0, full_at=100)


@pytest.mark.parametrize("text", ["99,7", "99.7%", "99,7 %", "99,7%", " 99,7 ", 99.7])
def test_percent_forms(text):
    assert parse_value(text, leaf(PERCENT)) == pytest.approx(99.7)


def test_ratio_forms():
    assert parse_value("312.085/328.813", leaf(RATIO)) == pytest.approx(312085 / 328813 * 100)
    assert parse_value("312085 / 328813", leaf(RATIO)) == pytest.approx(312085 / 328813 * 100)
    assert parse_value("94,91", leaf(RATIO)) == pytest.approx(94.91)
    assert math.isnan(parse_value("0/0", leaf(RATIO)))
    with pytest.raises(CellError) as caught:
        parse_value("5/4", leaf(RATIO))
    assert caught.value.code == "value_ratio_above_one"


def test_not_applicable_blank_and_forbidden():
    assert math.isnan(parse_value("KAD", leaf(PERCENT)))
    assert math.isnan(parse_value("Không áp dụng", leaf(PERCENT)))
    assert parse_value("  ", leaf(PERCENT)) is BLANK
    assert parse_value(None, leaf(PERCENT)) is BLANK
    with pytest.raises(CellError) as caught:
        parse_value("N/A", leaf(PERCENT, na_allowed=False))
    assert caught.value.code == "value_na_forbidden"


@pytest.mark.parametrize(
    ("rule", "text", "code"),
    [
        (PERCENT, "101", "value_percent_range"),
        (PERCENT, "-1", "value_percent_range"),
        (PERCENT, "chín mươi", "value_not_number"),
        (m.Rule(kind=m.COUNT, per_item=1, cap=2), "1,5", "value_not_whole"),
        (m.Rule(kind=m.COUNT, per_item=1, cap=2), "-1", "value_negative"),
        (m.Rule(kind=m.YES_NO), "có lẽ", "value_yes_no"),
        (m.Rule(kind=m.LEVELS, levels=(m.Level("Tốt", 1.0), m.Level("Khá", 0.5))), "Giỏi", "value_level"),
        (m.Rule(kind=m.MANUAL), "2,5", "value_points_range"),
    ],
)
def test_unreadable_values(rule, text, code):
    with pytest.raises(CellError) as caught:
        parse_value(text, leaf(rule))
    assert caught.value.code == code


def test_levels_ignore_case_and_diacritics():
    rule = m.Rule(kind=m.LEVELS, levels=(m.Level("Hoàn thành tốt", 0.75, "Good"), m.Level("Hoàn thành", 0.5)))
    assert parse_value("HOÀN THÀNH TỐT", leaf(rule)) == 0
    assert parse_value("hoan thanh tot", leaf(rule)) == 0
    assert parse_value("good", leaf(rule)) == 0
    assert parse_value("Hoàn thành", leaf(rule)) == 1
