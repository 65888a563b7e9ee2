"""Gap to the unit above and margin over the unit below, on the rounded index used for ranks."""

from __future__ import annotations

import numpy as np
import pytest

from parindex.scoring import field_comparison, grade_counts, rank_change, score, unit_above, unit_below
from tests.conftest import compile_text, one_field_set, score_rows

LEAF = '- {id: "a", name: a, max: 100, source: reconstructed, rule: {kind: manual}}'


@pytest.fixture(scope="module")
def compiled():
    return compile_text(one_field_set(LEAF, 100))


def scores_for(compiled, points: list[str]):
    rows = [{"unit": f"U{i}", "unit_type": "so", "a": p} for i, p in enumerate(points)]
    return score_rows(compiled, rows)


def test_points_needed_to_pass_the_unit_above(compiled):
    scores = scores_for(compiled, ["90", "85", "80"])
    above = unit_above(scores, 1)
    assert above.unit == "U0" and above.index == 90
    # 90.005 rounds to 90.01 > 90.00: 5.005 points on a 100-point maximum
    assert above.points == pytest.approx(5.005)
    assert unit_above(scores, 0) is None


def test_margin_over_the_unit_below(compiled):
    scores = scores_for(compiled, ["90", "85", "80"])
    below = unit_below(scores, 1)
    assert below.unit == "U2"
    # below 79.995 it rounds to 79.99 < 80.00 and drops a place: it can lose up to 5.005 points
    assert below.points == pytest.approx(5.005)
    assert unit_below(scores, 2) is None


def test_tied_units_are_neither_above_nor_below(compiled):
    scores = scores_for(compiled, ["90", "85", "85", "80"])
    assert scores.rank.tolist() == [1, 2, 2, 4]
    assert unit_above(scores, 1).unit == "U0"
    assert unit_below(scores, 1).unit == "U3"


def test_applying_the_gap_passes_and_losing_the_margin_drops(compiled):
    scores = scores_for(compiled, ["90", "85", "80"])
    gap, margin = unit_above(scores, 1).points, unit_below(scores, 1).points
    raised = score(compiled, np.array([[90.0], [85 + gap], [80.0]]), scores.units)
    assert raised.rank.tolist() == [2, 1, 3]
    lowered = score(compiled, np.array([[90.0], [85 - margin - 1e-6], [80.0]]), scores.units)
    assert lowered.rank.tolist() == [1, 3, 2]
    kept = score(compiled, np.array([[90.0], [85 - margin + 1e-6], [80.0]]), scores.units)
    assert kept.rank.tolist() == [1, 2, 2]  # a tie keeps the shared place


def test_field_comparison_and_grade_counts(compiled):
    scores = scores_for(compiled, ["95", "85", "75", "60"])
    fields = field_comparison(scores, 1)
    assert fields["points"].tolist() == [85] and fields["mean"].tolist() == [78.75] and fields["best"].tolist() == [95]
    assert grade_counts(scores).to_dict("list") == {"grade": ["A", "B", "C"], "units": [1, 1, 2]}


def test_rank_change_by_name(compiled):
    before = scores_for(compiled, ["90", "85", "80"])
    after = scores_for(compiled, ["70", "85", "95"])
    assert rank_change(after, before).tolist() == [-2, 0, 2]
    assert rank_change(after, None).isna().all()
