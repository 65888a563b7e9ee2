"""What the measured kinds (a rate, a ratio of counts or a plain number scored by marks) share.

A measured rule reads a ``measure``: ``percent`` (``97,5``), ``ratio`` (``312.085/328.813``, kept as a
percentage) or ``number`` (days, a growth rate; negative only with ``negative: true``). Its kinds
differ only in how the measured value becomes points.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from parindex.i18n import format_number, t

from .. import model as m
from .._values import parse_measured_number, parse_percent, parse_ratio
from ._base import InputCheck, RuleKind, YPath
from ._words import (
    amount_words,
    ladder_words,
    measure_text,
    plain_number,
    points_text,
    points_words,
    reach_words,
    typed_percent,
    vn_sample_number,
)

MEASURED_KEYS = frozenset({"kind", "measure", "unit", "zero_denominator", "negative"})
PERCENT_LIKE = ("percent", "ratio")
SAMPLE_WHOLE_UNITS = ("ngày", "lần", "văn bản")  # sample values of these units are whole numbers


class Measured(RuleKind):
    """A rule on a measured value; subclasses read their marks and turn a value into points."""

    def read_measure(self, reader, raw: dict, path: YPath) -> dict[str, Any]:
        """The measure's own keys, as keyword arguments of :class:`~parindex.criteria.model.Rule`."""
        unit = reader.text(raw, "unit", path, False)
        measure = reader.choice(raw, "measure", path, m.MEASURES, "percent")
        if "measure" not in raw:
            reader.problem("missing_key", path + ("measure",), key="measure")
        zero_denominator = reader.choice(
            raw, "zero_denominator", path, ("not_applicable", "full", "zero"), "not_applicable"
        )
        return {
            "kind": self.name,
            "measure": measure,
            "zero_denominator": zero_denominator,
            "negative_allowed": reader.negative(raw, path, measure),
            "unit": unit,
        }

    def higher(self, rule: m.Rule) -> bool:
        """Is a larger value better?"""
        raise NotImplementedError(self.name)

    def better(self, rule: m.Rule, a: float, b: float) -> bool:
        """Is measured value ``a`` better than ``b``?"""
        return a > b if self.higher(rule) else a < b

    def marks(self, rule: m.Rule) -> list[float]:
        """The values where the points change."""
        raise NotImplementedError(self.name)

    def best_mark(self, rule: m.Rule) -> float:
        """The value that earns the maximum: it shows the scale of a plain number."""
        raise NotImplementedError(self.name)

    # -- values --------------------------------------------------------------------------------------------
    def parse(self, raw: Any, leaf: m.Leaf) -> float:
        rule = leaf.rule
        if rule.measure == "ratio":
            return parse_ratio(raw, rule.zero_denominator)
        if rule.measure == "percent":
            return parse_percent(raw)
        return parse_measured_number(raw, rule)

    def column_mode(self, rule: m.Rule) -> str:
        if rule.measure in PERCENT_LIKE:
            return rule.measure
        return "signed" if rule.negative_allowed else "number"

    # -- words ---------------------------------------------------------------------------------------------
    def ratio_prefix(self, rule: m.Rule, lang: str) -> str:
        return t("rule.ratio_prefix", lang) if rule.measure == "ratio" else ""

    def ladder(self, leaf: m.Leaf, lang: str, amount: Callable[[float], str]) -> list[tuple[str, float]]:
        """The conditions in words (``từ 80 % đến dưới 98 %``, amounts written by ``amount``) and their points."""
        raise NotImplementedError(self.name)

    def ladder_end(self, lang: str) -> str:
        """Words said after the ladder (how points fall between its steps), or nothing."""
        return ""

    def in_words(self, leaf: m.Leaf, lang: str, amount: Callable[[float], str], points: Callable[[float], str]) -> str:
        """The ladder as one sentence, starting with a capital, without the final full stop."""
        end = self.ladder_end(lang)
        text = ladder_words(self.ladder(leaf, lang, amount), points) + (f"; {end}" if end else "")
        return text[:1].upper() + text[1:]

    def describe(self, leaf: m.Leaf, lang: str) -> str:
        rule = leaf.rule
        words = self.in_words(leaf, lang, lambda v: measure_text(v, rule, lang), lambda p: points_text(p, lang))
        return self.ratio_prefix(rule, lang) + words

    def guidance(self, leaf: m.Leaf) -> str:
        rule = leaf.rule
        prefix = "Tỷ lệ tính trên tổng số. " if rule.measure == "ratio" else ""
        words = self.in_words(leaf, "vi", lambda v: amount_words(v, rule), points_words)
        return prefix + words + "." + self.zero_denominator_words(rule, leaf.max)

    def reach(self, leaf: m.Leaf, value: float, lang: str) -> str:
        """Reaching ``value`` in words, the value as typed: ``từ 100 % trở lên``."""
        return reach_words(self.shown(leaf, value, lang), self.higher(leaf.rule), lang)

    def hint(self, leaf: m.Leaf, lang: str) -> str:
        return t(f"hint.{leaf.rule.measure}", lang, unit=leaf.rule.unit or "")

    def applied(self, leaf: m.Leaf, value: float, lang: str) -> str:
        return measure_text(value, leaf.rule, lang)

    def zero_denominator_words(self, rule: m.Rule, max_points: float) -> str:
        """What a ratio of 0/0 gives, as the decision says it."""
        if rule.measure != "ratio":
            return ""
        if rule.zero_denominator == "full":
            return f" Không phát sinh: {points_words(max_points)}."
        if rule.zero_denominator == "zero":
            return " Không phát sinh: 0 điểm."
        return " Không phát sinh: không áp dụng."

    def typical_labels(self, rule: m.Rule, marks: list[float], lang: str) -> list[tuple[str, float]]:
        percent = rule.measure in PERCENT_LIKE
        suffix = (" %" if lang == "vi" else "%") if percent else (f" {rule.unit}" if rule.unit else "")
        return [(format_number(v, lang=lang) + suffix, v) for v in marks]

    # -- typing a value --------------------------------------------------------------------------------------
    def typed(self, leaf: m.Leaf, value: float, lang: str, decimals: int) -> str:
        if leaf.rule.measure in PERCENT_LIKE:
            return typed_percent(value, lang, decimals)
        return plain_number(value, lang, decimals)

    def shows_unit(self, rule: m.Rule) -> bool:
        return rule.measure != "percent"

    def example(self, leaf: m.Leaf, lang: str) -> str:
        rule = leaf.rule
        if rule.measure == "ratio":
            return "312.085/328.813" if lang == "vi" else "312085/328813"
        if rule.measure == "percent":
            return format_number(97.5, lang=lang)
        # A plain number: the mark of the maximum shows the scale expected (no thousands separator:
        # "1.000" would read back as 1).
        return plain_number(self.best_mark(rule), lang, 3)

    def input_check(self, leaf: m.Leaf) -> InputCheck:
        return InputCheck("range", low=0.0, high=100.0) if leaf.rule.measure == "percent" else InputCheck()

    def text_cell(self, rule: m.Rule) -> bool:
        return rule.measure == "ratio"

    def widget(self, rule: m.Rule) -> str:
        return "rate" if rule.measure in PERCENT_LIKE else "number"

    # -- sample data ----------------------------------------------------------------------------------------
    def sample(self, leaf: m.Leaf, quality: float, rng: np.random.Generator) -> str:
        rule = leaf.rule
        low, high = min(self.marks(rule)), max(self.marks(rule))
        span = max(high - low, 1.0)
        if self.higher(rule):
            value = low - 0.3 * span + 1.4 * span * quality
        else:
            value = high + 0.3 * span - 1.4 * span * quality
        if rule.measure in PERCENT_LIKE:
            value = float(np.clip(value, 0.0, 100.0))
            if rule.measure == "ratio" and rng.random() < 0.7:
                denominator = int(rng.integers(150, 60000))
                numerator = round(denominator * value / 100)
                return f"{vn_sample_number(numerator, 0)}/{vn_sample_number(denominator, 0)}"
            return _rate_text(value, rng)
        value = max(value, 0.0)
        return vn_sample_number(round(value), 0) if self.sample_whole(rule) else vn_sample_number(value, 1)

    def sample_whole(self, rule: m.Rule) -> bool:
        """Are sample values of a plain number whole (days, times, documents)?"""
        return rule.unit in SAMPLE_WHOLE_UNITS


def _rate_text(value: float, rng: np.random.Generator) -> str:
    """A rate typed in one of the ways staff type it."""
    style = rng.integers(0, 4)
    decimals = int(rng.integers(1, 3))
    if style == 0:
        return f"{value:.{decimals}f}%"
    if style == 1:
        return f"{vn_sample_number(value, decimals)} %"
    return vn_sample_number(value, decimals)
