"""Invariants of the scorer on random criteria sets and values (hypothesis)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from parindex.criteria import compile_set
from parindex.criteria import model as m
from parindex.scoring import rank_units, score, score_unit

SOURCE = m.Source(reconstructed=True)
maxima = st.sampled_from([0.25, 0.5, 1.0, 1.5, 2.0, 3.0])


@st.composite
def rules(draw, max_points: float) -> m.Rule:
    kind = draw(st.sampled_from(m.RULE_KINDS))
    if kind == m.LEVELS:
        shares = draw(st.lists(st.floats(0, 1), min_size=1, max_size=5))
        return m.Rule(kind=kind, levels=tuple(m.Level(f"L{i}", s) for i, s in enumerate(shares)))
    if kind == m.BANDS:
        thresholds = sorted(draw(st.sets(st.integers(0, 100), min_size=1, max_size=5)), reverse=True)
        shares = sorted(
            draw(st.lists(st.floats(0, 1), min_size=len(thresholds), max_size=len(thresholds))), reverse=True
        )
        higher = draw(st.booleans())
        if not higher:
            thresholds = thresholds[::-1]
        return m.Rule(
            kind=kind,
            measure="percent",
            higher_is_better=higher,
            bands=tuple(m.Band(float(t), s) for t, s in zip(thresholds, shares, strict=True)),
        )
    if kind == m.LINEAR:
        zero, full = draw(st.lists(st.integers(0, 100), min_size=2, max_size=2, unique=True))
        return m.Rule(kind=kind, measure="percent", zero_at=float(zero), full_at=float(full))
    if kind == m.COUNT:
        cap = draw(st.floats(0.1, 1.0)) * max_points
        return m.Rule(kind=kind, per_item=draw(st.sampled_from([0.1, 0.25, 0.5, 1.0])), cap=cap)
    if kind == m.DEDUCTION:
        return m.Rule(
            kind=kind, per_violation=draw(st.sampled_from([0.1, 0.25, 0.5])), floor=draw(st.floats(0, 0.9)) * max_points
        )
    return m.Rule(kind=kind)


@st.composite
def leaves(draw, leaf_id: str) -> m.Leaf:
    max_points = draw(maxima)
    rule = draw(rules(max_points))
    part = m.SURVEY_PART if rule.kind == m.SURVEY else m.APPRAISAL
    return m.Leaf(id=leaf_id, name=leaf_id, max=max_points, rule=rule, source=SOURCE, part=part)


@st.composite
def criteria_sets(draw) -> m.CriteriaSet:
    fields = []
    counter = 0
    for f in range(draw(st.integers(1, 3))):
        criteria = []
        for c in range(draw(st.integers(1, 3))):
            items = []
            for _ in range(draw(st.integers(1, 4))):
                counter += 1
                leaf = draw(leaves(f"L{counter}"))
                items.append(m.Leaf(**{**leaf.__dict__, "field_id": str(f), "criterion_id": f"{f}.{c}"}))
            criteria.append(
                m.Criterion(id=f"{f}.{c}", name="c", max=sum(x.max for x in items), source=SOURCE, leaves=tuple(items))
            )
        fields.append(
            m.Field(id=str(f), name="f", max=sum(c.max for c in criteria), source=SOURCE, criteria=tuple(criteria))
        )
    bonus_items = tuple(draw(st.lists(leaves("B"), max_size=1)))
    penalty_items = tuple(draw(st.lists(leaves("P"), max_size=1)))
    bonus_items = tuple(m.Leaf(**{**x.__dict__, "part": m.BONUS, "rule": m.Rule(kind=m.MANUAL)}) for x in bonus_items)
    penalty_items = tuple(
        m.Leaf(**{**x.__dict__, "part": m.PENALTY, "rule": m.Rule(kind=m.MANUAL)}) for x in penalty_items
    )
    return m.CriteriaSet(
        id="h",
        name="h",
        decision="h",
        years=(2025,),
        unit_types=("so",),
        max_points=sum(f.max for f in fields),
        fields=tuple(fields),
        grades=(m.Grade("A", 90.0), m.Grade("B", 50.0), m.Grade("C", 0.0)),
        ties=draw(st.sampled_from(["standard", "dense"])),
        bonus=m.ExtraPoints(cap=draw(st.sampled_from([0.5, 1.0, 5.0])), items=bonus_items),
        penalty=m.ExtraPoints(cap=draw(st.sampled_from([0.5, 1.0, 5.0])), items=penalty_items),
    )


def value_strategy(leaf: m.Leaf, allow_na: bool = True):
    rule = leaf.rule
    if rule.kind == m.YES_NO:
        base = st.sampled_from([0.0, 1.0])
    elif rule.kind == m.LEVELS:
        base = st.integers(0, len(rule.levels) - 1).map(float)
    elif rule.kind in (m.COUNT, m.DEDUCTION):
        base = st.integers(0, 30).map(float)
    elif rule.kind == m.MANUAL:
        base = st.floats(0, leaf.max)
    else:
        base = st.floats(0, 100)
    if allow_na and leaf.part in (m.APPRAISAL, m.SURVEY_PART):
        return st.one_of(base, st.just(math.nan)) if leaf.rule.kind != m.MANUAL else base
    return base


@st.composite
def scored_inputs(draw):
    cs = draw(criteria_sets())
    n = draw(st.integers(1, 8))
    matrix = np.array([[draw(value_strategy(leaf)) for leaf in cs.columns] for _ in range(n)], dtype=float)
    units = pd.DataFrame({"unit": [f"U{i}" for i in range(n)], "unit_type": ["so"] * n})
    return cs, matrix, units


@settings(max_examples=150, deadline=None)
@given(scored_inputs())
def test_vectorised_scorer_matches_the_plain_reference(data):
    cs, matrix, units = data
    scores = score(compile_set(cs), matrix, units)
    for i in range(len(units)):
        expected = score_unit(cs, dict(zip([c.id for c in cs.columns], matrix[i], strict=True)))
        assert math.isclose(scores.total[i], expected["total"], abs_tol=1e-9)
        assert math.isclose(scores.max_applicable[i], expected["max_applicable"], abs_tol=1e-9)
    valid = ~np.isnan(scores.index_exact)
    expected_ranks = rank_units(
        scores.index_exact[valid].tolist(), ["so"] * int(valid.sum()), cs.index_decimals, cs.ties == "dense"
    )
    assert scores.rank[valid].tolist() == expected_ranks


@settings(max_examples=150, deadline=None)
@given(scored_inputs())
def test_leaf_points_stay_within_zero_and_max(data):
    cs, matrix, units = data
    scores = score(compile_set(cs), matrix, units)
    maxima = np.array([leaf.max for leaf in cs.columns])
    assert np.all(scores.points >= -1e-12)
    assert np.all(scores.points <= maxima + 1e-9)


@settings(max_examples=150, deadline=None)
@given(scored_inputs())
def test_totals_equal_the_sum_of_their_parts(data):
    cs, matrix, units = data
    scores = score(compile_set(cs), matrix, units)
    leaf_sum = scores.leaf_points.sum(axis=1)
    assert np.allclose(scores.field_points.sum(axis=1), leaf_sum)
    assert np.allclose(scores.criterion_points.sum(axis=1), leaf_sum)
    assert np.allclose(scores.appraisal + scores.survey, leaf_sum)
    assert np.allclose(scores.total, np.maximum(leaf_sum + scores.bonus - scores.penalty, 0))
    assert np.all(scores.bonus <= cs.bonus.cap + 1e-12) and np.all(scores.penalty <= cs.penalty.cap + 1e-12)


@settings(max_examples=100, deadline=None)
@given(scored_inputs())
def test_one_at_a_time_equals_all_at_once(data):
    cs, matrix, units = data
    compiled = compile_set(cs)
    together = score(compiled, matrix, units)
    for i in range(len(units)):
        alone = score(compiled, matrix[i : i + 1], units.iloc[i : i + 1])
        assert np.allclose(alone.points, together.points[i : i + 1])
        assert math.isclose(alone.total[0], together.total[i], rel_tol=1e-12, abs_tol=1e-12)
        assert alone.index[0] == together.index[i] or (math.isnan(alone.index[0]) and math.isnan(together.index[i]))


MEASURED = (m.BANDS, m.LINEAR, m.COUNT, m.SURVEY, m.MANUAL, m.YES_NO)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_raising_a_measured_value_never_lowers_points(data):
    max_points = data.draw(maxima)
    rule = data.draw(rules(max_points))
    if rule.kind not in MEASURED or (rule.kind == m.LINEAR and rule.full_at < rule.zero_at):
        return
    if rule.kind == m.BANDS and not rule.higher_is_better:
        return
    leaf = m.Leaf(id="x", name="x", max=max_points, rule=rule, source=SOURCE)
    cs = m.CriteriaSet(
        id="h",
        name="h",
        decision="h",
        years=(2025,),
        unit_types=("so",),
        max_points=max_points,
        fields=(m.Field("F", "f", max_points, SOURCE, (m.Criterion("C", "c", max_points, SOURCE, (leaf,)),)),),
        grades=(),
    )
    low = data.draw(value_strategy(leaf, allow_na=False))
    high = data.draw(value_strategy(leaf, allow_na=False))
    low, high = min(low, high), max(low, high)
    units = pd.DataFrame({"unit": ["a", "b"], "unit_type": ["so", "so"]})
    scores = score(compile_set(cs), np.array([[low], [high]]), units)
    assert scores.points[1, 0] >= scores.points[0, 0] - 1e-12
