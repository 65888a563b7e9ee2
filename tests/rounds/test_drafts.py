"""Self-assessment drafts: blanks allowed, the index as a range and an estimate with every filled value marked."""

from __future__ import annotations

import math

from parindex.criteria import load_criteria_set
from parindex.rounds import draft_index
from tests.conftest import INDICATORS
from tests.rounds.test_rounds import engine  # noqa: F401  (the SQLite and PostgreSQL fixture)

SET = load_criteria_set(INDICATORS / "vi-du-mau.yaml")  # maxima 2, 2, 1, 2, 5 (field 1); 4, survey 4 (field 2)


def test_range_and_estimate_hand_worked():
    entries = {"1.2": "có", "1.1.4": "Hoàn thành tốt"}  # 5 + 0,75 × 2 = 6,5 points of 20 applicable
    result = draft_index(SET, entries, previous={"1.1.3": "0"}, national_mean=86.98)
    assert math.isclose(result.low, 6.5 / 20 * 100)  # blanks at 0
    assert math.isclose(result.high, 19.5 / 20 * 100)  # blanks at full: + 2 + 2 + 1 + 4 + 4
    rules = {f.leaf_id: f.rule for f in result.filled}
    assert rules == {
        "1.1.1": "field_share",
        "1.1.2": "field_share",
        "1.1.3": "last_year",
        "2.1.1": "overall_share",
        "2.1.2": "national_mean",
    }
    # field 1 earns 6,5 of 7 on its filled leaves; 1.1.3 last year had 0 violations (1 point); 2.1.1 takes the
    # appraisal share 6,5/7; the survey takes the national mean 86,98 % of 4
    expected = 6.5 + 4 * 6.5 / 7 + 1.0 + 4 * 6.5 / 7 + 0.8698 * 4
    assert math.isclose(result.estimate, expected / 20 * 100)
    assert result.blanks == ("1.1.1", "1.1.2", "1.1.3", "2.1.1", "2.1.2") and not result.complete


def test_a_complete_draft_has_one_index_and_bad_cells_are_problems_not_failures():
    full = {
        "1.1.1": "100%",
        "1.1.2": "1/1",
        "1.1.3": "0",
        "1.1.4": "Hoàn thành xuất sắc",
        "1.2": "có",
        "2.1.1": "KAD",
        "2.1.2": "KAD",
    }
    result = draft_index(SET, full)
    assert result.low == result.high == result.estimate == 100.0 and result.complete
    assert result.not_applicable == ("2.1.1", "2.1.2")
    broken = draft_index(SET, {**full, "1.1.1": "chín mươi"})
    assert broken.problems and broken.problems[0].column == "1.1.1" and "1.1.1" in broken.blanks


def test_an_empty_draft_is_a_full_range():
    result = draft_index(SET, {})
    assert result.low == 0.0 and result.high == 100.0 and result.estimate == 0.0
    assert {f.rule for f in result.filled} == {"none"}


def test_a_saved_draft_survives_and_is_per_user(engine):  # noqa: F811 (the imported fixture)
    import pytest

    from parindex import db
    from parindex.accounts import AccessDenied, Actor
    from parindex.rounds import load_draft, save_draft

    officer, other = Actor("canbo.noivu", "appraiser"), Actor("nguoi.khac", "admin")
    entries = {"1.2": "có", "1.1.1": "", "2.1.2": None}
    with db.sessions(engine).begin() as session:
        save_draft(session, officer, "Tỉnh Long An", "tinh", "vi-du-mau", 2023, entries)
    with db.sessions(engine).begin() as session:  # a new session: as after a reload
        assert load_draft(session, officer, "Tỉnh Long An", "tinh", "vi-du-mau", 2023) == {
            "1.2": "có",
            "1.1.1": "",
            "2.1.2": "",
        }
        assert load_draft(session, other, "Tỉnh Long An", "tinh", "vi-du-mau", 2023) is None
        save_draft(session, officer, "Tỉnh Long An", "tinh", "vi-du-mau", 2023, {"1.2": "không"})
    with db.sessions(engine).begin() as session:
        assert load_draft(session, officer, "Tỉnh Long An", "tinh", "vi-du-mau", 2023) == {"1.2": "không"}
        with pytest.raises(AccessDenied):
            save_draft(session, Actor("lanh.dao", "leader"), "Tỉnh Long An", "tinh", "vi-du-mau", 2023, {})


def test_survey_blanks_take_the_regional_mean_before_the_national_one():
    entries = {"1.2": "có", "1.1.4": "Hoàn thành tốt"}
    regional = draft_index(SET, entries, national_mean=86.98, regional_mean=85.42)
    national = draft_index(SET, entries, national_mean=86.98)
    survey = {f.leaf_id: f for f in regional.filled}["2.1.2"]
    assert survey.rule == "regional_mean" and math.isclose(survey.points, 0.8542 * 4)
    assert {f.leaf_id: f.rule for f in national.filled}["2.1.2"] == "national_mean"
    # only the survey leaf differs: 4 × (86,98 − 85,42) % = 0,0624 points of 20
    assert math.isclose(national.estimate - regional.estimate, 0.0624 / 20 * 100)
    nan = draft_index(SET, entries, national_mean=86.98, regional_mean=math.nan)  # a region without a mean
    assert {f.leaf_id: f.rule for f in nan.filled}["2.1.2"] == "national_mean"


