"""A criteria set compiled into arrays, and the vectorised leaf scorer.

Compiling happens once per criteria set. Leaves are grouped by rule kind into :class:`KindBlock`s,
each holding its columns and parameters as NumPy arrays, so scoring any number of units is a
handful of array operations per kind — never a Python loop over units. The inputs are the numbers
produced by :func:`parindex.criteria.parse_value` (NaN = not applicable).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import model as m


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
        p = self.params
        mx = self.max_points[:, None]
        if self.kind == m.YES_NO:
            return (x >= 0.5) * mx
        if self.kind == m.LEVELS:
            return _level_shares(x, p["shares"]) * mx
        if self.kind == m.BANDS:
            return _band_shares(x * p["sign"][:, None], p["thresholds"], p["lookup"]) * mx
        if self.kind == m.LINEAR:
            zero, full = p["zero_at"][:, None], p["full_at"][:, None]
            return np.clip((x - zero) / (full - zero), 0.0, 1.0) * mx
        if self.kind == m.COUNT:
            return np.minimum(x * p["per_item"][:, None], p["cap"][:, None])
        if self.kind == m.DEDUCTION:
            return np.maximum(mx - x * p["per_violation"][:, None], p["floor"][:, None])
        if self.kind == m.SURVEY:
            return np.clip(x, 0.0, 100.0) * (mx / 100.0)
        return np.clip(x, 0.0, mx)  # manual


def _level_shares(x: np.ndarray, shares: np.ndarray) -> np.ndarray:
    index = np.nan_to_num(x, nan=shares.shape[1] - 1).astype(np.intp).clip(0, shares.shape[1] - 1)
    return shares[np.arange(shares.shape[0])[:, None], index]


def _band_shares(x: np.ndarray, thresholds: np.ndarray, lookup: np.ndarray) -> np.ndarray:
    """Share of the best band reached; bands are ordered from the best down.

    Thresholds decrease along each row (after the sign flip for "at most" bands) and unused
    positions hold +inf, so the bands a value reaches are always the last ``c`` real ones; ``c``
    alone tells which band applies, and ``lookup[row, c]`` holds its share (0 when ``c`` is 0).
    """
    reached = np.zeros(x.shape, dtype=np.intp)
    for position in range(thresholds.shape[1]):
        reached += x >= thresholds[:, position, None]
    return lookup[np.arange(lookup.shape[0])[:, None], reached]


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
    params: dict[str, np.ndarray] = {}
    if kind == m.LEVELS:
        width = max(len(r.levels) for r in rules)
        # one extra column of 0 at the end: where a not-applicable (NaN) value is looked up
        params["shares"] = np.array(
            [[lv.share for lv in r.levels] + [0.0] * (width + 1 - len(r.levels)) for r in rules]
        )
    elif kind == m.BANDS:
        width = max(len(r.bands) for r in rules)
        sign = np.array([1.0 if r.higher_is_better else -1.0 for r in rules])
        thresholds = np.full((len(rules), width), np.inf)
        shares = np.zeros((len(rules), width))
        for row, rule in enumerate(rules):
            for col, band in enumerate(rule.bands):
                thresholds[row, col] = band.threshold * sign[row]
                shares[row, col] = band.share
        lookup = np.zeros((len(rules), width + 1))  # lookup[row, c]: share when c bands are reached
        for row, rule in enumerate(rules):
            for reached in range(1, len(rule.bands) + 1):
                lookup[row, reached] = shares[row, len(rule.bands) - reached]
        params.update(sign=sign, thresholds=thresholds, lookup=lookup)
    elif kind == m.LINEAR:
        params["zero_at"] = np.array([r.zero_at for r in rules], dtype=float)
        params["full_at"] = np.array([r.full_at for r in rules], dtype=float)
    elif kind == m.COUNT:
        params["per_item"] = np.array([r.per_item for r in rules], dtype=float)
        params["cap"] = np.array([r.cap for r in rules], dtype=float)
    elif kind == m.DEDUCTION:
        params["per_violation"] = np.array([r.per_violation for r in rules], dtype=float)
        params["floor"] = np.array([r.floor for r in rules], dtype=float)
    return KindBlock(
        kind=kind,
        columns=np.array(indices, dtype=np.intp),
        max_points=np.array([leaf.max for leaf in leaves], dtype=float),
        params=params,
    )


def score_leaf(leaf: m.Leaf, values: list[float]) -> np.ndarray:
    """Points of one leaf for several parsed values, by the same kernel that scores every unit (for previews)."""
    block = _block(leaf.rule.kind, [0], (leaf,))
    return np.nan_to_num(block.score(np.asarray([values], dtype=float)))[0]
