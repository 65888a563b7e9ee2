"""A national deployment: one database with 5.000 units and three years of rounds, and what people wait for.

The database holds 34 provinces' departments (the sample's 20 department names in each: 680 units,
so-2025 set, 89 sub-criteria) and 4.320 communes (xa-2025 set, 68 sub-criteria), 5.000 units in all,
with a round per set for 2024 and 2025 (published) and 2026 (open): 6 rounds, about 1 million cells,
each with its audit record. It is created through the path an import takes
(:func:`parindex.rounds.import_table`: units looked up at once, a round's cells read in one query, new cells
and their audit records inserted in batches).

Measured below the browser, on the largest round (the communes' open 2026 round, 4.320 units), as a
staff member who may read open rounds, with the core functions the pages call (median of repeats):

* overview, after a change to the round: the round read again from the database and scored, then
  the overview's figures (rank change against 2025, grade counts, field leaders, heat-map shares);
  and on a rerun with nothing changed, the figures and the values' fingerprint that keys the cache;
* profile of one unit: neighbours, fields against peers, biggest losses, history over the 3 years;
* save one cell as the scoring grid saves it (the edit checked against the version shown, written
  with its audit record in one transaction), then what the grid's unit part reads again (the unit's rows, and
  the round as the app's :class:`parindex.rounds.RoundReader` keeps it, patched with the saved unit's row, then
  scored for the unit's result line); the overview after that save (the round patched the same way); and the
  round's board, read when its tab is opened after a change. A round is read whole once per server process, as
  "overview after a change" reads it; after that the reader patches it with the rows each change touched;
* export of the whole round (results and values) as an Excel workbook;
* rank uncertainty: 1.000 Monte Carlo replications of the round (the page's smallest choice).

Run with ``python -m bench.scale_bench`` (a temporary SQLite file), or ``python -m bench.scale_bench
--database URL`` for an empty database of your own (its tables are created and filled; a later run with
the same URL measures it again without filling it). Figures are printed; nothing is asserted.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import Engine, func, select

from bench.machine import start
from bench.score_bench import median_seconds
from parindex import db
from parindex.accounts import Actor
from parindex.analysis import AppraisalAdjustments, Uncertainty, simulate
from parindex.criteria import load_criteria_set
from parindex.db import Entry, Round, Unit
from parindex.files import results_with_values, to_xlsx_bytes, values_by_unit
from parindex.i18n import format_number
from parindex.rounds import (
    RoundReader,
    SampleUnit,
    apply_import,
    board,
    generate_years,
    import_table,
    open_round,
    plan_edits,
    publish,
    round_set,
    round_source,
    sample_units,
    unit_entries,
)
from parindex.scoring import (
    biggest_losses,
    field_comparison,
    field_leaders,
    field_shares,
    grade_counts,
    parse_table,
    peers_of,
    rank_change,
    score_table,
)

ROOT = Path(__file__).resolve().parent.parent
PROVINCES = 34
UNITS = 5_000
YEARS = (2024, 2025, 2026)  # the last one stays open
SETS = (("so-2025.yaml", "so"), ("xa-2025.yaml", "xa"))
REPEATS = 5
RUNS = 1_000  # the uncertainty page's smallest choice
ACTOR = Actor.system("bench")


def national_units() -> dict[str, list[SampleUnit]]:
    """Every province's departments, then communes spread over the provinces up to :data:`UNITS` in all.

    Names are the sample's, numbered and followed by the province, so that each is one unit of its type.
    """
    departments = [
        SampleUnit(f"{unit.name} – tỉnh {p + 1:02d}", "so") for p in range(PROVINCES) for unit in sample_units("so")
    ]
    names = [unit.name for unit in sample_units("xa")]
    communes = [
        SampleUnit(f"{names[i % len(names)]} {i // len(names) + 1:02d} – tỉnh {i % PROVINCES + 1:02d}", "xa")
        for i in range(UNITS - len(departments))
    ]
    return {"so": departments, "xa": communes}


def parsed(frame: pd.DataFrame, compiled) -> object:
    """A generated table (strings, as typed) checked by the round's rules, as an import checks a file."""
    body = pd.DataFrame(frame.to_numpy(dtype=object), columns=range(frame.shape[1]), dtype=object)
    body.attrs["headers"] = list(frame.columns)
    return parse_table(body, compiled, "national.csv")


