"""``levels``: ordered levels (mức), each worth a share of the maximum; staff type the level's name."""

from __future__ import annotations

from typing import Any

import numpy as np

from parindex.i18n import t

from .. import model as m
from .._values import CellError, clean_text, fold
from ._base import InputCheck, RuleKind, YPath
from ._words import ladder_words, points_text, points_words


def parse_level(raw: Any, rule: m.Rule) -> float:
    """Index of the level whose label (Vietnamese or English) matches, ignoring case and accents."""
    text = clean_text(raw)
    wanted = text.casefold()
    for index, level in enumerate(rule.levels):
        if wanted in (level.label.casefold(), (level.label_en or "").casefold()):
            return float(index)
    matches = [i for i, lv in enumerate(rule.levels) if fold(text) in (fold(lv.label), fold(lv.label_en or ""))]
    if len(matches) == 1:
        return float(matches[0])
    raise CellError("value_level", value=text, options=" / ".join(lv.label for lv in rule.levels))


def _label(level: m.Level, lang: str) -> str:
    return level.label_en if lang == "en" and level.label_en else level.label


class Levels(RuleKind):
    name = m.LEVELS
    keys = frozenset({"kind", "levels"})
    step_cost = 1.0  # one level up (levels ordered by their share)

    def examples(self) -> list[dict[str, Any]]:
        return [
            {
                "kind": self.name,
                "levels": [
                    {"label": "Tốt", "share": 100},
                    {"label": "Đạt", "points": 1},
                    {"label": "Chưa đạt", "share": 0},
                ],
            }
        ]

    def read_rule(self, reader, raw: dict, path: YPath, max_points: float) -> m.Rule:
        return m.Rule(kind=self.name, levels=reader.levels(raw, path, max_points))

    def parse(self, raw: Any, leaf: m.Leaf) -> float:
        return parse_level(raw, leaf.rule)

    def column_mode(self, rule: m.Rule) -> str:
        return "words"

    def parameters(self, rules: list[m.Rule]) -> dict[str, np.ndarray]:
        width = max(len(r.levels) for r in rules)
        # one extra column of 0 at the end: where a not-applicable (NaN) value is looked up
        return {
            "shares": np.array([[lv.share for lv in r.levels] + [0.0] * (width + 1 - len(r.levels)) for r in rules])
        }

    def kernel(self, x: np.ndarray, max_points: np.ndarray, params: dict[str, np.ndarray]) -> np.ndarray:
        shares = params["shares"]
        index = np.nan_to_num(x, nan=shares.shape[1] - 1).astype(np.intp).clip(0, shares.shape[1] - 1)
        return shares[np.arange(shares.shape[0])[:, None], index] * max_points

    def points(self, leaf: m.Leaf, value: float) -> float:
        return leaf.rule.levels[int(value)].share * leaf.max

    def describe(self, leaf: m.Leaf, lang: str) -> str:
        steps = [(_label(lv, lang), lv.share * leaf.max) for lv in leaf.rule.levels]
        return ladder_words(steps, lambda p: points_text(p, lang))

    def hint(self, leaf: m.Leaf, lang: str) -> str:
        return t("hint.levels", lang, options=" / ".join(_label(lv, lang) for lv in leaf.rule.levels))

    def applied(self, leaf: m.Leaf, value: float, lang: str) -> str:
        return _label(leaf.rule.levels[int(value)], lang)

    def guidance(self, leaf: m.Leaf) -> str:
        words = "; ".join(f"{lv.label}: {points_words(lv.share * leaf.max)}" for lv in leaf.rule.levels)
        return f"Đánh giá theo mức: {words}."

    def typical_values(self, leaf: m.Leaf, lang: str) -> list[tuple[str, float]]:
        return [(lv.label, float(i)) for i, lv in enumerate(leaf.rule.levels)]

    def typed(self, leaf: m.Leaf, value: float, lang: str, decimals: int) -> str:
        return _label(leaf.rule.levels[int(value)], lang)

    def example(self, leaf: m.Leaf, lang: str) -> str:
        return leaf.rule.levels[0].label

    def input_check(self, leaf: m.Leaf) -> InputCheck:
        return InputCheck("list", tuple(lv.label for lv in leaf.rule.levels))

    def text_cell(self, rule: m.Rule) -> bool:
        return True

    def widget(self, rule: m.Rule) -> str:
        return "choice"

    def steps(self, leaf: m.Leaf, value: float, limit: float | None) -> list[tuple[float, float]]:
        levels = leaf.rule.levels
        order = sorted(range(len(levels)), key=lambda i: -levels[i].share)
        place = {position: rank for rank, position in enumerate(order)}
        current = int(value)
        return [(float(i), float(place[current] - place[i])) for i in order if levels[i].share > levels[current].share]

    def next_values(self, leaf: m.Leaf, value: float, points: float, lang: str) -> list[tuple[str, float]]:
        levels, better = leaf.rule.levels, points + 1e-12
        order = sorted(range(len(levels)), key=lambda i: levels[i].share)
        return [
            (self.typed(leaf, float(i), lang, 6), levels[i].share * leaf.max)
            for i in order
            if levels[i].share * leaf.max > better
        ]

    def sample(self, leaf: m.Leaf, quality: float, rng: np.random.Generator) -> str:
        levels = leaf.rule.levels
        best_first = sorted(range(len(levels)), key=lambda i: -levels[i].share)
        position = min(int((1 - quality) * len(levels) * 0.9), len(levels) - 1)
        label = levels[best_first[position]].label
        return label.lower() if rng.random() < 0.3 else label


KIND = Levels()
