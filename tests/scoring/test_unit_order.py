"""Property: the order of a values file's rows and columns never changes any output row (hypothesis).

A values input is drawn from the shipped sample files — a subset of units, with some columns' cells dealt
out again among them so every draw is a new file — then the same file is written with its unit rows
and its columns shuffled. Scored, both must give the same result for every unit: the same ranked table,
the same ranks, the same round export (results and values side by side) and the same annex tables,
row for row. A table built by position instead of by unit fails this at once.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from parindex.files import results_with_values
from parindex.reports import annex_tables
from parindex.scoring import load_compiled, parse_table, read_table, score_table
from tests.conftest import DATA, INDICATORS

SOURCES = {
    "so": ("so-2025.yaml", "so-2025-so-2026.csv"),
    "xa": ("xa-2025.yaml", "xa-2025-xa-2025.csv"),
}
COMPILED = {kind: load_compiled(INDICATORS / rules) for kind, (rules, _) in SOURCES.items()}
FRAMES = {kind: read_table(DATA / "sample" / data) for kind, (_, data) in SOURCES.items()}


def as_file(frame: pd.DataFrame, headers: list[str]) -> pd.DataFrame:
    """Cells and headings as :func:`parindex.scoring.read_table` returns them."""
    out = pd.DataFrame(frame.to_numpy(), columns=range(len(headers)), dtype=object)
    out.attrs["headers"] = headers
    out.attrs["filename"] = "values.csv"
    return out


@st.composite
def values_files(draw) -> tuple[str, pd.DataFrame, pd.DataFrame]:
    """(kind, a values file, the same file with rows and columns shuffled)."""
    kind = draw(st.sampled_from(sorted(SOURCES)))
    source = FRAMES[kind]
    headers = list(source.attrs["headers"])
    rows = draw(st.lists(st.integers(0, len(source) - 1), min_size=2, max_size=len(source), unique=True))
    cells = source.iloc[rows].reset_index(drop=True).copy()
    survey = {leaf.id for leaf in COMPILED[kind].columns if leaf.part == "survey"}  # blank together or not at all
    leaf_columns = [j for j, h in enumerate(headers) if h not in ("unit", "unit_type", "year", *survey)]
    for j in draw(st.lists(st.sampled_from(leaf_columns), max_size=8, unique=True)):
        dealt = draw(st.permutations(range(len(rows))))  # a column's cells dealt out again: a new combination
        cells[j] = cells[j].to_numpy()[list(dealt)]
    original = as_file(cells, headers)
    row_order = list(draw(st.permutations(range(len(rows)))))
    column_order = list(draw(st.permutations(range(len(headers)))))
    shuffled = as_file(cells.iloc[row_order, column_order], [headers[j] for j in column_order])
    return kind, original, shuffled


def outputs(kind: str, frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    compiled = COMPILED[kind]
    table = parse_table(frame, compiled)
    scores = score_table(compiled, table)
    by_unit = pd.DataFrame({"unit": scores.units["unit"], "rank": scores.rank, "index": scores.index})
    found = {
        "table": scores.table(),
        "ranks": by_unit.sort_values("unit").reset_index(drop=True),
        "export": results_with_values(scores, table),
    }
    found |= {f"annex_{unit_type}": annex for unit_type, annex in annex_tables(scores).items()}
    return found


@settings(max_examples=40, deadline=None)
@given(values_files())
def test_shuffling_rows_and_columns_changes_no_output_row(drawn):
    kind, original, shuffled = drawn
    before, after = outputs(kind, original), outputs(kind, shuffled)
    assert before.keys() == after.keys()
    for name in before:
        assert_frame_equal(before[name], after[name], check_exact=True, obj=name)
    values = before["export"].set_index("unit")
    cells = original.set_axis(original.attrs["headers"], axis=1).set_index("unit")
    for leaf_id in COMPILED[kind].column_ids:  # each unit's own typed value, whatever the order was
        if leaf_id in cells:
            typed = cells.loc[values.index, leaf_id].map(lambda v: "" if v is None else str(v).strip())
            assert np.array_equal(values[f"gia_tri_{leaf_id}"].to_numpy(dtype=str), typed.to_numpy(dtype=str))
