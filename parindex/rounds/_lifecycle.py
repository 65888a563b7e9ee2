"""The yearly scoring round: open it (freezing the criteria set), enter and appraise values,
publish it (locking it), reopen it (logged). Every change writes an audit record.

Every function that changes a round, or reads values of a round not yet published, takes the
acting :class:`~parindex.accounts.Actor` and checks its role (and a unit officer's unit) itself,
whichever page or command calls it.

Values are raw values, checked by the frozen set's rules exactly as an import checks them. Two staff
saving the same row cannot silently overwrite each other: a save names the version it started
from, and the database refuses it when the row has moved on (:class:`ConflictError` carries what
is there now, so the second person decides). Files (a values file, a unit's returned workbook) go
through the same check, cell by cell: see :mod:`parindex.rounds`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import case, func, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from parindex.accounts import Actor, require
from parindex.criteria import BLANK, CellError, CompiledSet, parse_criteria_set, parse_value
from parindex.db import AuditRecord, Entry, Round, SurveyResult, Unit, check_action, now
from parindex.errors import InputError, Problem
from parindex.i18n import t
from parindex.inputs import text_problem
from parindex.scoring import ValueTable

from ._conflicts import (
    MINE,
    PLAIN_FILE,
    Basis,
    ImportConflict,
    Verdict,
    _last_writers,
    apply_import,
    plan_table,
    plan_workbook_return,
    verdict,
)
from ._round import (
    STAGE_FIELDS,
    ConflictError,
    RoundError,
    SurveyCell,
    SurveyConflict,
    audit,
    check_unit_in_year,
    check_writable,
    column_text,
    find_entry,
    round_set,
    snapshot,
)
from ._values import round_values

ROUND_YEARS = range(2000, 2101)  # the years a round may be opened for


def read_criteria_file(path: Path) -> str:
    """The criteria set's text; a missing, unreadable or non-UTF-8 file is an InputError naming it."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError([Problem("not_utf8", file=path.name)]) from None
    except OSError as error:
        detail = error.strerror or str(error)
        raise InputError([Problem("criteria_file_missing", {"detail": detail}, file=str(path))]) from None


def open_round(session: Session, year: int, criteria_set_file: str | Path, actor: Actor) -> Round:
    """Start a year's round with the criteria set as it is now (validated, then frozen as text).

    The year must lie in :data:`ROUND_YEARS` (2000–2100): a typo such as 20266 or 226 would open a
    round no one can find or publish.
    """
    require(actor, "manage_rounds")
    if not isinstance(year, int) or isinstance(year, bool) or year not in ROUND_YEARS:
        raise RoundError("bad_year", year=year, first=ROUND_YEARS.start, last=ROUND_YEARS.stop - 1)
    user = actor.name
    path = Path(criteria_set_file)
    text = read_criteria_file(path)
    criteria_set = parse_criteria_set(text, path.name)  # raises InputError with every problem
    set_file = column_text(path.name, Round.set_file)
    round_ = Round(year=year, set_id=criteria_set.id, set_yaml=text, set_file=set_file, opened_by=user)
    session.add(round_)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        raise RoundError("exists", year=year, set=criteria_set.id) from None
    audit(session, user, "open_round", round_, new=criteria_set.id)
    return round_


def round_title(round_: Round, lang: str = "vi") -> str:
    """How a person names a round: its year and its criteria set's name, never the set's code alone."""
    return f"{round_.year} · {round_set(round_).criteria_set.label(lang)}"


Lineage = tuple[int | None, int | None]  # a unit's last year and the unit it merged into, as a form shows them


def _check_lineage(unit: Unit, mine: Lineage, shown: Lineage | None) -> bool:
    """:func:`parindex.db.check_action` on a unit's lineage: False when there is nothing to write."""

    def text(lineage: Lineage) -> str:  # "" is "exists every year", which a form can show too
        return "" if lineage[0] is None else f"{lineage[0]} {lineage[1] or ''}"

    refusal = RoundError("lineage_conflict", unit=unit.name)
    return check_action(
        text((unit.last_year, unit.merged_into_id)), text(mine), None if shown is None else text(shown), refusal
    )


