"""The planner: options per rule kind, least-cost plans (checked against brute force), costs files."""

from __future__ import annotations

import bisect
import itertools
import math
import re
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parindex.criteria import compile_set, parse_value
from parindex.criteria import model as m
from parindex.errors import InputError
from parindex.i18n import MESSAGES, catalogue_areas
from parindex.planning import (
    CostModel,
    LeafCost,
    Option,
    PlanError,
    TableEntry,
    Target,
    apply_plan,
    competitors_by,
    competitors_moving,
    effort_curve,
    leaf_options,
    linear_segment,
    load_costs,
    parse_costs,
    plan,
    unit_options,
)
from parindex.scoring import leaf_points, rank_units, score, score_unit
from tests.conftest import INDICATORS, compile_text, one_field_set, score_rows
from tests.scoring.test_targets import HEADROOM_LEAVES, HEADROOM_ROW

# -- options ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def kinds_set():
    return compile_text(one_field_set(HEADROOM_LEAVES, 14))


def leaf(compiled, leaf_id):
    return next(x for x in compiled.leaves if x.id == leaf_id)


def read(compiled, leaf_id, text):
    return parse_value(text, leaf(compiled, leaf_id))


def triples(options):
    return [(o.value, o.text, pytest.approx(o.points), pytest.approx(o.cost)) for o in options]


def test_options_per_rule_kind_by_hand(kinds_set):
    def options(leaf_id, text, **kw):
        return triples(leaf_options(leaf(kinds_set, leaf_id), read(kinds_set, leaf_id, text), **kw))

    assert options("b1", "96") == [(100.0, "100 %", 1, 1)]
    assert options("b1", "90") == [(95.0, "95 %", 1, 1), (100.0, "100 %", 2, 2)]  # two bands up: two steps
    assert options("l1", "Kém") == [(1.0, "Khá", 1, 1), (0.0, "Tốt", 2, 2)]
    assert options("l1", "Tốt") == []
    assert options("y1", "không") == [(1.0, "có", 1, 1)]
    assert options("y1", "có") == []
    # linear 50 → 100 over 2 points, from 75: five even steps; cost 0.1 per percentage point
    assert options("n1", "75") == [
        (80.0, "80 %", 0.2, 0.5),
        (85.0, "85 %", 0.4, 1.0),
        (90.0, "90 %", 0.6, 1.5),
        (95.0, "95 %", 0.8, 2.0),
        (100.0, "100 %", 1.0, 2.5),
    ]
    # below zero_at the steps start at zero_at, but the cost counts from where the unit is
    assert [o[0] for o in options("n1", "40")] == [60.0, 70.0, 80.0, 90.0, 100.0]
    assert options("n1", "40")[0][3] == pytest.approx(2.0)
    assert options("c1", "1") == [(2.0, "2", 0.5, 1), (3.0, "3", 1.0, 2)]  # cap 1.5 at 3 items
    # deduction 0.5 per violation, floor 0: from 3, going to 2 still gives 0 and is dropped
    assert options("d1", "3") == [(1.0, "1", 0.5, 2), (0.0, "0", 1.0, 3)]
    assert options("s1", "80") == [] and options("m1", "0,5") == []  # not controllable by default
    assert leaf_options(leaf(kinds_set, "k1"), math.nan) == ()


def test_option_texts_read_back_to_their_values(kinds_set):
    scores = score_rows(kinds_set, [HEADROOM_ROW])
    for leaf_id, options in unit_options(scores, 0).items():
        for option in options:
            assert parse_value(option.text, leaf(kinds_set, leaf_id)) == option.value


def test_limits_cap_the_options(kinds_set):
    def values(leaf_id, text, limit):
        lf = leaf(kinds_set, leaf_id)
        return [o.value for o in leaf_options(lf, read(kinds_set, leaf_id, text), limit=limit)]

    assert values("b1", "90", 97.0) == [95.0]
    assert values("n1", "75", 88.0) == [77.6, 80.2, 82.8, 85.4, 88.0]
    assert values("y1", "không", 0.0) == []
    scores = score_rows(kinds_set, [HEADROOM_ROW])
    options = unit_options(scores, 0, limits={"l1": "Khá", "c1": 2})
    assert [o.text for o in options["l1"]] == ["Khá"] and [o.value for o in options["c1"]] == [2.0]
    with pytest.raises(PlanError, match="no sub-criterion 'zz'"):
        unit_options(scores, 0, limits={"zz": 1})
    with pytest.raises(PlanError) as error:
        unit_options(scores, 0, limits={"l1": "Xuất sắc"})
    assert error.value.message("vi").startswith("giới hạn 'Xuất sắc'")


def test_at_most_six_options_with_the_best_kept():
    lf = m.Leaf("c", "c", 2.0, m.Rule(kind=m.COUNT, per_item=0.1, cap=2.0), m.Source(reconstructed=True))
    options = leaf_options(lf, 0.0)
    assert len(options) == 6
    assert options[0].value == 1.0 and options[-1].value == 20.0 and options[-1].points == pytest.approx(2.0)
    assert len({o.points for o in options}) == 6


