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


def describe_rule(leaf: m.Leaf, lang: str = "vi") -> str:
    """One line describing how ``leaf`` is scored, e.g. ``≥ 100 % → 100 %; ≥ 95 % → 50 %; còn lại → 0``."""
    return kind_of(leaf.rule).describe(leaf, lang)


def input_hint(leaf: m.Leaf, lang: str = "vi") -> str:
    """What staff should type in the values file for ``leaf``."""
    return kind_of(leaf.rule).hint(leaf, lang)


def applied_step(leaf: m.Leaf, value: float, lang: str = "vi") -> str:
    """Which band or level a parsed value fell in, for the explanation."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return t("explain.not_applicable", lang)
    return kind_of(leaf.rule).applied(leaf, value, lang)
