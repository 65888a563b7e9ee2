"""The array steps of the column reader, each against a simple reference: regular expressions, ``float()``, parse_value."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parindex.criteria import clean_text, parse_value, read_cells, read_column
from parindex.criteria._value_columns import _dots_group_thousands, _floats, _Lines, _tidy
from parindex.errors import InputError
from parindex.scoring import parse_table
from tests.conftest import compile_text, one_field_set
from tests.criteria.test_value_columns import LEAVES, cell, frame_of, outcome, same

# The checks the array code replaced: a dot that does not group three digits, a first group that is no thousands.
BAD_DOT = re.compile(r"\.(?![0-9]{3}[./\n])")
BAD_LEAD = re.compile(r"(?<![0-9.])(?:0|[0-9]{4})[0-9]*\.")


def codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode(), dtype=np.uint8)


@pytest.mark.parametrize(
    ("text", "grouped"),
    [
        ("35.475/35.960\n", True),
        ("1.500.000\n7\n", True),
        ("999.999\n", True),
        ("1234.567\n", False),
        ("0.500\n", False),
        ("1.50\n", False),
        ("12.3456\n", False),
        ("1.500/2.5\n", False),
        ("1.500\n1234\n0\n", True),
    ],
)
def test_dots_group_thousands(text, grouped):
    assert _dots_group_thousands(codes(text)) is grouped


# Lines of digits, dots and slashes where every dot follows a digit (what the reader checks before).
number_lines = st.lists(
    st.from_regex(r"[0-9]{1,6}(?:[./][0-9]{1,5}){0,3}", fullmatch=True), min_size=1, max_size=6
).map(lambda lines: "\n".join(lines) + "\n")


@settings(max_examples=500)
@given(number_lines)
def test_dots_group_thousands_as_the_regular_expressions_do(text):
    assert _dots_group_thousands(codes(text)) == (not (BAD_DOT.search(text) or BAD_LEAD.search(text)))


def test_floats_read_each_line():
    lines = _Lines.of(b"99,7\n95,5%\n0\n100,00%\n")
    assert _floats(lines, drop=b"%\n", comma_to_point=True).tolist() == [99.7, 95.5, 0.0, 100.0]


def test_floats_read_both_sides_of_a_slash():
    lines = _Lines.of(b"35.475/35.960\n0/0\n")
    assert _floats(lines, drop=b"./\n", split=ord("/")).tolist() == [35475, 35960, 0, 0]


@settings(max_examples=300)
@given(st.lists(st.from_regex(r"[0-9]{1,25}(?:,[0-9]{1,25})?", fullmatch=True), min_size=1, max_size=8))
def test_floats_are_the_nearest_floats_as_float_gives(numbers):
    lines = _Lines.of(("\n".join(numbers) + "\n").encode())
    expected = [float(number.replace(",", ".")) for number in numbers]
    assert _floats(lines, drop=b"\n", comma_to_point=True).tolist() == expected


def test_lines_holding_and_empty():
    lines = _Lines.of("KAD\n\n1,5\nđ\n".encode())
    assert lines.holding(lines.codes > 127).tolist() == [False, False, False, True]
    assert lines.empty().tolist() == [False, True, False, False]
    assert lines.subset(np.array([True, False, True, False])).data == b"KAD\n1,5\n"


NA_LEAVES = """
- {id: "pc", name: tỷ lệ, max: 1, source: reconstructed, not_applicable: false, rule: {kind: bands, measure: percent,
   bands: [{at_least: 90, share: 100}]}}
- {id: "rt", name: tử/mẫu, max: 1, source: reconstructed, not_applicable: false, rule: {kind: linear,
   measure: ratio, zero_at: 0, full_at: 100}}
- {id: "ct", name: đếm, max: 1, source: reconstructed, not_applicable: false, rule: {kind: count, per_item: 0.5}}
- {id: "nb", name: số ngày, max: 1, source: reconstructed, rule: {kind: bands, measure: number,
   bands: [{at_most: 3, share: 100}]}}