def test_cost_overrides(kinds_set):
    costs = CostModel(
        defaults={**CostModel().defaults, m.BANDS: 3.0},
        leaves={
            "l1": LeafCost(cost=0.5),
            "y1": LeafCost(controllable=False),
            "s1": LeafCost(table=(TableEntry(90.0, "90 %", 2.0), TableEntry(70.0, "70 %", 0.1))),
        },
    )
    scores = score_rows(kinds_set, [HEADROOM_ROW])
    options = unit_options(scores, 0, costs)
    assert "y1" not in options
    assert [o.cost for o in options["b1"]] == [3.0]
    assert [o.cost for o in options["l1"]] == [0.5, 1.0]
    assert triples(options["s1"]) == [(90.0, "90 %", 0.2, 2.0)]  # 70 % is worse than the current 80 %


def test_pareto_drops_dearer_options_that_add_nothing():
    rule = m.Rule(kind=m.LEVELS, levels=(m.Level("A", 1.0), m.Level("B", 1.0), m.Level("C", 0.0)))
    lf = m.Leaf("l", "l", 1.0, rule, m.Source(reconstructed=True))
    assert [o.text for o in leaf_options(lf, 2.0)] == ["B"]  # A gives the same points one step further


# -- plans by hand ----------------------------------------------------------------------------

PLAN_LEAVES = """
- {id: "a", name: base, max: 6, source: reconstructed, rule: {kind: manual}}
- {id: "y", name: yes/no, max: 1, source: reconstructed, rule: {kind: yes_no}}
- {id: "l", name: levels, max: 2, source: reconstructed,
   rule: {kind: levels, levels: [{label: Tốt, share: 100}, {label: Khá, share: 50}, {label: Kém, share: 0}]}}
- {id: "c", name: count, max: 1, source: reconstructed, rule: {kind: count, per_item: 0.5}}
"""
PLAN_ROWS = [("6", "có", "Tốt", "2"), ("5", "có", "Khá", "1"), ("5", "không", "Kém", "0"), ("6", "không", "Kém", "1")]
# indexes 100, 75, 50, 65: U2 is 4th. Its options (costs below): y có +1 (1); l Khá +1 (1.5), Tốt +2 (3);
# c 1 item +0.5 (0.4), 2 items +1 (0.8).
PLAN_COSTS = CostModel(leaves={"y": LeafCost(cost=1.0), "l": LeafCost(cost=1.5), "c": LeafCost(cost=0.4)})


def plan_scores(ties="standard"):
    compiled = compile_text(one_field_set(PLAN_LEAVES, 10, extra=f"ties: {ties}"))
    rows = [
        {"unit": f"U{i}", "unit_type": "so", "a": a, "y": y, "l": lv, "c": c}
        for i, (a, y, lv, c) in enumerate(PLAN_ROWS)
    ]
    return score_rows(compiled, rows)


def changes(result):
    return {s.leaf_id: (s.from_text, s.to_text) for s in result.steps}


@pytest.mark.parametrize("ties", ["standard", "dense"])
def test_plan_by_hand(ties):
    scores = plan_scores(ties)
    assert scores.index.tolist() == [100, 75, 50, 65]
    # rank 3 needs 64.995 % = 6.4995 points, 1.4995 more: có + one item (1 + 0.4) is cheapest
    third = plan(scores, 2, Target(rank=3), PLAN_COSTS)
    assert third.reachable and third.total_cost == pytest.approx(1.4)
    assert changes(third) == {"y": ("không", "có"), "c": ("0", "1")}
    assert third.new_index == 65 and third.new_rank == 3  # a tie with U3 is enough
    assert third.needed_points == pytest.approx(1.4995)
    # rank 2 needs 2.4995 more: có + Khá + one item = 2.5 points for 2.9
    second = plan(scores, 2, Target(rank=2), PLAN_COSTS)
    assert second.total_cost == pytest.approx(2.9) and second.new_rank == 2
    assert changes(second) == {"y": ("không", "có"), "l": ("Kém", "Khá"), "c": ("0", "1")}
    assert second.table()["to"].tolist() == ["có", "Khá", "1"]


def test_plans_for_grades_and_indexes():
    scores = plan_scores()
    grade_b = plan(scores, 2, Target(grade="B"), PLAN_COSTS)  # 80 %: +3 points, có + Khá + 2 items
    assert grade_b.total_cost == pytest.approx(3.3) and grade_b.new_index == 80
    assert plan(scores, 2, Target(index=70), PLAN_COSTS).total_cost == pytest.approx(1.8)  # có + 2 items
    with pytest.raises(PlanError, match="no grade 'Z'"):
        plan(scores, 2, Target(grade="Z"), PLAN_COSTS)


