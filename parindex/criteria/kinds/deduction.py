"""``deduction``: the maximum less a fixed amount per violation, never below a floor."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from parindex.i18n import format_number, t

from .. import model as m
from ._base import YPath
from ._counted import COUNTED_KEYS, Counted
from ._words import points_text, points_words


class Deduction(Counted):
    name = m.DEDUCTION
    keys = COUNTED_KEYS | {"per_violation", "floor"}

    def examples(self) -> list[dict[str, Any]]:
        return [{"kind": self.name, "per_violation": 0.5, "floor": 0.5}]

    def read_rule(self, reader, raw: dict, path: YPath, max_points: float) -> m.Rule:
        unit = reader.text(raw, "unit", path, False)
        per_violation = reader.number(raw, "per_violation", path, positive=True)
        floor = reader.number(raw, "floor", path, required=False)
        if floor is None:
            floor = 0.0
        elif not 0 <= floor < max_points:
            reader.problem("floor_range", path + ("floor",), value=floor, max=max_points)
        return m.Rule(kind=self.name, per_violation=per_violation, floor=floor, unit=unit)

    def parameters(self, rules: list[m.Rule]) -> dict[str, np.ndarray]:
        return {
            "per_violation": np.array([r.per_violation for r in rules], dtype=float),
            "floor": np.array([r.floor for r in rules], dtype=float),
        }

    def kernel(self, x: np.ndarray, max_points: np.ndarray, params: dict[str, np.ndarray]) -> np.ndarray:
        return np.maximum(max_points - x * params["per_violation"][:, None], params["floor"][:, None])

    def points(self, leaf: m.Leaf, value: float) -> float:
        return max(leaf.max - value * leaf.rule.per_violation, leaf.rule.floor)

    def describe(self, leaf: m.Leaf, lang: str) -> str:
        rule = leaf.rule
        return t(
            "rule.deduction",
            lang,
            max=points_text(leaf.max, lang),
            per=points_text(rule.per_violation, lang),
            floor=points_text(rule.floor, lang),
        )

    def guidance(self, leaf: m.Leaf) -> str:
        rule = leaf.rule
        words = f"Không vi phạm: {points_words(leaf.max)}; mỗi {rule.unit or 'lần vi phạm'} trừ {points_words(rule.per_violation)}"
        if rule.floor > 0:
            words += f", trừ tối đa {points_words(leaf.max - rule.floor)}"
        return words + "."

    def typical_values(self, leaf: m.Leaf, lang: str) -> list[tuple[str, float]]:
        return [(format_number(v, lang=lang), float(v)) for v in (0, 1, 2, 4)]

    def example(self, leaf: m.Leaf, lang: str) -> str:
        return "0"

    def steps(self, leaf: m.Leaf, value: float, limit: float | None) -> list[tuple[float, float]]:
        rule = leaf.rule
        # below the count where the floor is reached, fewer violations add nothing
        useful = min(int(value), math.ceil((leaf.max - rule.floor) / rule.per_violation - 1e-9))
        return [(float(c), float(value - c)) for c in range(useful - 1, -1, -1)]

    def best_value(self, leaf: m.Leaf) -> float:
        return 0.0

    def sample(self, leaf: m.Leaf, quality: float, rng: np.random.Generator) -> str:
        return str(int(rng.poisson((1 - quality) * 2.5)))


KIND = Deduction()
