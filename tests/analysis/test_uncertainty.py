"""Monte Carlo rank uncertainty: known structure, hand-computed adjustments, reproducibility, invariants."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parindex.analysis import (
    AppraisalAdjustments,
    Uncertainty,
    expected_cut,
    learn_adjustments,
    sensitivity,
    simulate,
)
from parindex.scoring import rank_rows, rank_within, score_files
from tests.analysis_sets import manual_set, score_matrix
from tests.conftest import DATA, INDICATORS

EVERYTHING = dict(respondents=30, weight_spread=0.25)


@pytest.fixture(scope="module")
def sample_scores():
    scores, _ = score_files(INDICATORS / "so-2025.yaml", DATA / "sample" / "so-2025-so-2026.csv")
    return scores


def test_without_uncertainty_every_interval_collapses_to_the_rank(sample_scores):
    result = simulate(sample_scores, Uncertainty(), runs=50, seed=1)
    assert result.sources == ()
    for ranks in (result.median, result.low, result.high):
        assert ranks.tolist() == sample_scores.rank.tolist()
    assert result.p_top(5).tolist() == (sample_scores.rank <= 5).astype(float).tolist()


def test_zero_chances_and_huge_samples_also_collapse(sample_scores):
    """Sources switched on but with nothing to move: still exactly the ranks score() gave."""
    adjust = AppraisalAdjustments.default(sample_scores.compiled, chance=0.0)
    result = simulate(sample_scores, Uncertainty(appraisal=adjust), runs=20, seed=2)
    assert result.median.tolist() == result.high.tolist() == sample_scores.rank.tolist()


def test_same_seed_same_result_whatever_the_batch(sample_scores):
    model = Uncertainty(appraisal=AppraisalAdjustments.default(sample_scores.compiled), **EVERYTHING)
    first = simulate(sample_scores, model, runs=300, seed=7)
    again = simulate(sample_scores, model, runs=300, seed=7, batch=37)
    other = simulate(sample_scores, model, runs=300, seed=8)
    assert np.array_equal(first.counts, again.counts)
    assert not np.array_equal(first.counts, other.counts)
    assert first.counts.sum(axis=1).tolist() == [300] * len(sample_scores)


def test_a_unit_surveyed_on_few_people_gets_a_wider_interval():
    compiled = manual_set(fields=1, leaves=1, leaf_max=50.0, survey=1, set_id="w")
    n = 12
    values = np.column_stack([np.linspace(20, 42, n), np.full(n, 80.0)])  # indexes 2 points apart
    scores = score_matrix(compiled, values)
    respondents = np.full(values.shape, 100_000.0)
    noisy = 5
    respondents[noisy] = 8  # sd of its share ≈ 14 % → ± 7 points
    result = simulate(scores, Uncertainty(respondents=respondents), runs=2000, seed=3)
    width = result.high - result.low
    assert width[noisy] >= 4
    assert width[noisy] > np.delete(width, noisy).max()
    assert 0 < result.p_top(3)[noisy] < 0.5


def test_settled_values_are_not_adjusted_again():
    compiled = manual_set(fields=2, leaves=3)
    rng = np.random.default_rng(0)
    values = rng.uniform(6, 10, size=(10, 6))
    scores = score_matrix(compiled, values)
    settled = np.ones(values.shape, dtype=bool)
    settled[4] = False  # only unit 5 is still self-assessed
    adjust = AppraisalAdjustments.default(compiled, chance=0.5, share=0.5)
    result = simulate(scores, Uncertainty(appraisal=adjust, settled=settled), runs=500, seed=4)
    width = result.high - result.low
    assert width[4] > 0
    assert (result.rank[4] <= result.high[4]) and (result.high[4] > result.rank[4])  # cuts only push it down
    others = np.delete(np.arange(10), 4)
    assert np.all(width[others] <= 1)  # they move only when unit 5 falls past them


def test_learned_adjustments_by_hand():
    compiled = manual_set(fields=1, leaves=2)
    pairs = pd.DataFrame(
        {
            "leaf_id": ["1.1"] * 10 + ["9.9"],
            "self_points": [10.0] * 10 + [5.0],
            "appraised_points": [6.0] * 5 + [10.0] * 5 + [0.0],  # five cuts of 40 %; an unknown leaf is ignored
        }
    )
    learned = learn_adjustments(pairs, compiled, default_chance=0.15, default_share=0.5, prior_pairs=10)
    # chance = (5 + 10·0.15) / (10 + 10) = 0.325; share = (5·0.4 + 1.5·0.5) / (5 + 1.5) = 2.75 / 6.5
    assert learned.chance[0] == pytest.approx(0.325)
    assert learned.share[0] == pytest.approx(2.75 / 6.5)
    assert learned.pairs.tolist() == [10, 0]
    assert learned.chance[1] == pytest.approx(0.15) and learned.share[1] == pytest.approx(0.5)  # no history


def test_expected_cut_by_hand():
    compiled = manual_set(fields=1, leaves=2)
    scores = score_matrix(compiled, np.array([[10.0, 4.0], [0.0, 8.0]]))
    adjust = AppraisalAdjustments(chance=np.array([0.5, 0.25]), share=np.array([0.4, 1.0]), pairs=np.zeros(2, int))
    # unit 1: 10·0.5·0.4 + 4·0.25·1 = 3; unit 2: 8·0.25 = 2
    assert expected_cut(scores, adjust).tolist() == pytest.approx([3.0, 2.0])


def test_drawn_cuts_have_the_stated_mean():
    """With one unit the index change averages chance × share × points."""
    compiled = manual_set(fields=1, leaves=4)
    scores = score_matrix(compiled, np.full((1, 4), 10.0))
    adjust = AppraisalAdjustments(chance=np.full(4, 0.3), share=np.full(4, 0.7), pairs=np.zeros(4, int))
    from parindex.analysis._uncertainty import _draw, _generators, _indexes, _prepare

    model = _prepare(scores, Uncertainty(appraisal=adjust))
    index = _indexes(model, _draw(model, _generators(5)[0], 20_000), 20_000)
    assert index.mean() == pytest.approx(100 * (1 - 0.3 * 0.7), abs=0.3)
    assert index.min() >= 0 and index.max() <= 100


def test_the_dominant_source_has_the_largest_sensitivity(sample_scores):
    adjust = AppraisalAdjustments.default(sample_scores.compiled, chance=0.5, share=0.8)
    indices = sensitivity(sample_scores, Uncertainty(appraisal=adjust, respondents=100_000), runs=400, seed=1)
    by_source = indices.set_index("source")
    assert list(by_source.index) == ["appraisal", "survey"]
    assert by_source.loc["appraisal", "first_order"] > 0.6
    assert by_source.loc["survey", "first_order"] < 0.1
    assert by_source.loc["survey", "total"] < by_source.loc["appraisal", "total"]


def test_sensitivity_without_sources_is_empty(sample_scores):
    assert sensitivity(sample_scores, Uncertainty(), runs=10).empty


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.integers(0, 6), min_size=1, max_size=9), min_size=1, max_size=5).filter(
        lambda rows: len({len(r) for r in rows}) == 1
    ),
    st.lists(st.integers(0, 2), min_size=9, max_size=9),
    st.sampled_from(["standard", "dense"]),
)
def test_batched_ranks_equal_rank_within(rows, groups, ties):
    index = np.array(rows, dtype=float) * 0.5
    index[index == 3.0] = np.nan  # some units without an index
    codes = np.array(groups[: index.shape[1]])
    expected = np.array([rank_within(row, codes, ties) for row in index])
    assert np.array_equal(rank_rows(index, codes, 2, ties), expected)


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000), st.floats(0.05, 0.9), st.integers(2, 30))
def test_intervals_contain_the_median_and_top_k_grows_with_k(seed, chance, respondents):
    compiled = manual_set(fields=2, leaves=2, survey=1)
    rng = np.random.default_rng(seed)
    values = np.column_stack([rng.uniform(0, 10, size=(8, 4)), rng.uniform(40, 100, size=8)])
    scores = score_matrix(compiled, values)
    model = Uncertainty(AppraisalAdjustments.default(compiled, chance=chance), respondents, weight_spread=0.2)
    result = simulate(scores, model, runs=120, seed=seed)
    assert np.all(result.low <= result.median) and np.all(result.median <= result.high)
    assert np.all((result.low >= 1) & (result.high <= len(scores)))
    tops = np.array([result.p_top(k) for k in range(1, len(scores) + 1)])
    assert np.all(np.diff(tops, axis=0) >= 0)
    assert np.allclose(tops[-1], 1.0)
