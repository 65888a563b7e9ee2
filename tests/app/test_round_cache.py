"""What a per-round cache needs from the core: which rounds changed since a given audit record, and each
round's values as a checked table with a key that follows its cells."""

from __future__ import annotations

import numpy as np

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
