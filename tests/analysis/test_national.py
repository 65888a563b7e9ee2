"""Published national results: kept with their sources, partial tables give rank ranges."""

from __future__ import annotations

import pandas as pd
import pytest

from parindex.analysis import load_national, others_without, rank_range, read_results
from parindex.errors import InputError
from tests.conftest import DATA


@pytest.fixture(scope="module")
def national():
    return load_national(DATA / "national")


def test_every_row_keeps_its_source_and_nothing_is_invented(national):
    assert national.provinces["source"].notna().all()
    long_an = national.provinces[(national.provinces["year"] == 2022) & (national.provinces["province"] == "Long An")]
    assert long_an["rank"].item() == 8 and pd.isna(long_an["par_index_pct"].item())
    assert national.is_partial(2023)


def test_rank_range_from_a_partial_table(national):
    others = others_without(national.year_table(2023), "TP Hồ Chí Minh")
    # known above 86.97: rank 29 Nam Định (87.32) → at least 30th; known below: Cần Thơ 86.15 moved to 41 → at most 41st
    assert rank_range(others, 86.97, 63) == (30, 41)
    assert rank_range(others, 92.5, 63) == (1, 1)
    assert rank_range(others, 80.0, 63) == (63, 63)  # below An Giang, last (62nd once HCMC is taken out)


def test_rank_from_a_full_table_is_exact():
    table = pd.DataFrame({"rank": [1, 2, 3, 4], "province": list("ABCD"), "par_index_pct": [95.0, 90.0, 90.0, 80.0]})
    others = others_without(table, "D")
    assert rank_range(others, 90.0, 4) == (2, 2)  # ties share the place
    assert rank_range(others, 91.0, 4) == (2, 2)
    assert rank_range(others, 85.0, 4) == (4, 4)


def test_read_a_full_table_with_row_level_problems():
    good = 'Tỉnh,Chỉ số\nA,"91,5"\nB,88.2%\nC,90\n'.encode()
    table = read_results(good, "full.csv", 2024)
    assert table["province"].tolist() == ["A", "C", "B"] and table["rank"].tolist() == [1, 2, 3]
    bad = "Tỉnh,Chỉ số\nA,chín mươi\nA,80\n".encode()
    with pytest.raises(InputError) as caught:
        read_results(bad, "bad.csv", 2024)
    rendered = [p.render("vi") for p in caught.value.problems]
    assert rendered[0].startswith("bad.csv: dòng 2, cột Chỉ số:") and "dòng 3" in rendered[1]
    with pytest.raises(InputError):
        read_results(b"name,score\nA,1\n", "x.csv", 2024)


def test_a_province_s_region_comes_from_the_province_list(national):
    assert national.region_of("Long An") == "Đồng bằng sông Cửu Long"
    assert national.region_of("Tây Ninh") == "Đông Nam Bộ"  # listed as a province before 2025 as well
    assert national.region_of("Tỉnh Bình An (giả định)") is None


def test_published_means_of_a_year_and_of_a_province_s_region(national):
    assert national.mean_of(2023) == 86.98 and national.mean_of(2021) is None  # 2021 has no summary
    # Long An lies in Đồng bằng sông Cửu Long: 85,42 in 2023, nothing published for 2022
    assert national.region_mean(2023, "Tỉnh Long An") == 85.42 and national.region_mean(2022, "Long An") is None
    assert national.region_mean(2024, "Hà Nội") == 90.17  # Đồng bằng sông Hồng
    assert national.region_mean(2021, "Long An") is None and national.region_mean(2023, "Bình An") is None
