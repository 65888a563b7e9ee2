"""A round's values kept between reads, so that a save costs the rows it changed, not the whole round again.

Reading a national round (4.320 communes × 68 sub-criteria) takes about a second: the cells from the database,
then every cell checked by the round's rules. After one appraiser's save only one unit's row differs. The audit
log says which: every change to a round's values writes a record naming the unit and the field in the same
transaction. So :class:`RoundReader` keeps each round as it last read it and, on the next read, reads the audit
records it has not seen yet:

* none: the round is as kept;
* only value changes (a stage's value or a survey result) of units already in the round: those units' rows are
  read again, checked by the rules on their own, and put in place of the old rows;
* anything else (a new unit, a record it cannot place, more changes than a patch is worth): the round is read
  whole, as :func:`parindex.rounds.round_values` reads it.

A record committed late (PostgreSQL hands out ids when a record is written, not when it commits) is caught as
:class:`parindex.rounds.RoundVersions` catches it: the ids of the last :data:`LOOK_BACK` records are compared with
those seen before. The records are read *before* the cells, so a record the reader has seen is always in the
cells it kept; a change that lands between the two reads is read again next time, which changes nothing.

The reader reads on its own connection, so it keeps only what is committed, never a caller's unfinished write.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from parindex.accounts import Actor
from parindex.criteria import CompiledSet
from parindex.db import AuditRecord, Round
from parindex.errors import InputError
from parindex.scoring import ValueTable, parse_table

from ._round import STAGE_FIELDS, round_set
from ._values import RoundCells, read_cells, require_readable
from ._versions import LOOK_BACK

# A record's field that holds a value of the round: the cell of (unit, sub-criterion) changes.
VALUE_FIELDS = frozenset({*(value for value, _ in STAGE_FIELDS.values()), "survey"})
# Records that change no value: explanations, evidence, accounts, a unit's years; publishing, reopening, installing.
NEUTRAL_FIELDS = frozenset({"explanation_request", "explanation_answer", "evidence", "account", "last_year"})
NEUTRAL_ACTIONS = frozenset({"publish", "reopen", "install_set", "open_round"})
MAX_PATCHED_UNITS = 200  # more units changed at once (a file imported): reading the round whole is as quick
MAX_RECORDS = 20_000  # more new records than this: the round is read whole without looking at each one


@dataclass(frozen=True)
class RoundTable:
    """A round's values as read, and a fingerprint that differs whenever they do (a key for what is computed
    from them). ``problems`` is set instead of ``table`` while the round cannot be scored (cells still blank)."""

    table: ValueTable | None
    problems: InputError | None
    fingerprint: str

    def values(self) -> ValueTable:
        """The table, or the round's problems raised."""
        if self.problems is not None:
            raise self.problems
        assert self.table is not None
        return self.table


@dataclass(frozen=True)
class _Kept:
    """One round as last read: its cells, what they gave, and the audit records seen (newest id, recent ids)."""

    cells: RoundCells
    result: RoundTable
    newest: int
    seen: frozenset[int]


@dataclass(frozen=True)
class _Record:
    id: int
    round_id: int | None
    unit_id: int | None
    field: str | None
    action: str


@dataclass
class RoundReader:
    """Each round's values, read whole once and then patched from the audit log (one per database)."""

    engine: Engine
    keep: int = 16  # rounds kept, least recently read dropped first
    _kept: OrderedDict[int, _Kept] = field(default_factory=OrderedDict, repr=False)
    _locks: dict[int, threading.Lock] = field(default_factory=dict, repr=False)
    _guard: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def read(self, round_: Round, actor: Actor | None, compiled: CompiledSet | None = None) -> RoundTable:
        """The round's values as :func:`parindex.rounds.round_values` gives them now, with the same access rule."""
        require_readable(actor, round_)
        return self._kept_now(round_, compiled or round_set(round_)).result

    def prefetch(self, round_: Round) -> None:
        """Read the round now, so that a later :meth:`read` finds it kept: ahead of the first sign-in after a start,
        when a national round would otherwise be read whole while a person waits. Nothing is returned, so no
        access rule applies here; :meth:`read` applies it to whoever asks."""
        self._kept_now(round_, round_set(round_))

    def _kept_now(self, round_: Round, compiled: CompiledSet) -> _Kept:
        round_id = int(round_.id)
        with self._lock(round_id):
            with Session(self.engine) as session:
                kept = self._refreshed(session, round_, compiled, self._get(round_id))
            self._put(round_id, kept)
            return kept

    def _refreshed(self, session: Session, round_: Round, compiled: CompiledSet, kept: _Kept | None) -> _Kept:
        if kept is None or kept.cells.columns != compiled.column_ids:
            return _read_whole(session, round_, compiled)
        records = _records_after(session, max(kept.newest - LOOK_BACK, 0))
        if len(records) > MAX_RECORDS:
            return _read_whole(session, round_, compiled)
        newest = max([kept.newest, *(r.id for r in records)])
        seen = frozenset(r.id for r in records if r.id > newest - LOOK_BACK)
        unseen = [r for r in records if r.id not in kept.seen]
        units = _changed_units(unseen, int(round_.id))
        if units is None or len(units) > MAX_PATCHED_UNITS or not set(units) <= set(kept.cells.unit_ids.tolist()):
            return _read_whole(session, round_, compiled)
        if not units:
            return replace(kept, newest=newest, seen=seen)
        fresh = read_cells(session, round_, compiled, units)
        if len(fresh.unit_ids) != len(units):  # a unit without cells any more: only a whole read says what that means
            return _read_whole(session, round_, compiled)
        return _Kept(*_patched(kept, fresh, round_, compiled), newest=newest, seen=seen)

    def _lock(self, round_id: int) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(round_id, threading.Lock())

    def _get(self, round_id: int) -> _Kept | None:
        with self._guard:
            return self._kept.get(round_id)

    def _put(self, round_id: int, kept: _Kept) -> None:
        with self._guard:
            self._kept[round_id] = kept
            self._kept.move_to_end(round_id)
            while len(self._kept) > self.keep:
                self._kept.popitem(last=False)


