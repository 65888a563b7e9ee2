"""Parallel writers of one open round, and the check that no accepted write was lost (issue 17, "nothing lost").

Each writer is a thread with its own engine and sessions on the same database file, as each server
process of the app has: it reads a cell's version as a screen would, waits a moment, and saves a new
value with that version through the core's write functions, half of them one cell at a time
(:func:`~parindex.rounds.set_value`), half the way the scoring grid saves (:func:`~parindex.rounds.plan_edits`
then :func:`~parindex.rounds.apply_import`). Writers share cells on purpose (``SHARING`` per shared cell), and
all of them read before any of them writes on the first attempt, so conflicts are real.

A write either lands or is refused as a conflict. :func:`check_cells` then reads the audit log and the
cells: in commit order (the audit log's order), the k-th accepted write of a cell must have been based on
the version the write before it left, the cell must hold the last accepted value at the start version
plus the number of accepted writes, and the audit log must have one record per accepted write.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from parindex import db
from parindex.accounts import Actor
from parindex.db import AuditRecord, Entry, Round, Unit
from parindex.rounds import ConflictError, ImportConflict, apply_import, plan_edits, set_value

SET_ID, YEAR, UNIT_TYPE = "so-2025", 2026, "so"  # the open round every writer saves to
LEAF = "1.1.2"  # a percentage (0–100, two decimals): room for thousands of distinct values
WRITERS = 30
SHARED_CELLS = 5
SHARING = 4  # writers per shared cell: 20 writers on 5 cells, the other 10 on a cell each
CELLS = SHARED_CELLS + WRITERS - SHARED_CELLS * SHARING
ACCEPTED, CONFLICT, ERROR = "accepted", "conflict", "error"


@dataclass(frozen=True)
class Attempt:
    """One save: who, which cell (index into the cells), the version it was based on, the value and what happened."""

    writer: int
    cell: int
    basis: int
    value: str
    outcome: str
    detail: str = ""


@dataclass(frozen=True)
class Target:
    """The round and cells written, as they were before the writers started."""

    round_id: int
    unit_ids: tuple[int, ...]
    start_versions: tuple[int, ...]
    start_values: tuple[str | None, ...]
    audit_from: int  # the last audit record before the writers


def target(session: Session) -> Target:
    """The open round's first ``CELLS`` units (by name) at ``LEAF``, with their versions now."""
    round_ = session.scalar(select(Round).where(Round.set_id == SET_ID, Round.year == YEAR))
    entries = session.execute(
        select(Entry)
        .join(Unit, Unit.id == Entry.unit_id)
        .where(Entry.round_id == round_.id, Entry.leaf_id == LEAF, Unit.unit_type == UNIT_TYPE)
        .order_by(Unit.name)
        .limit(CELLS)
    ).scalars()
    entries = list(entries)
    if len(entries) < CELLS:
        raise RuntimeError(f"the round has {len(entries)} units with {LEAF}, the load needs {CELLS}")
    return Target(
        round_.id,
        tuple(e.unit_id for e in entries),
        tuple(e.version for e in entries),
        tuple(e.self_value for e in entries),
        session.scalar(select(func.max(AuditRecord.id))) or 0,
    )


def cell_of(writer: int) -> int:
    """Writers 0–19 share cells 0–4 (writer modulo 5); the others each have one of their own."""
    shared = SHARED_CELLS * SHARING
    return writer % SHARED_CELLS if writer < shared else SHARED_CELLS + writer - shared


def value_for(writer: int, attempt: int) -> str:
    """A value no other writer and attempt uses (0,00–99,99, in the sample's Vietnamese style)."""
    number = writer * 300 + attempt
    if attempt >= 300 or number >= 10_000:
        raise ValueError("too many attempts for distinct values")
    return f"{number // 100},{number % 100:02d}"


def save_once(
    make: sessionmaker[Session], actor: Actor, round_id: int, unit_id: int, value: str, basis: int, grid: bool
) -> str:
    """Save ``value`` based on version ``basis``; ACCEPTED or CONFLICT (any other failure raises)."""
    try:
        if grid:  # as the scoring grid saves: a plan from the versions the screen showed, then the write
            with make() as session:
                plan = plan_edits(
                    session, session.get(Round, round_id), session.get(Unit, unit_id), {LEAF: (value, basis)}, actor
                )
            if plan.conflicts:
                return CONFLICT
            with make.begin() as session:
                written = apply_import(session, plan, {}, actor)
            if written != 1:
                raise RuntimeError(f"the grid save wrote {written} cells")
        else:
            with make.begin() as session:
                set_value(
                    session,
                    session.get(Round, round_id),
                    session.get(Unit, unit_id),
                    LEAF,
                    value,
                    actor,
                    expected_version=basis,
                )
    except (ConflictError, ImportConflict):
        return CONFLICT
    return ACCEPTED


