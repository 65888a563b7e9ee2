"""``yes_no``: the whole maximum for "có", nothing for "không"."""

from __future__ import annotations

from typing import Any

import numpy as np

from parindex.i18n import t

from .. import model as m
from .._values import NO, YES, CellError, clean_text, fold
from ._base import InputCheck, RuleKind
from ._words import points_text, points_words

OPTIONS = ("có", "không")  # as the template's drop-down offers them


def parse_yes_no(raw: Any) -> float:
    """1 for yes, 0 for no, in any of the ways staff write them (``có``, ``x``, ``đạt``, ``1``…)."""
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


class YesNo(RuleKind):
    name = m.YES_NO
    step_cost = 1.0  # from "không" to "có"

    def parse(self, raw: Any, leaf: m.Leaf) -> float:
        return parse_yes_no(raw)

    def column_mode(self, rule: m.Rule) -> str:
        return "words"

    def kernel(self, x: np.ndarray, max_points: np.ndarray, params: dict[str, np.ndarray]) -> np.ndarray:
        return (x >= 0.5) * max_points

    def points(self, leaf: m.Leaf, value: float) -> float:
        return leaf.max if value >= 0.5 else 0.0

    def describe(self, leaf: m.Leaf, lang: str) -> str:
        return t("rule.yes_no", lang, yes=points_text(leaf.max, lang), no=points_text(0.0, lang))

    def applied(self, leaf: m.Leaf, value: float, lang: str) -> str:
        return t("explain.yes" if value >= 0.5 else "explain.no", lang)

    def guidance(self, leaf: m.Leaf) -> str:
        return f"Có: {points_words(leaf.max)}; không: 0 điểm."

    def typical_values(self, leaf: m.Leaf, lang: str) -> list[tuple[str, float]]:
        return [(t("explain.yes", lang), 1.0), (t("explain.no", lang), 0.0)]

    def typed(self, leaf: m.Leaf, value: float, lang: str, decimals: int) -> str:
        return t("plan.yes" if value >= 0.5 else "plan.no", lang)

    def example(self, leaf: m.Leaf, lang: str) -> str:
        return OPTIONS[0]

    def input_check(self, leaf: m.Leaf) -> InputCheck:
        return InputCheck("list", OPTIONS)

    def widget(self, rule: m.Rule) -> str:
        return "toggle"

    def steps(self, leaf: m.Leaf, value: float, limit: float | None) -> list[tuple[float, float]]:
        return [(1.0, 1.0)] if value < 0.5 else []

    def best_value(self, leaf: m.Leaf) -> float:
        return 1.0

    def sample(self, leaf: m.Leaf, quality: float, rng: np.random.Generator) -> str:
        return "có" if rng.random() < 0.55 + 0.45 * quality else "không"


KIND = YesNo()
