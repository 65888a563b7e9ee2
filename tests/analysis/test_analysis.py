"""Groups, drivers, over-claiming, change across years, national benchmark: known structure and hand-computed cases."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parindex import db

# ---------------------------------------------------------------- groups
from parindex.accounts import Actor
from parindex.analysis import (
    AppraisalAdjustments,
    NationalData,
    after_appraisal,
    after_appraisal_text,
    appraisal_pairs,
    by_leaf,
    by_unit,
    by_year,
    correlation_pairs,
    field_correlations,
    find_groups,
    group_of,
    load_national,
    pca_map,
    points_of,
    province_benchmark,
    round_uncertainty_inputs,
    top_drivers,
)
from parindex.rounds import ensure_unit, open_round, round_set, set_value
from parindex.scoring import decompose
from tests.analysis_sets import manual_set, score_matrix
from tests.conftest import DATA, INDICATORS

STAFF = Actor.system("kiem-thu")


def planted(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """30 units in three planted profiles over four fields of two sub-criteria (10 points each)."""
    rng = np.random.default_rng(seed)
    profiles = np.array([[9.5, 9.5, 3, 3], [3, 3, 9.5, 9.5], [6, 6, 6, 6]])
    truth = np.repeat(np.arange(3), 10)
    per_field = profiles[truth] + rng.normal(0, 0.3, size=(30, 4))
    return np.clip(np.repeat(per_field, 2, axis=1), 0, 10), truth


@pytest.mark.parametrize("method", ["kmeans", "agglomerative"])
def test_planted_groups_are_recovered(method):
    compiled = manual_set(fields=4, leaves=2)
    values, truth = planted()
    groups = find_groups(score_matrix(compiled, values), method=method, seed=1)
    found = groups.units.set_index("unit").loc[[f"Đơn vị {i + 1:02d}" for i in range(30)], "group"].to_numpy()
    assert len(set(found)) == 3
    assert pd.crosstab(truth, found).gt(0).sum(axis=1).tolist() == [1, 1, 1]  # each planted group in one group
    assert groups.silhouettes.set_index("k")["silhouette"].idxmax() == 3
    descriptions = dict(zip(groups.summary["group"], groups.summary["description"], strict=True))
    strong_first = descriptions[found[0]]
    assert strong_first.startswith(
        ("mạnh về Lĩnh vực 1; Lĩnh vực 2 — yếu về", "mạnh về Lĩnh vực 2; Lĩnh vực 1 — yếu về")
    )
    assert strong_first.endswith(("yếu về Lĩnh vực 3; Lĩnh vực 4", "yếu về Lĩnh vực 4; Lĩnh vực 3"))
    assert descriptions[found[25]] == "gần mức chung ở mọi lĩnh vực"
    assert groups.summary["mean_index"].is_monotonic_decreasing  # group 1 is the strongest


def test_group_words_in_english():
    compiled = manual_set(fields=4, leaves=2)
    values, _ = planted()
    groups = find_groups(score_matrix(compiled, values), lang="en")
    assert any(text.startswith("strong in Field") for text in groups.summary["description"])


def test_pca_map_separates_the_planted_profiles():
    compiled = manual_set(fields=4, leaves=2)
    values, truth = planted()
    coordinates, explained = pca_map(score_matrix(compiled, values))
    assert len(coordinates) == 30 and explained[0] >= explained[1] > 0 and explained.sum() <= 1 + 1e-9
    centres = coordinates[["x", "y"]].groupby(truth).mean().to_numpy()
    spread = coordinates[["x", "y"]].groupby(truth).std().to_numpy().max()
    distances = np.linalg.norm(centres[:, None] - centres[None], axis=2)
    assert distances[np.triu_indices(3, 1)].min() > 4 * spread


# ---------------------------------------------------------------- drivers


def test_the_planted_driver_comes_first_with_its_points_at_stake():
    compiled = manual_set(fields=2, leaves=2)
    rng = np.random.default_rng(3)
    values = rng.uniform(4, 6, size=(20, 4))
    values[:, 2] = 0.0
    values[:5, 2] = 10.0  # the first five units earn sub-criterion 2.1: they are the top five
    scores = score_matrix(compiled, values)
    assert set(np.flatnonzero(scores.rank <= 5)) == set(range(5))
    drivers = top_drivers(scores, top=5, seed=0)
    first = drivers.iloc[0]
    assert first["leaf_id"] == "2.1" and first["importance"] > 0.2
    assert first["top_mean"] == 10.0 and first["rest_mean"] == 0.0 and first["at_stake"] == 10.0
    assert (drivers["importance"].iloc[1:] <= first["importance"]).all()


def test_field_correlations_by_hand():
    compiled = manual_set(fields=3, leaves=1)
    values = np.array([[1, 2, 9], [2, 4, 7], [3, 6, 8], [4, 8, 6.0]])
    correlations = field_correlations(score_matrix(compiled, values))
    assert correlations.loc["1", "2"] == pytest.approx(1.0)
    assert correlations.loc["1", "3"] == pytest.approx(-0.8)
    pairs = correlation_pairs(correlations)
    assert pairs.iloc[0][["field_a", "field_b"]].tolist() == ["1", "2"] and len(pairs) == 3


# ---------------------------------------------------------------- self-assessment against appraisal

PAIRS = pd.DataFrame(
    {
        "year": [2024, 2024, 2024, 2024, 2025, 2025],
        "unit": ["A", "A", "B", "B", "A", "B"],
        "leaf_id": ["1.1", "1.2", "1.1", "1.2", "1.1", "1.1"],
        "self_points": [2.0, 1.0, 2.0, 1.0, 2.0, 1.5],
        "appraised_points": [1.0, 1.0, 2.0, 0.5, 1.5, 1.5],
    }
)


def test_overclaim_by_sub_criterion_unit_and_year_by_hand():
    leaves = by_leaf(PAIRS).set_index("leaf_id")
    # 1.1: gaps 1, 0, 0.5, 0 → mean 0.375, two of four over-claimed; 1.2: gaps 0, 0.5 → mean 0.25
    assert leaves.index.tolist() == ["1.1", "1.2"]
    assert leaves.loc["1.1", ["pairs", "over", "mean_gap", "total_gap", "over_share"]].tolist() == [
        4,
        2,
        0.375,
        1.5,
        0.5,
    ]
    assert leaves.loc["1.2", "mean_gap"] == 0.25
    units = by_unit(PAIRS)
    assert units[["year", "unit", "claimed", "appraised", "gap", "items_cut"]].values.tolist() == [
        [2024, "A", 3.0, 2.0, 1.0, 1],
        [2024, "B", 3.0, 2.5, 0.5, 1],
        [2025, "A", 2.0, 1.5, 0.5, 1],
        [2025, "B", 1.5, 1.5, 0.0, 0],
    ]
    years = by_year(PAIRS).set_index("year")
    assert years.loc[2024, "mean_gap_per_unit"] == 0.75 and years.loc[2024, "over_share"] == 0.5
    assert years.loc[2025, "mean_gap_per_unit"] == 0.25


def test_after_appraisal_with_a_certain_cut_by_hand():
    compiled = manual_set(fields=1, leaves=2)
    # indexes: A (10+5)=75, B 70, C 65; appraisal surely removes every point of 1.1 → A 25, B (0+10)=50, C 15
    scores = score_matrix(compiled, np.array([[10, 5], [4, 10], [10, 3.0]]), ["A", "B", "C"])
    certain = AppraisalAdjustments(chance=np.array([1.0, 0.0]), share=np.array([1.0, 0.0]), pairs=np.zeros(2, int))
    result = after_appraisal(scores, certain, runs=50, seed=0).set_index("unit")
    assert result.loc["A", ["self_rank", "likely_rank", "low", "high"]].tolist() == [1, 2, 2, 2]
    assert result.loc["B", ["self_rank", "likely_rank"]].tolist() == [2, 1]
    assert result.loc["A", "expected_cut"] == 10.0 and result.loc["A", "p_drop"] == 1.0
    assert (
        after_appraisal_text(result.reset_index().iloc[0]) == "Tự chấm hạng 1 → sau thẩm định nhiều khả năng hạng 2 (2)"
    )
    row = pd.Series({"self_rank": 5, "likely_rank": 8, "low": 6, "high": 10})
    assert after_appraisal_text(row, "en") == "Self-score rank 5 → after appraisal likely 8 (6–10)"


@pytest.fixture
def session(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path / 'analysis.db'}")
    db.upgrade(engine)
    with db.sessions(engine).begin() as opened:
        yield opened
    engine.dispose()


def test_pairs_from_the_rounds_are_in_points(session):
    round_ = open_round(session, 2025, INDICATORS / "vi-du-mau.yaml", STAFF)
    compiled = round_set(round_)
    unit = ensure_unit(session, "Sở Tư pháp", "so")
    for leaf_id, raw in {"1.1.4": "hoàn thành tốt", "1.2": "có", "1.1.3": "2"}.items():
        set_value(session, round_, unit, leaf_id, raw, STAFF, compiled=compiled)
    set_value(session, round_, unit, "1.1.4", "hoàn thành", STAFF, stage="appraisal1", compiled=compiled)
    set_value(session, round_, unit, "1.2", "có", STAFF, stage="appraisal1", compiled=compiled)
    set_value(session, round_, unit, "1.2", "không", STAFF, stage="appraisal2", compiled=compiled)
    pairs = appraisal_pairs(session, STAFF, set_id="vi-du-mau", unit_type="so").set_index("leaf_id")
    # 1.1.4 (max 2): good 75 % → 1.5, appraised "completed" 50 % → 1.0; 1.2 (max 5): yes → 5, second appraisal no → 0
    assert sorted(pairs.index) == ["1.1.4", "1.2"]
    assert pairs.loc["1.1.4", ["self_points", "appraised_points"]].tolist() == [1.5, 1.0]
    assert pairs.loc["1.2", ["self_points", "appraised_points", "year", "unit"]].tolist() == [
        5.0,
        0.0,
        2025,
        "Sở Tư pháp",
    ]
    assert appraisal_pairs(session, STAFF, set_id="other").empty
    units = pd.DataFrame({"unit": ["Sở Tư pháp"], "unit_type": ["so"]})
    respondents, settled = round_uncertainty_inputs(session, round_.id, units, compiled, STAFF)
    position = compiled.column_index()
    assert settled[0, position["1.2"]] and settled[0, position["1.1.4"]] and not settled[0, position["1.1.3"]]
    assert np.isnan(respondents).all()


def test_points_of_single_values_use_each_rule():
    compiled = manual_set(fields=1, leaves=2, survey=1)
    points = points_of(compiled, np.array(["1.1", "2.1", "1.2"]), np.array([3.0, 50.0, np.nan]))
    assert points[:2].tolist() == [3.0, 5.0] and np.isnan(points[2])


# ---------------------------------------------------------------- change across years


def test_rank_change_same_set_by_hand():
    compiled = manual_set(fields=1, leaves=2, leaf_max=50)
    before = score_matrix(compiled, np.array([[50, 40], [40, 40], [35, 35.0]]), ["A", "B", "C"])  # 90, 80, 70
    after = score_matrix(compiled, np.array([[40, 35], [45, 40], [36, 36.0]]), ["A", "B", "C"])  # 75, 85, 72
    parts = decompose(before, after).set_index("unit")
    assert parts.loc["A", ["rank_before", "rank_after", "gained", "own", "others", "criteria", "units"]].tolist() == [
        1,
        2,
        -1,
        -1,
        0,
        0,
        0,
    ]
    assert parts.loc["B", ["gained", "own", "others"]].tolist() == [1, 0, 1]  # B rose because A fell
    assert parts.loc["C", ["gained", "own", "others"]].tolist() == [0, 0, 0]


def test_rank_change_with_a_new_sub_criterion_and_a_unit_gone_by_hand():
    before = score_matrix(
        manual_set(fields=1, leaves=2, leaf_max=50),
        np.array([[50, 40], [45, 40], [40, 40], [35, 35.0]]),
        ["A", "D", "B", "C"],
    )  # 90, 85, 80, 70
    after = score_matrix(
        manual_set(fields=1, leaves=3, leaf_max=50),
        np.array([[50, 40, 0], [40, 40, 20], [35, 35, 50.0]]),
        ["A", "B", "C"],
    )  # 60, 66.67, 80: the new 1.3 turns the order round
    parts = decompose(before, after).set_index("unit")
    assert parts.loc["C", ["rank_before", "rank_after", "gained", "own", "others", "criteria", "units"]].tolist() == [
        4,
        1,
        3,
        0,
        0,
        2,
        1,
    ]
    assert parts.loc["A", ["gained", "criteria", "units", "own", "others"]].tolist() == [-2, -2, 0, 0, 0]
    assert "D" not in parts.index


def test_rank_change_with_dense_ties_by_hand():
    """A set that ranks ties densely (90, 90, 80 → 1, 1, 2): the same units under the same set change rank only
    by their own points and the others', never by "units" or "criteria"."""
    compiled = manual_set(fields=1, leaves=2, leaf_max=50, ties="dense")
    before = score_matrix(compiled, np.array([[50, 40], [50, 40], [40, 40.0]]), ["A", "B", "C"])  # 90, 90, 80
    after = score_matrix(compiled, np.array([[50, 40], [45, 40], [45, 40.0]]), ["A", "B", "C"])  # 90, 85, 85
    parts = decompose(before, after).set_index("unit")
    columns = ["rank_before", "rank_after", "gained", "own", "others", "criteria", "units"]
    assert parts.loc["A", columns].tolist() == [1, 1, 0, 0, 0, 0, 0]
    assert parts.loc["B", columns].tolist() == [1, 2, -1, -1, 0, 0, 0]
    # C alone at 85 would be second among the earlier 90, 90 (one distinct index above); B's fall costs C nothing
    assert parts.loc["C", columns].tolist() == [2, 2, 0, 0, 0, 0, 0]


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 9), st.integers(0, 10_000), st.booleans(), st.sampled_from(["standard", "dense"]))
def test_rank_change_parts_add_up(n, seed, same_set, ties):
    rng = np.random.default_rng(seed)
    names = [f"U{i}" for i in range(n)]
    first_set = manual_set(fields=2, leaves=2, ties=ties)
    before = score_matrix(first_set, rng.integers(0, 11, size=(n, 4)).astype(float), names)
    later_set = first_set if same_set else manual_set(fields=2, leaves=3, ties=ties)
    keep = rng.permutation(n)[: max(1, n - int(rng.integers(0, 2)))]
    values = rng.integers(0, 11, size=(keep.size, 4 if same_set else 6)).astype(float)
    after = score_matrix(later_set, values, [names[i] for i in keep])
    parts = decompose(before, after)
    assert (parts["own"] + parts["others"] + parts["criteria"] + parts["units"] == parts["gained"]).all()
    if same_set and keep.size == n:
        assert (parts["criteria"] == 0).all() and (parts["units"] == 0).all()


