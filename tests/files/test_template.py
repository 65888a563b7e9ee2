"""The Excel values template: staff fill it in and the reader takes it back without surprises."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from parindex.criteria import CompiledSet
from parindex.criteria import model as m
from parindex.errors import InputError
from parindex.files import FIXED_HEADERS, MIN_VALIDATED_ROWS, VALUES_SHEET, build_template, example_value
from parindex.i18n import t
from parindex.scoring import load_compiled, read_values, score_table
from tests.conftest import INDICATORS, compile_text, one_field_set


@pytest.fixture(scope="module")
def big_set() -> CompiledSet:
    return load_compiled(INDICATORS / "so-2025.yaml")


def open_book(data: bytes) -> Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def header(sheet: Worksheet) -> list[str]:
    return [cell.value for cell in sheet[1]]


def filled_rows(sheet: Worksheet) -> list[tuple]:
    """Rows with any value; formatted but empty rows below the units do not count."""
    return [row for row in sheet.iter_rows(values_only=True) if any(v not in (None, "") for v in row)]


def column_letter(compiled: CompiledSet, column_id: str) -> str:
    return get_column_letter(len(FIXED_HEADERS) + 1 + compiled.column_ids.index(column_id))


def validation_on(sheet: Worksheet, letter: str):
    found = [dv for dv in sheet.data_validations.dataValidation if f"{letter}2" in str(dv.sqref)]
    assert len(found) == 1, letter
    return found[0]


def guide_table(book: Workbook, lang: str) -> dict[str, tuple]:
    """Guide rows by id, read below the row whose first cell is the "id" heading."""
    sheet = book[t("template.sheet_guide", lang)]
    rows = list(sheet.iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if row[0] == t("col.id", lang))
    assert rows[start][3] == t("col.max", lang)
    return {row[0]: row for row in rows[start + 1 :] if row[0]}


def sheet_bytes(rows: list[tuple], title: str = "Sheet") -> bytes:
    book = openpyxl.Workbook()
    book.active.title = title
    for row in rows:
        book.active.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("which", ["example", "big"])
def test_values_sheet_is_first_and_has_exactly_the_reader_headers(which, example_set, big_set):
    compiled = example_set if which == "example" else big_set
    book = open_book(build_template(compiled))
    values = book.worksheets[0]
    assert values.title == VALUES_SHEET
    assert header(values) == ["Đơn vị", "Loại đơn vị", "Năm", *(f"{c.id} {c.name}" for c in compiled.columns)]
    assert values.freeze_panes == "B2"
    assert all(cell.font.bold for cell in values[1])
    first_leaf = compiled.columns[0]
    assert first_leaf.name in values.cell(row=1, column=len(FIXED_HEADERS) + 1).comment.text


def test_units_are_prefilled_and_nothing_else_is_below_the_header(example_set):
    units = [("Sở Tư pháp", "so"), ("Sở Y tế", "so")]
    values = open_book(build_template(example_set, units=units))[VALUES_SHEET]
    rows = filled_rows(values)
    assert len(rows) == 1 + len(units)
    assert [row[:3] for row in rows[1:]] == [("Sở Tư pháp", "so", None), ("Sở Y tế", "so", None)]
    assert all(v is None for row in rows[1:] for v in row[3:])


@pytest.mark.parametrize("which", ["example", "big"])
def test_template_filled_as_staff_type_it_reads_back_and_scores(which, example_set, big_set):
    compiled = example_set if which == "example" else big_set
    units = [("Đơn vị A", "so"), ("Đơn vị B", "so")]
    book = open_book(build_template(compiled, units=units))
    values = book[VALUES_SHEET]
    for row in (2, 3):
        for column, leaf in enumerate(compiled.columns, len(FIXED_HEADERS) + 1):
            values.cell(row=row, column=column, value=example_value(leaf))
    buffer = io.BytesIO()
    book.save(buffer)
    table = read_values(buffer.getvalue(), compiled, "filled.xlsx")
    scores = score_table(compiled, table)
    assert table.units["unit"].tolist() == ["Đơn vị A", "Đơn vị B"]
    if which == "example":
        # 97,5 → 1; 312.085/328.813 → 1,7965; 0 violations → 1; "Hoàn thành xuất sắc" → 2; có → 5;
        # 2 services → 2; survey 85 → 3,4; bonus 1 + 1 = 2 (cap 2); penalty 2 → 16,1965 / 20 = 80,98 %
        assert scores.index.tolist() == [80.98, 80.98]
    else:
        assert all(0 < index <= 120 for index in scores.index)


def test_empty_template_reports_rows_and_columns_instead_of_crashing(example_set):
    data = build_template(example_set, units=[("Sở A", "so"), ("Sở B", "so")])
    with pytest.raises(InputError) as caught:
        read_values(data, example_set, "empty.xlsx")
    problems = caught.value.problems
    assert problems and all(p.row in (2, 3) and p.column for p in problems)
    assert {p.code for p in problems} <= {"value_blank", "survey_blank"}
    appraisal = {leaf.id for leaf in example_set.leaves if leaf.part == m.APPRAISAL}
    assert appraisal <= {p.column.split()[0] for p in problems}  # the heading starts with the id


def test_an_unfilled_template_says_it_has_no_unit(example_set):
    with pytest.raises(InputError) as caught:  # uploading it by mistake must not wipe a year's data
        read_values(build_template(example_set), example_set, "blank.xlsx")
    assert [p.code for p in caught.value.problems] == ["no_data_rows"]


def test_level_and_yes_no_columns_carry_drop_down_lists(example_set):
    values = open_book(build_template(example_set))[VALUES_SHEET]
    levels = validation_on(values, column_letter(example_set, "1.1.4"))
    assert levels.type == "list"
    leaf = next(leaf for leaf in example_set.columns if leaf.id == "1.1.4")
    assert all(level.label in levels.formula1 for level in leaf.rule.levels)
    assert "KAD" in levels.formula1
    yes_no = validation_on(values, column_letter(example_set, "1.2"))
    assert yes_no.type == "list" and "có,không" in yes_no.formula1
    survey = validation_on(values, column_letter(example_set, "2.1.2"))
    assert (survey.type, survey.formula1, survey.formula2) == ("decimal", "0", "100")
    assert str(survey.sqref) == f"{column_letter(example_set, '2.1.2')}2:{column_letter(example_set, '2.1.2')}202"


def test_validations_reach_past_the_last_unit(example_set):
    units = [(f"Sở {i}", "so") for i in range(MIN_VALIDATED_ROWS + 50)]
    values = open_book(build_template(example_set, units=units))[VALUES_SHEET]
    letter = column_letter(example_set, "1.2")
    assert str(validation_on(values, letter).sqref) == f"{letter}2:{letter}{2 + len(units)}"


def test_labels_with_commas_are_listed_on_a_hidden_sheet(big_set):
    book = open_book(build_template(big_set))
    leaf = next(leaf for leaf in big_set.columns if leaf.rule.kind == m.LEVELS and "," in leaf.rule.levels[1].label)
    formula = validation_on(book[VALUES_SHEET], column_letter(big_set, leaf.id)).formula1
    sheet_name, _, cells = formula.partition("!")
    lists = book[sheet_name.strip("'")]
    assert lists.sheet_state == "hidden"
    listed = [row[0].value for row in lists[cells.replace("$", "")]]
    assert listed[: len(leaf.rule.levels)] == [level.label for level in leaf.rule.levels]


@pytest.mark.parametrize("which", ["example", "big"])
def test_guide_lists_every_column_with_its_maximum(which, example_set, big_set):
    compiled = example_set if which == "example" else big_set
    table = guide_table(open_book(build_template(compiled)), "vi")
    assert list(table) == ["Đơn vị", "Loại đơn vị", "Năm", *compiled.column_ids]
    for leaf in compiled.columns:
        assert table[leaf.id][3] == pytest.approx(leaf.max), leaf.id


def test_guide_speaks_vietnamese_by_default_and_english_on_request(example_set):
    vi = guide_table(open_book(build_template(example_set)), "vi")
    en_book = open_book(build_template(example_set, lang="en"))
    en = guide_table(en_book, "en")
    assert en_book.sheetnames[:3] == [VALUES_SHEET, "Guide", "Example"]
    assert vi["1.2"][4] == "Có: 5 điểm; không: 0 điểm"
    assert en["1.2"][4] == "Yes: 5 points; no: 0 points"
    assert vi["1.1.1"][1] == "Tỷ lệ hồ sơ giải quyết đúng hạn"
    assert en["1.1.1"][1] == "Share of dossiers resolved on time"
    assert (vi["2.1.2"][2], en["2.1.2"][2]) == ("Điều tra XHH", "Survey")
    assert vi["1.1.1"][7] == "97,5" and en["1.1.1"][7] == "97.5"
    texts = [str(v) for book in (en_book,) for sheet in book for row in sheet.iter_rows(values_only=True) for v in row]
    assert not any(text.startswith("template.") for text in texts), "a message key is missing"


@pytest.mark.parametrize("which", ["example", "big"])
@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_example_sheet_is_a_values_file_on_its_own(which, lang, kind, example_set, big_set):
    compiled = example_set if which == "example" else big_set
    book = open_book(build_template(compiled, lang=lang))
    rows = filled_rows(book[t("template.sheet_example", lang)])
    fixed = [t(f"heading.{code}", lang) for code in FIXED_HEADERS]
    assert len(rows) == 2 and list(rows[0]) == [*fixed, *(f"{c.id} {c.label(lang)}" for c in compiled.columns)]
    if kind == "xlsx":
        data = sheet_bytes(rows)
    else:
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        data = buffer.getvalue().encode("utf-8")
    table = read_values(data, compiled, f"example.{kind}")
    scores = score_table(compiled, table)
    assert table.units["unit"].tolist() == [t("template.example_unit", lang)]
    assert len(scores) == 1 and scores.index[0] > 0


def test_without_example_there_is_no_example_sheet_or_column(example_set):
    book = open_book(build_template(example_set, example=False))
    assert book.sheetnames == [VALUES_SHEET, "Hướng dẫn"]
    assert len(guide_table(book, "vi")["1.2"]) == 7


def test_text_from_yaml_or_the_user_is_never_a_formula():
    text = one_field_set(
        """
        - {id: "L1", name: "=HYPERLINK(\\"http://x\\")", max: 6, source: reconstructed, evidence: "@SUM(A1)",
           rule: {kind: yes_no}}
        - {id: "L2", name: "+cmd", max: 4, source: reconstructed, rule: {kind: manual}}
        """,
        10,
    ).replace("name: Bộ thử", 'name: "=1+1"')
    compiled = compile_text(text)
    book = open_book(build_template(compiled, units=[("=evil()", "so")]))
    for sheet in book:
        for row in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in row), sheet.title
    guide = guide_table(book, "vi")
    assert guide["L1"][1] == '\'=HYPERLINK("http://x")'
    assert guide["L1"][6] == "'@SUM(A1)"
    assert guide["L2"][1] == "'+cmd"
    assert book[VALUES_SHEET]["A2"].value == "'=evil()"
