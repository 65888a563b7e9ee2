"""Rules in words: what to type and how points are given (the results in words are in parindex.scoring).

Used by the command line (``explain``), the criteria browser, the Excel template and the unit
profile, so a rule is described the same way everywhere.
"""

from __future__ import annotations

import math

from parindex.i18n import format_number, format_pct, t

from . import model as m


def _measure_text(value: float, rule: m.Rule, lang: str) -> str:
    if rule.measure in ("percent", "ratio"):
        return format_pct(value, decimals=2, lang=lang).replace(",00 ", " ").replace(".00%", "%")
    unit = f" {rule.unit}" if rule.unit else ""
    return f"{format_number(value, lang=lang)}{unit}"


def _share_text(share: float, lang: str) -> str:
    return format_pct(share * 100, decimals=0, lang=lang)


def describe_rule(leaf: m.Leaf, lang: str = "vi") -> str:
    """One line describing how ``leaf`` is scored, e.g. ``≥ 100 % → 100 %; ≥ 95 % → 50 %; lower → 0``."""
    rule, mx = leaf.rule, leaf.max
    kind = rule.kind
    if kind == m.YES_NO:
        return t("rule.yes_no", lang, max=format_number(mx, lang=lang))
    if kind == m.LEVELS:
        parts = [
            f"{lv.label_en if lang == 'en' and lv.label_en else lv.label} → {_share_text(lv.share, lang)}"
            for lv in rule.levels
        ]
        return "; ".join(parts)
    if kind == m.BANDS:
        sign = "≥" if rule.higher_is_better else "≤"
        parts = [f"{sign} {_measure_text(b.threshold, rule, lang)} → {_share_text(b.share, lang)}" for b in rule.bands]
        prefix = t("rule.ratio_prefix", lang) if rule.measure == "ratio" else ""
        return prefix + "; ".join(parts) + "; " + t("rule.otherwise_zero", lang)
    if kind == m.LINEAR:
        prefix = t("rule.ratio_prefix", lang) if rule.measure == "ratio" else ""
        return prefix + t(
            "rule.linear",
            lang,
            zero=_measure_text(rule.zero_at, rule, lang),
            full=_measure_text(rule.full_at, rule, lang),
        )
    if kind == m.COUNT:
        return t(
            "rule.count", lang, per=format_number(rule.per_item, lang=lang), cap=format_number(rule.cap, lang=lang)
        )
    if kind == m.DEDUCTION:
        return t(
            "rule.deduction",
            lang,
            max=format_number(mx, lang=lang),
            per=format_number(rule.per_violation, lang=lang),
            floor=format_number(rule.floor, lang=lang),
        )
    if kind == m.SURVEY:
        return t("rule.survey", lang, max=format_number(mx, lang=lang))
    return t("rule.manual", lang, max=format_number(mx, lang=lang))


def input_hint(leaf: m.Leaf, lang: str = "vi") -> str:
    """What staff should type in the values file for ``leaf``."""
    rule = leaf.rule
    if rule.kind == m.LEVELS:
        labels = [lv.label_en if lang == "en" and lv.label_en else lv.label for lv in rule.levels]
        return t("hint.levels", lang, options=" / ".join(labels))
    if rule.kind in (m.BANDS, m.LINEAR):
        return t(f"hint.{rule.measure}", lang, unit=rule.unit or "")
    return t(f"hint.{rule.kind}", lang, max=format_number(leaf.max, lang=lang))


def applied_step(leaf: m.Leaf, value: float, lang: str = "vi") -> str:
    """Which band or level a parsed value fell in, for the explanation."""
    rule = leaf.rule
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return t("explain.not_applicable", lang)
    if rule.kind == m.LEVELS:
        level = rule.levels[int(value)]
        return level.label_en if lang == "en" and level.label_en else level.label
    if rule.kind == m.BANDS:
        for band in rule.bands:
            if m.reaches(rule, value, band.threshold):
                sign = "≥" if rule.higher_is_better else "≤"
                return f"{sign} {_measure_text(band.threshold, rule, lang)} → {_share_text(band.share, lang)}"
        return t("explain.no_band", lang)
    if rule.kind == m.YES_NO:
        return t("explain.yes" if value >= 0.5 else "explain.no", lang)
    if rule.kind in (m.LINEAR,):
        return _measure_text(value, rule, lang)
    if rule.kind in (m.COUNT, m.DEDUCTION):
        return format_number(value, lang=lang)
    if rule.kind == m.SURVEY:
        return format_pct(value, lang=lang)
    return format_number(value, lang=lang)