"""


@pytest.fixture(scope="module")
def every_kind():
    return compile_text(one_field_set(LEAVES, 10))


@pytest.fixture(scope="module")
def na_set():
    return compile_text(one_field_set(NA_LEAVES, 4))


def test_not_applicable_and_blank_cells_are_read_with_the_column(na_set):
    leaf = next(leaf for leaf in na_set.columns if leaf.id == "nb")
    column = read_column(["1,5", "KAD", " ", "n/a", "Không áp dụng", "x", ""], leaf)
    assert column.blank.tolist() == [False, False, True, False, False, False, True]
    assert column.slow.tolist() == [False, False, False, False, False, True, False]
    assert column.values[0] == 1.5 and math.isnan(column.values[1]) and math.isnan(column.values[3])
    assert math.isnan(column.values[4]) and math.isnan(parse_value("Không áp dụng", leaf))


def test_not_applicable_where_the_leaf_forbids_it_is_left_to_parse_value(na_set):
    leaf = next(leaf for leaf in na_set.columns if leaf.id == "pc")
    column = read_column(["95,5 %", "KAD", ""], leaf)
    assert column.slow.tolist() == [False, True, False] and column.blank.tolist() == [False, False, True]
    frame = frame_of({"pc": ["95,5", "KAD", "90"], "rt": ["1/2", "3/4", "KAD"], "ct": ["1", "2", "3"], "nb": ["1"] * 3})
    with pytest.raises(InputError) as caught:
        parse_table(frame, na_set)
    assert [(p.code, p.row, p.column) for p in caught.value.problems] == [
        ("value_na_forbidden", 3, "pc"),
        ("value_na_forbidden", 4, "rt"),
    ]


@settings(max_examples=200, deadline=None)
@given(data=st.data(), n=st.integers(1, 20))
def test_column_reader_agrees_where_not_applicable_is_forbidden(na_set, data, n):
    """Random cells in columns that refuse ``KAD``: same values, raw cells, or the same messages."""
    not_applicable = st.sampled_from(["KAD", "kad", "n/a", " KAD ", "Không áp dụng", "khong ap dung"])
    columns = {
        c: data.draw(st.lists(st.one_of(cell, not_applicable), min_size=n, max_size=n))
        for c in ("pc", "rt", "ct", "nb")
    }
    frame = frame_of(columns)
    assert same(outcome(frame, na_set, True), outcome(frame, na_set, False))


@pytest.mark.parametrize(
    ("joined", "tidy"),
    [
        ("a b\nc", True),
        ("Đơn vị 1\nĐơn vị 2", True),
        ("", True),
        ("a  b", False),
        (" a", False),
        ("a ", False),
        ("a \nb", False),
        ("a\n b", False),
        ("a\tb", False),
        ("a\x1fb", False),
        ("a\u00a0b", False),
        ("Đơn vị\u2009", False),
        ("Hoa\u0300", False),  # not NFC
    ],
)
def test_tidy(joined, tidy):
    assert _tidy(joined) is tidy


@settings(max_examples=300, deadline=None)
@given(data=st.data(), column=st.sampled_from(["yn", "lv", "pc", "rt", "ct", "mn"]))
def test_read_cells_is_clean_column_and_read_column(every_kind, data, column):
    """The shared pass gives what the two functions give apart (words columns clean each distinct cell once)."""
    leaf = next(leaf for leaf in every_kind.columns if leaf.id == column)
    cells = data.draw(st.lists(st.one_of(cell, st.text(max_size=5)), max_size=10))
    texts, read = read_cells(cells, leaf)
    alone = read_column(cells, leaf)
    assert list(texts) == [clean_text(c) for c in cells]
    for got, expected in ((read.values, alone.values), (read.blank, alone.blank), (read.slow, alone.slow)):
        assert np.array_equal(got, expected, equal_nan=True)
