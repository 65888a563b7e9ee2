"""Read a values file (CSV or Excel): one row per unit, one column per leaf.

Every problem is reported with the row number the user sees in Excel (the header is row 1) and the
column's heading; nothing is returned until the whole file is clean, so a failed import changes
nothing. Each column is read at once (:mod:`parindex.criteria`); only cells that are not plain
numbers go through :func:`parindex.criteria.parse_value` one by one.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from parindex.criteria import BLANK, CellError, CompiledSet, clean_column, clean_text, fold, parse_value, read_cells
from parindex.criteria import model as m
from parindex.errors import InputError, Problem
from parindex.i18n import nfc
from parindex.inputs import (
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_TABLE_BYTES,
    UNIT_NAME,
    check_bytes,
    check_csv_text,
    check_table_shape,
    check_xlsx,
    read_limited,
    restore,
    text_problem,
    text_problems,
)

from ._headings import VALUE_PREFIX, result_headings

# As typed by people and as the app writes them (``heading.unit`` … in both languages, or the code).
UNIT_HEADERS = {"unit", "don vi", "ten don vi", "đơn vị", "tên đơn vị", "co quan", "cơ quan"}
TYPE_HEADERS = {"unit_type", "loai", "loai don vi", "loại", "loại đơn vị", "type", "unit type"}
YEAR_HEADERS = {"year", "nam", "năm"}
UNIT_TYPE_ALIASES = {
    "tinh": "tinh",
    "thanh pho": "tinh",
    "tinh, thanh pho": "tinh",
    "bo": "bo",
    "bo, nganh": "bo",
    "so": "so",
    "ban": "so",
    "nganh": "so",
    "so, ban, nganh": "so",
    "huyen": "huyen",
    "quan": "huyen",
    "thi xa": "huyen",
    "xa": "xa",
    "phuong": "xa",
    "dac khu": "xa",
    "thi tran": "xa",
    "xa, phuong": "xa",
}
MAX_ROWS = MAX_ROWS
VALUES_SHEET_TITLES = ("so lieu", "values", "du lieu", "data")  # folded; "Số liệu" is the template's
VECTORISED_FROM_ROWS = 32  # fewer rows are read cell by cell: as quick up to 30–40 rows (bench/parse_bench.py)


@dataclass(frozen=True)
class ValueTable:
    """Parsed values ready for :func:`parindex.scoring.score`."""

    units: pd.DataFrame  # unit, unit_type, (year)
    values: np.ndarray  # units × compiled columns; NaN = not applicable
    raw: pd.DataFrame  # the cells as typed, indexed like ``units``, columns = column ids
    survey_missing: np.ndarray  # bool per unit: survey left blank and rescaled
    blank: np.ndarray | None = None  # bool, units × columns: cells left blank (only when read with blanks allowed)


def read_table(source: str | Path | bytes, filename: str | None = None) -> pd.DataFrame:
    """Read CSV (UTF-8, comma or semicolon) or XLSX into a frame of raw cells.

    Excel cells keep their Python type; a percent-formatted number (0.997 shown as 99.7 %) is
    turned into the percentage the user sees.
    """
    if isinstance(source, (str, Path)):
        path = Path(source)
        filename = filename or path.name
        try:
            data = read_limited(path, MAX_TABLE_BYTES)
        except OSError as exc:
            raise InputError([Problem("cannot_read", {"detail": exc.strerror or str(exc)}, file=str(path))]) from None
    else:
        data = source
    filename = filename or "data"
    check_bytes(data, MAX_TABLE_BYTES, filename)
    if filename.lower().endswith((".xlsx", ".xlsm")):
        return _read_xlsx(data, filename)
    if filename.lower().endswith(".csv") or not filename.lower().endswith(".xls"):
        return _read_csv(data, filename)
    raise InputError([Problem("unsupported_file", {"name": filename}, file=filename)])


def _read_csv(data: bytes, filename: str) -> pd.DataFrame:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError([Problem("not_utf8", file=filename)]) from None
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") and sample.count(";") > 0 else ","
    if "\t" in sample.split("\n", 1)[0] and delimiter == "," and "," not in sample.split("\n", 1)[0]:
        delimiter = "\t"
    check_csv_text(text, delimiter, filename)  # before the parser: 10.000 empty columns took minutes
    text = nfc(text)
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as error:
        raise InputError([Problem("bad_csv", {"detail": str(error)}, file=filename)]) from None
    if "'" in text:  # a file the app wrote quotes "-5" as "'-5" against formulas (parindex.inputs.neutralise)
        rows = [[restore(cell) for cell in row] for row in rows]
    return _rows_to_frame(rows, filename)


def _read_xlsx(data: bytes, filename: str) -> pd.DataFrame:
    """The values sheet of an Excel file, as typed: formulas are not read (see :func:`_sheet_rows`)."""
    import openpyxl  # only needed for Excel files

    check_xlsx(data, filename)  # sizes, sheets and dimensions from the zip, before openpyxl unpacks it
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=False, read_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged or non-Excel file
        raise InputError([Problem("bad_xlsx", file=filename)]) from None
    try:
        sheet = _values_sheet(workbook, filename)
        rows, formulas = _sheet_rows(sheet)
    except InputError:
        raise
    except Exception:  # read-only sheets are parsed lazily: a damaged one fails here
        raise InputError([Problem("bad_xlsx", file=filename)]) from None
    finally:
        workbook.close()
    if formulas:
        header = [clean_text(h) for h in rows[0]] if rows else []
        raise InputError(
            [
                Problem("xlsx_formula", {"formula": formula[:60]}, file=filename, row=row, column=_heading(header, col))
                for row, col, formula in formulas
            ]
        )
    return _rows_to_frame(rows, filename)


def _values_sheet(workbook, filename: str):
    """The visible sheet titled like the template's "Số liệu" (or "values", "data"), else the first visible one.

    A hidden sheet is never read: its numbers would be scored without anyone having seen them. A
    hidden sheet that carries the values title is refused rather than passed over, since the file's
    author clearly meant it to be read.
    """
    titled = [sheet for sheet in workbook.worksheets if fold(sheet.title) in VALUES_SHEET_TITLES]
    for sheet in titled:
        if sheet.sheet_state != "visible":
            raise InputError([Problem("xlsx_hidden_sheet", {"sheet": sheet.title}, file=filename)])
    visible = [sheet for sheet in workbook.worksheets if sheet.sheet_state == "visible"]
    if titled:
        return titled[0]
    if not visible:
        raise InputError([Problem("xlsx_hidden_sheet", {"sheet": workbook.worksheets[0].title}, file=filename)])
    return visible[0]


def _sheet_rows(sheet) -> tuple[list[list[Any]], list[tuple[int, int, str]]]:
    """Cell values row by row, and every formula cell as (row, column position, formula).

    Formulas are never evaluated or taken from Excel's cache: a value must be typed or pasted as a
    value, so the number scored is the number someone can see in the cell.
    """
    from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

    rows: list[list[Any]] = []
    formulas: list[tuple[int, int, str]] = []
    declared = sheet.max_column  # from <dimension>; openpyxl pads every row to it (checked by check_xlsx)
    width = min(declared, MAX_COLUMNS + 1) if declared else None
    for row in sheet.iter_rows(max_row=MAX_ROWS + 2, max_col=width):
        cells = []
        for position, cell in enumerate(row):
            value = cell.value
            if getattr(cell, "data_type", None) == "f" or isinstance(value, (ArrayFormula, DataTableFormula)):
                formulas.append((len(rows) + 1, position, str(getattr(value, "text", value))))
                value = None
            elif isinstance(value, (int, float)) and not isinstance(value, bool) and "%" in (cell.number_format or ""):
                value = round(value * 100.0, 9)  # 0.58 shown as 58 % must read as 58, not 57.999…
            elif isinstance(value, str):
                value = restore(value)  # "'-5" as the app writes "-5" against formulas reads as "-5"
            cells.append(value)
        rows.append(cells)
        if len(rows) > MAX_ROWS + 1:
            break
    return rows, formulas


def _column_id(heading: str, known: dict[str, int]) -> str:
    """The sub-criterion id a value column's heading starts with: ``1.1.1 Tỷ lệ…``, ``1.1.1:``, ``gia_tri_1.1.1``."""
    first = heading.split()[0].removeprefix(VALUE_PREFIX)
    trimmed = first.rstrip(":.-–")
    return trimmed if trimmed in known else first


