"""Rules in words: what to type and how points are given (the results in words are in parindex.scoring).

Used by the command line (``explain``), the criteria browser, the Excel template and the unit
profile, so a rule is described the same way everywhere. The words of each kind are in its module
(:mod:`parindex.criteria.kinds`).
"""

from __future__ import annotations

import math

from parindex.i18n import t

from . import model as m
from .kinds import kind_of
from .kinds._words import ladder_words, points_text


def describe_rule(leaf: m.Leaf, lang: str = "vi") -> str:
    """One line describing how ``leaf`` is scored in plain words, with points (the leaf's maximum applied), e.g.
    ``Từ 98 % trở lên: 0,75 điểm; từ 80 % đến dưới 98 %: 0,5 điểm; dưới 80 %: 0 điểm``."""
    return kind_of(leaf.rule).describe(leaf, lang)


def input_hint(leaf: m.Leaf, lang: str = "vi") -> str:
    """What staff should type in the values file for ``leaf``."""
    return kind_of(leaf.rule).hint(leaf, lang)


def applied_step(leaf: m.Leaf, value: float, lang: str = "vi") -> str:
    """Which band or level a parsed value fell in, for the explanation."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return t("explain.not_applicable", lang)
    return kind_of(leaf.rule).applied(leaf, value, lang)


def points_ladder(steps: list[tuple[str, float]], lang: str = "vi") -> str:
    """Values with the points each gives: ``Khá: 1 điểm; Tốt: 2 điểm``."""
    return ladder_words(steps, lambda p: points_text(p, lang))
