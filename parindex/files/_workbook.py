"""The per-unit self-assessment workbook (phiếu tự đánh giá): sent to one unit, returned filled in.

Unlike the values template (one row per unit, for the province's own staff), this workbook goes to a
department or commune that assesses only itself, so it reads like the paper form it replaces: a
cover sheet, one sheet per field with one row per sub-criterion, a sheet for bonus and penalty
items, and columns for the evidence (tài liệu kiểm chứng) behind each value.

The returned file is untrusted input. Everything staff must not change is locked, a hidden
metadata sheet says which set, unit and year the file was made for, and the reader re-checks all
of it rather than trusting the lock: columns are found by their heading (in Vietnamese or English)
so a moved column still reads, formulas are refused, and every problem is reported at once with
its sheet, row and column. :func:`changes_preview` lets staff see every changed value and its
points before anything is saved.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula
from openpyxl.worksheet.worksheet import Worksheet

from parindex.criteria import (
    BLANK,
    CellError,
    CompiledSet,
    clean_text,
    describe_rule,
    fold,
    input_hint,
    kind_of,
    parse_value,
)
from parindex.criteria import model as m
from parindex.db import Evidence as StoredEvidence
from parindex.errors import InputError, Problem
from parindex.i18n import LANGUAGES, check_language, format_number, t
from parindex.inputs import check_xlsx, restore, text_problem
from parindex.scoring import leaf_points

from ._export import neutralise
from ._template import BOLD, FIXED_FILL, WRAP, _add_validation, _check_for, _Lists, _sheet_title

FORMAT_NAME = "parindex-unit-workbook"
FORMAT_VERSION = 1
META_SHEET = "_parindex"  # never translated: the reader looks for this title
MAX_SHEET_ROWS = 5_000  # a field has a few dozen rows; more means a pasted table, not a form
HEADER_SCAN_ROWS = 20  # the heading row is searched for among the first rows, in case rows were added above
SHEET_SEPARATOR = " › "  # problems name their place as "FILE › SHEET"
EXTRA_KEY = "extra"  # the metadata key of the bonus/penalty sheet, beside one key per field id

# Column keys in the order they are written; headings come from ``workbook.col_<key>``.
INFO_COLUMNS = ("id", "name", "max", "rule", "hint", "required")
EVIDENCE_COLUMNS = ("ev_number", "ev_date", "ev_issuer", "ev_description")
INPUT_COLUMNS = ("value", *EVIDENCE_COLUMNS)
COLUMNS = (*INFO_COLUMNS, *INPUT_COLUMNS)
REQUIRED_COLUMNS = ("id", *INPUT_COLUMNS)  # information columns may go missing without losing data
WIDTHS = {
    "id": 9,
    "name": 48,
    "max": 8,
    "rule": 40,
    "hint": 28,
    "required": 32,
    "value": 20,
    "ev_number": 18,
    "ev_date": 12,
    "ev_issuer": 24,
    "ev_description": 40,
}

INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
HEADING_FILL = PatternFill("solid", fgColor="DDEBF7")
UNLOCKED = Protection(locked=False)
DATE_FORMAT = "DD/MM/YYYY"
TEXT_FORMAT = "@"
DATE_PATTERNS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%y")
_BAD_TITLE_CHARS = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Evidence:
    """One supporting document (tài liệu kiểm chứng) cited for a value."""

    number: str
    date: dt.date | None
    issuer: str
    description: str


@dataclass(frozen=True)
class UnitReturn:
    """A returned workbook, checked: raw values as typed, their parsed numbers and the evidence.

    ``values`` omits blank cells; ``parsed`` holds NaN for "not applicable" (KAD).
    """

    set_id: str
    unit: str
    unit_type: str
    year: int
    values: dict[str, str] = field(default_factory=dict)
    parsed: dict[str, float] = field(default_factory=dict)
    evidence: dict[str, list[Evidence]] = field(default_factory=dict)
    stamp: ExportStamp | None = None  # what the workbook was exported from; None for a workbook without one


@dataclass(frozen=True)
class ExportStamp:
    """Which round a workbook was exported from, when, and the value of every cell it was prefilled with.

    A return is compared cell by cell against these values (``parindex.rounds``): a cell the unit
    left as exported never overwrites what staff changed since, and a cell both sides changed is a
    conflict for a person to decide. ``values`` holds the non-empty cells only.
    """

    round_id: int
    exported_at: str  # ISO time, UTC
    values: dict[str, str] = field(default_factory=dict)


# --- export -----------------------------------------------------------------------------------


def export_unit_workbook(
    compiled: CompiledSet,
    unit: str,
    unit_type: str,
    year: int,
    values: Mapping[str, str] | None = None,
    lang: str = "vi",
    round_id: int | None = None,
) -> bytes:
    """The .xlsx a unit fills in: cover, one sheet per field, bonus/penalty, hidden metadata.

    ``values`` (leaf id → raw text, e.g. last year's or a draft) prefill the value cells; ids not in
    the set are ignored, so a whole stored row can be passed as it is. With ``round_id`` the values
    are the round's current ones and the metadata records them (an :class:`ExportStamp`), so the
    return can tell the unit's changes from changes made in the round meanwhile.
    """
    lang = check_language(lang)
    cs = compiled.criteria_set
    if unit_type not in cs.unit_types:
        options = ", ".join(cs.unit_types)
        raise InputError([Problem("unit_type_bad", {"value": unit_type, "options": options})])
    values = values or {}
    workbook = Workbook()
    lists = _Lists(workbook, lang)
    titles = sheet_titles(compiled, lang)
    _write_cover(workbook.active, compiled, unit, unit_type, year, titles, lang)
    for fld in cs.fields:
        sheet = workbook.create_sheet(titles[fld.id])
        heading = t("workbook.field_heading", lang, id=fld.id, name=fld.label(lang), max=float(fld.max))
        _write_item_sheet(sheet, heading, list(_field_rows(fld, lang)), values, lists, lang)
    if cs.bonus.items or cs.penalty.items:
        sheet = workbook.create_sheet(titles[EXTRA_KEY])
        _write_item_sheet(sheet, t("workbook.extra_heading", lang), list(_extra_rows(cs, lang)), values, lists, lang)
    _write_metadata(workbook.create_sheet(META_SHEET), compiled, unit, unit_type, year, titles, lang)
    if round_id is not None:
        _write_stamp(workbook[META_SHEET], compiled, round_id, values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sheet_titles(compiled: CompiledSet, lang: str = "vi") -> dict[str, str]:
    """Sheet title per field id (and ``EXTRA_KEY``), within Excel's 31 characters and allowed letters."""
    cs = compiled.criteria_set
    titles = {
        fld.id: _clean_title(t("workbook.sheet_field", lang, id=fld.id, name=fld.label(lang))) for fld in cs.fields
    }
    if cs.bonus.items or cs.penalty.items:
        titles[EXTRA_KEY] = _clean_title(t("workbook.sheet_extra", lang))
    return titles


def _clean_title(text: str) -> str:
    """Excel refuses ``[]:*?/\\`` in sheet titles and anything past 31 characters."""
    return _sheet_title(_BAD_TITLE_CHARS.sub("-", text)).strip()


def column_heading(key: str, lang: str = "vi") -> str:
    return t(f"workbook.col_{key}", lang)


# --- cover ------------------------------------------------------------------------------------


def _write_cover(
    sheet: Worksheet, compiled: CompiledSet, unit: str, unit_type: str, year: int, titles: dict[str, str], lang: str
) -> None:
    """Who the file is for, how to fill it in, and which sheet holds which field; all locked."""
    cs = compiled.criteria_set
    sheet.title = _clean_title(t("workbook.sheet_cover", lang))
    sheet.append([neutralise(t("workbook.title", lang, year=str(year)))])
    sheet["A1"].font = Font(bold=True, size=14)
    type_name = m.UNIT_TYPES.get(unit_type, (unit_type, unit_type))[1 if lang == "en" else 0]
    facts = [
        ("workbook.set", cs.label(lang)),
        ("workbook.decision", cs.decision),
        ("workbook.unit", unit),
        ("workbook.unit_type", type_name),
        ("workbook.year", year),
        ("workbook.max_points", format_number(cs.max_points, lang=lang)),
    ]
    sheet.append([])
    for key, value in facts:
        sheet.append([t(key, lang), neutralise(value)])
        sheet.cell(row=sheet.max_row, column=1).font = BOLD
    sheet.append([])
    sheet.append([t("workbook.instructions", lang)])
    sheet.cell(row=sheet.max_row, column=1).font = BOLD
    for number, line in enumerate(_instructions(titles, lang), 1):
        sheet.append([f"{number}.", line])
    sheet.append([])
    _write_field_index(sheet, compiled, titles, lang)
    sheet.column_dimensions["A"].width = 18
    sheet.column_dimensions["B"].width = 100
    sheet.column_dimensions["C"].width = 34
    sheet.protection.sheet = True


def _instructions(titles: dict[str, str], lang: str) -> list[str]:
    def heading(key: str) -> str:
        return column_heading(key, lang)

    lines = [
        t("workbook.instr_rows", lang),
        t("workbook.instr_value", lang, value=heading("value"), hint=heading("hint"), rule=heading("rule")),
        t("workbook.instr_numbers", lang),
        t("workbook.instr_kad", lang),
        t(
            "workbook.instr_evidence",
            lang,
            number=heading("ev_number"),
            date=heading("ev_date"),
            issuer=heading("ev_issuer"),
            description=heading("ev_description"),
        ),
        t("workbook.instr_more_evidence", lang),
        t("workbook.instr_locked", lang),
        t("workbook.instr_formula", lang),
    ]
    if EXTRA_KEY in titles:
        lines.append(t("workbook.instr_extra", lang, sheet=titles[EXTRA_KEY]))
    lines.append(t("workbook.instr_return", lang))
    return lines


def _write_field_index(sheet: Worksheet, compiled: CompiledSet, titles: dict[str, str], lang: str) -> None:
    sheet.append([t("workbook.fields", lang)])
    sheet.cell(row=sheet.max_row, column=1).font = BOLD
    sheet.append(
        [
            t("workbook.col_id", lang),
            t("workbook.col_field", lang),
            t("workbook.col_sheet", lang),
            t("workbook.col_max", lang),
        ]
    )
    for cell in sheet[sheet.max_row]:
        cell.font, cell.fill = BOLD, FIXED_FILL
    for fld in compiled.criteria_set.fields:
        sheet.append([neutralise(fld.id), neutralise(fld.label(lang)), titles[fld.id], float(fld.max)])


# --- field and bonus/penalty sheets -----------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    """One row of an item sheet: a leaf to fill in, or a heading (criterion or bonus/penalty group)."""

    id: str
    name: str
    leaf: m.Leaf | None = None
    max: float | None = None


def _field_rows(fld: m.Field, lang: str) -> Iterator[_Row]:
    """Each criterion with sub-criteria as a heading row, then its leaves; a direct criterion is one leaf row."""
    for criterion in fld.criteria:
        if not criterion.is_leaf:
            yield _Row(criterion.id, criterion.label(lang), None, float(criterion.max))
        for leaf in criterion.leaves:
            yield _Row(leaf.id, leaf.label(lang), leaf, float(leaf.max))


def _extra_rows(cs: m.CriteriaSet, lang: str) -> Iterator[_Row]:
    """Bonus then penalty items, each group under a heading without an id."""
    for extra, key in ((cs.bonus, "workbook.bonus_heading"), (cs.penalty, "workbook.penalty_heading")):
        if extra.items:
            yield _Row("", t(key, lang, cap=float(extra.cap)))
            for leaf in extra.items:
                yield _Row(leaf.id, leaf.label(lang), leaf, float(leaf.max))


def _write_item_sheet(
    sheet: Worksheet, heading: str, rows: list[_Row], values: Mapping[str, str], lists: _Lists, lang: str
) -> None:
    """Title line, the heading row, then one row per item; only the input cells of leaf rows are unlocked."""
    sheet.cell(row=1, column=1, value=neutralise(heading)).font = Font(bold=True, size=13)
    header_row = 3
    for position, key in enumerate(COLUMNS, 1):
        cell = sheet.cell(row=header_row, column=position, value=column_heading(key, lang))
        cell.font, cell.fill, cell.alignment = BOLD, FIXED_FILL, WRAP
        sheet.column_dimensions[get_column_letter(position)].width = WIDTHS[key]
    for row_number, row in enumerate(rows, header_row + 1):
        if row.leaf is None:
            _write_heading_row(sheet, row_number, row)
        else:
            _write_leaf_row(sheet, row_number, row.leaf, values.get(row.leaf.id), lists, lang)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=3)
    _protect(sheet)


