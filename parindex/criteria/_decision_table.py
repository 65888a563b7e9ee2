"""Read the appendix table of a province's decision (.xlsx or .docx) into a draft criteria set.

The table has a number column (STT), the name of each field / criterion / sub-criterion, its
maximum points and, usually, the scoring guidance in words. The hierarchy comes from the numbering:
whichever style appears first (I, II… or 1, 2… or 1.1…) is a field, the next new style a criterion,
the next a sub-criterion; a bold row without a number is a heading of its own style. Rows without a
number continue the row above (a cell split over two table rows). "Điểm thưởng" / "Điểm trừ" rows
open the bonus and penalty sections; a "Tổng" row states the total.

Nothing is fixed silently: a maximum that is not the sum of the maxima under it is reported on its
row, and guidance the grammar cannot read becomes a ``manual`` rule flagged for review
(:mod:`parindex.criteria`). :func:`draft_yaml` writes the reviewed draft as criteria-set YAML, which
the loader then checks like any hand-written file.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from parindex.errors import InputError, Problem
from parindex.i18n import nfc
from parindex.inputs import check_xlsx, check_yaml, check_zip

from . import model as m
from ._guidance import NUMBER, Parsed, parse_guidance, vn_number
from ._loader import SUM_TOLERANCE, rule_from_mapping
from .kinds import kind_of
from .kinds._words import vn_text

FIELD, CRITERION, LEAF, SECTION, ITEM, TOTAL = "field", "criterion", "leaf", "section", "item", "total"
MAX_ROWS = 2000
DEFAULT_GRADES = (
    ("Xuất sắc", "Excellent", 90),
    ("Tốt", "Good", 80),
    ("Khá", "Fair", 70),
    ("Trung bình", "Average", 50),
    ("Yếu", "Poor", 0),
)
META_MARK = "parindex-criteria-set"  # the exported file's hidden block: what the table does not show
META_NAMESPACE = "urn:parindex:criteria-set"


@dataclass
class TableRow:
    """One row of the appendix as read: its row number in the table and its cells as text."""

    row: int
    number: str
    name: str
    max_text: str
    guidance: str
    evidence: str = ""
    bold: bool = False


@dataclass
class DraftRow:
    """A row placed in the tree: its kind, its id in the set, and what was read or corrected."""

    row: int
    kind: str  # field, criterion, leaf, section, item, total
    id: str
    number: str
    name: str
    max: float | None
    guidance: str = ""
    evidence: str = ""
    section: str = m.APPRAISAL  # appraisal, bonus or penalty
    parent: str | None = None
    scored: bool = False  # a leaf, an item, or a criterion without sub-criteria

    @property
    def part(self) -> str:
        return self.section


@dataclass
class Draft:
    """The table as a draft set: rows in order, problems on rows, and what the file's metadata said."""

    filename: str
    rows: list[DraftRow]
    problems: list[Problem] = field(default_factory=list)
    meta: dict = field(default_factory=dict)

    def parsed(self, row: DraftRow) -> Parsed:
        return parse_guidance(row.guidance, row.max or 0.0, row.section)


# -- reading the file ---------------------------------------------------------------------------------
def read_rows(data: bytes, filename: str) -> tuple[list[TableRow], dict]:
    """The table rows under the header, and the hidden metadata block if the file carries one.

    Word: the first table with a header row, continued by the tables of the same width after it (a long
    appendix is often split by page, the header repeated or not); rows are numbered across them. Excel:
    the first sheet with a header row."""
    suffix = Path(filename).suffix.lower()
    if suffix not in (".xlsx", ".docx"):
        raise InputError([Problem("decision_bad_type", file=filename)])
    try:  # the limits first, from the zip's directory: nothing is unpacked before they pass
        if suffix == ".xlsx":
            check_xlsx(data, filename)
        else:
            check_zip(data, filename)
    except InputError as error:
        if [p.code for p in error.problems] == ["bad_xlsx"]:  # not a zip at all: as any unreadable file
            raise InputError([Problem("decision_unreadable", {"detail": "zip"}, file=filename)]) from None
        raise
    try:
        grid, meta = _xlsx_grid(data, filename) if suffix == ".xlsx" else _docx_grid(data, filename)
    except InputError:
        raise
    except Exception as exc:  # a corrupt or foreign file: say so, never a traceback
        raise InputError([Problem("decision_unreadable", {"detail": type(exc).__name__}, file=filename)]) from None
    return _rows_from_grid(grid, filename), meta


