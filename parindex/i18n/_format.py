"""Vietnamese-first text and number formatting.

Streamlit has no translation layer, so the app keeps its own catalogue: data files in
``parindex/i18n/messages/`` read by :mod:`parindex.i18n._catalogue`.
Vietnamese is the default everywhere; English is one argument away. Numbers follow each language's
convention: ``1.234,56`` and ``86,84 %`` in Vietnamese, ``1,234.56`` and ``86.84%`` in English.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import string
import unicodedata
from typing import Any

from ._catalogue import messages

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"


def nfc(text: str) -> str:
    """Unicode NFC: Excel and some input methods send decomposed Vietnamese letters."""
    return unicodedata.normalize("NFC", text)


def check_language(lang: str) -> str:
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, lang: str = DEFAULT_LANGUAGE, /, **params: Any) -> str:
    """The message ``key`` in ``lang`` with ``params`` filled in.

    Float parameters are formatted in the language's number style, so callers pass raw numbers. Integer
    parameters are formatted only where the message marks them as counts (``{count:n}``): a year stays 2026.
    An unknown key returns the key itself, which a test catches rather than a user.
    """
    entry = messages().get(key)
    if entry is None:
        return key
    lang = check_language(lang)
    template = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    shown = {k: (format_number(v, lang=lang) if isinstance(v, float) else v) for k, v in params.items()}
    return _MessageFormatter(lang).format(template, **shown)


COUNT_SPEC = "n"  # "{count:n}" in a message: a whole number in the language's style (1.234 / 1,234)


class _MessageFormatter(string.Formatter):
    """``str.format`` plus one format spec, :data:`COUNT_SPEC`, for counts and sizes: integers are not formatted
    on their own, because a year must stay 2026, so a message marks the placeholders that hold a count."""

    def __init__(self, lang: str):
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec != COUNT_SPEC:
            return super().format_field(value, format_spec)
        if isinstance(value, int) and not isinstance(value, bool):
            return format_number(value, 0, self.lang)
        return str(value)  # already formatted (a float above, or text)


def format_number(value: float | int | None, decimals: int | None = None, lang: str = DEFAULT_LANGUAGE) -> str:
    """``1234.5`` → ``1.234,5`` (vi) or ``1,234.5`` (en).

    With ``decimals=None`` trailing zeros are dropped (up to 3 decimals), which suits maxima such
    as 9.5 or 0.25 points; give ``decimals`` for results that must line up in a table.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if decimals is None:
        text = f"{value:,.3f}".rstrip("0").rstrip(".")
        if text in ("-0", ""):
            text = "0"
    else:
        text = f"{value:,.{decimals}f}"
        if text.startswith("-") and float(text.replace(",", "")) == 0:
            text = text[1:]
    if check_language(lang) == "vi":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def format_pct(value: float | None, decimals: int = 2, lang: str = DEFAULT_LANGUAGE) -> str:
    """``86.84`` → ``86,84 %`` (vi) or ``86.84%`` (en); ``value`` is already in percent."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    number = format_number(value, decimals, lang)
    return f"{number} %" if check_language(lang) == "vi" else f"{number}%"


def format_date(value: _dt.date, lang: str = DEFAULT_LANGUAGE) -> str:
    """``25/11/2026`` (vi) or ``25 Nov 2026`` (en)."""
    if check_language(lang) == "vi":
        return value.strftime("%d/%m/%Y")
    return value.strftime("%d %b %Y")


LOCAL_TIMEZONE = "Asia/Ho_Chi_Minh"


def local_time(moment: _dt.datetime) -> _dt.datetime:
    """A moment in Vietnam's time (UTC+7, no daylight saving), for showing to a person.

    The database keeps naive UTC times (``db_models.now``); a naive value is read as UTC.
    """
    from zoneinfo import ZoneInfo

    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=_dt.UTC)
    return aware.astimezone(ZoneInfo(LOCAL_TIMEZONE))


def format_datetime(moment: _dt.datetime, lang: str = DEFAULT_LANGUAGE) -> str:
    """``25/11/2026 14:05`` (vi) or ``25 Nov 2026 14:05`` (en), in Vietnam's time."""
    shown = local_time(moment)
    return f"{format_date(shown.date(), lang)} {shown:%H:%M}"


_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$", re.ASCII)  # 1.500 or 312.085: dots group thousands
_COMMA_DECIMAL = re.compile(r"^(\d{1,3}(\.\d{3})+|\d+),\d+$", re.ASCII)  # 99,4 or 1.234,56
_DOT_DECIMAL = re.compile(r"^\d+\.\d+$", re.ASCII)  # 99.4: a dot that does not group thousands
_WHOLE = re.compile(r"^\d+$", re.ASCII)


_EN_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$", re.ASCII)  # 1,234.5


def parse_number(text: str, lang: str = DEFAULT_LANGUAGE) -> float | None:
    """A number typed by a person, in the language's style or with a decimal point; None if it is not one.

    In English commas group thousands (``1,234.5``) and the dot is the decimal point. In Vietnamese:
    ``99,4`` and ``1.234,56`` (comma decimal, dots grouping thousands), ``1.500`` (a dot followed by
    groups of exactly three digits groups thousands), ``99.4`` (any other single dot is a decimal
    point), ``86,84 %`` (a trailing percent sign is dropped). Only ASCII digits: a digit of another
    script is refused rather than read.
    """
    cleaned = nfc(text).strip().replace("\u00a0", "").replace(" ", "").removesuffix("%")
    sign = -1.0 if cleaned.startswith("-") else 1.0
    cleaned = cleaned.lstrip("+-")
    if check_language(lang) == "en":
        if _EN_GROUPED.match(cleaned):
            cleaned = cleaned.replace(",", "")
        return sign * float(cleaned) if _WHOLE.match(cleaned) or _DOT_DECIMAL.match(cleaned) else None
    if _WHOLE.match(cleaned):
        return sign * float(cleaned)
    if _COMMA_DECIMAL.match(cleaned):
        return sign * float(cleaned.replace(".", "").replace(",", "."))
    if _GROUPED.match(cleaned):
        return sign * float(cleaned.replace(".", ""))
    if _DOT_DECIMAL.match(cleaned):
        return sign * float(cleaned)
    return None
