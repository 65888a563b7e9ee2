"""Reading a values file: the column-at-once reader against reading every cell one by one.

For 1,000 and 10,000 units on the provincial set (QĐ 876, 88 sub-criteria), with cells typed the
way the sample generator types them (``99,7``, ``95,5 %``, ``35.475/35.960``, level names, ``KAD``),
both are measured in the same run on the same frame: :func:`parindex.scoring.parse_table` as the app
calls it, and with ``vectorised=False`` (every cell through :func:`parindex.criteria.parse_value`, the
reference the fast path is tested against). The two results are checked equal. Scoring the same
table is shown beside them: the parse feeds it once per import.

Small tables (1 to 40 units: a round's row patched after a save, a province's departments) are timed the same
way, with ``vectorised=True`` forced: reading a column at once has a fixed cost per column, so below
:data:`parindex.scoring.VECTORISED_FROM_ROWS` rows the app reads cell by cell.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from bench.machine import describe
from bench.score_bench import RULES, median_seconds
from parindex.rounds import SampleUnit, generate_values
from parindex.scoring import VECTORISED_FROM_ROWS, load_compiled, parse_table, score

SIZES = (1_000, 10_000)
SMALL_SIZES = (1, 10, 20, 30, 40, 60)


def raw_frame(compiled, n: int, seed: int = 7) -> pd.DataFrame:
    """Raw cells for ``n`` units, shaped like :func:`parindex.scoring.read_table` output."""
    rng = np.random.default_rng(seed)
    units = [SampleUnit(f"Đơn vị {i:05d}", compiled.criteria_set.unit_types[0]) for i in range(n)]
    raw = generate_values(compiled.criteria_set, units, rng.beta(6, 2.2, size=n), rng)
    frame = pd.DataFrame(raw.to_numpy(dtype=object), columns=range(raw.shape[1]), dtype=object)
    frame.attrs["headers"] = list(raw.columns)
    return frame


def main() -> None:
    compiled = load_compiled(RULES)
    cs = compiled.criteria_set
    print(f"Machine: {describe()}")
    print(f"Criteria set: {cs.id} ({len(compiled.columns)} value columns)")
    print()
    print(f"{'units':>7} | {'column-at-once ms':>17} | {'cell-by-cell ms':>15} | {'speed-up':>8} | {'scoring ms':>10}")
    print("-" * 72)
    for n in SIZES:
        frame = raw_frame(compiled, n)
        fast = parse_table(frame, compiled, "bench.csv")
        slow = parse_table(frame, compiled, "bench.csv", vectorised=False)
        assert np.array_equal(fast.values, slow.values, equal_nan=True), "the two readers disagree"
        assert fast.raw.equals(slow.raw), "the two readers keep different raw cells"
        fast_s = median_seconds(lambda f=frame: parse_table(f, compiled, "bench.csv"), repeats=7)
        slow_s = median_seconds(lambda f=frame: parse_table(f, compiled, "bench.csv", vectorised=False), repeats=3)
        score_s = median_seconds(lambda t=fast: score(compiled, t.values, t.units), repeats=7)
        print(
            f"{n:>7,} | {fast_s * 1e3:>17.0f} | {slow_s * 1e3:>15.0f} | {slow_s / fast_s:>7.0f}× | {score_s * 1e3:>10.1f}"
        )
    print()
    print(f"Small tables (the app reads cell by cell below {VECTORISED_FROM_ROWS} rows):")
    print(f"{'units':>7} | {'column-at-once ms':>17} | {'cell-by-cell ms':>15}")
    print("-" * 46)
    for n in SMALL_SIZES:
        frame = raw_frame(compiled, n)
        fast_s = median_seconds(lambda f=frame: parse_table(f, compiled, "bench.csv", vectorised=True), repeats=15)
        slow_s = median_seconds(lambda f=frame: parse_table(f, compiled, "bench.csv", vectorised=False), repeats=15)
        print(f"{n:>7,} | {fast_s * 1e3:>17.1f} | {slow_s * 1e3:>15.1f}")


if __name__ == "__main__":
    main()
