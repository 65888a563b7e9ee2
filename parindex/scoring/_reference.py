"""A deliberately plain scorer: one unit, one leaf at a time, straight from the rule's wording.

It is not used by the app. It exists to check the vectorised scorer (property tests compare the
two on random criteria sets) and as the baseline the benchmark measures against. Its points per
leaf are :func:`parindex.scoring.leaf_points`, the one-value form of each rule kind that the app
uses too (each kind's plain scalar ``points``, never its kernel), so the comparison checks the compiled
kernels, the sums, caps and index against it.
Its ranking, :func:`rank_units`, does *not* call :mod:`parindex.scoring._ranking`: it re-states
the rounding and ties in a plain loop on purpose, so a fault in the shared rule shows up as a
disagreement instead of being copied into the expectation.
"""

from __future__ import annotations

import math

from parindex.criteria import model as m

from ._leaf import leaf_points


def score_unit(criteria_set: m.CriteriaSet, values: dict[str, float]) -> dict[str, float]:
    """Total, applicable maximum and index (%) of one unit; NaN values are not applicable."""
    total = maximum = 0.0
    for leaf in criteria_set.leaves:
        value = values[leaf.id]
        if math.isnan(value):
            continue
        total += leaf_points(leaf, value)
        maximum += leaf.max
    bonus = sum(leaf_points(leaf, values[leaf.id]) for leaf in criteria_set.bonus.items)
    penalty = sum(leaf_points(leaf, values[leaf.id]) for leaf in criteria_set.penalty.items)
    total = max(total + min(bonus, criteria_set.bonus.cap) - min(penalty, criteria_set.penalty.cap), 0.0)
    index = total / maximum * 100.0 if maximum > 0 else math.nan
    return {"total": total, "max_applicable": maximum, "index": index}


def rank_units(indexes: list[float], groups: list[str], decimals: int, dense: bool = False) -> list[int]:
    """Rank by sorting each group's rounded indexes, as one would by hand (highest first).

    Rounded half up with the same 1e-9 nudge as the rule; a unit takes the place where its value
    first appears in its group's sorted list (dense: the count of distinct values so far). Kept
    independent of :func:`parindex.scoring.rank_within`, which the property tests check against it.
    """
    rounded = [math.floor(x * 10**decimals + 0.5 + 1e-9) / 10**decimals for x in indexes]
    ordered: dict[str, list[float]] = {}
    for value, group in zip(rounded, groups, strict=True):
        ordered.setdefault(group, []).append(value)
    first_place: dict[str, dict[float, int]] = {}
    for group, values in ordered.items():
        places: dict[float, int] = {}
        for position, value in enumerate(sorted(values, reverse=True)):
            if value not in places:
                places[value] = len(places) + 1 if dense else position + 1
        first_place[group] = places
    return [first_place[g][v] for v, g in zip(rounded, groups, strict=True)]