def create(engine: Engine) -> dict[str, float]:
    """Fill an empty database: units, then per set and year a round opened, imported and (but the last) published."""
    timings: dict[str, float] = {}
    db.upgrade(engine)
    units = national_units()
    for offset, (rules, unit_type) in enumerate(SETS):
        started = time.perf_counter()
        tables = generate_years(
            load_criteria_set(ROOT / "indicators" / rules), units[unit_type], list(YEARS), 16 + offset
        )
        timings["generate"] = timings.get("generate", 0.0) + time.perf_counter() - started
        for year in YEARS:
            started = time.perf_counter()
            with db.sessions(engine).begin() as session:
                round_ = open_round(session, year, ROOT / "indicators" / rules, ACTOR)
                import_table(session, round_, parsed(tables[year], round_set(round_)), ACTOR)
                if year != YEARS[-1]:
                    publish(session, round_, ACTOR)
            timings[f"{unit_type} {year}"] = time.perf_counter() - started
    return timings


def overview_figures(scores, previous) -> None:
    """What the overview page computes from the scores on every run."""
    rank_change(scores, previous)
    scores.ranking_order()
    grade_counts(scores, "vi")
    field_leaders(scores, "vi", count=2)
    field_shares(scores)


def profile_figures(scores, table, history: list, row: int) -> None:
    """What the profile page computes for one unit (history: the other years' scores, cached by the app)."""
    unit = str(scores.units["unit"].iloc[row])
    peers_of(scores, row)
    field_comparison(scores, row, "vi")
    biggest_losses(scores, row, values_by_unit(table), "vi", top=10)
    for past in history:
        if unit in past.units["unit"].tolist():
            past.row_of(unit)


def scored_round(engine: Engine, round_id: int):
    """A round read from the database and scored, as the per-round cache builds it after a change."""
    with db.sessions(engine)() as session:
        round_ = session.get(Round, round_id)
        dataset = round_source(session, round_, ACTOR).datasets[0]
        compiled = round_set(round_)
        table = dataset.values(compiled)
        return dataset, score_table(compiled, table), table


def save_cell(engine: Engine, round_id: int, unit_id: int, leaf_id: str, values: tuple[str, str]) -> None:
    """One cell of the grid saved as the grid saves it: the edit planned against the version shown, then written."""
    with db.sessions(engine).begin() as session:
        round_, unit = session.get(Round, round_id), session.get(Unit, unit_id)
        entry = session.scalar(
            select(Entry).where(Entry.round_id == round_id, Entry.unit_id == unit_id, Entry.leaf_id == leaf_id)
        )
        new = values[1] if entry.self_value == values[0] else values[0]
        plan = plan_edits(session, round_, unit, {leaf_id: (new, entry.version)}, ACTOR, compiled=round_set(round_))
        apply_import(session, plan, {}, ACTOR)


def unit_part_data(engine: Engine, reader: RoundReader, round_id: int, unit_id: int) -> None:
    """What the grid's unit part reads after a save: the unit's rows, and the round from the reader (patched with
    the rows the save changed) scored for the unit's result line, as the app's per-round cache builds it."""
    with db.sessions(engine)() as session:
        round_, unit = session.get(Round, round_id), session.get(Unit, unit_id)
        unit_entries(session, round_, unit, ACTOR)
        dataset = round_source(session, round_, ACTOR, reader).datasets[0]
        compiled = round_set(round_)
        score_table(compiled, dataset.values(compiled))


def board_data(engine: Engine, round_id: int) -> None:
    """The round's board, read again when its tab is opened after a change."""
    with db.sessions(engine)() as session:
        round_ = session.get(Round, round_id)
        board(session, round_, ACTOR, round_set(round_))


def count(number: int) -> str:
    return format_number(number, 0, "vi")


def row(label: str, seconds: float, note: str = "") -> None:
    print(f"  {label:<58} {seconds * 1e3:9.0f} ms{('   ' + note) if note else ''}")


