"""The annex of the decision that publishes the index: the ranking by unit type, as Excel and as A4 PDF.

One table per unit type — rank, unit, points per field, bonus and penalty (when the set has them),
total, index (%), grade — under the heading block of the decision (``config.yaml``), with notes naming
each field, the rule of the index and, for sample data, that the figures are not real. Every number
comes from :class:`~parindex.scoring.Scores`; nothing is recomputed here.
"""

from __future__ import annotations

import io
import math

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from parindex.criteria import model as m
from parindex.files import neutralise
from parindex.i18n import format_number, nfc, t
from parindex.scoring import Scores, round_half_up

from ._pdf import Heading, ReportPDF, place_and_date, to_bytes

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def type_name(code: str, lang: str = "vi") -> str:
    names = m.UNIT_TYPES.get(code, (code, code))
    return names[1] if lang == "en" else names[0]


def _has_extras(scores: Scores) -> tuple[bool, bool]:
    cs = scores.compiled.criteria_set
    return bool(cs.bonus.items), bool(cs.penalty.items)


def annex_tables(scores: Scores, lang: str = "vi") -> dict[str, pd.DataFrame]:
    """The published ranking per unit type, best first; units without an index last with rank 0.

    Columns: rank, unit, field_<id>…, [bonus], [penalty], total, index_pct, grade — numbers as the
    core computed them (points to 2 decimals, the index to the set's decimals).
    """
    table = scores.table(lang)
    rows = np.array(  # every figure below is looked up by the unit (name and type), never by position
        [scores.row_of(unit, kind) for unit, kind in zip(table["unit"], table["unit_type"], strict=True)], dtype=np.intp
    )
    bonus, penalty = _has_extras(scores)
    fields = scores.compiled.criteria_set.fields
    frame = pd.DataFrame({"rank": table["rank"].to_numpy(), "unit": table["unit"].to_numpy()})
    for j, f in enumerate(fields):  # rounded once from the exact points, as on paper (81,475 → 81,48)
        frame[f"field_{f.id}"] = round_half_up(scores.field_points[rows, j], 2)
    if bonus:
        frame["bonus"] = round_half_up(scores.bonus[rows], 2)
    if penalty:
        frame["penalty"] = round_half_up(scores.penalty[rows], 2)
    frame["total"] = round_half_up(scores.total[rows], 2)
    frame["index_pct"] = scores.index[rows]
    frame["grade"] = table["grade"].to_numpy()
    types = table["unit_type"].to_numpy()
    return {str(ut): frame[types == ut].reset_index(drop=True) for ut in dict.fromkeys(types)}


def headings(scores: Scores, lang: str = "vi", long: bool = False) -> list[str]:
    """Column headings of :func:`annex_tables` in ``lang`` (fields as LV1… or "Lĩnh vực 1")."""
    bonus, penalty = _has_extras(scores)
    key = "report.col_field_long" if long else "report.col_field"
    names = [t("report.col_rank", lang), t("report.col_unit", lang)]
    names += [t(key, lang, id=f.id) for f in scores.compiled.criteria_set.fields]
    names += [t("report.col_bonus", lang)] if bonus else []
    names += [t("report.col_penalty", lang)] if penalty else []
    names += [t("report.col_total", lang), t("report.col_index", lang), t("report.col_grade", lang)]
    return names


def annex_notes(scores: Scores, heading: Heading, lang: str = "vi") -> list[str]:
    cs = scores.compiled.criteria_set
    notes = [
        t("report.note_fields", lang, id=f.id, name=f.label(lang), max=format_number(f.max, lang=lang))
        for f in cs.fields
    ]
    notes.append(t("report.note_index", lang, decimals=cs.index_decimals))
    notes.append(t("report.note_set", lang, name=cs.label(lang)))
    if heading.sample:
        notes.append(t("report.note_sample", lang))
    return [nfc(n) for n in notes]


def _cells(frame: pd.DataFrame, decimals: int, lang: str) -> list[list[str]]:
    """The table as text for the PDF, numbers in the language's style."""
    rows = []
    for record in frame.itertuples(index=False):
        values = list(record)
        rank = int(values[0])
        cells = [str(rank) if rank > 0 else "—", str(values[1])]
        for v in values[2:-2]:
            cells.append(format_number(float(v), 2, lang))
        index = float(values[-2])
        cells.append(format_number(index, decimals, lang) if not math.isnan(index) else "—")
        cells.append(str(values[-1]) or "—")
        rows.append(cells)
    return rows


def title_lines(year: int, heading: Heading, lang: str = "vi") -> list[str]:
    return [
        t("report.annex_title", lang),
        t("report.annex_subtitle", lang, year=year),
        t("report.annex_of", lang, number=heading.number_text(), date=heading.date_text(lang), issuer=heading.issuer()),
    ]


