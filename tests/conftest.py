"""Shared helpers: build small criteria sets from YAML text and score rows of raw values."""

from __future__ import annotations

import ast
import os
import tempfile
import textwrap
from pathlib import Path

import pandas as pd
import pytest

from parindex.criteria import CompiledSet, compile_set, parse_criteria_set
from parindex.scoring import Scores, parse_table, score

ROOT = Path(__file__).resolve().parent.parent
# What draws the app: the entry point, the page scripts and the Streamlit glue (read by the structural checks).
APP_SCRIPTS = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "ui").glob("*.py"))]

# The app under test (AppTest and the browser server) uses its own empty database, never data/parindex.db nor one
# named in the environment, nor that of another pytest-xdist worker (whose environment a worker inherits).
os.environ["PARINDEX_DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='parindex-test-')}/app.db"

# The name of this pytest-xdist worker ("gw0", "gw1"…), empty in a run without workers: what two workers would
# otherwise share (the PostgreSQL database, the servers' log files) is named after it.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")

# The PostgreSQL database the store tests use (they drop and recreate its schema: give each parallel run its own;
# each worker of a parallel `make test` has its own, created when the session starts).
POSTGRES_URL = os.environ.get(
    "PARINDEX_TEST_POSTGRES_URL", f"postgresql://postgres@127.0.0.1:5432/test{'_' + WORKER if WORKER else ''}"
)


def pytest_sessionstart(session) -> None:
    """A worker's own PostgreSQL database, created beside ``test`` if missing. If the server does not answer,
    nothing is done here: the store tests then fail with the connection's own message."""
    if not WORKER or "PARINDEX_TEST_POSTGRES_URL" in os.environ:
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    server, name = POSTGRES_URL.replace("postgresql://", "postgresql+psycopg://").rsplit("/", 1)
    admin = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            exists = connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name})
            if not exists:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError:
        pass
    finally:
        admin.dispose()


def calls_without(script: Path, names: set[str], keyword: str) -> list[int]:
    """The lines of ``script`` calling a method named in ``names`` (``st.text_input``, ``tab.dataframe``…) without
    passing ``keyword``: a structural check that fails on the next such call anyone writes."""
    tree = ast.parse(script.read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in names
        and not any(given.arg == keyword for given in node.keywords)
    ]


def upgraded_engine(backend: str, folder: Path):
    """A database brought to the latest schema from nothing: a new SQLite file in ``folder``, or the test
    PostgreSQL database emptied first (whatever an earlier run or another version left). The PostgreSQL run is
    part of the suite, so its server must be reachable."""
    from sqlalchemy import text

    from parindex import db

    if backend == "sqlite":
        engine = db.make_engine(f"sqlite:///{folder / 'test.db'}")
    else:
        engine = db.make_engine(POSTGRES_URL)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    db.upgrade(engine)
    return engine


INDICATORS = ROOT / "indicators"
DATA = ROOT / "data"

HEADER = """\
id: test
name: Bộ thử
decision: thử nghiệm
years: [2025]
unit_types: [so]
max_points: {max_points}
{extra}
grades:
  - {{label: A, min: 90}}
  - {{label: B, min: 80}}
  - {{label: C, min: 0}}
"""


def one_field_set(leaves_yaml: str, max_points: float, extra: str = "") -> str:
    """A one-field, one-criterion set whose sub-criteria are ``leaves_yaml`` (a YAML list)."""
    body = textwrap.indent(textwrap.dedent(leaves_yaml).strip(), " " * 10)
    return HEADER.format(max_points=max_points, extra=textwrap.dedent(extra)) + (
        "fields:\n"
        "  - id: 'F'\n    name: Lĩnh vực\n"
        f"    max: {max_points}\n    source: reconstructed\n    criteria:\n"
        "      - id: 'C'\n        name: Tiêu chí\n"
        f"        max: {max_points}\n        source: reconstructed\n        sub_criteria:\n"
        f"{body}\n"
    )


def compile_text(text: str) -> CompiledSet:
    return compile_set(parse_criteria_set(text, "test.yaml"))


def table_frame(rows: list[dict]) -> pd.DataFrame:
    """Rows of raw cells as a frame shaped like :func:`parindex.scoring.read_table` output."""
    headers = list(rows[0].keys())
    frame = pd.DataFrame([[row.get(h) for h in headers] for row in rows], columns=range(len(headers)), dtype=object)
    frame.attrs["headers"] = headers
    frame.attrs["filename"] = "values.csv"
    return frame


def score_rows(compiled: CompiledSet, rows: list[dict]) -> Scores:
    table = parse_table(table_frame(rows), compiled)
    return score(compiled, table.values, table.units)


@pytest.fixture(scope="session")
def example_set() -> CompiledSet:
    from parindex.scoring import load_compiled

    return load_compiled(INDICATORS / "vi-du-mau.yaml")


# Accounts of the app under test: one per role, all with the same password (tests only).
TEST_PASSWORD = "mat-khau-kiem-thu-2026"
ACCOUNTS = {
    "admin": "quantri",
    "appraiser": "thamdinh",
    "leader": "lanhdao",
    "viewer": "nguoixem",
    "unit_officer": "canbo.stp",
}
OFFICER_UNIT = ("Sở Tư pháp", "so")


def create_accounts(url: str) -> None:
    """Create the test accounts in the database at ``url`` (once; the unit officer belongs to Sở Tư pháp)."""
    from parindex import db
    from parindex.accounts import Actor, actor_for, add_user
    from parindex.rounds import ensure_unit

    engine = db.make_engine(url)
    db.upgrade(engine)
    with db.sessions(engine).begin() as session:
        unit = ensure_unit(session, *OFFICER_UNIT)
        for role, username in ACCOUNTS.items():
            if actor_for(session, username) is None:
                add_user(
                    session,
                    Actor.system("kiem-thu"),
                    username,
                    role,
                    TEST_PASSWORD,
                    unit_id=unit.id if role == "unit_officer" else None,
                )
    engine.dispose()


def signed_in_state(role: str, url: str | None = None) -> dict:
    """What signing in leaves in a tab's session state for ``role``'s test account: a real session token."""
    from parindex import db
    from parindex.accounts import actor_for, start_session
    from parindex.db import now

    engine = db.make_engine(url or os.environ["PARINDEX_DATABASE_URL"])
    with db.sessions(engine).begin() as session:
        token = start_session(session, actor_for(session, ACCOUNTS[role]))
    engine.dispose()
    return {"token": token, "signed_in_at": now(), "via": "password"}


@pytest.fixture(scope="session", autouse=True)
def app_accounts() -> None:
    """Every test that opens the app (AppTest) finds the test accounts in the app's database, whatever runs first."""
    create_accounts(os.environ["PARINDEX_DATABASE_URL"])
