"""Lost updates: one check for every write of a round's values, from the grid, a workbook or a values file.

Every write says what it was based on (a :class:`Basis`): the grid the row's version its screen
showed, a returned workbook the values it was exported with (its :class:`~parindex.files._workbook.ExportStamp`),
a plain values file nothing at all. :func:`verdict` compares that basis, the writer's value and the
value in the database now, for one cell (one unit, one sub-criterion, one stage):

* the writer's value is already there → nothing to do;
* the cell has not moved since the basis → write;
* it moved, and the writer did not change the cell (a file's value equals its basis) → keep theirs;
* it moved and the writer changed it too → a :class:`Conflict`, written only if a person says so.

A plain values file knows no basis, so it counts as based on an empty round: it fills empty cells,
never empties a cell, and every cell where the round holds another non-empty value is a conflict.

Writing goes in two steps. ``plan_*`` reads the round and returns an :class:`ImportPlan` (changes
and conflicts, nothing written); :func:`apply_import` takes the plan and the user's decision per
conflict (keep mine / keep theirs) and writes in one transaction, checking every cell again first:
a cell that moved after the preview is a conflict again (:class:`ImportConflict`), never overwritten.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from parindex.accounts import AccessDenied, Actor, require
from parindex.criteria import BLANK, CellError, CompiledSet, clean_text, parse_value
from parindex.db import PLAIN_FILE, AuditRecord, Basis, Entry, Round, Unit, Verdict, now, verdict
from parindex.errors import InputError, ParindexError, Problem
from parindex.inputs import check_rows
from parindex.scoring import ValueTable

from ._round import (
    STAGE_FIELDS,
    RoundError,
    add_evidence,
    check_unit_in_year,
    check_writable,
    ensure_unit,
    find_entry,
    round_set,
)

MINE, THEIRS = "mine", "theirs"  # the two decisions a person can take on a conflict


def cell_text(raw: Any) -> str | None:
    """A stored or typed value as compared: cleaned text, None when empty."""
    return clean_text(raw) or None


@dataclass(frozen=True)
class Change:
    """One cell to write: the unit (by name and type, it may be new), the value it holds now and the new one."""

    unit: str
    unit_type: str
    leaf_id: str
    old: str | None
    new: str | None
    basis: Basis


@dataclass(frozen=True)
class Conflict:
    """A cell changed by someone else since the writer's basis: who, when, and the three values."""

    unit: str
    unit_type: str
    leaf_id: str
    base: str | None  # what the writer's copy started from (None for a plain file)
    mine: str | None
    theirs: str | None
    version: int
    by: str
    at: dt.datetime | None

    @property
    def key(self) -> str:
        """Stable name of the cell, for the decisions mapping (unit, type and sub-criterion)."""
        return f"{self.unit}\x1f{self.unit_type}\x1f{self.leaf_id}"


@dataclass(frozen=True)
class ImportPlan:
    """What a write would do, read from the round but not yet written (plain data: a page may keep it)."""

    round_id: int
    stage: str
    action: str  # audit action prefix: "set" (grid, workbook) or "import" (values file)
    reason: str  # written to the audit log with each change: the file name or the user's note
    unit_id: int | None  # the one unit written to, or None for a whole-round import (staff only)
    changes: tuple[Change, ...]
    conflicts: tuple[Conflict, ...]
    kept: int = 0  # cells that moved while the writer left them as they were: theirs stays, silently
    evidence: tuple[tuple[str, Any], ...] = ()  # (leaf id, workbook Evidence) to attach after the values
    token: str = field(default_factory=lambda: uuid.uuid4().hex)  # names this plan (widget keys)

    def conflict_table(self) -> list[dict[str, Any]]:
        """The conflicts as rows: unit, sub-criterion, their value (who, when), mine, and where both started."""
        return [
            {
                "key": c.key,
                "unit": c.unit,
                "leaf_id": c.leaf_id,
                "theirs": c.theirs,
                "by": c.by,
                "at": c.at,
                "mine": c.mine,
                "base": c.base,
            }
            for c in self.conflicts
        ]