@dataclass
class Writers:
    """The writer threads of one load run and what they did; they stop once ``stop`` is set and each has
    made ``min_attempts``."""

    database_url: str
    goal: Target
    min_attempts: int
    think: float = 0.2  # seconds at most between reading a cell and saving it
    pause: tuple[float, float] = (1.0, 4.0)  # seconds between two saves of one writer: a person, not a loop

    def __post_init__(self) -> None:
        self.stop = threading.Event()
        self.attempts: list[Attempt] = []
        self._lock = threading.Lock()
        self._first_read = threading.Barrier(WRITERS, timeout=120)
        self._threads = [threading.Thread(target=self._run, args=(w,), daemon=True) for w in range(WRITERS)]

    def start(self) -> None:
        for thread in self._threads:
            thread.start()

    def finish(self) -> list[Attempt]:
        self.stop.set()
        for thread in self._threads:
            thread.join()
        return self.attempts

    def _record(self, attempt: Attempt) -> None:
        with self._lock:
            self.attempts.append(attempt)

    def _run(self, writer: int) -> None:
        engine = db.make_engine(self.database_url)
        make = db.sessions(engine)
        actor = Actor(f"nguoi-ghi-{writer:02d}", "appraiser")
        cell = cell_of(writer)
        unit_id = self.goal.unit_ids[cell]
        rng = random.Random(writer)
        attempt = 0
        try:
            while attempt < self.min_attempts or not self.stop.is_set():
                basis = read_version(make, self.goal.round_id, unit_id)
                if attempt == 0:
                    self._first_read.wait()  # every writer has read before anyone writes: shared cells conflict
                time.sleep(rng.uniform(0, self.think))
                value = value_for(writer, attempt)
                try:
                    outcome = save_once(make, actor, self.goal.round_id, unit_id, value, basis, grid=writer % 2 == 1)
                    self._record(Attempt(writer, cell, basis, value, outcome))
                except Exception as error:  # anything but a conflict is an error of the load test
                    self._record(Attempt(writer, cell, basis, value, ERROR, f"{type(error).__name__}: {error}"[:300]))
                attempt += 1
                time.sleep(rng.uniform(*self.pause))
        except threading.BrokenBarrierError:
            self._record(Attempt(writer, cell, 0, "", ERROR, "the writers never all read their first cell"))
        finally:
            engine.dispose()


def read_version(make: sessionmaker[Session], round_id: int, unit_id: int) -> int:
    with make() as session:
        return session.scalar(
            select(Entry.version).where(Entry.round_id == round_id, Entry.unit_id == unit_id, Entry.leaf_id == LEAF)
        )


@dataclass(frozen=True)
class Verdict:
    lost_updates: int  # accepted writes missing, overwritten unseen, or not what the cell holds
    audit_mismatches: int  # audit records without an accepted write, and accepted writes without a record


def check_cells(session: Session, goal: Target, attempts: list[Attempt]) -> Verdict:
    """Compare every cell and its audit records with the writes the writers saw accepted."""
    lost = mismatched = 0
    for cell, unit_id in enumerate(goal.unit_ids):
        accepted = {a.value: a for a in attempts if a.cell == cell and a.outcome == ACCEPTED}
        logged = list(
            session.scalars(
                select(AuditRecord.new)
                .where(
                    AuditRecord.id > goal.audit_from,
                    AuditRecord.round_id == goal.round_id,
                    AuditRecord.unit_id == unit_id,
                    AuditRecord.leaf_id == LEAF,
                    AuditRecord.field == "self_value",
                )
                .order_by(AuditRecord.id)
            )
        )
        difference = (Counter(logged) - Counter(list(accepted))) + (Counter(list(accepted)) - Counter(logged))
        mismatched += sum(difference.values())
        lost += len(set(accepted) - set(logged))
        start = goal.start_versions[cell]
        for position, value in enumerate(logged):  # each write must have seen the one committed before it
            write = accepted.get(value)
            if write is not None and write.basis != start + position:
                lost += 1
        entry = session.scalar(
            select(Entry).where(Entry.round_id == goal.round_id, Entry.unit_id == unit_id, Entry.leaf_id == LEAF)
        )
        holds = logged[-1] if logged else goal.start_values[cell]
        if entry.version != start + len(logged) or entry.self_value != holds:
            lost += 1
    return Verdict(lost, mismatched)
