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
from parindex.scoring import round_half_up

RESULT_COLUMNS = ("year", "rank", "province", "par_index_pct", "note", "source")
PREFIXES = ("Tỉnh ", "Thành phố ", "TP. ", "tỉnh ", "thành phố ")


CITIES = ("Hà Nội", "Hải Phòng", "Đà Nẵng", "TP Hồ Chí Minh", "Cần Thơ", "Huế")  # centrally-run cities


def official_name(province: str) -> str:
    """``Long An`` → ``Tỉnh Long An``, ``TP Hồ Chí Minh`` → ``Thành phố Hồ Chí Minh``: the name a heading prints."""
    name = national_name(province)
    if name in CITIES:
        return "Thành phố " + name.removeprefix("TP ")
    return f"Tỉnh {name}"


def national_name(province: str) -> str:
    """``Tỉnh Long An`` → ``Long An``: published tables name provinces without the prefix."""
    name = nfc(province).strip()
    for prefix in PREFIXES:
        if name.startswith(prefix):
            name = name[len(prefix) :].strip()
            return "TP Hồ Chí Minh" if name == "Hồ Chí Minh" else name
    return name


REORGANISATION_YEAR = 2025  # from 1 July 2025: 34 provinces (Nghị quyết 202/2025/QH15), 63 before


@dataclass(frozen=True)
class NationalData:
    provinces: pd.DataFrame
    summary: pd.DataFrame
    regions: pd.DataFrame
    province_list: pd.DataFrame | None = None  # provinces.csv: province, region, province_2025, source

    def provinces_of(self, year: int) -> list[str]:
        """Every province ranked in ``year``: the 63 up to 2024, the 34 from 2025, plus any the table lists."""
        listed = self.year_table(year)["province"].tolist()
        if self.province_list is None:
            return sorted(set(listed))
        column = "province_2025" if year >= REORGANISATION_YEAR else "province"
        names = list(dict.fromkeys(self.province_list[column].tolist()))
        return names + sorted(set(listed) - set(names))

    def parts_of(self, province: str) -> list[str]:
        """The pre-2025 provinces a province of 2025 onward was formed from (itself if unchanged or unknown)."""
        if self.province_list is None:
            return [province]
        parts = self.province_list.loc[self.province_list["province_2025"] == province, "province"].tolist()
        return parts or [province]

    def successor(self, province: str) -> str:
        """The 2025 province that ``province`` (a pre-2025 one) became part of."""
        if self.province_list is None:
            return province
        match = self.province_list.loc[self.province_list["province"] == province, "province_2025"]
        return str(match.iloc[0]) if not match.empty else province

    def region_of(self, province: str) -> str | None:
        """The region ``province`` lies in (a pre-2025 province, or one of 2025 by its first part); None if unknown."""
        if self.province_list is None:
            return None
        for column in ("province", "province_2025"):
            match = self.province_list.loc[self.province_list[column] == province, "region"]
            if not match.empty:
                return str(match.iloc[0])
        return None

    def mean_of(self, year: int) -> float | None:
        """The published mean index (%) of all provinces in ``year``; None when it was not published."""
        row = self.summary[(self.summary["year"] == year) & (self.summary["level"] == "province")]
        return float(row["mean_pct"].iloc[0]) if not row.empty and pd.notna(row["mean_pct"].iloc[0]) else None

    def region_mean(self, year: int, province: str) -> float | None:
        """The published mean index (%) of ``province``'s region in ``year``; None when unknown or not published."""
        region, column = self.region_of(national_name(province)), f"mean_{year}"
        if region is None or column not in self.regions:
            return None
        found = self.regions.loc[self.regions["region"] == region, column]
        return float(found.iloc[0]) if not found.empty and pd.notna(found.iloc[0]) else None

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
    listing = folder / "provinces.csv"
    return NationalData(
        provinces=_read(folder / "results-provinces.csv"),
        summary=_read(folder / "national-summary.csv"),
        regions=_read(folder / "results-regions.csv"),
        province_list=_read(listing) if listing.exists() else None,
    )


def others_without(table: pd.DataFrame, province: str) -> pd.DataFrame:
    """The year's table without ``province``; published ranks below it move up one place."""
    mine = table[table["province"] == province]
    others = table[table["province"] != province].copy()
    if not mine.empty and pd.notna(mine["rank"].iloc[0]):
        own_rank = int(mine["rank"].iloc[0])
        others.loc[others["rank"] > own_rank, "rank"] -= 1
    return others.reset_index(drop=True)


