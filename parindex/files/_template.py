"""The Excel values template that staff fill in and upload back.

A template that a user cannot get wrong is cheaper than a list of import problems, so the workbook
carries its own help: the values sheet has exactly the headers :func:`parindex.scoring.parse_table`
accepts, in words (``Đơn vị``, ``1.1.1 Tỷ lệ hồ sơ…``: the reader takes the id a value column's heading
starts with), and nothing else, since every row after the header is read as a unit; drop-down lists and
number checks on the value columns, the criterion's name in each header's comment, a guide sheet
with the rule and what to type for every column, and an example sheet that is itself a valid values
file. Sheet headings and help are in the chosen language; criterion ids and level labels stay as
the reader expects them.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from parindex.criteria import CompiledSet, describe_rule, input_hint, kind_of
from parindex.criteria import model as m
from parindex.i18n import check_language, format_number, t
from parindex.scoring import column_heading

from ._export import neutralise

VALUES_SHEET = "Số liệu"  # never translated: the reader looks for this title
FIXED_HEADERS = ("unit", "unit_type", "year")  # the codes of the first columns; headed in words
MIN_VALIDATED_ROWS = 200  # rows below the units that still get drop-downs, for units typed later
NOT_APPLICABLE = "KAD"
INLINE_LIST_LIMIT = 255  # Excel refuses longer inline lists
PART_FILLS = {
    m.APPRAISAL: PatternFill("solid", fgColor="DDEBF7"),
    m.SURVEY_PART: PatternFill("solid", fgColor="E2EFDA"),
    m.BONUS: PatternFill("solid", fgColor="FFF2CC"),
    m.PENALTY: PatternFill("solid", fgColor="FCE4D6"),
}
FIXED_FILL = PatternFill("solid", fgColor="D9D9D9")
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
HEADER_HEIGHT = 64  # points: a sub-criterion's name wraps over up to four lines of the header


def build_template(
    compiled: CompiledSet, lang: str = "vi", units: list[tuple[str, str]] | None = None, example: bool = True
) -> bytes:
    """An .xlsx for ``compiled``: the values sheet (first, titled "Số liệu"), a guide and an example.

    ``units`` are (name, unit_type) pairs written one per row with their values left empty, so a
    province can hand each department a file that already names it. With ``example`` the guide gets
    an example value per column and a sheet "Ví dụ" holds one unit filled with those values.
    """
    lang = check_language(lang)
    units = list(units or [])
    workbook = Workbook()
    values = workbook.active
    values.title = VALUES_SHEET
    _write_values_header(values, compiled, lang)
    _write_units(values, units)
    _write_guide(workbook.create_sheet(_sheet_title(t("template.sheet_guide", lang))), compiled, lang, example)
    if example:
        sheet = workbook.create_sheet(_sheet_title(t("template.sheet_example", lang)))
        _write_values_header(sheet, compiled, lang)
        _write_example_row(sheet, compiled, lang)
    # Last, because a long drop-down list may need the hidden lists sheet at the end of the workbook.
    last_row = 2 + max(len(units), MIN_VALIDATED_ROWS)
    _add_validations(values, compiled, lang, last_row, _Lists(workbook, lang))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def example_value(leaf: m.Leaf, lang: str = "vi") -> str:
    """A value for ``leaf`` typed the way staff type it, which the reader accepts.

    Numbers follow ``lang``'s style (the reader takes both); levels and yes/no stay Vietnamese,
    because the drop-down lists offer the Vietnamese labels.
    """
    kind = kind_of(leaf.rule)
    example = kind.example(leaf, lang)
    return str(neutralise(example)) if kind.text_cell(leaf.rule) else example


def _sheet_title(text: str) -> str:
    """Excel caps sheet titles at 31 characters."""
    return text[:31]


def _part_text(part: str, lang: str) -> str:
    return t(f"template.part_{part}", lang)


def _unit_type_options(compiled: CompiledSet, lang: str) -> str:
    names = {code: m.UNIT_TYPES.get(code, (code, code)) for code in compiled.criteria_set.unit_types}
    return ", ".join(f"{code} ({names[code][1 if lang == 'en' else 0]})" for code in names)


# --- the values sheet -------------------------------------------------------------------------


def _fixed_comments(compiled: CompiledSet, lang: str) -> list[str]:
    """Comments for the unit, unit type and year headers: the same help as the guide's first rows."""
    return [f"{row.name}\n{row.hint}" for row in _fixed_guide_rows(compiled, lang)]


