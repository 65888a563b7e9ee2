"""What a per-round cache needs from the core: which rounds changed since a given audit record, and each
round's values as a checked table with a key that follows its cells."""

from __future__ import annotations

import numpy as np
import pytest

from parindex import db
from parindex.db import Round
from parindex.rounds import (
    ensure_unit,
    open_round,
    publish,
    retire_unit,
    round_set,
    round_source,
    round_values,
    round_versions,
    set_value,
)
from tests.rounds.test_rounds import EXAMPLE, engine, filled, staff  # noqa: F401  (the fixtures: SQLite and PostgreSQL)


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


def test_a_round_hands_the_catalog_its_checked_table_and_a_key_that_follows_its_cells(filled):  # noqa: F811
    make, ids = filled
    with make() as session:
        round_ = session.get(Round, ids[0])
        (dataset,) = round_source(session, round_, staff("can_bo_a")).datasets
        compiled = round_set(round_)
        expected = round_values(session, round_, staff("can_bo_a"), compiled)
    assert dataset.content is None and dataset.path is None  # no values file written and read back
    table = dataset.values(compiled)
    assert table is dataset.table
    assert table.units["unit"].tolist() == expected.units["unit"].tolist() == ["Sở Tư pháp"]
    np.testing.assert_array_equal(table.values, expected.values)
    before = dataset.digest()
    assert before == dataset.digest()
    with make.begin() as session:
        round_ = session.get(Round, ids[0])
        set_value(session, round_, unit_of(session, ids[1]), "1.1.3", "1", staff("can_bo_a"), compiled=compiled)
    with make() as session:
        (again,) = round_source(session, session.get(Round, ids[0]), staff("can_bo_a")).datasets
    assert again.table.raw.loc[0, "1.1.3"] == "1" and again.digest() != before


def _audit(session, round_id: int | None, record_id: int | None = None) -> None:
    """An audit record of ``round_id`` (None: a unit's change), with an explicit id to stand for a late commit."""
    from parindex.db import AuditRecord

    session.add(AuditRecord(id=record_id, user="kiem-thu", action="set_value", round_id=round_id))


def test_round_versions_change_for_a_save_committed_after_a_newer_one(engine):  # noqa: F811
    """On PostgreSQL a save can commit after a newer one (ids are handed out when written): the round read in
    between lacks it, so its version must change when it appears, though the round's newest id stays the same."""
    from parindex.rounds import RoundVersions

    make = db.sessions(engine)
    with make.begin() as session:
        first = open_round(session, 2025, EXAMPLE, staff("can_bo_a")).id
        second = open_round(session, 2026, EXAMPLE, staff("can_bo_a")).id
    tracker = RoundVersions()
    with make() as session:
        start = tracker.current(session)
        assert tracker.of_round(session, first) == tracker.of_round(session, first)  # a look with nothing new
    with make.begin() as session:
        _audit(session, first, record_id=tracker.newest + 10)  # the newer save, committed first
    with make() as session:
        after_newer = tracker.current(session)
    assert after_newer[first] != start[first] and after_newer[second] == start[second]
    with make.begin() as session:
        _audit(session, first, record_id=tracker.newest - 5)  # an id below the newest, unused: a late commit
    with make() as session:
        after_late = tracker.current(session)
    assert after_late[first] != after_newer[first], "a late save left the round's cached values as they were"
    assert after_late[second] == start[second]
    with make.begin() as session:
        _audit(session, None)  # a unit's change concerns every round
    with make() as session:
        assert tracker.of_round(session, second) != max(after_late[second], after_late.get(None, 0))
        assert tracker.of_round(session, first) == tracker.of_round(session, first)


def test_two_saves_committed_in_the_other_order_both_reach_the_round_cache_key(engine):  # noqa: F811
    """The real thing on PostgreSQL: the first save's transaction holds its audit id while a second save commits."""
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite lets one writer at a time: its ids follow the commits")
    from parindex.rounds import RoundVersions

    make = db.sessions(engine)
    with make.begin() as session:
        round_id = open_round(session, 2025, EXAMPLE, staff("can_bo_a")).id
        units = [ensure_unit(session, name, "so").id for name in ("Sở Tư pháp", "Sở Y tế")]
    tracker = RoundVersions()
    slow = make()
    with slow.begin():
        round_ = slow.get(Round, round_id)
        set_value(slow, round_, unit_of(slow, units[0]), "1.2", "có", staff("so_tu_phap"), compiled=round_set(round_))
        slow.flush()  # its audit record has its id now, uncommitted
        with make.begin() as fast:
            round_ = fast.get(Round, round_id)
            set_value(fast, round_, unit_of(fast, units[1]), "1.2", "có", staff("so_y_te"), compiled=round_set(round_))
        with make() as reader:
            seen_between = tracker.of_round(reader, round_id)
    slow.close()
    with make() as reader:
        assert tracker.of_round(reader, round_id) != seen_between