def retire_unit(
    session: Session,
    actor: Actor,
    unit: Unit,
    last_year: int,
    merged_into: Unit | None = None,
    reason: str = "",
    *,
    shown: Lineage | None = None,
) -> None:
    """Record that a unit exists up to ``last_year`` (dissolved, or merged into ``merged_into``).

    Later rounds refuse its values, and the profile pages follow it to the unit it joined. The
    round's history keeps it, since published results must not change. Undo with ``last_year`` None
    through :func:`restore_unit`. ``shown`` is the lineage the user's form showed: another lineage
    recorded since is refused, never replaced.
    """
    require(actor, "manage_rounds")
    reason = column_text(reason.strip(), AuditRecord.reason)
    if merged_into is not None and (merged_into.id == unit.id or merged_into.unit_type != unit.unit_type):
        raise RoundError("bad_merge", unit=unit.name, into=merged_into.name)
    if unit.first_year is not None and last_year < unit.first_year:
        raise RoundError("bad_last_year", unit=unit.name, year=last_year, first=unit.first_year)
    if not _check_lineage(unit, (last_year, merged_into.id if merged_into is not None else None), shown):
        return
    old = f"{unit.last_year or ''}"
    unit.last_year, unit.merged_into_id = last_year, merged_into.id if merged_into is not None else None
    audit(
        session,
        actor.name,
        "retire_unit",
        None,
        unit_id=unit.id,
        field="last_year",
        old=old or None,
        new=f"{last_year}" + (f" → {merged_into.name}" if merged_into is not None else ""),
        reason=reason.strip(),
    )
    session.flush()


def restore_unit(session: Session, actor: Actor, unit: Unit, reason: str = "", *, shown: Lineage | None = None) -> None:
    """Undo :func:`retire_unit`: the unit exists again in every year; checked against ``shown`` as there."""
    require(actor, "manage_rounds")
    reason = column_text(reason.strip(), AuditRecord.reason)
    if not _check_lineage(unit, (None, None), shown):
        return
    old = f"{unit.last_year}"
    unit.last_year, unit.merged_into_id = None, None
    audit(
        session,
        actor.name,
        "restore_unit",
        None,
        unit_id=unit.id,
        field="last_year",
        old=old,
        new=None,
        reason=reason.strip(),
    )
    session.flush()


def unit_lineage(session: Session) -> pd.DataFrame:
    """Every unit with the years it exists and the unit it merged into (for the units list and reports)."""
    units = {u.id: u for u in session.scalars(select(Unit).order_by(Unit.unit_type, Unit.name))}
    return pd.DataFrame(
        [
            {
                "unit": u.name,
                "unit_type": u.unit_type,
                "first_year": u.first_year,
                "last_year": u.last_year,
                "merged_into": units[u.merged_into_id].name if u.merged_into_id in units else "",
            }
            for u in units.values()
        ],
        columns=["unit", "unit_type", "first_year", "last_year", "merged_into"],
    )


def _check_version(entry: Entry, theirs: str | None, mine: str | None, expected_version: int | None) -> None:
    """The one check of a single save on a row: a :class:`ConflictError` when the row moved on since
    ``expected_version`` (the version the user's screen showed) and ``mine`` would replace ``theirs``.
    None is a write that knows nothing (commands and tests only)."""
    basis = None if expected_version is None else Basis(version=expected_version)
    if verdict(theirs or None, entry.version, mine or None, basis) is Verdict.CONFLICT:
        raise ConflictError(snapshot(entry))


def _flush_or_conflict(session: Session, round_id: int, unit_id: int, leaf_id: str) -> None:
    """Write the row; the version column makes this ``UPDATE … WHERE version = loaded version``. When another
    save won meanwhile this transaction is spent, so what is there now is read on a fresh session."""
    try:
        session.flush()
    except (StaleDataError, IntegrityError, OperationalError):
        with Session(session.get_bind()) as fresh:
            raise ConflictError(snapshot(find_entry(fresh, round_id, unit_id, leaf_id))) from None