def _write_values_header(sheet: Worksheet, compiled: CompiledSet, lang: str) -> None:
    """Row 1 only: headings in words (a value column's starts with its id), help in comments, so the sheet
    stays a valid values file."""
    for position, (code, text) in enumerate(zip(FIXED_HEADERS, _fixed_comments(compiled, lang), strict=True), 1):
        _header_cell(sheet, position, column_heading(code, compiled, lang), text, FIXED_FILL)
    sheet.column_dimensions["A"].width = 36
    sheet.column_dimensions["B"].width = 14
    sheet.column_dimensions["C"].width = 8
    for position, leaf in enumerate(compiled.columns, len(FIXED_HEADERS) + 1):
        heading = column_heading(leaf.id, compiled, lang)
        _header_cell(sheet, position, heading, _leaf_comment(leaf, lang), PART_FILLS.get(leaf.part, FIXED_FILL))
        sheet.column_dimensions[get_column_letter(position)].width = max(24, len(leaf.id) + 4)
    sheet.row_dimensions[1].height = HEADER_HEIGHT
    sheet.freeze_panes = "B2"  # header row and unit names stay in view


def _header_cell(sheet: Worksheet, column: int, header: str, comment: str, fill: PatternFill) -> None:
    cell = sheet.cell(row=1, column=column, value=neutralise(header))
    cell.font = BOLD
    cell.fill = fill
    cell.alignment = WRAP
    note = Comment(comment, "parindex")
    note.width, note.height = 320, 140
    cell.comment = note


def _leaf_comment(leaf: m.Leaf, lang: str) -> str:
    return t(
        "template.comment", lang, id=leaf.id, name=leaf.label(lang), max=float(leaf.max), hint=input_hint(leaf, lang)
    )


def _write_units(sheet: Worksheet, units: list[tuple[str, str]]) -> None:
    for row, (name, unit_type) in enumerate(units, 2):
        sheet.cell(row=row, column=1, value=neutralise(name))
        sheet.cell(row=row, column=2, value=neutralise(unit_type))


def _write_example_row(sheet: Worksheet, compiled: CompiledSet, lang: str) -> None:
    """One complete unit, so the example sheet saved on its own is a file the reader accepts."""
    for column, row_value in enumerate(_fixed_guide_rows(compiled, lang), 1):
        sheet.cell(row=2, column=column, value=row_value.example)
    for column, leaf in enumerate(compiled.columns, len(FIXED_HEADERS) + 1):
        sheet.cell(row=2, column=column, value=example_value(leaf, lang))


# --- drop-down lists and number checks --------------------------------------------------------


@dataclass(frozen=True)
class _Check:
    """What a column's data validation tests; ``kind`` is openpyxl's validation type."""

    kind: str | None  # "list", "decimal", "whole" or None (only an input prompt)
    formula1: str | None = None
    formula2: str | None = None
    operator: str | None = None
    error: str = ""


class _Lists:
    """Drop-down options that cannot be written inline (a comma in a label, or too long).

    Excel splits an inline list at commas, and several shipped level labels contain one
    ("Thực hiện đầy đủ, kịp thời"), so such lists go to a hidden sheet, one column per list.
    """

    def __init__(self, workbook: Workbook, lang: str):
        self.workbook = workbook
        self.lang = lang
        self.sheet: Worksheet | None = None
        self.used = 0  # columns of the hidden sheet already holding a list

    def formula(self, options: list[str]) -> str:
        inline = ",".join(options)
        if len(inline) <= INLINE_LIST_LIMIT and not any("," in o or '"' in o for o in options):
            return f'"{inline}"'
        if self.sheet is None:
            self.sheet = self.workbook.create_sheet(_sheet_title(t("template.sheet_lists", self.lang)))
            self.sheet.sheet_state = "hidden"
        self.used += 1
        column = self.used
        for row, option in enumerate(options, 1):
            self.sheet.cell(row=row, column=column, value=option)
        letter = get_column_letter(column)
        return f"{quote_sheetname(self.sheet.title)}!${letter}$1:${letter}${len(options)}"