def test_unreachable_targets_give_the_best_rank():
    scores = plan_scores()
    # first place needs 100 %: 5 more points, and every option together gives 4 → 90 %, still 2nd
    first = plan(scores, 2, Target(rank=1), PLAN_COSTS)
    assert not first.reachable and first.reason == "unreachable_options"
    assert (first.best_rank, first.best_index) == (2, 90)
    assert first.steps == () and first.new_rank == 4
    # a budget of 1 buys one point at most (có, or two items for 0.8): 60 %, still 4th
    poor = plan(scores, 2, Target(rank=3), PLAN_COSTS, budget=1.0)
    assert not poor.reachable and poor.reason == "unreachable_budget"
    assert (poor.best_rank, poor.best_index) == (4, 60)
    # 2.5 buys có + two items = 2 points: 70 %, third but not second
    tight = plan(scores, 2, Target(rank=2), PLAN_COSTS, budget=2.5)
    assert (tight.reachable, tight.best_rank, tight.best_index) == (False, 3, 70)
    assert plan(scores, 2, Target(rank=2), PLAN_COSTS, budget=2.9).reachable
    assert "hạng 3" in tight.summary() and "rank 3" in tight.summary("en")


def test_already_there_and_bad_requests():
    scores = plan_scores()
    done = plan(scores, 1, Target(rank=3), PLAN_COSTS)
    assert done.reachable and done.reason == "already_met" and done.total_cost == 0 and done.steps == ()
    assert done.summary().startswith("Đơn vị đã đạt hạng 3")
    for bad in ({}, {"rank": 1, "index": 50.0}):
        with pytest.raises(PlanError):
            Target(**bad)
    with pytest.raises(PlanError, match="1 or more"):
        Target(rank=0)
    with pytest.raises(PlanError, match="budget"):
        plan(scores, 2, Target(rank=1), PLAN_COSTS, budget=-1)
    with pytest.raises(TypeError, match="budgt"):  # a misspelt option is refused, never silently ignored
        plan(scores, 2, Target(rank=1), PLAN_COSTS, budgt=1.0)
    with pytest.raises(TypeError, match="limit"):
        effort_curve(scores, 2, PLAN_COSTS, limit={"n": "75"})


def test_apply_plan_and_effort_curve():
    scores = plan_scores()
    result = plan(scores, 2, Target(rank=2), PLAN_COSTS)
    values = scores.values.copy()
    values[2] = apply_plan(scores, 2, result)
    assert score(scores.compiled, values, scores.units).rank[2] == 2
    assert scores.values[2, 1] == 0  # the scores themselves are untouched
    curve = effort_curve(scores, 2, PLAN_COSTS)
    assert curve["rank"].tolist() == [4, 3, 2]
    assert curve["min_cost"].tolist() == pytest.approx([0, 1.4, 2.9])
    assert effort_curve(scores, 2, PLAN_COSTS, budget=1.0)["rank"].tolist() == [4]


def test_competitors():
    scores = plan_scores()
    # everybody else gains one point (+10 %): U3 at 75 is now the one to tie for third
    moved = competitors_by(scores, 1.0)
    assert moved.tolist() == pytest.approx([110, 85, 60, 75])
    result = plan(scores, 2, Target(rank=3), PLAN_COSTS, competitors=moved)
    assert result.total_cost == pytest.approx(2.9) and result.new_rank == 3
    assert result.current_rank == 4
    # last year U1 was at 70 %: moving as much again puts it at 80 %
    last_year = score(
        scores.compiled, np.array([[6, 1, 0, 2], [4.5, 1, 1, 1], [5, 0, 2, 0], [6, 0, 2, 1]], float), scores.units
    )
    assert competitors_moving(last_year, scores).tolist() == pytest.approx([100, 80, 50, 65])
    assert competitors_moving(last_year, scores, factor=0.5).tolist() == pytest.approx([100, 77.5, 50, 65])
    renamed = last_year.units.assign(unit=["X0", "U1", "X2", "X3"])
    unmatched = score(scores.compiled, last_year.values, renamed)
    assert competitors_moving(unmatched, scores).tolist() == pytest.approx([100, 80, 50, 65])
    with pytest.raises(PlanError):
        plan(scores, 2, Target(rank=3), PLAN_COSTS, competitors=np.zeros(2))


def test_not_applicable_leaves_have_no_options():
    scores = plan_scores()
    values = scores.values.copy()
    values[2, 2] = np.nan  # "l" not applicable for U2: 8 points, max 8 → 5/8 = 62.5 %
    scores = score(scores.compiled, values, scores.units)
    assert "l" not in unit_options(scores, 2, PLAN_COSTS)
    result = plan(scores, 2, Target(rank=3), PLAN_COSTS)  # 65 % of 8 = 5.2: +0.2 via one item
    assert result.total_cost == pytest.approx(0.4) and result.new_rank == 3


# -- optimality against brute force ------------------------------------------------------------

SOURCE = m.Source(reconstructed=True)


GRID_LINEAR = (50.0, 100.0)  # the grid planner's instances
EXACT_LINEAR = (90.0, 100.0)  # narrower for the exhaustive search over every two-decimal value


