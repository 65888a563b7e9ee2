"""``count``: points for each item (an initiative, a database…), up to a cap."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from parindex.i18n import format_number, t

from .. import model as m
from ._base import YPath
from ._counted import COUNTED_KEYS, Counted
from ._words import points_text, points_words

CAP_TOLERANCE = 0.001  # a cap written as the maximum may differ from it by a rounding hair


class Count(Counted):
    name = m.COUNT
    keys = COUNTED_KEYS | {"per_item", "cap"}

    def examples(self) -> list[dict[str, Any]]:
        return [{"kind": self.name, "per_item": 0.5, "cap": 1.5, "unit": "sáng kiến"}]

    def read_rule(self, reader, raw: dict, path: YPath, max_points: float) -> m.Rule:
        unit = reader.text(raw, "unit", path, False)
        per_item = reader.number(raw, "per_item", path, positive=True)
        cap = reader.number(raw, "cap", path, required=False, positive=True)
        if cap is not None and cap > max_points + CAP_TOLERANCE:
            reader.problem("cap_above_max", path + ("cap",), value=cap, max=max_points)
        return m.Rule(kind=self.name, per_item=per_item, cap=min(cap, max_points) if cap else max_points, unit=unit)

    def parameters(self, rules: list[m.Rule]) -> dict[str, np.ndarray]:
        return {
            "per_item": np.array([r.per_item for r in rules], dtype=float),
            "cap": np.array([r.cap for r in rules], dtype=float),
        }

    def kernel(self, x: np.ndarray, max_points: np.ndarray, params: dict[str, np.ndarray]) -> np.ndarray:
        return np.minimum(x * params["per_item"][:, None], params["cap"][:, None])

    def points(self, leaf: m.Leaf, value: float) -> float:
        return min(value * leaf.rule.per_item, leaf.rule.cap)

    def best_points(self, leaf: m.Leaf) -> float:
        return float(leaf.rule.cap)

    def items_for_cap(self, rule: m.Rule) -> int:
        """How many items reach the cap."""
        return math.ceil(rule.cap / rule.per_item - 1e-9)

    def describe(self, leaf: m.Leaf, lang: str) -> str:
        per, cap = points_text(leaf.rule.per_item, lang), points_text(leaf.rule.cap, lang)
        return t("rule.count", lang, per=per, cap=cap)

    def guidance(self, leaf: m.Leaf) -> str:
        rule = leaf.rule
        verb = "trừ" if leaf.part == m.PENALTY else "được"
        return f"Mỗi {rule.unit or 'việc'} {verb} {points_words(rule.per_item)}, tối đa {points_words(rule.cap)}."

    def typical_values(self, leaf: m.Leaf, lang: str) -> list[tuple[str, float]]:
        rule = leaf.rule
        most = math.ceil((rule.cap or leaf.max) / rule.per_item) if rule.per_item else 1
        return [(format_number(v, lang=lang), float(v)) for v in sorted({0, 1, most, most + 1})]

    def example(self, leaf: m.Leaf, lang: str) -> str:
        return "2"

    def steps(self, leaf: m.Leaf, value: float, limit: float | None) -> list[tuple[float, float]]:
        return [(float(c), float(c - value)) for c in range(int(value) + 1, self.items_for_cap(leaf.rule) + 1)]

    def next_values(self, leaf: m.Leaf, value: float, points: float, lang: str) -> list[tuple[str, float]]:
        rule = leaf.rule
        if rule.cap <= points + 1e-12:
            return []
        return [(self.shown(leaf, float(self.items_for_cap(rule)), lang), rule.cap)]

    def sample(self, leaf: m.Leaf, quality: float, rng: np.random.Generator) -> str:
        needed = int(np.ceil(leaf.rule.cap / leaf.rule.per_item))
        return str(int(rng.binomial(needed + 1, quality)))


KIND = Count()
