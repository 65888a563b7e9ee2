"""Where a unit stands: the gap to the unit above, the margin over the unit below, fields compared.

Ranks are decided on the index rounded to the set's decimals (see :mod:`parindex.scoring`), so
"points needed to pass" means the points that lift the *rounded* index strictly above the other
unit's, and "margin" the points the unit can lose before its rounded index falls strictly below the
next unit's (a tie keeps a shared rank).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._score import Scores


@dataclass(frozen=True)
class Neighbour:
    unit: str
    index: float
    points: float  # to pass it (unit above) or that can be lost before dropping below it (unit below)


def _same_type(scores: Scores, row: int) -> np.ndarray:
    types = scores.units["unit_type"].to_numpy()
    return (types == types[row]) & ~np.isnan(scores.index)


def _half_step(scores: Scores) -> float:
    return 0.5 * 10.0 ** (-scores.compiled.criteria_set.index_decimals)


def unit_above(scores: Scores, row: int) -> Neighbour | None:
    """The nearest unit with a higher rounded index, and the points needed to pass it."""
    peers = _same_type(scores, row)
    higher = peers & (scores.index > scores.index[row])
    if not higher.any():
        return None
    candidates = np.flatnonzero(higher)
    target = candidates[np.argmin(scores.index[candidates])]
    needed_index = scores.index[target] + _half_step(scores)  # rounds to strictly above the target
    needed = needed_index / 100.0 * scores.max_applicable[row] - scores.total[row]
    return Neighbour(str(scores.units["unit"][target]), float(scores.index[target]), float(max(needed, 0.0)))


def unit_below(scores: Scores, row: int) -> Neighbour | None:
    """The nearest unit with a lower rounded index, and how many points this unit can lose before dropping below it."""
    peers = _same_type(scores, row)
    lower = peers & (scores.index < scores.index[row])
    if not lower.any():
        return None
    candidates = np.flatnonzero(lower)
    target = candidates[np.argmax(scores.index[candidates])]
    floor_index = scores.index[target] - _half_step(scores)  # below this it rounds under the target
    margin = scores.total[row] - floor_index / 100.0 * scores.max_applicable[row]
    return Neighbour(str(scores.units["unit"][target]), float(scores.index[target]), float(max(margin, 0.0)))


def peers_of(scores: Scores, row: int) -> np.ndarray:
    """Rows of the units of the same type as ``row`` (the population it is ranked in)."""
    return np.flatnonzero(_same_type(scores, row))


def field_shares(scores: Scores) -> np.ndarray:
    """Share (0..1) of each field's applicable maximum that each unit achieved."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(scores.field_max > 0, scores.field_points / scores.field_max, np.nan)


def field_comparison(scores: Scores, row: int, lang: str = "vi") -> pd.DataFrame:
    """Per field: the unit's points and maximum, the mean and the best among its peers."""
    peers = peers_of(scores, row)
    fields = scores.compiled.criteria_set.fields
    points = scores.field_points
    return pd.DataFrame(
        {
            "field_id": [f.id for f in fields],
            "field": [f.label(lang) for f in fields],
            "points": points[row],
            "max": scores.field_max[row],
            "mean": points[peers].mean(axis=0),
            "best": points[peers].max(axis=0),
        }
    )


def field_leaders(scores: Scores, lang: str = "vi", count: int = 3) -> pd.DataFrame:
    """The top and bottom ``count`` units of each field, by share of the field's maximum."""
    shares = field_shares(scores)
    names = scores.units["unit"].to_numpy()
    records = []
    for j, field in enumerate(scores.compiled.criteria_set.fields):
        column = shares[:, j]
        valid = np.flatnonzero(~np.isnan(column))
        order = valid[np.argsort(-column[valid], kind="stable")]
        records.append(
            {
                "field_id": field.id,
                "field": field.label(lang),
                "top": [(str(names[i]), float(column[i])) for i in order[:count]],
                "bottom": [(str(names[i]), float(column[i])) for i in order[::-1][:count]],
            }
        )
    return pd.DataFrame.from_records(records)


def grade_counts(scores: Scores, lang: str = "vi") -> pd.DataFrame:
    """How many units in each grade, in the set's order (best first), zeros included."""
    grades = scores.compiled.grade_labels
    counts = np.bincount(scores.grade_position[scores.grade_position >= 0], minlength=len(grades))
    return pd.DataFrame({"grade": [g.text(lang) for g in grades], "units": counts[: len(grades)]})


def rank_change(current: Scores, previous: Scores | None) -> pd.Series:
    """Places gained since the previous year, by unit name (positive = moved up); NaN when unknown."""
    if previous is None:
        return pd.Series(np.nan, index=current.units["unit"])
    before = pd.Series(previous.rank, index=previous.units["unit"]).replace(0, np.nan)
    now = pd.Series(current.rank, index=current.units["unit"]).replace(0, np.nan)
    return before.reindex(now.index) - now