Cell = tuple[str, bool]  # text, bold
Grid = list[tuple[int, list[Cell]]]  # (row number, cells)


def _clean(text: Any) -> str:
    if text is None:
        return ""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return vn_text(text)  # a number cell: 0.125 → "0,125", never read back as 125
    lines = [" ".join(line.split()) for line in nfc(str(text)).replace("\u00a0", " ").splitlines()]
    return "\n".join(line for line in lines if line)


def _xlsx_grid(data: bytes, filename: str) -> tuple[Grid, dict]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), data_only=True)
    meta = {}
    if META_MARK in book.sheetnames:
        hidden = book[META_MARK]
        meta = _meta_from_text("".join(str(row[0].value or "") for row in hidden.iter_rows(max_col=1)), filename)
    sheets = [s for s in book.worksheets if s.title != META_MARK]
    grids = []
    for sheet in sheets:  # the first sheet that has the table's header row
        grid: Grid = [
            (r, [(_clean(c.value), bool(c.font and c.font.b)) for c in row])
            for r, row in enumerate(sheet.iter_rows(max_row=MAX_ROWS), start=1)
        ]
        if _header_index([cells for _, cells in grid[:15]]) is not None:
            return grid, meta
        grids.append(grid)
    return (grids[0] if grids else []), meta


def _docx_grid(data: bytes, filename: str) -> tuple[Grid, dict]:
    import docx

    document = docx.Document(io.BytesIO(data))
    meta = _docx_metadata(document, filename)
    tables = list(document.tables)
    first = next(
        (i for i, t in enumerate(tables) if _header_index([_docx_row(r, t) for r in t.rows[:5]]) is not None), None
    )
    if first is None:
        return [], meta
    grid: Grid = []
    width = len(_docx_row(tables[first].rows[0], tables[first]))
    for n, table in enumerate(tables[first:]):
        rows = [_docx_row(row, table) for row in table.rows[:MAX_ROWS]]
        if n and (not rows or len(rows[0]) != width):
            break  # a table of another shape is not part of the appendix
        if n and (header := _header_index(rows[:5])) is not None:
            rows = rows[header + 1 :]  # the header repeated on a following page
        grid.extend((len(grid) + 1, cells) for cells in rows)
    return grid, meta


def _docx_metadata(document, filename: str) -> dict:
    """The hidden block of an exported appendix: a custom XML part named for parindex, if there is one."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from lxml import etree

    for rel in document.part.rels.values():
        if rel.reltype != RELATIONSHIP_TYPE.CUSTOM_XML or rel.is_external:
            continue
        try:
            root = etree.fromstring(rel.target_part.blob, etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError:
            continue
        if root.tag == f"{{{META_NAMESPACE}}}criteria-set":
            return _meta_from_text(root.text, filename)
    return {}


def _docx_row(row, table) -> list[Cell]:
    """A Word row as one cell per grid column: a merged cell's text in its first column only."""
    from docx.table import _Cell

    cells: list[Cell] = []
    for tc in row._tr.tc_lst:
        span = tc.grid_span or 1
        if tc.vMerge == "continue":
            text, bold = "", False
        else:
            cell = _Cell(tc, table)
            text = _clean("\n".join(p.text for p in cell.paragraphs))
            runs = [run for p in cell.paragraphs for run in p.runs if run.text.strip()]
            bold = bool(runs) and all(run.bold for run in runs)
        cells.append((text, bold))
        cells.extend([("", bold)] * (span - 1))
    return cells


def _meta_from_text(text: str | None, filename: str) -> dict:
    if not text or not text.startswith(META_MARK):
        return {}
    check_yaml(text[len(META_MARK) :], filename)  # its limits before it is parsed, as for any YAML file
    try:
        data = yaml.safe_load(text[len(META_MARK) :])
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


