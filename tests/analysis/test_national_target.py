"""A national target in the planner: the index for P(top K) ≥ a level, then the plan to it; a unit alone has no rank."""

from __future__ import annotations

import numpy as np
import pytest

from parindex.analysis import load_national, national_rank, year_facts
from parindex.cli import main
from parindex.criteria import load_criteria_set
from parindex.errors import InputError
from parindex.i18n import format_pct
from parindex.planning import national_goal, plan_national
from parindex.rounds import SampleUnit, generate_values
from parindex.scoring import ranked_peers, score_files
from tests.conftest import DATA, INDICATORS

RULES = INDICATORS / "tinh-876-2022.yaml"


@pytest.fixture(scope="module")
def national():
    return load_national(DATA / "national")


@pytest.fixture(scope="module")
def long_an(tmp_path_factory):
    """Long An scored alone on the provincial set for 2023 (seeded made-up figures, index ≈ 64 %)."""
    path = tmp_path_factory.mktemp("tinh") / "long-an-2023.csv"
    frame = generate_values(
        load_criteria_set(RULES), [SampleUnit("Tỉnh Long An", "tinh")], np.array([0.5]), np.random.default_rng(3), 2023
    )
    frame.to_csv(path, index=False)
    return path


def test_top_10_in_2023_needs_just_above_ninh_binh(national):
    # Ninh Bình is 11th at 88,72: ten provinces are above 88,72. At 88,73 we pass it and at most 9 others
    # are above us (certainly top 10). 88,72 contradicts the year (Đà Nẵng, 88,68, would be 13th, not 12th), so
    # our published place counts as unknown: 10th only if it was one of the ten above 88,72 — unlikely.
    goal = national_goal(national, 2023, 10, 0.8, "Long An")
    assert goal.index == 88.73 and goal.p_top == 1.0
    tie = national_rank(year_facts(national, 2023, "Long An"), 88.72)
    assert tie.relaxed and (tie.rank_min, tie.rank_max) == (10, 11) and tie.p_top(10) < 0.8


def test_the_goal_is_the_lowest_index_at_the_chosen_level(national):
    goal = national_goal(national, 2024, 10, 0.8, "Long An")
    facts = year_facts(national, 2024, "Long An")
    assert national_rank(facts, goal.index).p_top(10) >= 0.8 > national_rank(facts, goal.index - 0.01).p_top(10)
    stricter = national_goal(national, 2024, 10, 0.95, "Long An")
    assert stricter.index >= goal.index
    with pytest.raises(InputError):
        national_goal(national, 2024, 10, 1.5)


def test_plan_to_the_national_index_from_the_province_own_figures(national, long_an):
    scores, _ = score_files(RULES, long_an)
    row = scores.row_of("Tỉnh Long An")
    assert ranked_peers(scores, row) == 1
    goal, result = plan_national(scores, row, national, 2023, 10, 0.8)
    assert goal.province == "Long An" and goal.year == 2023
    assert result.reachable and result.new_index >= goal.index and result.steps


def test_command_plan_national_top_and_no_rank_target_for_a_unit_alone(long_an, capsys):
    common = ["plan", "--rules", str(RULES), "--data", str(long_an), "--unit", "Tỉnh Long An"]
    assert main([*common, "--national-top", "10"]) == 0
    out = capsys.readouterr().out
    assert "88,73 %" in out and "P(top 10) ≥ 80 %" in out
    assert main([*common, "--target-rank", "1"]) == 2
    err = capsys.readouterr().err
    assert "chấm một mình" in err
    assert main([*common, "--national-top", "10", "--confidence", "1.2"]) == 2
    assert "Mức tin cậy 1.2 không hợp lệ" in capsys.readouterr().err
    assert main([*common, "--national-top", "10", "--province", "Bình An"]) == 2
    assert "Không có tỉnh 'Bình An'" in capsys.readouterr().err


def test_brief_for_a_province_alone_names_it_and_aims_at_the_national_top_10(national, long_an):
    import dataclasses

    from parindex.reports import brief_pdf
    from tests.reports.test_reports import HEADING, flat, pdf_pages

    scores, _ = score_files(RULES, long_an)
    heading = dataclasses.replace(HEADING, province="Tỉnh Long An", place="Tân An", sample=False)
    text = flat(pdf_pages(brief_pdf(scores, 0, 2023, heading, national, target_rank=1))[0])
    assert "Ủy ban nhân dân tỉnh Long An" in text and "Bình An" not in text
    assert "Năm 2023 cả nước có 63 tỉnh" in text  # the data's year, not the latest published one
    assert "đã đạt hạng mục tiêu" not in text and "chấm một mình" in text
    assert "cần chỉ số ít nhất 88,73 %" in text
    index = format_pct(float(scores.index[0]))
    assert f"Với chỉ số {index}, Long An đứng hạng" in text
