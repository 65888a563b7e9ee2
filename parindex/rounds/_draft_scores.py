"""A draft scored as a unit: every blank at a value the estimate rule stands for, so the planner can start from it.

The planner, the what-if and the brief work on typed values, not on points. A draft's estimate fills
its blanks with *points* (:func:`parindex.rounds.draft_index`); here each filled leaf gets a value
instead: last year's value as typed (rule ``last_year``), else the value whose points come closest to
the estimated points (:func:`value_for_points`). A linear rule, a survey leaf or a council's points
take the estimate itself to the hundredth; bands, levels, yes/no and counts move in steps, so the
leaves are filled in the set's order, each aiming at its estimated points plus what the leaves
before it fell short of theirs (or minus what they went over). The filled values' total is thus the
estimate's total to within about one step of one leaf, and the scored draft's index is the
estimate's to within a fraction of a point, instead of drifting down (or up) with every rounding.
Blank bonus and penalty items count 0, as in the draft's index.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from parindex.criteria import CompiledSet, kind_of
from parindex.criteria import model as m
from parindex.errors import InputError
from parindex.scoring import Scores, leaf_points, score, typed_value

from ._drafts import DraftResult, _read, draft_index

CONTINUOUS = {  # kind → (value at 0 points, value at full points) of a rule scored in proportion
    "survey": lambda leaf: (0.0, 100.0),
    "manual": lambda leaf: (0.0, float(leaf.max)),
    "linear": lambda leaf: (float(leaf.rule.zero_at), float(leaf.rule.full_at)),
}


@dataclass(frozen=True)
class DraftScores:
    """A draft as one scored unit: ``estimated`` maps each filled leaf to the value it was given, as typed."""

    scores: Scores
    result: DraftResult
    estimated: dict[str, str]


def _candidates(leaf: m.Leaf) -> list[float]:
    """Values of a stepwise rule (bands, levels, yes/no, counts) that cover every number of points it gives."""
    kind = kind_of(leaf.rule)
    values = [value for _, value in kind.typical_values(leaf, "vi")]
    for value in list(values):
        values += [better for better, _ in kind.steps(leaf, value, None)]
    return list(dict.fromkeys(values))


def value_for_points(leaf: m.Leaf, points: float) -> float:
    """The value of ``leaf`` whose points come closest to ``points`` (the fewer points on a tie).

    Proportional rules (linear, survey, manual) are inverted and rounded to the hundredth, within
    their range; stepwise rules take the closest of their steps.
    """
    if leaf.rule.kind in CONTINUOUS:
        zero, full = CONTINUOUS[leaf.rule.kind](leaf)
        share = min(max(points / leaf.max, 0.0), 1.0) if leaf.max > 0 else 0.0
        return round(zero + share * (full - zero), 2)
    scored = [(abs(leaf_points(leaf, value) - points), leaf_points(leaf, value), value) for value in _candidates(leaf)]
    return min(scored, key=lambda c: (round(c[0], 9), c[1]))[2]


def draft_scores(
    compiled: CompiledSet,
    unit: str,
    unit_type: str,
    entries: Mapping[str, object],
    previous: Mapping[str, object] | None = None,
    national_mean: float | None = None,
    regional_mean: float | None = None,
) -> DraftScores:
    """The draft scored as a unit of its own, blanks at their estimated values (see the module's rule).

    Raises InputError when a typed value cannot be read: a plan must not start from a cell that was
    silently treated as blank.
    """
    result = draft_index(compiled.criteria_set, entries, previous, national_mean, regional_mean)
    if result.problems:
        raise InputError(list(result.problems))
    columns = {leaf.id: j for j, leaf in enumerate(compiled.columns)}
    values = np.full(len(compiled.columns), math.nan)
    for leaf in compiled.columns:
        value = _read(leaf, entries.get(leaf.id, ""), None)
        if value is not None:
            values[columns[leaf.id]] = value
    by_id = {leaf.id: leaf for leaf in compiled.criteria_set.leaves}
    estimated, carry = {}, 0.0
    for filled in result.filled:
        leaf = by_id[filled.leaf_id]
        last = _read(leaf, previous.get(leaf.id, ""), None) if filled.rule == "last_year" and previous else None
        if last is not None:
            value = last
        else:
            wanted = filled.points + carry
            value = value_for_points(leaf, wanted)
            carry = wanted - leaf_points(leaf, value)
        values[columns[leaf.id]] = value
        estimated[leaf.id] = typed_value(leaf, value, decimals=2)
    units = pd.DataFrame({"unit": [unit], "unit_type": [unit_type]})
    return DraftScores(score(compiled, values[None, :], units), result, estimated)