HEADER_WORDS = {
    "guidance": ("hướng dẫn", "cách chấm", "cách tính", "phương pháp", "cách đánh giá", "cách thức"),
    "evidence": ("kiểm chứng", "tài liệu"),
    "number": ("stt", "tt", "số tt", "số thứ tự"),
    "max": ("điểm tối đa", "điểm chuẩn", "thang điểm", "điểm"),
    "name": ("tiêu chí", "nội dung", "lĩnh vực", "chỉ số"),
}


def _columns(cells: list[Cell]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, (text, _) in enumerate(cells):
        low = text.lower().replace("\n", " ").strip(" .:")
        if not low:
            continue
        for key, words in HEADER_WORDS.items():
            if key in found:
                continue
            if key == "number":
                hit = low in words
            elif key == "max":
                hit = any(w in low for w in words[:3]) or low in ("điểm", "số điểm")
                hit = hit and not any(w in low for w in ("tự chấm", "thẩm định", "đạt"))
            else:
                hit = any(w in low for w in words)
            if hit:
                found[key] = i
                break
    return found


def _header_index(rows: list[list[Cell]]) -> int | None:
    for i, cells in enumerate(rows):
        columns = _columns(cells)
        if "name" in columns and "max" in columns:
            return i
    return None


def _rows_from_grid(grid: Grid, filename: str) -> list[TableRow]:
    header = _header_index([cells for _, cells in grid])
    if header is None:
        raise InputError([Problem("decision_no_header", file=filename)])
    columns = _columns(grid[header][1])
    rows = []
    for number, cells in grid[header + 1 :]:

        def cell(key: str, cells=cells) -> Cell:
            i = columns.get(key)
            return cells[i] if i is not None and i < len(cells) else ("", False)

        name, bold = cell("name")
        values = [cell(k)[0] for k in ("number", "max", "guidance", "evidence")]
        if re.fullmatch(r"\d+,\d+", values[0]):
            values[0] = values[0].replace(",", ".")  # 1.1 typed as a number in Excel
        if not name and not any(values):
            continue
        if re.fullmatch(r"\(?\d+\)?", name) and all(re.fullmatch(r"\(?\d+\)?|", v) for v in values):
            continue  # a row of column numbers (1) (2) (3) under the header
        rows.append(TableRow(number, values[0], name, values[1], values[2], values[3], bold))
    return rows


# -- numbering and hierarchy ----------------------------------------------------------------------------
_ROMAN = re.compile(r"^[IVXLC]+$")
_SECTION = re.compile(r"^(?:[IVXLC]+[.)]?\s*|[A-Z][.)]\s*)?(điểm\s+(?:thưởng|cộng)|điểm\s+(?:trừ|phạt))", re.IGNORECASE)
_TOTAL = re.compile(r"^(?:tổng\s+(?:cộng|điểm|số điểm|số)|tổng)\b", re.IGNORECASE)
_LEADING_NUMBER = re.compile(r"^(?P<n>(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)])\s+(?P<rest>.+)$", re.DOTALL)


def numbering_style(number: str) -> str | None:
    """``I`` → roman, ``3`` → int, ``1.2`` → dot1, ``1.2.3`` → dot2, ``a)`` → letter; None if not a number."""
    raw = number.strip()
    core = raw.rstrip(".)").strip()
    if not core:
        return None
    if _ROMAN.match(core):
        return "roman"
    if re.fullmatch(r"\d+", core):
        return "int"
    if re.fullmatch(r"\d+(\.\d+)+", core):
        return f"dot{core.count('.')}"
    if re.fullmatch(r"[a-zđ]", core):
        return "letter"
    return None


def _max_of(text: str) -> float | None:
    match = re.search(NUMBER, text or "")
    return vn_number(match.group(0)) if match else None


def structure(rows: list[TableRow], filename: str) -> Draft:
    """Place every row in the tree by its numbering; problems for rows that fit nowhere."""
    draft = Draft(filename, [])
    styles: list[str] = []  # style of each open level, outermost first
    section = m.APPRAISAL
    counters: dict[str, int] = {}
    path: list[DraftRow] = []  # open field, criterion
    previous: DraftRow | None = None
    for row in rows:
        number, name = row.number.strip(), row.name.strip()
        if number and not name and numbering_style(number) is None:
            number, name = "", number  # "Tổng cộng" written across the number and name columns
        if not number and (match := _LEADING_NUMBER.match(name)) and numbering_style(match["n"]):
            number, name = match["n"], match["rest"].strip()
        head = _SECTION.match(name) if not numbering_style(number) or numbering_style(number) == "roman" else None
        if head is not None:
            section = m.BONUS if head.group(1).lower().split()[-1] in ("thưởng", "cộng") else m.PENALTY
            new = DraftRow(row.row, SECTION, section, number, name, _max_of(row.max_text), section=section)
            draft.rows.append(new)
            previous, styles, path = new, [], []
            continue
        if _TOTAL.match(name) and not numbering_style(number):
            draft.rows.append(DraftRow(row.row, TOTAL, "total", number, name, _max_of(row.max_text)))
            previous = None
            continue
        style = numbering_style(number) or ("bold" if row.bold and row.max_text else None)
        if style is None:
            if previous is None or number:
                draft.problems.append(
                    Problem("decision_no_number", {"text": (number or name)[:60]}, file=filename, row=row.row)
                )
                continue
            _continue(previous, row)  # a cell split over two rows
            continue
        if style in styles:
            del styles[styles.index(style) + 1 :]
        else:
            styles.append(style)
        depth = len(styles)
        new = _place(draft, row, number, name, depth, section, counters, path, filename)
        if new is not None:
            previous = new
    _mark_scored(draft)
    return draft


def _continue(previous: DraftRow, row: TableRow) -> None:
    if row.name:
        previous.name = f"{previous.name} {row.name}".strip()
    if row.guidance:
        previous.guidance = f"{previous.guidance}\n{row.guidance}".strip()
    if row.evidence:
        previous.evidence = f"{previous.evidence}\n{row.evidence}".strip()
    if row.max_text and previous.max is None:
        previous.max = _max_of(row.max_text)


def _place(draft, row, number, name, depth, section, counters, path, filename) -> DraftRow | None:
    maximum = _max_of(row.max_text)
    if row.max_text and maximum is None:
        draft.problems.append(Problem("decision_bad_max", {"value": row.max_text}, file=filename, row=row.row))
    common = {
        "row": row.row,
        "number": number,
        "name": name,
        "max": maximum,
        "guidance": row.guidance,
        "evidence": row.evidence,
        "section": section,
    }
    if section != m.APPRAISAL:
        if depth != 1:
            draft.problems.append(Problem("decision_too_deep", {"number": number}, file=filename, row=row.row))
            return None
        key = "T" if section == m.BONUS else "P"
        counters[key] = counters.get(key, 0) + 1
        new = DraftRow(kind=ITEM, id=f"{key}{counters[key]}", **common)
    elif depth == 1:
        counters["field"] = counters.get("field", 0) + 1
        new = DraftRow(kind=FIELD, id=str(counters["field"]), **common)
        path[:] = [new]
        counters["criterion"] = 0
    elif depth == 2 and path:
        counters["criterion"] += 1
        new = DraftRow(kind=CRITERION, id=f"{path[0].id}.{counters['criterion']}", parent=path[0].id, **common)
        path[1:] = [new]
        counters["leaf"] = 0
    elif depth == 3 and len(path) == 2:
        counters["leaf"] += 1
        new = DraftRow(kind=LEAF, id=f"{path[1].id}.{counters['leaf']}", parent=path[1].id, **common)
    else:
        draft.problems.append(Problem("decision_too_deep", {"number": number}, file=filename, row=row.row))
        return None
    draft.rows.append(new)
    return new


def _mark_scored(draft: Draft) -> None:
    parents = {r.parent for r in draft.rows if r.parent}
    for row in draft.rows:
        row.scored = row.kind in (LEAF, ITEM) or (row.kind == CRITERION and row.id not in parents)


# -- checks -----------------------------------------------------------------------------------------------
def check(draft: Draft) -> list[Problem]:
    """Row-level problems: maxima missing or not the sum of what is under them, fields without criteria,
    rules the loader would refuse. The draft's own reading problems come first."""
    problems = list(draft.problems)
    file = draft.filename
    children: dict[str, list[DraftRow]] = {}
    for row in draft.rows:
        if row.parent:
            children.setdefault(row.parent, []).append(row)
    for row in draft.rows:
        if row.kind in (FIELD, CRITERION, LEAF, ITEM) and (row.max is None or row.max <= 0):
            problems.append(Problem("decision_no_max", {"id": row.id}, file=file, row=row.row))
            continue
        if row.kind == FIELD and row.id not in children:
            problems.append(Problem("decision_empty_field", {"id": row.id}, file=file, row=row.row))
        under = children.get(row.id, [])
        if under and row.max is not None and all(c.max is not None for c in under):
            total = sum(c.max for c in under)
            if abs(total - row.max) > SUM_TOLERANCE:
                problems.append(
                    Problem(
                        "decision_sum",
                        {"id": row.id, "stated": float(row.max), "sum": float(round(total, 6))},
                        file=file,
                        row=row.row,
                    )
                )
        if row.scored and row.max:
            parsed = draft.parsed(row)
            _, rule_problems = rule_from_mapping(parsed.rule, row.max, row.section)
            for problem in rule_problems:
                problems.append(replace(problem, file=file, row=row.row, path=f"{row.id}: {problem.path or 'rule'}"))
    fields = [r for r in draft.rows if r.kind == FIELD]
    totals = [r for r in draft.rows if r.kind == TOTAL and r.max is not None]
    if totals and fields and all(f.max is not None for f in fields):
        total = sum(f.max for f in fields)
        if abs(total - totals[0].max) > SUM_TOLERANCE:
            problems.append(
                Problem(
                    "decision_sum",
                    {"id": totals[0].name, "stated": float(totals[0].max), "sum": float(round(total, 6))},
                    file=file,
                    row=totals[0].row,
                )
            )
    if not fields:
        problems.append(Problem("decision_no_fields", file=file))
    return problems


def needs_review(draft: Draft) -> list[tuple[DraftRow, Parsed]]:
    """Scored rows whose guidance did not parse exactly: they stay ``manual`` until someone decides."""
    return [(row, parsed) for row in draft.rows if row.scored and not (parsed := draft.parsed(row)).exact]


def read_decision(data: bytes, filename: str) -> Draft:
    """Read and place the table; raise InputError only if no table can be found at all."""
    rows, meta = read_rows(data, filename)
    draft = structure(rows, filename)
    draft.meta = meta
    return draft


# -- the draft as criteria-set YAML ------------------------------------------------------------------------
@dataclass
class SetInfo:
    """What the table does not say: the set's id, name, decision, years, unit types, grades."""

    id: str
    name: str
    decision: str
    years: tuple[int, ...]
    unit_types: tuple[str, ...]
    grades: tuple[tuple[str, str | None, float], ...] = DEFAULT_GRADES
    name_en: str | None = None
    extra: dict = field(default_factory=dict)  # further set keys from the metadata block


def set_info_from(
    draft: Draft,
    id: str | None = None,
    name: str | None = None,
    decision: str | None = None,
    years: tuple[int, ...] = (),
    unit_types: tuple[str, ...] = (),
) -> tuple[SetInfo, list[str]]:
    """The set's header: given values first, then the file's metadata, then defaults (listed for review)."""
    meta = draft.meta.get("set", {}) if isinstance(draft.meta.get("set"), dict) else {}
    stem = re.sub(r"[^a-z0-9._-]+", "-", Path(draft.filename).stem.lower()).strip("-") or "bo-tieu-chi"
    defaults: list[str] = []

    def pick(given, key, fallback):
        if given:
            return given
        if meta.get(key):
            return meta[key]
        defaults.append(key)
        return fallback

    grades = meta.get("grades")
    if grades:
        grade_rows = tuple((g["label"], g.get("label_en"), g["min"]) for g in grades)
    else:
        grade_rows = DEFAULT_GRADES
        defaults.append("grades")
    info = SetInfo(
        id=pick(id, "id", stem),
        name=pick(name, "name", Path(draft.filename).stem),
        decision=pick(decision, "decision", Path(draft.filename).name),
        years=tuple(pick(tuple(years), "years", (2025,))),
        unit_types=tuple(pick(tuple(unit_types), "unit_types", ("so",))),
        grades=grade_rows,
        name_en=meta.get("name_en"),
        extra={k: meta[k] for k in ("description", "ties", "index_decimals", "without_survey") if k in meta},
    )
    return info, defaults


class _Block(str):
    """A multi-line string written as a YAML block (``|``), so guidance reads as in the decision."""


def _block_representer(dumper, value):
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style="|")


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Block, _block_representer)


