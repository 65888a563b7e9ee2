"""Unit names and types are checked for the whole column at once: the same messages, in the same order, as row by row."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from parindex.criteria import clean_text, fold
from parindex.criteria import model as m
from parindex.inputs import UNIT_NAME, text_problem, text_problems
from parindex.scoring._table import UNIT_TYPE_ALIASES, _unit_names, _unit_types
from tests.conftest import table_frame


def messages(check, *args):
    found = []
    result = check(*args, lambda code, row=None, column=None, **params: found.append((code, row, column, params)))
    return result, found


def names_one_by_one(cells, rows, heading):
    """The row-by-row check the column check replaced: the reference."""
    found, names, first_row = [], [clean_text(cell) for cell in cells], {}
    for i, name in enumerate(names):
        stored = text_problem(name, UNIT_NAME)
        if not name:
            found.append(("unit_blank", int(rows[i]), heading, {}))
        elif stored is not None:
            found.append((stored.code, int(rows[i]), heading, stored.params))
        elif name.casefold() in first_row:
            found.append(("unit_duplicate", int(rows[i]), heading, {"unit": name, "first": first_row[name.casefold()]}))
        else:
            first_row[name.casefold()] = int(rows[i])
    return names, found


def test_bad_names_are_reported_in_row_order():
    long = "Đ" * 201
    cells = ["Sở Y tế", " ", "Sở\x07Tư pháp", long, "SỞ Y TẾ", long, None, "Sở  Y  tế", "Ban\ud800"]
    names, found = messages(_unit_names, cells, np.arange(len(cells)) + 2, "Đơn vị")
    assert names.tolist()[:2] == ["Sở Y tế", ""] and names[7] == "Sở Y tế"
    assert found == [
        ("unit_blank", 3, "Đơn vị", {}),
        ("text_control", 4, "Đơn vị", {"char": "U+0007", "position": 3}),
        ("text_too_long", 5, "Đơn vị", {"length": 201, "limit": 200}),
        ("unit_duplicate", 6, "Đơn vị", {"unit": "SỞ Y TẾ", "first": 2}),
        ("text_too_long", 7, "Đơn vị", {"length": 201, "limit": 200}),  # no repeat of an unstorable name
        ("unit_blank", 8, "Đơn vị", {}),
        ("unit_duplicate", 9, "Đơn vị", {"unit": "Sở Y tế", "first": 2}),
        ("text_control", 10, "Đơn vị", {"char": "U+D800", "position": 4}),
    ]


def test_no_units_no_names_and_no_problem():
    """A round just opened has no units: its (empty) table is read, not a crash."""
    names, found = messages(_unit_names, [], np.arange(0) + 2, "Đơn vị")
    assert names.tolist() == [] and found == []


name_cell = st.one_of(
    st.sampled_from(["Sở Y tế", "sở y tế", "SỞ Y TẾ", "ΣΑΣ", "σας", "Straße", "STRASSE", "", " ", None, "Đ" * 201]),
    st.text(max_size=8),
    st.text(alphabet="aAßΣσς\x00\x1f\x7f \t", max_size=4),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(name_cell, min_size=1, max_size=12))
def test_names_checked_at_once_as_one_by_one(cells):
    rows = np.arange(len(cells)) + 2
    names, found = messages(_unit_names, cells, rows, "unit")
    expected_names, expected = names_one_by_one(cells, rows, "unit")
    assert names.tolist() == expected_names and found == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=6), max_size=8), st.sampled_from([UNIT_NAME, (3, True, "t.c"), (None, False, "t.c")]))
def test_text_problems_is_text_problem_of_each(values, column):
    values = [clean_text(value) if column[1] is False else value for value in values]
    assert text_problems(values, column).tolist() == [text_problem(value, column) is not None for value in values]


class Set:
    unit_types = ("so", "huyen")


def test_unit_types_by_code_or_name_and_bad_ones_in_row_order():
    frame = table_frame(
        [{"unit": f"u{i}", "type": cell} for i, cell in enumerate(["so", "Sở", "Tỉnh", " huyện ", "x"])]
    )
    types, found = messages(_unit_types, frame, 1, Set, np.arange(5) + 2, ["unit", "Loại"])
    assert types.tolist() == ["so", "so", "tinh", "huyen", "x"]
    options = "so, huyen"
    assert found == [
        ("unit_type_bad", 4, "Loại", {"value": "Tỉnh", "options": options}),
        ("unit_type_bad", 6, "Loại", {"value": "x", "options": options}),
    ]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["so", "Sở", "sở, ban, ngành", "tinh", "Huyện", "", None, "xã", 3]), min_size=1))
def test_unit_types_as_one_by_one(cells):
    frame = table_frame([{"unit": f"u{i}", "type": cell} for i, cell in enumerate(cells)])
    rows = np.arange(len(cells)) + 2
    types, found = messages(_unit_types, frame, 1, Set, rows, ["unit", "type"])
    expected, expected_found = [], []
    for i, cell in enumerate(cells):
        text = clean_text(cell)
        code = text if text in m.UNIT_TYPES else UNIT_TYPE_ALIASES.get(fold(text))
        if code is None or code not in Set.unit_types:
            expected_found.append(("unit_type_bad", int(rows[i]), "type", {"value": text, "options": "so, huyen"}))
        expected.append(code or text)
    assert types.tolist() == expected and found == expected_found