def set_value(
    session: Session,
    round_: Round,
    unit: Unit,
    leaf_id: str,
    raw: str,
    actor: Actor,
    stage: str = "self",
    note: str = "",
    expected_version: int | None = None,
    compiled: CompiledSet | None = None,
) -> Entry:
    """Save one value at one stage (self, appraisal1, appraisal2), checked by the frozen rule.

    ``expected_version`` is the version the user's screen showed (None for a new row); a different
    version in the database, or a concurrent save, raises :class:`ConflictError`. A unit officer
    saves only their own unit's self-assessment; appraisals need the appraiser's role.
    """
    require(actor, "self_assess" if stage == "self" else "appraise", unit.id)
    user = actor.name
    check_writable(round_)
    check_unit_in_year(unit, round_)
    compiled = compiled or round_set(round_)
    leaves = {leaf.id: leaf for leaf in compiled.columns}
    if leaf_id not in leaves:
        raise RoundError("unknown_leaf", id=leaf_id)
    if stage not in STAGE_FIELDS:
        raise RoundError("bad_stage", stage=stage)
    raw = column_text((raw or "").strip(), Entry.self_value)
    note = column_text(note or "", Entry.appraisal1_note)
    if raw:
        try:
            if parse_value(raw, leaves[leaf_id]) is BLANK:
                raw = ""
        except CellError as error:
            raise RoundError("bad_value", id=leaf_id, detail=t(f"problem.{error.code}", "vi", **error.params)) from None
    value_field, note_field = STAGE_FIELDS[stage]
    round_id, unit_id = round_.id, unit.id  # kept: a failed flush expires the objects
    entry = find_entry(session, round_id, unit_id, leaf_id)
    if entry is None:
        if expected_version not in (None, 0):
            raise RoundError("missing_entry", id=leaf_id)
        entry = Entry(round_id=round_id, unit_id=unit_id, leaf_id=leaf_id, version=1)
        session.add(entry)
        old = None
    else:
        old = getattr(entry, value_field)
        _check_version(entry, old, raw, expected_version)
    setattr(entry, value_field, raw or None)
    if note_field:
        setattr(entry, note_field, note or None)
    entry.updated_by, entry.updated_at = user, now()
    _flush_or_conflict(session, round_id, unit_id, leaf_id)
    audit(
        session,
        user,
        f"set_{stage}",
        round_,
        unit_id=unit.id,
        leaf_id=leaf_id,
        field=value_field,
        old=old,
        new=raw or None,
        reason=note,
    )
    return entry


def publish(session: Session, round_: Round, actor: Actor) -> None:
    require(actor, "manage_rounds")
    check_writable(round_)
    round_.status, round_.published_at = "published", now()
    audit(session, actor.name, "publish", round_)


def reopen(session: Session, round_: Round, actor: Actor, reason: str) -> None:
    """A published round changes only after reopening it, with a reason that is logged."""
    require(actor, "manage_rounds")
    user = actor.name
    if round_.status != "published":  # already reopened, from another screen: once is logged, not twice
        raise RoundError("not_published", year=round_.year)
    if not reason.strip():
        raise RoundError("reason_needed")
    reason = column_text(reason.strip(), AuditRecord.reason)
    round_.status = "open"
    audit(session, user, "reopen", round_, reason=reason.strip())


def _round_cells(session: Session, round_: Round, *columns: Any) -> Any:
    """Per cell of the round: unit id, unit name, unit type, leaf id and ``columns`` — as plain rows, not one
    object per cell (a national round is ~3·10⁵ cells)."""
    return session.execute(
        select(Entry.unit_id, Unit.name, Unit.unit_type, Entry.leaf_id, *columns)
        .join(Unit, Entry.unit_id == Unit.id)
        .where(Entry.round_id == round_.id)
    )


