"""What the scoring grid shows beside a unit's cells: the points each typed value gives, and the unit's result.

The page only renders these; the rules (how a text is read, what it is worth, how the round is
scored and ranked) stay in :mod:`parindex.criteria` and :mod:`parindex.scoring`.
"""

from __future__ import annotations

import math

from sqlalchemy.orm import Session

from parindex.accounts import Actor
from parindex.criteria import BLANK, CellError, CompiledSet, parse_value
from parindex.criteria import model as m
from parindex.db import Round, Unit
from parindex.scoring import Scores, leaf_points, score

from ._values import round_values


def typed_points(leaf: m.Leaf, raw: str | None) -> float | None:
    """Points the text typed in a cell gives; None when there is none to show (empty, blank, not applicable or unreadable)."""
    if not raw:
        return None
    try:
        value = parse_value(raw, leaf)
    except CellError:
        return None
    if value is BLANK or (isinstance(value, float) and math.isnan(value)):
        return None
    return leaf_points(leaf, value)


def unit_result(session: Session, round_: Round, unit: Unit, actor: Actor, compiled: CompiledSet) -> tuple[Scores, int]:
    """The round scored as ``actor`` may read it, and the row of ``unit`` in it.

    Raises :class:`~parindex.errors.InputError` while the round cannot be scored (cells still blank),
    ``KeyError`` when the unit has no values in it, and :class:`~parindex.accounts.AccessDenied` when
    the actor may not read the round yet.
    """
    table = round_values(session, round_, actor, compiled)
    result = score(compiled, table.values, table.units)
    return result, result.row_of(unit.name, unit.unit_type)