def _text(value: str) -> str:
    return _Block(value) if "\n" in value else value


def draft_yaml(draft: Draft, info: SetInfo) -> str:
    """The draft as criteria-set YAML (checked afterwards by the loader, like any file)."""
    nodes = draft.meta.get("nodes", {}) if isinstance(draft.meta.get("nodes"), dict) else {}
    root: dict[str, Any] = {"id": info.id, "name": info.name}
    if info.name_en:
        root["name_en"] = info.name_en
    root.update({"decision": info.decision, "years": list(info.years), "unit_types": list(info.unit_types)})
    fields = [r for r in draft.rows if r.kind == FIELD]
    totals = [r.max for r in draft.rows if r.kind == TOTAL and r.max is not None]
    root["max_points"] = totals[0] if totals else round(sum(f.max or 0 for f in fields), 6)
    root.update(info.extra)
    root["grades"] = [{"label": g[0], **({"label_en": g[1]} if g[1] else {}), "min": g[2]} for g in info.grades]
    children: dict[str, list[DraftRow]] = {}
    for row in draft.rows:
        if row.parent:
            children.setdefault(row.parent, []).append(row)
    root["fields"] = []
    for f in fields:
        node = _node(f, info, nodes)
        node["criteria"] = []
        for c in children.get(f.id, []):
            cnode = _node(c, info, nodes)
            if c.scored:
                cnode.update(_scored(c, draft, nodes))
            else:
                cnode["sub_criteria"] = [
                    {**_node(s, info, nodes), **_scored(s, draft, nodes)} for s in children.get(c.id, [])
                ]
            node["criteria"].append(cnode)
        root["fields"].append(node)
    for section in (m.BONUS, m.PENALTY):
        head = next((r for r in draft.rows if r.kind == SECTION and r.section == section), None)
        items = [r for r in draft.rows if r.kind == ITEM and r.section == section]
        if head is not None or items:
            cap = head.max if head is not None and head.max else round(sum(i.max or 0 for i in items), 6)
            root[section] = {
                "cap": cap,
                "items": [{**_node(i, info, nodes), **_scored(i, draft, nodes)} for i in items],
            }
    return yaml.dump(root, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100_000)