def _heading(header: list[str], position: int) -> str:
    """A column's heading for a message, or its Excel letter when it has none."""
    if position < len(header) and header[position]:
        return header[position]
    return _excel_column(position)


def _used_width(row: list[Any]) -> int:
    """Cells up to the last filled one (openpyxl pads rows with empty cells up to the width asked for)."""
    width = len(row)
    while width and (row[width - 1] is None or row[width - 1] == ""):
        width -= 1
    return width


def _rows_to_frame(rows: list[list[Any]], filename: str) -> pd.DataFrame:
    while rows and all(clean_text(c) == "" for c in rows[-1]):
        rows.pop()
    if not rows:
        raise InputError([Problem("empty_file", file=filename)])
    if len(rows) > MAX_ROWS + 1:
        raise InputError([Problem("too_many_rows", {"limit": MAX_ROWS}, file=filename)])
    if len(rows) < 2:
        raise InputError([Problem("no_data_rows", file=filename)])
    check_table_shape(len(rows) - 1, max(_used_width(r) for r in rows), filename)
    header = [clean_text(h) for h in rows[0]]
    width = len(header)
    body = [list(r[:width]) + [None] * (width - len(r)) for r in rows[1:]]
    frame = pd.DataFrame(body, columns=range(width), dtype=object)
    frame.attrs["headers"] = header
    frame.attrs["filename"] = filename
    return frame


