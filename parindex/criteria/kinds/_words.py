"""How numbers are written in the kinds' words: shares, measured values, a decision's own style, typed values."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from parindex.i18n import check_language, format_number, format_pct, t

from .. import model as m


def measure_text(value: float, rule: m.Rule, lang: str) -> str:
    """A measured value as shown in a rule's description: ``95 %`` or ``3 ngày``."""
    if rule.measure in ("percent", "ratio"):
        return format_pct(value, decimals=2, lang=lang).replace(",00 ", " ").replace(".00%", "%")
    unit = f" {rule.unit}" if rule.unit else ""
    return f"{format_number(value, lang=lang)}{unit}"


def vn_text(value: float) -> str:
    """A number as a decision writes it: 0,5 · 1,25 · 1.000 (exact to 6 decimals, no trailing zeros)."""
    return format_number(round(float(value), 6), 6, "vi").rstrip("0").rstrip(",")


def points_text(value: float, lang: str) -> str:
    """Points as read in a rule's description: ``0,75 điểm``, ``1 point``, ``2.5 points``."""
    return t("rule.point" if value == 1 else "rule.points", lang, points=format_number(value, lang=lang))


def ladder_words(steps: Iterable[tuple[str, float]], points: Callable[[float], str]) -> str:
    """Each condition with the points it gives, as a decision writes them: ``từ 98 % trở lên: 0,75 điểm; …``."""
    return "; ".join(f"{condition}: {points(value)}" for condition, value in steps)


def reach_words(amount: str, higher_is_better: bool, lang: str) -> str:
    """Reaching a mark: ``từ 98 % trở lên`` (or ``trở xuống`` where less is better)."""
    return t("rule.at_least" if higher_is_better else "rule.at_most", lang, amount=amount)


def points_words(value: float) -> str:
    """``0,5 điểm``, as a decision writes points."""
    return f"{vn_text(value)} điểm"


def amount_words(value: float, rule: m.Rule) -> str:
    """A measured value as a decision writes it: ``95%`` or ``3 ngày``."""
    if rule.measure in ("percent", "ratio"):
        return f"{vn_text(value)}%"
    return f"{vn_text(value)} {rule.unit}" if rule.unit else vn_text(value)


def plain_number(value: float, lang: str = "vi", decimals: int = 6) -> str:
    """A number as typed: no thousands separator (``1.234`` would read as 1,234 in a rate), decimal comma in vi."""
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text.replace(".", ",") if check_language(lang) == "vi" else text


def typed_percent(value: float, lang: str, decimals: int) -> str:
    """A rate as typed: ``97,5 %`` in Vietnamese, ``97.5%`` in English."""
    number = plain_number(value, lang, decimals)
    return f"{number} %" if check_language(lang) == "vi" else f"{number}%"


def vn_sample_number(value: float, decimals: int) -> str:
    """A number the way a Vietnamese office types it, thousands grouped with dots: ``35.475`` or ``99,70``."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
