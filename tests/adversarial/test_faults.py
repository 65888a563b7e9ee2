"""Fault tests: ``db upgrade`` killed at any moment leaves a database that is intact (or empty) and upgradable.

The first upgrade of a new database used to run each CREATE TABLE in its own implicit commit, so a
kill 15–90 ms in left some tables and an empty ``alembic_version``; every later upgrade then failed
with "table rounds already exists". The child process signals when it starts migrating, and the test
kills it a chosen number of milliseconds later (a spread of delays, not a timing measurement). An
import of a values file killed part-way must likewise leave none of its rows.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from parindex import db
from parindex.db import Base
from tests.conftest import POSTGRES_URL, ROOT

KILL_AFTER_MS = [10, 20, 35, 50, 70, 95, 150, 300]  # the first upgrade takes about 100 ms on a quiet machine
CHILD = (
    "import sys\n"
    "from parindex import db\n"
    "engine = db.make_engine(sys.argv[1])\n"
    "print('go', flush=True)\n"
    "db.upgrade(engine)\n"
    "print('done', flush=True)\n"
)
APP_TABLES = set(Base.metadata.tables)


def _kill_during_upgrade(url: str, delay_ms: int) -> None:
    child = subprocess.Popen([sys.executable, "-c", CHILD, url], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "go"
        time.sleep(delay_ms / 1000)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=60)
        child.stdout.close()


def _sqlite_state(path: Path) -> tuple[set[str], list[str]]:
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        versions = (
            [row[0] for row in connection.execute("SELECT version_num FROM alembic_version")]
            if "alembic_version" in tables
            else []
        )
    connection.close()
    return tables, versions


@pytest.mark.parametrize("delay_ms", KILL_AFTER_MS)
def test_sqlite_first_upgrade_killed_is_all_or_nothing(tmp_path, delay_ms):
    path = tmp_path / "new.db"
    url = f"sqlite:///{path}"
    _kill_during_upgrade(url, delay_ms)
    _, head = db.known_revisions()
    if path.exists():
        tables, versions = _sqlite_state(path)
        app_tables = tables & APP_TABLES
        assert (not app_tables and versions == []) or (app_tables == APP_TABLES and versions == [head]), (
            tables,
            versions,
        )
    engine = db.make_engine(url)
    db.upgrade(engine)  # a later upgrade works whatever the kill left
    engine.dispose()
    tables, versions = _sqlite_state(path)
    assert tables >= APP_TABLES and versions == [head]


@pytest.mark.parametrize("delay_ms", KILL_AFTER_MS[::3])
def test_postgresql_first_upgrade_killed_is_all_or_nothing(delay_ms):
    engine = db.make_engine(POSTGRES_URL)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    _kill_during_upgrade(POSTGRES_URL, delay_ms)
    _, head = db.known_revisions()
    from sqlalchemy import inspect

    engine.dispose()
    tables = set(inspect(engine).get_table_names())
    assert not (tables & APP_TABLES) or tables >= APP_TABLES
    db.upgrade(engine)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [head]
    engine.dispose()


IMPORT_CHILD = (
    "import sys\n"
    "from parindex import db\n"
    "from parindex.accounts import Actor\n"
    "from parindex.scoring import read_values\n"
    "from parindex.db import Round\n"
    "from parindex.rounds import import_table, round_set\n"
    "make = db.sessions(db.make_engine(sys.argv[1]))\n"
    "with make() as session:\n"
    "    compiled = round_set(session.get(Round, 1))\n"
    "table = read_values(sys.argv[2], compiled)\n"
    "print('go', flush=True)\n"
    "with make.begin() as session:\n"
    "    import_table(session, session.get(Round, 1), table, Actor.system('nhap-lieu'))\n"
    "print('done', flush=True)\n"
)


def _kill_during(code: str, arguments: list[str], delay_ms: int) -> None:
    child = subprocess.Popen([sys.executable, "-c", code, *arguments], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "go"
        time.sleep(delay_ms / 1000)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=60)
        child.stdout.close()


def _round_rows(path: Path) -> tuple[int, int]:
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        entries = connection.execute("SELECT count(*) FROM entries").fetchone()[0]
        audited = connection.execute("SELECT count(*) FROM audit WHERE action = 'import_self'").fetchone()[0]
    connection.close()
    return entries, audited


IMPORT_KILL_AFTER_MS = [10, 60, 150, 300, 600, 1000, 1600, 3000]  # an import of the sample file takes about 2 s


@pytest.mark.parametrize("delay_ms", IMPORT_KILL_AFTER_MS)
def test_an_import_killed_at_any_moment_saves_all_or_nothing(tmp_path, delay_ms):
    from parindex.accounts import Actor
    from parindex.rounds import import_table, open_round, round_set
    from parindex.scoring import read_values
    from tests.conftest import DATA, INDICATORS

    values = DATA / "sample" / "so-2025-so-2026.csv"
    path = tmp_path / "round.db"
    engine = db.make_engine(f"sqlite:///{path}")
    db.upgrade(engine)
    with db.sessions(engine).begin() as session:
        round_ = open_round(session, 2026, INDICATORS / "so-2025.yaml", Actor.system("mo-ky"))
        table = read_values(values, round_set(round_))
    cells = int((table.raw.map(lambda v: str(v or "").strip() != "")).to_numpy().sum())
    _kill_during(IMPORT_CHILD, [f"sqlite:///{path}", str(values)], delay_ms)
    assert _round_rows(path) in ((0, 0), (cells, cells))  # never part of a file
    with db.sessions(engine).begin() as session:  # the import can simply be done again
        from parindex.db import Round

        import_table(session, session.get(Round, 1), table, Actor.system("nhap-lieu"))
    engine.dispose()
    assert _round_rows(path) == (cells, cells)


def test_tables_left_by_an_interrupted_upgrade_of_an_earlier_version_are_cleared(tmp_path):
    """The state the old upgrade left in 4 of 10 kills: some empty tables, an empty alembic_version."""
    path = tmp_path / "left.db"
    engine = db.make_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        for name in ("rounds", "units", "entries", "survey_results", "audit"):
            Base.metadata.tables[name].create(connection)
        connection.exec_driver_sql("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    db.upgrade(engine)
    engine.dispose()
    tables, versions = _sqlite_state(path)
    assert tables >= APP_TABLES and versions == [db.known_revisions()[1]]


def test_tables_with_rows_but_no_revision_are_never_dropped(tmp_path):
    path = tmp_path / "rows.db"
    engine = db.make_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        Base.metadata.tables["units"].create(connection)
        connection.exec_driver_sql("INSERT INTO units (name, unit_type, province) VALUES ('Sở Tư pháp', 'so', '')")
    with pytest.raises(Exception, match="already exists"):
        db.upgrade(engine)
    engine.dispose()
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT name FROM units").fetchall() == [("Sở Tư pháp",)]
    connection.close()
