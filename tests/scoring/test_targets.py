"""Index and points needed for a rank, margin before losing a place, headroom per leaf.

The figures are worked by hand on one-leaf sets (a manual leaf worth 100 points makes points and
index the same number), then checked by re-scoring with ``score()``: the gap must be exact to the
last rounding step, at ties too.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parindex.scoring import (
    headroom,
    margin,
    points_gap_to_rank,
    rank_against,
    required_index_at_least,
    required_index_for_rank,
    required_total_for_rank,
    score,
    unit_below,
)
from tests.conftest import compile_text, one_field_set, score_rows

LEAF = '- {id: "a", name: a, max: 100, source: reconstructed, rule: {kind: manual}}'


def manual_set(ties: str = "standard", decimals: int = 2):
    return compile_text(one_field_set(LEAF, 100, extra=f"ties: {ties}\nindex_decimals: {decimals}"))


def scores_for(compiled, points: list[str]):
    return score_rows(compiled, [{"unit": f"U{i}", "unit_type": "so", "a": p} for i, p in enumerate(points)])


def rank_after_adding(scores, row: int, points: float) -> int:
    values = scores.values.copy()
    values[row, 0] += points
    return int(score(scores.compiled, values, scores.units).rank[row])


@pytest.mark.parametrize(
    ("ties", "expected"),
    [
        # others of U4: 90, 85, 85, 80 — standard: the k-th highest; dense: the k-th distinct
        ("standard", {1: 89.995, 2: 84.995, 3: 84.995, 4: 79.995, 5: 0.0}),
        ("dense", {1: 89.995, 2: 84.995, 3: 79.995, 4: 0.0, 5: 0.0}),
    ],
)
def test_required_index_for_rank_by_hand(ties, expected):
    scores = scores_for(manual_set(ties), ["90", "85", "85", "80", "70"])
    for k, index in expected.items():
        assert required_index_for_rank(scores, 4, k) == pytest.approx(index, abs=1e-12), k
        assert required_total_for_rank(scores, 4, k) == pytest.approx(index, abs=1e-12)  # max 100
        assert points_gap_to_rank(scores, 4, k) == pytest.approx(max(index - 70, 0.0), abs=1e-12)
    assert required_index_for_rank(scores, 4, 0) is None
    assert math.isnan(required_total_for_rank(scores, 4, 0))
    assert points_gap_to_rank(scores, 0, 3) == 0.0  # already first


@pytest.mark.parametrize("ties", ["standard", "dense"])
def test_the_gap_is_exact_at_ties(ties):
    scores = scores_for(manual_set(ties), ["90", "85", "85", "80", "70"])
    for k in range(1, 5):
        gap = points_gap_to_rank(scores, 4, k)
        assert rank_after_adding(scores, 4, gap + 1e-9) <= k
        if gap > 0:  # dense: rank 4 is already the unit's own
            assert rank_after_adding(scores, 4, gap - 1e-6) > k


def test_gap_uses_the_applicable_maximum_and_the_decimals():
    # a: 60 points, b: 40 points; "KAD" takes b out of the denominator. Index rounded to whole %.
    leaves = """
        - {id: "a", name: a, max: 60, source: reconstructed, rule: {kind: manual}}
        - {id: "b", name: b, max: 40, source: reconstructed, rule: {kind: manual}}
    """
    compiled = compile_text(one_field_set(leaves, 100, extra="index_decimals: 0"))
    rows = [("50", "30"), ("45", "KAD"), ("40", "35"), ("30", "KAD")]
    scores = score_rows(
        compiled, [{"unit": f"U{i}", "unit_type": "so", "a": a, "b": b} for i, (a, b) in enumerate(rows)]
    )
    assert scores.index.tolist() == [80, 75, 75, 50]
    # rank 2 needs a rounded 75, i.e. an exact 74.5 % of 60 points = 44.7 points: 14.7 more than 30
    assert required_index_for_rank(scores, 3, 2) == pytest.approx(74.5)
    assert points_gap_to_rank(scores, 3, 2) == pytest.approx(14.7)
    assert points_gap_to_rank(scores, 3, 1) == pytest.approx(79.5 * 0.6 - 30)
    for k in (1, 2):
        gap = points_gap_to_rank(scores, 3, k)
        assert rank_after_adding(scores, 3, gap + 1e-9) <= k
        assert rank_after_adding(scores, 3, gap - 1e-6) > k


@settings(max_examples=60, deadline=None)
@given(
    points=st.lists(st.integers(0, 18_000).map(lambda x: x / 200), min_size=2, max_size=7),
    decimals=st.integers(0, 2),
    ties=st.sampled_from(["standard", "dense"]),
    data=st.data(),
)
def test_the_gap_is_exact_for_any_ranking(points, decimals, ties, data):
    compiled = manual_set(ties, decimals)
    scores = score(compiled, np.array([[p] for p in points]), scores_for(compiled, ["0"] * len(points)).units)
    row = data.draw(st.integers(0, len(points) - 1))
    k = data.draw(st.integers(1, len(points)))
    gap = points_gap_to_rank(scores, row, k)
    assert rank_after_adding(scores, row, gap + 1e-9) <= k
    if gap > 1e-6:
        assert rank_after_adding(scores, row, gap - 1e-6) > k
    assert rank_against(scores, row, scores.index[row]) == scores.rank[row]


def test_required_index_at_least_lifts_to_the_next_rounding_step():
    scores = scores_for(manual_set(decimals=2), ["90", "70"])
    assert required_index_at_least(scores, 80) == pytest.approx(79.995)
    assert required_index_at_least(scores, 80.004) == pytest.approx(80.005)  # 80.004 → needs 80.01
    assert required_index_at_least(scores, 0) == 0.0


@pytest.mark.parametrize("ties", ["standard", "dense"])
def test_margin_by_hand(ties):
    scores = scores_for(manual_set(ties), ["90", "85", "85", "80"])
    # U0: nobody tied; falling into a tie with 85 keeps first place → as unit_below says
    assert margin(scores, 0) == pytest.approx(5.005)
    assert margin(scores, 0) == pytest.approx(unit_below(scores, 0).points)
    # U1 is tied with U2: any drop of its rounded index lets U2 pass
    assert margin(scores, 1) == pytest.approx(0.005)
    # U3 is last: its rank cannot get worse
    assert margin(scores, 3) == pytest.approx(80)


@pytest.mark.parametrize("ties", ["standard", "dense"])
def test_losing_the_margin_keeps_the_rank_and_a_hair_more_loses_it(ties):
    scores = scores_for(manual_set(ties), ["90", "85", "85", "80", "70"])
    for row in range(4):
        lost = margin(scores, row)
        assert rank_after_adding(scores, row, -(lost - 1e-6)) == scores.rank[row]
        assert rank_after_adding(scores, row, -(lost + 1e-6)) > scores.rank[row]


HEADROOM_LEAVES = """
- {id: "b1", name: bands, max: 2, source: reconstructed,
   rule: {kind: bands, measure: percent, bands: [{at_least: 100, share: 100}, {at_least: 95, share: 50}]}}