def measure(engine: Engine) -> None:
    with db.sessions(engine)() as session:
        rounds = {(r.set_id, r.year): r.id for r in session.scalars(select(Round))}
        cells = session.scalar(select(func.count()).select_from(Entry))
    commune_rounds = [rounds["xa-2025", year] for year in YEARS]
    current = commune_rounds[-1]
    print(f"Rounds: {len(rounds)}; cells: {count(cells)}")
    history = [scored_round(engine, round_id)[1] for round_id in commune_rounds[:-1]]
    dataset, scores, table = scored_round(engine, current)
    compiled = scores.compiled
    print(f"Largest round: communes {YEARS[-1]}, {count(len(scores))} units × {compiled.n_leaves} sub-criteria")
    print()
    print(f"Median of {REPEATS}:")

    def overview_cold() -> None:
        _, fresh, _ = scored_round(engine, current)
        overview_figures(fresh, history[-1])

    row("overview after a change: round read + scored + figures", median_seconds(overview_cold, REPEATS))
    row(
        "overview rerun, nothing changed: fingerprint + figures",
        median_seconds(lambda: (dataset.digest(), overview_figures(scores, history[-1])), REPEATS),
    )
    rng = np.random.default_rng(5)
    picks = iter(rng.choice(len(scores), size=REPEATS, replace=False).tolist())
    row(
        "profile of one unit (3 years)",
        median_seconds(lambda: profile_figures(scores, table, history, next(picks)), REPEATS),
    )

    with db.sessions(engine)() as session:
        unit_id = session.scalar(select(Unit.id).where(Unit.name == str(scores.units["unit"].iloc[0])))
    leaf = next(lf for lf in compiled.columns if lf.rule.kind == "yes_no")
    choices = ("có", "không")
    save = median_seconds(lambda: save_cell(engine, current, unit_id, leaf.id, choices), REPEATS)
    row(f"save one cell ({leaf.id}, yes/no) with its audit record", save)
    reader = RoundReader(engine)
    unit_part_data(engine, reader, current, unit_id)  # the reader holds the round, as the running app's does

    def save_then_unit_part() -> None:
        save_cell(engine, current, unit_id, leaf.id, choices)
        unit_part_data(engine, reader, current, unit_id)

    row(
        "  then the unit part's data: rows, round patched + scored", median_seconds(save_then_unit_part, REPEATS) - save
    )

    def save_then_overview() -> None:
        save_cell(engine, current, unit_id, leaf.id, choices)
        with db.sessions(engine)() as session:
            fresh = score_table(
                compiled, round_source(session, session.get(Round, current), ACTOR, reader).datasets[0].table
            )
        overview_figures(fresh, history[-1])

    row("  then the overview: round patched + scored + figures", median_seconds(save_then_overview, REPEATS) - save)
    row("  then the board tab", median_seconds(lambda: board_data(engine, current), REPEATS))

    export = timed(lambda: to_xlsx_bytes(results_with_values(score_table(compiled, table), table, "vi")))
    row("export the round: results and values as .xlsx", export)
    model = Uncertainty(appraisal=AppraisalAdjustments.default(compiled), respondents=30, weight_spread=0.0)
    row(f"rank uncertainty, {count(RUNS)} replications", timed(lambda: simulate(scores, model, runs=RUNS, seed=0)))


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def rounds_in(engine: Engine) -> int:
    db.upgrade(engine)
    with db.sessions(engine)() as session:
        return session.scalar(select(func.count()).select_from(Round)) or 0


def main(argv: list[str] | None = None) -> None:
    database = start(__doc__.splitlines()[0], "an empty database URL (default: a temporary SQLite file)", argv)
    with tempfile.TemporaryDirectory() as temp:
        url = database or f"sqlite:///{Path(temp) / 'national.db'}"
        engine = db.make_engine(url)
        print(f"Database: {engine.dialect.name}")
        if rounds_in(engine) == 0:
            started = time.perf_counter()
            timings = create(engine)
            print(
                f"Created in {time.perf_counter() - started:.0f} s (generating the values {timings.pop('generate'):.0f} s"
                + "".join(f"; {key}: {seconds:.1f} s" for key, seconds in timings.items())
                + ")"
            )
        elif rounds_in(engine) != len(SETS) * len(YEARS):
            raise SystemExit("The database has other rounds: give an empty one, or one this benchmark filled.")
        else:
            print("Created before (a run with the same --database): measured again")
        measure(engine)
        engine.dispose()


if __name__ == "__main__":
    main()
