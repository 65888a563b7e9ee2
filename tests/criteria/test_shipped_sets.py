"""The shipped criteria sets: what is known must match exactly; everything validates."""

from __future__ import annotations

import pytest

from parindex.criteria import KINDS, load_criteria_set
from parindex.criteria import model as m
from parindex.scoring import indicator_files
from tests.conftest import INDICATORS


def load(name: str) -> m.CriteriaSet:
    return load_criteria_set(INDICATORS / name)


@pytest.mark.parametrize("path", indicator_files(INDICATORS), ids=lambda p: p.name)
def test_every_shipped_set_validates_and_is_fully_translated(path):
    cs = load_criteria_set(path)
    assert cs.max_points == pytest.approx(sum(f.max for f in cs.fields))
    nodes = [*cs.fields, *cs.criteria, *cs.leaves, *cs.bonus.items, *cs.penalty.items]
    assert all(node.name_en for node in nodes), "the English view needs name_en on every node"
    assert all(g.label_en for g in cs.grades)


def test_qd_876_counts_and_survey_share():
    cs = load("tinh-876-2022.yaml")
    assert (len(cs.fields), len(cs.criteria), cs.sub_criteria_count) == (8, 37, 88)
    assert len(cs.leaves) == 88
    assert cs.max_points == 100 and cs.survey_max == pytest.approx(32)
    assert cs.years == (2022, 2023) and cs.unit_types == ("tinh",)
    assert [(g.label, g.min_index) for g in cs.grades[:3]] == [("A", 90), ("B", 80), ("C", 70)]
    assert cs.ties == "standard"


def test_2024_revision_known_field_maxima():
    cs = load("tinh-2024.yaml")
    assert (len(cs.fields), len(cs.criteria), cs.sub_criteria_count, len(cs.leaves)) == (8, 38, 88, 88)
    assert cs.fields[0].max == 9.5 and cs.fields[2].max == 13
    assert not cs.fields[0].source.reconstructed and not cs.fields[2].source.reconstructed


def test_qd_2948_field_maxima_are_the_published_ones():
    cs = load("tinh-2948-2017.yaml")
    assert [f.max for f in cs.fields] == [10.0, 10.0, 14.5, 11.0, 16.0, 7.0, 16.0, 15.5]
    assert len(cs.fields) == 8 and cs.sub_criteria_count == 81 and len(cs.criteria) == 38
    sub_criteria = [sum(len(c.leaves) for c in f.criteria if not c.is_leaf) for f in cs.fields]
    assert sub_criteria == [6, 6, 16, 10, 16, 6, 18, 3]
    assert all(not f.source.reconstructed for f in cs.fields)


def test_department_set_follows_nghe_an_structure():
    cs = load("so-2025.yaml")
    assert cs.unit_types == ("so",) and cs.without_survey == "rescale"
    per_area = [(len(f.criteria), sum(len(c.leaves) for c in f.criteria)) for f in cs.fields]
    assert per_area == [(8, 12), (6, 9), (7, 18), (5, 11), (8, 13), (5, 12), (9, 14)]
    assert cs.bonus.items and cs.penalty.items


def test_commune_set():
    cs = load("xa-2025.yaml")
    assert cs.unit_types == ("xa",) and cs.max_points == 100 and cs.without_survey == "rescale"
    assert cs.bonus.items and cs.penalty.items


def test_every_rule_kind_is_used_somewhere():
    kinds = {leaf.rule.kind for path in indicator_files(INDICATORS) for leaf in load_criteria_set(path).columns}
    assert kinds == set(KINDS)


@pytest.mark.parametrize("path", indicator_files(INDICATORS), ids=lambda p: p.name)
def test_unsourced_nodes_say_reconstructed(path):
    cs = load_criteria_set(path)
    for node in [*cs.fields, *cs.criteria, *cs.leaves]:
        assert node.source.reconstructed or node.source.decision
