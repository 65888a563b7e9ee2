"""The migrations build exactly the tables the models describe, on SQLite and PostgreSQL.

The migrations are the history every installed database went through; the models are what the code
reads and writes. A column, index or constraint present in one and not the other is a database that
works in the tests (built from the models) and fails on a server (built by the migrations), or the reverse.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from parindex import db
from tests.conftest import ROOT, upgraded_engine


@pytest.fixture(params=["sqlite", "postgresql"])
def upgraded(request, tmp_path):
    engine = upgraded_engine(request.param, tmp_path)
    yield engine
    engine.dispose()


def differences_from_the_models(engine) -> list:
    """What Alembic finds different between the database's schema and the models (nothing, when they match)."""
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, db.Base.metadata)


def test_the_migrations_build_the_tables_of_the_models(upgraded):
    assert differences_from_the_models(upgraded) == []


def test_every_model_table_is_built(upgraded):
    from sqlalchemy import inspect

    built = set(inspect(upgraded).get_table_names()) - {"alembic_version"}
    assert built == set(db.Base.metadata.tables)


def test_the_head_revision_the_code_knows_is_alembics():
    """``upgrade`` skips Alembic when the database records HEAD_REVISION: a new migration must move it too."""
    assert db.known_revisions()[1] == db.HEAD_REVISION


def test_an_up_to_date_database_is_checked_without_importing_alembic(upgraded):
    """Every server start calls ``upgrade``; on a database already at the newest revision it is one query (Alembic
    costs ≈ 0,2 s of the first page). Checked in a fresh interpreter by looking at ``sys.modules``."""
    code = (
        "import sys\n"
        "from parindex import db\n"
        f"engine = db.make_engine({upgraded.url.render_as_string(hide_password=False)!r})\n"
        "db.upgrade(engine)\n"
        "assert db.recorded_revisions(engine) == [db.HEAD_REVISION]\n"
        "assert 'alembic' not in sys.modules, 'alembic imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_a_database_one_revision_behind_is_still_upgraded(upgraded):
    """The shortcut must not stop a real upgrade: a database at the revision before the head is brought to it."""
    from parindex.db._engine import _alembic_config  # an older revision is reached only through Alembic itself

    known, head = db.known_revisions()
    config = _alembic_config()
    with upgraded.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, known[1])
    assert db.recorded_revisions(upgraded) == [known[1]]
    db.upgrade(upgraded)
    assert db.recorded_revisions(upgraded) == [head]
    assert differences_from_the_models(upgraded) == []
