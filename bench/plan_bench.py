"""Planner and what-if speed on the provincial set (QĐ 876, 88 sub-criteria).

Two figures, each the median of repeated runs on sample units generated as in
:mod:`bench.score_bench`:

* plan: the least-cost way for the unit ranked about 20th of 63 to reach rank 10 (choices for
  every leaf, one HiGHS mixed-integer program, the re-scoring check), with the exact planner (any
  two-decimal value of a linear leaf) and with the older grid planner (five values per linear
  leaf) in the same run; goal ≤ 50 ms. The effort curve (one program per rank) is timed too, and
  both planners' costs are compared over every unit for three targets.
* what-if: one leaf of one unit changed in a 1,000-unit matrix, then every unit re-scored and
  re-ranked with ``score()``.

Run with ``python -m bench.plan_bench``. Figures are printed, nothing is asserted.
"""

from __future__ import annotations

import numpy as np

from bench.machine import describe
from bench.score_bench import RULES, median_seconds, values_for
from parindex.planning import CostModel, Target, effort_curve, linear_segment, plan, unit_options
from parindex.scoring import load_compiled, score

PLAN_UNITS = 63
FROM_RANK, TO_RANK = 20, 10
PLAN_REPEATS = 20
WHAT_IF_UNITS = 1_000
WHAT_IF_REPEATS = 25


def main() -> None:
    compiled = load_compiled(RULES)
    cs = compiled.criteria_set
    print(f"Machine: {describe()}")
    print(f"Criteria set: {cs.id} ({len(cs.leaves)} leaves)")
    print()

    table, _ = values_for(compiled, PLAN_UNITS)
    scores = score(compiled, table.values, table.units)
    row = int(np.argmin(np.abs(scores.rank - FROM_RANK)))
    costs = CostModel()
    target = Target(rank=TO_RANK)
    options = unit_options(scores, row, costs)
    segments = sum(
        linear_segment(leaf, float(scores.values[row, j]), costs) is not None for j, leaf in enumerate(compiled.leaves)
    )
    print(
        f"Plan: {scores.units['unit'][row]} (rank {scores.rank[row]}, index {scores.index[row]:.2f}) → rank {TO_RANK}, "
        f"{len(options)} leaves with choices ({segments} linear)"
    )
    print(f"  {'planner':<28}{'median ms':>10}{'cost':>10}{'steps':>7}{'curve ms':>10}")
    timings = {}
    for name, exact in (("exact (any 0,01 value)", True), ("grid (5 values per linear)", False)):
        result = plan(scores, row, target, costs, exact=exact)
        timings[exact] = median_seconds(lambda exact=exact: plan(scores, row, target, costs, exact=exact), PLAN_REPEATS)
        curve = median_seconds(lambda exact=exact: effort_curve(scores, row, costs, exact=exact), 5)
        print(
            f"  {name:<28}{timings[exact] * 1e3:>10.1f}{result.total_cost:>10.3f}{len(result.steps):>7}{curve * 1e3:>10.0f}"
        )
    print(f"  exact / grid time: {timings[True] / timings[False]:.2f}×")
    print()
    print(f"Exact vs grid over every unit of the {PLAN_UNITS}, targets 1, 5, 10 (cost; exact never more)")
    cheaper = same = 0
    saved = []
    for k in (1, 5, 10):
        for r in range(PLAN_UNITS):
            exact, grid = plan(scores, r, Target(rank=k), costs), plan(scores, r, Target(rank=k), costs, exact=False)
            if grid.reachable and grid.reason != "already_met":
                if exact.total_cost < grid.total_cost - 1e-9:
                    cheaper += 1
                    saved.append(1 - exact.total_cost / grid.total_cost)
                else:
                    same += 1
    print(f"  cheaper: {cheaper}, same: {same}; median saving {np.median(saved) * 100 if saved else 0:.1f} %")
    print()

    big, _ = values_for(compiled, WHAT_IF_UNITS)
    values = big.values.copy()
    column = next(j for j, leaf in enumerate(compiled.leaves) if leaf.rule.kind == "yes_no")
    unit = WHAT_IF_UNITS // 2
    flip = [values[unit, column], 1.0 - values[unit, column]]
    state = {"turn": 0}

    def what_if() -> None:
        state["turn"] ^= 1
        values[unit, column] = flip[state["turn"]]
        score(compiled, values, big.units)

    seconds = median_seconds(what_if, WHAT_IF_REPEATS)
    print(f"What-if: one leaf of one unit changed among {WHAT_IF_UNITS:,} units, all re-scored and re-ranked")
    print(f"  median of {WHAT_IF_REPEATS}: {seconds * 1e3:.2f} ms")


if __name__ == "__main__":
    main()