@st.composite
def controllable_leaf(draw, leaf_id: str, linear: tuple[float, float] = GRID_LINEAR) -> m.Leaf:
    kind = draw(st.sampled_from([m.YES_NO, m.LEVELS, m.BANDS, m.LINEAR, m.COUNT, m.DEDUCTION]))
    mx = draw(st.sampled_from([1.0, 2.0, 3.0]))
    if kind == m.LEVELS:
        middle = draw(st.sampled_from([0.25, 0.5, 0.75]))
        rule = m.Rule(kind=kind, levels=(m.Level("A", 1.0), m.Level("B", middle), m.Level("C", 0.0)))
    elif kind == m.BANDS:
        shares = draw(st.sampled_from([(1.0, 0.5), (1.0, 0.6, 0.3)]))
        bands = tuple(m.Band(100.0 - 10 * i, s) for i, s in enumerate(shares))
        rule = m.Rule(kind=kind, measure="percent", bands=bands)
    elif kind == m.LINEAR:
        rule = m.Rule(kind=kind, measure="percent", zero_at=linear[0], full_at=linear[1])
    elif kind == m.COUNT:
        rule = m.Rule(kind=kind, per_item=mx / draw(st.sampled_from([2, 3])), cap=mx)
    elif kind == m.DEDUCTION:
        rule = m.Rule(kind=kind, per_violation=mx / draw(st.sampled_from([2, 3])))
    else:
        rule = m.Rule(kind=kind)
    return m.Leaf(leaf_id, leaf_id, mx, rule, SOURCE)


def raw_value(draw, lf: m.Leaf) -> float:
    kind = lf.rule.kind
    if kind == m.YES_NO:
        return float(draw(st.integers(0, 1)))
    if kind == m.LEVELS:
        return float(draw(st.integers(0, 2)))
    if kind == m.BANDS:
        return draw(st.sampled_from([60.0, 80.0, 85.0, 90.0, 95.0, 100.0]))
    if kind == m.LINEAR and lf.rule.zero_at == EXACT_LINEAR[0]:
        return draw(st.sampled_from([85.0, 92.5, 96.37, 99.99, 100.0]))
    if kind == m.LINEAR:
        return draw(st.sampled_from([40.0, 60.0, 75.0, 90.0, 100.0]))
    if kind in (m.COUNT, m.DEDUCTION):
        return float(draw(st.integers(0, 3)))
    return draw(st.integers(0, 40)) / 4  # the manual base, 0..10


@st.composite
def instances(draw, linear: tuple[float, float] = GRID_LINEAR):
    leaves = [draw(controllable_leaf(f"x{i}", linear)) for i in range(draw(st.integers(2, 4)))]
    base = m.Leaf("base", "base", 10.0, m.Rule(kind=m.MANUAL), SOURCE)
    leaves.append(base)
    total = sum(lf.max for lf in leaves)
    criterion = m.Criterion("C", "C", total, SOURCE, tuple(leaves))
    criteria_set = m.CriteriaSet(
        id="rand",
        name="rand",
        decision="-",
        years=(2025,),
        unit_types=("so",),
        max_points=total,
        fields=(m.Field("F", "F", total, SOURCE, (criterion,)),),
        grades=(),
        ties=draw(st.sampled_from(["standard", "dense"])),
        index_decimals=draw(st.integers(0, 2)),
    )
    n_units = draw(st.integers(3, 6))
    values = np.array([[raw_value(draw, lf) for lf in leaves] for _ in range(n_units)])
    costs = CostModel(
        leaves={
            lf.id: LeafCost(cost=draw(st.sampled_from([0.5, 1.0, 2.0, 3.0])))
            for lf in leaves[:-1]
            if draw(st.booleans())
        }
    )
    k = draw(st.integers(1, n_units))
    budget = draw(st.one_of(st.none(), st.sampled_from([0.0, 1.0, 2.0, 3.0, 5.0, 8.0])))
    return criteria_set, values, costs, k, budget


def brute_force(scores, row, costs, k, budget):
    """Every combination of at most one option per leaf, scored and ranked by the plain reference code."""
    cs = scores.compiled.criteria_set
    ids = list(scores.compiled.column_ids)
    menu = unit_options(scores, row, costs)
    others = [score_unit(cs, dict(zip(ids, v, strict=True)))["index"] for v in scores.values.tolist()]
    cheapest, best_rank = None, None
    choices = [[None, *options] for options in menu.values()]
    for combo in itertools.product(*choices):
        cost = sum(o.cost for o in combo if o is not None)
        if budget is not None and cost > budget + 1e-9:
            continue
        values = dict(zip(ids, scores.values[row].tolist(), strict=True))
        for leaf_id, option in zip(menu, combo, strict=True):
            if option is not None:
                values[leaf_id] = option.value
        indexes = others.copy()
        indexes[row] = score_unit(cs, values)["index"]
        rank = rank_units(indexes, ["so"] * len(indexes), cs.index_decimals, cs.ties == "dense")[row]
        best_rank = rank if best_rank is None else min(best_rank, rank)
        if rank <= k and (cheapest is None or cost < cheapest):
            cheapest = cost
    return cheapest, best_rank


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_grid_planner_matches_brute_force(instance):
    criteria_set, values, costs, k, budget = instance
    compiled = compile_set(criteria_set)
    units = pd.DataFrame({"unit": [f"U{i}" for i in range(len(values))], "unit_type": "so"})
    scores = score(compiled, values, units)
    row = int(np.argmax(scores.rank))  # the last unit, aiming above itself most of the time
    k = 1 + (k - 1) % int(scores.rank[row])
    cheapest, best_rank = brute_force(scores, row, costs, k, budget)
    result = plan(scores, row, Target(rank=k), costs, budget=budget, exact=False)
    assert result.reachable == (cheapest is not None)
    if cheapest is None:
        assert result.best_rank == best_rank
        return
    assert result.total_cost == pytest.approx(cheapest, abs=1e-6)
    moved = scores.values.copy()
    moved[row] = apply_plan(scores, row, result)
    assert score(compiled, moved, units).rank[row] == result.new_rank <= k


