"""Backup and restore from every bad source and onto every bad target: a clear message, exit 2, nothing changed.

Each bad source used to be restored with exit 0 ("Đã khôi phục"), replacing the live database (rounds,
accounts and audit gone, or every later start failing with "database disk image is malformed"). A
backup interrupted by a full disk left a 0-byte file under the backup's name.
"""

from __future__ import annotations

import hashlib
import os
import resource
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from parindex import db
from parindex.accounts import Actor, add_user, set_active
from parindex.cli import main
from parindex.rounds import ensure_unit
from tests.conftest import ROOT

OPERATOR = Actor.system("kiem-thu")


def make_database(path: Path, admin: bool = True, unit: str = "Sở Tư pháp") -> Path:
    """A parindex database at the newest revision with one unit and (by default) one active administrator."""
    engine = db.make_engine(f"sqlite:///{path}")
    db.upgrade(engine)
    with db.sessions(engine).begin() as session:
        ensure_unit(session, unit, "so")
        if admin:
            add_user(session, OPERATOR, "quantri", "admin", None, sso_email="quantri@snv.gov.vn")
    engine.dispose()
    return path


def fingerprint(path: Path) -> str:
    """Every row of every table (not the file's bytes, which SQLite may rewrite without changing anything)."""
    with closing(sqlite3.connect(path)) as connection:
        return hashlib.sha256("\n".join(connection.iterdump()).encode()).hexdigest()


@pytest.fixture
def live(tmp_path, monkeypatch) -> Path:
    """The server's database, with the unit 'Sở Tư pháp' and an admin; the CLI is pointed at it."""
    folder = tmp_path / "data"
    folder.mkdir()
    path = make_database(folder / "parindex.db")
    monkeypatch.setenv("PARINDEX_DATABASE_URL", f"sqlite:///{path}")
    return path


def _backup_of_another(tmp_path: Path, unit: str = "Sở Nội vụ") -> Path:
    return make_database(tmp_path / "other.db", unit=unit)


def _flipped(tmp_path: Path) -> Path:
    path = _backup_of_another(tmp_path)
    data = bytearray(path.read_bytes())
    for i in range(8192, 8192 + 4096):  # 4 KB of flipped bytes inside the tables' pages
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))
    return path


def _truncated(tmp_path: Path) -> Path:
    path = _backup_of_another(tmp_path)
    path.write_bytes(path.read_bytes()[:12288])
    return path


def _sqlite_with(tmp_path: Path, *statements: str) -> Path:
    path = tmp_path / "source.db"
    with closing(sqlite3.connect(path)) as connection:
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    return path


def _text_file(tmp_path: Path) -> Path:
    path = tmp_path / "notes.txt"
    path.write_text("Danh sách việc cần làm\n", encoding="utf-8")
    return path


def _empty_file(tmp_path: Path) -> Path:
    path = tmp_path / "parindex-2026-11-30.db"
    path.write_bytes(b"")
    return path


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.db"
    os.mkfifo(path)
    return path


def _without_admin(tmp_path: Path) -> Path:
    return make_database(tmp_path / "no-admin.db", admin=False)


def _admin_disabled(tmp_path: Path) -> Path:
    path = make_database(tmp_path / "disabled.db")
    engine = db.make_engine(f"sqlite:///{path}")
    with db.sessions(engine).begin() as session:
        add_user(session, OPERATOR, "canbo", "viewer", None, sso_email="canbo@snv.gov.vn")
    with engine.begin() as connection:  # an old backup where the one admin had been deactivated
        connection.exec_driver_sql("UPDATE users SET active = 0 WHERE role = 'admin'")
    engine.dispose()
    return path


def _without_table(tmp_path: Path) -> Path:
    path = _backup_of_another(tmp_path)
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("DROP TABLE evidence")
        connection.commit()
    return path


def _revision(tmp_path: Path, revision: str) -> Path:
    path = _backup_of_another(tmp_path)
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = ?", (revision,))
        connection.commit()
    return path


