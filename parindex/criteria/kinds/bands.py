"""``bands``: a measured value reaching a threshold earns that band's share ("at least" or "at most")."""

from __future__ import annotations

from typing import Any

import numpy as np

from parindex.i18n import t

from .. import model as m
from ._base import YPath
from ._measured import MEASURED_KEYS, Measured
from ._words import amount_words, measure_text, points_words, share_text


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

    def step_text(self, rule: m.Rule, band: m.Band, lang: str) -> str:
        sign = "≥" if rule.higher_is_better else "≤"
        return f"{sign} {measure_text(band.threshold, rule, lang)} → {share_text(band.share, lang)}"

    def describe(self, leaf: m.Leaf, lang: str) -> str:
        rule = leaf.rule
        steps = "; ".join(self.step_text(rule, b, lang) for b in rule.bands)
        return self.ratio_prefix(rule, lang) + steps + "; " + t("rule.otherwise_zero", lang)

    def applied(self, leaf: m.Leaf, value: float, lang: str) -> str:
        for band in leaf.rule.bands:
            if m.reaches(leaf.rule, value, band.threshold):
                return self.step_text(leaf.rule, band, lang)
        return t("explain.no_band", lang)

    def guidance(self, leaf: m.Leaf) -> str:
        rule = leaf.rule
        parts, previous = [], None
        for band in rule.bands:
            amount = amount_words(band.threshold, rule)
            if previous is None:
                cond = f"từ {amount} trở lên" if rule.higher_is_better else f"từ {amount} trở xuống"
            elif rule.higher_is_better:
                cond = f"từ {amount} đến dưới {amount_words(previous, rule)}"
            else:
                cond = f"trên {amount_words(previous, rule)} đến {amount}"
            parts.append(f"{cond}: {points_words(band.share * leaf.max)}")
            previous = band.threshold
        last = amount_words(previous, rule)
        parts.append(f"dưới {last}: 0 điểm" if rule.higher_is_better else f"trên {last}: 0 điểm")
        prefix = "Tỷ lệ tính trên tổng số. " if rule.measure == "ratio" else ""
        text = "; ".join(parts)
        return prefix + text[:1].upper() + text[1:] + "." + self.zero_denominator_words(rule, leaf.max)

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
        sign = "≥" if rule.higher_is_better else "≤"
        ladder = [(f"{sign} {self.shown(leaf, b.threshold, lang)}", b.share * leaf.max) for b in rule.bands]
        return [s for s in reversed(ladder) if s[1] > points + 1e-12]


KIND = Bands()