def every_value(scores, row, costs):
    """Per leaf, every (gain, cost) the unit can choose, "no change" first.

    Linear leaves: every two-decimal value better than now up to ``full_at`` (what a person can
    type), priced by distance; the other leaves: their listed options.
    """
    listed = unit_options(scores, row, costs)
    choices = []
    for j, lf in enumerate(scores.compiled.leaves):
        now = float(scores.values[row, j])
        setting = costs.setting(lf)
        if lf.rule.kind == m.LINEAR and (setting is None or setting.table is None):
            per_unit = costs.step_cost(lf)
            typed = np.arange(math.floor(now * 100 + 1e-6) + 1, round(lf.rule.full_at * 100) + 1) / 100
            gains = [leaf_points(lf, x) - leaf_points(lf, now) for x in typed]
            choices.append((np.array([0.0, *gains]), np.array([0.0, *(per_unit * (typed - now))])))
        elif lf.rule.kind == m.LINEAR or lf.id in listed:
            options = listed.get(lf.id, ())
            choices.append((np.array([0.0] + [o.points for o in options]), np.array([0.0] + [o.cost for o in options])))
    return choices


def frontier(choices):
    """The least cost of every reachable gain, over all combinations of one choice per leaf (gain ascending)."""
    gain, cost = np.zeros(1), np.zeros(1)
    for leaf_gain, leaf_cost in choices:
        gain = (gain[:, None] + leaf_gain[None, :]).ravel()
        cost = (cost[:, None] + leaf_cost[None, :]).ravel()
        order = np.lexsort((-gain, cost))  # cheapest first; then keep only those that gain more
        gain, cost = gain[order], cost[order]
        keep = gain > np.maximum.accumulate(np.concatenate([[-1.0], gain[:-1]]))
        gain, cost = gain[keep], cost[keep]
    return gain, cost


def exhaustive(scores, row, costs, k, budget):
    """Cheapest cost for rank ≤ k over every combination (:func:`every_value`), ranked by the reference code."""
    cs = scores.compiled.criteria_set
    ids = list(scores.compiled.column_ids)
    indexes = [score_unit(cs, dict(zip(ids, v, strict=True)))["index"] for v in scores.values.tolist()]
    mine = score_unit(cs, dict(zip(ids, scores.values[row].tolist(), strict=True)))
    gain, cost = frontier(every_value(scores, row, costs))
    if budget is not None:
        gain, cost = gain[cost <= budget + 1e-9], cost[cost <= budget + 1e-9]

    def rank(extra: float) -> int:
        indexes[row] = (mine["total"] + extra) / mine["max_applicable"] * 100
        return rank_units(indexes, ["so"] * len(indexes), cs.index_decimals, cs.ties == "dense")[row]

    # gain rises with cost along the frontier and the rank only improves with gain: bisect
    first = bisect.bisect_left(range(gain.size), True, key=lambda i: rank(float(gain[i])) <= k)
    return (float(cost[first]) if first < gain.size else None), rank(float(gain[-1]))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(EXACT_LINEAR))
def test_exact_plan_matches_an_exhaustive_search(instance):
    """The plan's cost is the least over every two-decimal value of each linear leaf, up to the rounding.

    The program is optimal over real values (a lower bound for the exhaustive search over typed
    values); the plan rounds each moved linear value up to the next 0,01, which costs at most one
    step per linear leaf it moves. It never costs more than the grid planner.
    """
    criteria_set, values, costs, k, budget = instance
    compiled = compile_set(criteria_set)
    units = pd.DataFrame({"unit": [f"U{i}" for i in range(len(values))], "unit_type": "so"})
    scores = score(compiled, values, units)
    row = int(np.argmax(scores.rank))
    k = 1 + (k - 1) % int(scores.rank[row])
    cheapest, best_rank = exhaustive(scores, row, costs, k, budget)
    result = plan(scores, row, Target(rank=k), costs, budget=budget)
    assert result.reachable == (cheapest is not None)
    if cheapest is None:
        assert result.best_rank == best_rank
        return
    rounding = sum(
        costs.step_cost(leaf(compiled, step.leaf_id)) / 100
        for step in result.steps
        if leaf(compiled, step.leaf_id).rule.kind == m.LINEAR
    )
    assert cheapest - 1e-6 <= result.total_cost <= cheapest + rounding + 1e-6
    grid = plan(scores, row, Target(rank=k), costs, budget=budget, exact=False)
    assert not grid.reachable or result.total_cost <= grid.total_cost + 1e-9
    moved = scores.values.copy()
    moved[row] = apply_plan(scores, row, result)
    assert score(compiled, moved, units).rank[row] == result.new_rank <= k
    for step in result.steps:
        lf = leaf(compiled, step.leaf_id)
        assert parse_value(step.to_text, lf) == step.value
        if lf.rule.kind == m.LINEAR:
            assert round(step.value, 2) == step.value


