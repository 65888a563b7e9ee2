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
from decimal import Decimal
from fractions import Fraction
from typing import Any

from parindex.errors import ParindexError
from parindex.i18n import nfc

from . import model as m

NOT_APPLICABLE = {"kad", "không áp dụng", "khong ap dung", "n/a", "na", "not applicable"}
YES = {"có", "co", "yes", "y", "x", "1", "đạt", "dat", "true", "đúng", "dung", "c"}
NO = {"không", "khong", "no", "n", "0", "không đạt", "khong dat", "false", "chưa", "chua", "k"}

MAX_COUNT = 1_000_000  # no unit counts a million violations or items; a larger number is a typo
_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009")
_NUMBER = re.compile(r"^([+-]?)([0-9.,]+)$")
_GROUPED = {".": re.compile(r"^[1-9][0-9]{0,2}(\.[0-9]{3})+$"), ",": re.compile(r"^[1-9][0-9]{0,2}(,[0-9]{3})+$")}
_THREE_AFTER_ONE_MARK = re.compile(r"^[+-]?[1-9][0-9]{0,2}[.,][0-9]{3}$")


class CellError(ParindexError, ValueError):
    """A raw value that its rule cannot read; ``code`` is a ``problem.*`` message key."""

    prefix = "problem"


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


def read_decimal(text: str, whole: bool = False) -> Decimal:
    """The exact decimal written in ``text``, by the one rule for dots and commas.

    The rule (the same for every rule kind and every way a value arrives — CSV, Excel text cells,
    the scoring grid, ``--set`` on the command line), Vietnamese first:

    - only the digits 0–9; spaces may group thousands (``328 813``);
    - with both a dot and a comma, the last one is the decimal mark and the other groups thousands
      in threes (``1.234,56`` and ``1,234.56`` are both 1234,56);
    - a mark that appears more than once groups thousands (``1.234.567``);
    - a single comma is the decimal comma (``99,7``, ``12,345``);
    - a single dot is a decimal point (``99.7``, ``1.0``, ``1.50``) unless it could also group
      thousands — one to three digits (not starting with 0), the dot, exactly three digits, like
      ``1.500``. Such a value has two readings (1500 and 1,5): a value that must be whole (a count,
      a number of violations, the two counts of a ratio) takes the thousands reading, any other
      value is refused with a message that shows both readings.

    Raises :class:`CellError` (``value_not_number``, ``value_digits_script``, ``value_ambiguous``).
    """
    s = text.strip().translate(_SPACES)
    match = _NUMBER.match(s)
    if match is None:
        if any(ch.isdigit() and not "0" <= ch <= "9" for ch in s):
            raise CellError("value_digits_script", value=text)
        raise CellError("value_not_number", value=text)
    sign, body = match.groups()
    integer, fraction = _split_marks(body, text, whole)
    if not integer and not fraction:
        raise CellError("value_not_number", value=text)
    return Decimal(f"{sign}{integer or '0'}.{fraction or '0'}")


def _split_marks(body: str, text: str, whole: bool) -> tuple[str, str]:
    """Integer and fraction digits of ``body`` (digits, dots, commas) by the rule of :func:`read_decimal`."""
    dots, commas = body.count("."), body.count(",")
    if dots and commas:
        decimal = "," if body.rfind(",") > body.rfind(".") else "."
        integer, _, fraction = body.rpartition(decimal)
        if decimal in integer or not fraction or not _GROUPED["." if decimal == "," else ","].match(integer):
            raise CellError("value_not_number", value=text)
        return integer.replace("." if decimal == "," else ",", ""), fraction
    if dots > 1 or commas > 1:
        mark = "." if dots else ","
        if not _GROUPED[mark].match(body):
            raise CellError("value_not_number", value=text)
        return body.replace(mark, ""), ""
    if not dots and not commas:
        return body, ""
    integer, mark, fraction = body.partition("." if dots else ",")
    if not fraction:
        raise CellError("value_not_number", value=text)
    if mark == "." and _GROUPED["."].match(body):
        if whole:
            return integer + fraction, ""
        raise CellError("value_ambiguous", value=text, thousands=integer + fraction, decimal=_comma(integer, fraction))
    return integer, fraction


def _comma(integer: str, fraction: str) -> str:
    """The decimal reading written the Vietnamese way, without trailing zeros: ``1`` ``500`` → ``1,5``."""
    fraction = fraction.rstrip("0")
    return f"{integer},{fraction}" if fraction else integer