def _write_heading_row(sheet: Worksheet, row_number: int, row: _Row) -> None:
    cells = [row.id, row.name, row.max]
    for position, value in enumerate(cells, 1):
        cell = sheet.cell(row=row_number, column=position, value=neutralise(value))
        cell.font, cell.fill = BOLD, HEADING_FILL
    for position in range(len(cells) + 1, len(COLUMNS) + 1):
        sheet.cell(row=row_number, column=position).fill = HEADING_FILL


def _write_leaf_row(
    sheet: Worksheet, row_number: int, leaf: m.Leaf, value: str | None, lists: _Lists, lang: str
) -> None:
    info = {
        "id": leaf.id,
        "name": leaf.label(lang),
        "max": float(leaf.max),
        "rule": describe_rule(leaf, lang),
        "hint": input_hint(leaf, lang),
        "required": leaf.evidence or "",
    }
    for position, key in enumerate(COLUMNS, 1):
        cell = sheet.cell(row=row_number, column=position, value=neutralise(info.get(key)))
        cell.alignment = WRAP
        if key in INPUT_COLUMNS:
            cell.protection, cell.fill = UNLOCKED, INPUT_FILL
            cell.number_format = DATE_FORMAT if key == "ev_date" else TEXT_FORMAT
    value_cell = sheet.cell(row=row_number, column=COLUMNS.index("value") + 1)
    text = clean_text(value)
    value_cell.value = neutralise(text) if text else None
    if not kind_of(leaf.rule).text_cell(leaf.rule):
        value_cell.number_format = "General"  # numbers stay numbers; only ratios must stay text ("3/4" is no date)
    _validate_cell(sheet, value_cell, leaf, lists, lang)