def rank_range(others: pd.DataFrame, index: float, units: int, decimals: int = 2) -> tuple[int, int]:
    """Best and worst rank a province with ``index`` can have among ``units`` provinces.

    ``others`` holds the other provinces whose published rank and index are known (ranks among
    the others). One with a higher index at rank r puts at least r provinces above us (rank ≥ r + 1);
    one with a lower index at rank r leaves at most r − 1 above us (rank ≤ r); one with the same index
    shares its rank exactly (competition ranking). With a full table the two bounds meet. This uses
    the listed provinces only; :mod:`parindex.analysis` adds the published summary.
    """
    mine = float(round_half_up(index, decimals))
    known = others.dropna(subset=["rank", "par_index_pct"])
    above = known[known["par_index_pct"] > mine + 1e-9]
    below = known[known["par_index_pct"] < mine - 1e-9]
    best = int(above["rank"].max()) + 1 if not above.empty else 1
    worst = int(below["rank"].min()) if not below.empty else units
    tied = known[(known["par_index_pct"] - mine).abs() <= 1e-9]
    if not tied.empty:  # equal index, same rank
        best = worst = int(tied["rank"].min())
    if len(known) == units - 1:  # a full table: count exactly
        best = worst = 1 + int((known["par_index_pct"] > mine + 1e-9).sum())
    best = min(best, units)
    return best, max(best, worst)


PROVINCE_HEADERS = {"province", "tinh", "tỉnh", "tinh/thanh pho", "tỉnh, thành phố", "don vi", "đơn vị"}
INDEX_HEADERS = {"par_index_pct", "index", "chi so", "chỉ số", "par index", "diem", "điểm"}
RANK_HEADERS = {"rank", "hang", "hạng", "xep hang", "xếp hạng"}


def read_results(data: bytes, filename: str, year: int) -> pd.DataFrame:
    """A full (or partial) published table a user loads: province, index (%) and optionally rank.

    Every problem names the row and column; a table without ranks is ranked by index.
    """
    from parindex.criteria import CellError, clean_text, fold, parse_percent
    from parindex.errors import InputError, Problem
    from parindex.scoring import read_table

    frame = read_table(data, filename)
    headers = [fold(h) for h in frame.attrs["headers"]]

    def find(names: set[str]) -> int | None:
        folded = {fold(n) for n in names}
        return next((i for i, h in enumerate(headers) if h in folded), None)

    province_col, index_col, rank_col = find(PROVINCE_HEADERS), find(INDEX_HEADERS), find(RANK_HEADERS)
    problems = []
    if province_col is None:
        problems.append(Problem("missing_province_column", file=filename))
    if index_col is None:
        problems.append(Problem("missing_index_column", file=filename))
    if problems:
        raise InputError(problems)
    rows = []
    seen: dict[str, int] = {}
    for i in range(len(frame)):
        line = i + 2
        name = clean_text(frame.iat[i, province_col])
        if not name:
            problems.append(Problem("unit_blank", file=filename, row=line, column=frame.attrs["headers"][province_col]))
            continue
        if name.casefold() in seen:
            problems.append(
                Problem(
                    "unit_duplicate",
                    {"unit": name, "first": seen[name.casefold()]},
                    file=filename,
                    row=line,
                    column=frame.attrs["headers"][province_col],
                )
            )
            continue
        seen[name.casefold()] = line
        try:
            value = parse_percent(frame.iat[i, index_col])
        except CellError as error:
            problems.append(
                Problem(error.code, error.params, file=filename, row=line, column=frame.attrs["headers"][index_col])
            )
            continue
        rank = None
        if rank_col is not None and clean_text(frame.iat[i, rank_col]):
            text = clean_text(frame.iat[i, rank_col])
            if not text.isdigit() or int(text) < 1:
                problems.append(
                    Problem(
                        "value_not_whole",
                        {"value": text},
                        file=filename,
                        row=line,
                        column=frame.attrs["headers"][rank_col],
                    )
                )
                continue
            rank = int(text)
        rows.append(
            {"year": year, "rank": rank, "province": name, "par_index_pct": value, "note": "", "source": filename}
        )
    if problems:
        raise InputError(problems)
    table = pd.DataFrame(rows)
    if table.empty:
        raise InputError([Problem("empty_file", file=filename)])
    if table["rank"].isna().any():
        table["rank"] = table["par_index_pct"].rank(method="min", ascending=False).astype(int)
    return table.sort_values("rank").reset_index(drop=True)


GROUP_MINIMA = (("A", 90.0), ("B", 80.0), ("C", 70.0))  # provincial groups: A ≥ 90 %, B 80 to < 90 %, C 70 to < 80 %


def group_of(index: float) -> str:
    """The published group of a provincial index ("" below 70 % or unknown)."""
    if index is None or pd.isna(index):
        return ""
    return next((label for label, minimum in GROUP_MINIMA if index >= minimum - 1e-9), "")
