"""What a per-round cache needs from the core: which rounds changed since a given audit record."""

from __future__ import annotations

from parindex import db
from parindex.db import Round
from parindex.rounds import ensure_unit, open_round, publish, retire_unit, round_set, round_versions, set_value
from tests.rounds.test_rounds import EXAMPLE, engine, staff  # noqa: F401  (the engine fixture: SQLite and PostgreSQL)


def test_round_versions_name_the_rounds_that_changed(engine):  # noqa: F811
    make = db.sessions(engine)
    with make.begin() as session:
        first = open_round(session, 2025, EXAMPLE, staff("can_bo_a"))
        second = open_round(session, 2026, EXAMPLE, staff("can_bo_a"))
        unit = ensure_unit(session, "Sở Tư pháp", "so")
        ids = first.id, second.id, unit.id
    with make() as session:
        before = round_versions(session)
    assert set(before) == {ids[0], ids[1]} and before[ids[1]] > before[ids[0]]
    newest = max(before.values())
    with make() as session:
        assert round_versions(session, newest) == {}  # nothing since: nothing to rebuild
    with make.begin() as session:  # one saved cell touches its own round only
        round_ = session.get(Round, ids[0])
        set_value(
            session, round_, unit_of(session, ids[2]), "1.2", "có", staff("so_tu_phap"), compiled=round_set(round_)
        )
    with make() as session:
        after = round_versions(session, newest)
    assert list(after) == [ids[0]] and after[ids[0]] > newest
    with make.begin() as session:  # publishing is a change of the round too
        publish(session, session.get(Round, ids[1]), staff("lanh_dao"))
    with make() as session:
        assert list(round_versions(session, max(after.values()))) == [ids[1]]
    with make.begin() as session:  # a unit's change belongs to no round: every round's cache must go
        retire_unit(session, staff("can_bo_a"), unit_of(session, ids[2]), 2025)
    with make() as session:
        assert None in round_versions(session, max(after.values()))


def unit_of(session, unit_id):
    from parindex.db import Unit

    return session.get(Unit, unit_id)
