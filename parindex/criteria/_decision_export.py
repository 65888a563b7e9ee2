"""A criteria set as the decision's appendix table, in Word (.docx) and Excel (.xlsx).

The officer attaches the table to the draft decision: STT (I, 1, 1.1), the names, the maximum
points and the scoring guidance in words, and the evidence. The guidance is the leaf's own words
when they read back to its rule, otherwise the canonical phrase of :func:`parindex.criteria.guidance_words`,
so importing the export (:mod:`parindex.criteria`) gives back the same structure, maxima and
rules. What a decision's table does not show (English names, sources, hints, grades) travels in a
hidden block — the document's comments, a hidden sheet — and fills the set back in on import.
"""

from __future__ import annotations

import io
from typing import Any

import yaml

from . import model as m
from ._decision_table import META_MARK, META_NAMESPACE
from ._guidance import guidance_words, parse_guidance
from ._loader import rule_from_mapping
from .kinds import kind_of
from .kinds._words import vn_text

HEADINGS = (
    "STT",
    "Lĩnh vực, tiêu chí, tiêu chí thành phần",
    "Điểm tối đa",
    "Hướng dẫn chấm điểm",
    "Tài liệu kiểm chứng",
)
ROMAN = (
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
    "XVIII",
    "XIX",
    "XX",
)
CELL_LIMIT = 30_000
SECTION_NAMES = {m.BONUS: "Điểm thưởng", m.PENALTY: "Điểm trừ"}


def roman(n: int) -> str:
    return ROMAN[n - 1] if 1 <= n <= len(ROMAN) else str(n)


def rule_signature(rule: m.Rule, max_points: float) -> tuple:
    """What scores: kind and parameters, rounded so that 0,6667 × 1,5 read back compares equal."""

    def r(x: float | None) -> float | None:
        return None if x is None else round(float(x), 6)

    return (
        rule.kind,
        rule.measure,
        rule.higher_is_better if kind_of(rule).directed else None,
        tuple((r(b.threshold), r(b.share)) for b in rule.bands),
        tuple((lv.label, r(lv.share)) for lv in rule.levels),
        r(rule.zero_at),
        r(rule.full_at),
        r(rule.per_item),
        r(rule.cap),
        r(rule.per_violation),
        r(rule.floor),
        rule.zero_denominator if rule.measure == "ratio" else None,
    )


def words_for(leaf: m.Leaf) -> str:
    """The leaf's own guidance if it reads back to its rule, else the canonical phrase."""
    if leaf.guidance:
        section = leaf.part if leaf.part in (m.BONUS, m.PENALTY) else m.APPRAISAL
        parsed = parse_guidance(leaf.guidance, leaf.max, section)
        rule, problems = rule_from_mapping(parsed.rule, leaf.max, section)
        if parsed.exact and not problems and rule_signature(rule, leaf.max) == rule_signature(leaf.rule, leaf.max):
            return leaf.guidance
    return guidance_words(leaf)


def appendix_rows(cs: m.CriteriaSet) -> list[dict[str, Any]]:
    """The table's rows, in order: number, name, max, guidance, evidence, and whether the row is a heading."""
    rows: list[dict[str, Any]] = []
    for i, field in enumerate(cs.fields, start=1):
        rows.append(_row(roman(i), field.name, field.max, bold=True))
        for j, criterion in enumerate(field.criteria, start=1):
            if criterion.is_leaf:
                leaf = criterion.leaves[0]
                rows.append(_row(str(j), criterion.name, criterion.max, words_for(leaf), leaf.evidence, bold=True))
                continue
            rows.append(_row(str(j), criterion.name, criterion.max, bold=True))
            for k, leaf in enumerate(criterion.leaves, start=1):
                rows.append(_row(f"{j}.{k}", leaf.name, leaf.max, words_for(leaf), leaf.evidence))
    rows.append(_row("", "Tổng cộng", cs.max_points, bold=True))
    for section, extra in ((m.BONUS, cs.bonus), (m.PENALTY, cs.penalty)):
        if extra.items:
            rows.append(_row("", SECTION_NAMES[section], extra.cap, bold=True))
            for k, leaf in enumerate(extra.items, start=1):
                rows.append(_row(str(k), leaf.name, leaf.max, words_for(leaf), leaf.evidence))
    return rows


def _row(number, name, maximum, guidance="", evidence=None, bold=False) -> dict[str, Any]:
    return {
        "number": number,
        "name": name,
        "max": maximum,
        "guidance": guidance,
        "evidence": evidence or "",
        "bold": bold,
    }


def _source(source: m.Source) -> Any:
    if source.reconstructed:
        return "reconstructed"
    return {
        k: v
        for k, v in (("decision", source.decision), ("table", source.table), ("item", source.item), ("ref", source.ref))
        if v
    }