def test_linear_segment_by_hand(kinds_set):
    """n1: linear 50 → 100 % over 2 points, 0.1 per percentage point."""
    n1 = leaf(kinds_set, "n1")
    segment = linear_segment(n1, 75.0)
    assert (segment.first, segment.last, segment.scale) == (7501, 10000, 100)
    assert segment.base_points == pytest.approx(0.01 * 2 / 50) and segment.base_cost == pytest.approx(0.001)
    assert segment.points_step == pytest.approx(0.0004) and segment.cost_step == pytest.approx(0.001)
    assert segment.value(segment.steps) == 100.0
    below = linear_segment(n1, 40.0)  # the climb from 40 to 50 earns nothing but is paid for
    assert below.first == 5001 and below.base_cost == pytest.approx(1.001)
    assert below.base_points == pytest.approx(0.0004)
    assert linear_segment(n1, 75.0, limit=88.0).last == 8800
    assert linear_segment(n1, 100.0) is None and linear_segment(n1, 90.0, limit=80.0) is None
    assert linear_segment(leaf(kinds_set, "b1"), 90.0) is None
    days = m.Leaf("d", "d", 1.0, m.Rule(kind=m.LINEAR, measure="number", zero_at=10, full_at=2), SOURCE)
    falling = linear_segment(days, 7.5)  # fewer days is better: counted downwards
    assert (falling.sign, falling.value(0), falling.value(falling.steps)) == (-1, 7.49, 2.0)
    ratio = m.Leaf("r", "r", 1.0, m.Rule(kind=m.LINEAR, measure="ratio", zero_at=50, full_at=90), SOURCE)
    assert linear_segment(ratio, 78.6903).value(0) == 78.691  # a ratio of counts: three decimals


def test_exact_plan_by_hand():
    """One linear leaf 50 → 100 % worth 2 points against a yes/no worth 1 (cost 1)."""
    leaves = """
    - {id: "a", name: base, max: 7, source: reconstructed, rule: {kind: manual}}
    - {id: "y", name: yes/no, max: 1, source: reconstructed, rule: {kind: yes_no}}
    - {id: "n", name: linear, max: 2, source: reconstructed,
       rule: {kind: linear, measure: percent, zero_at: 50, full_at: 100}}
    """
    compiled = compile_text(one_field_set(leaves, 10))
    rows = [
        {"unit": "U0", "unit_type": "so", "a": "7", "y": "không", "n": "80"},  # 7 + 1.2 = 82 %
        {"unit": "U1", "unit_type": "so", "a": "7", "y": "không", "n": "60"},  # 7.4 = 74 %
    ]
    scores = score_rows(compiled, rows)
    # rank 1 needs a rounded 82 %, i.e. 81.995 % = 8.1995 points: +0.7995, i.e. 19.9875 percentage points
    # → 79.99 % (typed with two decimals, the first value that reaches it), cost 0.1 × 19.99 = 1.999;
    # "có" (+1 point) costs 1 and is cheaper
    result = plan(scores, 1, Target(rank=1))
    assert changes(result) == {"y": ("không", "có")} and result.total_cost == pytest.approx(1.0)
    dear = CostModel(leaves={"y": LeafCost(cost=2.5)})
    result = plan(scores, 1, Target(rank=1), dear)
    assert changes(result) == {"n": ("60 %", "79,99 %")} and result.total_cost == pytest.approx(1.999)
    assert result.steps[0].points == pytest.approx(0.7996) and result.new_rank == 1
    # 1.99875 would do over real values, but no typed value costs less than 1.999
    assert not plan(scores, 1, Target(rank=1), dear, budget=1.9985).reachable
    assert plan(scores, 1, Target(rank=1), dear, budget=1.999).total_cost == pytest.approx(1.999)
    # the grid planner offers 68, 76, 84, 92, 100 %: 84 % for 2.4
    assert plan(scores, 1, Target(rank=1), dear, exact=False).total_cost == pytest.approx(2.4)
    # with a limit at 75 % the linear leaf cannot do it alone: có (2.5) + the rest
    capped = plan(scores, 1, Target(rank=1), dear, limits={"n": "75"})
    assert changes(capped) == {"y": ("không", "có")}


SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample" / "so-2025-so-2026.csv"


@pytest.fixture(scope="module")
def sample_scores():
    from parindex.scoring import score_files

    return score_files(INDICATORS / "so-2025.yaml", SAMPLE)[0]


