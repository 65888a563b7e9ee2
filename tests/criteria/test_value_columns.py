"""The column-at-once reader gives what reading every cell one by one gives: values, blanks, messages."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parindex.criteria import clean_column, clean_text
from parindex.errors import InputError
from parindex.scoring import parse_table
from tests.conftest import compile_text, one_field_set

LEAVES = """
- {id: "yn", name: có/không, max: 1, source: reconstructed, rule: {kind: yes_no}}
- id: "lv"
  name: mức
  max: 1
  source: reconstructed
  rule: {kind: levels, levels: [{label: Tốt, share: 100}, {label: Khá, share: 50}]}
- {id: "pc", name: tỷ lệ, max: 1, source: reconstructed, rule: {kind: bands, measure: percent,
   bands: [{at_least: 90, share: 100}]}}
- {id: "rt", name: tử/mẫu, max: 1, source: reconstructed, rule: {kind: linear, measure: ratio, zero_at: 0,
   full_at: 100}}
- {id: "nb", name: số ngày, max: 1, source: reconstructed, rule: {kind: bands, measure: number,
   bands: [{at_most: 3, share: 100}]}}
- {id: "ng", name: tăng trưởng, max: 1, source: reconstructed, rule: {kind: linear, measure: number,
   negative: true, zero_at: -5, full_at: 10}}
