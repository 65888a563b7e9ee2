"""Score, rank and grade every unit at once.

``score(compiled, values, units)`` takes the matrix of parsed values (units × columns, NaN = not
applicable) and returns :class:`Scores`: points per leaf, criterion and field; the appraisal,
survey, bonus and penalty parts; total; index (%); rank within each unit type; and grade. The rules
of the index (not-applicable leaves leave the denominator, bonus and penalty caps, ties) live here
and in :mod:`parindex.compiled`, and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from parindex.compiled import CompiledSet


def round_half_up(values: np.ndarray | float, decimals: int) -> np.ndarray:
    """Round as people do on paper (85,975 → 85,98), not to even; a tiny nudge absorbs float noise."""
    factor = 10.0**decimals
    return np.floor(np.asarray(values, dtype=float) * factor + 0.5 + 1e-9) / factor


def rank_within(index: np.ndarray, groups: np.ndarray, ties: str = "standard") -> np.ndarray:
    """Rank by ``index`` (highest first) inside each group; equal values share a rank.

    ``standard`` skips after a tie (1, 2, 2, 4), ``dense`` does not (1, 2, 2, 3). Units without an
    index (NaN) get rank 0.
    """
    method = "dense" if ties == "dense" else "min"
    ranks = pd.Series(index).groupby(pd.Series(groups)).rank(method=method, ascending=False)
    return ranks.fillna(0).to_numpy(dtype=np.int64)


def grade_positions(index: np.ndarray, grade_min: np.ndarray) -> np.ndarray:
    """Position of the first grade (from the top) whose minimum the index reaches; -1 if none."""
    if grade_min.size == 0:
        return np.full(index.shape, -1, dtype=np.int64)
    reached = (index[:, None] >= grade_min[None, :] - 1e-9).sum(axis=1)
    position = grade_min.size - reached
    return np.where((reached > 0) & ~np.isnan(index), position, -1).astype(np.int64)


@dataclass(frozen=True)
class Scores:
    """Everything computed for a set of units; arrays are aligned with ``units`` rows."""

    compiled: CompiledSet
    units: pd.DataFrame  # columns: unit, unit_type (and any others the data had)
    values: np.ndarray  # parsed values, units × columns, NaN = not applicable
    points: np.ndarray  # units × columns (0 where not applicable)
    applicable: np.ndarray  # bool, units × tree leaves
    criterion_points: np.ndarray
    field_points: np.ndarray
    field_max: np.ndarray  # applicable maximum per field
    appraisal: np.ndarray
    survey: np.ndarray
    bonus: np.ndarray
    penalty: np.ndarray
    total: np.ndarray
    max_applicable: np.ndarray
    index_exact: np.ndarray
    index: np.ndarray  # rounded to the set's decimals; ranks and grades use this
    rank: np.ndarray
    grade_position: np.ndarray

    def __len__(self) -> int:
        return len(self.units)

    @property
    def leaf_points(self) -> np.ndarray:
        return self.points[:, : self.compiled.n_leaves]

    def grade(self, row: int, lang: str = "vi") -> str:
        position = int(self.grade_position[row])
        return self.compiled.grade_labels[position].text(lang) if position >= 0 else ""

    def grades(self, lang: str = "vi") -> list[str]:
        return [self.grade(i, lang) for i in range(len(self))]

    def row_of(self, unit: str) -> int:
        """Row of the unit called ``unit``; KeyError if there is none."""
        matches = np.flatnonzero(self.units["unit"].to_numpy() == unit)
        if matches.size == 0:
            raise KeyError(unit)
        return int(matches[0])

    def table(self, lang: str = "vi") -> pd.DataFrame:
        """One row per unit, ranked: the table the command line prints and the app shows."""
        fields = self.compiled.criteria_set.fields
        decimals = self.compiled.criteria_set.index_decimals
        frame = self.units[["unit", "unit_type"]].copy()
        for j, field in enumerate(fields):
            frame[f"field_{field.id}"] = np.round(self.field_points[:, j], 4)
        frame["appraisal"] = np.round(self.appraisal, 4)
        frame["survey"] = np.round(self.survey, 4)
        frame["bonus"] = np.round(self.bonus, 4)
        frame["penalty"] = np.round(self.penalty, 4)
        frame["total"] = np.round(self.total, 4)
        frame["max_applicable"] = np.round(self.max_applicable, 4)
        frame["index_pct"] = np.round(self.index, decimals)
        frame["rank"] = self.rank
        frame["grade"] = self.grades(lang)
        return frame.sort_values(["unit_type", "rank", "unit"], kind="stable").reset_index(drop=True)


def score(compiled: CompiledSet, values: np.ndarray, units: pd.DataFrame) -> Scores:
    """Score all units in one pass of array operations (see module docstring)."""
    values = np.asarray(values, dtype=float)
    if values.ndim != 2 or values.shape[1] != len(compiled.column_ids):
        raise ValueError(f"expected a matrix with {len(compiled.column_ids)} columns, got {values.shape}")
    points = np.zeros_like(values)
    for block in compiled.blocks:
        points[:, block.columns] = block.score(values[:, block.columns])
    present = ~np.isnan(values)
    points = np.where(present, points, 0.0)

    n = compiled.n_leaves
    leaf_points = points[:, :n]
    applicable = present[:, :n]
    leaf_max = np.where(applicable, compiled.column_max[:n], 0.0)
    survey = leaf_points[:, compiled.is_survey].sum(axis=1)
    appraisal = leaf_points[:, ~compiled.is_survey].sum(axis=1)
    extras = compiled.criteria_set
    bonus = np.minimum(points[:, compiled.bonus_columns].sum(axis=1), extras.bonus.cap)
    penalty = np.minimum(points[:, compiled.penalty_columns].sum(axis=1), extras.penalty.cap)
    total = np.maximum(appraisal + survey + bonus - penalty, 0.0)
    max_applicable = leaf_max.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        index_exact = np.where(max_applicable > 0, total / max_applicable * 100.0, np.nan)
    index = round_half_up(index_exact, extras.index_decimals)
    groups = units["unit_type"].to_numpy() if "unit_type" in units else np.zeros(len(units))
    return Scores(
        compiled=compiled,
        units=units.reset_index(drop=True),
        values=values,
        points=points,
        applicable=applicable,
        criterion_points=_segment_sums(leaf_points, compiled.criterion_starts),
        field_points=_segment_sums(leaf_points, compiled.field_starts),
        field_max=_segment_sums(leaf_max, compiled.field_starts),
        appraisal=appraisal,
        survey=survey,
        bonus=bonus,
        penalty=penalty,
        total=total,
        max_applicable=max_applicable,
        index_exact=index_exact,
        index=index,
        rank=rank_within(index, groups, extras.ties),
        grade_position=grade_positions(index, compiled.grade_min),
    )


def _segment_sums(matrix: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Sums over contiguous column ranges (leaves are stored field by field, criterion by criterion)."""
    if matrix.shape[0] == 0:
        return np.zeros((0, starts.size))
    return np.add.reduceat(matrix, starts, axis=1)