@pytest.mark.parametrize(
    ("unit", "rank", "grid_cost", "cheaper"),
    [
        ("Sở Dân tộc và Tôn giáo", 11, 0.227, 0.113),
        ("Sở Nông nghiệp và Môi trường", 8, 0.376, 0.331),
        ("Sở Du lịch", 10, 5.72, 5.61),
    ],
)
def test_the_cheaper_plans_on_the_sample(sample_scores, unit, rank, grid_cost, cheaper):
    """The plans the grid missed, under the default costs: shown with the decimals used in the report."""
    row = sample_scores.row_of(unit)
    grid = plan(sample_scores, row, Target(rank=rank), exact=False)
    assert round(grid.total_cost, 3) == grid_cost
    exact = plan(sample_scores, row, Target(rank=rank))
    decimals = len(str(cheaper).split(".")[1])
    assert exact.reachable and exact.new_rank <= rank
    assert round(exact.total_cost, decimals) <= cheaper


@pytest.mark.parametrize("target", [1, 5, 10])
def test_exact_plans_never_cost_more_than_the_grid(sample_scores, target):
    for row in range(len(sample_scores)):
        exact = plan(sample_scores, row, Target(rank=target))
        grid = plan(sample_scores, row, Target(rank=target), exact=False)
        assert exact.reachable or not grid.reachable
        if grid.reachable:
            assert exact.total_cost <= grid.total_cost + 1e-9
            moved = sample_scores.values.copy()
            moved[row] = apply_plan(sample_scores, row, exact)
            assert score(sample_scores.compiled, moved, sample_scores.units).rank[row] <= target


# -- shipped set ------------------------------------------------------------------------------


def test_plan_on_the_provincial_set():
    from parindex.rounds import SampleUnit, generate_values
    from parindex.scoring import load_compiled, parse_table

    compiled = load_compiled(INDICATORS / "tinh-876-2022.yaml")
    rng = np.random.default_rng(3)
    units = [SampleUnit(f"Tỉnh {i:02d}", "tinh") for i in range(63)]
    raw = generate_values(compiled.criteria_set, units, rng.beta(6, 2.2, size=63), rng)
    frame = pd.DataFrame(raw.to_numpy(dtype=object), columns=range(raw.shape[1]), dtype=object)
    frame.attrs["headers"] = list(raw.columns)
    table = parse_table(frame, compiled, "sample.csv")
    scores = score(compiled, table.values, table.units)
    row = int(np.argmin(np.abs(scores.rank - 20)))
    result = plan(scores, row, Target(rank=10))
    assert result.reachable and result.new_rank <= 10 and result.steps
    by_id = {x.id: x for x in compiled.leaves}
    for step in result.steps:
        assert by_id[step.leaf_id].rule.kind not in (m.SURVEY, m.MANUAL)
        assert parse_value(step.to_text, by_id[step.leaf_id]) == step.value
    cheaper = plan(scores, row, Target(rank=10), budget=result.total_cost - 0.01)
    assert not cheaper.reachable and cheaper.best_rank > 10


# -- costs file -------------------------------------------------------------------------------


def costs_text(body: str) -> str:
    return textwrap.dedent(body).lstrip()


def test_costs_file_is_read(kinds_set):
    model = parse_costs(
        costs_text("""
        criteria_set: test
        defaults: {linear: 0.2, bands: 2}
        leaves:
          l1: {cost: 0.5}
          c1: 3
          y1: {controllable: false}
          s1:
            table:
              - {value: "90,5", cost: 2}
              - {value: 100, cost: 5}
        """),
        kinds_set,
        "costs.yaml",
    )
    assert model.criteria_set == "test"
    assert model.defaults[m.LINEAR] == 0.2 and model.defaults[m.BANDS] == 2 and model.defaults[m.YES_NO] == 1
    assert model.leaves["l1"].cost == 0.5 and model.leaves["c1"].cost == 3
    assert not model.leaves["y1"].controllable
    assert [(e.value, e.text, e.cost) for e in model.leaves["s1"].table] == [(90.5, "90,5 %", 2), (100.0, "100 %", 5)]
    assert parse_costs("", kinds_set) == CostModel()


def test_the_readme_example_is_a_valid_costs_file():
    from parindex.scoring import load_compiled

    readme = (INDICATORS / "README.md").read_text(encoding="utf-8")
    example = readme.split("## Chi phí nỗ lực")[1].split("```yaml")[1].split("```")[0]
    model = parse_costs(example, load_compiled(INDICATORS / "tinh-876-2022.yaml"), "README.md")
    assert model.defaults[m.BANDS] == 2 and not model.leaves["2.3.1"].controllable
    assert [e.value for e in model.leaves["1.4.3"].table] == [90.0]  # a survey leaf, planned by its table


def test_costs_file_problems_name_file_and_line(kinds_set, tmp_path):
    path = tmp_path / "chi-phi.yaml"
    path.write_text(
        costs_text("""
        criteria_set: other
        defaults:
          yes_no: -1
          survey: 2
        leaves:
          zz: 1
          l1: {cost: 1, colour: red}
          b1: {cost: 1, table: [{value: 100, cost: 1}]}
          m1: {cost: 1}
          n1:
            table:
              - {value: "nhiều", cost: 1}
              - {value: 90, cost: -2}
          y1: {controllable: maybe}
        """),
        encoding="utf-8",
    )
    with pytest.raises(InputError) as error:
        load_costs(path, kinds_set)
    found = {(p.code, p.line) for p in error.value.problems}
    assert found == {
        ("cost_set_mismatch", 1),
        ("cost_negative", 3),
        ("unknown_key", 4),
        ("cost_unknown_leaf", 6),
        ("unknown_key", 7),
        ("cost_and_table", 8),
        ("cost_no_steps", 9),
        ("cost_table_value", 12),
        ("cost_negative", 13),
        ("expected_bool", 14),
    }
    assert all(p.file == "chi-phi.yaml" for p in error.value.problems)
    assert error.value.render().splitlines()[0].startswith("chi-phi.yaml:1: criteria_set")