- {id: "ct", name: đếm, max: 1, source: reconstructed, rule: {kind: count, per_item: 0.5}}
- {id: "dd", name: vi phạm, max: 1, source: reconstructed, rule: {kind: deduction, per_violation: 0.5}}
- {id: "sv", name: điều tra, max: 1, source: reconstructed, rule: {kind: survey}}
- {id: "mn", name: thẩm định, max: 1, source: reconstructed, rule: {kind: manual}}
"""
COLUMNS = ["yn", "lv", "pc", "rt", "nb", "ng", "ct", "dd", "sv", "mn"]

digits = st.text(alphabet="0123456789", min_size=1, max_size=7)
mark = st.sampled_from(["", ".", ",", ",", "."])
number_text = st.builds(
    lambda sign, a, m, b, pct, space: f"{space}{sign}{a}{m}{b if m else ''}{pct}{space}",
    st.sampled_from(["", "", "-", "+"]),
    digits,
    mark,
    st.text(alphabet="0123456789", min_size=0, max_size=4),
    st.sampled_from(["", "", "%", " %", "%%"]),
    st.sampled_from(["", "", " "]),
)
grouped = st.builds(
    lambda lead, groups, m: lead + "".join(m + g for g in groups),
    st.text(alphabet="0123456789", min_size=1, max_size=4),
    st.lists(st.text(alphabet="0123456789", min_size=3, max_size=3), min_size=1, max_size=3),
    st.sampled_from([".", ","]),
)
ratio_text = st.builds(
    lambda a, b, space: f"{a}{space}/{space}{b}",
    st.one_of(digits, grouped),
    st.one_of(digits, grouped),
    st.sampled_from(["", " "]),
)
words = st.sampled_from(
    [
        "có",
        "không",
        "KAD",
        "Tốt",
        "khá",
        "x",
        "",
        "  ",
        "١٠٠",
        "inf",
        "nan",
        "1e5",
        "5/0",
        "0/0",
        "1.500",
        "1,500",
        "12.345",
        "0.500",
        "1234.567",
        "1.2.3",
        ".5",
        "5.",
        "-0",
        "99,7\u00a0%",
        "1\n2",
    ]
)
numbers = st.one_of(
    st.integers(-5, 2_000_000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(0, 100),
    st.sampled_from([0, 1, 0.5, 100.0, True, False]),
)
cell = st.one_of(number_text, grouped, ratio_text, words, numbers, st.none())


@pytest.fixture(scope="module")
def kinds_set():
    return compile_text(one_field_set(LEAVES, 10))


def frame_of(columns: dict[str, list]) -> pd.DataFrame:
    headers = ["unit", *columns]
    n = len(next(iter(columns.values())))
    body = [[f"Đơn vị {i}", *(columns[c][i] for c in columns)] for i in range(n)]
    frame = pd.DataFrame(body, columns=range(len(headers)), dtype=object)
    frame.attrs["headers"] = headers
    frame.attrs["filename"] = "values.csv"
    return frame


def outcome(frame, compiled, vectorised: bool):
    try:
        table = parse_table(frame, compiled, vectorised=vectorised)
    except InputError as error:
        return ("error", [(p.code, p.row, p.column, p.params) for p in error.problems])
    return ("ok", table.values, table.raw, table.survey_missing)


def same(a, b) -> bool:
    if a[0] != b[0]:
        return False
    if a[0] == "error":
        return a[1] == b[1]
    return np.array_equal(a[1], b[1], equal_nan=True) and a[2].equals(b[2]) and np.array_equal(a[3], b[3])


@settings(max_examples=300, deadline=None)
@given(data=st.data(), n=st.integers(1, 12))
def test_column_reader_agrees_with_cell_by_cell(kinds_set, data, n):
    """Random cells of every shape, in every kind of column: same values, raw cells, or the same messages."""
    columns = {c: data.draw(st.lists(cell, min_size=n, max_size=n)) for c in COLUMNS}
    frame = frame_of(columns)
    assert same(outcome(frame, kinds_set, True), outcome(frame, kinds_set, False))


@settings(max_examples=200, deadline=None)
@given(data=st.data(), n=st.integers(1, 30))
def test_column_reader_agrees_on_mostly_clean_columns(kinds_set, data, n):
    """Columns of good values with the odd bad one: the fast path must find exactly the bad cells."""
    good = {
        "yn": st.sampled_from(["có", "không"]),
        "lv": st.sampled_from(["Tốt", "Khá"]),
        "pc": st.builds(lambda v, p: f"{v:.2f}".replace(".", ",") + p, st.floats(0, 100), st.sampled_from(["", "%"])),
        "rt": st.builds(lambda a, b: f"{min(a, b)}/{max(a, b)}", st.integers(0, 10**6), st.integers(1, 10**6)),
        "nb": st.integers(0, 30).map(str),
        "ng": st.floats(-20, 20).map(lambda v: f"{v:.1f}".replace(".", ",")),
        "ct": st.integers(0, 5000).map(lambda v: f"{v:,}".replace(",", ".")),
        "dd": st.integers(0, 9).map(str),
        "sv": st.floats(0, 100).map(lambda v: f"{v:.1f}"),
        "mn": st.sampled_from(["0", "0,5", "1"]),
    }
    columns = {
        c: data.draw(st.lists(st.one_of(strategy, strategy, strategy, cell), min_size=n, max_size=n))
        for c, strategy in good.items()
    }
    frame = frame_of(columns)
    assert same(outcome(frame, kinds_set, True), outcome(frame, kinds_set, False))


@given(st.lists(st.one_of(st.text(max_size=6), st.none(), st.floats(), st.integers()), max_size=8))
def test_clean_column_is_clean_text(cells):
    assert clean_column(cells) == [clean_text(c) for c in cells]


def test_thousands_in_counts_and_odd_cells_in_one_column(kinds_set):
    columns = {
        "yn": ["có", "không", "có"],
        "lv": ["Tốt", "Khá", "Tốt"],
        "pc": ["95,5 %", "KAD", "93.4%"],
        "rt": ["35.475/35.960", "94,5", "0/0"],
        "nb": ["1.0", "2", "0"],
        "ng": ["-3", "7,5", "10"],
        "ct": ["1.500", "3", "0"],
        "dd": ["0", "1", "2"],
        "sv": ["80", "90,5", "70"],
        "mn": ["1", "0,5", "0"],
    }
    table = parse_table(frame_of(columns), kinds_set)
    values = pd.DataFrame(table.values, columns=kinds_set.column_ids)
    assert values["rt"].tolist()[:2] == [float(Fraction(3547500, 35960)), 94.5]
    assert math.isnan(values["rt"][2]) and math.isnan(values["pc"][1])
    assert values["ct"].tolist() == [1500, 3, 0]
    assert values["nb"].tolist() == [1, 2, 0]
    assert values["ng"].tolist() == [-3, 7.5, 10]


def test_a_cell_longer_than_a_value_is_refused_by_both_readers_before_any_rule_reads_it(kinds_set):
    """A ratio's digits were read with exact fractions, whose time grows with the square of their length: a
    600.000-character cell took seconds. Past MAX_CELL_CHARS (what a round stores) a cell is refused at once, by
    the column reader and the cell-by-cell reader alike; the limit itself still reads."""
    from parindex.inputs import MAX_CELL_CHARS

    at_limit = "0" * (MAX_CELL_CHARS - 5) + "1/100"
    too_long = "1" + "0" * 600_000 + "/3" + "0" * 600_000
    for cell, expected in ((at_limit, "ok"), (too_long, "error")):
        frame = frame_of({c: ["có" if c == "yn" else "Tốt" if c == "lv" else "1" for _ in range(3)] for c in COLUMNS})
        frame.iloc[1, 1 + COLUMNS.index("rt")] = cell
        vectorised, by_cell = outcome(frame, kinds_set, True), outcome(frame, kinds_set, False)
        assert same(vectorised, by_cell) and vectorised[0] == expected
    assert vectorised[1] == [("value_too_long", 3, "rt", {"length": len(too_long), "limit": MAX_CELL_CHARS})]
