"""Totals, index, ranks, grades, bonus and penalty caps, rescaling: hand-computed expectations."""

from __future__ import annotations

import numpy as np
import pytest

from parindex.scoring import rank_within, read_values, round_half_up, score
from tests.conftest import DATA, compile_text, one_field_set, score_rows


@pytest.fixture(scope="module")
def example_scores(example_set):
    table = read_values(DATA / "vi-du-mau.csv", example_set)
    return score(example_set, table.values, table.units), table


def test_worked_example_from_the_format_guide(example_scores):
    scores, _ = example_scores
    row = scores.row_of("Sở Tư pháp")
    assert scores.appraisal[row] == pytest.approx(1 + (312085 / 328813 * 100 - 50) / 50 * 2 + 0.5 + 1.5 + 5 + 3)
    assert scores.survey[row] == pytest.approx(3.4)
    assert scores.bonus[row] == 2.0  # 1 + 1.5, capped at 2
    assert scores.penalty[row] == 1.0
    assert scores.total[row] == pytest.approx(17.1965, abs=1e-4)
    assert scores.index[row] == 85.98
    assert scores.grade(row) == "Tốt" and scores.grade(row, "en") == "Good"


def test_without_survey_the_appraisal_is_rescaled(example_scores):
    scores, table = example_scores
    row = scores.row_of("Sở Tư pháp (chưa điều tra)")
    assert table.survey_missing[row]
    assert scores.max_applicable[row] == 16
    assert scores.index[row] == 86.23  # (12,7965 + 2 − 1) / 16


def test_not_applicable_and_ranks(example_scores):
    scores, _ = example_scores
    row = scores.row_of("Sở Y tế")
    assert scores.max_applicable[row] == 18  # 1.1.2 is KAD
    assert scores.index[row] == pytest.approx(98.33)
    ranks = dict(zip(scores.units["unit"], scores.rank, strict=True))
    assert ranks == {"Sở Y tế": 1, "Sở Tư pháp (chưa điều tra)": 2, "Sở Tư pháp": 3, "Sở Xây dựng": 4}


def test_penalty_cannot_make_the_total_negative(example_scores):
    scores, _ = example_scores
    row = scores.row_of("Sở Xây dựng")
    assert scores.total[row] == pytest.approx(0.8)  # 2.8 survey − 2 penalty
    assert scores.grade(row) == "Yếu"


@pytest.mark.parametrize(
    ("ties", "expected"),
    [("standard", [1, 2, 2, 4, 5]), ("dense", [1, 2, 2, 3, 4])],
)
def test_ties_share_a_rank(ties, expected):
    index = np.array([97.0, 95.7, 95.7, 90.0, 10.0])
    assert rank_within(index, np.zeros(5), ties).tolist() == expected


def test_ranks_are_within_each_unit_type():
    index = np.array([90.0, 80.0, 85.0, 70.0])
    groups = np.array(["so", "xa", "so", "xa"])
    assert rank_within(index, groups).tolist() == [1, 1, 2, 2]


def test_ties_are_judged_on_the_rounded_index():
    # 95.704 and 95.696 both show as 95,70 and share second place (Hà Nội's 2023 district table)
    assert round_half_up(np.array([95.704, 95.696, 85.975]), 2).tolist() == [95.70, 95.70, 85.98]


def test_dense_ties_from_the_criteria_set():
    leaves = '- {id: "a", name: a, max: 10, source: reconstructed, rule: {kind: manual}}'
    compiled = compile_text(one_field_set(leaves, 10, extra="ties: dense"))
    scores = score_rows(
        compiled,
        [{"unit": u, "unit_type": "so", "a": v} for u, v in [("A", "9"), ("B", "8"), ("C", "8"), ("D", "7")]],
    )
    assert scores.rank.tolist() == [1, 2, 2, 3]


