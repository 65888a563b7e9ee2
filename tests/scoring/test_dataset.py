"""Values files: every problem by row and column, nothing returned while any remains."""

from __future__ import annotations

import io

import openpyxl
import pytest

from parindex.errors import InputError
from parindex.scoring import read_values
from tests.conftest import DATA

GOOD = (DATA / "vi-du-mau.csv").read_text(encoding="utf-8")


def problems(example_set, text: str, name: str = "values.csv"):
    with pytest.raises(InputError) as caught:
        read_values(text.encode("utf-8"), example_set, name)
    return caught.value.problems


def test_good_file_reads(example_set):
    table = read_values(GOOD.encode("utf-8"), example_set, "values.csv")
    assert table.units["unit"].tolist()[0] == "Sở Tư pháp"
    assert table.values.shape == (4, 10)


def test_missing_unit_column(example_set):
    text = GOOD.replace("unit,unit_type,", "name,unit_type,", 1)
    codes = {p.code for p in problems(example_set, text)}
    assert "missing_unit_column" in codes


def test_unknown_sub_criterion_id(example_set):
    text = GOOD.replace(",1.1.4,", ",1.1.9,", 1)
    found = {p.code: p for p in problems(example_set, text)}
    assert found["unknown_column"].params["id"] == "1.1.9"
    assert found["missing_leaf_column"].params["id"] == "1.1.4"


def test_unreadable_and_out_of_range_values_name_row_and_column(example_set):
    lines = GOOD.splitlines()
    lines[3] = lines[3].replace("100%", "101 %").replace("Hoàn thành xuất sắc", "Xuất sắc lắm")
    found = problems(example_set, "\n".join(lines))
    by_code = {p.code: p for p in found}
    assert by_code["value_percent_range"].row == 4 and by_code["value_percent_range"].column == "1.1.1"
    assert by_code["value_level"].row == 4 and by_code["value_level"].column == "1.1.4"
    rendered = by_code["value_level"].render("vi")
    assert rendered.startswith("values.csv: dòng 4, cột 1.1.4: 'Xuất sắc lắm' không phải một mức đánh giá")
    assert "row 4, column 1.1.4" in by_code["value_level"].render("en")


def test_duplicate_unit_and_blank_cell(example_set):
    lines = GOOD.splitlines()
    lines.append(lines[1].replace('"99,7"', ""))
    found = problems(example_set, "\n".join(lines))
    by_code = {p.code: p for p in found}
    assert by_code["unit_duplicate"].row == 6 and by_code["unit_duplicate"].params["first"] == 2
    assert by_code["value_blank"].row == 6 and by_code["value_blank"].column == "1.1.1"


def test_blank_bonus_and_penalty_give_no_points(example_set):
    from parindex.scoring import score

    table = read_values(GOOD.encode("utf-8"), example_set, "values.csv")
    scores = score(example_set, table.values, table.units)
    row = scores.row_of("Sở Y tế")  # left bonus and penalty blank
    assert scores.points[row, -3:].tolist() == [0.0, 0.0, 0.0]
    assert scores.bonus[row] == 0 and scores.penalty[row] == 0


def test_unit_type_outside_the_set(example_set):
    text = GOOD.replace("Sở Y tế,so,", "Sở Y tế,xã,")
    problem = next(p for p in problems(example_set, text) if p.code == "unit_type_bad")
    assert problem.row == 4 and problem.params["value"] == "xã"


def test_semicolon_csv_with_byte_order_mark(example_set):
    import csv

    rows = list(csv.reader(io.StringIO(GOOD)))
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(rows)
    data = buffer.getvalue().encode("utf-8-sig")
    table = read_values(data, example_set, "values.csv")
    assert len(table.units) == 4


def test_xlsx_with_percent_formatted_cells(example_set, tmp_path):
    import csv

    rows = list(csv.reader(io.StringIO(GOOD)))
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Số liệu"
    for row in rows:
        sheet.append(row)
    sheet["C2"] = 0.997  # typed as 99,7 % in a percent-formatted cell
    sheet["C2"].number_format = "0.0%"
    sheet["I2"] = 1  # yes/no as a number
    path = tmp_path / "values.xlsx"
    workbook.save(path)
    table = read_values(path, example_set)
    assert table.values[0, 0] == pytest.approx(99.7)
    assert table.values[0, 7] == 1.0


