"""Where a person waits, measured below the browser on the database ``make run`` seeds.

Each figure is the median of repeated runs, next to a baseline measured in the same run:

* saving one cell of the scoring grid, with what follows before the page shows again: *before*,
  the app re-read every round into the sidebar's catalog (each round's criteria-set YAML read and
  compiled again) and the grid re-read its own round for the unit's result; *now*, only the saved
  round is re-read, its frozen set compiled once per process, and the result comes from that copy;
* ``python -m parindex score`` on the 20 sample departments, the whole process, against Python
  starting and importing pandas (the floor any command pays);
* what the sign-in page (the first page after the server starts) imports, in a fresh interpreter,
  against the same with altair, which it imported before.

Run with ``python -m bench.wait_bench``. Figures are printed, nothing is asserted.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import Engine, select

from bench.machine import describe
from bench.score_bench import median_seconds
from parindex import db
from parindex.accounts import Actor
from parindex.config import load_settings
from parindex.db import Entry, Round, Unit
from parindex.rounds import (
    compile_frozen,
    list_rounds,
    round_set,
    round_source,
    round_values,
    seed_sample,
    set_value,
)
from parindex.scoring import score

ROOT = Path(__file__).resolve().parent.parent
SAVES = 7
PROCESSES = 5


def seeded(folder: Path) -> Engine:
    """A temporary SQLite database seeded as ``make run`` seeds it (one round per sample dataset)."""
    engine = db.make_engine(f"sqlite:///{folder / 'bench.db'}")
    db.upgrade(engine)
    with db.sessions(engine).begin() as session:
        seed_sample(session, load_settings(ROOT / "config.yaml"))
    return engine


def save_cell(engine: Engine, actor: Actor, round_id: int) -> None:
    """Save one self-assessed cell again (same value, new version): the write a grid save makes."""
    with db.sessions(engine).begin() as session:
        round_ = session.get(Round, round_id)
        entry = session.scalars(select(Entry).where(Entry.round_id == round_id).order_by(Entry.id)).first()
        set_value(
            session,
            round_,
            session.get(Unit, entry.unit_id),
            entry.leaf_id,
            entry.self_value or "",
            actor,
            expected_version=entry.version,
            compiled=round_set(round_),
        )


def after_save_before(engine: Engine, actor: Actor, round_id: int) -> None:
    """What followed a save until now: every round re-read (and its set recompiled), then the grid's own round."""
    compile_frozen.cache_clear()
    with db.sessions(engine)() as session:
        for round_ in list_rounds(session):
            compile_frozen.cache_clear()
            for dataset in round_source(session, round_, actor).datasets[:1]:
                compiled = round_set(round_)
                table = dataset.values(compiled)
                score(compiled, table.values, table.units)
        compile_frozen.cache_clear()
        round_ = session.get(Round, round_id)
        compiled = round_set(round_)
        table = round_values(session, round_, actor, compiled)
        score(compiled, table.values, table.units)


def after_save_now(engine: Engine, actor: Actor, round_id: int) -> None:
    """What follows a save now: the saved round re-read once (its set already compiled), scored from that copy."""
    with db.sessions(engine)() as session:
        round_ = session.get(Round, round_id)
        compiled = round_set(round_)
        table = round_source(session, round_, actor).datasets[0].values(compiled)
        score(compiled, table.values, table.units)


def process_seconds(args: list[str], repeats: int = PROCESSES) -> float:
    def run() -> None:
        subprocess.run(
            [sys.executable, *args],
            cwd=ROOT,
            check=True,
            capture_output=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )

    return median_seconds(run, repeats)


def main() -> None:
    print(f"Machine: {describe()}")
    print(f"Load average when starting: {os.getloadavg()[0]:.1f} (figures grow with it on a shared machine)")
    actor = Actor.operator()
    with tempfile.TemporaryDirectory() as temp:
        started = time.perf_counter()
        engine = seeded(Path(temp))
        print(f"Seeded database ready in {time.perf_counter() - started:.1f} s")
        with db.sessions(engine)() as session:
            rounds = [r.id for r in list_rounds(session)]  # the operator reads every round
        round_id = rounds[0]
        before = median_seconds(
            lambda: (save_cell(engine, actor, round_id), after_save_before(engine, actor, round_id)), SAVES
        )
        now = median_seconds(
            lambda: (save_cell(engine, actor, round_id), after_save_now(engine, actor, round_id)), SAVES
        )
        write = median_seconds(lambda: save_cell(engine, actor, round_id), SAVES)
        engine.dispose()
    print()
    print(f"Save one cell and get the page's data again ({len(rounds)} rounds in the database), median of {SAVES}:")
    print(f"  before: every round re-read   {before * 1e3:8.0f} ms")
    print(f"  now: the saved round only     {now * 1e3:8.0f} ms   ({before / now:.1f}× faster)")
    print(f"  of which the write itself     {write * 1e3:8.0f} ms")
    print()
    rules, data = "indicators/so-2025.yaml", "data/sample/so-2025-so-2026.csv"
    floor = process_seconds(["-c", "import pandas"])
    command = process_seconds(["-m", "parindex", "score", "--rules", rules, "--data", data])
    print(f"python -m parindex score, 20 units, whole process, median of {PROCESSES}:")
    print(f"  {command * 1e3:.0f} ms; Python + import pandas alone: {floor * 1e3:.0f} ms ({command / floor:.2f}×)")
    print()
    sign_in = process_seconds(["-c", "import streamlit, ui.common, ui.auth_forms"])
    with_altair = process_seconds(["-c", "import streamlit, altair, ui.common, ui.auth_forms"])
    print(f"Imports of the sign-in page in a fresh interpreter, median of {PROCESSES}:")
    print(f"  now {sign_in * 1e3:.0f} ms; with altair as before {with_altair * 1e3:.0f} ms")


if __name__ == "__main__":
    main()