# ---------------------------------------------------------------- national benchmark


def test_national_benchmark_of_a_published_province():
    national = load_national(DATA / "national")
    rows = province_benchmark(national, "TP Hồ Chí Minh", "Đông Nam Bộ").set_index("year")
    row = rows.loc[2023]
    assert (row["index"], row["rank"], row["national_mean"], row["region_mean"], row["group"]) == (
        86.97,
        33,
        86.98,
        87.79,
        "B",
    )
    assert row["above_mean"] == pytest.approx(-0.01) and bool(row["partial"])
    assert pd.isna(rows.loc[2024, "index"]) and pd.isna(rows.loc[2024, "rank"])  # not published: left blank
    assert rows.loc[2021, "units"] == 63
    long_an = province_benchmark(national, "Long An").set_index("year")
    assert long_an.loc[2022, "rank"] == 8 and pd.isna(long_an.loc[2022, "index"]) and long_an.loc[2022, "group"] == ""


def test_national_benchmark_gives_a_rank_range_when_only_the_index_is_known():
    provinces = pd.DataFrame(
        {
            "year": [2030] * 3,
            "rank": [1, None, 5],
            "province": ["X", "Ours", "Y"],
            "par_index_pct": [95, 91, 85],
            "note": "",
            "source": "s",
        }
    )
    summary = pd.DataFrame({"year": [2030], "level": ["province"], "units": [10], "mean_pct": [88.0]})
    national = NationalData(provinces, summary, pd.DataFrame({"region": []}))
    row = province_benchmark(national, "Ours").iloc[0]
    # Y is 5th at 85: 4 provinces above 85 are X, us and two unknowns, so at most 3 others are above us (≤ 4th).
    # The mean (880,00 ± 0,10 for 10) leaves 609 for the 7 unknowns; with both of those two at ≤ 91 and the other
    # five ≤ 85 they hold at most 607, so at least one is above us (≥ 3rd). (Listed provinces alone: 2–5.)
    assert (row["rank_low"], row["rank_high"], row["group"], bool(row["partial"])) == (3, 4, "A", True)
    assert [group_of(v) for v in (90, 89.99, 70, 69.9)] == ["A", "B", "C", ""]