def test_costs_file_rejects_bonus_items_and_reports_syntax():
    compiled = compile_text(
        one_field_set(
            '- {id: "a", name: a, max: 10, source: reconstructed, rule: {kind: yes_no}}',
            10,
            extra='bonus: {cap: 1, items: [{id: "T1", name: t, max: 1, source: reconstructed, rule: {kind: yes_no}}]}',
        )
    )
    with pytest.raises(InputError) as error:
        parse_costs("leaves:\n  T1: 1\n", compiled, "c.yaml")
    assert [(p.code, p.line) for p in error.value.problems] == [("cost_extra_item", 2)]
    with pytest.raises(InputError) as error:
        parse_costs("leaves: [\n", compiled, "c.yaml")
    assert error.value.problems[0].code == "yaml_syntax"


# -- messages ---------------------------------------------------------------------------------


def test_plan_messages_have_both_languages_with_the_same_placeholders():
    for key, entry in catalogue_areas()["plan"].items():
        assert key.startswith(("plan.", "problem.cost_")), key
        assert set(entry) == {"vi", "en"}, key
        assert set(re.findall(r"{(\w+)}", entry["vi"])) == set(re.findall(r"{(\w+)}", entry["en"])), key


def test_every_message_the_planner_uses_exists():
    from pathlib import Path

    import parindex.planning._planner as planner_module
    import parindex.scoring._targets as targets_module

    source = Path(planner_module.__file__).read_text() + Path(targets_module.__file__).read_text()
    plan_codes = set(re.findall(r'PlanError\("(\w+)"', source)) | set(re.findall(r'"plan\.(\w+)"', source))
    plan_codes |= {"reachable", "already_met", "unreachable_budget", "unreachable_options"}
    for code in plan_codes:
        assert f"plan.{code}" in catalogue_areas()["plan"], code
    for code in set(re.findall(r'self\.problem\(\s*"(\w+)"', source)):
        assert f"problem.{code}" in MESSAGES, code


def test_option_is_a_plain_value():
    assert Option(1.0, "có", 1.0, 1.0) == Option(1.0, "có", 1.0, 1.0)


# -- facts of the year --------------------------------------------------------------------------

FACT_LEAVES = """
- {id: "d1", name: officials disciplined, max: 1, source: reconstructed, plannable: {plannable},
   rule: {kind: deduction, per_violation: 0.5}}
- {id: "y1", name: yes/no, max: 1, source: reconstructed, rule: {kind: yes_no}}
"""


@pytest.mark.parametrize("plannable", [True, False])
def test_a_fact_of_the_year_is_never_part_of_a_plan(plannable):
    """Officials already disciplined cannot be undone: the set says so, and the plan takes the dearer way."""
    compiled = compile_text(one_field_set(FACT_LEAVES.replace("{plannable}", str(plannable).lower()), 2))
    rows = [
        {"unit": "A", "unit_type": "so", "d1": "1", "y1": "có"},  # 0.5 + 1 = 1.5
        {"unit": "B", "unit_type": "so", "d1": "2", "y1": "không"},  # 0 + 0 = 0
        {"unit": "C", "unit_type": "so", "d1": "0", "y1": "không"},  # 1 + 0 = 1
    ]
    scores = score_rows(compiled, rows)
    # B passes C with one violation fewer (cost 1) or with "có" (cost 3)
    costs = CostModel(leaves={"y1": LeafCost(cost=3.0)})
    result = plan(scores, 1, Target(rank=2), costs)
    assert result.reachable
    assert [step.leaf_id for step in result.steps] == (["d1"] if plannable else ["y1"])
    assert result.total_cost == pytest.approx(2.0 if plannable else 3.0)  # two violations fewer for 1 point


def test_plannable_must_be_true_or_false():
    with pytest.raises(InputError) as caught:
        compile_text(one_field_set(FACT_LEAVES.replace("{plannable}", "'không'"), 2))
    assert any(p.code == "expected_bool" and "plannable" in str(p.path) for p in caught.value.problems)


def test_shipped_sets_mark_discipline_as_a_fact_of_the_year():
    from parindex.scoring import load_compiled

    for name, leaf_id in [("so-2025.yaml", "5.6.1"), ("xa-2025.yaml", "5.4.1"), ("tinh-876-2022.yaml", "5.3.1")]:
        compiled = load_compiled(INDICATORS / name)
        facts = {x.id for x in compiled.columns if not x.plannable}
        assert leaf_id in facts, name
        penalties = {x.id for x in compiled.columns if x.part == m.PENALTY}
        assert penalties <= facts, name