def _validate_cell(sheet: Worksheet, cell: Cell, leaf: m.Leaf, lists: _Lists, lang: str) -> None:
    """The template's check for the leaf's rule (drop-down, range, whole number), on this one cell.

    Warning style, as in the template, so KAD or another accepted spelling can still be kept.
    """
    check = _check_for(leaf, lists, lang)
    _add_validation(sheet, cell.coordinate, check, lang, leaf.id, input_hint(leaf, lang), show_prompt=True)


def _protect(sheet: Worksheet) -> None:
    """Lock the sheet, but let staff resize columns and insert rows for more evidence.

    openpyxl's flags name what is *forbidden*, so ``False`` allows the action. There is no
    password: the lock prevents accidents, and the reader checks everything anyway.
    """
    protection = sheet.protection
    protection.sheet = True
    protection.formatColumns = False
    protection.formatRows = False
    protection.insertRows = False
    protection.deleteRows = False


# --- metadata ---------------------------------------------------------------------------------


def _write_metadata(
    sheet: Worksheet, compiled: CompiledSet, unit: str, unit_type: str, year: int, titles: dict[str, str], lang: str
) -> None:
    """Key/value rows the reader checks first; very hidden, so it is not unhidden by accident."""
    entries: list[tuple[str, Any]] = [
        ("format", FORMAT_NAME),
        ("format_version", FORMAT_VERSION),
        ("set_id", compiled.criteria_set.id),
        ("unit", unit),
        ("unit_type", unit_type),
        ("year", int(year)),
        ("lang", lang),
        ("created", dt.date.today().isoformat()),
    ]
    entries += [(f"sheet:{key}", title) for key, title in titles.items()]
    for key, value in entries:
        sheet.append([key, neutralise(value)])
    sheet.sheet_state = "veryHidden"
    sheet.protection.sheet = True


