"""When a round's cached values are stale: a version per round that changes with every record of it in the audit log.

Every change to a round writes an audit record in the same transaction, so the audit log says which rounds changed.
Keeping the newest record's id per round is not enough on PostgreSQL: ids are handed out when a record is written,
not when its transaction commits. Two appraisers saving in one round at once can commit in the other order — the
save with id 100 after the one with id 101 — and a page that read the round in between holds it without the first
save, under the newest id 101, which then never changes. So the last :data:`LOOK_BACK` ids are read on every look,
and a record not there before (committed late) changes its round's version too.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from parindex.db import AuditRecord

from ._lifecycle import round_versions

LOOK_BACK = 500  # audit records read again on every look: a save committed this many records late is still seen


def recent_records(session: Session, after: int) -> list[tuple[int, int | None]]:
    """(id, round id) of every audit record after ``after``: a few hundred rows, read by the primary key's range."""
    return [
        (int(record_id), round_id)
        for record_id, round_id in session.execute(
            select(AuditRecord.id, AuditRecord.round_id).where(AuditRecord.id > after)
        )
    ]


@dataclass
class RoundVersions:
    """Per round (key None: a unit's change, which concerns every round), a number that changes whenever a record
    of that round appears in the audit log, late or not. One per database, shared by every session of a process.

    The numbers are this object's own (a counter of the looks that found a change), so they only compare with
    each other: a round's key for a cache is the larger of its number and that of None.
    """

    versions: dict[int | None, int] = field(default_factory=dict)
    newest: int = 0
    looks_with_changes: int = 0
    window: frozenset[int] = frozenset()
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def current(self, session: Session) -> dict[int | None, int]:
        """Every round's version now: records after the newest seen are grouped by the database per round; the last
        :data:`LOOK_BACK` ids are then compared with those of the previous look, so a late record counts too. A
        record written after the first read is left to the next look (it is past the newest)."""
        with self.lock:
            fresh = round_versions(session, self.newest)
            newest = max([self.newest, *fresh.values()])
            records = recent_records(session, max(newest - LOOK_BACK, 0))
            # a record up to the newest that the previous look did not see: committed late, or between the two reads
            unseen = {
                round_id for record_id, round_id in records if record_id <= newest and record_id not in self.window
            }
            changed = set(fresh) | unseen
            if changed:
                self.looks_with_changes += 1
                for round_id in changed:
                    self.versions[round_id] = self.looks_with_changes
            self.window = frozenset(record_id for record_id, _ in records)
            self.newest = newest
            return dict(self.versions)

    def of_round(self, session: Session, round_id: int) -> int:
        """The key of anything cached for one round: changes when the round, or any unit, changed."""
        return round_key(self.current(session), round_id)


def round_key(versions: dict[int | None, int], round_id: int) -> int:
    """One round's key among ``versions`` (from :meth:`RoundVersions.current`): its own number or that of the units."""
    return max(versions.get(round_id, 0), versions.get(None, 0))
