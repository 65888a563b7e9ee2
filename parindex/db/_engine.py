"""The database: a SQLite file under ``data/`` by default, PostgreSQL when a URL says so.

SQLite runs in WAL mode with a busy timeout, so several people can read while one writes.
``upgrade`` creates or migrates the schema with Alembic (the migrations ship inside the package), all
migrations in one transaction; ``backup``/``restore`` copy a SQLite database with its online backup
API, a backup written whole or not at all and a restore only from a checked source, the replaced
database kept beside it (for PostgreSQL use ``pg_dump``/``pg_restore``, see README).
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
import sqlite3
import tempfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from parindex.errors import InputError, Problem

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
URL_VARIABLE = "PARINDEX_DATABASE_URL"
# The newest migration under migrations/versions; tests/db holds it equal to Alembic's head. Knowing it without
# Alembic lets a start on an up-to-date database skip importing Alembic (≈ 0,2 s of the first page).
HEAD_REVISION = "0004"


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


def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def known_revisions() -> tuple[list[str], str]:
    """Every migration revision this version ships (newest first), and the newest (head)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config())
    return [revision.revision for revision in script.walk_revisions()], script.get_current_head()


def upgrade(engine: Engine) -> None:
    """Create the schema, or migrate it to the newest version: every migration in one transaction.

    Killed at any moment, the database is as before (a new one stays empty) and the next upgrade
    starts again. PostgreSQL's DDL is transactional as it is; SQLite's is too, but Python's sqlite3
    runs CREATE and ALTER outside any transaction unless the transaction is begun explicitly, so
    SQLite upgrades run on a connection of their own that does exactly that.

    A database that already records the newest revision (every start but the first after an update) is
    answered by one query, without Alembic.
    """
    if recorded_revisions(engine) == [HEAD_REVISION]:
        return
    config = _alembic_config()
    if engine.dialect.name != "sqlite":
        _run_migrations(engine, config, sqlite=False)
        return
    if engine.url.database in (None, "", ":memory:"):  # a private database: nothing else sees a half state
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        _run_migrations(engine, config, sqlite=True)
        return
    ddl = _sqlite_ddl_engine(engine)
    try:
        _run_migrations(ddl, config, sqlite=True)
    finally:
        ddl.dispose()