def test_value_for_points_is_the_closest_value_fewer_points_on_a_tie():
    from parindex.rounds import value_for_points

    leaves = {leaf.id: leaf for leaf in SET.leaves}
    # bands 1.1.1 (max 2): 100 % → 2, 95 % → 1, below → 0
    assert value_for_points(leaves["1.1.1"], 1.857) == 100.0
    assert value_for_points(leaves["1.1.1"], 1.4) == 95.0
    assert value_for_points(leaves["1.1.1"], 1.5) == 95.0  # a tie: the fewer points
    assert value_for_points(leaves["1.1.1"], 0.3) < 95.0
    # linear 1.1.2 (max 2, 0 at 50 %, full at 100 %): 1,5 points ↔ 87,5 %; beyond the range it stays at its ends
    assert value_for_points(leaves["1.1.2"], 1.5) == 87.5
    assert value_for_points(leaves["1.1.2"], 2.7) == 100.0 and value_for_points(leaves["1.1.2"], -1) == 50.0
    # deduction 1.1.3 (max 1, 0,25 per violation): 0,6 points → 2 violations (0,5), not 1 (0,75)
    assert value_for_points(leaves["1.1.3"], 0.6) == 2.0
    # levels 1.1.4 (max 2): 1,2 points → "Hoàn thành" (50 %: 1 point), not "Hoàn thành tốt" (1,5)
    assert value_for_points(leaves["1.1.4"], 1.2) == 2.0  # the third level
    assert value_for_points(leaves["1.2"], 2.6) == 1.0 and value_for_points(leaves["1.2"], 2.4) == 0.0  # yes/no of 5
    assert value_for_points(leaves["2.1.1"], 2.4) == 2.0  # count, 1 point an item
    assert value_for_points(leaves["2.1.2"], 0.8698 * 4) == 86.98  # survey: the share itself


def test_a_draft_scored_as_a_unit_carries_each_rounding_to_the_next_blank():
    from parindex.criteria import compile_set
    from parindex.rounds import draft_scores

    entries = {"1.2": "có", "1.1.4": "Hoàn thành tốt"}  # 6,5 points; field 1 earns 6,5 of 7
    draft = draft_scores(compile_set(SET), "Tỉnh Long An", "tinh", entries, {"1.1.3": "0"}, 86.98)
    # in the set's order: 1.1.1 aims at 4 × 6,5/7 / 2 = 1,857 → 100 % (2 points, 0,143 over);
    # 1.1.2 aims at 1,857 − 0,143 = 1,714 → 50 + 50 × 1,714/2 = 92,86 % (1,7144 points);
    # 1.1.3 is last year's 0 violations (1 point); 2.1.1 aims at 3,714 (the appraisal share 6,5/7 of 4)
    # → 4 items (0,286 over); 2.1.2 aims at 3,4792 − 0,2858 = 3,1934 → 79,83 % (3,1932 points)
    assert draft.estimated == {"1.1.1": "100 %", "1.1.2": "92,86 %", "1.1.3": "0", "2.1.1": "4", "2.1.2": "79,83 %"}
    total = 6.5 + 2 + 4 * (92.86 - 50) / 100 + 1 + 4 + 4 * 0.7983
    assert math.isclose(float(draft.scores.total[0]), total, abs_tol=1e-9)
    assert float(draft.scores.index[0]) == 92.04 and round(draft.result.estimate, 2) == 92.04
    assert int(draft.scores.rank[0]) == 1 and len(draft.scores) == 1
    import pytest

    from parindex.errors import InputError

    with pytest.raises(InputError):  # a plan must not start from a value it could not read
        draft_scores(compile_set(SET), "Tỉnh Long An", "tinh", {"1.1.1": "chín mươi"})


def test_a_draft_saved_meanwhile_from_another_window_is_not_replaced(engine):  # noqa: F811 (the imported fixture)
    import pytest

    from parindex import db
    from parindex.accounts import Actor
    from parindex.rounds import RoundError, load_draft, save_draft

    officer = Actor("canbo.noivu", "appraiser")
    key = ("Tỉnh Long An", "tinh", "vi-du-mau", 2023)
    with db.sessions(engine).begin() as session:  # two windows open on no draft; the first saves
        save_draft(session, officer, *key, {"1.2": "có"}, shown={})
    with db.sessions(engine).begin() as session, pytest.raises(RoundError) as caught:  # the second, as it loaded
        save_draft(session, officer, *key, {"1.2": "không"}, shown={})
    assert caught.value.code == "draft_changed_meanwhile"
    with db.sessions(engine).begin() as session:
        assert load_draft(session, officer, *key) == {"1.2": "có"}
        # a window that loaded the saved draft replaces it; saving the same figures again changes nothing
        save_draft(session, officer, *key, {"1.2": "không"}, shown={"1.2": "có"})
        save_draft(session, officer, *key, {"1.2": "không"}, shown={"1.2": "có"})
        assert load_draft(session, officer, *key) == {"1.2": "không"}
