"""Planner and what-if speed on the provincial set (QĐ 876, 88 sub-criteria).

Two figures, each the median of repeated runs on sample units generated as in
:mod:`bench.score_bench`:

* plan: the least-cost way for the unit ranked about 20th of 63 to reach rank 10 (options for
  every leaf, one HiGHS mixed-integer program, the re-scoring check); the issue's goal is under
  100 ms. The effort curve (one program per rank) is timed too.
* what-if: one leaf of one unit changed in a 1,000-unit matrix, then every unit re-scored and
  re-ranked with ``score()``.

Run with ``python -m bench.plan_bench``. Figures are printed, nothing is asserted.
"""

from __future__ import annotations

import numpy as np

from bench.machine import describe
from bench.score_bench import RULES, median_seconds, values_for
from parindex.costs import CostModel
from parindex.pipeline import load_compiled
from parindex.planner import Target, effort_curve, plan, unit_options
from parindex.scoring import score

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
    result = plan(scores, row, target, costs)
    options = unit_options(scores, row, costs)
    total = median_seconds(lambda: plan(scores, row, target, costs), PLAN_REPEATS)
    setup = median_seconds(lambda: unit_options(scores, row, costs), PLAN_REPEATS)
    curve = effort_curve(scores, row, costs)
    curve_time = median_seconds(lambda: effort_curve(scores, row, costs), 5)
    print(
        f"Plan: {scores.units['unit'][row]} (rank {scores.rank[row]}, index {scores.index[row]:.2f}) → rank {TO_RANK}"
    )
    print(
        f"  {len(options)} leaves with options, {sum(len(o) for o in options.values())} binary variables; "
        f"plan: {len(result.steps)} steps, cost {result.total_cost:.3f}, new index {result.new_index:.2f}, "
        f"new rank {result.new_rank}"
    )
    print(f"  median of {PLAN_REPEATS}: {total * 1e3:.1f} ms (of which listing the options: {setup * 1e3:.1f} ms)")
    print(
        f"  effort curve, ranks {curve['rank'].iloc[0]}→{curve['rank'].iloc[-1]} ({len(curve)} programs): {curve_time * 1e3:.0f} ms"
    )
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