def _sqlite_ddl_engine(engine: Engine) -> Engine:
    """An engine on the same SQLite file whose transactions start with ``BEGIN IMMEDIATE`` (so DDL is inside).

    Foreign keys are off on it: SQLite changes a table by copying it, and the copy must not trip the
    rows pointing at it (checked with ``foreign_key_check`` before the commit instead).
    """
    ddl = create_engine(engine.url, poolclass=NullPool, connect_args={"timeout": 30, "isolation_level": None})

    @event.listens_for(ddl, "connect")
    def _pragmas(connection, _record) -> None:  # pragmas outside the transaction: inside, they do nothing
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=OFF")
        cursor.close()

    @event.listens_for(ddl, "begin")
    def _begin(connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return ddl


def recorded_revisions(engine: Engine) -> list[str]:
    """The revisions the database records (one, normally); none for a new database or one without parindex's
    version table."""
    try:
        with engine.connect() as connection:
            return [row[0] for row in connection.exec_driver_sql("SELECT version_num FROM alembic_version")]
    except DBAPIError:  # no version table yet
        return []


def _run_migrations(engine: Engine, config: Config, sqlite: bool) -> None:
    from alembic import command

    with engine.connect() as connection, connection.begin():
        config.attributes["connection"] = connection  # env.py sees the open transaction and adds none of its own
        _clear_interrupted_first_upgrade(connection)
        command.upgrade(config, "head")
        if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
            raise RuntimeError("a migration left a row pointing at nothing; nothing was changed")


def _clear_interrupted_first_upgrade(connection) -> None:
    """Drop the empty tables an interrupted first upgrade of an earlier version left behind.

    Earlier versions ran SQLite's CREATE TABLEs outside a transaction, so a kill could leave some
    tables and no revision; every later upgrade then failed with "table rounds already exists". A
    database with no recorded revision whose parindex tables are all empty has nothing to lose.
    """
    from sqlalchemy import func, select

    from ._models import Base

    inspector = inspect(connection)
    present = set(inspector.get_table_names())
    if "alembic_version" in present and connection.exec_driver_sql("SELECT 1 FROM alembic_version").first():
        return
    ours = [table for table in reversed(Base.metadata.sorted_tables) if table.name in present]
    if not ours or any(connection.scalar(select(func.count()).select_from(table)) for table in ours):
        return
    for table in ours:  # dependants first
        table.drop(connection)


SQLITE_HEADER = b"SQLite format 3\x00"
SYSTEM_FOLDERS = ("/proc", "/sys", "/dev")


@dataclass(frozen=True)
class Restored:
    """What a restore did: the schema revision now live, and where the replaced database was kept."""

    revision: str
    kept: Path | None


def backup(engine: Engine, target: Path) -> None:
    """Copy a live SQLite database to ``target`` (consistent even while others write), whole or not at all.

    The copy is written to a temporary file in the target's folder, checked, flushed to disk and only
    then renamed, so a full disk or a kill never leaves a short file under the backup's name. A target
    that is a folder, a system file or an existing file that is not a database is refused.
    """
    source = Path(_sqlite_path(engine, "backup_postgresql"))
    target = Path(target)
    if not source.is_file():
        raise InputError([Problem("backup_no_database", file=str(source))])
    _check_backup_target(target)
    _check_room(target.parent, _database_bytes(source), target, "backup_no_room")
    _copy_database(source, target)


# Free space left beside the copies: SQLite's journal of the copy, the server's log, the rest of the system.
ROOM_MARGIN_BYTES = 64 * 1024 * 1024


def _database_bytes(path: Path) -> int:
    """The size of a database with its write-ahead log, which a copy may hold too."""
    return sum(Path(f"{path}{suffix}").stat().st_size for suffix in ("", "-wal") if Path(f"{path}{suffix}").is_file())


def _check_room(folder: Path, needed: int, shown: Path, code: str) -> None:
    """Refuse before writing a byte when the disk of ``folder`` cannot hold ``needed`` more bytes and the margin:
    a backup or restore that fills the disk midway fails anyway, and a full disk stops the server's own writes."""
    probe = folder
    while not probe.exists() and probe != probe.parent:  # a folder still to be made: ask its nearest parent
        probe = probe.parent
    try:
        free = shutil.disk_usage(probe).free
    except OSError:
        return  # no answer about the disk: the copy itself reports a full disk, and leaves nothing behind
    if free < needed + ROOM_MARGIN_BYTES:
        raise _problem(code, shown, needed=float(needed + ROOM_MARGIN_BYTES), free=float(free))


def _problem(code: str, path: Path, **params: object) -> InputError:
    return InputError([Problem(code, dict(params), file=str(path))])


def _in_system_folder(path: Path) -> bool:
    resolved = str(path.resolve())
    return any(resolved == folder or resolved.startswith(folder + "/") for folder in SYSTEM_FOLDERS)


def _has_sqlite_header(path: Path) -> bool:
    with path.open("rb") as stream:
        return stream.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def _check_backup_target(target: Path) -> None:
    if target.is_dir():
        raise _problem("backup_target_folder", target, example=str(target / "parindex-backup.db"))
    if _in_system_folder(target) or (target.exists() and not target.is_file()):
        raise _problem("backup_target_special", target)
    try:
        if target.is_file() and target.stat().st_size and not _has_sqlite_header(target):
            raise _problem("backup_target_not_backup", target)
    except OSError as error:
        raise _problem("backup_failed", target, detail=error.strerror or str(error)) from None


def _copy_database(source: Path, target: Path) -> None:
    """SQLite's online backup of ``source`` into a temporary file beside ``target``, checked, synced, renamed."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as error:
        raise _problem("backup_failed", target, detail=error.strerror or str(error)) from None
    os.close(handle)
    temporary = Path(name)
    try:
        with closing(sqlite3.connect(source, timeout=30)) as live, closing(sqlite3.connect(temporary)) as copy:
            live.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, readable without -wal/-shm
            verdict = copy.execute("PRAGMA quick_check").fetchone()[0]
        if verdict != "ok":
            raise sqlite3.DatabaseError(verdict)
        _fsync(temporary)
        os.replace(temporary, target)
        _fsync(target.parent)
    except (sqlite3.Error, OSError) as error:
        detail = "disk full" if _disk_full(error) else getattr(error, "strerror", None) or str(error)
        raise _problem("backup_failed", target, detail=detail) from None
    finally:
        _remove_database_files(temporary)


def _disk_full(error: BaseException) -> bool:
    return getattr(error, "errno", None) in (errno.ENOSPC, errno.EFBIG) or "disk is full" in str(error)


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _remove_database_files(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def restore(engine: Engine, source: Path, at: dt.datetime | None = None) -> Restored:
    """Replace the SQLite database with ``source`` (a file made by :func:`backup`), after checking it.

    The source is copied beside the live database and checked there: SQLite's ``integrity_check``, a
    schema revision this version knows (older ones are upgraded), every table parindex expects, and
    at least one active administrator. Anything wrong raises :class:`InputError` and the live
    database is untouched. Otherwise the live database is first kept as a dated copy beside it
    (``parindex-before-restore-YYYYMMDD-HHMMSS.db``), then replaced.
    """
    live = Path(_sqlite_path(engine, "restore_postgresql"))
    source = Path(source)
    _check_restore_source(source)
    # the source is copied beside the live database, and the live database is kept as a copy before it is replaced
    kept_bytes = _database_bytes(live) if live.is_file() else 0
    _check_room(live.parent, source.stat().st_size + kept_bytes, source, "restore_no_room")
    try:
        live.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{live.name}.restore.", dir=live.parent)
        os.close(handle)
    except OSError as error:
        raise _problem("restore_failed", source, detail=error.strerror or str(error)) from None
    staged = Path(name)
    try:
        try:
            shutil.copyfile(source, staged)
        except OSError as error:
            raise _problem("restore_failed", source, detail=error.strerror or str(error)) from None
        revision = check_backup(staged, source)
        engine.dispose()
        kept = _keep_live(live, at or dt.datetime.now())
        _replace_live(staged, live, source)
    finally:
        _remove_database_files(staged)
    return Restored(revision, kept)


def _check_restore_source(source: Path) -> None:
    if not source.exists():
        raise _problem("restore_missing", source)
    if not source.is_file() or _in_system_folder(source):
        raise _problem("restore_not_file", source)
    try:
        if source.stat().st_size == 0:
            raise _problem("restore_empty_file", source)
        if not _has_sqlite_header(source):
            raise _problem("restore_not_sqlite", source)
    except OSError as error:
        raise _problem("restore_failed", source, detail=error.strerror or str(error)) from None


def check_backup(path: Path, shown: Path | None = None) -> str:
    """Check (and upgrade in place) the database file ``path``, a copy of a backup; its revision if usable.

    ``shown`` is the name used in messages (the user's file, not the working copy).
    """
    shown = shown or path
    try:
        with closing(sqlite3.connect(path)) as connection:
            verdict = [row[0] for row in connection.execute("PRAGMA integrity_check(5)")]
            if verdict != ["ok"]:
                raise _problem("restore_damaged", shown, detail="; ".join(verdict)[:300])
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            versions = []
            if "alembic_version" in tables:
                versions = [row[0] for row in connection.execute("SELECT version_num FROM alembic_version")]
    except sqlite3.DatabaseError as error:
        raise _problem("restore_damaged", shown, detail=str(error)) from None
    if not tables:
        raise _problem("restore_empty_database", shown)
    if len(versions) != 1:
        raise _problem("restore_not_parindex", shown, missing="alembic_version")
    known, head = known_revisions()
    if versions[0] not in known:
        raise _problem("restore_unknown_revision", shown, revision=versions[0], head=head)
    _upgrade_copy(path, shown)
    return _check_contents(path, shown, head)


def _upgrade_copy(path: Path, shown: Path) -> None:
    from sqlalchemy.exc import SQLAlchemyError

    engine = make_engine(f"sqlite:///{path}")
    try:
        upgrade(engine)
    except (SQLAlchemyError, RuntimeError) as error:
        raise _problem("restore_upgrade_failed", shown, detail=str(error).splitlines()[0][:300]) from None
    finally:
        engine.dispose()


def _check_contents(path: Path, shown: Path, head: str) -> str:
    from ._models import Base

    with closing(sqlite3.connect(path)) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        missing = sorted(set(Base.metadata.tables) - tables)
        if missing:
            raise _problem("restore_not_parindex", shown, missing=", ".join(missing))
        admins = connection.execute("SELECT count(*) FROM users WHERE role = 'admin' AND active").fetchone()[0]
        connection.execute("PRAGMA journal_mode=DELETE")
    if not admins:
        raise _problem("restore_no_admin", shown)
    return head


def _keep_live(live: Path, at: dt.datetime) -> Path | None:
    """Copy the database about to be replaced to a dated file beside it; refuse the restore if that fails."""
    if not live.is_file() or live.stat().st_size == 0:
        return None
    stamp = at.strftime("%Y%m%d-%H%M%S")
    kept = live.with_name(f"{live.stem}-before-restore-{stamp}{live.suffix}")
    number = 1
    while kept.exists():
        number += 1
        kept = live.with_name(f"{live.stem}-before-restore-{stamp}-{number}{live.suffix}")
    try:
        _copy_database(live, kept)
    except InputError:  # the live database is damaged itself (often why it is restored): keep its files as they are
        try:
            shutil.copyfile(live, kept)
            if Path(f"{live}-wal").is_file():
                shutil.copyfile(f"{live}-wal", f"{kept}-wal")
        except OSError as error:
            kept.unlink(missing_ok=True)
            raise _problem("restore_failed", live, detail=error.strerror or str(error)) from None
    return kept


def _replace_live(staged: Path, live: Path, source: Path) -> None:
    """Write the checked copy over the live database through SQLite, so running readers see old or new, never half."""
    if not live.is_file() or live.stat().st_size == 0:
        os.replace(staged, live)
        _fsync(live.parent)
        return
    try:
        with closing(sqlite3.connect(staged)) as saved, closing(sqlite3.connect(live, timeout=30)) as target:
            saved.backup(target)
    except sqlite3.DatabaseError:  # the live file is not a readable database (it was kept as found): swap the file
        for suffix in ("-wal", "-shm"):
            Path(f"{live}{suffix}").unlink(missing_ok=True)
        os.replace(staged, live)
        _fsync(live.parent)
    except sqlite3.Error as error:
        raise _problem("restore_failed", source, detail=str(error)) from None


def _sqlite_path(engine: Engine, postgres_code: str) -> str:
    if engine.url.get_backend_name() != "sqlite" or not engine.url.database:
        raise InputError([Problem(postgres_code)])
    return engine.url.database
