"""A criteria set compiled into arrays, and the vectorised leaf scorer.

Compiling happens once per criteria set. Leaves are grouped by rule kind into :class:`KindBlock`s,
each holding its columns and parameters as NumPy arrays, so scoring any number of units is a
handful of array operations per kind (the kind's kernel, :mod:`parindex.criteria.kinds`) — never a
Python loop over units. The inputs are the numbers
produced by :func:`parindex.criteria.parse_value` (NaN = not applicable).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import model as m
from .kinds import KINDS


@dataclass(frozen=True)
class KindBlock:
    """All columns scored by one rule kind, with their parameters side by side."""

    kind: str
    columns: np.ndarray  # int, positions in the value matrix
    max_points: np.ndarray  # per column
    params: dict[str, np.ndarray]

    def score(self, x: np.ndarray) -> np.ndarray:
        """Points for ``x``, shaped columns × units (leaf-major, so each leaf's values are contiguous).

        ``x`` may hold NaN (not applicable, blank bonus). A NaN must give NaN or 0 points, never a
        level's share: comparisons with NaN are false (0 points), arithmetic keeps NaN, and levels
        use the last column of their table (share 0) for NaN. The caller turns NaN points into 0.
        """
        return KINDS[self.kind].kernel(x, self.max_points[:, None], self.params)


@dataclass(frozen=True)
class CompiledSet:
    """Arrays derived from a :class:`~parindex.criteria.model.CriteriaSet`; immutable and shareable."""

    criteria_set: m.CriteriaSet
    column_ids: tuple[str, ...]
    column_max: np.ndarray
    n_leaves: int
    blocks: tuple[KindBlock, ...]
    is_survey: np.ndarray  # bool per tree leaf
    field_starts: np.ndarray  # leaf position where each field begins
    criterion_starts: np.ndarray
    field_membership: np.ndarray  # leaves × fields, 1.0 where the leaf belongs to the field
    criterion_membership: np.ndarray  # leaves × criteria
    bonus_columns: np.ndarray
    penalty_columns: np.ndarray
    grade_min: np.ndarray  # descending
    grade_labels: tuple[m.Grade, ...]

    @property
    def leaves(self) -> tuple[m.Leaf, ...]:
        return self.criteria_set.leaves

    @property
    def columns(self) -> tuple[m.Leaf, ...]:
        return self.criteria_set.columns

    def column_index(self) -> dict[str, int]:
        return {column_id: i for i, column_id in enumerate(self.column_ids)}


def compile_set(criteria_set: m.CriteriaSet) -> CompiledSet:
    """Turn the validated tree into arrays grouped by rule kind."""
    columns = criteria_set.columns
    n_leaves = len(criteria_set.leaves)
    by_kind: dict[str, list[int]] = {}
    for i, leaf in enumerate(columns):
        by_kind.setdefault(leaf.rule.kind, []).append(i)
    blocks = tuple(_block(kind, idx, columns) for kind, idx in by_kind.items())

    field_starts, criterion_starts, position = [], [], 0
    for field in criteria_set.fields:
        field_starts.append(position)
        for criterion in field.criteria:
            criterion_starts.append(position)
            position += len(criterion.leaves)
    parts = [leaf.part for leaf in columns]
    field_of = np.repeat(np.arange(len(field_starts)), np.diff([*field_starts, n_leaves]))
    criterion_of = np.repeat(np.arange(len(criterion_starts)), np.diff([*criterion_starts, n_leaves]))
    return CompiledSet(
        criteria_set=criteria_set,
        column_ids=tuple(leaf.id for leaf in columns),
        column_max=np.array([leaf.max for leaf in columns], dtype=float),
        n_leaves=n_leaves,
        blocks=blocks,
        is_survey=np.array([p == m.SURVEY_PART for p in parts[:n_leaves]], dtype=bool),
        field_starts=np.array(field_starts, dtype=np.intp),
        criterion_starts=np.array(criterion_starts, dtype=np.intp),
        field_membership=(field_of[:, None] == np.arange(len(field_starts))[None, :]).astype(float),
        criterion_membership=(criterion_of[:, None] == np.arange(len(criterion_starts))[None, :]).astype(float),
        bonus_columns=np.array([i for i, p in enumerate(parts) if p == m.BONUS], dtype=np.intp),
        penalty_columns=np.array([i for i, p in enumerate(parts) if p == m.PENALTY], dtype=np.intp),
        grade_min=np.array([g.min_index for g in criteria_set.grades], dtype=float),
        grade_labels=criteria_set.grades,
    )


def _block(kind: str, indices: list[int], columns: tuple[m.Leaf, ...]) -> KindBlock:
    leaves = [columns[i] for i in indices]
    rules = [leaf.rule for leaf in leaves]
    return KindBlock(
        kind=kind,
        columns=np.array(indices, dtype=np.intp),
        max_points=np.array([leaf.max for leaf in leaves], dtype=float),
        params=KINDS[kind].parameters(rules),
    )


def score_leaf(leaf: m.Leaf, values: list[float]) -> np.ndarray:
    """Points of one leaf for several parsed values, by the same kernel that scores every unit (for previews)."""
    block = _block(leaf.rule.kind, [0], (leaf,))
    return np.nan_to_num(block.score(np.asarray([values], dtype=float)))[0]
