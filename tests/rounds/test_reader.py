"""The round reader keeps a round's values and patches them from the audit log: after any sequence of changes it
must give exactly what reading the whole round gives (:func:`parindex.rounds.round_values`), and read again only
the units a save changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parindex import db
from parindex.db import Round, Unit
from parindex.errors import InputError, ParindexError
from parindex.rounds import (
    RoundReader,
    ensure_unit,
    import_survey,
    open_round,
    publish,
    reopen,
    retire_unit,
    round_set,
    round_source,
    round_values,
    set_explanation,
    set_value,
)
from tests.conftest import upgraded_engine
from tests.rounds.test_rounds import EXAMPLE, VALUES, engine, staff  # noqa: F401  (engine: SQLite and PostgreSQL)

UNITS = ("Sở Tư pháp", "Sở Y tế", "Sở Xây dựng")
STAFF = staff("can_bo_a")
# Texts each sub-criterion takes (its rule accepts them), and "" to leave it blank
TEXTS = {
    "1.1.1": ["99,7", "100", "80", ""],
    "1.1.2": ["312.085/328.813", "1/2", "100", ""],
    "1.1.3": ["0", "2", "7", ""],
    "1.1.4": ["hoàn thành tốt", "hoàn thành", ""],
    "1.2": ["có", "không", ""],
    "2.1.1": ["0", "3", "9", ""],
    "2.1.2": ["85", "40,5", ""],
    "T1": ["có", "không", ""],
    "T2": ["3", "0", ""],
    "P1": ["1", "0", ""],
}


def seed(database) -> tuple[int, list[int]]:
    """A round of the worked example with three departments' self-assessments, all complete."""
    with db.sessions(database).begin() as session:
        round_ = open_round(session, 2025, EXAMPLE, STAFF)
        compiled = round_set(round_)
        units = [ensure_unit(session, name, "so") for name in UNITS]
        for unit in units:
            for leaf_id, raw in VALUES.items():
                set_value(session, round_, unit, leaf_id, raw, STAFF, compiled=compiled)
        return round_.id, [unit.id for unit in units]


def assert_same(read, session, round_) -> None:
    """The reader's values are those of a whole read, cell for cell, or the same problems."""
    try:
        expected = round_values(session, round_, STAFF)
    except InputError as problems:
        assert read.table is None and read.problems is not None
        assert [p.__dict__ for p in read.problems.problems] == [p.__dict__ for p in problems.problems]
        return
    assert read.problems is None, read.problems
    table = read.table
    assert table.units.equals(expected.units)
    np.testing.assert_array_equal(table.values, expected.values)
    assert table.raw.equals(expected.raw)
    np.testing.assert_array_equal(table.survey_missing, expected.survey_missing)


stage_names = st.sampled_from(["self", "appraisal1", "appraisal2"])
changes = st.one_of(
    st.tuples(
        st.just("value"), st.integers(0, 3), st.sampled_from(sorted(TEXTS)), stage_names, st.integers(0, 3)
    ),  # unit 3 is new to the round
    st.tuples(st.just("survey"), st.integers(0, 2), st.sampled_from(["70", "12,5", ""])),
    st.tuples(st.just("explain"), st.integers(0, 2), st.sampled_from(sorted(TEXTS))),
    st.tuples(st.just("publish")),
    st.tuples(st.just("retire"), st.integers(0, 2)),
    st.tuples(st.just("read")),  # a look with nothing new
)


def change(session, round_id: int, units: list[int], step: tuple) -> None:
    """One change as a page makes it; a change the round refuses (published, unknown value) changes nothing."""
    round_ = session.get(Round, round_id)
    kind = step[0]
    if kind == "value":
        _, which, leaf_id, stage, text_at = step
        unit = session.get(Unit, units[which]) if which < len(units) else ensure_unit(session, "Sở Nội vụ", "so")
        texts = TEXTS[leaf_id]
        set_value(session, round_, unit, leaf_id, texts[text_at % len(texts)], STAFF, stage=stage)
    elif kind == "survey":
        data = f"unit,2.1.2\n{UNITS[step[1]]},{step[2]}\n".encode()
        import_survey(session, round_, data, "khao-sat.csv", STAFF, replace=True)
    elif kind == "explain":
        set_explanation(session, round_, session.get(Unit, units[step[1]]), step[2], STAFF, request="Giải trình?")
    elif kind == "publish":
        if round_.status == "published":
            reopen(session, round_, STAFF, "Sửa số liệu")
        else:
            publish(session, round_, STAFF)
    elif kind == "retire":
        retire_unit(session, STAFF, session.get(Unit, units[step[1]]), 2025)


@pytest.fixture(scope="module")
def seeded_file(tmp_path_factory) -> tuple[Path, int, list[int]]:
    folder = tmp_path_factory.mktemp("reader")
    database = upgraded_engine("sqlite", folder)
    round_id, units = seed(database)
    database.dispose()
    return folder / "test.db", round_id, units


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(changes, min_size=1, max_size=8))
def test_after_any_changes_the_reader_gives_what_a_whole_read_gives(seeded_file, tmp_path, steps):
    source, round_id, units = seeded_file
    target = tmp_path / f"copy-{abs(hash(tuple(steps)))}.db"
    shutil.copy(source, target)
    database = db.make_engine(f"sqlite:///{target}")
    try:
        reader = RoundReader(database)
        make = db.sessions(database)
        with make() as session:
            reader.read(session.get(Round, round_id), STAFF)
        for step in steps:
            if step[0] != "read":
                try:
                    with make.begin() as session:
                        change(session, round_id, units, step)
                except ParindexError:
                    pass
            with make() as session:
                round_ = session.get(Round, round_id)
                assert_same(reader.read(round_, STAFF), session, round_)
    finally:
        database.dispose()
        target.unlink(missing_ok=True)


