"""What the counted kinds (items earned, violations deducted) share: a whole number ≥ 0, typed as such."""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import model as m
from .._values import parse_whole
from ._base import InputCheck, RuleKind

COUNTED_KEYS = frozenset({"kind", "unit"})


class Counted(RuleKind):
    """A rule on a count; subclasses turn the count into points."""

    step_cost = 1.0  # one more item, one violation fewer

    def parse(self, raw: Any, leaf: m.Leaf) -> float:
        return parse_whole(raw)

    def column_mode(self, rule: m.Rule) -> str:
        return "whole"

    def typed(self, leaf: m.Leaf, value: float, lang: str, decimals: int) -> str:
        return str(int(value))

    def shows_unit(self, rule: m.Rule) -> bool:
        return True

    def input_check(self, leaf: m.Leaf) -> InputCheck:
        return InputCheck("whole")

    def widget(self, rule: m.Rule) -> str:
        return "whole"

    def sample_extra(self, leaf: m.Leaf, rng: np.random.Generator) -> str | None:
        return str(int(rng.integers(1, 3)))
