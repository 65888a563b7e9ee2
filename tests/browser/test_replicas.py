"""Two replicas behind nginx on one PostgreSQL database, as deploy/try-replicas.sh sets them up.

The script's own checks (health on each replica and through nginx, HTTP -> HTTPS, sticky route cookie) must pass
before it prints READY; then the app loads through nginx, which needs its WebSocket, and a write to the database
shows on both replicas. Whatever the outcome, the script and everything it started are stopped, by process group.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import create_engine, text

from tests.browser.conftest import screenshot, visit
from tests.conftest import INDICATORS, ROOT, create_accounts
from tests.test_deploy import DEPLOY, POSTGRES, require

pytestmark = [pytest.mark.browser, pytest.mark.deploy]


class Replicas:
    """deploy/try-replicas.sh running in its own process group; ``stop`` ends it and everything it started."""

    def __init__(self, log: Path):
        env = {**os.environ, "PYTHON": sys.executable}
        self.errors = open(log, "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [str(DEPLOY / "try-replicas.sh")],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=self.errors,
            text=True,
            start_new_session=True,
        )
        self.lines: list[str] = []
        for line in self.process.stdout:
            self.lines.append(line)
            if line.startswith("READY "):
                fields = line.split()
                self.public = fields[1]
                values = dict(field.split("=", 1) for field in fields[2:])
                self.replica_a, self.replica_b = values["replica_a"], values["replica_b"]
                self.database = values["database"]
                return
        self.stop()
        pytest.fail("try-replicas.sh ended before its checks passed:\n" + "".join(self.lines) + log.read_text())

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # its trap stops nginx and the replicas, drops the database
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=30)
        with contextlib.suppress(ProcessLookupError):  # whatever survived the script, by its process group
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.errors.close()


@pytest.fixture
def replicas(tmp_path):
    require("nginx", "openssl", "curl", "createdb", "dropdb")
    running = Replicas(tmp_path / "try-replicas.log")
    try:
        yield running
    finally:
        running.stop()


def selected_year(page) -> str:
    """The year the sidebar chose; the app writes the view it shows into the address."""
    return parse_qs(urlsplit(page.url).query)["year"][0]


def add_round_2027(database_url: str) -> None:
    """A write made outside both replicas: a 2027 round of the department set with the 2026 sample values."""
    from parindex import db
    from parindex.accounts import Actor
    from parindex.rounds import import_table, open_round, round_set
    from parindex.scoring import read_values

    engine = db.make_engine(database_url)
    try:
        with db.sessions(engine).begin() as session:
            staff = Actor.system("kiem-thu")
            round_ = open_round(session, 2027, INDICATORS / "so-2025.yaml", staff)
            table = read_values(ROOT / "data" / "sample" / "so-2025-so-2026.csv", round_set(round_))
            import_table(session, round_, table, staff)
    finally:
        engine.dispose()


def test_two_replicas_behind_nginx_share_the_database(replicas, browser):
    create_accounts(replicas.database)  # accounts, like rounds, live in the one database both replicas use
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="vi-VN", ignore_https_errors=True)
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        visit(page, replicas.public)  # through nginx: the page only fills in over the WebSocket
        assert any(c["name"] == "parindex_session" and c["secure"] for c in context.cookies())
        page.get_by_text("Đứng đầu:").first.wait_for()
        assert selected_year(page) == "2026"
        assert any(c["name"] == "parindex_route" for c in context.cookies())
        screenshot(page, "trien-khai-qua-nginx")

        add_round_2027(replicas.database)
        for url in (replicas.replica_a, replicas.replica_b, replicas.public):
            visit(page, url)  # a new session (signed in by the cookie, or again over plain HTTP): newest year chosen
            page.get_by_text("Đứng đầu:").first.wait_for()
            assert selected_year(page) == "2027", url
    finally:
        context.close()

    database = replicas.database.rsplit("/", 1)[1]
    replicas.stop()
    admin = create_engine(f"{POSTGRES.replace('postgresql://', 'postgresql+psycopg://')}/postgres")
    with admin.connect() as connection:
        left = connection.execute(text("SELECT count(*) FROM pg_database WHERE datname = :n"), {"n": database}).scalar()
    admin.dispose()
    assert left == 0  # the script dropped its database