def parse_number(text: str, whole: bool = False) -> float:
    """:func:`read_decimal` as the nearest float (``99,7``, ``1.234,5``; ``312.085`` = 312085 when ``whole``).

    The nearest float of an exact decimal is what every threshold in a criteria set is too, so a
    value written like a threshold compares equal to it (``29,0`` reaches ``at_least: 29``).
    """
    return float(read_decimal(text, whole))


def _finite(raw: int | float) -> float:
    """A number cell (Excel) as a float; infinity and NaN are not values."""
    value = float(raw)
    if not math.isfinite(value):
        raise CellError("value_not_number", value=str(raw))
    return value


def _is_number_cell(raw: Any) -> bool:
    return isinstance(raw, (int, float)) and not isinstance(raw, bool)


def read_number_cell(raw: Any) -> float:
    """A number cell as it is, or a text cell read as a number (:func:`parse_number`)."""
    return _finite(raw) if _is_number_cell(raw) else parse_number(raw)


def parse_percent(raw: Any) -> float:
    """A rate in percent: ``99,7`` or ``99.7%``; Excel numbers are taken as they are."""
    if _is_number_cell(raw):
        value = _finite(raw)
        text = str(raw)
    else:
        text = clean_text(raw)
        value = parse_number(text.rstrip("%").strip())
    if not 0 <= value <= 100:
        raise CellError("value_percent_range", value=text)
    return value


def parse_ratio(raw: Any, zero_denominator: str) -> float:
    """``312.085/328.813`` → 94,91 (%), or a rate typed directly. NaN means not applicable.

    Both counts are whole numbers ≥ 0 with the numerator at most the denominator. The percentage
    is computed exactly (``100 · numerator / denominator`` as a fraction) and only then turned into
    the nearest float, so ``29/100`` is exactly 29 and reaches ``at_least: 29``. ``0/0`` follows
    ``zero_denominator``; any other count over 0 (``5/0``) is refused.
    """
    text = clean_text(raw) if not _is_number_cell(raw) else str(raw)
    if "/" not in text:
        return parse_percent(raw)
    top, _, bottom = text.partition("/")
    numerator, denominator = _ratio_count(top, text), _ratio_count(bottom, text)
    if denominator == 0:
        if numerator != 0:
            raise CellError("value_zero_denominator", value=text)
        return {"not_applicable": math.nan, "full": 100.0, "zero": 0.0}[zero_denominator]
    if numerator > denominator:
        raise CellError("value_ratio_above_one", value=text)
    return float(Fraction(100 * numerator, denominator))


def _ratio_count(part: str, text: str) -> int:
    """One count of a ratio: a whole number ≥ 0 (``1,500`` is refused as ambiguous, see :func:`parse_whole`)."""
    part = part.strip()
    if _THREE_AFTER_ONE_MARK.match(part.translate(_SPACES)) and "," in part:
        integer, _, fraction = part.translate(_SPACES).lstrip("+-").partition(",")
        raise CellError("value_ambiguous", value=text, thousands=integer + fraction, decimal=_comma(integer, fraction))
    number = read_decimal(part, whole=True)
    if number < 0:
        raise CellError("value_negative", value=text)
    if number != number.to_integral_value():
        raise CellError("value_ratio_whole", value=text)
    return int(number)


def parse_whole(raw: Any) -> float:
    """A count of items or violations: a whole number ≥ 0.

    ``1.500`` is 1500 (a count has no decimals, so the dot groups thousands); ``1,500`` would be
    1,5 by the decimal comma, which no count is, or 1500 written the English way: refused with
    both readings.
    """
    if _is_number_cell(raw):
        value, text = _finite(raw), str(raw)
    else:
        text = clean_text(raw)
        if "," in text and _THREE_AFTER_ONE_MARK.match(text.translate(_SPACES)):
            integer, _, fraction = text.translate(_SPACES).lstrip("+-").partition(",")
            raise CellError(
                "value_ambiguous", value=text, thousands=integer + fraction, decimal=_comma(integer, fraction)
            )
        value = parse_number(text, whole=True)
    if value < 0:
        raise CellError("value_negative", value=text)
    if value != int(value):
        raise CellError("value_not_whole", value=text)
    if value > MAX_COUNT:
        raise CellError("value_too_large", value=text, limit=MAX_COUNT)
    return value


def parse_measured_number(raw: Any, rule: m.Rule) -> float:
    """A plain number (days, a growth rate…): negative only where the rule allows it (``negative: true``)."""
    if _is_number_cell(raw):
        value, text = _finite(raw), str(raw)
    else:
        text = clean_text(raw)
        value = parse_number(text)
    if value < 0 and not rule.negative_allowed:
        raise CellError("value_negative", value=text)
    return value