def annex_pdf(scores: Scores, year: int, heading: Heading, lang: str = "vi") -> bytes:
    """The annex as an A4 landscape PDF: heading block, one table per unit type, notes, signature."""
    cs = scores.compiled.criteria_set
    sample = t("report.note_sample", lang) if heading.sample else ""
    pdf = ReportPDF(lang, orientation="L", footer_note=sample)
    pdf.add_page()
    pdf.heading_block(heading)
    title, subtitle, annexed = title_lines(year, heading, lang)
    pdf.text_line(title, 13, "B", "C", 6.5)
    pdf.text_line(subtitle, 11.5, "B", "C", 6)
    pdf.text_line(annexed, 10, "I", "C", 5.5)
    pdf.ln(3)
    names = headings(scores, lang)
    n_points = len(names) - 5
    fixed = {"rank": 5.0, "unit": 22.0, "total": 7.0, "index": 7.0, "grade": 9.0}
    each = (100.0 - sum(fixed.values())) / max(n_points, 1)
    widths = [fixed["rank"], fixed["unit"], *[each] * n_points, fixed["total"], fixed["index"], fixed["grade"]]
    align = ["C", "L", *["R"] * n_points, "R", "R", "C"]
    tables = annex_tables(scores, lang)
    for position, (unit_type, frame) in enumerate(tables.items()):
        pdf.section(
            t(
                "report.section_type",
                lang,
                letter=LETTERS[position % 26],
                type_name=type_name(unit_type, lang),
                count=len(frame),
            )
        )
        pdf.grid(names, _cells(frame, cs.index_decimals, lang), widths, align, size=8.5)
    pdf.set_font("DejaVu", "B", 9.5)
    pdf.ln(2)
    pdf.cell(0, 5, t("report.notes", lang), new_x="LMARGIN", new_y="NEXT")
    for note in annex_notes(scores, heading, lang):
        pdf.text_line("- " + note, 9, "", "L", 4.6)
    pdf.signature(heading)
    return to_bytes(pdf)


# -- Excel --------------------------------------------------------------------------------------

THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="E8ECF1")


def _sheet_title(name: str, taken: set[str]) -> str:
    clean = "".join(" " if ch in "[]:*?/\\" else ch for ch in name)[:31].strip() or "Sheet"
    title, k = clean, 2
    while title in taken:
        title = f"{clean[:28]} {k}"
        k += 1
    taken.add(title)
    return title


def annex_xlsx(scores: Scores, year: int, heading: Heading, lang: str = "vi") -> bytes:
    """The annex as a workbook: one sheet per unit type, numbers as numbers, every text cell neutralised."""
    cs = scores.compiled.criteria_set
    names = headings(scores, lang, long=True)
    width = len(names)
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    point_format = "0.00"
    index_format = "0" if cs.index_decimals == 0 else "0." + "0" * cs.index_decimals
    for unit_type, frame in annex_tables(scores, lang).items():
        sheet = workbook.create_sheet(_sheet_title(type_name(unit_type, lang), taken))

        def put(
            row: int,
            column: int,
            value: object,
            bold: bool = False,
            italic: bool = False,
            span: int = 1,
            align: str = "center",
            sheet=sheet,
        ) -> None:
            cell = sheet.cell(row=row, column=column, value=neutralise(nfc(value)) if isinstance(value, str) else value)
            cell.font = Font(name="Times New Roman", bold=bold, italic=italic, size=12 if bold else 11)
            cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
            if span > 1:
                sheet.merge_cells(start_row=row, start_column=column, end_row=row, end_column=column + span - 1)

        left = max(2, width // 3)
        right_start = left + 1
        right = width - left
        put(1, 1, nfc(heading.authority).upper(), span=left)
        put(2, 1, nfc(heading.province).upper(), bold=True, span=left)
        put(3, 1, t("report.number", lang, number=heading.number_text()), span=left)
        put(1, right_start, t("report.nation", lang), bold=True, span=right)
        put(2, right_start, t("report.motto", lang), bold=True, span=right)
        put(3, right_start, place_and_date(heading, lang), italic=True, span=right)
        title, subtitle, annexed = title_lines(year, heading, lang)
        put(5, 1, title, bold=True, span=width)
        put(6, 1, subtitle, bold=True, span=width)
        put(7, 1, annexed, italic=True, span=width)
        section = t("report.section_type", lang, letter="A", type_name=type_name(unit_type, lang), count=len(frame))
        put(9, 1, section.removeprefix("A. "), bold=True, span=width, align="left")
        head_row = 10
        for j, name in enumerate(names, start=1):
            put(head_row, j, name, bold=True)
            sheet.cell(row=head_row, column=j).fill = HEAD_FILL
            sheet.cell(row=head_row, column=j).border = BOX
        for i, record in enumerate(frame.itertuples(index=False), start=head_row + 1):
            values = list(record)
            for j, value in enumerate(values, start=1):
                if j == 1:
                    value = int(value) if int(value) > 0 else "—"
                elif j == len(values) - 1:
                    value = None if math.isnan(float(value)) else float(value)
                elif 2 < j < len(values) - 1:
                    value = float(value)
                cell = sheet.cell(row=i, column=j, value=neutralise(nfc(value)) if isinstance(value, str) else value)
                cell.border = BOX
                cell.font = Font(name="Times New Roman", size=11)
                if j == len(values) - 1:
                    cell.number_format = index_format
                elif 2 < j < len(values) - 1:
                    cell.number_format = point_format
                cell.alignment = Alignment(
                    horizontal="left" if j == 2 else "center", vertical="center", wrap_text=j == 2
                )
        row = head_row + len(frame) + 2
        put(row, 1, t("report.notes", lang), bold=True, span=width, align="left")
        for note in annex_notes(scores, heading, lang):
            row += 1
            put(row, 1, "- " + note, span=width, align="left")
        row += 2
        signer = [
            t("report.on_behalf", lang, authority=nfc(heading.authority).upper()),
            nfc(heading.signer_title),
            t("report.signature_hint", lang),
        ]
        for k, text in enumerate(x for x in signer if x):
            put(row + k, right_start, text, bold=k < 2, italic=k == 2, span=right)
        sheet.column_dimensions["A"].width = 7
        sheet.column_dimensions["B"].width = 34
        for j in range(3, width + 1):
            sheet.column_dimensions[get_column_letter(j)].width = 11
        sheet.row_dimensions[head_row].height = 32
        sheet.freeze_panes = sheet.cell(row=head_row + 1, column=3)
        sheet.print_title_rows = f"{head_row}:{head_row}"
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
