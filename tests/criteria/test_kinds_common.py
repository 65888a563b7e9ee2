"""Invariants every registered rule kind must keep, checked on each kind's own example rules.

Like scikit-learn's common estimator checks: a kind added to ``KINDS`` is checked here without a
line of this file changing, so a kind whose kernel disagrees with its scalar points, whose template
example does not read back, or whose planner steps lose points fails at once.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from parindex.criteria import (
    KINDS,
    CellError,
    describe_rule,
    guidance_words,
    input_hint,
    kind_of,
    parse_criteria_set,
    parse_guidance,
    parse_value,
    read_column,
    rule_from_mapping,
    rule_signature,
    score_leaf,
)
from parindex.criteria import model as m
from parindex.files import example_value
from parindex.i18n import MESSAGES
from parindex.scoring import leaf_points, typed_value

MAX_POINTS = 2.0
LANGS = ("vi", "en")


def example_leaves() -> list[tuple[str, dict, m.Leaf]]:
    """(test id, rule mapping, leaf worth MAX_POINTS) for every example rule of every registered kind."""
    found = []
    for name, kind in KINDS.items():
        for i, mapping in enumerate(kind.examples()):
            rule, problems = rule_from_mapping(mapping, MAX_POINTS)
            assert not problems, (name, mapping, problems)
            part = kind.part or m.APPRAISAL
            leaf = m.Leaf(
                id="1.1", name="Mục", max=MAX_POINTS, rule=rule, source=m.Source(reconstructed=True), part=part
            )
            found.append((f"{name}-{i}", mapping, leaf))
    return found


EXAMPLES = example_leaves()
IDS = [test_id for test_id, _, _ in EXAMPLES]
LEAVES = pytest.mark.parametrize("leaf", [leaf for _, _, leaf in EXAMPLES], ids=IDS)
MAPPINGS = pytest.mark.parametrize(("mapping", "leaf"), [(mapping, leaf) for _, mapping, leaf in EXAMPLES], ids=IDS)


def sampled_values(leaf: m.Leaf, seed: int, count: int = 40) -> list[float]:
    """Parsed values of the kind's own sample data (applicable ones), across qualities 0..1."""
    rng = np.random.default_rng(seed)
    kind = kind_of(leaf.rule)
    values = [parse_value(kind.sample(leaf, q, rng), leaf) for q in np.linspace(0.0, 1.0, count)]
    return [v for v in values if not math.isnan(v)]


# -- the registry ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(KINDS))
def test_a_kind_is_registered_under_its_name_with_examples_and_a_name_in_words(name):
    kind = KINDS[name]
    assert kind.name == name
    assert "kind" in kind.keys
    assert kind.part in (None, m.SURVEY_PART)
    assert kind.examples(), name
    assert f"ui.kind_{name}" in MESSAGES  # the planner's costs table names the kind


def test_the_shipped_kinds_are_all_registered():
    assert set(m.RULE_KINDS) <= set(KINDS)


# -- the criteria file --------------------------------------------------------------------------------------------


@MAPPINGS
def test_a_criteria_file_reads_the_example_rule_back_to_the_same_rule(mapping, leaf):
    document = {
        "id": "k",
        "name": "Bộ thử",
        "decision": "thử",
        "years": [2025],
        "unit_types": ["so"],
        "max_points": MAX_POINTS,
        "grades": [{"label": "A", "min": 0}],
        "fields": [
            {
                "id": "1",
                "name": "Lĩnh vực",
                "max": MAX_POINTS,
                "source": "reconstructed",
                "criteria": [
                    {"id": "1.1", "name": "Mục", "max": MAX_POINTS, "source": "reconstructed", "rule": mapping}
                ],
            }
        ],
    }
    loaded = parse_criteria_set(yaml.safe_dump(document, allow_unicode=True, sort_keys=False)).leaves[0]
    assert loaded.rule == leaf.rule
    assert loaded.part == leaf.part


@MAPPINGS
def test_an_unknown_key_in_the_rule_is_refused(mapping, leaf):
    _, problems = rule_from_mapping({**mapping, "no_such_key": 1}, MAX_POINTS)
    assert [p.code for p in problems] == ["unknown_key"]


@LEAVES
def test_the_canonical_guidance_words_read_back_to_the_same_rule(leaf):
    parsed = parse_guidance(guidance_words(leaf), leaf.max)
    assert parsed.exact, guidance_words(leaf)
    rule, problems = rule_from_mapping(parsed.rule, leaf.max)
    assert not problems
    assert rule_signature(rule, leaf.max) == rule_signature(leaf.rule, leaf.max)


