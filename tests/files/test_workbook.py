"""The per-unit self-assessment workbook: sent out, filled in by hand, read back with every problem named."""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Callable

import openpyxl
import pytest
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from parindex.criteria import CompiledSet
from parindex.criteria import model as m
from parindex.errors import InputError, Problem
from parindex.files import (
    META_SHEET,
    PREVIEW_COLUMNS,
    Evidence,
    changes_preview,
    column_heading,
    export_unit_workbook,
    read_unit_workbook,
    sheet_titles,
)
from parindex.i18n import MESSAGES, catalogue_areas, t
from parindex.scoring import load_compiled
from tests.conftest import INDICATORS, compile_text, one_field_set

UNIT = "Sở Tư pháp"
FILE = "so-tu-phap.xlsx"


@pytest.fixture(scope="module")
def big_set() -> CompiledSet:
    return load_compiled(INDICATORS / "so-2025.yaml")


@pytest.fixture(scope="module")
def blank_big(big_set) -> bytes:
    return export_unit_workbook(big_set, UNIT, "so", 2025)


# --- helpers: open, find and fill cells as a user would --------------------------------------


def open_book(data: bytes) -> Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def save(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def header_row(sheet: Worksheet, lang: str = "vi") -> tuple[int, dict[str, int]]:
    """Row of the headings and column number per heading key, found by text like the reader does."""
    wanted = {column_heading(key, lang): key for key in _keys()}
    for row in sheet.iter_rows(min_row=1, max_row=10):
        found = {wanted[c.value]: c.column for c in row if c.value in wanted}
        if "id" in found:
            return row[0].row, found
    raise AssertionError(f"no heading row in {sheet.title}")


def _keys() -> list[str]:
    return [k.removeprefix("workbook.col_") for k in catalogue_areas()["workbook"] if k.startswith("workbook.col_")]


def find_row(book: Workbook, leaf_id: str, lang: str = "vi") -> tuple[Worksheet, int, dict[str, int]]:
    """The sheet and row holding ``leaf_id``, with the sheet's column numbers."""
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        try:
            top, columns = header_row(sheet, lang)
        except AssertionError:
            continue
        for row in range(top + 1, sheet.max_row + 1):
            if sheet.cell(row=row, column=columns["id"]).value == leaf_id:
                return sheet, row, columns
    raise AssertionError(leaf_id)


def fill(data: bytes, edits: Callable[[Workbook], None]) -> bytes:
    book = open_book(data)
    edits(book)
    return save(book)


def set_value(book: Workbook, leaf_id: str, value: object, key: str = "value") -> tuple[Worksheet, int, int]:
    sheet, row, columns = find_row(book, leaf_id)
    sheet.cell(row=row, column=columns[key]).value = value  # cell(value=None) would not clear it
    return sheet, row, columns[key]


def set_evidence(book: Workbook, leaf_id: str, documents: list[tuple]) -> None:
    """First document on the leaf's row, the others on rows inserted below it with the id left empty."""
    sheet, row, columns = find_row(book, leaf_id)
    for offset, document in enumerate(documents):
        if offset:
            sheet.insert_rows(row + offset)
        for key, value in zip(("ev_number", "ev_date", "ev_issuer", "ev_description"), document, strict=True):
            sheet.cell(row=row + offset, column=columns[key]).value = value


def problems_of(data: bytes, compiled: CompiledSet, expected_unit: str | None = UNIT) -> list[Problem]:
    with pytest.raises(InputError) as caught:
        read_unit_workbook(data, compiled, FILE, expected_unit=expected_unit)
    return caught.value.problems


def list_options(book: Workbook, formula: str) -> list[str]:
    """Options of a drop-down: inline ("a,b") or a range on the hidden lists sheet."""
    if formula.startswith('"'):
        return formula.strip('"').split(",")
    sheet_part, cells = formula.rsplit("!", 1)
    sheet = book[sheet_part.strip("'")]
    first, last = (c.replace("$", "") for c in cells.split(":"))
    column = column_index_from_string(re.sub(r"\d", "", first))
    rows = range(int(re.sub(r"\D", "", first)), int(re.sub(r"\D", "", last)) + 1)
    return [sheet.cell(row=r, column=column).value for r in rows]


def validation_at(sheet: Worksheet, coordinate: str):
    found = [dv for dv in sheet.data_validations.dataValidation if coordinate in str(dv.sqref).split()]
    assert len(found) == 1, coordinate
    return found[0]


# --- the exported workbook --------------------------------------------------------------------


def test_sheets_cover_fields_extras_and_hidden_metadata(big_set, blank_big):
    book = open_book(blank_big)
    cs = big_set.criteria_set
    titles = sheet_titles(big_set)
    assert book.worksheets[0].title == t("workbook.sheet_cover")
    visible = [s.title for s in book.worksheets if s.sheet_state == "visible"]
    assert visible == [t("workbook.sheet_cover"), *(titles[f.id] for f in cs.fields), titles["extra"]]
    for fld in cs.fields:
        assert titles[fld.id].startswith(f"LV{fld.id} ") and len(titles[fld.id]) <= 31
    assert book[META_SHEET].sheet_state == "veryHidden"
    meta = {row[0]: row[1] for row in book[META_SHEET].iter_rows(values_only=True)}
    assert (meta["set_id"], meta["unit"], meta["unit_type"], meta["year"]) == (cs.id, UNIT, "so", 2025)
    assert meta["format_version"] == 1
    cover_text = " ".join(str(v) for row in book.worksheets[0].iter_rows(values_only=True) for v in row if v)
    for needed in (cs.decision, UNIT, "2025", "KAD", column_heading("value")):
        assert needed in cover_text


def test_every_leaf_has_one_row_on_its_own_sheet(big_set, blank_big):
    book = open_book(blank_big)
    titles = sheet_titles(big_set)
    for leaf in big_set.columns:
        sheet, _row, _columns = find_row(book, leaf.id)
        assert sheet.title == titles[leaf.field_id or "extra"], leaf.id
    bonus = big_set.criteria_set.bonus.items[0]
    sheet, row, columns = find_row(book, bonus.id)
    assert sheet.cell(row=row, column=columns["max"]).value == bonus.max


def test_fixed_cells_are_locked_and_input_cells_are_not(big_set, blank_big):
    book = open_book(blank_big)
    sheet, row, columns = find_row(book, big_set.leaves[0].id)
    assert sheet.protection.sheet is True
    for key in ("id", "name", "max", "rule", "hint"):
        assert sheet.cell(row=row, column=columns[key]).protection.locked is True, key
    for key in ("value", "ev_number", "ev_date", "ev_issuer", "ev_description"):
        assert sheet.cell(row=row, column=columns[key]).protection.locked is False, key
    assert sheet.cell(row=1, column=1).protection.locked is True
    assert book.worksheets[0].protection.sheet is True


def test_levels_and_yes_no_leaves_get_drop_downs(big_set, blank_big):
    book = open_book(blank_big)
    levels = next(leaf for leaf in big_set.columns if leaf.rule.kind == m.LEVELS)
    sheet, row, columns = find_row(book, levels.id)
    validation = validation_at(sheet, f"{get_column_letter(columns['value'])}{row}")
    assert validation.type == "list"
    assert list_options(book, validation.formula1) == [lv.label for lv in levels.rule.levels] + ["KAD"]
    yes_no = next(leaf for leaf in big_set.columns if leaf.rule.kind == m.YES_NO)
    sheet, row, columns = find_row(book, yes_no.id)
    validation = validation_at(sheet, f"{get_column_letter(columns['value'])}{row}")
    assert list_options(book, validation.formula1) == ["có", "không"] + (["KAD"] if yes_no.na_allowed else [])
    with_kad = next(leaf for leaf in big_set.columns if leaf.rule.kind == m.YES_NO and leaf.na_allowed)
    sheet, row, columns = find_row(book, with_kad.id)
    validation = validation_at(sheet, f"{get_column_letter(columns['value'])}{row}")
    assert list_options(book, validation.formula1) == ["có", "không", "KAD"]


def test_level_labels_with_commas_go_to_the_hidden_lists_sheet():
    compiled = compile_text(
        one_field_set(
            """
            - id: "1"
              name: Báo cáo
              max: 2
              source: reconstructed
              rule: {kind: levels, levels: [{label: "Đầy đủ, kịp thời", share: 100}, {label: Chậm, share: 0}]}
            """,
            2,
        )
    )
    book = open_book(export_unit_workbook(compiled, UNIT, "so", 2025))
    sheet, row, columns = find_row(book, "1")
    validation = validation_at(sheet, f"{get_column_letter(columns['value'])}{row}")
    assert list_options(book, validation.formula1) == ["Đầy đủ, kịp thời", "Chậm", "KAD"]


def test_text_that_looks_like_a_formula_is_neutralised_and_reads_back():
    compiled = compile_text(
        one_field_set("- {id: '1', name: '=Tổng hợp', max: 1, source: reconstructed, rule: {kind: yes_no}}", 1)
    )
    data = export_unit_workbook(compiled, "=HACK()", "so", 2025)
    book = open_book(data)
    sheet, row, columns = find_row(book, "1")
    assert sheet.cell(row=row, column=columns["name"]).value == "'=Tổng hợp"
    cover = [v for r in book.worksheets[0].iter_rows(values_only=True) for v in r if v]
    assert "'=HACK()" in cover and "=HACK()" not in cover
    assert read_unit_workbook(data, compiled, FILE).unit == "=HACK()"


def test_unit_type_outside_the_set_is_refused(example_set):
    with pytest.raises(InputError) as caught:
        export_unit_workbook(example_set, UNIT, "xa", 2025)
    assert [p.code for p in caught.value.problems] == ["unit_type_bad"]


# --- round trip ---------------------------------------------------------------------------------

PREFILLED = {"1.1.1": "99,7", "1.2": "có", "2.1.1": "3"}


def user_fills(book: Workbook) -> None:
    """What a department types: values (one as an Excel number), evidence (two documents for 1.1.1)."""
    set_value(book, "1.1.2", "312.085/328.813")
    set_value(book, "1.1.3", 2)
    set_value(book, "1.1.4", "Hoàn thành tốt")
    set_value(book, "2.1.2", "KAD")
    set_value(book, "T1", "có")
    set_evidence(
        book,
        "1.1.1",
        [
            ("12/BC-STP", dt.datetime(2025, 3, 15), "Sở Tư pháp", "Báo cáo tình hình giải quyết TTHC quý I"),
            ("45/QĐ-UBND", "20/04/2025", "UBND tỉnh", "https://example.gov.vn/qd-45"),
        ],
    )
    set_evidence(book, "T1", [("88/QĐ-UBND", None, "UBND tỉnh", "")])


def test_round_trip_reads_values_and_evidence_back(example_set):
    data = fill(export_unit_workbook(example_set, UNIT, "so", 2025, PREFILLED), user_fills)
    result = read_unit_workbook(data, example_set, FILE, expected_unit=UNIT)
    assert (result.unit, result.unit_type, result.year, result.set_id) == (UNIT, "so", 2025, "vi-du-mau")
    assert result.values == {
        "1.1.1": "99,7",
        "1.1.2": "312.085/328.813",
        "1.1.3": "2",
        "1.1.4": "Hoàn thành tốt",
        "1.2": "có",
        "2.1.1": "3",
        "2.1.2": "KAD",
        "T1": "có",
    }
    assert result.parsed["1.1.1"] == pytest.approx(99.7)  # decimal comma
    assert result.parsed["1.1.2"] == pytest.approx(312085 / 328813 * 100)
    assert result.parsed["1.1.4"] == 1.0 and result.parsed["1.1.3"] == 2.0
    assert math.isnan(result.parsed["2.1.2"])
    assert set(result.parsed) == set(result.values)
    assert result.evidence == {
        "1.1.1": [
            Evidence("12/BC-STP", dt.date(2025, 3, 15), "Sở Tư pháp", "Báo cáo tình hình giải quyết TTHC quý I"),
            Evidence("45/QĐ-UBND", dt.date(2025, 4, 20), "UBND tỉnh", "https://example.gov.vn/qd-45"),
        ],
        "T1": [Evidence("88/QĐ-UBND", None, "UBND tỉnh", "")],
    }


def test_english_workbook_reads_back_too(example_set):
    data = export_unit_workbook(example_set, UNIT, "so", 2025, PREFILLED, lang="en")
    book = open_book(data)
    assert book.worksheets[1].title.startswith("F1 ")
    sheet, _row, columns = find_row(book, "1.1.1", lang="en")
    assert sheet.cell(row=header_row(sheet, "en")[0], column=columns["value"]).value == "Self-assessed value"
    assert read_unit_workbook(data, example_set, FILE).values == PREFILLED


def test_numbers_typed_in_excel_keep_their_meaning(example_set):
    def edits(book: Workbook) -> None:
        set_value(book, "1.1.1", 99.7)
        sheet, row, column = set_value(book, "2.1.2", 0.85)
        sheet.cell(row=row, column=column).number_format = "0%"

    result = read_unit_workbook(fill(export_unit_workbook(example_set, UNIT, "so", 2025), edits), example_set, FILE)
    assert result.values == {"1.1.1": "99.7", "2.1.2": "85"}
    assert result.parsed == {"1.1.1": 99.7, "2.1.2": 85.0}


def test_moved_columns_still_read(example_set):
    """Columns are found by heading: value first and id last reads the same as the original order."""

    def move_columns(book: Workbook) -> None:
        for sheet in book.worksheets[1:]:
            if sheet.sheet_state != "visible":
                continue
            rows = [list(r) for r in sheet.iter_rows(values_only=True)]
            width = max(len(r) for r in rows)
            order = [6, *range(1, 6), *range(7, width), 0]  # value column first, id column last
            for r, values in enumerate(rows, 1):
                for c in range(width):
                    sheet.cell(row=r, column=c + 1).value = values[order[c]] if order[c] < len(values) else None

    original = fill(export_unit_workbook(example_set, UNIT, "so", 2025, PREFILLED), user_fills)
    moved = fill(original, move_columns)
    assert open_book(moved).worksheets[1].cell(row=3, column=1).value == column_heading("value")
    expected = read_unit_workbook(original, example_set, FILE)
    assert read_unit_workbook(moved, example_set, FILE) == expected


# --- broken workbooks: clear problems and nothing else -----------------------------------------


def drop_field_sheet(book: Workbook) -> None:
    del book[book.worksheets[2].title]


def text_in_number(book: Workbook) -> None:
    set_value(book, "1.1.1", "khoảng chín mươi")


def duplicate_id(book: Workbook) -> None:
    sheet, _row, columns = find_row(book, "1.1.3")
    sheet.cell(row=sheet.max_row + 1, column=columns["id"], value="1.1.3")


def out_of_range(book: Workbook) -> None:
    set_value(book, "2.1.2", "120")


def formula_in_text(book: Workbook) -> None:
    set_value(book, "1.1.4", '=HYPERLINK("http://x","y")', key="ev_description")


def bad_date(book: Workbook) -> None:
    set_value(book, "1.2", "hôm qua", key="ev_date")


def unknown_id(book: Workbook) -> None:
    sheet, _row, columns = find_row(book, "1.1.3")
    sheet.cell(row=sheet.max_row + 1, column=columns["id"], value="9.9.9")


def wrong_unit(book: Workbook) -> None:
    meta = book[META_SHEET]
    next(r for r in meta.iter_rows() if r[0].value == "unit")[1].value = "Sở Y tế"


def wrong_set(book: Workbook) -> None:
    meta = book[META_SHEET]
    next(r for r in meta.iter_rows() if r[0].value == "set_id")[1].value = "so-2025"


def hide_field_sheet(book: Workbook) -> None:
    """A field sheet hidden (with whatever numbers it holds) used to be scored without anyone seeing it."""
    sheet, _row, _columns = find_row(book, "2.1.2")
    set_value(book, "2.1.2", "12")
    sheet.sheet_state = "hidden"


BROKEN = {
    # name: (edit, expected codes, sheet named in the location (None: the file alone), row, column heading)
    "missing field sheet": (drop_field_sheet, ["wb_missing_sheet"], "LV2 ", None, None),
    "text in a number cell": (text_in_number, ["value_not_number"], "LV1 ", 5, "value"),
    "duplicate id": (duplicate_id, ["wb_duplicate_id"], "LV1 ", 10, "id"),
    "value out of range": (out_of_range, ["value_percent_range"], "LV2 ", 6, "value"),
    "formula in a text cell": (formula_in_text, ["wb_formula"], "LV1 ", 8, "ev_description"),
    "evidence date not a date": (bad_date, ["wb_bad_date"], "LV1 ", 9, "ev_date"),
    "unknown id": (unknown_id, ["wb_unknown_id"], "LV1 ", 10, "id"),
    "wrong unit": (wrong_unit, ["wb_wrong_unit"], META_SHEET, None, None),
    "wrong set": (wrong_set, ["wb_wrong_set"], META_SHEET, None, None),
    "hidden field sheet": (hide_field_sheet, ["wb_hidden_sheet"], "LV2 ", None, None),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_broken_workbook_gives_exactly_its_problem(name, example_set):
    edit, codes, sheet, row, column = BROKEN[name]
    data = fill(export_unit_workbook(example_set, UNIT, "so", 2025, PREFILLED), edit)
    problems = problems_of(data, example_set)
    assert [p.code for p in problems] == codes
    problem = problems[0]
    assert problem.file.startswith(f"{FILE} › {sheet}")
    if row is not None:
        assert problem.row == row
    if column is not None:
        assert problem.column.endswith(f"({column_heading(column)})")
    for lang in ("vi", "en"):
        text = problem.render(lang)
        assert "{" not in text and "problem." not in text, text


def test_all_problems_are_listed_at_once(example_set):
    def edits(book: Workbook) -> None:
        text_in_number(book)
        out_of_range(book)
        formula_in_text(book)

    data = fill(export_unit_workbook(example_set, UNIT, "so", 2025), edits)
    assert [p.code for p in problems_of(data, example_set)] == ["value_not_number", "wb_formula", "value_percent_range"]


def test_problem_reads_with_sheet_row_and_column(example_set):
    data = fill(export_unit_workbook(example_set, UNIT, "so", 2025), text_in_number)
    (problem,) = problems_of(data, example_set)
    assert problem.render("vi") == (
        f"{FILE} › LV1 Cải cách thủ tục hành chính: dòng 5, cột G (Giá trị tự đánh giá): "
        "'khoảng chín mươi' không phải là số"
    )


def test_not_an_xlsx_at_all(example_set):
    problems = problems_of(b"unit,1.1.1\nabc,99\n", example_set)
    assert [(p.code, p.file) for p in problems] == [("bad_xlsx", FILE)]


def test_a_plain_workbook_is_not_a_unit_workbook(example_set):
    book = openpyxl.Workbook()
    book.active.append(["unit", "1.1.1"])
    assert [p.code for p in problems_of(save(book), example_set)] == ["wb_no_metadata"]


def test_formula_in_a_value_cell_is_refused_not_evaluated(example_set):
    data = fill(export_unit_workbook(example_set, UNIT, "so", 2025), lambda b: set_value(b, "1.1.3", "=1+1"))
    (problem,) = problems_of(data, example_set)
    assert (problem.code, problem.params["formula"]) == ("wb_formula", "=1+1")


def test_deleted_row_and_evidence_without_a_leaf(example_set):
    def edits(book: Workbook) -> None:
        sheet, row, columns = find_row(book, "1.1.2")
        sheet.cell(row=row, column=columns["id"]).value = None  # the row no longer says which leaf it is
        sheet.cell(row=row, column=columns["name"]).value = None
        sheet.cell(row=row, column=columns["value"]).value = "90"
        heading_sheet, heading_row, _ = find_row(book, "2.1")
        heading_sheet.insert_rows(heading_row + 1)
        heading_sheet.cell(row=heading_row + 1, column=columns["ev_number"], value="1/BC")

    data = fill(export_unit_workbook(example_set, UNIT, "so", 2025), edits)
    assert sorted(p.code for p in problems_of(data, example_set)) == [
        "wb_evidence_without_id",
        "wb_missing_id",
        "wb_value_without_id",
    ]


# --- preview ---------------------------------------------------------------------------------


def test_preview_lists_exactly_the_changed_leaves(example_set):
    def edits(book: Workbook) -> None:
        set_value(book, "1.1.1", "100")  # 99,7 → 100: from the 50 % band to the top band
        set_value(book, "1.1.3", "2")  # new
        set_value(book, "2.1.1", "KAD")  # now not applicable
        set_value(book, "1.2", " có ")  # same value, extra spaces: not a change

    after = read_unit_workbook(
        fill(export_unit_workbook(example_set, UNIT, "so", 2025, PREFILLED), edits), example_set, FILE
    )
    preview = changes_preview(PREFILLED, after, example_set)
    assert list(preview.columns) == list(PREVIEW_COLUMNS)
    assert preview["id"].tolist() == ["1.1.1", "1.1.3", "2.1.1"]
    rows = preview.set_index("id")
    assert (rows.loc["1.1.1", "old"], rows.loc["1.1.1", "new"]) == ("99,7", "100")
    assert (rows.loc["1.1.1", "points_old"], rows.loc["1.1.1", "points_new"]) == (1.0, 2.0)
    assert (rows.loc["1.1.3", "old"], rows.loc["1.1.3", "points_old"], rows.loc["1.1.3", "points_new"]) == ("", "", 0.5)
    assert (rows.loc["2.1.1", "points_old"], rows.loc["2.1.1", "points_new"]) == (3.0, "không áp dụng")
    assert rows.loc["1.1.1", "name"] == example_set.columns[0].name


def test_preview_of_an_unchanged_return_is_empty(example_set):
    after = read_unit_workbook(export_unit_workbook(example_set, UNIT, "so", 2025, PREFILLED), example_set, FILE)
    assert changes_preview(PREFILLED, after, example_set, lang="en").empty


# --- messages ----------------------------------------------------------------------------------


def test_workbook_messages_are_merged_and_complete():
    for key, entry in catalogue_areas()["workbook"].items():
        assert key.startswith(("workbook.", "problem.wb_")), key
        assert set(entry) == {"vi", "en"}, key
        assert set(re.findall(r"{(\w+)}", entry["vi"])) == set(re.findall(r"{(\w+)}", entry["en"])), key
        assert MESSAGES[key] == entry