def _list_check(options: list[str], lists: _Lists, lang: str) -> _Check:
    return _Check("list", lists.formula(options), error=t("template.invalid_list", lang))


def _options(leaf: m.Leaf, labels: list[str]) -> list[str]:
    return [str(neutralise(label)) for label in labels] + ([NOT_APPLICABLE] if leaf.na_allowed else [])


def _check_for(leaf: m.Leaf, lists: _Lists, lang: str) -> _Check:
    """The validation that fits ``leaf``'s rule; ratio and plain-number columns only get a prompt."""
    check = kind_of(leaf.rule).input_check(leaf)
    if check.kind == "list":
        return _list_check(_options(leaf, list(check.options)), lists, lang)
    if check.kind == "range":
        return _range_check(check.low, check.high, lang)
    if check.kind == "whole":
        return _Check("whole", "0", operator="greaterThanOrEqual", error=t("template.invalid_whole", lang))
    return _Check(None)


def _range_check(low: float, high: float, lang: str) -> _Check:
    return _Check(
        "decimal",
        _formula_number(low),
        _formula_number(high),
        "between",
        t("template.invalid_range", lang, low=format_number(low, lang=lang), high=format_number(high, lang=lang)),
    )


def _formula_number(value: float) -> str:
    """Numbers inside validation formulas are stored with a dot whatever Excel's locale."""
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _add_validations(sheet: Worksheet, compiled: CompiledSet, lang: str, last_row: int, lists: _Lists) -> None:
    """One validation per column, in "warning" style so KAD or another accepted spelling can still be kept."""
    types = list(compiled.criteria_set.unit_types)
    _validate(sheet, 2, last_row, _list_check(types, lists, lang), lang, "", "")
    for column, leaf in enumerate(compiled.columns, len(FIXED_HEADERS) + 1):
        _validate(sheet, column, last_row, _check_for(leaf, lists, lang), lang, leaf.id, input_hint(leaf, lang))
        if leaf.rule.measure == "ratio":
            _keep_as_text(sheet, column, last_row)


def _validate(sheet: Worksheet, column: int, last_row: int, check: _Check, lang: str, title: str, prompt: str) -> None:
    """Attach ``check`` to rows 2..``last_row`` of ``column``, with ``prompt`` shown when a cell is selected."""
    letter = get_column_letter(column)
    _add_validation(sheet, f"{letter}2:{letter}{last_row}", check, lang, title, prompt, show_prompt=bool(prompt))


def _add_validation(
    sheet: Worksheet, cells: str, check: _Check, lang: str, title: str, prompt: str, show_prompt: bool
) -> None:
    """Attach ``check`` to the range ``cells``: warning style, so KAD or another accepted spelling can be kept.

    The template's columns and the single values of a unit's workbook carry the same check.
    """
    validation = DataValidation(
        type=check.kind,
        formula1=check.formula1,
        formula2=check.formula2,
        operator=check.operator,
        allow_blank=True,
        showErrorMessage=check.kind is not None,
        errorStyle="warning",
        errorTitle=t("template.invalid_title", lang)[:32],
        error=check.error[:255],
        showInputMessage=show_prompt,
        promptTitle=title[:32],
        prompt=prompt[:255],
    )
    validation.add(cells)
    sheet.add_data_validation(validation)


def _keep_as_text(sheet: Worksheet, column: int, last_row: int) -> None:
    """Excel turns "3/4" into a date; text format keeps a typed ratio as the reader needs it."""
    for row in range(2, last_row + 1):
        sheet.cell(row=row, column=column).number_format = "@"


# --- the guide sheet --------------------------------------------------------------------------


@dataclass(frozen=True)
class _GuideRow:
    id: str
    name: str
    part: str
    max: float | None
    rule: str
    hint: str
    evidence: str
    example: str | int