BAD_SOURCES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "missing file": (lambda p: p / "khong-co.db", "không có tệp này"),
    "a folder": (lambda p: p, "không phải một tệp sao lưu"),
    "a named pipe": (_fifo, "không phải một tệp sao lưu"),
    "a /proc file": (lambda p: Path("/proc/self/status"), "không phải một tệp sao lưu"),
    "0-byte file (failed backup)": (_empty_file, "tệp rỗng (0 byte)"),
    "a text file": (_text_file, "không phải cơ sở dữ liệu SQLite"),
    "4 KB of flipped bytes": (_flipped, "bản sao lưu bị hỏng"),
    "a truncated backup": (_truncated, "bản sao lưu bị hỏng"),
    "an empty SQLite database": (lambda p: _sqlite_with(p, "PRAGMA user_version = 7"), "cơ sở dữ liệu rỗng"),
    "another application's database": (
        lambda p: _sqlite_with(p, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)"),
        "không phải cơ sở dữ liệu của parindex",
    ),
    "another Alembic application": (
        lambda p: _sqlite_with(
            p,
            "CREATE TABLE alembic_version (version_num VARCHAR(32))",
            "INSERT INTO alembic_version VALUES ('ae1027a6acf')",
        ),
        "phiên bản lược đồ 'ae1027a6acf'",
    ),
    "a newer parindex (unknown revision)": (lambda p: _revision(p, "0099"), "phiên bản lược đồ '0099'"),
    "two revisions at once": (
        lambda p: _sqlite_with(
            p,
            "CREATE TABLE alembic_version (version_num VARCHAR(32))",
            "INSERT INTO alembic_version VALUES ('0002'), ('0003')",
        ),
        "không phải cơ sở dữ liệu của parindex",
    ),
    "a parindex table missing": (_without_table, "thiếu evidence"),
    "no administrator": (_without_admin, "không có tài khoản quản trị"),
    "the only administrator disabled": (_admin_disabled, "không có tài khoản quản trị"),
}


@pytest.mark.parametrize("kind", list(BAD_SOURCES))
def test_restore_refuses_a_bad_source_and_keeps_the_live_database(kind, live, tmp_path, capsys):
    make, expected = BAD_SOURCES[kind]
    source = make(tmp_path)
    before = fingerprint(live)
    files_before = sorted(p.name for p in live.parent.iterdir())
    assert main(["restore", "--from", str(source)]) == 2
    err = capsys.readouterr().err
    assert expected in err and str(source) in err and "Traceback" not in err
    assert fingerprint(live) == before
    assert sorted(p.name for p in live.parent.iterdir()) == files_before  # no kept copy, no working file left


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("0-byte file (failed backup)", "the file is empty (0 bytes)"),
        ("4 KB of flipped bytes", "the backup is damaged"),
        ("another application's database", "this is not a parindex database"),
        ("no administrator", "no active administrator account"),
    ],
)
def test_restore_refusals_in_english(kind, expected, live, tmp_path, capsys):
    source = BAD_SOURCES[kind][0](tmp_path)
    assert main(["--lang", "en", "restore", "--from", str(source)]) == 2
    assert expected in capsys.readouterr().err