def audit_log(
    session: Session, round_: Round, actor: Actor, unit: Unit | None = None, leaf_id: str | None = None
) -> pd.DataFrame:
    """The round's change log (for one unit and sub-criterion when given); internal, so never for viewers."""
    require(actor, "read_unpublished", unit.id if unit is not None else None)
    query = select(AuditRecord).where(AuditRecord.round_id == round_.id)
    if unit is not None:
        query = query.where(AuditRecord.unit_id == unit.id)
    if leaf_id is not None:
        query = query.where(AuditRecord.leaf_id == leaf_id)
    records = session.scalars(query.order_by(AuditRecord.id)).all()
    return pd.DataFrame(  # object columns: "no old value" stays None, not NaN
        [
            {
                "at": r.at,
                "user": r.user,
                "action": r.action,
                "leaf_id": r.leaf_id,
                "field": r.field,
                "old": r.old,
                "new": r.new,
                "reason": r.reason,
            }
            for r in records
        ],
        columns=["at", "user", "action", "leaf_id", "field", "old", "new", "reason"],
        dtype=object,
    )


def import_table(
    session: Session,
    round_: Round,
    table: ValueTable,
    actor: Actor,
    stage: str = "self",
    overwrite: bool = False,
    source: str = "",
) -> int:
    """Save a whole checked values table (an import) at one stage in one go; returns the cells changed.

    The table was checked by the round's own rules (``read_values`` with :func:`round_set`), so
    nothing half-valid is saved; each changed cell still gets its audit record. A whole-round
    import is staff work: a unit officer, whose rights hold for one unit, cannot do it. A plain
    file cannot say what it was based on, so a cell where the round holds another value raises
    :class:`~parindex.rounds.ImportConflict` and nothing is saved, unless ``overwrite`` says to
    keep the file's values (see :func:`parindex.rounds.plan_table` to let a person decide per cell).
    """
    _check_table_texts(table)
    plan = plan_table(session, round_, table, actor, stage, source)
    if plan.conflicts and not overwrite:
        raise ImportConflict(plan.conflicts)
    return apply_import(session, plan, {c.key: MINE for c in plan.conflicts}, actor)


def _check_table_texts(table: ValueTable) -> None:
    """Every unit name and cell of an import fits its column (row numbers as in the file: header = row 1)."""
    problems = []
    for row, name in enumerate(table.units["unit"]):
        problems.append(text_problem(str(name), Unit.name, row=row + 2, label="unit"))
    for leaf_id in table.raw.columns:
        for row, cell in enumerate(table.raw[leaf_id]):
            problems.append(text_problem(str(cell or ""), Entry.self_value, row=row + 2, label=str(leaf_id)))
    found = [problem for problem in problems if problem is not None]
    if found:
        raise InputError(found)


def set_explanation(
    session: Session,
    round_: Round,
    unit: Unit,
    leaf_id: str,
    actor: Actor,
    *,
    request: str | None = None,
    answer: str | None = None,
    expected_version: int | None = None,
) -> Entry:
    """The council asks the unit to explain a value (request), or the unit answers (answer).

    ``expected_version`` is the row's version when the form was drawn, as for :func:`set_value`: a request
    or answer saved by someone else since is a :class:`ConflictError`, never silently replaced. A new
    request opens the question again, so the answer to the old one is cleared (the audit keeps it).
    """
    if request is None and answer is None:
        raise RoundError("nothing_to_explain")
    if request is not None:
        require(actor, "appraise", unit.id)
    if answer is not None:
        require(actor, "self_assess", unit.id)
    user = actor.name
    check_writable(round_)
    request, answer = column_text(request, Entry.explanation_request), column_text(answer, Entry.explanation_answer)
    round_id, unit_id = round_.id, unit.id  # kept: a failed flush expires the objects
    entry = find_entry(session, round_id, unit_id, leaf_id)
    if entry is None:
        raise RoundError("missing_entry", id=leaf_id)
    said = {"explanation_request": request, "explanation_answer": answer}
    changes = {field: text.strip() or None for field, text in said.items() if text is not None}
    for field, text in changes.items():
        _check_version(entry, getattr(entry, field), text, expected_version)
    if changes.get("explanation_request") not in (None, entry.explanation_request):
        changes.setdefault("explanation_answer", None)  # a new question: the old answer no longer answers it
    changes = {field: text for field, text in changes.items() if text != getattr(entry, field)}
    if not changes:
        return entry  # already said: the row keeps its version
    for field, text in changes.items():
        old = getattr(entry, field)
        setattr(entry, field, text)
        audit(session, user, field, round_, unit_id=unit_id, leaf_id=leaf_id, field=field, old=old, new=text)
    entry.updated_by, entry.updated_at = user, now()
    _flush_or_conflict(session, round_id, unit_id, leaf_id)
    return entry


