"""The database: a SQLite file under ``data/`` by default, PostgreSQL when a URL says so.

SQLite runs in WAL mode with a busy timeout, so several people can read while one writes.
``upgrade`` creates or migrates the schema with Alembic (the migrations ship inside the package);
``backup``/``restore`` copy a SQLite database with its online backup API (for PostgreSQL use
``pg_dump``/``pg_restore``, see README).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
URL_VARIABLE = "PARINDEX_DATABASE_URL"


def database_url(data_dir: Path, configured: str | None = None) -> str:
    """``PARINDEX_DATABASE_URL``, else the configured URL, else ``data/parindex.db``."""
    return os.environ.get(URL_VARIABLE) or configured or f"sqlite:///{(data_dir / 'parindex.db').resolve()}"


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection, _record) -> None:  # WAL lets readers work while one writes
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return create_engine(url, pool_pre_ping=True)


def sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def upgrade(engine: Engine) -> None:
    """Create the schema, or migrate it to the newest version."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        if sqlite:  # SQLite changes a table by copying it; the copy must not trip the rows that point at it
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                    raise RuntimeError("a migration left a row pointing at nothing; nothing was changed")
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


def is_current(engine: Engine) -> bool:
    return inspect(engine).has_table("alembic_version")


def backup(engine: Engine, target: Path) -> None:
    """Copy a live SQLite database to ``target`` (consistent even while others write)."""
    source = _sqlite_path(engine)
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as live, sqlite3.connect(target) as copy:
        live.backup(copy)


def restore(engine: Engine, source: Path) -> None:
    """Replace the SQLite database with ``source`` (a file made by :func:`backup`)."""
    engine.dispose()
    with sqlite3.connect(source) as saved, sqlite3.connect(_sqlite_path(engine)) as live:
        saved.backup(live)


def _sqlite_path(engine: Engine) -> str:
    if engine.url.get_backend_name() != "sqlite" or not engine.url.database:
        raise ValueError("backup and restore copy SQLite files; use pg_dump/pg_restore for PostgreSQL")
    return engine.url.database
