"""A province's own partial figures, as its report gives them, placed nationally and planned to the top 10.

The case is Long An's 2023 report: 33 of 38 tasks done, 694 procedures published (all on time), 99,7 %
of dossiers on time, 570 of 587 procedures offered online end to end, 312.085 of 328.813 dossiers
received online. Every other cell of the provincial set is left blank.
"""

from __future__ import annotations

import csv
import dataclasses
import math

import pytest

from parindex.analysis import load_national
from parindex.cli import main
from parindex.criteria import load_criteria_set
from parindex.planning import Target, plan, plan_national, province_draft, survey_means
from parindex.rounds import draft_index
from parindex.scoring import load_compiled
from tests.conftest import DATA, INDICATORS

RULES = INDICATORS / "tinh-876-2022.yaml"
# Each raw figure in the sub-criterion the method scores it with: tasks done on time (1.5.1), procedures
# published on time (3.2.1), dossiers resolved on time (3.3.1), procedures online end to end (7.3.1),
# dossiers received online (7.3.2).
FIGURES = {"1.5.1": "33/38", "3.2.1": "694/694", "3.3.1": "99,7 %", "7.3.1": "570/587", "7.3.2": "312.085/328.813"}


@pytest.fixture(scope="module")
def national():
    return load_national(DATA / "national")


@pytest.fixture(scope="module")
def compiled():
    return load_compiled(RULES)


def test_the_report_s_raw_figures_score_in_their_sub_criteria(compiled):
    result = draft_index(compiled.criteria_set, FIGURES)
    assert not result.problems and len(result.blanks) == 83
    # 33/38 = 86,84 % → band ≥ 80 %: 1 of 2; 694/694 → 1 of 1; 99,7 % → band ≥ 98 %: 1,5 of 2;
    # 570/587 = 97,10 % ≥ 50 % → 1 of 1; 312.085/328.813 = 94,91 % ≥ 50 % → 1,5 of 1,5: 6 of 7,5 points
    assert result.low == 6.0 and result.high == 6.0 + 100 - 7.5
    for leaf_id in ("7.3.1", "3.2.1"):  # they were percentages the province had to work out itself
        leaf = next(leaf for leaf in compiled.criteria_set.leaves if leaf.id == leaf_id)
        assert leaf.rule.measure == "ratio"


def test_survey_blanks_take_the_region_s_published_mean(national, compiled):
    assert survey_means(national, 2023, "Tỉnh Long An") == (86.98, 85.42)
    assert survey_means(national, 2022, "Long An") == (84.79, None)  # no regional mean published for 2022
    assert survey_means(national, 2026, "Long An") == (88.37, 87.37)  # the latest published year, 2024
    draft = province_draft(compiled, "Tỉnh Long An", FIGURES, national, 2023)
    rules = {f.leaf_id: f.rule for f in draft.result.filled}
    survey = [leaf.id for leaf in compiled.criteria_set.leaves if leaf.part == "survey"]
    assert len(survey) == 22 and {rules[i] for i in survey} == {"regional_mean"}
    # estimate by hand: the 6 points typed; appraisal blanks at the share of their field — field 1
    # (8,5 appraisal points, 2 typed) at 1/2, field 3 (11,5, 3 typed) at 2,5/3, field 7 (11, 2,5 typed) at
    # 2,5/2,5 — and the other fields' 37 appraisal points at the overall 6/7,5; the 32 survey points at 85,42 %
    estimate = 6 + 6.5 * 0.5 + 8.5 * 2.5 / 3 + 8.5 * 1.0 + 37 * 0.8 + 32 * 0.8542
    assert math.isclose(draft.result.estimate, estimate)
    assert float(draft.scores.index[0]) == round(estimate, 2) == 81.77  # the blanks' values score the estimate
    assert set(draft.estimated) == set(draft.result.blanks)


def test_the_plan_from_the_draft_reaches_the_top_10_index_and_names_no_rank(national, compiled):
    draft = province_draft(compiled, "Tỉnh Long An", FIGURES, national, 2023)
    goal, result = plan_national(draft.scores, 0, national, 2023, 10, 0.8)
    assert goal.province == "Long An" and goal.index == 88.73
    assert result.reachable and result.alone and result.new_index >= 88.73 and result.steps
    assert "hạng" not in result.summary("vi") and "rank" not in result.summary("en")
    assert any(step.leaf_id in draft.estimated for step in result.steps)
    met = plan(draft.scores, 0, Target(index=80.0))
    assert met.reason == "already_met" and "hạng 1" not in met.summary("vi") and "chấm một mình" in met.summary("vi")


def write_figures(path, figures: dict[str, str]) -> None:
    criteria_set = load_criteria_set(RULES)
    ids = [leaf.id for leaf in criteria_set.leaves] + [leaf.id for leaf in criteria_set.bonus.items]
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["unit", "unit_type", "year", *ids])
        writer.writerow(["Tỉnh Long An", "tinh", "2023", *(figures.get(i, "") for i in ids)])


def test_command_plan_national_top_from_a_file_with_blank_cells(tmp_path, capsys):
    data = tmp_path / "long-an-2023.csv"
    write_figures(data, FIGURES)
    common = ["plan", "--rules", str(RULES), "--data", str(data), "--unit", "Tỉnh Long An"]
    assert main([*common, "--national-top", "10"]) == 0
    out = capsys.readouterr().out
    assert "Bản nháp: 83/88 ô trống được ước tính" in out and "ước tính 81,77 %" in out
    assert "từ 6,00 % đến 98,50 %" in out and "cần chỉ số ít nhất 88,73 %" in out
    assert "(ước tính) →" in out and "hạng" not in out.split("\n")[2]  # the plan's summary line
    typed = [line for line in out.splitlines() if line.startswith(("  [ ] 1.5.1 ", "  [ ] 3.3.1 "))]
    assert typed and not any("ước tính" in line for line in typed)  # a typed figure starts from itself, unmarked
    write_figures(data, {**FIGURES, "3.3.1": "chín mươi"})
    assert main([*common, "--national-top", "10"]) == 2  # an unreadable figure is refused, not taken as blank
    assert "3.3.1" in capsys.readouterr().err
    assert main([*common, "--target-rank", "1"]) == 2  # without a national target a blank is still an error


def test_the_brief_from_a_draft_names_the_province_and_says_its_figures_are_estimated(national, compiled):
    from parindex.reports import brief_pdf
    from tests.reports.test_reports import HEADING, flat, pdf_pages

    draft = province_draft(compiled, "Tỉnh Long An", FIGURES, national, 2023)
    heading = HEADING.naming("Tỉnh Long An")
    assert heading.place == "" and HEADING.naming(HEADING.province) is HEADING  # the sample's town is dropped
    pdf = brief_pdf(draft.scores, 0, 2023, dataclasses.replace(heading, sample=False), national, estimated=83)
    text = flat(pdf_pages(pdf)[0])
    assert "Ủy ban nhân dân tỉnh Long An" in text and "Bình An" not in text
    assert "83/88 tiêu chí thành phần còn trống được ước tính" in text
    assert "Với chỉ số 81,77 %, Long An đứng hạng" in text and "cần chỉ số ít nhất 88,73 %" in text
    assert "đã đạt hạng mục tiêu" not in text and "hạng 1." not in text