def _units(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as connection:
        return [row[0] for row in connection.execute("SELECT name FROM units ORDER BY name")]


def test_a_good_restore_keeps_the_replaced_database_as_a_dated_copy(live, tmp_path, capsys):
    source = _backup_of_another(tmp_path)
    assert main(["restore", "--from", str(source)]) == 0
    out = capsys.readouterr().out
    kept = [p for p in live.parent.iterdir() if p.name.startswith("parindex-before-restore-")]
    assert len(kept) == 1 and kept[0].suffix == ".db" and str(kept[0]) in out
    assert _units(live) == ["Sở Nội vụ"]
    assert _units(kept[0]) == ["Sở Tư pháp"]  # the replaced database, whole
    assert sorted(p.name for p in live.parent.iterdir() if not p.name.endswith(("-wal", "-shm"))) == sorted(
        ["parindex.db", kept[0].name]
    )


def test_two_restores_in_the_same_second_keep_both_databases(live, tmp_path):
    import datetime as dt

    engine = db.make_engine(f"sqlite:///{live}")
    moment = dt.datetime(2026, 11, 30, 9, 0, 0)
    first = db.restore(engine, _backup_of_another(tmp_path), at=moment)
    (tmp_path / "other.db").unlink()
    second = db.restore(engine, _backup_of_another(tmp_path, unit="Sở Y tế"), at=moment)
    engine.dispose()
    assert first.kept != second.kept
    assert _units(first.kept) == ["Sở Tư pháp"] and _units(second.kept) == ["Sở Nội vụ"]


def test_a_backup_of_an_older_revision_is_upgraded_when_restored(live, tmp_path):
    from alembic import command

    from parindex.db._engine import _alembic_config  # an older revision is reached only through Alembic itself

    path = tmp_path / "old.db"
    engine = db.make_engine(f"sqlite:///{path}")
    config = _alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")  # before units could merge
        connection.exec_driver_sql(
            "INSERT INTO users (username, display_name, role, active, created_at) "
            "VALUES ('quantri', '', 'admin', 1, '2025-01-01 00:00:00')"
        )
    engine.dispose()
    restored = db.restore(db.make_engine(f"sqlite:///{live}"), path)
    assert restored.revision == db.known_revisions()[1]
    with closing(sqlite3.connect(live)) as connection:
        columns = {row[1] for row in connection.execute("PRAGMA table_info(units)")}
    assert "merged_into_id" in columns


def test_a_damaged_live_database_is_kept_as_found_and_replaced(live, tmp_path):
    source = _backup_of_another(tmp_path)
    engine = db.make_engine(f"sqlite:///{live}")
    engine.dispose()
    damaged = b"SQLite format 3\x00" + b"\x00garbage" * 1000
    live.write_bytes(damaged)
    restored = db.restore(engine, source)
    assert restored.kept.read_bytes() == damaged
    assert _units(live) == ["Sở Nội vụ"]


# --- backup ------------------------------------------------------------------------------------------------------


def _existing_text(tmp_path: Path) -> Path:
    return _text_file(tmp_path)


BAD_TARGETS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "a folder": (lambda p: p, "đây là một thư mục"),
    "an existing text file": (_existing_text, "không phải bản sao lưu cơ sở dữ liệu"),
    "a /proc file": (lambda p: Path("/proc/self/status"), "tệp đặc biệt của hệ thống"),
    "a new file under /proc": (lambda p: Path("/proc/parindex-backup.db"), "tệp đặc biệt của hệ thống"),
    "a named pipe": (_fifo, "tệp đặc biệt của hệ thống"),
}


