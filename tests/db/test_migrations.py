"""The migrations build exactly the tables the models describe, on SQLite and PostgreSQL.

The migrations are the history every installed database went through; the models are what the code
reads and writes. A column, index or constraint present in one and not the other is a database that
works in the tests (built from the models) and fails on a server (built by the migrations), or the reverse.
"""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from parindex import db
from tests.conftest import upgraded_engine


@pytest.fixture(params=["sqlite", "postgresql"])
def upgraded(request, tmp_path):
    engine = upgraded_engine(request.param, tmp_path)
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