def entry_status(entry: Entry | None) -> str:
    """Where a sub-criterion stands in the round, from what it holds: the step the board and the grid show.

    empty → self_assessed → appraised (first) → explanation_requested → explained → final (second appraisal).
    """
    if entry is None or entry.effective_value() is None:
        return "empty"
    if entry.appraisal2_value is not None:
        return "final"
    if entry.explanation_request and not entry.explanation_answer:
        return "explanation_requested"
    if entry.explanation_answer:
        return "explained"
    if entry.appraisal1_value is not None:
        return "appraised"
    return "self_assessed"


def unit_entries(session: Session, round_: Round, unit: Unit, actor: Actor) -> dict[str, Entry]:
    """One unit's rows in the round, with appraisal notes and explanations: for its own officer, staff and
    leaders only, published or not (the published ranking itself comes from :func:`round_values`)."""
    require(actor, "read_unpublished", unit.id)
    rows = select(Entry).where(Entry.round_id == round_.id, Entry.unit_id == unit.id)
    # their evidence in one more query, not one per row when a page counts it (88 queries, ≈ 60 ms)
    return {e.leaf_id: e for e in session.scalars(rows.options(selectinload(Entry.evidence)))}


def board(session: Session, round_: Round, actor: Actor, compiled: CompiledSet | None = None) -> pd.DataFrame:
    """Per unit: how many items it self-assessed, how many were appraised, how many explanations it owes.

    Counted by the database (one row per unit, not per cell: a national round is ~3·10⁵ cells); a unit with cells
    only outside the set is listed with zeros.
    """
    require(actor, "read_unpublished")
    compiled = compiled or round_set(round_)
    leaf_ids = sorted({leaf.id for leaf in compiled.leaves})
    in_set = Entry.leaf_id.in_(leaf_ids)

    def count(condition: Any) -> Any:
        return func.sum(case((in_set & condition, 1), else_=0))

    asked = Entry.explanation_request.is_not(None) & (Entry.explanation_request != "")
    unanswered = Entry.explanation_answer.is_(None) | (Entry.explanation_answer == "")
    rows = session.execute(
        select(
            Unit.name,
            Unit.unit_type,
            count(Entry.self_value.is_not(None)),
            count(Entry.appraisal1_value.is_not(None) | Entry.appraisal2_value.is_not(None)),
            count(asked & unanswered),
        )
        .join(Unit, Entry.unit_id == Unit.id)
        .where(Entry.round_id == round_.id)
        .group_by(Entry.unit_id, Unit.name, Unit.unit_type)
    ).all()
    frame = pd.DataFrame(
        [(*row[:2], *(int(n or 0) for n in row[2:]), len(leaf_ids)) for row in rows],
        columns=["unit", "unit_type", "self", "appraised", "explanations_owed", "items"],
    )
    return frame.sort_values(["unit_type", "unit"]).reset_index(drop=True)


def list_rounds(session: Session) -> list[Round]:
    return list(session.scalars(select(Round).order_by(Round.year.desc(), Round.set_id)))


