"""Exported tables are headed in words, and what the app exports imports again with the same values."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from parindex.errors import InputError
from parindex.files import results_with_values, to_csv_bytes, to_xlsx_bytes
from parindex.scoring import read_values, score_table, with_codes, with_headings
from tests.conftest import compile_text, one_field_set

LEAVES = """
- {id: "1.1", name: Tăng trưởng, name_en: Growth, max: 2, source: reconstructed,
   rule: {kind: bands, measure: number, negative: true, bands: [{at_least: 5, share: 100}, {at_least: 0, share: 50}]}}
- {id: "1.2", name: Tỷ lệ trực tuyến, max: 2, source: reconstructed,
   rule: {kind: linear, measure: ratio, zero_at: 50, full_at: 100}}
- {id: "1.3", name: Mức hoàn thành, max: 2, source: reconstructed,
   rule: {kind: levels, levels: [{label: Tốt, share: 100}, {label: Đạt, share: 50}, {label: Chưa đạt, share: 0}]}}
- {id: "1.4", name: Công khai, max: 1, source: reconstructed, rule: {kind: yes_no}}
"""
VALUES = (
    "unit,unit_type,1.1,1.2,1.3,1.4\n"
    'Sở A,so,"-2,5",312.085/328.813,đạt,có\n'  # -2,5 leaves the app as '-2,5 (not a formula)
    "Sở B,so,7,3/4,Tốt,không\n"
    "Sở C,so,0,KAD,Chưa đạt,có\n"
)


@pytest.fixture(scope="module")
def compiled():
    return compile_text(one_field_set(LEAVES, 7))


@pytest.fixture(scope="module")
def imported(compiled):
    table = read_values(VALUES.encode("utf-8"), compiled, "values.csv")
    return table, score_table(compiled, table)


def test_the_result_and_value_columns_are_headed_in_words(compiled, imported):
    table, scores = imported
    export = with_headings(results_with_values(scores, table), compiled)
    assert list(export.columns) == [
        "Đơn vị",
        "Loại đơn vị",
        "Lĩnh vực F: Lĩnh vực (điểm)",
        "Điểm thẩm định",
        "Điểm điều tra xã hội học",
        "Điểm thưởng",
        "Điểm trừ",
        "Tổng điểm",
        "Điểm tối đa áp dụng",
        "Chỉ số (%)",
        "Hạng",
        "Xếp loại",
        "1.1 Tăng trưởng",
        "1.2 Tỷ lệ trực tuyến",
        "1.3 Mức hoàn thành",
        "1.4 Công khai",
    ]
    english = with_headings(results_with_values(scores, table, "en"), compiled, "en").columns
    assert list(english[:2]) == ["Unit", "Unit type"] and "Index (%)" in english and "1.1 Growth" in english


def export_bytes(frame: pd.DataFrame, kind: str) -> bytes:
    return to_xlsx_bytes(frame) if kind == "xlsx" else to_csv_bytes(frame)


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("headings", ["vi", "en", "codes"])  # codes: a file exported before the headings in words
def test_an_exported_round_imports_again_with_the_same_values(compiled, imported, kind, headings):
    table, scores = imported
    # 0 + 1,7965 + 1 + 1 = 54,24 %; 2 + 1 + 2 + 0 = 71,43 %; 1 + 0 + 1 of 5 (KAD) = 40 %: Sở B leaves first
    assert scores.index.tolist() == [54.24, 71.43, 40.0]
    export = results_with_values(scores, table)
    if headings != "codes":
        export = with_headings(export, compiled, headings)
    assert export.iloc[0, 0] == "Sở B" and "'-2,5" in export_bytes(export, "csv").decode("utf-8-sig")
    back = read_values(export_bytes(export, kind), compiled, f"export.{kind}")
    again = back.raw.set_axis(back.units["unit"]).loc[table.units["unit"]]
    assert again.to_numpy().tolist() == table.raw.to_numpy().tolist()  # -2,5 as typed, not '-2,5
    order = [back.units["unit"].tolist().index(unit) for unit in table.units["unit"]]
    assert np.array_equal(back.values[order], table.values, equal_nan=True)
    assert score_table(compiled, back).index[order].tolist() == scores.index.tolist()


def test_a_misspelt_result_heading_is_still_an_unknown_column(compiled, imported):
    table, scores = imported
    export = with_headings(results_with_values(scores, table), compiled).rename(columns={"Hạng": "Hạng mục"})
    with pytest.raises(InputError) as caught:
        read_values(to_csv_bytes(export), compiled, "export.csv")
    assert [(p.code, p.column) for p in caught.value.problems] == [("unknown_column", "Hạng mục")]


def test_the_score_table_keeps_its_codes_for_programs(imported):
    _, scores = imported
    frame = pd.read_csv(io.BytesIO(to_csv_bytes(scores.table())), encoding="utf-8-sig")
    assert list(frame.columns[:2]) == ["unit", "unit_type"] and "index_pct" in frame.columns


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_programs_get_the_codes_back(compiled, imported, lang):
    table, scores = imported
    export = with_headings(results_with_values(scores, table, lang), compiled, lang)
    coded = with_codes(export, compiled)
    assert list(coded.columns) == [*scores.table().columns, "1.1", "1.2", "1.3", "1.4"]
    assert coded["index_pct"].tolist() == [71.43, 54.24, 40.0]
