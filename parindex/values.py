"""Read a raw value the way staff type it, for one leaf's rule.

Staff type "99,7", "99.7%", "99,7 %", "312.085/328.813", "có"/"không" or a level's name in any
case, with or without diacritics; Excel hands over numbers and percent-formatted cells. Each rule
kind reads its value into one number (see :func:`parse_value`), which the vectorised scorer then
turns into points. A value that cannot be read raises :class:`CellError` with a message key, so the
importer can report the row and column.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from parindex import model as m
from parindex.i18n import nfc

NOT_APPLICABLE = {"kad", "không áp dụng", "khong ap dung", "n/a", "na", "not applicable"}
YES = {"có", "co", "yes", "y", "x", "1", "đạt", "dat", "true", "đúng", "dung", "c"}
NO = {"không", "khong", "no", "n", "0", "không đạt", "khong dat", "false", "chưa", "chua", "k"}

MAX_COUNT = 1_000_000  # no unit counts a million violations or items; a larger number is a typo
_THOUSANDS_DOT = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")
_THOUSANDS_COMMA = re.compile(r"^[+-]?\d{1,3}(,\d{3})+$")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


class CellError(ValueError):
    """A raw value that its rule cannot read; ``code`` is a ``problem.*`` message key."""

    def __init__(self, code: str, **params: Any):
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Blank:
    """Marker for an empty cell; what it means depends on the leaf's part."""


BLANK = Blank()


def fold(text: str) -> str:
    """Lower case without diacritics, so "Hoàn thành tốt" matches "hoan thanh tot"."""
    text = unicodedata.normalize("NFD", nfc(text).casefold().replace("đ", "d"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).strip()


def clean_text(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and math.isnan(raw):
        return ""
    return " ".join(nfc(str(raw)).replace("\u00a0", " ").split())


def is_not_applicable(text: str) -> bool:
    return text.casefold() in NOT_APPLICABLE or fold(text) in NOT_APPLICABLE


def parse_number(text: str, whole: bool = False) -> float:
    """Parse ``1.234,5``, ``1,234.5``, ``99,7``, ``99.7`` and, when ``whole``, ``312.085`` = 312085.

    A single dot followed by exactly three digits is read as a thousands separator only for whole
    counts (``whole=True``); for rates ``99.700`` stays 99.7.
    """
    s = text.strip().replace(" ", "").replace("\u00a0", "")
    if not s:
        raise CellError("value_not_number", value=text)
    has_dot, has_comma = "." in s, "," in s
    if has_dot and has_comma:
        decimal = "," if s.rfind(",") > s.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        s = s.replace(thousands, "").replace(decimal, ".")
    elif has_dot:
        if s.count(".") > 1 or (whole and _THOUSANDS_DOT.match(s)):
            if not _THOUSANDS_DOT.match(s):
                raise CellError("value_not_number", value=text)
            s = s.replace(".", "")
    elif has_comma:
        if s.count(",") > 1 or (whole and _THOUSANDS_COMMA.match(s)):
            if not _THOUSANDS_COMMA.match(s):
                raise CellError("value_not_number", value=text)
            s = s.replace(",", "")
        else:
            s = s.replace(",", ".")
    try:
        value = float(s)
    except ValueError:
        raise CellError("value_not_number", value=text) from None
    if not math.isfinite(value):
        raise CellError("value_not_number", value=text)
    return value


def parse_percent(raw: Any) -> float:
    """A rate in percent: ``99,7`` or ``99.7%``; Excel numbers are taken as they are."""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        value = float(raw)
        text = str(raw)
    else:
        text = clean_text(raw)
        value = parse_number(text.rstrip("%").strip())
    if not 0 <= value <= 100:
        raise CellError("value_percent_range", value=text)
    return value


def parse_ratio(raw: Any, zero_denominator: str) -> float:
    """``312.085/328.813`` → 94.91 (%), or a rate typed directly. NaN means not applicable."""
    text = clean_text(raw) if not isinstance(raw, (int, float)) else str(raw)
    if "/" not in text:
        return parse_percent(raw)
    top, _, bottom = text.partition("/")
    numerator, denominator = parse_number(top, whole=True), parse_number(bottom, whole=True)
    if numerator < 0 or denominator < 0:
        raise CellError("value_negative", value=text)
    if denominator == 0:
        return {"not_applicable": math.nan, "full": 100.0, "zero": 0.0}[zero_denominator]
    if numerator > denominator:
        raise CellError("value_ratio_above_one", value=text)
    return numerator / denominator * 100.0


def parse_whole(raw: Any) -> float:
    """A count of items or violations: a whole number ≥ 0."""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        value, text = float(raw), str(raw)
    else:
        text = clean_text(raw)
        value = parse_number(text, whole=True)
    if value < 0:
        raise CellError("value_negative", value=text)
    if value != int(value):
        raise CellError("value_not_whole", value=text)
    if value > MAX_COUNT:
        raise CellError("value_too_large", value=text, limit=MAX_COUNT)
    return value


def parse_yes_no(raw: Any) -> float:
    if isinstance(raw, bool):
        return 1.0 if raw else 0.0
    if isinstance(raw, (int, float)) and raw in (0, 1):
        return float(raw)
    text = clean_text(raw).casefold()
    if text in YES or fold(text) in YES:
        return 1.0
    if text in NO or fold(text) in NO:
        return 0.0
    raise CellError("value_yes_no", value=clean_text(raw))


def parse_level(raw: Any, rule: m.Rule) -> float:
    """Index of the level whose label (Vietnamese or English) matches, ignoring case and accents."""
    text = clean_text(raw)
    wanted = text.casefold()
    for index, level in enumerate(rule.levels):
        if wanted in (level.label.casefold(), (level.label_en or "").casefold()):
            return float(index)
    matches = [i for i, lv in enumerate(rule.levels) if fold(text) in (fold(lv.label), fold(lv.label_en or ""))]
    if len(matches) == 1:
        return float(matches[0])
    raise CellError("value_level", value=text, options=" / ".join(lv.label for lv in rule.levels))


def parse_value(raw: Any, leaf: m.Leaf) -> float | Blank:
    """The number the scorer needs for ``leaf``: NaN = not applicable, BLANK = empty cell.

    yes/no → 1 or 0; levels → the level's position; bands and linear → the measured number (a
    ratio as a percentage); count and deduction → the count; survey → the share in percent;
    manual → the points.
    """
    if not isinstance(raw, (int, float)) or isinstance(raw, bool):
        text = clean_text(raw)
        if not text:
            return BLANK
        if is_not_applicable(text):
            if not leaf.na_allowed:
                raise CellError("value_na_forbidden", value=text)
            return math.nan
        raw = text
    elif isinstance(raw, float) and math.isnan(raw):
        return BLANK
    rule = leaf.rule
    kind = rule.kind
    if kind == m.YES_NO:
        return parse_yes_no(raw)
    if kind == m.LEVELS:
        return parse_level(raw, rule)
    if kind in (m.BANDS, m.LINEAR):
        if rule.measure == "ratio":
            return parse_ratio(raw, rule.zero_denominator)
        if rule.measure == "percent":
            return parse_percent(raw)
        if isinstance(raw, (int, float)):
            return float(raw)
        return parse_number(raw)
    if kind in (m.COUNT, m.DEDUCTION):
        return parse_whole(raw)
    if kind == m.SURVEY:
        return parse_percent(raw)
    # manual points
    value = float(raw) if isinstance(raw, (int, float)) else parse_number(raw)
    if not 0 <= value <= leaf.max + 1e-9:
        raise CellError("value_points_range", value=str(raw), max=leaf.max)
    return value