def parse_table(
    frame: pd.DataFrame,
    compiled: CompiledSet,
    filename: str | None = None,
    vectorised: bool | None = None,
    allow_blanks: bool = False,
) -> ValueTable:
    """Check every row and column of ``frame`` against ``compiled``; raise InputError listing all problems.

    ``vectorised=False`` reads every cell one by one (same results and messages, much slower on a large
    table): the baseline of ``bench/parse_bench.py`` and of the property tests. By default a table of fewer
    than :data:`VECTORISED_FROM_ROWS` rows is read cell by cell too, since reading a column at once has a
    fixed cost per column (a round's row patched after a save: 18 ms for one row of 96 columns, 3 ms cell by
    cell). ``allow_blanks=True`` reads a
    unit's own partial figures (a self-assessment draft): a blank cell is no problem, its value is NaN
    and ``blank`` marks it, so the caller can estimate it (:mod:`parindex.rounds`) rather than score it.
    """
    filename = filename or frame.attrs.get("filename", "data")
    headers: list[str] = frame.attrs.get("headers", [str(c) for c in frame.columns])
    cs = compiled.criteria_set
    problems: list[Problem] = []

    def problem(code: str, row: int | None = None, column: str | None = None, **params: Any) -> None:
        problems.append(Problem(code, params, file=filename, row=row, column=column))

    column_of: dict[str, int] = {}
    unit_col = type_col = year_col = None
    known = compiled.column_index()
    results = result_headings(compiled)
    for position, heading in enumerate(headers):
        if not heading:
            if any(clean_column(frame.iloc[:, position].tolist())):
                problem("column_no_heading", column=_excel_column(position))
            continue
        key = heading.casefold()
        if key in UNIT_HEADERS or fold(key) in UNIT_HEADERS:
            unit_col = position
            continue
        if key in TYPE_HEADERS or fold(key) in TYPE_HEADERS:
            type_col = position
            continue
        if key in YEAR_HEADERS or fold(key) in YEAR_HEADERS:
            year_col = position
            continue
        column_id = _column_id(heading, known)
        if column_id not in known and fold(key) in results:
            continue  # a computed result beside the values (a round's export): read again from the values
        if column_id not in known:
            problem("unknown_column", column=heading, id=column_id, set=cs.id)
        elif column_id in column_of:
            problem("duplicate_column", column=heading, id=column_id)
        else:
            column_of[column_id] = position
    if unit_col is None:
        problem("missing_unit_column")
    if type_col is None and len(cs.unit_types) != 1:
        problem("missing_type_column", options=", ".join(cs.unit_types))
    for leaf in cs.leaves:
        if leaf.id not in column_of:
            problem("missing_leaf_column", id=leaf.id, name=leaf.name)
    if problems:
        raise InputError(problems)

    n = len(frame)
    vectorised = n >= VECTORISED_FROM_ROWS if vectorised is None else vectorised
    row_numbers = np.arange(n) + 2  # header is row 1
    # Columns as plain lists: ``frame[i]`` deep-copies the frame's attrs (the headings) on every call.
    matrix = frame.to_numpy(dtype=object)
    units = _unit_names(matrix[:, unit_col].tolist(), row_numbers, headers[unit_col], problem)
    unit_types = _unit_types(frame, type_col, cs, row_numbers, headers, problem)
    columns = compiled.columns
    values = np.zeros((n, len(columns)))
    blank = np.zeros((n, len(columns)), dtype=bool)
    # The cells as typed, one object array filled column by column (each column contiguous): one block for pandas.
    raw = np.empty((n, len(columns)), dtype=object, order="F")
    for j, leaf in enumerate(columns):
        position = column_of.get(leaf.id)
        if position is None:  # an optional bonus or penalty column: no award, no penalty for anyone
            raw[:, j] = ""
            values[:, j] = math.nan
            continue
        cells = matrix[:, position].tolist()
        raw[:, j], values[:, j], blank[:, j] = _parse_column(
            cells, leaf, row_numbers, headers[position], problem, vectorised
        )

    if allow_blanks:
        values[blank], survey_missing = math.nan, np.zeros(n, dtype=bool)
    else:
        survey_missing = _resolve_blanks(compiled, blank, values, row_numbers, headers, column_of, problem)
    if problems:
        raise InputError(problems)
    table_units = pd.DataFrame({"unit": units, "unit_type": unit_types})
    if year_col is not None:
        table_units["year"] = np.array(clean_column(matrix[:, year_col].tolist()), dtype=object)
    # Fortran order: the scorer reads one leaf (column) at a time.
    raw_frame = pd.DataFrame(raw, index=range(n), columns=[leaf.id for leaf in columns], dtype=object, copy=False)
    return ValueTable(
        units=table_units,
        values=np.asfortranarray(values),
        raw=raw_frame,
        survey_missing=survey_missing,
        blank=blank if allow_blanks else None,
    )


