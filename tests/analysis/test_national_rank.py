"""National rank from everything published: hand-worked certain intervals, the model's fit, the command."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from parindex.analysis import (
    NationalData,
    expected_summary,
    index_for_top,
    load_national,
    national_rank,
    others_without,
    rank_for,
    rank_interval,
    rank_range,
    year_facts,
)
from parindex.cli import main
from tests.conftest import DATA

SUMMARY_COLUMNS = [
    "year",
    "level",
    "units",
    "mean_pct",
    "group_a_ge90",
    "group_b_80_90",
    "group_c_70_80",
    "top",
    "top_pct",
    "bottom",
    "bottom_pct",
    "source",
]


@pytest.fixture(scope="module")
def national():
    return load_national(DATA / "national")


def toy(rows, units, mean=None, groups=(None, None, None), top=(None, None)) -> NationalData:
    """A made-up year 2030 with ``rows`` = [(rank, province, index)] and a summary."""
    provinces = pd.DataFrame(
        [{"year": 2030, "rank": r, "province": p, "par_index_pct": v, "note": "", "source": "toy"} for r, p, v in rows]
    )
    summary = pd.DataFrame(
        [[2030, "province", units, mean, *groups, top[0], top[1], None, None, "toy"]], columns=SUMMARY_COLUMNS
    )
    return NationalData(provinces=provinces, summary=summary, regions=pd.DataFrame({"region": []}))


def test_equal_index_shares_the_listed_rank(national):
    # Đà Nẵng is 12th at 88,68: exactly 11 provinces are above 88,68, so 88,68 is 12th (competition ranking)
    assert rank_interval(year_facts(national, 2023), 88.68)[:2] == (12, 12)
    # Bà Rịa - Vũng Tàu 5th at 91,03, Bắc Giang 4th at 91,16: 91,04 lies between them, 5th
    assert rank_interval(year_facts(national, 2023), 91.04)[:2] == (5, 5)


def test_the_old_listed_only_range_is_exact_on_a_tie(national):
    others = others_without(national.year_table(2023), "TP Hồ Chí Minh")
    assert rank_range(others, 88.68, 63) == (12, 12)  # was 12–17: the tie with Đà Nẵng was not used


def test_partial_year_hand_worked(national):
    facts = year_facts(national, 2023, "TP Hồ Chí Minh")
    # Nam Định 29th at 87,32: 28 above it, and it is above 86,97 → at least 29 above us → rank ≥ 30.
    # Cần Thơ 42nd at 86,15: 41 above it, we are one of them → at most 40 others above us → rank ≤ 41.
    assert rank_interval(facts, 86.97)[:2] == (30, 41)
    # group A has 7 provinces, 6 listed (91,03…92,18 and 90,76): with 90,50 we are the 7th one → rank 7
    assert rank_interval(facts, 90.50)[:2] == (7, 7)
    # 88,80: 7 in A above us (6 listed, 1 unknown). Ninh Bình is 11th at 88,72: 10 above it = the 7 in A, us
    # and 2 unknowns in 88,73…89,99, either side of us → rank 8…10
    assert rank_interval(facts, 88.80)[:2] == (8, 10)


def test_group_counts_and_mean_hand_worked():
    data = toy([(1, "A", 95.0)], units=10, mean=86.0, groups=(3, 7, 0), top=("A", 95.0))
    facts = year_facts(data, 2030, "Z")
    # 89,99: the 3 in group A are above us, nobody in B can be → exactly 4th
    assert rank_interval(facts, 89.99)[:2] == (4, 4)
    # 89,00: the six other B provinces hold 860,00 − 95,00 − 89,00 − (A's two, 180,00…190,00) ± 0,10 ≤ 496,10;
    # k of them above 89,00 need ≥ 480,00 + 9,01·k → k ≤ 1: 4th or 5th
    assert rank_interval(facts, 89.0)[:2] == (4, 5)
    # 91,00: we are one of the 3 in A with A (95,00); the third may be above or below us
    assert rank_interval(facts, 91.0)[:2] == (2, 3)
    # 85,00: A's three above; six unknowns in 80,00…89,99 holding 860,00 − 95,00 − 85,00 − (A's two unknowns,
    # 180,00…190,00) ± 0,10 ≤ 500,10; k of them above 85,00 need ≥ 480,00 + 5,01·k → k ≤ 4: rank 4…8
    # (without the mean it would be 4…10)
    assert rank_interval(facts, 85.0)[:2] == (4, 8)
    without_mean = toy([(1, "A", 95.0)], units=10, groups=(3, 7, 0), top=("A", 95.0))
    assert rank_interval(year_facts(without_mean, 2030, "Z"), 85.0)[:2] == (4, 10)


def test_a_full_table_is_exact_whatever_the_index():
    data = toy([(1, "A", 95.0), (2, "B", 90.0), (2, "C", 90.0), (4, "D", 80.0)], units=4)
    facts = year_facts(data, 2030, "D")
    assert rank_interval(facts, 90.0)[:2] == (2, 2)  # tied with B and C
    assert rank_interval(facts, 91.0)[:2] == (2, 2)  # contradicts D's published place: others still known
    assert rank_interval(facts, 85.0)[:2] == (4, 4)
    assert rank_interval(facts, 99.0)[:2] == (1, 1)
    result = national_rank(facts, 91.0)
    assert result.probabilities == {2: 1.0} and result.likely == (2, 2)


def test_the_model_reproduces_the_published_mean_and_group_counts(national):
    for year, index in ((2023, 86.0), (2023, 91.0), (2024, 88.0), (2022, 84.0)):
        summary = national.summary[(national.summary["year"] == year) & (national.summary["level"] == "province")]
        facts = summary.iloc[0]
        expected = expected_summary(year_facts(national, year), index)
        assert math.isclose(expected["mean"], facts["mean_pct"], abs_tol=0.005)
        for column in ("group_a_ge90", "group_b_80_90", "group_c_70_80"):
            assert math.isclose(expected[column], facts[column], abs_tol=1e-6)


def test_probabilities_stay_inside_the_certain_interval_and_rise_with_the_index(national):
    facts = year_facts(national, 2023, "Long An")
    previous = -1.0
    for index in (84.0, 86.0, 87.5, 88.5, 89.0, 90.0, 91.0):
        result = national_rank(facts, index)
        assert math.isclose(sum(result.probabilities.values()), 1.0)
        assert min(result.probabilities) >= result.rank_min and max(result.probabilities) <= result.rank_max
        assert result.rank_min <= result.likely[0] <= result.most_likely <= result.rank_max
        assert result.p_top(10) >= previous - 1e-9
        previous = result.p_top(10)


def test_every_published_rank_lies_in_its_certain_interval_with_its_own_row_hidden(national):
    for row in national.provinces.dropna(subset=["rank", "par_index_pct"]).itertuples():
        result = rank_for(national, int(row.year), float(row.par_index_pct), row.province)
        assert result.rank_min <= int(row.rank) <= result.rank_max, (row.year, row.province)


def test_index_for_top_is_the_lowest_index_that_is_sure_enough(national):
    index = index_for_top(national, 2023, 10, 0.8, "Long An")
    facts = year_facts(national, 2023, "Long An")
    assert national_rank(facts, index).p_top(10) >= 0.8 > national_rank(facts, index - 0.01).p_top(10)
    assert 88.0 < index < 90.76  # 10 provinces are above 88,72 (Ninh Bình 11th); 6 are above 90,76


def test_command_prints_the_intervals_and_json(capsys):
    assert main(["national-rank", "--year", "2023", "--index", "88.68"]) == 0
    out = capsys.readouterr().out
    assert "Hạng chắc chắn: 12" in out and "top 10" in out
    assert main(["national-rank", "--year", "2023", "--index", "86.15", "--province", "Cần Thơ", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"rank_min", "rank_max", "likely_min", "likely_max", "most_likely", "p_top"} <= set(data)
    assert data["rank_min"] <= 42 <= data["rank_max"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--index", "nan"], "Chỉ số nan không hợp lệ"),
        (["--index", "-1"], "Chỉ số -1.0 không hợp lệ"),
        (["--index", "100.5"], "Chỉ số 100.5 không hợp lệ"),
        (["--index", "88", "--year", "2019"], "Không có kết quả công bố cho năm 2019"),
        (["--index", "88", "--province", "Long Ann"], "Không có tỉnh 'Long Ann' trong năm 2023. Gần giống: Long An"),
        (["--index", "88", "--top", "0"], "K = 0 không hợp lệ"),
    ],
)
def test_command_refuses_bad_input_with_exit_2(capsys, args, message):
    if "--year" not in args:
        args = [*args, "--year", "2023"]
    assert main(["national-rank", *args]) == 2
    captured = capsys.readouterr()
    assert message in captured.err and "Traceback" not in captured.err


def test_every_province_of_every_year(national):
    assert len(national.provinces_of(2023)) == 63 and "Long An" in national.provinces_of(2023)
    after = national.provinces_of(2025)
    assert len(after) == 34 and "Long An" not in after and "Tây Ninh" in after
    assert set(national.parts_of("Tây Ninh")) == {"Tây Ninh", "Long An"}
    assert national.successor("Long An") == "Tây Ninh"
    listing = national.province_list
    assert listing["source"].notna().all() and listing["province"].is_unique


def full_2023_table(national) -> pd.DataFrame:
    """The 14 published rows of 2023 and 49 made-up ones in their gaps: a full 63-province table for the test."""
    known = national.year_table(2023)[["rank", "province", "par_index_pct"]]
    filler = {7: 90.10, 8: 89.50, 9: 89.00, 10: 88.80, 13: 88.60, 14: 88.55, 15: 88.50, 16: 88.45}
    filler |= {rank: round(88.30 - 0.1 * i, 2) for i, rank in enumerate(range(19, 29))}
    filler |= {30: 87.20, 31: 87.10, 32: 87.00}
    filler |= {rank: round(86.90 - 0.1 * i, 2) for i, rank in enumerate(range(34, 42))}
    filler |= {rank: round(86.00 - 0.2 * i, 2) for i, rank in enumerate(range(43, 63))}
    made_up = pd.DataFrame(
        {"rank": list(filler), "province": [f"Tỉnh {r}" for r in filler], "par_index_pct": list(filler.values())}
    )
    return pd.concat([known, made_up]).sort_values("rank").reset_index(drop=True)


def test_an_uploaded_full_table_gives_exact_ranks(national, tmp_path, capsys):
    table = full_2023_table(national)
    assert len(table) == 63 and table["par_index_pct"].is_monotonic_decreasing
    path = tmp_path / "bang-2023.csv"
    table.rename(columns={"province": "Tỉnh", "par_index_pct": "Chỉ số", "rank": "Hạng"}).to_csv(path, index=False)
    # 88,00 ties the made-up 22nd (21 above it); 99,00 is above everyone (it contradicts the published top)
    for index, expected in ((86.15, 42), (88.00, 22), (99.0, 1)):
        args = ["national-rank", "--year", "2023", "--index", str(index), "--province", "Cần Thơ", "--table", str(path)]
        assert main([*args, "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert data["rank_min"] == data["rank_max"] == data["most_likely"] == expected, index