def _node(row: DraftRow, info: SetInfo, nodes: dict) -> dict:
    extra = nodes.get(row.id, {}) if isinstance(nodes.get(row.id), dict) else {}
    node: dict[str, Any] = {"id": row.id, "name": row.name.replace("\n", " ")}
    if extra.get("name_en"):
        node["name_en"] = extra["name_en"]
    node["max"] = row.max
    node["source"] = extra.get("source") or {"decision": info.decision, "item": row.number or row.id}
    return node


def _scored(row: DraftRow, draft: Draft, nodes: dict) -> dict:
    extra = nodes.get(row.id, {}) if isinstance(nodes.get(row.id), dict) else {}
    parsed = draft.parsed(row)
    rule = _with_extras(dict(parsed.rule), extra)
    out: dict[str, Any] = {"rule": rule}
    if row.evidence:
        out["evidence"] = row.evidence.replace("\n", "; ")
    for key in ("hint", "not_applicable", "plannable"):
        if key in extra:
            out[key] = extra[key]
    if row.guidance:
        out["guidance"] = _text(row.guidance)
    if not parsed.exact:
        out["note"] = "Cần xem lại: hướng dẫn chấm chưa đọc được thành quy tắc; đang để Hội đồng cho điểm."
    return out


def _with_extras(rule: dict, extra: dict) -> dict:
    """Restore what the words do not carry (display unit, English level names) from the file's metadata."""
    kept = extra.get("rule") if isinstance(extra.get("rule"), dict) else {}
    if kept.get("kind") != rule.get("kind"):
        return {k: v for k, v in rule.items() if v is not None}
    rule["unit"] = kept.get("unit")
    english = kept.get("label_en") or {}
    for level in rule.get("levels", []):
        if level["label"] in english:
            level["label_en"] = english[level["label"]]
    return {k: v for k, v in rule.items() if v is not None}