def read_values(
    source: str | Path | bytes, compiled: CompiledSet, filename: str | None = None, allow_blanks: bool = False
) -> ValueTable:
    """:func:`read_table` then :func:`parse_table` (``allow_blanks``: see there)."""
    frame = read_table(source, filename)
    return parse_table(frame, compiled, filename or frame.attrs.get("filename"), allow_blanks=allow_blanks)


def _parse_column(
    cells: list, leaf: m.Leaf, rows: np.ndarray, heading: str, problem, vectorised: bool = True
) -> tuple[np.ndarray | list[str], np.ndarray, np.ndarray]:
    """The cells as typed (cleaned) and the numbers for one leaf: the whole column at once
    (:mod:`parindex.criteria`), then the cells it could not read one by one with :func:`parse_value`,
    which also words the messages.

    ``vectorised=False`` reads every cell one by one: the reference the fast path is tested and
    benchmarked against.
    """
    cell_list = cells
    if vectorised:
        texts, column = read_cells(cell_list, leaf)
        out, blank, slow = column.values, column.blank, np.flatnonzero(column.slow)
    else:
        texts = [clean_text(cell) for cell in cell_list]
        out, blank, slow = np.zeros(len(cell_list)), np.zeros(len(cell_list), dtype=bool), range(len(cell_list))
    for i in slow:
        try:
            value = parse_value(cell_list[i], leaf)
        except CellError as err:
            problem(f"{err.code}", int(rows[i]), heading, **err.params)
            continue
        if value is BLANK:
            blank[i] = True
        else:
            out[i] = value
    return texts, out, blank