def _write_stamp(sheet: Worksheet, compiled: CompiledSet, round_id: int, values: Mapping[str, str]) -> None:
    """The export stamp: round, time, and the prefilled values as one JSON cell (ASCII, so no cleaning alters it)."""
    prefilled = {leaf_id: text for leaf_id in compiled.column_ids if (text := clean_text(values.get(leaf_id)))}
    exported_at = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(timespec="seconds")
    for key, value in (
        ("round_id", int(round_id)),
        ("exported_at", exported_at),
        ("base_values", json.dumps(prefilled, ensure_ascii=True, separators=(",", ":"))),
    ):
        sheet.append([key, neutralise(value)])


# --- import: where problems go ----------------------------------------------------------------


class _Collector:
    """Problems of one file, each placed as "FILE › SHEET", row and "LETTER (heading)"."""

    def __init__(self, filename: str):
        self.filename = filename
        self.problems: list[Problem] = []

    def add(
        self, code: str, sheet: str | None = None, row: int | None = None, column: str | None = None, **params: Any
    ) -> None:
        where = self.filename if sheet is None else f"{self.filename}{SHEET_SEPARATOR}{sheet}"
        self.problems.append(Problem(code, params, file=where, row=row, column=column))

    def stop_if_any(self) -> None:
        if self.problems:
            raise InputError(self.problems)


def read_unit_workbook(
    data: bytes, compiled: CompiledSet, filename: str, expected_unit: str | None = None
) -> UnitReturn:
    """Read a returned workbook back; raise :class:`InputError` listing every problem found.

    Nothing is returned while any problem remains, so a half-read file never reaches the data.
    """
    found = _Collector(filename)
    workbook = _open(data, found)
    meta = _read_metadata(workbook, compiled, expected_unit, found)
    reader = _ItemReader(compiled, found)
    for key, title in meta.titles.items():
        if title in workbook.sheetnames and workbook[title].sheet_state != "visible":
            # numbers nobody can see are not scored: the sheet must be shown again first
            found.add("wb_hidden_sheet", sheet=title, title=title)
            reader.skipped.add(title)
        elif title in workbook.sheetnames:
            reader.read_sheet(workbook[title])
        else:
            found.add("wb_missing_sheet", sheet=title, title=title, field=key, name=_sheet_subject(compiled, key))
            reader.skipped.add(title)
    reader.report_missing_rows(meta.titles)
    found.stop_if_any()
    return UnitReturn(
        meta.set_id, meta.unit, meta.unit_type, meta.year, reader.values, reader.parsed, reader.evidence, meta.stamp
    )