class ImportConflict(ParindexError):
    """Cells that need a person's decision; nothing was written. ``stale`` when they appeared after the preview."""

    prefix = "conflict"

    def __init__(self, conflicts: Iterable[Conflict], stale: bool = False):
        self.conflicts = tuple(conflicts)
        self.stale = stale
        super().__init__("stale" if stale else "undecided", count=len(self.conflicts))


# --- reading the round ------------------------------------------------------------------------


FEW_UNITS = 200  # up to this many units, rows are read by unit; beyond, the whole round (or table) in one query


def _cells(session: Session, round_id: int, unit_ids: Iterable[int] | None = None) -> dict[tuple[int, str], Entry]:
    """The round's cells of ``unit_ids`` (of every unit when None), by (unit id, leaf id).

    Saving one cell of the grid reads that unit's cells, not the round's ~10⁵; an import of many units
    reads the whole round at once (it may return cells of other units too, never fewer).
    """
    query = select(Entry).where(Entry.round_id == round_id)
    if unit_ids is not None and len(wanted := set(unit_ids)) <= FEW_UNITS:
        query = query.where(Entry.unit_id.in_(sorted(wanted)))
    return {(e.unit_id, e.leaf_id): e for e in session.scalars(query)}


def _units(session: Session, names: Iterable[str]) -> dict[tuple[str, str], Unit]:
    """The units named (every unit when there are many names), by (name, type)."""
    query = select(Unit)
    if len(wanted := set(names)) <= FEW_UNITS:
        query = query.where(Unit.name.in_(sorted(wanted)))
    return {(u.name, u.unit_type): u for u in session.scalars(query)}


def _last_writers(session: Session, round_id: int, value_field: str) -> dict[tuple[int, str], tuple[str, dt.datetime]]:
    """Who last wrote each cell of one stage, and when, from the audit log (every write is logged there)."""
    records = session.execute(
        select(AuditRecord.unit_id, AuditRecord.leaf_id, AuditRecord.user, AuditRecord.at)
        .where(AuditRecord.round_id == round_id, AuditRecord.field == value_field)
        .order_by(AuditRecord.id)
    )
    return {(unit_id, leaf_id): (user, at) for unit_id, leaf_id, user, at in records}


@dataclass(frozen=True)
class _Wanted:
    """One cell a writer wants: unit, sub-criterion, value and basis."""

    unit: str
    unit_type: str
    leaf_id: str
    new: str | None
    basis: Basis


def _judge(
    session: Session, round_: Round, stage: str, wanted: list[_Wanted]
) -> tuple[list[Change], list[Conflict], int]:
    """Sort the wanted cells into changes, conflicts and kept cells by :func:`verdict`, reading the round now."""
    value_field = STAGE_FIELDS[stage][0]
    units = _units(session, (cell.unit for cell in wanted))
    cells = _cells(session, round_.id, (unit.id for unit in units.values()))
    writers: dict[tuple[int, str], tuple[str, dt.datetime]] | None = None
    changes, conflicts, kept = [], [], 0
    for cell in wanted:
        unit = units.get((cell.unit, cell.unit_type))
        if unit is not None:
            check_unit_in_year(unit, round_)  # a unit merged away or dissolved takes no values, changed or not
        entry = cells.get((unit.id, cell.leaf_id)) if unit is not None else None
        theirs = cell_text(getattr(entry, value_field)) if entry is not None else None
        version = entry.version if entry is not None else 0
        found = verdict(theirs, version, cell.new, cell.basis)
        if found is Verdict.WRITE:
            changes.append(Change(cell.unit, cell.unit_type, cell.leaf_id, theirs, cell.new, cell.basis))
        elif found is Verdict.KEEP:
            kept += 1
        elif found is Verdict.CONFLICT:
            if writers is None:
                writers = _last_writers(session, round_.id, value_field)
            by, at = writers.get((unit.id, cell.leaf_id), (entry.updated_by, entry.updated_at))
            conflicts.append(
                Conflict(cell.unit, cell.unit_type, cell.leaf_id, cell.basis.value, cell.new, theirs, version, by, at)
            )
    return changes, conflicts, kept


