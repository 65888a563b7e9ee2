"""What a unit report needs from a scoring round: the appraisers' notes and the evidence list.

Kept apart from the report builders, which take frames, so access control can wrap this one reading
layer. Both frames are sorted in the criteria set's order.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from parindex.accounts import Actor, require
from parindex.db import Entry, Evidence, Round, Unit
from parindex.i18n import nfc

NOTE_COLUMNS = ["leaf_id", "stage", "note"]
EVIDENCE_COLUMNS = ["leaf_id", "number", "issued_on", "issuer", "description"]
NOTE_FIELDS = ("appraisal1_note", "explanation_request", "explanation_answer", "appraisal2_note")


def find_round(session: Session, year: int, set_id: str | None = None, unit: str | None = None) -> Round | None:
    """The round of ``year`` (for ``set_id``, and holding ``unit``, when given); None if none or several match."""
    query = select(Round).where(Round.year == year)
    if set_id:
        query = query.where(Round.set_id == set_id)
    if unit:
        holding = select(Entry.round_id).join(Unit, Entry.unit_id == Unit.id).where(Unit.name == unit)
        query = query.where(Round.id.in_(holding))
    found = session.scalars(query).all()
    return found[0] if len(found) == 1 else None


def find_unit(session: Session, name: str, unit_type: str | None = None) -> Unit | None:
    query = select(Unit).where(Unit.name == name)
    if unit_type:
        query = query.where(Unit.unit_type == unit_type)
    return session.scalars(query).first()


def _order(leaf_ids: list[str], order: list[str] | None) -> list[int]:
    place = {leaf: i for i, leaf in enumerate(order or [])}
    return sorted(range(len(leaf_ids)), key=lambda i: (place.get(leaf_ids[i], len(place)), leaf_ids[i]))


def round_notes(
    session: Session, round_: Round, unit: Unit, actor: Actor, order: list[str] | None = None
) -> pd.DataFrame:
    """One row per non-empty note: leaf_id, stage (appraisal1_note, explanation_request…), note.

    Appraisal notes are internal: staff, leaders and the unit's own officer only, published or not.
    """
    require(actor, "read_unpublished", unit.id)
    entries = session.scalars(select(Entry).where(Entry.round_id == round_.id, Entry.unit_id == unit.id)).all()
    records = [
        {"leaf_id": e.leaf_id, "stage": stage, "note": nfc(getattr(e, stage))}
        for e in entries
        for stage in NOTE_FIELDS
        if (getattr(e, stage) or "").strip()
    ]
    frame = pd.DataFrame(records, columns=NOTE_COLUMNS)
    if frame.empty:
        return frame
    keep = _order(frame["leaf_id"].tolist(), order)
    return frame.iloc[keep].reset_index(drop=True)


def round_evidence(
    session: Session, round_: Round, unit: Unit, actor: Actor, order: list[str] | None = None
) -> pd.DataFrame:
    """One row per evidence document of the unit: leaf_id, number, issued_on, issuer, description."""
    require(actor, "read_unpublished", unit.id)
    rows = session.execute(
        select(Entry.leaf_id, Evidence)
        .join(Evidence, Evidence.entry_id == Entry.id)
        .where(Entry.round_id == round_.id, Entry.unit_id == unit.id)
        .order_by(Evidence.id)
    ).all()
    records = [
        {
            "leaf_id": leaf_id,
            "number": nfc(ev.number or ""),
            "issued_on": ev.issued_on,
            "issuer": nfc(ev.issuer or ""),
            "description": nfc(ev.description or ""),
        }
        for leaf_id, ev in rows
    ]
    frame = pd.DataFrame(records, columns=EVIDENCE_COLUMNS)
    if frame.empty:
        return frame
    keep = _order(frame["leaf_id"].tolist(), order)
    return frame.iloc[keep].reset_index(drop=True)
