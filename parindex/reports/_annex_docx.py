"""The decision's annex as a Word document (.docx): the format offices edit, number and sign.

The same content as the Excel and PDF annex (:mod:`parindex.reports`) — heading block, title,
one table per unit type, notes, signature — built from the same :func:`annex_tables`, so every figure
is the core's figure for that unit. Numbers are written as text in the language's style (86,84), as a
typed document shows them; A4 landscape, Times New Roman as in administrative documents (Nghị định
30/2020/NĐ-CP), the reader's Word supplies the font.
"""

from __future__ import annotations

import io
import math

import pandas as pd
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell

from parindex.i18n import format_number, nfc, t
from parindex.scoring import Scores

from ._annex import LETTERS, annex_notes, annex_tables, headings, title_lines, type_name
from ._pdf import Heading, place_and_date

FONT = "Times New Roman"
CENTER, LEFT, RIGHT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT


def _write(cell_or_doc, text: str, size: float = 12, bold: bool = False, italic: bool = False, align=CENTER) -> None:
    """One paragraph of ``text`` (NFC) in the document's font, into a cell or the body."""
    paragraph = cell_or_doc.add_paragraph() if not isinstance(cell_or_doc, _Cell) else cell_or_doc.paragraphs[0]
    if isinstance(cell_or_doc, _Cell) and paragraph.text:
        paragraph = cell_or_doc.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(nfc(text))
    run.font.name, run.font.size, run.bold, run.italic = FONT, Pt(size), bold, italic
    run._element.rPr.rFonts.set(qn("w:eastAsia"), FONT)  # Word picks the east-Asian slot for some letters


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _repeat_header(row) -> None:
    """The table's heading row is printed again on every page."""
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def _heading_block(document, heading: Heading, lang: str) -> None:
    """Issuer on the left, the national motto on the right, as on the first page of a decision."""
    block = document.add_table(rows=1, cols=2)
    _no_borders(block)
    left, right = block.rows[0].cells
    _write(left, nfc(heading.authority).upper(), 12)
    _write(left, nfc(heading.province).upper(), 12, bold=True)
    _write(left, t("report.number", lang, number=heading.number_text()), 12)
    _write(right, t("report.nation", lang), 12, bold=True)
    _write(right, t("report.motto", lang), 12, bold=True)
    _write(right, place_and_date(heading, lang), 12, italic=True)


def annex_cells(frame: pd.DataFrame, decimals: int, lang: str) -> list[list[str]]:
    """The rows of one annex table as the document shows them: rank, unit, points, index, grade."""
    rows = []
    for record in frame.itertuples(index=False):
        values = list(record)
        rank = int(values[0])
        cells = [str(rank) if rank > 0 else "—", nfc(str(values[1]))]
        cells += [format_number(float(v), 2, lang) for v in values[2:-2]]
        index = float(values[-2])
        cells.append(format_number(index, decimals, lang) if not math.isnan(index) else "—")
        cells.append(str(values[-1]) or "—")
        rows.append(cells)
    return rows


def annex_docx(scores: Scores, year: int, heading: Heading, lang: str = "vi") -> bytes:
    """The annex as a .docx: heading block, title, one table per unit type, notes and the signature block."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.0))
    section.top_margin = section.bottom_margin = Cm(1.5)
    if heading.sample:
        _write(section.footer, t("report.note_sample", lang), 9, italic=True)

    _heading_block(document, heading, lang)
    title, subtitle, annexed = title_lines(year, heading, lang)
    _write(document, "", 6)
    _write(document, title, 14, bold=True)
    _write(document, subtitle, 13, bold=True)
    _write(document, annexed, 12, italic=True)
    names = headings(scores, lang)
    decimals = scores.compiled.criteria_set.index_decimals
    for position, (unit_type, frame) in enumerate(annex_tables(scores, lang).items()):
        _write(document, "", 6)
        letter = LETTERS[position % 26]
        caption = t("report.section_type", lang, letter=letter, type_name=type_name(unit_type, lang), count=len(frame))
        _write(document, caption, 12, bold=True, align=LEFT)
        table = document.add_table(rows=1, cols=len(names))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _repeat_header(table.rows[0])
        for cell, name in zip(table.rows[0].cells, names, strict=True):
            _write(cell, name, 10, bold=True)
        for values in annex_cells(frame, decimals, lang):
            cells = table.add_row().cells
            for j, (cell, text) in enumerate(zip(cells, values, strict=True)):
                _write(cell, text, 10, align=LEFT if j == 1 else (CENTER if j in (0, len(values) - 1) else RIGHT))
        for row in table.rows:
            row.cells[1].width = Cm(6.5)
    _write(document, "", 6)
    _write(document, t("report.notes", lang), 11, bold=True, align=LEFT)
    for note in annex_notes(scores, heading, lang):
        _write(document, "- " + note, 11, align=LEFT)
    _write(document, "", 6)
    signature = document.add_table(rows=1, cols=2)
    _no_borders(signature)
    right = signature.rows[0].cells[1]
    _write(right, t("report.on_behalf", lang, authority=nfc(heading.authority).upper()), 12, bold=True)
    if heading.signer_title:
        _write(right, nfc(heading.signer_title), 12, bold=True)
    _write(right, t("report.signature_hint", lang), 11, italic=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