- {id: "l1", name: levels, max: 2, source: reconstructed,
   rule: {kind: levels, levels: [{label: Tốt, share: 100}, {label: Khá, share: 50}, {label: Kém, share: 0}]}}
- {id: "y1", name: yes/no, max: 1, source: reconstructed, rule: {kind: yes_no}}
- {id: "n1", name: linear, max: 2, source: reconstructed, rule: {kind: linear, measure: percent, zero_at: 50, full_at: 100}}
- {id: "c1", name: count, max: 2, source: reconstructed, rule: {kind: count, per_item: 0.5, cap: 1.5}}
- {id: "d1", name: deduction, max: 1, source: reconstructed, rule: {kind: deduction, per_violation: 0.5}}
- {id: "s1", name: survey, max: 2, source: reconstructed, rule: {kind: survey}}
- {id: "m1", name: manual, max: 1, source: reconstructed, rule: {kind: manual}}
- {id: "k1", name: not applicable, max: 1, source: reconstructed, rule: {kind: yes_no}}
"""
HEADROOM_ROW = {
    "unit": "U0",
    "unit_type": "so",
    "b1": "96",
    "l1": "Kém",
    "y1": "không",
    "n1": "75",
    "c1": "1",
    "d1": "3",
    "s1": "80",
    "m1": "0,5",
    "k1": "KAD",
}


@pytest.fixture(scope="module")
def kinds_set():
    return compile_text(one_field_set(HEADROOM_LEAVES, 14))


def test_headroom_by_hand(kinds_set):
    scores = score_rows(kinds_set, [HEADROOM_ROW])
    frame = headroom(scores, 0).set_index("id")
    assert frame["points"].tolist() == pytest.approx([1, 0, 0, 1, 0.5, 0, 1.6, 0.5, 0])
    assert frame["available"].tolist() == pytest.approx([1, 2, 1, 1, 1, 1, 0.4, 0.5, 0])
    assert frame.loc["b1", "next"] == "từ 100 % trở lên: 2 điểm"
    assert frame.loc["l1", "next"] == "Khá: 1 điểm; Tốt: 2 điểm"
    assert frame.loc["y1", "next"] == "có: 1 điểm"
    assert frame.loc["n1", "next"] == "từ 100 % trở lên: 2 điểm"
    assert frame.loc["c1", "next"] == "3: 1,5 điểm"  # three items reach the cap of 1.5
    assert frame.loc["d1", "next"] == "0: 1 điểm"
    assert frame.loc["s1", "next"] == "100 %: 2 điểm"
    assert frame.loc["m1", "next"] == "1: 1 điểm"
    assert frame.loc["k1", "next"] == "" and not frame.loc["k1", "applicable"]
    assert frame.loc["k1", "value"] == "không áp dụng"
    assert frame.loc["l1", "steps"] == [("Khá", 1.0), ("Tốt", 2.0)]
    english = headroom(scores, 0, lang="en").set_index("id")
    assert english.loc["y1", "next"] == "yes: 1 point" and english.loc["c1", "next"] == "3: 1.5 points"
    assert english.loc["b1", "next"] == "100% or more: 2 points"


def test_headroom_is_empty_at_the_top(kinds_set):
    best = {
        **HEADROOM_ROW,
        "b1": "100",
        "l1": "Tốt",
        "y1": "có",
        "n1": "100",
        "c1": "5",
        "d1": "0",
        "s1": "100",
        "m1": "1",
    }
    frame = headroom(score_rows(kinds_set, [best]), 0)
    assert (frame["available"] == 0).all() and (frame["next"] == "").all()