def round_versions(session: Session, after: int = 0) -> dict[int | None, int]:
    """Per round, the id of its newest audit record among those after ``after`` (key None: unit changes).

    Every change to a round writes an audit record in the same transaction, so a round whose
    number grew has changed and nothing else has: a cache of one round's values is keyed by it.
    Only the records after ``after`` are read (the primary key's range).
    """
    from sqlalchemy import func

    rows = session.execute(
        select(AuditRecord.round_id, func.max(AuditRecord.id))
        .where(AuditRecord.id > after)
        .group_by(AuditRecord.round_id)
    )
    return {round_id: int(newest) for round_id, newest in rows}


def change_marker(session: Session) -> tuple[int, int]:
    """Changes whenever any round changes: every change writes an audit record (cheap to read)."""
    from sqlalchemy import func

    last_audit = session.scalar(select(func.max(AuditRecord.id))) or 0
    return int(last_audit), int(session.scalar(select(func.count()).select_from(Round)) or 0)


def round_export(session: Session, round_: Round, actor: Actor, lang: str = "vi") -> pd.DataFrame:
    """The whole round in one table: each unit's result (ranked) and its values as typed, joined by unit.

    Headed in words for the people who open it (:mod:`parindex.scoring._headings`); the values import again
    from it as from a values file. Read with the actor's rights (an open round needs the right to read
    unpublished rounds).
    """
    from parindex.files import results_with_values
    from parindex.scoring import score, with_headings

    compiled = round_set(round_)
    table = round_values(session, round_, actor, compiled)
    return with_headings(results_with_values(score(compiled, table.values, table.units), table, lang), compiled, lang)


def save_unit_return(
    session: Session,
    round_: Round,
    unit: Unit,
    returned: Any,
    changed: list[str],
    actor: Actor,
    note: str = "",
    compiled: CompiledSet | None = None,
) -> int:
    """Save a unit's returned workbook: the changed self-assessed values and every evidence document.

    ``returned`` is a :class:`parindex.files._workbook.UnitReturn` already checked against the round's set;
    ``changed`` lists the leaf ids its preview showed, so no more than what the user reviewed is
    saved. A cell changed in the round since the workbook was exported raises
    :class:`~parindex.rounds.ImportConflict` and nothing is saved (let a person decide with
    :func:`parindex.rounds.plan_workbook_return`). ``compiled`` is accepted for older callers.
    """
    plan = plan_workbook_return(session, round_, unit, returned, actor, note, only=changed)
    if plan.conflicts:
        raise ImportConflict(plan.conflicts)
    return apply_import(session, plan, {}, actor)


def _survey_unit(named: list[Unit], name: str, unit_types: tuple[str, ...]) -> Unit:
    """The one unit of that name among the round's unit types; a CellError says why there is none."""
    if not named:
        raise CellError("scenario_unit", unit=name)
    scored = [unit for unit in named if unit.unit_type in unit_types]
    if not scored:
        raise CellError("survey_unit_type", unit=name, unit_type=named[0].unit_type, types=", ".join(unit_types))
    if len(scored) > 1:
        raise CellError("survey_unit_ambiguous", unit=name, types=", ".join(u.unit_type for u in scored))
    return scored[0]


def _refuse_survey_changes(session: Session, round_: Round, existing: dict, rows: list) -> None:
    """:class:`SurveyConflict` naming every result the file would change (the one check, against a plain file)."""
    writers = _last_writers(session, round_.id, "survey")
    cells = []
    for unit, leaf_id, share, respondents in rows:
        result = existing.get((unit.id, leaf_id))
        there = None if result is None else (result.share_pct, result.respondents)
        theirs = None if there is None else repr(there)  # share and respondents compared as one value
        if verdict(theirs, 0, repr((share, respondents)), PLAIN_FILE) is Verdict.CONFLICT:
            by = writers.get((unit.id, leaf_id), (None, None))[0]
            cells.append(SurveyCell(unit.name, leaf_id, there, (share, respondents), by))
    if cells:
        raise SurveyConflict(tuple(cells))


