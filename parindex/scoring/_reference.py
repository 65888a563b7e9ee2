"""A deliberately plain scorer: one unit, one leaf at a time, straight from the rule's wording.

It is not used by the app. It exists to check the vectorised scorer (property tests compare the
two on random criteria sets) and as the baseline the benchmark measures against.
"""

from __future__ import annotations

import math

from parindex.criteria import model as m


def leaf_points(leaf: m.Leaf, value: float) -> float:
    """Points for one parsed value (see :func:`parindex.criteria.parse_value`)."""
    rule, mx = leaf.rule, leaf.max
    if rule.kind == m.YES_NO:
        return mx if value >= 0.5 else 0.0
    if rule.kind == m.LEVELS:
        return rule.levels[int(value)].share * mx
    if rule.kind == m.BANDS:
        for band in rule.bands:
            if m.reaches(rule, value, band.threshold):
                return band.share * mx
        return 0.0
    if rule.kind == m.LINEAR:
        share = (value - rule.zero_at) / (rule.full_at - rule.zero_at)
        return min(max(share, 0.0), 1.0) * mx
    if rule.kind == m.COUNT:
        return min(value * rule.per_item, rule.cap)
    if rule.kind == m.DEDUCTION:
        return max(mx - value * rule.per_violation, rule.floor)
    if rule.kind == m.SURVEY:
        return min(max(value, 0.0), 100.0) / 100.0 * mx
    return min(max(value, 0.0), mx)


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
    """Rank by sorting each group's rounded indexes, as one would by hand (highest first)."""
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
