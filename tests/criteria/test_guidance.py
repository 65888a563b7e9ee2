"""The guidance grammar: a corpus of phrases with their expected rules, numbers in Vietnamese form, and
the canonical words of every shipped rule reading back to that rule."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from parindex.criteria import (
    guidance_words,
    load_criteria_set,
    parse_guidance,
    rule_from_mapping,
    rule_signature,
    vn_number,
)
from parindex.criteria import model as m
from tests.conftest import INDICATORS

CORPUS = yaml.safe_load((Path(__file__).parent.parent / "data" / "guidance_corpus.yaml").read_text(encoding="utf-8"))
PHRASES = CORPUS["phrases"]
SHIPPED = sorted(INDICATORS.glob("*.yaml"))


def same(a, b) -> bool:
    """Equal mappings and lists, numbers compared to 1e-9."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) < 1e-9
    return a == b


def test_the_corpus_is_large_enough_and_says_where_each_phrase_comes_from():
    assert len(PHRASES) >= 60
    assert all(p.get("source") for p in PHRASES)


@pytest.mark.parametrize("phrase", PHRASES, ids=[p["text"][:40] for p in PHRASES])
def test_each_phrase_gives_its_rule_or_is_flagged_never_a_wrong_rule(phrase):
    parsed = parse_guidance(phrase["text"], phrase["max"], phrase.get("part", m.APPRAISAL))
    if phrase.get("review"):
        assert parsed.review is not None and parsed.rule == {"kind": m.MANUAL}
    else:
        assert parsed.review is None, parsed.review
        assert same(parsed.rule, phrase["rule"]), parsed.rule


def test_at_least_ninety_percent_of_the_corpus_parses_exactly():
    exact = sum(parse_guidance(p["text"], p["max"], p.get("part", m.APPRAISAL)).exact for p in PHRASES)
    assert exact / len(PHRASES) >= 0.9


@pytest.mark.parametrize(
    ("max_points", "text"),
    [
        (1, "Đạt 100%: 1 điểm; từ 50% đến dưới 100%: tính theo tỷ lệ"),
        (1, "Điểm tính theo tỷ lệ hoàn thành"),
        (1, "Thực hiện theo hướng dẫn của Bộ Nội vụ"),
        (1, "Hoàn thành tốt: 1,5 điểm; Hoàn thành: 0,5 điểm"),
        (1, "Hoàn thành: 0,5 điểm; Hoàn thành tốt: 1 điểm"),
        (1, "Đạt 100%: 1 điểm; đúng hạn: 0,5 điểm"),
        (1, "Từ 100% trở lên: 1 điểm; dưới 80 ngày: 0 điểm"),
        (1, "Chậm không quá 2 ngày: 0,5 điểm; đúng hạn: 1 điểm"),
    ],
)
def test_phrases_the_grammar_cannot_read_exactly_are_flagged_manual(max_points, text):
    parsed = parse_guidance(text, max_points)
    assert parsed.rule == {"kind": m.MANUAL}
    assert parsed.review is not None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0,5", 0.5),
        ("1.000", 1000.0),
        ("1,25", 1.25),
        ("0.5", 0.5),
        ("1.250,5", 1250.5),
        ("12", 12.0),
        ("0.125", 0.125),
    ],
)
def test_numbers_are_read_the_vietnamese_way(text, value):
    assert vn_number(text) == value


def test_a_strict_bound_is_not_read_as_at_least():
    """'trên 90%' gives points above 90 only; reading it as 'từ 90%' would score exactly 90 wrongly."""
    parsed = parse_guidance("Trên 90%: 1 điểm; từ 70% đến 90%: 0,5 điểm; dưới 70%: 0 điểm", 1)
    assert parsed.review == "guidance.strict_bound"


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_canonical_words_of_every_shipped_rule_read_back_to_it(path):
    cs = load_criteria_set(path)
    for leaf in cs.columns:
        section = leaf.part if leaf.part in (m.BONUS, m.PENALTY) else m.APPRAISAL
        parsed = parse_guidance(guidance_words(leaf), leaf.max, section)
        assert parsed.exact, (leaf.id, guidance_words(leaf))
        rule, problems = rule_from_mapping(parsed.rule, leaf.max, section)
        assert not problems
        assert rule_signature(rule, leaf.max) == rule_signature(leaf.rule, leaf.max), leaf.id


