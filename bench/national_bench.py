"""Leave-one-out check of the national rank: every province with a published rank and index in data/national/.

Each one is ranked as "our province" with its own published row hidden (``--province P``) and its
published index: the certain interval must contain its published rank every time (this is also a
test), and the model's 80 % interval should contain it in at least 75 % of the cases while being at
most 9 places wide on average. The listed-only ranges (:func:`parindex.analysis.rank_range`, which
ignore the published summary) are shown for comparison. P(top K) is checked for calibration: the
Brier score and, per band of predicted probability, the mean prediction against the share observed.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from parindex.analysis import load_national, others_without, rank_for, rank_range

ROOT = Path(__file__).resolve().parent.parent
TOPS = (5, 10, 20)
BANDS = (0.0, 0.1, 0.5, 0.9, 1.0001)


def leave_one_out(folder: Path = ROOT / "data" / "national") -> pd.DataFrame:
    """One row per published (year, province): its rank and every interval computed without its row."""
    national = load_national(folder)
    rows = []
    for row in national.provinces.dropna(subset=["rank", "par_index_pct"]).itertuples():
        year, rank, index = int(row.year), int(row.rank), float(row.par_index_pct)
        result = rank_for(national, year, index, row.province)
        low, high = result.likely
        old_low, old_high = rank_range(others_without(national.year_table(year), row.province), index, result.units)
        rows.append(
            {
                "year": year,
                "province": row.province,
                "rank": rank,
                "rank_min": result.rank_min,
                "rank_max": result.rank_max,
                "likely_min": low,
                "likely_max": high,
                "most_likely": result.most_likely,
                "listed_min": old_low,
                "listed_max": old_high,
                **{f"p_top{k}": result.p_top(k) for k in TOPS},
            }
        )
    return pd.DataFrame(rows)


def summary(frame: pd.DataFrame) -> dict[str, float]:
    inside = (frame["rank_min"] <= frame["rank"]) & (frame["rank"] <= frame["rank_max"])
    likely = (frame["likely_min"] <= frame["rank"]) & (frame["rank"] <= frame["likely_max"])
    result = {
        "cases": len(frame),
        "certain_contains": float(inside.mean()),
        "certain_width": float((frame["rank_max"] - frame["rank_min"] + 1).mean()),
        "listed_only_width": float((frame["listed_max"] - frame["listed_min"] + 1).mean()),
        "likely_coverage": float(likely.mean()),
        "likely_width": float((frame["likely_max"] - frame["likely_min"] + 1).mean()),
        "most_likely_exact": float((frame["most_likely"] == frame["rank"]).mean()),
        "most_likely_mae": float((frame["most_likely"] - frame["rank"]).abs().mean()),
    }
    for k in TOPS:
        observed = (frame["rank"] <= k).astype(float)
        result[f"brier_top{k}"] = float(((frame[f"p_top{k}"] - observed) ** 2).mean())
    return result


def calibration(frame: pd.DataFrame) -> pd.DataFrame:
    """Per band of predicted P(top K), all K pooled: cases, mean prediction, share actually in the top K."""
    pooled = pd.concat(
        [pd.DataFrame({"p": frame[f"p_top{k}"], "hit": (frame["rank"] <= k).astype(float)}) for k in TOPS]
    )
    pooled["band"] = pd.cut(pooled["p"], BANDS, right=False)
    return (
        pooled.groupby("band", observed=True)
        .agg(cases=("p", "size"), predicted=("p", "mean"), observed=("hit", "mean"))
        .reset_index()
    )


def main() -> None:
    frame = leave_one_out()
    figures = summary(frame)
    print("National rank, leave-one-out over every published (rank, index) row")
    print(f"  cases: {figures['cases']}")
    print(f"  certain interval contains the published rank: {figures['certain_contains']:.0%}")
    print(
        f"  certain interval width: {figures['certain_width']:.1f} places "
        f"(listed provinces only: {figures['listed_only_width']:.1f})"
    )
    print(
        f"  80 % interval: coverage {figures['likely_coverage']:.1%}, mean width {figures['likely_width']:.1f} places"
    )
    print(
        f"  most likely rank: exact in {figures['most_likely_exact']:.0%}, mean error {figures['most_likely_mae']:.1f}"
    )
    print("  Brier score of P(top K): " + ", ".join(f"K={k}: {figures[f'brier_top{k}']:.3f}" for k in TOPS))
    print("  calibration of P(top K), K = " + ", ".join(map(str, TOPS)) + " pooled:")
    for band in calibration(frame).itertuples():
        print(f"    {band.band}: {band.cases} cases, predicted {band.predicted:.2f}, observed {band.observed:.2f}")
    misses = frame[(frame["rank"] < frame["likely_min"]) | (frame["rank"] > frame["likely_max"])]
    if not misses.empty:
        print(
            "  outside the 80 % interval: "
            + "; ".join(f"{r.year} {r.province} {r.rank} ({r.likely_min}–{r.likely_max})" for r in misses.itertuples())
        )
    assert np.all(frame["rank_min"] <= frame["rank"]) and np.all(frame["rank"] <= frame["rank_max"])


if __name__ == "__main__":
    main()