def _records_after(session: Session, after: int) -> list[_Record]:
    """Audit records after ``after`` (the primary key's range), at most :data:`MAX_RECORDS` + 1 of them."""
    rows = session.execute(
        select(AuditRecord.id, AuditRecord.round_id, AuditRecord.unit_id, AuditRecord.field, AuditRecord.action)
        .where(AuditRecord.id > after)
        .order_by(AuditRecord.id)
        .limit(MAX_RECORDS + 1)
    )
    return [_Record(int(i), round_id, unit_id, field_, action) for i, round_id, unit_id, field_, action in rows]


def _changed_units(records: list[_Record], round_id: int) -> list[int] | None:
    """The units whose values ``records`` changed in the round; None when a record may change more than a cell."""
    units: set[int] = set()
    for record in records:
        if record.round_id not in (round_id, None):
            continue  # another round's
        if record.field in VALUE_FIELDS and record.round_id == round_id and record.unit_id is not None:
            units.add(int(record.unit_id))
        elif record.field not in NEUTRAL_FIELDS and record.action not in NEUTRAL_ACTIONS:
            return None
    return sorted(units)


def _read_whole(session: Session, round_: Round, compiled: CompiledSet) -> _Kept:
    """The round read as :func:`parindex.rounds.round_values` reads it, the audit log's position taken first."""
    newest = int(session.scalar(select(func.max(AuditRecord.id))) or 0)
    seen = frozenset(r.id for r in _records_after(session, max(newest - LOOK_BACK, 0)) if r.id <= newest)
    cells = read_cells(session, round_, compiled)
    return _Kept(cells, _checked(cells, round_, compiled), newest, seen)


def _checked(cells: RoundCells, round_: Round, compiled: CompiledSet) -> RoundTable:
    try:
        return RoundTable(parse_table(cells.frame(round_), compiled), None, secrets.token_hex(16))
    except InputError as problems:
        return RoundTable(None, problems, secrets.token_hex(16))


def _patched(kept: _Kept, fresh: RoundCells, round_: Round, compiled: CompiledSet) -> tuple[RoundCells, RoundTable]:
    """``kept`` with the rows of ``fresh``'s units read again: their rows checked on their own and put in place
    when the rest was clean and they are too; otherwise the whole round is checked (for every problem, with its
    row as a whole read numbers it)."""
    rows = np.searchsorted(kept.cells.unit_ids, fresh.unit_ids)
    grid = kept.cells.grid.copy()
    grid[rows] = fresh.grid
    cells = replace(kept.cells, grid=grid)
    if kept.result.table is not None:
        try:
            part = parse_table(fresh.frame(round_), compiled)
        except InputError:
            pass
        else:
            return cells, RoundTable(_spliced(kept.result.table, rows, part), None, secrets.token_hex(16))
    return cells, _checked(cells, round_, compiled)


def _spliced(table: ValueTable, rows: np.ndarray, part: ValueTable) -> ValueTable:
    """``table`` with ``rows`` taken from ``part`` (the same units, in the same order), as a new table."""
    values = np.array(table.values, order="F", copy=True)
    values[rows] = part.values
    raw = np.array(table.raw.to_numpy(dtype=object), order="F", copy=True)
    raw[rows] = part.raw.to_numpy(dtype=object)
    survey_missing = table.survey_missing.copy()
    survey_missing[rows] = part.survey_missing
    raw_frame = pd.DataFrame(raw, index=table.raw.index, columns=table.raw.columns, dtype=object, copy=False)
    return ValueTable(units=table.units, values=values, raw=raw_frame, survey_missing=survey_missing)
