"""The one ranking rule: half-up rounding of the index, ties, units without an index; hand-computed."""

from __future__ import annotations

import math

import numpy as np
import pytest

from parindex.scoring import (
    exact_index,
    half_step,
    index_steps,
    lowest_for_rank,
    rank_among,
    rank_rows,
    rank_units,
    rank_within,
    round_half_up,
    step_at_or_above,
)

NAN = math.nan


def test_the_index_is_total_over_the_applicable_maximum_and_none_without_one():
    index = exact_index(np.array([9.0, 0.0, 3.0]), np.array([12.0, 0.0, 0.0]))
    assert index[0] == 75.0
    assert np.isnan(index[1:]).all()


@pytest.mark.parametrize(
    ("exact", "decimals", "rounded"),
    [
        (86.845, 2, 86.85),  # stored as 86.84499999…: the nudge keeps it a half, rounded up
        (86.84, 2, 86.84),
        (86.8449, 2, 86.84),
        (85.975, 2, 85.98),  # half up, not to even (85.97 would be even)
        (95.704, 2, 95.70),
        (95.696, 2, 95.70),
        (2.5, 0, 3.0),  # Python's round(2.5) is 2
        (86.85, 1, 86.9),
        (100.0, 2, 100.0),
    ],
)
def test_the_index_is_rounded_half_up(exact, decimals, rounded):
    assert float(round_half_up(exact, decimals)) == rounded


def test_rounding_counts_in_the_last_decimal_and_keeps_nan():
    assert index_steps(np.array([86.845, 86.84, 0.004]), 2).tolist() == [8685, 8684, 0]
    assert np.isnan(round_half_up(np.array([NAN]), 2)).all()


def test_the_half_step_and_the_step_a_minimum_needs():
    assert half_step(2) == pytest.approx(0.005)
    assert half_step(1) == pytest.approx(0.05)
    assert step_at_or_above(80.004, 2) == pytest.approx(80.01)
    assert step_at_or_above(80.0, 2) == pytest.approx(80.0)
    assert step_at_or_above(80.0 + 1e-12, 2) == pytest.approx(80.0)  # a hair above a step keeps it


# indexes before rounding: 86.845 and 86.8451 both show 86.85 and tie; 86.84 is below them
EXACT = [86.845, 86.84, 86.8451, NAN, 90.0, 86.84]
ROUNDED = round_half_up(np.array(EXACT), 2)


@pytest.mark.parametrize(
    ("ties", "expected"),
    [("standard", [2, 4, 2, 0, 1, 4]), ("dense", [2, 3, 2, 0, 1, 3])],
)
def test_equal_rounded_indexes_share_a_rank_and_a_unit_without_index_has_none(ties, expected):
    assert rank_within(ROUNDED, np.zeros(len(EXACT)), ties).tolist() == expected


def test_the_plain_reference_ranks_the_same_hand_computed_cases():
    valid = [x for x in EXACT if not math.isnan(x)]
    assert rank_units(valid, ["so"] * 5, 2) == [2, 4, 2, 1, 4]
    assert rank_units(valid, ["so"] * 5, 2, dense=True) == [2, 3, 2, 1, 3]


def test_ranks_are_within_each_group():
    groups = np.array(["so", "xa", "so", "xa", "so", "xa"])
    # sở: 86.85, 86.85, 90 → 2, 2, 1; xã: 86.84, none, 86.84 → 1, 0, 1
    assert rank_within(ROUNDED, groups).tolist() == [2, 1, 2, 0, 1, 1]


def test_many_runs_are_ranked_at_once_like_one_run_each():
    runs = np.array([[70.0, 80.0, 80.0, NAN], [80.0, 70.0, 60.0, 65.5]])
    groups = np.array([0, 0, 0, 1])
    assert rank_rows(runs, groups, 2).tolist() == [[3, 1, 1, 0], [1, 2, 3, 1]]
    assert rank_rows(runs, groups, 2, "dense").tolist() == [[2, 1, 1, 0], [1, 2, 3, 1]]


def test_nothing_to_rank():
    assert rank_within(np.zeros(0), np.zeros(0)).tolist() == []
    assert rank_within(np.array([NAN, NAN]), np.zeros(2)).tolist() == [0, 0]


def test_one_unit_against_the_others():
    others = np.array([90.0, 86.85, 86.85, 80.0])
    assert rank_among(86.85, others) == 2  # tied with two, one above
    assert rank_among(86.84, others) == 4
    assert rank_among(86.84, others, "dense") == 3
    assert rank_among(95.0, others) == 1


def test_the_lowest_rounded_index_for_a_rank():
    others = np.array([90.0, 86.85, 86.85, 80.0])
    assert lowest_for_rank(others, 1) == 90.0
    assert lowest_for_rank(others, 3) == 86.85  # a tie with the third of the others is enough
    assert lowest_for_rank(others, 4) == 80.0
    assert lowest_for_rank(others, 3, "dense") == 80.0  # the third distinct value
    assert lowest_for_rank(others, 5) is None  # past the others: any index
    assert lowest_for_rank(others, 4, "dense") is None


def test_an_unknown_tie_rule_is_refused():
    with pytest.raises(ValueError, match="ties"):
        rank_within(np.array([1.0]), np.zeros(1), "olympic")