# --- plans ------------------------------------------------------------------------------------


def _permission(stage: str) -> str:
    return "self_assess" if stage == "self" else "appraise"


def _check_stage(stage: str) -> None:
    if stage not in STAGE_FIELDS:
        raise RoundError("bad_stage", stage=stage)


def plan_table(
    session: Session, round_: Round, table: ValueTable, actor: Actor, stage: str = "self", source: str = ""
) -> ImportPlan:
    """A values file (one row per unit) into the round at one stage: a plain file, so every cell where the
    round holds another non-empty value is a conflict and a blank cell never empties one.

    ``table`` was checked by the round's own rules (``read_values`` with ``round_set``). Staff only:
    a unit officer's rights hold for one unit.
    """
    _check_stage(stage)
    require(actor, _permission(stage))
    check_writable(round_)
    wanted = []
    for row, (name, unit_type) in enumerate(zip(table.units["unit"], table.units["unit_type"], strict=True)):
        for leaf_id in table.raw.columns:
            new = cell_text(table.raw.iat[row, table.raw.columns.get_loc(leaf_id)])
            if new is not None:  # a blank cell in a plain file says nothing, so it never empties a cell
                wanted.append(_Wanted(str(name), str(unit_type), str(leaf_id), new, PLAIN_FILE))
    changes, conflicts, kept = _judge(session, round_, stage, wanted)
    return ImportPlan(round_.id, stage, "import", source, None, tuple(changes), tuple(conflicts), kept)


def plan_workbook_return(
    session: Session,
    round_: Round,
    unit: Unit,
    returned: Any,
    actor: Actor,
    source: str = "",
    only: Iterable[str] | None = None,
) -> ImportPlan:
    """A unit's returned workbook (a checked :class:`~parindex.files._workbook.UnitReturn`) into its self-assessment.

    A workbook stamped by this round is compared cell by cell with the values it was exported with;
    one without a stamp (or stamped by another round) counts as a plain file. ``only`` limits the
    plan to these sub-criteria (the rows a preview showed).
    """
    require(actor, "self_assess", unit.id)
    check_writable(round_)
    stamp = returned.stamp if returned.stamp is not None and returned.stamp.round_id == round_.id else None
    chosen = None if only is None else set(only)
    wanted = []
    for leaf_id in round_set(round_).column_ids:
        if chosen is not None and leaf_id not in chosen:
            continue
        new = cell_text(returned.values.get(leaf_id))
        if stamp is None and new is None:
            continue  # as in a plain file: an empty cell says nothing
        basis = PLAIN_FILE if stamp is None else Basis(value=cell_text(stamp.values.get(leaf_id)))
        wanted.append(_Wanted(unit.name, unit.unit_type, leaf_id, new, basis))
    changes, conflicts, kept = _judge(session, round_, "self", wanted)
    evidence = tuple((leaf_id, item) for leaf_id, items in returned.evidence.items() for item in items)
    return ImportPlan(round_.id, "self", "set", source, unit.id, tuple(changes), tuple(conflicts), kept, evidence)


