"""The deployment files in deploy/: they agree with each other and with Streamlit, and they work on this machine.

- the Streamlit template names only options Streamlit really has, and every file serves the app under one path;
- the systemd units pass ``systemd-analyze verify``;
- the backup script backs up SQLite and PostgreSQL and deletes old backups.
Two replicas behind nginx: tests/browser/test_replicas.py.

Needs nginx, openssl, curl and the PostgreSQL client programs; ``make test`` installs nginx like Chromium.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import tomllib
import uuid
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.browser.conftest import APP_CODE
from tests.conftest import ROOT

DEPLOY = ROOT / "deploy"
BASE_PATH = "parindex"
POSTGRES = os.environ.get("PARINDEX_TEST_POSTGRES_SERVER", "postgresql://postgres@127.0.0.1:5432")

pytestmark = pytest.mark.deploy


def require(*programs: str) -> None:
    missing = [p for p in programs if not shutil.which(p) and not Path("/usr/sbin", p).exists()]
    if missing:
        pytest.fail(
            f"the deployment tests need {', '.join(missing)}: `make test` installs them (apt-get install nginx)"
        )


# --- the files agree -----------------------------------------------------------------------------------------------


def test_streamlit_template_names_real_options_and_no_secret():
    import streamlit.config as streamlit_config

    template = tomllib.loads((DEPLOY / "streamlit-config.toml").read_text(encoding="utf-8"))
    keys = {f"{section}.{key}" for section, options in template.items() for key in options}
    known = set(streamlit_config._config_options_template)
    assert keys - known == set()
    assert {"server.allowedHosts", "server.enableXsrfProtection", "browser.gatherUsageStats"} <= keys
    assert template["server"]["enableXsrfProtection"] is True
    assert template["browser"]["gatherUsageStats"] is False
    assert "cookieSecret" not in template["server"]  # secrets live in /etc/parindex/parindex.env


def test_every_file_serves_the_app_under_one_path():
    template = tomllib.loads((DEPLOY / "streamlit-config.toml").read_text(encoding="utf-8"))
    assert template["server"]["baseUrlPath"] == BASE_PATH
    for unit in ("parindex.service", "parindex@.service"):
        start = next(line for line in (DEPLOY / unit).read_text().splitlines() if line.startswith("ExecStart="))
        assert f"--server.baseUrlPath {BASE_PATH}" in start
        assert "--server.address 127.0.0.1" in start
    site = (DEPLOY / "nginx-parindex.conf").read_text()
    assert f"location /{BASE_PATH}/ {{" in site
    assert f"Path=/{BASE_PATH}/;" in site
    assert f"STREAMLIT_SERVER_BASE_URL_PATH={BASE_PATH}" in (ROOT / "Dockerfile").read_text()
    assert BASE_PATH in (ROOT / "deploy" / "try-replicas.sh").read_text()


def test_nginx_accepts_what_streamlit_accepts():
    """client_max_body_size must not be below the upload limit of the app (.streamlit/config.toml)."""
    limit_mb = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]["maxUploadSize"]
    site = (DEPLOY / "nginx-parindex.conf").read_text()
    body = re.search(r"client_max_body_size (\d+)m;", site)
    assert body and int(body.group(1)) > limit_mb
    assert "proxy_http_version 1.1;" in site
    assert "proxy_set_header Upgrade $http_upgrade;" in site
    assert re.search(r"upstream parindex_app \{\s*hash \$parindex_route consistent;", site)


def test_docker_image_leaves_out_local_state():
    ignored = set((ROOT / ".dockerignore").read_text().split())
    assert {".venv", ".git", "data/*.db", "data/uploads", "test-output"} <= ignored
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "USER parindex" in dockerfile and "HEALTHCHECK" in dockerfile and "_stcore/health" in dockerfile


def test_every_folder_of_the_app_is_compiled_before_it_runs():
    """The service and the image run with PYTHONDONTWRITEBYTECODE, so code not compiled at install is compiled
    again on every start: the image, `make run` and the README's install and upgrade steps compile all of it."""
    packages = {p.name for p in ROOT.iterdir() if (p / "__init__.py").is_file()}
    code = {"app.py"} | packages - {"tests", "bench"}  # the tests and the benchmarks are not the app
    assert {"parindex", "pages", "ui"} <= code
    lines = [
        *re.findall(r"compileall -q ([^\n`#]+)", (ROOT / "Dockerfile").read_text()),
        *re.findall(r"^APP_CODE := (.+)$", (ROOT / "Makefile").read_text(), flags=re.M),
        *re.findall(r"compileall -q ([^\n`#]+)", (ROOT / "README.md").read_text()),
    ]
    assert len(lines) == 4
    assert set(APP_CODE) == code  # the browser tests and benchmarks start the server as `make run` does
    for line in lines:
        assert set(line.split()) == code, line


