"""``survey``: the share of satisfied respondents (%) × the maximum; always in the survey part."""

from __future__ import annotations

from typing import Any

import numpy as np

from parindex.i18n import format_pct, t

from .. import model as m
from .._values import parse_percent
from ._base import InputCheck, RuleKind
from ._words import points_text, typed_percent, vn_sample_number


class Survey(RuleKind):
    name = m.SURVEY
    part = m.SURVEY_PART

    def parse(self, raw: Any, leaf: m.Leaf) -> float:
        return parse_percent(raw)

    def column_mode(self, rule: m.Rule) -> str:
        return "percent"

    def kernel(self, x: np.ndarray, max_points: np.ndarray, params: dict[str, np.ndarray]) -> np.ndarray:
        return np.clip(x, 0.0, 100.0) * (max_points / 100.0)

    def points(self, leaf: m.Leaf, value: float) -> float:
        return min(max(value, 0.0), 100.0) / 100.0 * leaf.max

    def describe(self, leaf: m.Leaf, lang: str) -> str:
        return t("rule.survey", lang, max=points_text(leaf.max, lang))

    def applied(self, leaf: m.Leaf, value: float, lang: str) -> str:
        return format_pct(value, lang=lang)

    def guidance(self, leaf: m.Leaf) -> str:
        return "Điểm = tỷ lệ hài lòng qua điều tra xã hội học × điểm tối đa."

    def typical_values(self, leaf: m.Leaf, lang: str) -> list[tuple[str, float]]:
        return [(format_pct(v, 0, lang), v) for v in (100.0, 80.0, 50.0)]

    def typed(self, leaf: m.Leaf, value: float, lang: str, decimals: int) -> str:
        return typed_percent(value, lang, decimals)

    def example(self, leaf: m.Leaf, lang: str) -> str:
        return "85"

    def input_check(self, leaf: m.Leaf) -> InputCheck:
        return InputCheck("range", low=0.0, high=100.0)

    def widget(self, rule: m.Rule) -> str:
        return "rate"

    def best_value(self, leaf: m.Leaf) -> float:
        return 100.0

    def sample(self, leaf: m.Leaf, quality: float, rng: np.random.Generator) -> str:
        return vn_sample_number(float(np.clip(62 + 36 * quality + rng.normal(0, 3), 0, 100)), 2)


KIND = Survey()
