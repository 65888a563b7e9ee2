"""Why a rank moved between two years: the unit's own points, the others' movement, and what changed around them.

Between an earlier and a later result, the change of a unit's rank is split exactly into four parts
by a chain of counterfactual rankings, each differing from the previous in one respect:

1. earlier rank → rank among the units present in both years (**units**: units that joined or left);
2. → rank on the sub-criteria common to both criteria sets (matched as :mod:`parindex.criteria` matches
   them — by code, then by name — and with the same maximum) (**criteria set**);
3. → the unit's later common-criteria index among the others' earlier ones (**own points**);
4. → everyone's later common-criteria index (**others**: the other units moved);

then back through the criteria and units steps to the actual later rank. The four parts add up
to the whole change. All figures are places gained (positive = moved up). Indexes on common
sub-criteria drop the other sub-criteria's points and applicable maxima; with identical sets and
units, the units and criteria parts are exactly 0.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._ranking import exact_index, rank_within, round_half_up
from ._score import Scores

PARTS = ("own", "others", "criteria", "units")


def common_pairs(before: Scores, after: Scores) -> list[tuple[str, str]]:
    """Sub-criteria present in both sets (earlier id, later id) with the same maximum, matched as the comparison of
    two sets matches them (by code, then by name), so a renumbered sub-criterion stays common."""
    from parindex.criteria import match_leaves

    tree_before = {leaf.id for leaf in before.compiled.leaves}
    tree_after = {leaf.id for leaf in after.compiled.leaves}
    pairs = match_leaves(before.compiled.criteria_set, after.compiled.criteria_set)
    return [(a.id, b.id) for a, b in pairs if a.id in tree_before and b.id in tree_after and a.max == b.max]


def common_leaves(before: Scores, after: Scores) -> list[str]:
    """Ids (in the earlier set) of the sub-criteria common to both sets; see :func:`common_pairs`."""
    return [a for a, _ in common_pairs(before, after)]


def common_index(scores: Scores, keep: list[str]) -> np.ndarray:
    """The index counting only the sub-criteria in ``keep`` (bonus and penalty stay as they are)."""
    compiled = scores.compiled
    n = compiled.n_leaves
    dropped = ~np.isin(np.array(compiled.column_ids[:n]), keep)
    if not dropped.any():
        return scores.index
    total = np.maximum(scores.total - scores.points[:, :n][:, dropped].sum(axis=1), 0.0)
    maximum = scores.max_applicable - (scores.applicable[:, dropped] * compiled.column_max[:n][dropped]).sum(axis=1)
    return round_half_up(exact_index(total, maximum), compiled.criteria_set.index_decimals)


def _ranks(index: np.ndarray, ties: str) -> np.ndarray:
    return rank_within(index, np.zeros(index.size), ties)


def _rank_among_earlier(index_before: np.ndarray, index_after: np.ndarray, ties: str) -> np.ndarray:
    """Each unit's later index ranked among the others' earlier ones (it alone has moved), by the set's ties:
    standard counts the other units above, dense the distinct indexes above."""
    above = index_before[None, :] > index_after[:, None]
    np.fill_diagonal(above, False)
    if ties != "dense":
        return 1 + above.sum(axis=1)
    values, inverse, counts = np.unique(index_before, return_inverse=True, return_counts=True)
    distinct_above = values.size - np.searchsorted(values, index_after, side="right")
    only_itself = (index_before > index_after) & (counts[inverse] == 1)  # its own earlier index, held by no other
    return 1 + distinct_above - only_itself


def decompose(before: Scores, after: Scores) -> pd.DataFrame:
    """Per unit ranked in both years: rank before and after, places gained, and its four parts.

    Columns: unit, rank_before, rank_after, gained, own, others, criteria, units (gained = own +
    others + criteria + units). Units are matched by name; pass one unit type at a time. Every rank follows its
    year's rule for ties (standard 1, 1, 3 or dense 1, 1, 2), so a set ranking densely shows no change from
    "units" or "criteria" when neither changed.
    """
    names_before = pd.Series(np.arange(len(before)), index=before.units["unit"].to_numpy())
    names_after = pd.Series(np.arange(len(after)), index=after.units["unit"].to_numpy())
    both = [u for u in names_after.index if u in names_before.index]
    b = names_before[both].to_numpy(dtype=int) if both else np.zeros(0, dtype=int)
    a = names_after[both].to_numpy(dtype=int) if both else np.zeros(0, dtype=int)
    ranked = (before.rank[b] > 0) & (after.rank[a] > 0)
    b, a = b[ranked], a[ranked]
    pairs = common_pairs(before, after)
    keep_before, keep_after = [a for a, _ in pairs], [b for _, b in pairs]
    r_before, r_after = before.rank[b], after.rank[a]
    ties_before, ties_after = before.compiled.criteria_set.ties, after.compiled.criteria_set.ties
    r_before_pop, r_after_pop = _ranks(before.index[b], ties_before), _ranks(after.index[a], ties_after)
    index_before, index_after = common_index(before, keep_before)[b], common_index(after, keep_after)[a]
    r_before_common, r_after_common = _ranks(index_before, ties_before), _ranks(index_after, ties_after)
    r_mixed = _rank_among_earlier(index_before, index_after, ties_after)
    frame = pd.DataFrame(
        {
            "unit": before.units["unit"].to_numpy()[b],
            "rank_before": r_before,
            "rank_after": r_after,
            "gained": r_before - r_after,
            "own": r_before_common - r_mixed,
            "others": r_mixed - r_after_common,
            "criteria": (r_before_pop - r_before_common) + (r_after_common - r_after_pop),
            "units": (r_before - r_before_pop) + (r_after_pop - r_after),
        }
    )
    return frame.sort_values(["rank_after", "unit"], kind="stable").reset_index(drop=True)