def test_systemd_units_verify(tmp_path):
    """``systemd-analyze verify`` on the units, /opt/parindex swapped for a folder with stand-in programs."""
    if not shutil.which("systemd-analyze"):
        pytest.skip("systemd-analyze is not installed (systemd machines only)")
    app = tmp_path / "opt"
    for program in (".venv/bin/python", ".venv/bin/streamlit", "deploy/parindex-backup.sh"):
        (app / program).parent.mkdir(parents=True, exist_ok=True)
        (app / program).write_text("#!/bin/sh\n")
        (app / program).chmod(0o755)
    units = tmp_path / "units"
    units.mkdir()
    names = ["parindex.service", "parindex@.service", "parindex-backup.service", "parindex-backup.timer"]
    for name in names:
        (units / name).write_text((DEPLOY / name).read_text().replace("/opt/parindex", str(app)))
    result = subprocess.run(
        ["systemd-analyze", "verify", "parindex.service", "parindex@8501.service", *names[2:]],
        cwd=units,
        capture_output=True,
        text=True,
    )
    assert (result.returncode, result.stderr.strip()) == (0, "")


# --- backups ---------------------------------------------------------------------------------------------------------


def run_backup(url: str, folder: Path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "PARINDEX_DATABASE_URL": url,
        "PARINDEX_BACKUP_DIR": str(folder),
        "PARINDEX_BACKUP_DAYS": "30",
        "PARINDEX_PYTHON": sys.executable,
    }
    return subprocess.run([str(DEPLOY / "parindex-backup.sh")], cwd=ROOT, env=env, capture_output=True, text=True)


def seeded(url: str) -> None:
    env = {**os.environ, "PARINDEX_DATABASE_URL": url}
    subprocess.run(
        [sys.executable, "-m", "parindex", "db", "upgrade", "--seed"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )


def test_backup_sqlite_and_retention(tmp_path):
    url = f"sqlite:///{tmp_path / 'live.db'}"
    seeded(url)
    backups = tmp_path / "backups"
    backups.mkdir()
    old, recent, other = backups / "parindex-2000-01-01.db", backups / "parindex-recent.db", backups / "notes.txt"
    for path in (old, recent, other):
        path.write_text("x")
    forty_days_ago = time.time() - 40 * 86400
    os.utime(old, (forty_days_ago, forty_days_ago))
    os.utime(other, (forty_days_ago, forty_days_ago))
    result = run_backup(url, backups)
    assert result.returncode == 0, result.stderr
    made = backups / f"parindex-{date.today():%Y-%m-%d}.db"
    with contextlib.closing(sqlite3.connect(made)) as copy:
        assert copy.execute("SELECT count(*) FROM rounds").fetchone()[0] == 4  # the four sample rounds
    assert sorted(p.name for p in backups.iterdir()) == sorted([made.name, recent.name, other.name])


@pytest.fixture
def postgres_database():
    """A fresh PostgreSQL database, dropped afterwards."""
    name = f"parindex_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(
        f"{POSTGRES.replace('postgresql://', 'postgresql+psycopg://')}/postgres", isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{POSTGRES}/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_backup_postgresql_is_a_restorable_dump(tmp_path, postgres_database):
    require("pg_dump", "pg_restore")
    seeded(postgres_database)
    result = run_backup(postgres_database, tmp_path)
    assert result.returncode == 0, result.stderr
    dump = tmp_path / f"parindex-{date.today():%Y-%m-%d}.dump"
    listing = subprocess.run(["pg_restore", "--list", str(dump)], capture_output=True, text=True, check=True).stdout
    assert "TABLE DATA public rounds" in listing and "TABLE DATA public entries" in listing


def test_backup_refuses_a_driver_url(tmp_path):
    result = run_backup("postgresql+psycopg://postgres@127.0.0.1/x", tmp_path)
    assert result.returncode == 2 and "postgresql://" in result.stderr
    assert list(tmp_path.iterdir()) == []
