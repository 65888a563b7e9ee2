"""The index and the ranks it gives, stated once: how the index is rounded, how ties share a rank.

The rule, as the province publishes its tables:

* The index is total ÷ applicable maximum × 100; a unit with nothing applicable has no index (NaN).
* It is rounded **half up** to the set's ``index_decimals``, as people do on paper (85,975 → 85,98,
  not to even): rounded = floor(x·10^d + 0.5) / 10^d. A nudge of 1e-9 absorbs float noise, so an
  index computed as 86.84499999999 (meaning 86,845) still rounds to 86,85.
* Ranks are decided on the rounded index, highest first, within each unit type.
* Ties: ``standard`` (competition ranking, 1, 2, 2, 4): rank = 1 + the number of others with a
  strictly higher rounded index. ``dense`` (1, 2, 2, 3): 1 + the number of distinct higher values.
* A unit without an index gets rank 0 and does not count for anyone else.

Every scorer, target, simulation and comparison of ranks in the package uses these functions; the
plain reference scorer (:mod:`parindex.scoring._reference`) alone re-states the rule in a loop, on
purpose, so the two can be checked against each other.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

TIES = ("standard", "dense")
FLOAT_NUDGE = 1e-9  # absorbs the float noise of x·10^d before the half-up floor


def exact_index(total: np.ndarray, maximum: np.ndarray) -> np.ndarray:
    """The index (%) before rounding: total ÷ applicable maximum × 100; NaN where nothing is applicable."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(maximum > 0, total / maximum * 100.0, np.nan)


def index_steps(values: np.ndarray | float, decimals: int) -> np.ndarray:
    """The index rounded half up, counted in its last decimal (86.845 → 8685 with two decimals); NaN stays NaN."""
    return np.floor(np.asarray(values, dtype=float) * 10.0**decimals + 0.5 + FLOAT_NUDGE)


def round_half_up(values: np.ndarray | float, decimals: int) -> np.ndarray:
    """Round as people do on paper (85,975 → 85,98), not to even; see the module docstring."""
    return index_steps(values, decimals) / 10.0**decimals


def half_step(decimals: int) -> float:
    """Half of the last decimal: the lowest exact index that rounds to ``R`` is ``R − half_step``."""
    return 0.5 * 10.0**-decimals


def step_at_or_above(minimum: float, decimals: int) -> float:
    """The lowest rounded value that reaches ``minimum`` (80.004 → 80.01 with two decimals).

    Grades compare with a 1e-9 tolerance, as the scorer does, so a minimum a hair above a step keeps it.
    """
    factor = 10.0**decimals
    return math.ceil((minimum - FLOAT_NUDGE) * factor - FLOAT_NUDGE) / factor


def check_ties(ties: str) -> str:
    if ties not in TIES:
        raise ValueError(f"ties must be one of {TIES}, got {ties!r}")
    return ties


def rank_among(rounded: float, others: np.ndarray, ties: str = "standard") -> int:
    """The rank of a rounded index among the rounded indexes of ``others`` (no NaN): the rule for one unit."""
    higher = np.asarray(others, dtype=float)
    higher = higher[higher > rounded]
    return 1 + int(np.unique(higher).size if check_ties(ties) == "dense" else higher.size)


def lowest_for_rank(others: np.ndarray, k: int, ties: str = "standard") -> float | None:
    """The lowest rounded index with rank ≤ ``k`` among ``others`` (no NaN); None when any index does.

    Standard ties: the k-th highest of the others (a tie is enough). Dense: the k-th highest distinct value.
    """
    values = np.asarray(others, dtype=float)
    if check_ties(ties) == "dense":
        values = np.unique(values)
    if k > values.size:
        return None
    return float(np.sort(values)[::-1][k - 1])


def rank_rows(index: np.ndarray, groups: np.ndarray, decimals: int, ties: str = "standard") -> np.ndarray:
    """Ranks of every row of ``index`` (runs × units, already rounded to ``decimals``) at once.

    ``groups`` holds each unit's group (unit type) as an integer code from 0. The index is taken in
    steps of its last decimal, so the ranking sorts integers; units without an index get rank 0.
    """
    missing = np.isnan(index)
    steps = np.where(missing, -1, np.rint(np.nan_to_num(index) * 10**decimals)).astype(np.int64)
    return _rank_steps(steps, np.asarray(groups, dtype=np.int64), ties)


def rank_within(index: np.ndarray, groups: np.ndarray, ties: str = "standard") -> np.ndarray:
    """Ranks of one run: ``index`` (rounded) per unit, ``groups`` any labels (unit types); NaN → rank 0.

    The distinct indexes are numbered in order, so any rounding works and equal values stay equal.
    """
    index = np.asarray(index, dtype=float)
    missing = np.isnan(index)
    steps = np.full(index.shape, -1, dtype=np.int64)
    steps[~missing] = np.unique(index[~missing], return_inverse=True)[1]
    codes = pd.factorize(np.asarray(groups))[0].astype(np.int64)
    return _rank_steps(steps[None, :], codes, ties)[0]


def _rank_steps(steps: np.ndarray, groups: np.ndarray, ties: str) -> np.ndarray:
    """The ranking itself, for runs × units integer steps (−1: no index) and integer group codes.

    One sort of the keys ``(run, group, step)``: the units of a run and group with a higher step
    lie between a unit's last equal and the end of its block, so its rank is one plus their count
    (``dense``: plus the count of distinct steps there).
    """
    check_ties(ties)
    runs, n = steps.shape
    if n == 0:
        return np.zeros((runs, 0), dtype=np.int64)
    width = int(steps.max(initial=0)) + 2
    n_groups = int(groups.max(initial=0)) + 1
    block = np.arange(runs)[:, None] * n_groups + groups[None, :]
    key = (block * width + steps + 1).ravel()
    ordered = np.sort(key)
    end = np.searchsorted(ordered, ((block + 1) * width).ravel(), side="left")
    after = np.searchsorted(ordered, key, side="right")
    if ties == "dense":
        distinct = np.concatenate(([0], np.cumsum(np.r_[True, ordered[1:] != ordered[:-1]])))
        higher = distinct[end] - distinct[after]
    else:
        higher = end - after
    ranks = (higher + 1).reshape(runs, n)
    ranks[steps < 0] = 0
    return ranks