def _resolve_blanks(compiled, blank, values, rows, headers, column_of, problem) -> np.ndarray:
    """Blank bonus/penalty = 0; blank survey = rescaled (if the set says so); any other blank is an error."""
    cs = compiled.criteria_set
    columns = compiled.columns
    n_leaves = compiled.n_leaves
    survey = np.flatnonzero(compiled.is_survey)
    survey_missing = np.zeros(blank.shape[0], dtype=bool)
    all_blank = np.zeros(blank.shape[0], dtype=bool)
    if survey.size:
        all_blank = blank[:, survey].all(axis=1)
        if cs.without_survey == "rescale":
            survey_missing = all_blank
            values[np.ix_(all_blank, survey)] = math.nan
        else:  # the set needs a survey score for every unit: one message per unit, not "partly empty"
            first, last = columns[survey[0]].id, columns[survey[-1]].id
            for i in np.flatnonzero(all_blank):
                problem("survey_all_blank", int(rows[i]), headers[column_of[first]], first=first, last=last)
    for i, j in zip(*np.nonzero(blank), strict=True):
        leaf = columns[j]
        if j >= n_leaves:  # a blank bonus or penalty item gives 0 points (NaN: never a level's position)
            values[i, j] = math.nan
        elif all_blank[i] and compiled.is_survey[j]:  # rescaled, or reported once above
            continue
        else:
            heading = headers[column_of[leaf.id]]
            code = "survey_blank" if compiled.is_survey[j] else "value_blank"
            problem(code, int(rows[i]), heading)
    return survey_missing


def _unit_names(cells: list, rows: np.ndarray, heading: str, problem) -> np.ndarray:
    """The units' names, cleaned; blank, unstorable and repeated names reported in row order.

    Checked for the whole column at once; only the names with a problem are visited one by one.
    A name the database (and an .xlsx export) could not hold is reported as :func:`text_problem`
    words it; a repeat (in any case) names the row of the first storable name it repeats.
    """
    names = np.array(clean_column(cells), dtype=object)
    if not len(names):  # a round just opened has no units yet ("".split gives one empty line, not none)
        return names
    blank = names == ""
    unstorable = ~blank & text_problems(names.tolist(), UNIT_NAME)
    storable = ~blank & ~unstorable
    # casefold maps each character on its own, so the joined names fold line by line
    keys, _ = pd.factorize(np.array("\n".join(names).casefold().split("\n"), dtype=object))
    first = np.full(len(names), -1)
    storable_rows = np.flatnonzero(storable)
    first[keys[storable_rows[::-1]]] = storable_rows[::-1]  # the last write wins: the first row of each name
    repeated = storable & (first[keys] != np.arange(len(names)))
    for i in np.flatnonzero(blank | unstorable | repeated):
        if blank[i]:
            problem("unit_blank", int(rows[i]), heading)
        elif unstorable[i]:
            stored = text_problem(names[i], UNIT_NAME)
            problem(stored.code, int(rows[i]), heading, **stored.params)
        else:
            problem("unit_duplicate", int(rows[i]), heading, unit=names[i], first=int(rows[first[keys[i]]]))
    return names


def _unit_types(frame, type_col, cs: m.CriteriaSet, rows, headers, problem) -> np.ndarray:
    """Each unit's type code, from a code or a name of the type (any case, with or without diacritics).

    Each distinct text is looked up once; a text that names no type of the set is reported on every
    row that has it, in row order.
    """
    if type_col is None:
        return np.array([cs.unit_types[0]] * len(frame), dtype=object)
    texts = np.array(clean_column(frame.iloc[:, type_col].tolist()), dtype=object)
    positions, distinct = pd.factorize(texts)
    codes = [text if text in m.UNIT_TYPES else UNIT_TYPE_ALIASES.get(fold(text)) for text in distinct]
    result = np.array([code or text for code, text in zip(codes, distinct, strict=True)], dtype=object)[positions]
    bad = np.array([code is None or code not in cs.unit_types for code in codes], dtype=bool)[positions]
    for i in np.flatnonzero(bad):
        problem("unit_type_bad", int(rows[i]), headers[type_col], value=texts[i], options=", ".join(cs.unit_types))
    return result


def _excel_column(position: int) -> str:
    name = ""
    position += 1
    while position:
        position, remainder = divmod(position - 1, 26)
        name = chr(65 + remainder) + name
    return name
