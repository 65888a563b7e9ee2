"""Scoring guidance in words (hướng dẫn chấm điểm) → a rule kind with its parameters, and back.

A province's decision states how each sub-criterion is scored in words: "Hoàn thành 100% kế hoạch:
1 điểm; từ 80% đến dưới 100%: 0,5 điểm; dưới 80%: 0 điểm". :func:`parse_guidance` reads such a
phrase with a small documented grammar (README, "Ngữ pháp hướng dẫn chấm") into the rule mapping the
loader accepts. Nothing is guessed: a phrase the grammar does not fit exactly — a gap between bands,
a strict bound ("trên 90%") that the rule kinds cannot express, points that do not add up — becomes
a ``manual`` rule with a ``review`` reason, and the officer decides. :func:`guidance_words` writes the
canonical phrase for a rule, so an exported appendix reads back to the same rule.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from itertools import pairwise

from parindex.i18n import nfc

from . import model as m
from .kinds import KINDS, kind_of

INF = math.inf
NUMBER = r"\d+(?:[.,]\d+)*"
_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")

SURVEY_WORDS = ("điều tra xã hội học", "khảo sát", "sipas", "mức độ hài lòng", "chỉ số hài lòng")
MANUAL_WORDS = (
    "hội đồng thẩm định",
    "cho điểm",
    "chấm điểm theo thực tế",
    "tùy theo mức độ",
    "tuỳ theo mức độ",
    "tùy mức độ",
    "tuỳ mức độ",
)
LINEAR_WORDS = (
    "tính theo tỷ lệ",
    "tỷ lệ tương ứng",
    "nội suy",
    "tỷ lệ thuận",
    "× điểm tối đa",
    "nhân với điểm tối đa",
    "nhân với số điểm tối đa",
)
LEVELS_MARK = ("theo mức", "theo các mức")
NO_PREFIXES = ("không", "chưa")
ZERO_DENOMINATOR = ("không phát sinh", "không có hồ sơ phát sinh", "trường hợp không phát sinh")


def vn_number(text: str) -> float:
    """``0,5`` → 0.5; ``1.000`` → 1000; ``1.250,5`` → 1250.5; ``0.5`` and ``0.125`` stay decimals (a dot not
    before three digits, or after a leading 0, is a decimal point typed the English way)."""
    s = text.strip()
    if "," in s and "." in s:
        return float(s.replace(".", "").replace(",", "."))
    if "," in s:
        return float(s.replace(",", "."))
    if _THOUSANDS.match(s) and not s.startswith("0"):
        return float(s.replace(".", ""))
    return float(s)


@dataclass(frozen=True)
class Parsed:
    """What the grammar made of one phrase: a rule mapping (as in YAML) and, if unsure, why."""

    rule: dict
    review: str | None = None  # a guidance.* message key: why the officer must decide
    clauses: tuple[str, ...] = field(default=())

    @property
    def exact(self) -> bool:
        return self.review is None


def _manual(reason: str, clauses: tuple[str, ...] = ()) -> Parsed:
    return Parsed({"kind": m.MANUAL}, reason, clauses)


# -- text into clauses -------------------------------------------------------------------------------
def normalise(text: str) -> str:
    """NFC, one kind of dash, space and multiplication sign; the case is kept (level labels keep it)."""
    s = nfc(text or "").replace("\u00a0", " ").replace("\t", " ")
    for dash in ("–", "—", "−"):
        s = s.replace(dash, "-")
    return re.sub(r"(?i)(?<=\s)[x*](?=\s+(số )?điểm tối đa)", "×", s)


def clauses_of(text: str) -> tuple[str, ...]:
    """Split on line breaks, semicolons and sentence ends; drop bullets (``-``, ``+``, ``•``)."""
    s = normalise(text)
    s = re.sub(r"\.(\s|$)", r";\1", s)  # a full stop ends a clause; 1.000 and 0.5 keep their dots
    parts = re.split(r"[;\n]", s)
    cleaned = []
    for part in parts:
        part = re.sub(r"^\s*[-+•*]\s*", "", part).strip(" ,")
        if part:
            cleaned.append(part)
    return tuple(cleaned)


_POINTS_AT_END = re.compile(  # matched on the lower-case clause; spans cut the original
    rf"^(?P<cond>.*?)[\s:=,]*(?:thì\s+)?(?:được\s+|cho\s+|tính\s+|chấm\s+|đạt\s+)?(?P<minus>trừ\s+)?"
    rf"(?P<pts>{NUMBER})\s*điểm$"
)
_FULL_AT_END = re.compile(
    r"^(?P<cond>.*?)[\s:=,]*(?:thì\s+)?(?:được|cho|tính|chấm|đạt)?\s*(?:tối đa|điểm tối đa|số điểm tối đa)$"
)
_ZERO_AT_END = re.compile(r"^(?P<cond>.*?)[\s:=,]*(?:không được điểm|không có điểm|không tính điểm)$")


@dataclass
class Clause:
    """``condition: points`` — one line of a guidance phrase; ``label`` is the condition as written."""

    condition: str
    points: float
    minus: bool = False
    label: str = ""


def scored_clause(text: str, max_points: float) -> Clause | None:
    """``Đạt 100%: 1 điểm`` → Clause("đạt 100%", 1.0); None if the clause states no points."""
    lower = text.lower()
    for pattern in (_POINTS_AT_END, _FULL_AT_END, _ZERO_AT_END):
        match = pattern.match(lower)
        if match is None or (pattern is _FULL_AT_END and ("mỗi" in lower or _is_product(match["cond"]))):
            continue
        label = text[match.start("cond") : match.end("cond")].strip(" :=,")
        if pattern is _POINTS_AT_END:
            points, minus = vn_number(match["pts"]), bool(match["minus"])
        else:
            points, minus = (max_points if pattern is _FULL_AT_END else 0.0), False
        return Clause(label.lower(), points, minus, label)
    return None


def _is_product(condition: str) -> bool:
    """``tỷ lệ × điểm tối đa`` is a formula, not "condition: full points"."""
    return condition.rstrip().endswith(("×", "nhân với", "nhân"))


# -- conditions on a measured value --------------------------------------------------------------------
@dataclass(frozen=True)
class Interval:
    """A condition on a measured value: lo..hi with each end open or closed."""

    lo: float
    lo_closed: bool
    hi: float
    hi_closed: bool
    percent: bool
    unit: str | None


_WORD = r"(?!(?:đến|tới|dưới|trở|trên|và|hoặc|thì|được|điểm|so|của|trong)\b)[a-zà-ỹđ]+"
_UNIT = rf"{_WORD}(?:\s{_WORD})?"  # a unit of one or two words: ngày, hồ sơ, văn bản
_N = rf"(?P<a>{NUMBER})(?P<pa>\s?%)?(?:\s*(?P<ua>{_UNIT}))?"
_M = rf"(?P<b>{NUMBER})(?P<pb>\s?%)?(?:\s*(?P<ub>{_UNIT}))?"
_N_PERCENT = rf"(?P<a>{NUMBER})(?P<pa>\s?%)(?P<ua>)"
RANGE_PATTERNS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("closed_open", rf"\btừ\s+{_N}\s+(?:đến|tới)\s+dưới\s+{_M}"),
        ("open_closed", rf"\btrên\s+{_N}\s+(?:đến|tới)\s+{_M}"),
        ("open_open", rf"\btrên\s+{_N}\s+(?:đến|tới)\s+dưới\s+{_M}"),
        ("closed_closed", rf"\btừ\s+{_N}\s+(?:đến|tới)\s+{_M}"),
        ("at_least", rf"(?:\btừ\s+)?{_N}\s+trở\s+lên"),
        ("at_least", rf"(?:\b(?:không dưới|không thấp hơn|ít nhất|tối thiểu)\s+|≥\s*){_N}"),
        ("at_most", rf"(?:\btừ\s+)?{_N}\s+trở\s+xuống"),
        ("at_most", rf"(?:\b(?:không quá|không vượt quá|tối đa)\s+|≤\s*){_N}"),
        ("above", rf"(?:\b(?:trên|hơn|vượt|cao hơn)\s+|>\s*){_N}"),
        ("below", rf"(?:\b(?:dưới|thấp hơn|ít hơn)\s+|<\s*){_N}"),
        ("exact", rf"\b(?:đạt|bằng|là|được)\s+{_N}"),
        ("exact", rf"^{_N}$"),
        ("exact", rf"\b{_N_PERCENT}"),
    )
)
UNIT_STOP = {"kế", "so", "trên", "của", "và", "hoặc", "thì", "được", "điểm", "trở", "đến", "tới", "dưới"}


def _unit(word: str | None) -> str | None:
    return None if not word or word in UNIT_STOP else word


def interval_of(condition: str) -> Interval | None:
    """The measured condition inside ``condition`` ("Hoàn thành từ 80% đến dưới 100% kế hoạch"), if any."""
    for name, pattern in RANGE_PATTERNS:
        match = pattern.search(condition)
        if match is None:
            continue
        a = vn_number(match["a"])
        groups = match.groupdict()
        b = vn_number(groups["b"]) if groups.get("b") else None
        percent = bool(match["pa"] or groups.get("pb"))
        unit = _unit(groups.get("ub") or match["ua"])
        if name == "closed_open":
            return Interval(a, True, b, False, percent, unit)
        if name == "open_closed":
            return Interval(a, False, b, True, percent, unit)
        if name == "open_open":
            return Interval(a, False, b, False, percent, unit)
        if name == "closed_closed":
            return Interval(a, True, b, True, percent, unit)
        if name == "at_least":
            return Interval(a, True, INF, False, percent, unit)
        if name == "at_most":
            return Interval(-INF, False, a, True, percent, unit)
        if name == "above":
            return Interval(a, False, INF, False, percent, unit)
        if name == "below":
            return Interval(-INF, False, a, False, percent, unit)
        return Interval(a, True, a, True, percent, unit)
    return None


# -- the grammar -----------------------------------------------------------------------------------------
def parse_guidance(text: str | None, max_points: float, part: str = m.APPRAISAL) -> Parsed:
    """The rule that ``text`` states for a sub-criterion worth ``max_points``; manual + reason if unsure.

    ``part`` is where the points go: in a penalty item "mỗi … trừ 0,5 điểm" counts penalty points
    (``count``); in the appraisal it takes points off the maximum (``deduction``).
    """
    for kind in KINDS.values():
        marker = kind.guidance_marker
        if marker and text and nfc(text).strip().startswith(marker):
            parsed = parse_guidance(nfc(text).strip()[len(marker) :], max_points, part)
            claimed = kind.claim_guidance(parsed.rule) if parsed.exact else None
            return Parsed(claimed, None, parsed.clauses) if claimed else parsed
    clauses = clauses_of(text or "")
    if not clauses:
        return _manual("guidance.empty")
    joined = " ; ".join(clauses).lower()
    for reader in (_per_item, _survey, _explicit_manual, _clause_rules):
        parsed = reader(clauses, joined, max_points, part)
        if parsed is not None:
            return Parsed(parsed.rule, parsed.review, clauses)
    return _manual("guidance.no_pattern", clauses)


def _per_item(clauses, joined: str, max_points: float, part: str) -> Parsed | None:
    """``Mỗi sáng kiến được 0,5 điểm, tối đa 1 điểm`` (count); ``mỗi văn bản trừ 0,25 điểm`` (deduction)."""
    each = re.search(
        rf"mỗi\s+(?P<unit>[^;:]+?)\s*(?:thì\s+)?(?:(?P<plus>được cộng|được|cộng|tính)|(?P<minus>bị trừ|trừ))\s+"
        rf"(?P<x>{NUMBER})\s*điểm",
        joined,
    )
    if each is None:
        each = re.search(
            rf"(?:(?P<plus>cộng|được)|(?P<minus>trừ))\s+(?P<x>{NUMBER})\s*điểm\s*(?:/|cho mỗi|mỗi)\s*(?P<unit>[^,;:]+)",
            joined,
        )
    if each is None:
        return None
    per = vn_number(each["x"])
    unit = each["unit"].strip()
    unit = re.sub(r"\s+(?:được|bị)$", "", unit)
    cap_match = re.search(
        rf"(?:tối đa|không quá|tổng (?:số )?điểm không quá)\s+(?:là\s+)?(?P<c>{NUMBER})\s*điểm", joined
    )
    cap = vn_number(cap_match["c"]) if cap_match else None
    lowered = [c.lower() for c in clauses]
    others = [c for c in lowered if "mỗi" not in c and not re.search(r"(?:tối đa|không quá)\s+" + NUMBER, c)]
    adding = bool(each["plus"]) or part == m.PENALTY
    if per <= 0 or per > max_points + 1e-9 or (cap is not None and not 0 < cap <= max_points + 1e-9):
        return _manual("guidance.points_out_of_range")
    if adding:
        if others:
            return _manual("guidance.extra_clauses")
        return Parsed({"kind": m.COUNT, "per_item": per, "cap": cap if cap is not None else max_points, "unit": unit})
    for other in others:  # "Không có vi phạm: 1 điểm" only restates the maximum
        clause = scored_clause(other, max_points)
        if clause is None or abs(clause.points - max_points) > 1e-9:
            return _manual("guidance.extra_clauses")
    floor = max_points - cap if cap is not None else 0.0
    if floor < -1e-9 or (cap is not None and cap <= 0):
        return _manual("guidance.points_out_of_range")
    return Parsed({"kind": m.DEDUCTION, "per_violation": per, "floor": round(max(floor, 0.0), 9), "unit": unit})


def _survey(clauses, joined: str, max_points: float, part: str) -> Parsed | None:
    if not any(word in joined for word in SURVEY_WORDS):
        return None
    if any(scored_clause(c, max_points) is not None for c in clauses):
        return None  # "Có tổ chức khảo sát: 1 điểm" is a yes/no, read by the clause rules
    if part in (m.BONUS, m.PENALTY):
        return _manual("guidance.survey_outside")
    return Parsed({"kind": m.SURVEY})


def _explicit_manual(clauses, joined: str, max_points: float, part: str) -> Parsed | None:
    if any(word in joined for word in MANUAL_WORDS) and not any(
        scored_clause(c, max_points) is not None and not re.search(r"từ\s+0\s+đến", c) for c in clauses
    ):
        return Parsed({"kind": m.MANUAL})
    return None


def _clause_rules(clauses, joined: str, max_points: float, part: str) -> Parsed | None:
    """Clauses ``condition: points`` → yes/no, levels, bands or linear."""
    first = clauses[0].lower()
    levels_only = any(first.partition(":")[0].rstrip().endswith(mark) for mark in LEVELS_MARK)
    body = list(clauses)
    if levels_only:
        _, _, rest = body[0].partition(":")
        body = [rest.strip()] if rest.strip() else []
        body += list(clauses[1:])
    zero_denominator = None
    scored: list[Clause] = []
    linear_words = [c for c in body if any(word in c.lower() for word in LINEAR_WORDS)]
    ratio = "tổng số" in joined or re.search(r"[a-zà-ỹđ]\s*/\s*[a-zà-ỹđ]", joined) is not None
    for text in body:
        if any(text.lower().startswith(word) for word in ZERO_DENOMINATOR):
            zero_denominator = _zero_denominator(text, max_points)
            if zero_denominator is None:
                return _manual("guidance.no_pattern")
            continue
        clause = scored_clause(text, max_points)
        if clause is None:
            if text in linear_words or "tổng số" in text.lower():
                continue
            return _manual("guidance.unscored_clause")
        if clause.minus and part != m.PENALTY:
            return _manual("guidance.one_off_deduction")
        if not -1e-9 <= clause.points <= max_points + 1e-9:
            return _manual("guidance.points_out_of_range")
        scored.append(clause)
    if levels_only:
        return _levels(scored, max_points, forced=True)
    if linear_words:
        return _linear(scored, linear_words, max_points, ratio, zero_denominator)
    if not scored:
        return None
    intervals = [interval_of(c.condition) for c in scored]
    if all(i is None for i in intervals):
        return _levels(scored, max_points, forced=False)
    if any(i is None for i in intervals):
        return _manual("guidance.mixed_clauses")
    return _bands(scored, intervals, max_points, ratio, zero_denominator)


def _zero_denominator(text: str, max_points: float) -> str | None:
    text = text.lower()
    if "không áp dụng" in text or "không tính" in text or "loại khỏi" in text:
        return "not_applicable"
    clause = scored_clause(text, max_points)
    if clause is None:
        return None
    if abs(clause.points - max_points) < 1e-9:
        return "full"
    return "zero" if clause.points == 0 else None


def _levels(scored: list[Clause], max_points: float, forced: bool) -> Parsed:
    if len(scored) < 2:
        return _manual("guidance.one_clause")
    labels = [c.condition for c in scored]
    if any(not label for label in labels) or len({label.casefold() for label in labels}) < len(labels):
        return _manual("guidance.level_labels")
    points = [c.points for c in scored]
    if any(b > a + 1e-9 for a, b in pairwise(points)):
        return _manual("guidance.levels_order")
    if not forced and len(scored) == 2 and _is_yes_no(labels, points, max_points):
        return Parsed({"kind": m.YES_NO})
    if abs(points[0] - max_points) > 1e-9:
        return _manual("guidance.top_not_max")
    return Parsed({"kind": m.LEVELS, "levels": [{"label": _capital(c.label), "points": c.points} for c in scored]})


def _capital(label: str) -> str:
    return label[:1].upper() + label[1:]


def _is_yes_no(labels: list[str], points: list[float], max_points: float) -> bool:
    yes, no = labels
    return (
        abs(points[0] - max_points) < 1e-9
        and points[1] == 0
        and no.startswith(NO_PREFIXES)
        and not yes.startswith(NO_PREFIXES)
    )


def _measure(intervals: list[Interval], ratio: bool) -> tuple[str, str | None] | None:
    percents = {i.percent for i in intervals}
    units = {i.unit for i in intervals if i.unit}
    if percents == {True}:
        return ("ratio" if ratio else "percent"), None
    if True in percents or len(units) > 1:
        return None
    return "number", (units.pop() if units else None)


def _bands(scored, intervals, max_points, ratio, zero_denominator) -> Parsed:
    measure = _measure(intervals, ratio)
    if measure is None:
        return _manual("guidance.mixed_units")
    order = sorted(range(len(scored)), key=lambda k: -scored[k].points)
    best = intervals[order[0]]
    higher = (
        best.hi == INF
        or (best.lo == best.hi and measure[0] != "number" and best.lo >= 100)
        or (best.lo > min(i.lo for i in intervals))
    )
    positive = [(scored[k].points, intervals[k]) for k in order if scored[k].points > 0]
    zeros = [intervals[k] for k in order if scored[k].points == 0]
    bands, bound = [], None
    for points, interval in positive:
        if higher:
            top_is_open = interval.hi == INF or (bound is None and interval.lo == interval.hi and interval.lo >= 100)
            if not interval.lo_closed:
                return _manual("guidance.strict_bound")
            expected_hi = INF if bound is None else bound
            if not (top_is_open and bound is None) and not (interval.hi == expected_hi and not interval.hi_closed):
                return _manual("guidance.band_gap")
            bound = interval.lo
            bands.append({"at_least": bound, "points": points})
        else:
            first = bound is None
            if not interval.hi_closed:
                return _manual("guidance.strict_bound")
            if first:
                if not (interval.lo == -INF or interval.lo == interval.hi):
                    return _manual("guidance.band_gap")
            elif not (interval.lo == bound and not interval.lo_closed):
                return _manual("guidance.band_gap")
            bound = interval.hi
            bands.append({"at_most": bound, "points": points})
    if not bands:
        return _manual("guidance.no_points")
    for interval in zeros:
        rest_ok = (higher and interval.lo == -INF and interval.hi == bound and not interval.hi_closed) or (
            not higher and interval.hi == INF and interval.lo == bound and not interval.lo_closed
        )
        if not rest_ok:
            return _manual("guidance.band_gap")
    if abs(bands[0]["points"] - max_points) > 1e-9:
        return _manual("guidance.top_not_max")
    rule = {"kind": m.BANDS, "measure": measure[0], "bands": bands}
    if measure[1]:
        rule["unit"] = measure[1]
    return _with_zero_denominator(rule, zero_denominator)


def _with_zero_denominator(rule: dict, zero_denominator: str | None) -> Parsed:
    if zero_denominator is not None:
        if rule["measure"] == "number":
            return _manual("guidance.mixed_units")
        rule["measure"] = "ratio"
        rule["zero_denominator"] = zero_denominator
    return Parsed(rule)


def _linear(scored, linear_words, max_points, ratio, zero_denominator) -> Parsed:
    """``Từ 50% trở xuống: 0 điểm; đạt 100%: 1 điểm; ở giữa tính theo tỷ lệ`` or ``tỷ lệ % × điểm tối đa``."""
    zero = [c for c in scored if c.points == 0]
    full = [c for c in scored if abs(c.points - max_points) < 1e-9]
    if len(scored) != len(zero) + len(full) or len(zero) > 1 or len(full) > 1:
        return _manual("guidance.linear_anchors")
    if not scored:
        words = [w.lower() for w in linear_words]
        if not any("%" in w or "tỷ lệ" in w for w in words) or not any("điểm tối đa" in w for w in words):
            return _manual("guidance.linear_anchors")
        rule = {"kind": m.LINEAR, "measure": "ratio" if ratio else "percent", "zero_at": 0.0, "full_at": 100.0}
        return _with_zero_denominator(rule, zero_denominator)
    if not zero or not full:
        return _manual("guidance.linear_anchors")
    zi, fi = interval_of(zero[0].condition), interval_of(full[0].condition)
    if zi is None or fi is None:
        return _manual("guidance.linear_anchors")
    zero_at = zi.hi if zi.hi != INF else zi.lo
    full_at = fi.lo if fi.lo != -INF else fi.hi
    if zero_at in (INF, -INF) or full_at in (INF, -INF) or zero_at == full_at:
        return _manual("guidance.linear_anchors")
    measure = _measure([zi, fi], ratio)
    if measure is None:
        return _manual("guidance.mixed_units")
    rule = {"kind": m.LINEAR, "measure": measure[0], "zero_at": zero_at, "full_at": full_at}
    if measure[1]:
        rule["unit"] = measure[1]
    return _with_zero_denominator(rule, zero_denominator)


# -- rule → words (the export) -------------------------------------------------------------------------
def guidance_words(leaf: m.Leaf) -> str:
    """The canonical phrase for ``leaf``'s rule; :func:`parse_guidance` reads it back to the same rule."""
    return kind_of(leaf.rule).guidance(leaf)
