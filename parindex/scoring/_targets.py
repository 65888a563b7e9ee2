"""What a unit needs for a rank, how much it can lose, and where its points are still to be won.

Ranks are decided on the index rounded half up to the set's ``index_decimals``, ties as the set
says (the rule is :mod:`parindex.scoring._ranking`). So the smallest exact index that rounds to at
least a value ``R`` is ``R − ½·10^-d`` (the "half step"), and a rank target becomes an index target
by looking at the other units of the same type: rank ≤ k needs a rounded index ≥ the k-th highest
of the others (a tie is enough), the k-th highest *distinct* value with dense ties.

Everything here is a pure function of a :class:`~parindex.scoring.Scores`; nothing is re-scored.
The planner (:mod:`parindex.planning`) turns the needed points into the cheapest set of changes.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from parindex.criteria import kind_of, points_ladder
from parindex.criteria import model as m
from parindex.i18n import t

from . import _ranking as ranking
from ._score import Scores
from ._standing import unit_below

# -- the half step and the others ---------------------------------------------------------------


def half_step(scores: Scores) -> float:
    """Half of the last published decimal: an exact index this far below ``R`` still rounds to ``R``."""
    return ranking.half_step(scores.compiled.criteria_set.index_decimals)


def others_rounded(scores: Scores, row: int, competitors: np.ndarray | None = None) -> np.ndarray:
    """Rounded indexes of the other ranked units of ``row``'s type.

    ``competitors`` (aligned with the rows of ``scores``) replaces the others' exact indexes, for
    "what if the others improve too"; its value at ``row`` is ignored.
    """
    types = scores.units["unit_type"].to_numpy() if "unit_type" in scores.units else np.zeros(len(scores))
    same = types == types[row]
    same[row] = False
    if competitors is None:
        values = scores.index[same]
    else:
        exact = np.asarray(competitors, dtype=float)
        if exact.shape != scores.index.shape:
            raise ValueError(f"competitors must have {scores.index.size} values, got {exact.shape}")
        values = ranking.round_half_up(exact[same], scores.compiled.criteria_set.index_decimals)
    return values[~np.isnan(values)]


def ranked_peers(scores: Scores, row: int) -> int:
    """Units of ``row``'s type with an index, itself included: 1 means it is scored alone and has no rank to aim for."""
    types = scores.units["unit_type"].to_numpy() if "unit_type" in scores.units else np.zeros(len(scores))
    return int((~np.isnan(scores.index[types == types[row]])).sum())


def rank_against(scores: Scores, row: int, rounded_index: float, competitors: np.ndarray | None = None) -> int:
    """The rank ``row`` would have with ``rounded_index`` while the others stay as they are (or as ``competitors``)."""
    return ranking.rank_among(
        rounded_index, others_rounded(scores, row, competitors), scores.compiled.criteria_set.ties
    )


def required_rounded_for_rank(scores: Scores, row: int, k: int, competitors: np.ndarray | None = None) -> float | None:
    """The lowest rounded index that gives rank ≤ ``k``; None when any index does (k past the others)."""
    return ranking.lowest_for_rank(others_rounded(scores, row, competitors), k, scores.compiled.criteria_set.ties)


def required_index_for_rank(scores: Scores, row: int, k: int, competitors: np.ndarray | None = None) -> float | None:
    """Smallest exact index (before rounding) for rank ≤ ``k`` among the unit's type, others unchanged.

    0 when ``k`` is beyond the number of others (any index does); None when ``k`` < 1 or the unit
    has no index (nothing applicable), since no index then answers the question.
    """
    if k < 1 or math.isnan(scores.index_exact[row]):
        return None
    needed = required_rounded_for_rank(scores, row, k, competitors)
    if needed is None:
        return 0.0
    return max(needed - half_step(scores), 0.0)


def required_index_at_least(scores: Scores, minimum: float) -> float:
    """Smallest exact index whose rounded value reaches ``minimum`` (a grade's or a chosen index).

    The rounded index moves in steps of 10^-d, so the target is first lifted to the next step
    (80.004 → 80.01 with two decimals); grades compare with a 1e-9 tolerance, as the scorer does.
    """
    rounded = ranking.step_at_or_above(minimum, scores.compiled.criteria_set.index_decimals)
    return max(rounded - half_step(scores), 0.0)


