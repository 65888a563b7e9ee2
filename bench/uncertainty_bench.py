"""Monte Carlo rank uncertainty: 10,000 replications for 63 units × 88 sub-criteria (QĐ 876 set).

All three sources are on (appraisal adjustments at the stated defaults, survey sampling error with
30 respondents, field weights ± 25 %). Measured in the same run, on the same scores:

- the batched engine (:func:`parindex.analysis.simulate`), median of several runs;
- the same model one replication at a time (``batch=1``), timed on a few hundred replications and
  scaled to 10,000 — what batching buys;
- rebuilding the whole index with ``score()`` once per replication, as COINr does (≈ 0.2 s per
  replication for 51 units × 49 indicators in R), timed on a few hundred replications and scaled
  to 10,000. This baseline only re-scores (no drawing), so it is a lower bound of that approach.

Memory: the peak of Python allocations (tracemalloc) for 1,000 and for 10,000 replications; batching
keeps it the same whatever the number of replications.
"""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import numpy as np

from bench.machine import describe
from bench.score_bench import median_seconds, values_for
from parindex.analysis import AppraisalAdjustments, Uncertainty, sensitivity, simulate
from parindex.scoring import load_compiled, score

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "indicators" / "tinh-876-2022.yaml"
UNITS, RUNS, SAMPLED = 63, 10_000, 300


def peak_mb(action) -> float:
    tracemalloc.start()
    action()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def main() -> None:
    compiled = load_compiled(RULES)
    table, _ = values_for(compiled, UNITS)
    scores = score(compiled, table.values, table.units)
    model = Uncertainty(appraisal=AppraisalAdjustments.default(compiled), respondents=30, weight_spread=0.25)
    print(f"Machine: {describe()}")
    print(
        f"Criteria set: {compiled.criteria_set.id}, {UNITS} units × {compiled.n_leaves} sub-criteria; sources: "
        f"{', '.join(model.active())}"
    )
    simulate(scores, model, runs=500, seed=1)  # warm up
    engine = median_seconds(lambda: simulate(scores, model, runs=RUNS, seed=1), repeats=5)
    start = time.perf_counter()
    simulate(scores, model, runs=SAMPLED, seed=1, batch=1)
    one_at_a_time = (time.perf_counter() - start) / SAMPLED * RUNS
    rng = np.random.default_rng(0)
    survey = compiled.is_survey.nonzero()[0]
    start = time.perf_counter()
    for _ in range(SAMPLED):
        values = table.values.copy()
        values[:, survey] += rng.normal(0.0, 5.0, size=(UNITS, survey.size))
        score(compiled, values, table.units)
    rebuild = (time.perf_counter() - start) / SAMPLED * RUNS
    sens_start = time.perf_counter()
    sensitivity(scores, model, runs=2_000, seed=1)
    sens = time.perf_counter() - sens_start
    small, large = (
        peak_mb(lambda: simulate(scores, model, runs=1_000, seed=1)),
        peak_mb(lambda: simulate(scores, model, runs=RUNS, seed=1)),
    )
    print()
    print(f"{'approach':<46} | {'10,000 runs (s)':>15} | {'vs engine':>9}")
    print("-" * 77)
    print(f"{'batched engine (simulate)':<46} | {engine:>15.3f} | {'1×':>9}")
    print(f"{'same model, one replication at a time':<46} | {one_at_a_time:>15.2f} | {one_at_a_time / engine:>8.0f}×")
    print(f"{'whole index rebuilt per replication (score())':<46} | {rebuild:>15.2f} | {rebuild / engine:>8.0f}×")
    print(
        f"{'COINr, 0.2 s per replication (51 × 49, quoted)':<46} | {0.2 * RUNS:>15.0f} | {0.2 * RUNS / engine:>8.0f}×"
    )
    print()
    print(
        f"Per replication: engine {engine / RUNS * 1e6:.0f} µs; one at a time {one_at_a_time / RUNS * 1e6:.0f} µs; "
        f"rebuild {rebuild / RUNS * 1e6:.0f} µs"
    )
    print(f"Memory peak (tracemalloc): {small:.1f} MB for 1,000 runs, {large:.1f} MB for 10,000 runs")
    print(f"Sensitivity indices (Saltelli, 2,000 base samples = 10,000 model runs): {sens:.2f} s")


if __name__ == "__main__":
    main()
