"""A round's effective values: each cell's text as the database holds it, then checked by the round's rules.

The effective value of a cell is the second appraisal, else the first, else the unit's own value; a survey
result stands over what the unit typed for that item. A national round is ~3·10⁵ cells, so the database picks
each cell's value and the driver's plain rows are placed unit × sub-criterion in one array (units by id).

The same reading serves a whole round (:func:`round_values`) and a few units of it, which
:class:`parindex.rounds.RoundReader` puts in place of their rows after a save.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from parindex.accounts import AccessDenied, Actor, require
from parindex.criteria import CompiledSet
from parindex.db import EFFECTIVE_ORDER, Entry, Round, SurveyResult, Unit
from parindex.scoring import ValueTable, parse_table

from ._round import round_set


@dataclass(frozen=True)
class RoundCells:
    """The cells of a round (or of some of its units) as text: ``unit_ids`` ascending, ``names`` their (name, unit
    type), ``grid`` one row per unit and one column per id of ``columns`` (the round's compiled set; "" where none)."""

    unit_ids: np.ndarray
    names: np.ndarray
    grid: np.ndarray
    columns: tuple[str, ...]

    def frame(self, round_: Round) -> pd.DataFrame:
        """The cells as a values file's frame: unit, unit type, then the columns, headed by their ids."""
        frame = pd.DataFrame(np.hstack([self.names, self.grid]), columns=range(len(self.columns) + 2), dtype=object)
        frame.attrs["headers"] = ["unit", "unit_type", *self.columns]
        frame.attrs["filename"] = f"round-{round_.year}-{round_.set_id}"
        return frame


def require_readable(actor: Actor | None, round_: Round, unit_id: int | None = None) -> None:
    """Published values are for everyone signed in; values still open need the right to read them."""
    if actor is None:
        raise AccessDenied("signed_in")
    if round_.status != "published":
        require(actor, "read_unpublished", unit_id)


def round_values(session: Session, round_: Round, actor: Actor, compiled: CompiledSet | None = None) -> ValueTable:
    """The round's effective values (second appraisal, else first, else self) as a values table."""
    require_readable(actor, round_)
    compiled = compiled or round_set(round_)
    return parse_table(read_cells(session, round_, compiled).frame(round_), compiled)


def read_cells(
    session: Session, round_: Round, compiled: CompiledSet, unit_ids: Iterable[int] | None = None
) -> RoundCells:
    """Every cell of the round, or only those of ``unit_ids`` (each unit with all its cells), as text.

    A unit is in the result when it has at least one cell in the round, in the set or not.
    """
    session.flush()  # the rows below are read on the connection, past the session's own pending changes
    connection = session.connection()
    only = None if unit_ids is None else sorted({int(unit_id) for unit_id in unit_ids})

    def of_round(query: Any, table: Any) -> Any:
        query = query.where(table.round_id == int(round_.id))
        return query if only is None else query.where(table.unit_id.in_(only))

    effective = func.coalesce(*(func.nullif(stage, "") for stage in EFFECTIVE_ORDER), "")  # first with a value
    cells = _driver_rows(connection, of_round(select(Entry.unit_id, Entry.leaf_id, effective), Entry))
    surveys = _driver_rows(
        connection,
        of_round(select(SurveyResult.unit_id, SurveyResult.leaf_id, SurveyResult.share_pct), SurveyResult),
    )
    columns = pd.Index(compiled.column_ids)
    ids = np.unique(np.fromiter((cell[0] for cell in cells), dtype=np.int64, count=len(cells)))
    grid = np.full((len(ids), len(columns)), "", dtype=object)
    _place(grid, ids, columns, cells, lambda value: value)
    _place(grid, ids, columns, surveys, lambda share: f"{share:g}")  # over what the unit typed there
    names = {
        unit_id: (name, unit_type)
        for unit_id, name, unit_type in connection.execute(
            select(Unit.id, Unit.name, Unit.unit_type).where(
                Unit.id.in_(of_round(select(Entry.unit_id), Entry)) if only is None else Unit.id.in_(only)
            )
        )
    }
    named = np.array([names[unit_id] for unit_id in ids.tolist()], dtype=object).reshape(len(ids), 2)
    return RoundCells(ids, named, grid, compiled.column_ids)


def _place(grid: np.ndarray, unit_ids: np.ndarray, columns: pd.Index, rows: list[tuple], text: Any) -> None:
    """Write each row's (unit id, leaf id, value) into ``grid`` (units in the order of ``unit_ids``, leaves in
    that of ``columns``) as ``text(value)``; a row of another unit or of a leaf the set lacks is left out."""
    if not rows or not len(unit_ids):
        return
    units = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
    at = np.minimum(np.searchsorted(unit_ids, units), len(unit_ids) - 1)
    column = columns.get_indexer([row[1] for row in rows])
    known = np.flatnonzero((column >= 0) & (unit_ids[at] == units))
    grid[at[known], column[known]] = [text(rows[k][2]) for k in known.tolist()]


def _driver_rows(connection: Any, query: Any) -> list[tuple]:
    """Every row of ``query`` as the database driver's plain tuples: a national round is ~3·10⁵ cells, and making
    a SQLAlchemy row of each costs as much as reading it. The query's only parameters are integers, written into
    the statement (``literal_binds``), never text from a user."""
    statement = str(query.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
    cursor = connection.connection.cursor()
    try:
        cursor.execute(statement)
        return cursor.fetchall()
    finally:
        cursor.close()
