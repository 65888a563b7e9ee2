"""Scoring and ranking speed: the vectorised engine against a plain per-unit Python loop.

For 63, 1,000 and 10,000 units on the provincial set (QĐ 876, 88 sub-criteria), both are measured
in the same run on the same parsed values: ``score()`` (all units, arrays) and
:mod:`parindex.scoring` (one unit and one leaf at a time, then a sort to rank). The figure is the
median of several repeats; the ratio is loop time / engine time. Reading the values file (text →
numbers) is reported apart: it happens once per import, not per what-if.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from bench.machine import describe
from parindex.rounds import SampleUnit, generate_values
from parindex.scoring import load_compiled, parse_table, rank_units, score, score_unit

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "indicators" / "tinh-876-2022.yaml"
SIZES = (63, 1_000, 10_000)


def median_seconds(action: Callable[[], object], repeats: int) -> float:
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def values_for(compiled, n: int, seed: int = 7):
    """Sample raw values for ``n`` units, parsed the way an import parses them."""
    rng = np.random.default_rng(seed)
    units = [SampleUnit(f"Đơn vị {i:05d}", compiled.criteria_set.unit_types[0]) for i in range(n)]
    raw = generate_values(compiled.criteria_set, units, rng.beta(6, 2.2, size=n), rng)
    frame = pd.DataFrame(raw.to_numpy(dtype=object), columns=range(raw.shape[1]), dtype=object)
    frame.attrs["headers"] = list(raw.columns)
    start = time.perf_counter()
    table = parse_table(frame, compiled, "bench.csv")
    return table, time.perf_counter() - start


def loop_score_and_rank(criteria_set, ids: list[str], matrix: np.ndarray, groups: list[str]) -> list[int]:
    indexes = [score_unit(criteria_set, dict(zip(ids, row, strict=True)))["index"] for row in matrix.tolist()]
    return rank_units(indexes, groups, criteria_set.index_decimals)


def main() -> None:
    compiled = load_compiled(RULES)
    cs = compiled.criteria_set
    ids = list(compiled.column_ids)
    print(f"Machine: {describe()}")
    print(f"Criteria set: {cs.id} ({len(cs.leaves)} leaves, {len(cs.fields)} fields)")
    print()
    print(f"{'units':>7} | {'engine ms':>10} | {'loop ms':>10} | {'loop/engine':>11} | {'import (parse) ms':>17}")
    print("-" * 68)
    for n in SIZES:
        table, parse_seconds = values_for(compiled, n)
        groups = table.units["unit_type"].tolist()
        engine = median_seconds(lambda t=table: score(compiled, t.values, t.units), repeats=25 if n < 10_000 else 15)
        loop = median_seconds(
            lambda t=table, g=groups: loop_score_and_rank(cs, ids, t.values, g), repeats=5 if n < 10_000 else 3
        )
        check = score(compiled, table.values, table.units).rank.tolist()
        assert check == loop_score_and_rank(cs, ids, table.values, groups), "engine and loop disagree"
        print(
            f"{n:>7,} | {engine * 1e3:>10.2f} | {loop * 1e3:>10.1f} | {loop / engine:>10.0f}× | {parse_seconds * 1e3:>17.0f}"
        )


if __name__ == "__main__":
    main()