def plan_edits(
    session: Session,
    round_: Round,
    unit: Unit,
    edits: Mapping[str, tuple[str, int]],
    actor: Actor,
    stage: str = "self",
    note: str = "",
    compiled: CompiledSet | None = None,
) -> ImportPlan:
    """The grid's edits of one unit at one stage: leaf id → (new value, the row version the screen showed).

    Every value is checked by the round's rule first; all problems are raised at once (InputError).
    """
    _check_stage(stage)
    require(actor, _permission(stage), unit.id)
    check_writable(round_)
    compiled = compiled or round_set(round_)
    leaves = {leaf.id: leaf for leaf in compiled.columns}
    problems, wanted = [], []
    for leaf_id, (raw, version) in edits.items():
        if leaf_id not in leaves:
            raise RoundError("unknown_leaf", id=leaf_id)
        new = cell_text(raw)
        try:
            if new is not None and parse_value(new, leaves[leaf_id]) is BLANK:
                new = None
        except CellError as error:
            problems.append(Problem(error.code, error.params, column=leaf_id))
            continue
        wanted.append(_Wanted(unit.name, unit.unit_type, leaf_id, new, Basis(version=int(version))))
    if problems:
        raise InputError(problems)
    changes, conflicts, kept = _judge(session, round_, stage, wanted)
    return ImportPlan(round_.id, stage, "set", note, unit.id, tuple(changes), tuple(conflicts), kept)


# --- applying a plan --------------------------------------------------------------------------


def undecided(plan: ImportPlan, decisions: Mapping[str, str]) -> list[Conflict]:
    return [c for c in plan.conflicts if decisions.get(c.key) not in (MINE, THEIRS)]


def apply_import(session: Session, plan: ImportPlan, decisions: Mapping[str, str], actor: Actor) -> int:
    """Write a plan with the user's decisions (conflict key → ``MINE`` or ``THEIRS``); returns the cells written.

    Every conflict must be decided. Every cell is checked again against the round as it is now,
    before anything is written: one that moved since the preview raises :class:`ImportConflict`
    (``stale``) and nothing is written. Call inside one transaction (``sessions(engine).begin()``).
    """
    require(actor, _permission(plan.stage), plan.unit_id)
    round_ = session.get(Round, plan.round_id)
    check_writable(round_)
    if missing := undecided(plan, decisions):
        raise ImportConflict(missing)
    wanted = [_Wanted(c.unit, c.unit_type, c.leaf_id, c.new, c.basis) for c in plan.changes]
    wanted += [
        _Wanted(c.unit, c.unit_type, c.leaf_id, c.mine, Basis(value=c.theirs))
        for c in plan.conflicts
        if decisions[c.key] == MINE
    ]
    changes, conflicts, _ = _judge(session, round_, plan.stage, wanted)
    if conflicts:
        raise ImportConflict(conflicts, stale=True)
    try:
        _write_all(session, round_, plan, changes, actor)
        session.flush()  # each UPDATE carries "WHERE version = <the version read>": a concurrent save fails here
    except (StaleDataError, IntegrityError, OperationalError):
        raise ImportConflict((), stale=True) from None
    _attach_evidence(session, round_, plan, actor)
    return len(changes)


def _write_all(session: Session, round_: Round, plan: ImportPlan, changes: list[Change], actor: Actor) -> None:
    """Write every change: each unit is looked up once and the round's cells of those units read in one query.

    An import of a whole round is thousands of cells; asking the database for the unit and the cell of each
    one (and flushing before each question) made seeding the sample take most of a minute. The version
    check is unchanged: every row read here is updated with "WHERE version = <the version read>". Cells the
    round does not hold yet, and every audit record, are inserted in batches rather than as one object each
    (a national round is ~3·10⁵ cells); the unique (round, unit, sub-criterion) refuses a cell another
    writer inserted meanwhile.
    """
    value_field, note_field = STAGE_FIELDS[plan.stage]
    written = {"updated_by": actor.name, "updated_at": now()}
    if note_field and plan.action == "set":
        written[note_field] = plan.reason or None
    added: list[dict[str, Any]] = []
    records: list[dict[str, Any]] = []
    with session.no_autoflush:
        known = _units(session, (change.unit for change in changes))
        units = {}
        for key in dict.fromkeys((change.unit, change.unit_type) for change in changes):
            units[key] = _writable_unit(
                session, round_, plan, known.get(key) or ensure_unit(session, *key, first_year=round_.year)
            )
        cells = _cells(session, round_.id, {unit.id for unit in units.values()})
        for change in changes:
            unit = units[change.unit, change.unit_type]
            entry = _checked_cell(cells, unit, change, value_field)
            row = {value_field: change.new, **written}
            old = None
            if entry is None:
                added.append(
                    {"round_id": round_.id, "unit_id": unit.id, "leaf_id": change.leaf_id, "version": 1, **row}
                )
            else:
                old = getattr(entry, value_field)
                for key, value in row.items():
                    setattr(entry, key, value)
            records.append(
                {
                    "at": written["updated_at"],
                    "user": actor.name,
                    "action": f"{plan.action}_{plan.stage}",
                    "round_id": round_.id,
                    "unit_id": unit.id,
                    "leaf_id": change.leaf_id,
                    "field": value_field,
                    "old": old,
                    "new": change.new,
                    "reason": plan.reason,
                }
            )
        _insert(session, Entry, added)
        _insert(session, AuditRecord, records)