@dataclass
class DecisionImport:
    """The outcome of reading a decision table: the draft, its problems, the YAML and what needs review."""

    draft: Draft
    problems: list[Problem]
    yaml_text: str
    review: list[tuple[DraftRow, Parsed]]
    defaults: list[str]  # set keys taken from defaults, to be checked


def import_decision(data: bytes, filename: str, **given: Any) -> DecisionImport:
    """Read, place, check and write: problems are row-level; the YAML is then checked by the loader."""
    draft = read_decision(data, filename)
    return build_import(draft, **given)


def build_import(draft: Draft, **given: Any) -> DecisionImport:
    """Check a (possibly corrected) draft and write its YAML; loader problems are added when the rows are clean."""
    from ._loader import parse_criteria_set

    info, defaults = set_info_from(draft, **given)
    problems = check(draft)
    text = draft_yaml(draft, info)
    if not problems:
        try:
            parse_criteria_set(text, f"{info.id}.yaml")
        except InputError as error:
            problems = error.problems
    return DecisionImport(draft, problems, text, needs_review(draft), defaults)


# -- previews for the review ------------------------------------------------------------------------------
def preview_leaf(row: DraftRow, draft: Draft) -> m.Leaf | None:
    """The row as a scored leaf (for describing its rule and its points), or None if its rule is refused."""
    if not row.scored or not row.max or row.max <= 0:
        return None
    rule, problems = rule_from_mapping(draft.parsed(row).rule, row.max, row.section)
    if problems:
        return None
    part = kind_of(rule).part or row.section
    return m.Leaf(id=row.id, name=row.name, max=row.max, rule=rule, source=m.Source(reconstructed=True), part=part)