def _open(data: bytes, found: _Collector) -> Workbook:
    """Formulas are kept as formulas (``data_only=False``) so they can be refused, not silently evaluated.

    The whole workbook is loaded, so its sizes and sheets' dimensions are checked from the zip first.
    """
    check_xlsx(data, found.filename)
    try:
        return load_workbook(io.BytesIO(data), data_only=False)
    except Exception:  # openpyxl raises many kinds for a damaged or non-Excel file
        found.add("bad_xlsx")
        raise InputError(found.problems) from None


def _sheet_subject(compiled: CompiledSet, key: str) -> str:
    fields = {fld.id: fld.name for fld in compiled.criteria_set.fields}
    return fields.get(key, t("workbook.extra_heading"))


# --- import: metadata -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Meta:
    set_id: str
    unit: str
    unit_type: str
    year: int
    titles: dict[str, str]  # field id (or EXTRA_KEY) → sheet title
    stamp: ExportStamp | None = None


class _Entries:
    """The metadata sheet's key/value rows, remembering each key's row for the problem's location."""

    def __init__(self, sheet: Worksheet, found: _Collector):
        self.found = found
        self.rows: dict[str, tuple[str, int]] = {}
        for key_cell, value_cell in sheet.iter_rows(min_row=1, max_row=min(sheet.max_row, 200), max_col=2):
            key = clean_text(key_cell.value)
            if key and key not in self.rows:
                self.rows[key] = (restore(clean_text(value_cell.value)), key_cell.row)

    def get(self, key: str) -> str:
        return self.rows.get(key, ("", 0))[0]

    def row(self, key: str) -> int | None:
        return self.rows.get(key, ("", None))[1]

    def required(self, key: str) -> str:
        value = self.get(key)
        if not value:
            self.found.add("wb_bad_metadata", sheet=META_SHEET, row=self.row(key), key=key)
        return value


def _read_metadata(workbook: Workbook, compiled: CompiledSet, expected_unit: str | None, found: _Collector) -> _Meta:
    """Check the workbook was made by this program for this set (and unit); stop here if not.

    A workbook for another set or unit would only add noise if its rows were read, so any problem
    here ends the reading.
    """
    if META_SHEET not in workbook.sheetnames:
        found.add("wb_no_metadata", title=META_SHEET)
        found.stop_if_any()
    entries = _Entries(workbook[META_SHEET], found)
    if (entries.get("format"), entries.get("format_version")) != (FORMAT_NAME, str(FORMAT_VERSION)):
        found_format = f"{entries.get('format') or '?'} {entries.get('format_version') or '?'}"
        found.add("wb_format", sheet=META_SHEET, found=found_format, supported=f"{FORMAT_NAME} {FORMAT_VERSION}")
        found.stop_if_any()
    cs = compiled.criteria_set
    set_id, unit, unit_type = entries.required("set_id"), entries.required("unit"), entries.required("unit_type")
    if set_id and set_id != cs.id:
        found.add("wb_wrong_set", sheet=META_SHEET, row=entries.row("set_id"), found=set_id, expected=cs.id)
    if expected_unit is not None and unit and fold(unit) != fold(clean_text(expected_unit)):
        found.add("wb_wrong_unit", sheet=META_SHEET, row=entries.row("unit"), found=unit, expected=expected_unit)
    if unit_type and unit_type not in cs.unit_types:
        options = ", ".join(cs.unit_types)
        found.add("unit_type_bad", sheet=META_SHEET, row=entries.row("unit_type"), value=unit_type, options=options)
    year = _year(entries.required("year"))
    if entries.get("year") and year is None:
        found.add("wb_bad_metadata", sheet=META_SHEET, row=entries.row("year"), key="year")
    titles = {key: entries.required(f"sheet:{key}") for key in sheet_titles(compiled)}  # keys only, any language
    stamp = _read_stamp(entries, found)
    found.stop_if_any()
    return _Meta(set_id, unit, unit_type, year or 0, titles, stamp)


