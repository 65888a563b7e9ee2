"""Points of one value under one rule: the scalar form of each rule kind.

The scorer works on whole columns through the compiled kernels (:mod:`parindex.criteria`); where one
value is looked at at a time, the app uses this function: the entry grid's points beside each
typed value, a draft's filled-in points, the planner's steps and the workbook's points column. The
reference scorer uses it too, and property tests hold the kernels to it on random criteria sets.
"""

from __future__ import annotations

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
