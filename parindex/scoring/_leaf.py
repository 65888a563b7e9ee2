"""Points of one value under one rule: the scalar form of each rule kind, asked of the kind's registry.

The scorer works on whole columns through the compiled kernels (:mod:`parindex.criteria`); where one
value is looked at at a time, the app uses this function: the entry grid's points beside each
typed value, a draft's filled-in points, the planner's steps and the workbook's points column. The
reference scorer uses it too, and the common test of the kinds holds each kernel to it.
"""

from __future__ import annotations

from parindex.criteria import kind_of
from parindex.criteria import model as m


def leaf_points(leaf: m.Leaf, value: float) -> float:
    """Points for one parsed value (see :func:`parindex.criteria.parse_value`), by the kind's plain scalar rule."""
    return kind_of(leaf.rule).points(leaf, value)
