"""The migrations build exactly the tables the models describe, on SQLite and PostgreSQL.

The migrations are the history every installed database went through; the models are what the code
reads and writes. A column, index or constraint present in one and not the other is a database that
works in the tests (built from the models) and fails on a server (built by the migrations), or the reverse.
"""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from parindex import db
from tests.conftest import POSTGRES_URL


@pytest.fixture(params=["sqlite", "postgresql"])
def upgraded(request, tmp_path):
    if request.param == "sqlite":
        engine = db.make_engine(f"sqlite:///{tmp_path / 'migrated.db'}")
    else:
        engine = db.make_engine(POSTGRES_URL)
        with engine.begin() as connection:  # start empty, whatever an earlier run left
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    db.upgrade(engine)
    yield engine
    engine.dispose()


def test_the_migrations_build_the_tables_of_the_models(upgraded):
    with upgraded.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.Base.metadata)
    assert differences == []


def test_every_model_table_is_built(upgraded):
    from sqlalchemy import inspect

    built = set(inspect(upgraded).get_table_names()) - {"alembic_version"}
    assert built == set(db.Base.metadata.tables)
