"""Score, rank and grade every unit at once.

``score(compiled, values, units)`` takes the matrix of parsed values (units × columns, NaN = not
applicable) and returns :class:`Scores`: points per leaf, criterion and field; the appraisal,
survey, bonus and penalty parts; total; index (%); rank within each unit type; and grade. The rules
of the index (not-applicable leaves leave the denominator, bonus and penalty caps) live here and in
:mod:`parindex.criteria`; its rounding and ties in :mod:`parindex.scoring._ranking`, and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from parindex.criteria import CompiledSet

from ._ranking import exact_index, rank_within, round_half_up


def grade_positions(index: np.ndarray, grade_min: np.ndarray) -> np.ndarray:
    """Position of the first grade (from the top) whose minimum the index reaches; -1 if none."""
    if grade_min.size == 0:
        return np.full(index.shape, -1, dtype=np.int64)
    ascending = grade_min[::-1] - 1e-9
    reached = np.searchsorted(ascending, index, side="right")  # how many minima are ≤ index
    position = grade_min.size - reached
    return np.where((reached > 0) & ~np.isnan(index), position, -1).astype(np.int64)


def group_sums(points: np.ndarray, membership: np.ndarray) -> np.ndarray:
    """Each unit's points summed per group (criterion, field): units × groups.

    Summed row by row in a fixed order rather than by a matrix product, whose blocked arithmetic can
    round a unit's sum differently depending on the unit's position in the table: a unit's figures
    must not depend on which rows stand beside it.
    """
    out = np.zeros((points.shape[0], membership.shape[1]))
    for group in range(membership.shape[1]):
        out[:, group] = points[:, membership[:, group] > 0].sum(axis=1)
    return out


# the arrays of :class:`Scores` with one row per unit (besides ``values``, kept in column order): a subset of the
# units cuts each of them the same way
PER_UNIT_ARRAYS = (
    "points",
    "applicable",
    "appraisal",
    "survey",
    "bonus",
    "penalty",
    "total",
    "max_applicable",
    "index_exact",
    "index",
    "rank",
    "grade_position",
)


@dataclass
class Scores:
    """Everything computed for a set of units; arrays are aligned with ``units`` rows.

    Totals, index, rank and grade are computed at once; sums per criterion and field are computed
    on first use, since the what-if and planner paths need only the totals.
    """

    compiled: CompiledSet
    units: pd.DataFrame  # columns: unit, unit_type (and any others the data had)
    values: np.ndarray  # parsed values, units × columns, NaN = not applicable
    points: np.ndarray  # units × columns (0 where not applicable)
    applicable: np.ndarray  # bool, units × tree leaves
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

    @cached_property
    def criterion_points(self) -> np.ndarray:
        return group_sums(self.leaf_points, self.compiled.criterion_membership)

    @cached_property
    def field_points(self) -> np.ndarray:
        return group_sums(self.leaf_points, self.compiled.field_membership)

    @cached_property
    def field_max(self) -> np.ndarray:
        """Applicable maximum per field (not-applicable leaves removed)."""
        leaf_max = self.applicable * self.compiled.column_max[: self.compiled.n_leaves]
        return group_sums(leaf_max, self.compiled.field_membership)

    def of_type(self, unit_type: str) -> Scores:
        """Only the units of one type (ranks are already within each type, so they stay as they are)."""
        keep = self.units["unit_type"].to_numpy() == unit_type
        if keep.all():
            return self
        per_unit = {name: getattr(self, name)[keep] for name in PER_UNIT_ARRAYS}
        return Scores(
            compiled=self.compiled,
            units=self.units[keep].reset_index(drop=True),
            values=np.asfortranarray(self.values[keep]),
            **per_unit,
        )

    def grade(self, row: int, lang: str = "vi") -> str:
        position = int(self.grade_position[row])
        return self.compiled.grade_labels[position].text(lang) if position >= 0 else ""

    def grades(self, lang: str = "vi") -> list[str]:
        return [self.grade(i, lang) for i in range(len(self))]

    def row_of(self, unit: str, unit_type: str | None = None) -> int:
        """Row of the unit called ``unit`` (of ``unit_type``, when given); KeyError if there is none."""
        same = self.units["unit"].to_numpy() == unit
        if unit_type is not None and "unit_type" in self.units:
            same &= self.units["unit_type"].to_numpy() == unit_type
        matches = np.flatnonzero(same)
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
        frame["_unranked"] = frame["rank"] == 0  # units without an index go last, not first
        ordered = frame.sort_values(["unit_type", "_unranked", "rank", "unit"], kind="stable")
        return ordered.drop(columns="_unranked").reset_index(drop=True)

    def ranking_order(self) -> np.ndarray:
        """Row positions best first; units without an index (rank 0) last."""
        return np.lexsort((self.units["unit"].to_numpy(), self.rank, self.rank == 0))


def score(compiled: CompiledSet, values: np.ndarray, units: pd.DataFrame) -> Scores:
    """Score all units in one pass of array operations (see module docstring)."""
    values = np.asarray(values, dtype=float)
    if values.ndim != 2 or values.shape[1] != len(compiled.column_ids):
        raise ValueError(f"expected a matrix with {len(compiled.column_ids)} columns, got {values.shape}")
    # Work leaf-major (columns × units): each leaf's values are contiguous, so gathering a rule
    # kind's columns is a few block copies. Imports store values in Fortran order for this.
    by_leaf = values.T if values.flags.f_contiguous else np.ascontiguousarray(values.T)
    points_by_leaf = np.empty_like(by_leaf)
    for block in compiled.blocks:  # kernels accept NaN (not applicable, or a blank bonus item)
        points_by_leaf[block.columns] = block.score(by_leaf[block.columns])
    np.nan_to_num(points_by_leaf, copy=False, nan=0.0)  # a NaN value gives NaN or 0 points: now 0

    n = compiled.n_leaves
    missing_by_leaf = np.isnan(by_leaf[:n])  # not applicable: out of the denominator
    leaf_points = points_by_leaf[:n]
    leaf_max = compiled.column_max[:n]
    leaf_sum = leaf_points.sum(axis=0)
    survey = leaf_points[compiled.is_survey.astype(bool)].sum(axis=0)
    appraisal = leaf_sum - survey
    extras = compiled.criteria_set
    bonus = np.minimum(points_by_leaf[compiled.bonus_columns].sum(axis=0), extras.bonus.cap)
    penalty = np.minimum(points_by_leaf[compiled.penalty_columns].sum(axis=0), extras.penalty.cap)
    total = np.maximum(leaf_sum + bonus - penalty, 0.0)
    max_applicable = np.full(total.shape, leaf_max.sum())
    if missing_by_leaf.any():
        max_applicable -= (missing_by_leaf * leaf_max[:, None]).sum(axis=0)
    index_exact = exact_index(total, max_applicable)
    index = round_half_up(index_exact, extras.index_decimals)
    groups = units["unit_type"] if "unit_type" in units else np.zeros(len(units))
    return Scores(
        compiled=compiled,
        units=units.reset_index(drop=True),
        values=values,
        points=points_by_leaf.T,
        applicable=~missing_by_leaf.T,
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