def test_a_save_reads_again_only_the_unit_it_changed_and_changes_the_fingerprint(engine, monkeypatch):  # noqa: F811
    from parindex.rounds import _reader

    round_id, units = seed(engine)
    reader = RoundReader(engine)
    make = db.sessions(engine)
    with make() as session:
        first = reader.read(session.get(Round, round_id), STAFF)
        assert reader.read(session.get(Round, round_id), STAFF) is first  # nothing new: the same read
    asked: list[object] = []
    real = _reader.read_cells
    monkeypatch.setattr(_reader, "read_cells", lambda *args: asked.append(args[3:]) or real(*args))
    with make.begin() as session:
        round_ = session.get(Round, round_id)
        set_value(session, round_, session.get(Unit, units[1]), "1.1.3", "7", STAFF, stage="appraisal1")
        set_explanation(session, round_, session.get(Unit, units[2]), "1.2", STAFF, request="Vì sao?")
    with make() as session:
        round_ = session.get(Round, round_id)
        second = reader.read(round_, STAFF)
        assert asked == [([units[1]],)]  # one unit's row, not the round; an explanation changes no value
        assert second.fingerprint != first.fingerprint
        assert second.table.raw.loc[1, "1.1.3"] == "7" and first.table.raw.loc[1, "1.1.3"] == "2"
        assert_same(second, session, round_)
        (dataset,) = round_source(session, round_, STAFF, reader).datasets
        assert dataset.table is second.table and dataset.digest() == second.fingerprint


def test_the_reader_keeps_only_what_is_committed(engine):  # noqa: F811
    """A page's session with a write not yet committed must not put it in the values every session shares."""
    round_id, units = seed(engine)
    reader = RoundReader(engine)
    make = db.sessions(engine)
    with make() as session:
        reader.read(session.get(Round, round_id), STAFF)
    writer = make()
    round_ = writer.get(Round, round_id)
    set_value(writer, round_, writer.get(Unit, units[0]), "1.2", "không", STAFF)
    writer.flush()
    read = reader.read(round_, STAFF)
    writer.rollback()
    writer.close()
    assert read.table.raw.loc[0, "1.2"] == "có"
    with make() as session:
        assert_same(reader.read(session.get(Round, round_id), STAFF), session, session.get(Round, round_id))


def test_a_save_committed_after_a_newer_one_reaches_the_kept_values(engine):  # noqa: F811
    """PostgreSQL hands out audit ids when written: the first save's transaction holds its id while a second one
    commits, and the reader looks in between. The first save must still reach the values once it commits."""
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite lets one writer at a time: its ids follow the commits")
    round_id, units = seed(engine)
    reader = RoundReader(engine)
    make = db.sessions(engine)
    slow = make()
    with slow.begin():
        round_ = slow.get(Round, round_id)
        set_value(slow, round_, slow.get(Unit, units[0]), "1.2", "không", STAFF)
        slow.flush()  # its audit record has its id now, uncommitted
        with make.begin() as fast:
            set_value(fast, fast.get(Round, round_id), fast.get(Unit, units[1]), "1.2", "không", STAFF)
        with make() as session:
            between = reader.read(session.get(Round, round_id), STAFF)
    slow.close()
    assert between.table.raw["1.2"].tolist() == ["có", "không", "có"]
    with make() as session:
        round_ = session.get(Round, round_id)
        after = reader.read(round_, STAFF)
        assert after.table.raw["1.2"].tolist() == ["không", "không", "có"]
        assert_same(after, session, round_)


def test_the_reader_applies_the_same_access_rule_as_a_whole_read(engine):  # noqa: F811
    from parindex.accounts import AccessDenied, Actor

    round_id, _ = seed(engine)
    reader = RoundReader(engine)
    with db.sessions(engine)() as session:
        round_ = session.get(Round, round_id)
        reader.read(round_, STAFF)
        with pytest.raises(AccessDenied):
            reader.read(round_, Actor("nguoi_xem", "viewer"))
        with pytest.raises(AccessDenied):
            reader.read(round_, None)


def test_a_round_read_ahead_is_served_without_reading_it_again(engine, monkeypatch):  # noqa: F811
    """The warm-up thread reads every round ahead of the first sign-in: the first page then reads nothing whole."""
    from parindex.accounts import AccessDenied, Actor
    from parindex.rounds import _reader

    round_id, _ = seed(engine)
    reader = RoundReader(engine)
    with db.sessions(engine)() as session:
        round_ = session.get(Round, round_id)
        reader.prefetch(round_)  # no one asks: nothing is handed out, so no access rule applies
        asked: list[object] = []
        real = _reader.read_cells
        monkeypatch.setattr(_reader, "read_cells", lambda *args: asked.append(args[3:]) or real(*args))
        assert_same(reader.read(round_, STAFF), session, round_)
        assert asked == []
        with pytest.raises(AccessDenied):  # reading still asks for the right to read an open round
            reader.read(round_, Actor("nguoi_xem", "viewer"))
