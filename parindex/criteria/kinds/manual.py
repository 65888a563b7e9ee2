"""``manual``: the appraisal council awards the points itself, from 0 to the maximum."""

from __future__ import annotations

from typing import Any

import numpy as np

from parindex.i18n import format_number, t

from .. import model as m
from .._values import CellError, read_number_cell
from ._base import InputCheck, RuleKind
from ._words import points_text, points_words, vn_sample_number


class Manual(RuleKind):
    name = m.MANUAL

    def parse(self, raw: Any, leaf: m.Leaf) -> float:
        value = read_number_cell(raw)
        if not 0 <= value <= leaf.max + 1e-9:
            raise CellError("value_points_range", value=str(raw), max=leaf.max)
        return value

    def column_mode(self, rule: m.Rule) -> str:
        return "manual"

    def kernel(self, x: np.ndarray, max_points: np.ndarray, params: dict[str, np.ndarray]) -> np.ndarray:
        return np.clip(x, 0.0, max_points)

    def points(self, leaf: m.Leaf, value: float) -> float:
        return min(max(value, 0.0), leaf.max)

    def describe(self, leaf: m.Leaf, lang: str) -> str:
        return t("rule.manual", lang, max=points_text(leaf.max, lang))

    def guidance(self, leaf: m.Leaf) -> str:
        return f"Hội đồng thẩm định cho điểm, từ 0 đến {points_words(leaf.max)}."

    def example(self, leaf: m.Leaf, lang: str) -> str:
        return format_number(leaf.max / 2, lang=lang)  # half the maximum

    def input_check(self, leaf: m.Leaf) -> InputCheck:
        return InputCheck("range", low=0.0, high=float(leaf.max))

    def widget(self, rule: m.Rule) -> str:
        return "points"

    def best_value(self, leaf: m.Leaf) -> float:
        return float(leaf.max)

    def sample(self, leaf: m.Leaf, quality: float, rng: np.random.Generator) -> str:
        return vn_sample_number(round(leaf.max * (0.4 + 0.6 * quality) * 4) / 4, 2)

    def sample_extra(self, leaf: m.Leaf, rng: np.random.Generator) -> str | None:
        return vn_sample_number(round(leaf.max * rng.random() * 4) / 4, 2)


KIND = Manual()