def _checked_cell(cells: dict[tuple[int, str], Entry], unit: Unit, change: Change, value_field: str) -> Entry | None:
    """The cell a change writes (None: not in the round yet), still what the writer based the change on.

    The row is read again here (with the round's other cells), and the UPDATE checks the version read now: so the
    check against the writer's basis is made again on this very row, or a save that landed since the check would be
    overwritten unseen.
    """
    entry = cells.get((unit.id, change.leaf_id))
    now_holds = cell_text(getattr(entry, value_field)) if entry is not None else None
    if verdict(now_holds, entry.version if entry is not None else 0, change.new, change.basis) is not Verdict.WRITE:
        raise ImportConflict((), stale=True)
    return entry


def _insert(session: Session, model: type, rows: list[dict[str, Any]]) -> None:
    """Rows of ``model`` inserted in batches (no object each), their texts checked as every written row is."""
    if rows:
        session.connection().execute(insert(model.__table__), check_rows(model, rows))


def _writable_unit(session: Session, round_: Round, plan: ImportPlan, unit: Unit) -> Unit:
    """The unit a change is for, checked once: the actor's own unit, still existing in the round's year."""
    if plan.unit_id is not None and unit.id != plan.unit_id:
        raise AccessDenied("self_assess", unit_id=unit.id)
    check_unit_in_year(unit, round_)
    if unit.first_year is not None and round_.year < unit.first_year:
        unit.first_year = round_.year
    return unit


def _attach_evidence(session: Session, round_: Round, plan: ImportPlan, actor: Actor) -> None:
    """A returned workbook's documents, for sub-criteria that have a row (a blank item has nothing to attach to)."""
    for leaf_id, item in plan.evidence:
        if plan.unit_id is None or find_entry(session, round_.id, plan.unit_id, leaf_id) is None:
            continue
        add_evidence(
            session,
            round_,
            session.get(Unit, plan.unit_id),
            leaf_id,
            actor,
            number=item.number,
            issued_on=item.date,
            issuer=item.issuer,
            description=item.description,
        )


def without_conflicts(plan: ImportPlan) -> ImportPlan:
    """The plan with its conflicts decided for theirs (what a caller that cannot ask anyone may write)."""
    return replace(plan, conflicts=())


def unit_workbook(session: Session, round_: Round, unit: Unit, actor: Actor, lang: str = "vi") -> bytes:
    """The unit's self-assessment workbook prefilled with its values in the round now, stamped with them.

    The stamp is what the return is compared against (:func:`plan_workbook_return`), so a value staff
    change after this export is never overwritten by the unit's copy without someone deciding.
    """
    from parindex.files import export_unit_workbook

    require(actor, "read_unpublished", unit.id)
    values = {e.leaf_id: e.self_value for e in _cells(session, round_.id, [unit.id]).values() if e.self_value}
    compiled = round_set(round_)
    return export_unit_workbook(compiled, unit.name, unit.unit_type, round_.year, values, lang, round_id=round_.id)
