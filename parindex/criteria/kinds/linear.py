"""``linear``: points grow in proportion from ``zero_at`` (nothing) to ``full_at`` (the maximum)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from parindex.i18n import t

from .. import model as m
from ._base import YPath
from ._measured import MEASURED_KEYS, Measured
from ._words import reach_words

GRID_STEPS = 5  # the grid planner's evenly spaced values towards full_at


class Linear(Measured):
    name = m.LINEAR
    keys = MEASURED_KEYS | {"zero_at", "full_at"}
    step_cost = 0.1  # one unit of the measure (one percentage point, one day…)
    continuous = True

    def examples(self) -> list[dict[str, Any]]:
        return [
            {"kind": self.name, "measure": "percent", "zero_at": 50, "full_at": 100},
            {"kind": self.name, "measure": "ratio", "zero_at": 0, "full_at": 80, "zero_denominator": "zero"},
            {"kind": self.name, "measure": "number", "unit": "ngày", "zero_at": 10, "full_at": 0},
        ]

    def read_rule(self, reader, raw: dict, path: YPath, max_points: float) -> m.Rule:
        measure = self.read_measure(reader, raw, path)
        zero_at = reader.number(raw, "zero_at", path)
        full_at = reader.number(raw, "full_at", path)
        if zero_at is not None and full_at is not None:
            if zero_at == full_at:
                reader.problem("linear_equal", path + ("full_at",), value=full_at)
            for key, value in (("zero_at", zero_at), ("full_at", full_at)):
                reader.check_measure_range(measure["measure"], value, path + (key,))
        return m.Rule(zero_at=zero_at, full_at=full_at, **measure)

    def higher(self, rule: m.Rule) -> bool:
        return rule.full_at > rule.zero_at

    def marks(self, rule: m.Rule) -> list[float]:
        return [rule.zero_at, rule.full_at]

    def best_mark(self, rule: m.Rule) -> float:
        return rule.full_at

    def parameters(self, rules: list[m.Rule]) -> dict[str, np.ndarray]:
        return {
            "zero_at": np.array([r.zero_at for r in rules], dtype=float),
            "full_at": np.array([r.full_at for r in rules], dtype=float),
        }

    def kernel(self, x: np.ndarray, max_points: np.ndarray, params: dict[str, np.ndarray]) -> np.ndarray:
        zero, full = params["zero_at"][:, None], params["full_at"][:, None]
        return np.clip((x - zero) / (full - zero), 0.0, 1.0) * max_points

    def points(self, leaf: m.Leaf, value: float) -> float:
        rule = leaf.rule
        share = (value - rule.zero_at) / (rule.full_at - rule.zero_at)
        return min(max(share, 0.0), 1.0) * leaf.max

    def ladder(self, leaf: m.Leaf, lang: str, amount: Callable[[float], str]) -> list[tuple[str, float]]:
        rule = leaf.rule
        up = self.higher(rule)
        return [
            (reach_words(amount(rule.zero_at), not up, lang), 0.0),
            (reach_words(amount(rule.full_at), up, lang), float(leaf.max)),
        ]

    def ladder_end(self, lang: str) -> str:
        return t("rule.linear_between", lang)

    def typical_values(self, leaf: m.Leaf, lang: str) -> list[tuple[str, float]]:
        rule = leaf.rule
        return self.typical_labels(rule, [rule.full_at, (rule.full_at + rule.zero_at) / 2, rule.zero_at], lang)

    def steps(self, leaf: m.Leaf, value: float, limit: float | None) -> list[tuple[float, float]]:
        """Evenly spaced values from where points start to ``full_at`` (or the limit), on a 0.01 grid.

        Values are rounded towards the goal, so the typed text reads back to exactly the value planned.
        """
        rule = leaf.rule
        up = self.higher(rule)
        goal = rule.full_at
        if limit is not None and self.better(rule, goal, limit):
            goal = math.floor(limit * 100 + 1e-6) / 100 if up else math.ceil(limit * 100 - 1e-6) / 100
        if not self.better(rule, goal, value):
            return []
        start = max(value, rule.zero_at) if up else min(value, rule.zero_at)
        found: set[float] = set()
        for i in range(1, GRID_STEPS + 1):
            x = start + (goal - start) * i / GRID_STEPS
            x = math.ceil(x * 100 - 1e-6) / 100 if up else math.floor(x * 100 + 1e-6) / 100
            x = min(x, goal) if up else max(x, goal)
            if self.better(rule, x, value):
                found.add(x)
        return [(x, abs(x - value)) for x in sorted(found)]

    def next_values(self, leaf: m.Leaf, value: float, points: float, lang: str) -> list[tuple[str, float]]:
        if leaf.max <= points + 1e-12:
            return []
        return [(self.reach(leaf, leaf.rule.full_at, lang), leaf.max)]


KIND = Linear()