def test_bonus_and_penalty_caps():
    leaves = '- {id: "a", name: a, max: 10, source: reconstructed, rule: {kind: manual}}'
    extra = """
    bonus:
      cap: 1.5
      items:
        - {id: "T1", name: t1, max: 1, source: reconstructed, rule: {kind: yes_no}}
        - {id: "T2", name: t2, max: 2, source: reconstructed, rule: {kind: count, per_item: 0.5}}
    penalty:
      cap: 2
      items:
        - {id: "P1", name: p1, max: 3, source: reconstructed, rule: {kind: count, per_item: 1}}
    """
    compiled = compile_text(one_field_set(leaves, 10, extra=extra))
    rows = [
        {"unit": "A", "unit_type": "so", "a": "8", "T1": "có", "T2": "3", "P1": ""},  # bonus 2.5 → 1.5
        {"unit": "B", "unit_type": "so", "a": "8", "T1": "", "T2": "1", "P1": "3"},  # bonus 0.5, penalty 3 → 2
        {"unit": "C", "unit_type": "so", "a": "8", "T1": "", "T2": "", "P1": ""},
    ]
    scores = score_rows(compiled, rows)
    assert scores.bonus.tolist() == [1.5, 0.5, 0.0]
    assert scores.penalty.tolist() == [0.0, 2.0, 0.0]
    assert scores.total.tolist() == [9.5, 6.5, 8.0]
    assert scores.index.tolist() == [95.0, 65.0, 80.0]  # bonus may lift the index above its base
    assert scores.grades() == ["A", "C", "B"]


def test_grade_boundaries_use_at_or_above():
    leaves = '- {id: "a", name: a, max: 100, source: reconstructed, rule: {kind: manual}}'
    compiled = compile_text(one_field_set(leaves, 100))
    rows = [{"unit": str(v), "unit_type": "so", "a": v} for v in ("90", "89,995", "89,994", "80", "0")]
    scores = score_rows(compiled, rows)
    assert scores.grades() == ["A", "A", "B", "B", "C"]  # 89,995 rounds to 90,00


def test_table_has_the_promised_columns(example_scores):
    scores, _ = example_scores
    table = scores.table()
    for column in ("unit", "unit_type", "total", "index_pct", "rank", "grade", "field_1", "field_2"):
        assert column in table.columns
    assert table["rank"].tolist() == sorted(table["rank"].tolist())


def test_a_blank_levels_bonus_is_no_award_not_the_first_level():
    leaves = '- {id: "a", name: a, max: 10, source: reconstructed, rule: {kind: manual}}'
    extra = """
    bonus:
      cap: 2
      items:
        - id: "T1"
          name: khen thưởng
          max: 1
          source: reconstructed
          rule: {kind: levels, levels: [{label: Thủ tướng, share: 100}, {label: Tỉnh, share: 50}, {label: Không, share: 0}]}
    """
    compiled = compile_text(one_field_set(leaves, 10, extra=extra))
    rows = [
        {"unit": "A", "unit_type": "so", "a": "8", "T1": ""},
        {"unit": "B", "unit_type": "so", "a": "8", "T1": "Tỉnh"},
    ]
    assert score_rows(compiled, rows).bonus.tolist() == [0.0, 0.5]
    without_column = [{"unit": "A", "unit_type": "so", "a": "8"}]
    assert score_rows(compiled, without_column).bonus.tolist() == [0.0]


def test_units_without_an_index_are_listed_last():
    leaves = '- {id: "a", name: a, max: 10, source: reconstructed, rule: {kind: manual}}'
    compiled = compile_text(one_field_set(leaves, 10))
    scores = score_rows(
        compiled, [{"unit": "A", "unit_type": "so", "a": "KAD"}, {"unit": "B", "unit_type": "so", "a": "5"}]
    )
    assert scores.rank.tolist() == [0, 1]
    assert scores.table()["unit"].tolist() == ["B", "A"]
    assert scores.ranking_order().tolist() == [1, 0]


def test_scores_of_one_unit_type_keep_their_ranks():
    leaves = '- {id: "a", name: a, max: 10, source: reconstructed, rule: {kind: manual}}'
    text = one_field_set(leaves, 10).replace("unit_types: [so]", "unit_types: [so, xa]")
    compiled = compile_text(text)
    rows = [
        {"unit": u, "unit_type": t, "a": v} for u, t, v in [("S1", "so", "9"), ("X1", "xa", "8"), ("S2", "so", "7")]
    ]
    scores = score_rows(compiled, rows)
    only = scores.of_type("so")
    assert only.units["unit"].tolist() == ["S1", "S2"] and only.rank.tolist() == [1, 2]
    assert only.field_points[:, 0].tolist() == [9, 7]
