"""Published national PAR Index results, each row with its source.

The official 63-province table is published as an image, so the shipped table is partial: only
provinces whose rank or score was reported in text. Nothing here is filled in; a user who has the
full table loads it with :func:`read_results`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from parindex.i18n import nfc

RESULT_COLUMNS = ("year", "rank", "province", "par_index_pct", "note", "source")


@dataclass(frozen=True)
class NationalData:
    provinces: pd.DataFrame
    summary: pd.DataFrame
    regions: pd.DataFrame

    def year_table(self, year: int) -> pd.DataFrame:
        return self.provinces[self.provinces["year"] == year].sort_values("rank").reset_index(drop=True)

    def is_partial(self, year: int) -> bool:
        """True unless the year's table lists as many provinces as the summary says were ranked."""
        shown = len(self.year_table(year))
        expected = self.summary[(self.summary["year"] == year) & (self.summary["level"] == "province")]["units"]
        return expected.empty or shown < int(expected.iloc[0])


def _read(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path, encoding="utf-8-sig", dtype={"note": "string", "source": "string"})
    for column in frame.columns:
        if frame[column].dtype == object or pd.api.types.is_string_dtype(frame[column]):
            frame[column] = frame[column].map(lambda v: nfc(v) if isinstance(v, str) else v)
    return frame


def load_national(folder: str | Path) -> NationalData:
    folder = Path(folder)
    return NationalData(
        provinces=_read(folder / "results-provinces.csv"),
        summary=_read(folder / "national-summary.csv"),
        regions=_read(folder / "results-regions.csv"),
    )