@pytest.mark.parametrize("kind", list(BAD_TARGETS))
def test_backup_refuses_a_bad_target(kind, live, tmp_path, capsys):
    make, expected = BAD_TARGETS[kind]
    target = make(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    content = target.read_bytes() if target.is_file() and not str(target).startswith("/proc") else None
    assert main(["backup", "--to", str(target)]) == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    if content is not None:
        assert target.read_bytes() == content


def test_backup_on_postgresql_says_how_to_use_pg_dump(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("PARINDEX_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/parindex")
    assert main(["backup", "--to", str(tmp_path / "b.db")]) == 2
    assert main(["--lang", "en", "restore", "--from", str(tmp_path / "b.db")]) == 2
    err = capsys.readouterr().err
    assert "pg_dump --format=custom" in err and "pg_restore --clean" in err and not (tmp_path / "b.db").exists()


def test_backup_without_a_database_creates_none(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("PARINDEX_DATABASE_URL", f"sqlite:///{tmp_path / 'none.db'}")
    assert main(["backup", "--to", str(tmp_path / "b.db")]) == 2
    assert "chưa có cơ sở dữ liệu" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def _small_disk() -> None:
    """In the child: files may not grow past 48 KB (as on a nearly full disk), and hitting that is an error."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (48 * 1024, 48 * 1024))


def test_backup_on_a_disk_too_small_leaves_no_file(live, tmp_path):
    target = tmp_path / "backups" / "parindex-2026-11-30.db"
    target.parent.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "parindex", "backup", "--to", str(target)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        preexec_fn=_small_disk,
        env={**os.environ, "PARINDEX_DATABASE_URL": f"sqlite:///{live}"},
        timeout=120,
    )
    assert live.stat().st_size > 48 * 1024  # the limit really is smaller than the copy
    assert result.returncode == 2, result.stderr
    assert "không ghi được bản sao lưu" in result.stderr and "Traceback" not in result.stderr
    assert list(target.parent.iterdir()) == []  # neither a short backup nor a temporary file


def test_a_backup_is_one_checked_file_that_restores(live, tmp_path, capsys):
    target = tmp_path / "parindex-2026-11-30.db"
    assert main(["backup", "--to", str(target)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "data") == [target.name]
    with closing(sqlite3.connect(target)) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert main(["backup", "--to", str(target)]) == 0  # an earlier backup of the same name is overwritten
    assert main(["restore", "--from", str(target)]) == 0
    assert _units(live) == ["Sở Tư pháp"]


def test_set_active_then_restore_keeps_rights(live, tmp_path):
    """A restore never turns a database's accounts into something else: the backup's accounts are the ones live."""
    backup = tmp_path / "b.db"
    assert main(["backup", "--to", str(backup)]) == 0
    engine = db.make_engine(f"sqlite:///{live}")
    with db.sessions(engine).begin() as session:
        add_user(session, OPERATOR, "quantri2", "admin", None, sso_email="q2@snv.gov.vn")
        set_active(session, OPERATOR, "quantri", False)
    db.restore(engine, backup)
    with closing(sqlite3.connect(live)) as connection:
        rows = connection.execute("SELECT username, active FROM users ORDER BY username").fetchall()
    engine.dispose()
    assert rows == [("quantri", 1)]


# --- room on the disk ----------------------------------------------------------------------------------------------


def _disk_with_free(monkeypatch, free: int) -> None:
    """The disk reports ``free`` bytes free, whatever the folder."""
    import shutil

    real = shutil.disk_usage
    monkeypatch.setattr(shutil, "disk_usage", lambda path: real(path)._replace(free=free))


def _with_log(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.is_file())


@pytest.mark.parametrize("short_by", [1, 10**9])
def test_a_restore_the_disk_has_no_room_for_is_refused_before_anything_is_written(
    short_by, live, tmp_path, monkeypatch, capsys
):
    """The backup's copy and the kept copy of the live database must both fit, with the margin, before a byte is
    written: a disk filled midway stops the server's own writes too."""
    source = _backup_of_another(tmp_path)
    needed = source.stat().st_size + _with_log(live) + db._engine.ROOM_MARGIN_BYTES
    _disk_with_free(monkeypatch, max(needed - short_by, 0))
    before = fingerprint(live)
    files_before = sorted(p.name for p in live.parent.iterdir())
    assert main(["restore", "--from", str(source)]) == 2
    err = capsys.readouterr().err
    assert "không đủ chỗ trên đĩa" in err and str(source) in err and "Traceback" not in err
    assert fingerprint(live) == before
    assert sorted(p.name for p in live.parent.iterdir()) == files_before


def test_a_restore_with_just_enough_room_goes_ahead(live, tmp_path, monkeypatch):
    source = _backup_of_another(tmp_path)
    _disk_with_free(monkeypatch, source.stat().st_size + _with_log(live) + db._engine.ROOM_MARGIN_BYTES)
    assert main(["restore", "--from", str(source)]) == 0
    assert _units(live) == ["Sở Nội vụ"]


def test_a_backup_the_disk_has_no_room_for_is_refused_before_anything_is_written(live, tmp_path, monkeypatch, capsys):
    target = tmp_path / "backups" / "parindex-backup.db"
    _disk_with_free(monkeypatch, _with_log(live) + db._engine.ROOM_MARGIN_BYTES - 1)
    assert main(["--lang", "en", "backup", "--to", str(target)]) == 2
    assert "not enough disk space for the backup" in capsys.readouterr().err
    assert not target.parent.exists()
    _disk_with_free(monkeypatch, _with_log(live) + db._engine.ROOM_MARGIN_BYTES)
    assert main(["backup", "--to", str(target)]) == 0
    assert _units(target) == ["Sở Tư pháp"]
