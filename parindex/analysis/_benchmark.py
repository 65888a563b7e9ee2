"""Our province across the published years: the one table the national comparison shows.

It joins the published tables (:mod:`parindex.analysis._national`) with the certain rank interval
of a year where only the index was published (:mod:`parindex.analysis._national_rank`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._national import NationalData, group_of
from ._national_rank import rank_interval, year_facts


def province_benchmark(national: NationalData, province: str, region: str | None = None) -> pd.DataFrame:
    """Our province in each published year: index, rank, national and regional mean, group, partial or not.

    One row per year with a national summary or a published row. ``rank`` is the published rank;
    where only the index was published, ``rank_low``–``rank_high`` is the certain interval of
    :func:`parindex.analysis.rank_interval` (listed provinces and the year's summary). ``partial`` says the year's table does not list every province, so
    anything not published stays blank rather than filled in.
    """
    summary = national.summary[national.summary["level"] == "province"]
    years = sorted(set(summary["year"].astype(int)) | set(national.provinces["year"].astype(int)))
    rows = []
    for year in years:
        table = national.year_table(year)
        mine = table[table["province"] == province]
        facts = summary[summary["year"] == year]
        units = (
            int(facts["units"].iloc[0])
            if not facts.empty
            else int(max(len(table), table["rank"].max(skipna=True) or 0))
        )
        index = (
            float(mine["par_index_pct"].iloc[0])
            if not mine.empty and pd.notna(mine["par_index_pct"].iloc[0])
            else np.nan
        )
        rank = int(mine["rank"].iloc[0]) if not mine.empty and pd.notna(mine["rank"].iloc[0]) else None
        low = high = rank
        if rank is None and not np.isnan(index):
            low, high, _ = rank_interval(year_facts(national, year, province), index)
        region_mean = np.nan
        column = f"mean_{year}"
        if region and column in national.regions:
            match = national.regions.loc[national.regions["region"] == region, column]
            region_mean = float(match.iloc[0]) if not match.empty and pd.notna(match.iloc[0]) else np.nan
        mean = float(facts["mean_pct"].iloc[0]) if not facts.empty and pd.notna(facts["mean_pct"].iloc[0]) else np.nan
        rows.append(
            {
                "year": year,
                "index": index,
                "rank": rank,
                "rank_low": low,
                "rank_high": high,
                "units": units,
                "national_mean": mean,
                "region_mean": region_mean,
                "above_mean": index - mean,
                "group": group_of(index),
                "partial": national.is_partial(year),
                "source": str(mine["source"].iloc[0]) if not mine.empty and pd.notna(mine["source"].iloc[0]) else "",
                "note": str(mine["note"].iloc[0]) if not mine.empty and pd.notna(mine["note"].iloc[0]) else "",
            }
        )
    frame = pd.DataFrame(rows)
    for column in ("rank", "rank_low", "rank_high"):
        frame[column] = frame[column].astype("Int64")
    return frame
