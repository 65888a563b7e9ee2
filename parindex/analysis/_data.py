"""What the analysis reads from the scoring rounds: self-assessed and appraised values side by side,
survey respondent counts, and which values are already appraised.

The queries take a SQLAlchemy session opened by the caller (so access checks stay with whoever opens
it) and return plain frames and arrays; everything after that is pure. Values are turned into
points with each round's own frozen criteria set and the vectorised kernels of
:mod:`parindex.criteria`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from parindex.accounts import Actor, require
from parindex.criteria import BLANK, CellError, CompiledSet, parse_value
from parindex.db import Entry, Round, SurveyResult, Unit
from parindex.rounds import list_rounds, round_set

PAIR_FRAME_COLUMNS = [
    "year",
    "round_id",
    "unit",
    "unit_type",
    "leaf_id",
    "name",
    "self_value",
    "appraised_value",
    "self_points",
    "appraised_points",
    "max",
]


def points_of(compiled: CompiledSet, leaf_ids: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Points of single values, each for its own sub-criterion (NaN value → NaN), kernel by kernel."""
    position = compiled.column_index()
    columns = np.array([position[leaf] for leaf in leaf_ids], dtype=np.intp)
    n = columns.size
    points = np.full(n, np.nan)
    if n == 0:
        return points
    for block in compiled.blocks:
        inside = np.isin(columns, block.columns)
        if not inside.any():
            continue
        rows = np.searchsorted(block.columns, columns[inside])  # block columns are ascending
        grid = np.full((block.columns.size, int(inside.sum())), np.nan)
        grid[rows, np.arange(rows.size)] = values[inside]
        scored = block.score(grid)[rows, np.arange(rows.size)]
        points[inside] = np.where(np.isnan(values[inside]), np.nan, scored)
    return points


def _number(raw: str | None, leaf) -> float:
    try:
        value = parse_value(raw, leaf)
    except CellError:
        return np.nan
    return np.nan if value is BLANK else float(value)


def pairs_from_values(compiled: CompiledSet, frame: pd.DataFrame) -> pd.DataFrame:
    """Add ``self_points``, ``appraised_points``, ``name`` and ``max`` to rows of (leaf_id, self_value, appraised_value).

    Raw values are read as an import reads them; unreadable, blank or not-applicable values give NaN
    points, and such rows are dropped (there is nothing to compare).
    """
    leaves = {leaf.id: leaf for leaf in compiled.columns}
    frame = frame[frame["leaf_id"].isin(leaves)].copy()
    ids = frame["leaf_id"].to_numpy()
    for side in ("self", "appraised"):
        numbers = np.array([_number(raw, leaves[leaf]) for raw, leaf in zip(frame[f"{side}_value"], ids, strict=True)])
        frame[f"{side}_points"] = points_of(compiled, ids, numbers)
    frame["name"] = [leaves[leaf].name for leaf in ids]
    frame["max"] = [leaves[leaf].max for leaf in ids]
    return frame.dropna(subset=["self_points", "appraised_points"]).reset_index(drop=True)


def appraisal_pairs(
    session: Session, actor: Actor, set_id: str | None = None, unit_type: str | None = None
) -> pd.DataFrame:
    """Every (round, unit, sub-criterion) with both a self-assessed and an appraised value, in points.

    The appraised value is the second appraisal, else the first. ``set_id`` and ``unit_type`` keep
    only rounds of that criteria set and units of that type. Columns: :data:`PAIR_FRAME_COLUMNS`.
    Appraisal work on every unit is internal: staff and leaders only.
    """
    require(actor, "read_unpublished")
    frames = []
    for round_ in list_rounds(session):
        if set_id is not None and round_.set_id != set_id:
            continue
        query = (
            select(Entry, Unit)
            .join(Unit, Entry.unit_id == Unit.id)
            .where(Entry.round_id == round_.id, Entry.self_value.is_not(None))
            .where(or_(Entry.appraisal1_value.is_not(None), Entry.appraisal2_value.is_not(None)))
        )
        if unit_type is not None:
            query = query.where(Unit.unit_type == unit_type)
        rows = [
            {
                "year": round_.year,
                "round_id": round_.id,
                "unit": unit.name,
                "unit_type": unit.unit_type,
                "leaf_id": entry.leaf_id,
                "self_value": entry.self_value,
                "appraised_value": entry.appraisal2_value or entry.appraisal1_value,
            }
            for entry, unit in session.execute(query)
        ]
        if rows:
            frames.append(pairs_from_values(round_set(round_), pd.DataFrame(rows)))
    if not frames:
        return pd.DataFrame(columns=PAIR_FRAME_COLUMNS)
    return pd.concat(frames, ignore_index=True)[PAIR_FRAME_COLUMNS]


def round_uncertainty_inputs(
    session: Session, round_id: int, units: pd.DataFrame, compiled: CompiledSet, actor: Actor
) -> tuple[np.ndarray, np.ndarray]:
    """For a round's units (rows of ``units``): survey respondents (NaN unknown) and already-appraised values.

    Both are ``units × columns`` arrays aligned with ``compiled.column_ids``, ready for
    :class:`parindex.analysis.Uncertainty` (``respondents`` and ``settled``).
    """
    require(actor, "read_unpublished")
    row_of = {(name, kind): i for i, (name, kind) in enumerate(zip(units["unit"], units["unit_type"], strict=True))}
    position = compiled.column_index()
    respondents = np.full((len(units), len(position)), np.nan)
    settled = np.zeros((len(units), len(position)), dtype=bool)
    round_ = session.get(Round, round_id)
    if round_ is None:
        return respondents, settled
    for result, unit in session.execute(
        select(SurveyResult, Unit).join(Unit, SurveyResult.unit_id == Unit.id).where(SurveyResult.round_id == round_id)
    ):
        row, column = row_of.get((unit.name, unit.unit_type)), position.get(result.leaf_id)
        if row is not None and column is not None and result.respondents > 0:
            respondents[row, column] = result.respondents
    for entry, unit in session.execute(
        select(Entry, Unit)
        .join(Unit, Entry.unit_id == Unit.id)
        .where(Entry.round_id == round_id)
        .where(or_(Entry.appraisal1_value.is_not(None), Entry.appraisal2_value.is_not(None)))
    ):
        row, column = row_of.get((unit.name, unit.unit_type)), position.get(entry.leaf_id)
        if row is not None and column is not None:
            settled[row, column] = True
    return respondents, settled