def test_not_an_excel_file(example_set):
    with pytest.raises(InputError) as caught:
        read_values(b"not a zip", example_set, "values.xlsx")
    assert caught.value.problems[0].code == "bad_xlsx"


def test_damaged_and_empty_files_give_messages(example_set):
    header_only = GOOD.splitlines()[0].encode()
    with pytest.raises(InputError) as caught:
        read_values(header_only, example_set, "values.csv")
    assert caught.value.problems[0].code == "no_data_rows"
    unclosed = (GOOD + 'Sở Lỗi,so,"' + "x" * 140_000).encode()
    with pytest.raises(InputError) as caught:
        read_values(unclosed, example_set, "values.csv")
    assert caught.value.problems[0].code == "bad_csv"


def test_counts_read_the_same_on_every_path(example_set):
    lines = GOOD.splitlines()
    lines[1] = lines[1].replace(",3,85,", ",1.000,85,")  # 2.1.1: a count typed with a thousands dot
    table = read_values("\n".join(lines).encode(), example_set, "values.csv")
    assert table.values[0, 5] == 1000  # a thousand items, as the what-if command reads it, never 1


def test_percent_cells_from_excel_keep_their_shown_value(example_set, tmp_path):
    import csv

    rows = list(csv.reader(io.StringIO(GOOD)))
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    sheet["C2"] = 0.58
    sheet["C2"].number_format = "0%"
    path = tmp_path / "values.xlsx"
    workbook.save(path)
    assert read_values(path, example_set).values[0, 0] == 58.0


def _xlsx(tmp_path, build) -> bytes:
    import csv

    rows = list(csv.reader(io.StringIO(GOOD)))
    workbook = openpyxl.Workbook()
    build(workbook, rows)
    path = tmp_path / "values.xlsx"
    workbook.save(path)
    return path.read_bytes()


def test_hidden_sheet_is_never_scored(example_set, tmp_path):
    """A hidden first sheet with other numbers used to be read silently instead of the visible one."""

    def build(workbook, rows):
        hidden = workbook.active
        hidden.title = "Cũ"
        for row in rows:
            hidden.append(row)
        hidden["C2"] = "50"  # other numbers, out of sight
        hidden.sheet_state = "hidden"
        visible = workbook.create_sheet("Bảng")
        for row in rows:
            visible.append(row)

    table = read_values(_xlsx(tmp_path, build), example_set, "values.xlsx")
    assert table.values[0, 0] == pytest.approx(99.7)


def test_hidden_values_sheet_is_refused(example_set, tmp_path):
    def build(workbook, rows):
        workbook.active.title = "Hướng dẫn"
        values = workbook.create_sheet("Số liệu")
        for row in rows:
            values.append(row)
        values.sheet_state = "hidden"

    with pytest.raises(InputError) as caught:
        read_values(_xlsx(tmp_path, build), example_set, "values.xlsx")
    (problem,) = caught.value.problems
    assert (problem.code, problem.params["sheet"]) == ("xlsx_hidden_sheet", "Số liệu")
    assert "bỏ ẩn" in problem.render("vi")


def test_formula_cells_are_named_not_called_empty(example_set, tmp_path):
    def build(workbook, rows):
        sheet = workbook.active
        sheet.title = "Số liệu"
        for row in rows:
            sheet.append(row)
        sheet["C3"] = "=98+1"

    with pytest.raises(InputError) as caught:
        read_values(_xlsx(tmp_path, build), example_set, "values.xlsx")
    (problem,) = caught.value.problems
    assert (problem.code, problem.row, problem.column) == ("xlsx_formula", 3, "1.1.1")
    assert problem.params["formula"] == "=98+1"
    assert "không đọc công thức" in problem.render("vi") and problem.code != "value_blank"
