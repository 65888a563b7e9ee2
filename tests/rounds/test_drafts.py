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
