"""Self-assessment against appraisal: who over-claims, on which sub-criteria, over the years, and what it costs.

The input is a frame of past pairs, one row per (year, unit, sub-criterion) where both a
self-assessed and an appraised value exist, already turned into points (see
:mod:`parindex.analysis`): columns ``year``, ``unit``, ``leaf_id``, ``self_points``,
``appraised_points`` (and optionally ``name``). A gap is self points minus appraised points: positive
means the unit claimed more than the council accepted.

For a round still at the self-assessment stage, :func:`after_appraisal` runs the Monte Carlo of
:mod:`parindex.analysis` with appraisal adjustments only, giving "self-score rank 5 → after
appraisal likely 8 (6–10)" and the expected deduction in points.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from parindex.i18n import t
from parindex.scoring import Scores

from ._uncertainty import AppraisalAdjustments, Uncertainty, expected_cut, simulate

PAIR_COLUMNS = ("year", "unit", "leaf_id", "self_points", "appraised_points")


def _with_gap(pairs: pd.DataFrame) -> pd.DataFrame:
    frame = pairs.dropna(subset=["self_points", "appraised_points"]).copy()
    frame["gap"] = frame["self_points"] - frame["appraised_points"]
    frame["over"] = frame["gap"] > 1e-9
    return frame


def by_leaf(pairs: pd.DataFrame) -> pd.DataFrame:
    """Per sub-criterion: pairs, how many were over-claimed, that share, mean and total gap (points); worst first."""
    frame = _with_gap(pairs)
    keys = ["leaf_id", "name"] if "name" in frame else ["leaf_id"]
    grouped = frame.groupby(keys, sort=False).agg(
        pairs=("gap", "size"), over=("over", "sum"), mean_gap=("gap", "mean"), total_gap=("gap", "sum")
    )
    grouped["over_share"] = grouped["over"] / grouped["pairs"]
    grouped = grouped.reset_index().sort_values(["mean_gap", "leaf_id"], ascending=[False, True], kind="stable")
    return grouped.reset_index(drop=True)


def by_unit(pairs: pd.DataFrame) -> pd.DataFrame:
    """Per year and unit: points claimed, points appraised, the gap, and sub-criteria cut; largest gap first."""
    frame = _with_gap(pairs)
    grouped = frame.groupby(["year", "unit"], sort=False).agg(
        claimed=("self_points", "sum"),
        appraised=("appraised_points", "sum"),
        gap=("gap", "sum"),
        items_cut=("over", "sum"),
        items=("gap", "size"),
    )
    grouped = grouped.reset_index().sort_values(["year", "gap", "unit"], ascending=[True, False, True], kind="stable")
    return grouped.reset_index(drop=True)


def by_year(pairs: pd.DataFrame) -> pd.DataFrame:
    """Per year: units, the mean gap per unit (points) and the share of sub-criteria over-claimed."""
    frame = _with_gap(pairs)
    per_unit = frame.groupby(["year", "unit"])["gap"].sum().groupby("year")
    result = pd.DataFrame({"units": per_unit.size(), "mean_gap_per_unit": per_unit.mean()})
    result["over_share"] = frame.groupby("year")["over"].mean()
    return result.reset_index()


def after_appraisal(
    scores: Scores,
    adjustments: AppraisalAdjustments,
    runs: int = 2000,
    seed: int = 0,
    settled: np.ndarray | None = None,
) -> pd.DataFrame:
    """Per unit: self-assessed rank, likely rank after appraisal (median) with its 5–95 % range, expected cut.

    Columns: unit, self_rank, likely_rank, low, high, expected_cut (points), p_drop (chance of a worse rank).
    Sorted by self-assessed rank.
    """
    result = simulate(scores, Uncertainty(appraisal=adjustments, settled=settled), runs=runs, seed=seed)
    width = result.counts.shape[1]
    below = np.arange(width)[None, :] > scores.rank[:, None]
    frame = pd.DataFrame(
        {
            "unit": scores.units["unit"],
            "self_rank": scores.rank,
            "likely_rank": result.median,
            "low": result.low,
            "high": result.high,
            "expected_cut": expected_cut(scores, adjustments),
            "p_drop": (result.counts * below).sum(axis=1) / result.runs,
        }
    )
    return frame.sort_values(["self_rank", "unit"], kind="stable").reset_index(drop=True)


def after_appraisal_text(row: pd.Series | object, lang: str = "vi") -> str:
    """'Tự chấm hạng 5 → sau thẩm định nhiều khả năng hạng 8 (6–10)' for one row of :func:`after_appraisal`."""
    low, high = int(row.low), int(row.high)
    span = str(low) if low == high else f"{low}–{high}"
    return t("analysis.after_appraisal", lang, self_rank=int(row.self_rank), rank=int(row.likely_rank), span=span)