def import_survey(
    session: Session, round_: Round, data: bytes, filename: str, actor: Actor, *, replace: bool = False
) -> int:
    """Survey results (điều tra xã hội học) for the round: one row per unit, one column per survey item.

    Columns: ``unit``, optional ``respondents``, and survey item ids with shares in %. Every problem
    is reported by row and column and nothing is saved until the whole file is clean. The shares
    then count for those items, whatever the unit typed itself.

    A survey file does not say what it was based on, so it is judged as a plain values file is
    (:data:`PLAIN_FILE`): a result already in the round that the file would change raises
    :class:`SurveyConflict` and nothing is saved, until the user has seen those cells and chosen
    ``replace``.
    """
    from parindex.criteria import clean_text, parse_percent, parse_whole
    from parindex.scoring import read_table

    require(actor, "appraise")
    user = actor.name
    check_writable(round_)
    compiled = round_set(round_)
    survey_ids = {leaf.id for leaf in compiled.leaves if leaf.part == "survey"}
    frame = read_table(data, filename)
    headers = frame.attrs["headers"]
    problems: list[Problem] = []
    lowered = [h.casefold() for h in headers]
    unit_col = next((i for i, h in enumerate(lowered) if h in ("unit", "đơn vị", "don vi")), None)
    respondents_col = next((i for i, h in enumerate(lowered) if h in ("respondents", "số phiếu", "so phieu")), None)
    leaf_cols = {}
    for i, heading in enumerate(headers):
        if i in (unit_col, respondents_col) or not heading:
            continue
        leaf_id = heading.split()[0]
        if leaf_id not in survey_ids:
            problems.append(Problem("survey_column", {"id": leaf_id}, file=filename, column=heading))
        else:
            leaf_cols[leaf_id] = i
    if unit_col is None:
        problems.append(Problem("missing_unit_column", file=filename))
    if problems:
        raise InputError(problems)
    unit_types = tuple(compiled.criteria_set.unit_types)
    by_name: dict[str, list[Unit]] = {}
    for unit in session.scalars(select(Unit)):
        by_name.setdefault(unit.name.casefold(), []).append(unit)
    rows = []
    first_row: dict[int, int] = {}
    for r in range(len(frame)):
        line = r + 2
        name = clean_text(frame.iat[r, unit_col])
        where = {"file": filename, "row": line, "column": headers[unit_col]}
        try:
            unit = _survey_unit(by_name.get(name.casefold(), []), name, unit_types)
        except CellError as error:
            problems.append(Problem(error.code, error.params, **where))
            continue
        if unit.id in first_row:
            problems.append(Problem("survey_unit_twice", {"unit": name, "first": first_row[unit.id]}, **where))
            continue
        first_row[unit.id] = line
        respondents = 0
        if respondents_col is not None and clean_text(frame.iat[r, respondents_col]):
            try:
                respondents = int(parse_whole(frame.iat[r, respondents_col]))
            except CellError as error:
                column = headers[respondents_col]
                problems.append(Problem(error.code, error.params, file=filename, row=line, column=column))
                continue
        for leaf_id, col in leaf_cols.items():
            if not clean_text(frame.iat[r, col]):
                continue
            try:
                rows.append((unit, leaf_id, parse_percent(frame.iat[r, col]), respondents))
            except CellError as error:
                problems.append(Problem(error.code, error.params, file=filename, row=line, column=headers[col]))
    if problems:
        raise InputError(problems)
    existing = {
        (s.unit_id, s.leaf_id): s
        for s in session.scalars(select(SurveyResult).where(SurveyResult.round_id == round_.id))
    }
    if not replace:
        _refuse_survey_changes(session, round_, existing, rows)
    for unit, leaf_id, share, respondents in rows:
        result = existing.get((unit.id, leaf_id))
        old = None if result is None else f"{result.share_pct:g}"
        if result is None:
            result = SurveyResult(round_id=round_.id, unit_id=unit.id, leaf_id=leaf_id, share_pct=share)
            session.add(result)
        result.share_pct, result.respondents = share, respondents
        audit(
            session,
            user,
            "import_survey",
            round_,
            unit_id=unit.id,
            leaf_id=leaf_id,
            field="survey",
            old=old,
            new=f"{share:g}",
            reason=filename,
        )
    session.flush()
    return len(rows)