def _fixed_guide_rows(compiled: CompiledSet, lang: str) -> list[_GuideRow]:
    """Rows explaining the unit, unit type and year columns."""
    cs = compiled.criteria_set
    year = cs.years[-1] if cs.years else dt.date.today().year
    return [
        _GuideRow(
            column_heading("unit", compiled, lang),
            t("template.unit_name", lang),
            "",
            None,
            "",
            t("template.unit_hint", lang),
            "",
            t("template.example_unit", lang),
        ),
        _GuideRow(
            column_heading("unit_type", compiled, lang),
            t("template.type_name", lang),
            "",
            None,
            "",
            t("template.type_hint", lang, options=_unit_type_options(compiled, lang)),
            "",
            cs.unit_types[0],
        ),
        _GuideRow(
            column_heading("year", compiled, lang),
            t("template.year_name", lang),
            "",
            None,
            "",
            t("template.year_hint", lang, year=str(year)),
            "",
            year,
        ),
    ]


def _leaf_guide_row(leaf: m.Leaf, lang: str) -> _GuideRow:
    return _GuideRow(
        leaf.id,
        leaf.label(lang),
        _part_text(leaf.part, lang),
        float(leaf.max),
        describe_rule(leaf, lang),
        input_hint(leaf, lang),
        leaf.evidence or "",
        example_value(leaf, lang),
    )


def _heading_lines(compiled: CompiledSet, lang: str, example: bool) -> list[str]:
    """The block above the guide table: which set, which decision, and the rules of the file."""
    cs = compiled.criteria_set
    years = ", ".join(str(y) for y in cs.years) or "—"
    lines = [
        t("template.title", lang, name=cs.label(lang)),
        t("template.decision", lang, decision=cs.decision),
        t("template.scope", lang, years=years, types=_unit_type_options(compiled, lang), max=float(cs.max_points)),
        t("template.keep_header", lang, sheet=VALUES_SHEET),
        t("template.kad", lang),
    ]
    if cs.bonus.items or cs.penalty.items:
        lines.append(t("template.blank_extra", lang))
    if cs.without_survey == "rescale" and cs.survey_max > 0:
        lines.append(t("template.blank_survey", lang))
    if example:
        lines.append(t("template.example_note", lang, sheet=_sheet_title(t("template.sheet_example", lang))))
    return lines


def _guide_headings(lang: str, example: bool) -> list[str]:
    keys = [
        "col.id",
        "col.name",
        "template.col_part",
        "col.max",
        "col.rule",
        "template.col_input",
        "template.col_evidence",
    ] + (["template.col_example"] if example else [])
    return [t(key, lang) for key in keys]


GUIDE_WIDTHS = (12, 48, 14, 8, 48, 36, 40, 20)


def _write_guide(sheet: Worksheet, compiled: CompiledSet, lang: str, example: bool) -> None:
    """Heading block, then one row per column of the values sheet."""
    lines = _heading_lines(compiled, lang, example)
    for row, line in enumerate(lines, 1):
        sheet.cell(row=row, column=1, value=neutralise(line))
    sheet["A1"].font = Font(bold=True, size=14)
    header_row = len(lines) + 2
    for column, heading in enumerate(_guide_headings(lang, example), 1):
        cell = sheet.cell(row=header_row, column=column, value=heading)
        cell.font = BOLD
        cell.fill = FIXED_FILL
    rows = _fixed_guide_rows(compiled, lang) + [_leaf_guide_row(leaf, lang) for leaf in compiled.columns]
    for row, guide_row in enumerate(rows, header_row + 1):
        _write_guide_row(sheet, row, guide_row, example)
    for column, width in enumerate(GUIDE_WIDTHS[: len(_guide_headings(lang, example))], 1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)


def _write_guide_row(sheet: Worksheet, row: int, guide_row: _GuideRow, example: bool) -> None:
    texts = [
        guide_row.id,
        guide_row.name,
        guide_row.part,
        guide_row.max,
        guide_row.rule,
        guide_row.hint,
        guide_row.evidence,
    ] + ([guide_row.example] if example else [])
    for column, value in enumerate(texts, 1):
        cell = sheet.cell(row=row, column=column, value=neutralise(value))
        cell.alignment = WRAP