maxima = st.sampled_from([0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0])
share_steps = st.integers(1, 20).map(lambda k: k / 20)


@st.composite
def grammar_rules(draw) -> tuple[m.Rule, float]:
    """Rules inside the grammar: the best level or band is worth the maximum, shares descend, bounds ascend."""
    mx = draw(maxima)
    kind = draw(st.sampled_from(m.RULE_KINDS))
    measure = draw(st.sampled_from(["percent", "number", "ratio"]))
    unit = "ngày" if measure == "number" else None
    if kind == m.LEVELS:
        labels = draw(
            st.lists(
                st.sampled_from(["Tốt", "Khá", "Đạt", "Chưa đạt", "Kém", "Mức 1"]), min_size=2, max_size=4, unique=True
            )
        )
        shares = [1.0] + sorted((draw(share_steps) for _ in labels[1:]), reverse=True)
        return m.Rule(kind=kind, levels=tuple(m.Level(lab, s) for lab, s in zip(labels, shares, strict=True))), mx
    if kind == m.BANDS:
        bounds = sorted(draw(st.sets(st.integers(0, 100), min_size=1, max_size=4)), reverse=True)
        shares = [1.0] + sorted((draw(share_steps) for _ in bounds[1:]), reverse=True)
        higher = draw(st.booleans())
        if not higher:
            bounds = bounds[::-1]
        zero = draw(st.sampled_from(["not_applicable", "full", "zero"])) if measure == "ratio" else "not_applicable"
        bands = tuple(m.Band(float(t), s) for t, s in zip(bounds, shares, strict=True))
        return m.Rule(
            kind=kind, measure=measure, higher_is_better=higher, bands=bands, unit=unit, zero_denominator=zero
        ), mx
    if kind == m.LINEAR:
        zero_at, full_at = draw(st.lists(st.integers(0, 100), min_size=2, max_size=2, unique=True))
        return m.Rule(kind=kind, measure=measure, zero_at=float(zero_at), full_at=float(full_at), unit=unit), mx
    if kind == m.COUNT:
        per = draw(st.sampled_from([0.1, 0.25, 0.5]))
        return m.Rule(kind=kind, per_item=min(per, mx), cap=draw(st.sampled_from([0.5, 1.0])) * mx), mx
    if kind == m.DEDUCTION:
        per = draw(st.sampled_from([0.1, 0.25, 0.5]))
        return m.Rule(kind=kind, per_violation=min(per, mx), floor=draw(st.sampled_from([0.0, 0.25, 0.5])) * mx), mx
    return m.Rule(kind=kind), mx


@settings(max_examples=300, deadline=None)
@given(grammar_rules(), st.sampled_from([m.APPRAISAL, m.BONUS, m.PENALTY]))
def test_canonical_words_of_any_rule_in_the_grammar_read_back_to_it(rule_and_max, section):
    rule, mx = rule_and_max
    assume(not (section != m.APPRAISAL and rule.kind == m.SURVEY))
    assume(not (section == m.PENALTY and rule.kind == m.DEDUCTION))  # a penalty counts what it takes off
    part = m.SURVEY_PART if rule.kind == m.SURVEY else section
    leaf = m.Leaf(id="x", name="x", max=mx, rule=rule, source=m.Source(reconstructed=True), part=part)
    words = guidance_words(leaf)
    parsed = parse_guidance(words, mx, section)
    assert parsed.exact, (words, parsed.review)
    back, problems = rule_from_mapping(parsed.rule, mx, section)
    assert not problems, words
    assert rule_signature(back, mx) == rule_signature(rule, mx), words