def _read_stamp(entries: _Entries, found: _Collector) -> ExportStamp | None:
    """The export stamp, if the workbook has one; a damaged one is reported rather than guessed at."""
    if not entries.get("round_id"):
        return None
    round_id = _year(entries.get("round_id"))  # a whole number, read like the year
    try:
        values = json.loads(entries.get("base_values") or "{}")
    except ValueError:
        values = None
    if round_id is None or not isinstance(values, dict) or not all(isinstance(v, str) for v in values.values()):
        found.add("wb_bad_metadata", sheet=META_SHEET, row=entries.row("base_values"), key="base_values")
        return None
    return ExportStamp(round_id, entries.get("exported_at"), {str(k): clean_text(v) for k, v in values.items()})


def _year(text: str) -> int | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return int(value) if value.is_integer() else None


# --- import: columns --------------------------------------------------------------------------


def _heading_keys() -> dict[str, str]:
    """Folded heading text, in every language, → column key."""
    return {fold(column_heading(key, lang)): key for key in COLUMNS for lang in LANGUAGES}


@dataclass(frozen=True)
class _Layout:
    """Where the columns of one item sheet are, found by their headings."""

    header_row: int
    columns: dict[str, int]  # key → 1-based column
    headings: dict[str, str]  # key → heading as found

    def where(self, key: str) -> str:
        return f"{get_column_letter(self.columns[key])} ({self.headings[key]})"


def _find_layout(sheet: Worksheet, found: _Collector) -> _Layout | None:
    """The heading row is the first row naming both the id and the value column; order does not matter."""
    keys = _heading_keys()
    for row in sheet.iter_rows(min_row=1, max_row=min(sheet.max_row, HEADER_SCAN_ROWS)):
        named = {cell.column: keys[fold(cell.value)] for cell in row if _is_heading(cell, keys)}
        if {"id", "value"} <= set(named.values()):
            return _layout_from(sheet, row[0].row, named, found)
    _report_missing_columns(sheet, ["id", "value"], None, found)
    return None


def _is_heading(cell: Cell, keys: dict[str, str]) -> bool:
    return isinstance(cell.value, str) and fold(cell.value) in keys


def _layout_from(sheet: Worksheet, header_row: int, named: dict[int, str], found: _Collector) -> _Layout | None:
    """Column per key; a heading used twice or a missing input column makes the sheet unreadable."""
    columns: dict[str, int] = {}
    headings: dict[str, str] = {}
    readable = True
    for column, key in named.items():
        heading = clean_text(sheet.cell(row=header_row, column=column).value)
        if key in columns:
            found.add(
                "wb_duplicate_column",
                sheet=sheet.title,
                row=header_row,
                column=get_column_letter(column),
                header=heading,
                first=get_column_letter(columns[key]),
            )
            readable = False
            continue
        columns[key], headings[key] = column, heading
    missing = [key for key in REQUIRED_COLUMNS if key not in columns]
    _report_missing_columns(sheet, missing, header_row, found)
    return _Layout(header_row, columns, headings) if readable and not missing else None


def _report_missing_columns(sheet: Worksheet, keys: list[str], row: int | None, found: _Collector) -> None:
    for key in keys:
        vi, en = column_heading(key, "vi"), column_heading(key, "en")
        found.add("wb_missing_column", sheet=sheet.title, row=row, vi=vi, en=en)


# --- import: rows -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _RowCells:
    """One row's input cells after the formula check (a refused formula reads as empty)."""

    sheet: str
    number: int
    layout: _Layout
    id: str
    name: Any
    value: Any
    value_format: str
    evidence: dict[str, Any]

    def where(self, key: str) -> dict[str, Any]:
        return {"sheet": self.sheet, "row": self.number, "column": self.layout.where(key)}