def typical_points(leaf: m.Leaf, lang: str = "vi") -> str:
    """Points at a few typical values: ``100 %: 1 điểm; 80 %: 0,5 điểm; 79 %: 0 điểm``."""
    from ._compiled import score_leaf
    from ._describe import describe_rule, points_ladder

    shown = kind_of(leaf.rule).typical_values(leaf, lang)
    if not shown:  # points awarded freely (manual): the rule itself says it
        return describe_rule(leaf, lang)
    points = score_leaf(leaf, [v for _, v in shown])
    return points_ladder([(label, float(p)) for (label, _), p in zip(shown, points, strict=True)], lang)


# -- the review table on the Bộ tiêu chí page ------------------------------------------------------------
EDITABLE = ("name", "max", "guidance")


def review_frame(draft: Draft, lang: str = "vi"):
    """One line per row: where it was, its id, why it needs review, the words as written, the rule read, its
    points at a few values and its level (the review reason comes early so a flagged row is seen at once)."""
    import pandas as pd

    from parindex.i18n import t

    from ._describe import describe_rule

    records = []
    for row in draft.rows:
        leaf = preview_leaf(row, draft)
        parsed = draft.parsed(row) if row.scored else None
        records.append(
            {
                "row": row.row,
                "id": row.id,
                "review": "⚠ " + t(parsed.review, lang) if parsed is not None and parsed.review else "",
                "name": row.name,
                "max": row.max,
                "guidance": row.guidance,
                "kind": leaf.rule.kind if leaf else "",
                "rule": describe_rule(leaf, lang) if leaf else "",
                "examples": typical_points(leaf, lang)
                if leaf and kind_of(leaf.rule).typical_values(leaf, lang)
                else "",
                "level": t(f"ui.decision_level_{row.kind}", lang),
            }
        )
    return pd.DataFrame.from_records(records)


def apply_review(draft: Draft, frame) -> Draft:
    """The draft with the names, maxima and guidance edited in ``frame``, joined by id (never by position)."""
    edits = {str(r["id"]): r for r in frame.to_dict("records")}
    rows = []
    for row in draft.rows:
        edit = edits.get(row.id)
        if edit is None:
            rows.append(row)
            continue
        value = edit.get("max")
        maximum = None if value is None or value != value else float(value)  # NaN: emptied cell
        rows.append(
            replace(row, name=str(edit.get("name") or ""), max=maximum, guidance=str(edit.get("guidance") or ""))
        )
    return Draft(draft.filename, rows, list(draft.problems), dict(draft.meta))