def required_total_for_rank(scores: Scores, row: int, k: int, competitors: np.ndarray | None = None) -> float:
    """Total points needed for rank ≤ ``k``: required index / 100 × the unit's applicable maximum (NaN if none)."""
    index = required_index_for_rank(scores, row, k, competitors)
    if index is None:
        return math.nan
    return index / 100.0 * float(scores.max_applicable[row])


def points_gap_to_rank(scores: Scores, row: int, k: int, competitors: np.ndarray | None = None) -> float:
    """Points the unit must add to its total for rank ≤ ``k`` (0 when it is already there)."""
    needed = required_total_for_rank(scores, row, k, competitors)
    if math.isnan(needed):
        return math.nan
    return max(0.0, needed - float(scores.total[row]))


def margin(scores: Scores, row: int) -> float:
    """Points the unit can lose before its rank number gets worse.

    Without a tie this is :func:`parindex.scoring.unit_below`'s margin (falling into a tie with the
    unit below keeps the rank number). With a tie, the tied unit would pass it as soon as its own
    rounded index dropped, so the margin is what keeps that rounded index. With nobody below, the
    rank cannot get worse: the whole total can go.
    """
    mine = float(scores.index[row])
    if math.isnan(mine):
        return math.nan
    if (others_rounded(scores, row) == mine).any():
        floor_index = mine - half_step(scores)
        return max(float(scores.total[row]) - floor_index / 100.0 * float(scores.max_applicable[row]), 0.0)
    below = unit_below(scores, row)
    return float(scores.total[row]) if below is None else below.points


# -- how values look --------------------------------------------------------------------------

ENTRY_DECIMALS = 2  # a measured value is planned and slid to what a person types: two decimals…
RATIO_DECIMALS = 3  # …a ratio of counts to three (0,01 point of 16.110 dossiers is 1,6 dossiers)


def entry_decimals(leaf: m.Leaf) -> int:
    """Decimals of a measured value as planned (:mod:`parindex.planning`) and as the what-if slider moves."""
    return RATIO_DECIMALS if leaf.rule.measure == "ratio" else ENTRY_DECIMALS


def typed_value(leaf: m.Leaf, value: float, lang: str = "vi", decimals: int = 6) -> str:
    """A parsed value written back the way staff type it, so it reads back to the same number.

    ``decimals`` shortens a measured value for reading (a ratio typed as counts is 96.036646 %).
    """
    if value is None or math.isnan(value):
        return "KAD" if lang == "vi" else "N/A"
    return kind_of(leaf.rule).typed(leaf, value, lang, decimals)


def shown_value(leaf: m.Leaf, value: float, lang: str = "vi") -> str:
    """Like :func:`typed_value`, with the measure's unit (``3 ngày``) for reading rather than typing."""
    return kind_of(leaf.rule).with_unit(leaf.rule, typed_value(leaf, value, lang))


# -- headroom -----------------------------------------------------------------------------------


def next_values(leaf: m.Leaf, value: float, points: float, lang: str = "vi") -> list[tuple[str, float]]:
    """Each better raw value worth naming, with the leaf's points there: the ladder above the unit.

    Bands list every better band, levels every better level; yes/no, linear, count, deduction,
    survey and manual name the one value that gives the maximum.
    """
    if math.isnan(value):
        return []
    return kind_of(leaf.rule).next_values(leaf, value, points, lang)


def headroom(scores: Scores, row: int, lang: str = "vi") -> pd.DataFrame:
    """Per tree leaf: current points, maximum, points still available and the values that earn them.

    ``next`` reads like "từ 95 % trở lên: 1 điểm; từ 100 % trở lên: 2 điểm" (points the leaf would then give); ``steps``
    holds the same pairs for programs. Not-applicable leaves have no headroom.
    """
    leaves = scores.compiled.leaves
    values = scores.values[row, : len(leaves)]
    points = scores.points[row, : len(leaves)]
    records = []
    for leaf, value, got in zip(leaves, values, points, strict=True):
        applicable = not math.isnan(value)
        steps = next_values(leaf, float(value), float(got), lang) if applicable else []
        records.append(
            {
                "id": leaf.id,
                "name": leaf.label(lang),
                "kind": leaf.rule.kind,
                "applicable": applicable,
                "value": typed_value(leaf, float(value), lang, decimals=2)
                if applicable
                else t("plan.not_applicable", lang),
                "points": float(got),
                "max": float(leaf.max),
                "available": max(kind_of(leaf.rule).best_points(leaf) - float(got), 0.0) if applicable else 0.0,
                "next": points_ladder(steps, lang),
                "steps": steps,
            }
        )
    return pd.DataFrame.from_records(records)
