"""``bands``: a measured value reaching a threshold earns that band's share ("at least" or "at most")."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from parindex.i18n import t

from .. import model as m
from ._base import YPath
from ._measured import MEASURED_KEYS, Measured
from ._words import ladder_words, measure_text, points_text, reach_words


class Bands(Measured):
    name = m.BANDS
    keys = MEASURED_KEYS | {"bands"}
    step_cost = 1.0  # one band up
    directed = True

    def examples(self) -> list[dict[str, Any]]:
        return [
            {
                "kind": self.name,
                "measure": "percent",
                "bands": [{"at_least": 95, "share": 100}, {"at_least": 80, "share": 50}],
            },
            {
                "kind": self.name,
                "measure": "number",
                "unit": "ngày",
                "bands": [{"at_most": 0, "share": 100}, {"at_most": 5, "share": 25}],
            },
            {
                "kind": self.name,
                "measure": "ratio",
                "zero_denominator": "full",
                "bands": [{"at_least": 90, "points": 2}],
            },
        ]

    def read_rule(self, reader, raw: dict, path: YPath, max_points: float) -> m.Rule:
        measure = self.read_measure(reader, raw, path)
        higher, bands = reader.bands(raw, path, max_points, measure["measure"])
        return m.Rule(higher_is_better=higher, bands=bands, **measure)

    def higher(self, rule: m.Rule) -> bool:
        return rule.higher_is_better

    def marks(self, rule: m.Rule) -> list[float]:
        return [b.threshold for b in rule.bands]

    def best_mark(self, rule: m.Rule) -> float:
        return rule.bands[0].threshold

    def parameters(self, rules: list[m.Rule]) -> dict[str, np.ndarray]:
        """Thresholds (sign-flipped for "at most", so larger is always better) and a lookup of shares.

        Thresholds decrease along each row and unused positions hold +inf, so the bands a value
        reaches are always the last ``c`` real ones; ``lookup[row, c]`` holds the share of the best
        band reached when ``c`` bands are reached (0 when ``c`` is 0).
        """
        width = max(len(r.bands) for r in rules)
        sign = np.array([1.0 if r.higher_is_better else -1.0 for r in rules])
        thresholds = np.full((len(rules), width), np.inf)
        lookup = np.zeros((len(rules), width + 1))
        for row, rule in enumerate(rules):
            for col, band in enumerate(rule.bands):
                thresholds[row, col] = band.threshold * sign[row]
                lookup[row, len(rule.bands) - col] = band.share
        return {"sign": sign, "thresholds": thresholds, "lookup": lookup}

    def kernel(self, x: np.ndarray, max_points: np.ndarray, params: dict[str, np.ndarray]) -> np.ndarray:
        signed = x * params["sign"][:, None]
        thresholds, lookup = params["thresholds"], params["lookup"]
        reached = np.zeros(x.shape, dtype=np.intp)
        for position in range(thresholds.shape[1]):
            reached += signed >= thresholds[:, position, None]
        return lookup[np.arange(lookup.shape[0])[:, None], reached] * max_points

    def points(self, leaf: m.Leaf, value: float) -> float:
        for band in leaf.rule.bands:
            if m.reaches(leaf.rule, value, band.threshold):
                return band.share * leaf.max
        return 0.0

    def ladder(self, leaf: m.Leaf, lang: str, amount: Callable[[float], str]) -> list[tuple[str, float]]:
        rule = leaf.rule
        key = "at_least" if rule.higher_is_better else "at_most"
        steps, previous = [], None
        for band in rule.bands:
            if previous is None:
                condition = reach_words(amount(band.threshold), rule.higher_is_better, lang)
            else:
                condition = t(f"rule.{key}_until", lang, amount=amount(band.threshold), limit=amount(previous))
            steps.append((condition, band.share * leaf.max))
            previous = band.threshold
        return [*steps, (t(f"rule.{key}_missed", lang, amount=amount(previous)), 0.0)]

    def applied(self, leaf: m.Leaf, value: float, lang: str) -> str:
        rule = leaf.rule
        steps = self.ladder(leaf, lang, lambda v: measure_text(v, rule, lang))
        reached = next((i for i, b in enumerate(rule.bands) if m.reaches(rule, value, b.threshold)), len(rule.bands))
        return ladder_words([steps[reached]], lambda p: points_text(p, lang))

    def typical_values(self, leaf: m.Leaf, lang: str) -> list[tuple[str, float]]:
        rule = leaf.rule
        marks = self.marks(rule)
        step = 1.0 if rule.measure == "number" else 0.5
        marks.append(marks[-1] - step if rule.higher_is_better else marks[-1] + step)
        return self.typical_labels(rule, marks, lang)

    def steps(self, leaf: m.Leaf, value: float, limit: float | None) -> list[tuple[float, float]]:
        rule = leaf.rule
        reached = sum(1 for b in rule.bands if not self.better(rule, b.threshold, value))
        n = len(rule.bands)
        return [(b.threshold, float(n - j - reached)) for j, b in enumerate(rule.bands) if n - j > reached]

    def next_values(self, leaf: m.Leaf, value: float, points: float, lang: str) -> list[tuple[str, float]]:
        rule = leaf.rule
        ladder = [(self.reach(leaf, b.threshold, lang), b.share * leaf.max) for b in rule.bands]
        return [s for s in reversed(ladder) if s[1] > points + 1e-12]


KIND = Bands()