class _ItemReader:
    """Reads the rows of every item sheet into values, parsed numbers and evidence."""

    def __init__(self, compiled: CompiledSet, found: _Collector):
        cs = compiled.criteria_set
        self.set_id = cs.id
        self.leaves = {leaf.id: leaf for leaf in compiled.columns}
        self.headings = {c.id for c in cs.criteria if not c.is_leaf}
        self.sheet_of = {leaf.id: leaf.field_id or EXTRA_KEY for leaf in compiled.columns}
        self.found = found
        self.seen: dict[str, tuple[str, int]] = {}  # leaf id → (sheet, row) where it was first read
        self.skipped: set[str] = set()  # titles of sheets missing or unreadable
        self.values: dict[str, str] = {}
        self.parsed: dict[str, float] = {}
        self.evidence: dict[str, list[Evidence]] = {}

    def read_sheet(self, sheet: Worksheet) -> None:
        layout = _find_layout(sheet, self.found)
        if layout is not None and sheet.max_row > MAX_SHEET_ROWS:
            self.found.add("too_many_rows", sheet=sheet.title, limit=MAX_SHEET_ROWS)
            layout = None
        if layout is None:  # its problems are reported; its leaves are not also reported missing
            self.skipped.add(sheet.title)
            return
        current: str | None = None  # the leaf that a row without an id adds evidence to
        for row in sheet.iter_rows(min_row=layout.header_row + 1, max_row=sheet.max_row):
            current = self._read_row(self._cells(sheet.title, row, layout), current)

    def _cells(self, title: str, row: tuple[Cell, ...], layout: _Layout) -> _RowCells:
        number = row[0].row
        cells = {key: _cell_at(row, column) for key, column in layout.columns.items()}
        plain = {key: self._plain(title, number, layout, key, cells[key]) for key in REQUIRED_COLUMNS}
        name_cell, value_cell = cells.get("name"), cells["value"]
        return _RowCells(
            title,
            number,
            layout,
            _evidence_text(plain["id"]),
            None if name_cell is None else name_cell.value,
            plain["value"],
            "" if value_cell is None else str(value_cell.number_format or ""),
            {key: plain[key] for key in EVIDENCE_COLUMNS},
        )

    def _plain(self, title: str, number: int, layout: _Layout, key: str, cell: Cell | None) -> Any:
        """The cell's value, or None after reporting a formula (which is never evaluated)."""
        if cell is None:
            return None
        formula = _formula_text(cell)
        if formula is not None:
            self.found.add("wb_formula", sheet=title, row=number, column=layout.where(key), formula=formula[:60])
            return None
        return cell.value

    def _read_row(self, row: _RowCells, current: str | None) -> str | None:
        """Read one row; return the leaf that a following row without an id would add evidence to."""
        documents = self._documents(row)
        if not row.id:
            return self._continuation(row, current, documents)
        if row.id in self.headings:
            if _filled(row.value) or documents:
                self.found.add("wb_heading_value", **row.where("id"), id=row.id)
            return None
        if row.id not in self.leaves:
            self.found.add("wb_unknown_id", **row.where("id"), id=row.id, set=self.set_id)
            return None
        if row.id in self.seen:
            first_sheet, first_row = self.seen[row.id]
            self.found.add(
                "wb_duplicate_id", **row.where("id"), id=row.id, first_row=first_row, first_sheet=first_sheet
            )
            return None
        self.seen[row.id] = (row.sheet, row.number)
        self._store_value(row)
        if documents:
            self.evidence.setdefault(row.id, []).extend(documents)
        return row.id

    def _continuation(self, row: _RowCells, current: str | None, documents: list[Evidence]) -> str | None:
        """A row without an id: more evidence for the leaf above, or a group heading (its name is set)."""
        if _filled(row.value):
            self.found.add("wb_value_without_id", **row.where("value"))
        if documents and current is None:
            self.found.add("wb_evidence_without_id", sheet=row.sheet, row=row.number)
        elif documents and current is not None:
            self.evidence.setdefault(current, []).extend(documents)
        if _filled(row.name) and not documents:
            return None  # a group heading: rows below it no longer belong to the leaf above
        return current

    def _store_value(self, row: _RowCells) -> None:
        raw, text = _raw_value(row.value, row.value_format)
        if not text:
            return
        if isinstance(raw, (dt.date, dt.time, dt.timedelta)):
            self.found.add("wb_value_date", **row.where("value"), value=text)
            return
        try:
            parsed = parse_value(raw, self.leaves[row.id])
        except CellError as error:
            self.found.add(error.code, **row.where("value"), **error.params)
            return
        self.values[row.id] = text
        if parsed is not BLANK:
            self.parsed[row.id] = float(parsed)

    def _documents(self, row: _RowCells) -> list[Evidence]:
        """The row's document, if any of its four cells is filled; a date that is not one is reported."""
        texts = {key: _evidence_text(row.evidence[key]) for key in ("ev_number", "ev_issuer", "ev_description")}
        date_value = row.evidence["ev_date"]
        if not any(texts.values()) and not _filled(date_value):
            return []
        date = _as_date(date_value)
        if _filled(date_value) and date is None:
            self.found.add("wb_bad_date", **row.where("ev_date"), value=_evidence_text(date_value))
        for key, column in (
            ("ev_number", StoredEvidence.number),
            ("ev_issuer", StoredEvidence.issuer),
            ("ev_description", StoredEvidence.description),
        ):
            stored = text_problem(texts[key], column)  # what the database could not hold, by row and column
            if stored is not None:
                self.found.add(stored.code, **row.where(key), **stored.params)
        return [Evidence(texts["ev_number"], date, texts["ev_issuer"], texts["ev_description"])]

    def report_missing_rows(self, titles: dict[str, str]) -> None:
        """Leaves whose row was deleted; sheets already reported as missing or unreadable are left out."""
        for leaf_id, key in self.sheet_of.items():
            title = titles.get(key, "")
            if leaf_id not in self.seen and title not in self.skipped:
                self.found.add("wb_missing_id", sheet=title, id=leaf_id, name=self.leaves[leaf_id].name)


