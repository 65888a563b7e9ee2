"""The rule kinds, one module each: how a kind reads its parameters and values, scores, speaks and plans.

``KINDS`` maps a rule's ``kind`` (as written in a criteria file) to its :class:`RuleKind`;
:func:`kind_of` is what the rest of the app asks. A new kind is one module here, registered below.
"""

from __future__ import annotations

from .. import model as m
from . import bands, count, count_bands, deduction, levels, linear, manual, survey, yes_no
from ._base import InputCheck, RuleKind, RuleReader

KINDS: dict[str, RuleKind] = {
    module.KIND.name: module.KIND
    for module in (yes_no, levels, bands, linear, count, deduction, survey, manual, count_bands)
}


def kind_of(rule: m.Rule) -> RuleKind:
    """The kind that scores ``rule``."""
    return KINDS[rule.kind]


__all__ = ["KINDS", "InputCheck", "RuleKind", "RuleReader", "kind_of"]