# -- scoring --------------------------------------------------------------------------------------------------------


@LEAVES
@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_the_kernel_gives_the_scalar_points_within_zero_and_the_maximum(leaf, seed):
    values = sampled_values(leaf, seed)
    kernel = score_leaf(leaf, values)
    scalar = [leaf_points(leaf, v) for v in values]
    np.testing.assert_allclose(kernel, scalar, rtol=0, atol=1e-12)
    best = kind_of(leaf.rule).best_points(leaf)
    assert all(0.0 <= p <= best + 1e-12 for p in scalar) and best <= leaf.max


@LEAVES
def test_not_applicable_scores_nothing(leaf):
    assert score_leaf(leaf, [math.nan])[0] == 0.0


@LEAVES
@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_a_whole_column_reads_as_each_cell_does(leaf, seed):
    rng = np.random.default_rng(seed)
    kind = kind_of(leaf.rule)
    cells = [kind.sample(leaf, q, rng) for q in np.linspace(0.0, 1.0, 30)]
    column = read_column(cells, leaf)
    for i, cell in enumerate(cells):
        if not column.slow[i] and not column.blank[i]:
            expected = parse_value(cell, leaf)
            assert column.values[i] == expected or (math.isnan(expected) and math.isnan(column.values[i])), cell


# -- words and typing -----------------------------------------------------------------------------------------------


@LEAVES
@pytest.mark.parametrize("lang", LANGS)
def test_the_rule_is_described_in_words_with_no_placeholder_left(leaf, lang):
    for text in (describe_rule(leaf, lang), input_hint(leaf, lang)):
        assert text.strip() and "{" not in text and "}" not in text


@LEAVES
@pytest.mark.parametrize("lang", LANGS)
def test_the_rule_is_described_in_plain_words_and_points(leaf, lang):
    text = describe_rule(leaf, lang)
    assert not set(text) & set("→≥≤<>×"), text
    assert ("điểm" if lang == "vi" else "point") in text


@LEAVES
@pytest.mark.parametrize("lang", LANGS)
def test_the_template_example_reads_back_and_passes_its_check(leaf, lang):
    text = example_value(leaf, lang)
    value = parse_value(text, leaf)
    assert isinstance(value, float) and not math.isnan(value)
    check = kind_of(leaf.rule).input_check(leaf)
    if check.kind == "list":
        assert text in check.options
    elif check.kind == "range":
        assert check.low <= value <= check.high
    elif check.kind == "whole":
        assert value >= 0 and value == int(value)


@LEAVES
@pytest.mark.parametrize("lang", LANGS)
def test_a_typed_value_reads_back_to_the_same_number(leaf, lang):
    for value in sampled_values(leaf, seed=7):
        assert parse_value(typed_value(leaf, value, lang), leaf) == pytest.approx(value, abs=1e-6)


# -- planning -------------------------------------------------------------------------------------------------------


@LEAVES
def test_planner_steps_gain_points_and_more_effort_never_earns_less(leaf):
    kind = kind_of(leaf.rule)
    for value in sampled_values(leaf, seed=11):
        now = leaf_points(leaf, value)
        options = sorted(kind.steps(leaf, value, None), key=lambda option: option[1])
        gains = [leaf_points(leaf, target) - now for target, _ in options]
        assert all(steps > 0 for _, steps in options)
        assert all(gain > 0 for gain in gains), (value, options)
        assert gains == sorted(gains), (value, options)
        if options and kind.step_cost is None:
            pytest.fail(f"{kind.name} lists steps but has no cost per step")


@LEAVES
def test_the_values_named_as_headroom_earn_more_than_now(leaf):
    for value in sampled_values(leaf, seed=13):
        now = leaf_points(leaf, value)
        for _, points in kind_of(leaf.rule).next_values(leaf, value, now, "vi"):
            assert now < points <= kind_of(leaf.rule).best_points(leaf) + 1e-12


@LEAVES
def test_sample_values_are_read_without_error(leaf):
    rng = np.random.default_rng(3)
    kind = kind_of(leaf.rule)
    for quality in np.linspace(0.0, 1.0, 25):
        try:
            parse_value(kind.sample(leaf, quality, rng), leaf)
        except CellError as error:  # pragma: no cover - the failure message is the point
            pytest.fail(f"{kind.name}: sample value refused ({error.code})")