def _cell_at(row: tuple[Cell, ...], column: int) -> Cell | None:
    return row[column - 1] if column - 1 < len(row) else None


def _formula_text(cell: Cell) -> str | None:
    """The formula a cell holds, however openpyxl represents it; None for a plain value."""
    value = cell.value
    if isinstance(value, ArrayFormula):
        return str(value.text or "=")
    if isinstance(value, DataTableFormula):
        return "=TABLE()"
    if cell.data_type == "f" or (isinstance(value, str) and value.startswith("=")):
        return str(value)
    return None


def _filled(value: Any) -> bool:
    return value is not None and clean_text(value) != ""


def _raw_value(value: Any, number_format: str) -> tuple[Any, str]:
    """The value to parse and the text to keep: numbers as Excel holds them, text cleaned and restored.

    A percent-formatted number (0.997 shown as 99.7 %) is the percentage the user sees, as in
    :mod:`parindex.scoring`.
    """
    if value is None:
        return None, ""
    if isinstance(value, bool):
        return value, "có" if value else "không"
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            return None, ""
        if "%" in number_format:
            value = round(value * 100.0, 9)
        return value, _number_text(value)
    if isinstance(value, dt.datetime):
        return value, value.strftime("%d/%m/%Y")
    if isinstance(value, (dt.date, dt.time, dt.timedelta)):
        return value, str(value)
    text = clean_text(restore(str(value)))
    return text, text


def _number_text(value: float) -> str:
    """``85`` for 85.0, ``99.7`` for 99.7: the shortest text that reads back as the same number."""
    if float(value).is_integer():
        return str(int(value))
    return repr(float(value))


def _evidence_text(value: Any) -> str:
    """Text of a cell that should hold text; a number typed as 12 (not 12.0) stays "12"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.strftime("%d/%m/%Y")
    return clean_text(restore(str(value)))


def _as_date(value: Any) -> dt.date | None:
    """A date cell, or text typed day first (15/03/2025) or in ISO form; anything else is not a date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = clean_text(restore(value))
    for pattern in DATE_PATTERNS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


# --- preview ----------------------------------------------------------------------------------

PREVIEW_COLUMNS = ("id", "name", "old", "new", "points_old", "points_new")


def changes_preview(
    before: Mapping[str, str], after: UnitReturn, compiled: CompiledSet, lang: str = "vi"
) -> pd.DataFrame:
    """One row per leaf whose raw value changed, with its points before and after, in the set's order.

    Shown before anything is saved, so staff confirm each change. Points are "" for an empty cell
    and "không áp dụng" for KAD; an old value that no longer parses says so instead of failing.
    """
    records = []
    for leaf in compiled.columns:
        old, new = clean_text(before.get(leaf.id)), clean_text(after.values.get(leaf.id))
        if old == new:
            continue
        records.append(
            {
                "id": leaf.id,
                "name": leaf.label(lang),
                "old": old,
                "new": new,
                "points_old": _points_of_text(leaf, old, lang),
                "points_new": _points_text(leaf, after.parsed.get(leaf.id) if new else None, lang),
            }
        )
    return pd.DataFrame.from_records(records, columns=list(PREVIEW_COLUMNS))


def preview_headings(lang: str = "vi") -> dict[str, str]:
    """Headings for showing :func:`changes_preview` to staff, keyed like its columns."""
    keys = {
        "id": "workbook.col_id",
        "name": "workbook.col_name",
        "old": "workbook.col_old",
        "new": "workbook.col_new",
        "points_old": "workbook.col_points_old",
        "points_new": "workbook.col_points_new",
    }
    return {column: t(key, lang) for column, key in keys.items()}


def _points_of_text(leaf: m.Leaf, text: str, lang: str) -> float | str:
    if not text:
        return ""
    try:
        parsed = parse_value(text, leaf)
    except CellError:
        return t("workbook.unreadable", lang)
    return _points_text(leaf, None if parsed is BLANK else float(parsed), lang)


def _points_text(leaf: m.Leaf, parsed: float | None, lang: str) -> float | str:
    if parsed is None:
        return ""
    if math.isnan(parsed):
        return t("explain.not_applicable", lang)
    return round(leaf_points(leaf, parsed), 4)
