"""One round's building blocks: its frozen set, its stages, the checks before a write, the audit record.

The lifecycle (:mod:`parindex.rounds._lifecycle`), the conflict-aware writes
(:mod:`parindex.rounds._conflicts`) and the seed all stand on these; none of them imports another
for them, so the modules of ``rounds`` have no cycle.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from parindex.accounts import Actor, require
from parindex.criteria import CompiledSet, compile_set, parse_criteria_set
from parindex.db import AuditRecord, Entry, Evidence, Round, Unit
from parindex.errors import ParindexError
from parindex.files import write_atomic
from parindex.inputs import TextError, check_text

SEED_USER = "du-lieu-mau"  # the opener of the sample rounds: a round opened by it is labelled as sample data


STAGE_FIELDS = {
    "self": ("self_value", None),
    "appraisal1": ("appraisal1_value", "appraisal1_note"),
    "appraisal2": ("appraisal2_value", "appraisal2_note"),
}


class RoundError(ParindexError):
    """A request the round cannot take; ``code`` is a ``round.*`` message key."""

    prefix = "round"


class ConflictError(RoundError):
    """Someone saved the row after this user loaded it; ``current`` is what is there now."""

    def __init__(self, current: EntrySnapshot):
        super().__init__("conflict", by=current.updated_by, version=current.version)
        self.current = current


@dataclass(frozen=True)
class SurveyCell:
    """A survey result the file would change: (share %, respondents) there and in the file, who wrote it last."""

    unit: str
    leaf_id: str
    there: tuple[float, int]
    in_file: tuple[float, int]
    by: str | None


class SurveyConflict(RoundError):
    """A survey file would replace results already in the round; it was not imported, and ``cells`` say which."""

    def __init__(self, cells: tuple[SurveyCell, ...]):
        super().__init__("survey_conflict", count=len(cells))
        self.cells = cells


@dataclass(frozen=True)
class EntrySnapshot:
    leaf_id: str
    self_value: str | None
    appraisal1_value: str | None
    appraisal2_value: str | None
    version: int
    updated_by: str


def snapshot(entry: Entry) -> EntrySnapshot:
    return EntrySnapshot(
        entry.leaf_id, entry.self_value, entry.appraisal1_value, entry.appraisal2_value, entry.version, entry.updated_by
    )


def column_text(value: str | None, column: Any) -> str | None:
    """``value`` ready for ``column`` (:func:`parindex.inputs.check_text`), else a RoundError naming the column."""
    try:
        return check_text(value, column)
    except TextError as error:
        raise RoundError(error.problem.code, field=error.problem.column, **error.problem.params) from None


def audit(session: Session, user: str, action: str, round_: Round | None = None, **fields: Any) -> None:
    session.add(AuditRecord(user=user, action=action, round_id=round_.id if round_ else None, **fields))


def round_set(round_: Round) -> CompiledSet:
    """The round's own criteria set: the frozen text, not today's file (compiled once per text)."""
    return compile_frozen(round_.set_yaml, round_.set_file)


@functools.lru_cache(maxsize=16)
def compile_frozen(text: str, name: str) -> CompiledSet:
    """A frozen criteria-set text compiled, once per text: reading and compiling it takes longer than a page."""
    return compile_set(parse_criteria_set(text, name))


def ensure_unit(session: Session, name: str, unit_type: str, province: str = "", first_year: int | None = None) -> Unit:
    name, province = check_text(name, Unit.name), check_text(province, Unit.province)
    unit = session.scalar(select(Unit).where(Unit.name == name, Unit.unit_type == unit_type))
    if unit is None:
        unit = Unit(name=name, unit_type=unit_type, province=province, first_year=first_year)
        session.add(unit)
        session.flush()
    return unit


def check_unit_in_year(unit: Unit, round_: Round) -> None:
    """Refuse values for a unit after its last year; a round of an earlier year than it was first seen moves that year."""
    if unit.last_year is not None and round_.year > unit.last_year:
        raise RoundError("unit_gone", unit=unit.name, year=round_.year)


def check_writable(round_: Round) -> None:
    if round_.status == "published":
        raise RoundError("published", year=round_.year)


def find_entry(session: Session, round_id: int, unit_id: int, leaf_id: str) -> Entry | None:
    return session.scalar(
        select(Entry).where(Entry.round_id == round_id, Entry.unit_id == unit_id, Entry.leaf_id == leaf_id)
    )


def add_evidence(
    session: Session,
    round_: Round,
    unit: Unit,
    leaf_id: str,
    actor: Actor,
    number: str = "",
    issued_on=None,
    issuer: str = "",
    description: str = "",
    link: str = "",
    file: tuple[str, bytes] | None = None,
    upload_dir: Path | None = None,
) -> Evidence:
    """Attach a document to a value; an uploaded file is stored on disk under its SHA-256, never its own name."""
    require(actor, "self_assess", unit.id)
    user = actor.name
    check_writable(round_)
    given = {"number": number, "issuer": issuer, "description": description, "link": link}
    texts = {name: column_text(text.strip(), getattr(Evidence, name)) for name, text in given.items()}
    entry = find_entry(session, round_.id, unit.id, leaf_id)
    if entry is None:
        raise RoundError("missing_entry", id=leaf_id)
    file_path = digest = ""
    if file is not None:
        if upload_dir is None:
            raise RoundError("no_upload_dir")
        name, content = file
        digest = hashlib.sha256(content).hexdigest()
        suffix = "".join(ch for ch in Path(name).suffix.lower() if ch.isalnum() or ch == ".")[:10]
        target = Path(upload_dir) / f"{digest}{suffix}"
        if not target.exists():
            write_atomic(target, content)
        file_path = target.name
    evidence = Evidence(entry_id=entry.id, issued_on=issued_on, file_path=file_path, sha256=digest, **texts)
    session.add(evidence)
    session.flush()
    audit(
        session,
        user,
        "add_evidence",
        round_,
        unit_id=unit.id,
        leaf_id=leaf_id,
        field="evidence",
        new=f"{texts['number']} {texts['description']}".strip(),
    )
    return evidence