def metadata(cs: m.CriteriaSet) -> str:
    """The hidden block: the set's header and, per item, what the table's columns do not carry."""
    head: dict[str, Any] = {
        "id": cs.id,
        "name": cs.name,
        "decision": cs.decision,
        "years": list(cs.years),
        "unit_types": list(cs.unit_types),
        "ties": cs.ties,
        "index_decimals": cs.index_decimals,
        "without_survey": cs.without_survey,
        "grades": [{"label": g.label, "label_en": g.label_en, "min": g.min_index} for g in cs.grades],
    }
    if cs.name_en:
        head["name_en"] = cs.name_en
    if cs.description:
        head["description"] = cs.description
    nodes: dict[str, Any] = {}
    for field in cs.fields:
        nodes[field.id] = _extras(field)
        for criterion in field.criteria:
            nodes[criterion.id] = _extras(criterion)
            for leaf in criterion.leaves:
                nodes[leaf.id] = {**nodes.get(leaf.id, {}), **_extras(leaf), **_leaf_extras(leaf)}
    for leaf in cs.bonus.items + cs.penalty.items:
        nodes[leaf.id] = {**_extras(leaf), **_leaf_extras(leaf)}
    return META_MARK + "\n" + yaml.safe_dump({"set": head, "nodes": nodes}, allow_unicode=True, sort_keys=False)


def _extras(node) -> dict[str, Any]:
    out: dict[str, Any] = {"source": _source(node.source)}
    if node.name_en:
        out["name_en"] = node.name_en
    return out


def _leaf_extras(leaf: m.Leaf) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if leaf.hint:
        out["hint"] = leaf.hint
    if not leaf.na_allowed:
        out["not_applicable"] = False
    if not leaf.plannable:
        out["plannable"] = False
    rule: dict[str, Any] = {"kind": leaf.rule.kind}
    if leaf.rule.unit:
        rule["unit"] = leaf.rule.unit
    english = {lv.label: lv.label_en for lv in leaf.rule.levels if lv.label_en}
    if english:
        rule["label_en"] = english
    out["rule"] = rule
    return out


def _title(cs: m.CriteriaSet) -> tuple[str, str, str]:
    return "PHỤ LỤC", cs.name.upper(), f"(Kèm theo {cs.decision})"


def export_docx(cs: m.CriteriaSet) -> bytes:
    """The appendix as a Word document: a title, then one table (A4 landscape)."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(1.5))
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(11)
    for i, line in enumerate(_title(cs)):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(line)
        run.bold, run.italic = i < 2, i == 2
    table = document.add_table(rows=1, cols=len(HEADINGS))
    table.style = "Table Grid"
    for cell, heading in zip(table.rows[0].cells, HEADINGS, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(heading).bold = True
    widths = (Cm(1.3), Cm(8.0), Cm(2.0), Cm(10.5), Cm(5.0))
    for row in appendix_rows(cs):
        cells = table.add_row().cells
        values = (row["number"], row["name"], vn_text(row["max"]), row["guidance"], row["evidence"])
        for cell, value, width in zip(cells, values, widths, strict=True):
            cell.width = width
            lines = str(value).split("\n")
            paragraph = cell.paragraphs[0]
            for n, line in enumerate(lines):
                if n:
                    paragraph = cell.add_paragraph()
                run = paragraph.add_run(line)
                run.bold = row["bold"] and value is not row["guidance"]
    document.core_properties.title = cs.name
    _attach_metadata(document, metadata(cs))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _attach_metadata(document, text: str) -> None:
    """The hidden block as a custom XML part of the document (Word keeps such parts and never shows them)."""
    from xml.sax.saxutils import escape

    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    xml = f'<?xml version="1.0" encoding="UTF-8"?><criteria-set xmlns="{META_NAMESPACE}">{escape(text)}</criteria-set>'
    part = Part(
        PackURI("/customXml/parindex-criteria-set.xml"), "application/xml", xml.encode("utf-8"), document.part.package
    )
    document.part.relate_to(part, RELATIONSHIP_TYPE.CUSTOM_XML)


def export_xlsx(cs: m.CriteriaSet) -> bytes:
    """The appendix as an Excel sheet: title rows, the header, then the table; the hidden block on a hidden sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    book = Workbook()
    sheet = book.active
    sheet.title = "Phụ lục"
    for i, line in enumerate(_title(cs), start=1):
        sheet.cell(row=i, column=1, value=line).font = Font(bold=i < 3, italic=i == 3)
        sheet.merge_cells(start_row=i, start_column=1, end_row=i, end_column=len(HEADINGS))
        sheet.cell(row=i, column=1).alignment = Alignment(horizontal="center")
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_row = 5
    for col, heading in enumerate(HEADINGS, start=1):
        cell = sheet.cell(row=header_row, column=col, value=heading)
        cell.font, cell.border = Font(bold=True), border
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for r, row in enumerate(appendix_rows(cs), start=header_row + 1):
        values = (row["number"], row["name"], float(row["max"]), row["guidance"], row["evidence"])
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(row=r, column=col, value=value if value != "" else None)
            cell.border = border
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if row["bold"] and col in (1, 2, 3):
                cell.font = Font(bold=True)
        sheet.cell(row=r, column=3).number_format = "0.###"
    for col, width in zip("ABCDE", (7, 45, 10, 60, 30), strict=True):
        sheet.column_dimensions[col].width = width
    hidden = book.create_sheet(META_MARK)
    text = metadata(cs)
    for i in range(0, len(text), CELL_LIMIT):  # a cell holds at most 32 767 characters
        hidden.cell(row=i // CELL_LIMIT + 1, column=1, value=text[i : i + CELL_LIMIT])
    hidden.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_appendix(cs: m.CriteriaSet, suffix: str) -> bytes:
    """``.docx`` or ``.xlsx`` bytes of the appendix."""
    return export_docx(cs) if suffix.lower().lstrip(".") == "docx" else export_xlsx(cs)
