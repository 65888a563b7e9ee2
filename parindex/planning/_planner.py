"""The least effort that reaches a rank, a grade or an index, solved exactly as a mixed-integer program.

A unit asks "what is the cheapest set of improvements that lifts us to rank k?". Every leaf the
unit can still improve is one of two kinds of choice:

* **a few values** (:func:`leaf_options`): each better band or level, "có" for yes/no, one more
  item, one violation fewer, or the values of a costs file's ``table`` — a binary variable each,
  at most one per leaf;
* **any value** on a linear rule (:func:`linear_segment`): the new value is any number a person
  can type with two decimals (three for a ratio of counts, which staff turn back into a count)
  between the first one better than now and ``full_at`` (or the limit). Its points and its cost
  are both linear in the value — a binary "move this leaf" with the cost and points of the first
  enterable value, plus a continuous amount beyond it with its own points and cost per unit.

:func:`plan` then finds, with HiGHS via :func:`scipy.optimize.milp`, the choice whose points reach
what the target needs (see :mod:`parindex.scoring`) at the least total cost, and rounds each
moved linear value to the next enterable one in the direction that earns points. **Optimal**
means: the program's optimum is the least cost over every combination of at most one listed
value per leaf and *any real value* of each linear leaf (within its limit); the plan costs that
optimum plus the rounding — at most one step (0,01, or 0,001 for a ratio, × the leaf's cost per
unit) per linear leaf it moves, in practice one leaf. No plan a person can type is cheaper than
the optimum, so none is cheaper than the plan by more than that rounding. The answer is checked by
re-scoring the unit with :func:`parindex.scoring.score`; when a choice misses by a rounding hair,
the points asked for are raised by the miss and the program solved again, so a plan that says
"reachable" always reaches its target.

``exact=False`` gives the older planner, which offered five evenly spaced values per linear leaf
(the grid the exact plan is compared with in the tests and ``bench/plan_bench.py``).

Not planned: bonus and penalty items (outside the tree and awarded by others), survey results and
points a council awards (``manual``), and not-applicable leaves — unless a costs file gives a leaf
an explicit ``table`` of values and costs.

The effort costs come from :mod:`parindex.planning`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypedDict, Unpack

import numpy as np
import pandas as pd

from parindex.criteria import CellError, kind_of, parse_value
from parindex.criteria import model as m
from parindex.errors import ParindexError
from parindex.i18n import nfc, t
from parindex.scoring import (
    Scores,
    entry_decimals,
    leaf_points,
    rank_against,
    ranked_peers,
    required_index_at_least,
    required_index_for_rank,
    score,
    typed_value,
)

from ._costs import CostModel

MAX_OPTIONS = 6  # per leaf: enough to choose well, few enough to keep the program small
PLANNED_PARTS = (m.APPRAISAL, m.SURVEY_PART)  # bonus and penalty items are awarded by others
TOLERANCE = 1e-9  # slack on the points and budget rows; score() has the final word
MAX_CUTS = 25  # re-solves after a choice fails the re-scoring check (practically never more than one)


class PlanError(ParindexError, ValueError):
    """A request the planner cannot answer (bad target, unknown leaf…); ``code`` is a ``plan.*`` key."""

    prefix = "plan"


# -- options ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Option:
    """A reachable raw value better than the current one.

    ``text`` is what staff would type; ``points`` are the points it *adds* to the leaf's current
    points; ``cost`` is the effort to get there from the current value.
    """

    value: float
    text: str
    points: float
    cost: float


def step_candidates(leaf: m.Leaf, value: float, limit: float | None = None) -> list[tuple[float, float]]:
    """Better raw values of ``leaf`` and how many cost steps each is from ``value``.

    yes/no: "có" (1 step); levels: each level with a larger share (steps counted in share order);
    bands: each better band's threshold (steps = bands climbed); linear: up to five values towards
    ``full_at`` (steps = distance in the measure's unit); count: each extra item up to the cap;
    deduction: each violation fewer down to 0. Survey and manual have no steps.
    """
    return kind_of(leaf.rule).steps(leaf, value, limit)


def _pareto(candidates: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Keep options that gain points and are not beaten by a cheaper one: (value, gain, cost), cheapest first."""
    kept: list[tuple[float, float, float]] = []
    best = 1e-12
    for candidate in sorted(candidates, key=lambda c: (c[2], -c[1])):
        if candidate[1] > best + 1e-12:
            kept.append(candidate)
            best = candidate[1]
    return kept


def _thin(options: list[tuple[float, float, float]], count: int = MAX_OPTIONS) -> list[tuple[float, float, float]]:
    """At most ``count`` options, evenly spread, the cheapest and the best always kept."""
    if len(options) <= count:
        return options
    picks = np.unique(np.round(np.linspace(0, len(options) - 1, count)).astype(int))
    return [options[i] for i in picks]


def leaf_options(
    leaf: m.Leaf, value: float, costs: CostModel | None = None, limit: float | None = None
) -> tuple[Option, ...]:
    """The improvement options of one leaf at parsed ``value``, cheapest first (see :class:`Option`).

    ``limit`` is the best parsed value allowed (e.g. 98 % when 100 % is out of reach); options
    worth more points than the limit are dropped. Not-applicable values, bonus and penalty items
    and uncontrollable leaves have none.
    """
    if value is None or math.isnan(value) or leaf.part not in PLANNED_PARTS:
        return ()
    costs = costs or CostModel()
    setting = costs.setting(leaf)
    if setting is not None and not setting.controllable:
        return ()
    now = leaf_points(leaf, value)
    if setting is not None and setting.table is not None:
        priced = [(e.value, e.cost) for e in setting.table]
    else:
        per_step = costs.step_cost(leaf)
        if per_step is None:
            return ()
        priced = [(v, steps * per_step) for v, steps in step_candidates(leaf, value, limit)]
    ceiling = leaf_points(leaf, limit) + 1e-12 if limit is not None else math.inf
    scored = []
    for new_value, cost in priced:
        points = leaf_points(leaf, new_value)
        if points <= ceiling:
            scored.append((new_value, points - now, cost))
    return tuple(Option(v, typed_value(leaf, v), gain, cost) for v, gain, cost in _thin(_pareto(scored)))


def _limit_value(leaf: m.Leaf, raw: Any) -> float:
    """A limit as a parsed value: numbers are taken as parsed values, text is read by the leaf's rule."""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return float(raw)
    try:
        value = parse_value(raw, leaf)
    except CellError:
        value = math.nan
    if not isinstance(value, float) or math.isnan(value):
        raise PlanError("bad_limit", value=str(raw), id=leaf.id)
    return value


def unit_options(
    scores: Scores, row: int, costs: CostModel | None = None, limits: Mapping[str, Any] | None = None
) -> dict[str, tuple[Option, ...]]:
    """Options of every tree leaf of the unit in ``row`` that has any, by leaf id (document order)."""
    leaves = scores.compiled.leaves
    parsed = _parsed_limits(leaves, limits)
    result = {}
    for j, leaf in enumerate(leaves):
        options = leaf_options(leaf, float(scores.values[row, j]), costs, parsed.get(leaf.id))
        if options:
            result[leaf.id] = options
    return result


def _parsed_limits(leaves: tuple[m.Leaf, ...], limits: Mapping[str, Any] | None) -> dict[str, float]:
    if not limits:
        return {}
    by_id = {leaf.id: leaf for leaf in leaves}
    parsed = {}
    for leaf_id, raw in limits.items():
        if leaf_id not in by_id:
            raise PlanError("unknown_leaf", id=leaf_id)
        parsed[leaf_id] = _limit_value(by_id[leaf_id], raw)
    return parsed


# -- targets, steps, plans --------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """What to reach: a rank (≤ k), a grade (by its label) or a published index; exactly one."""

    rank: int | None = None
    grade: str | None = None
    index: float | None = None

    def __post_init__(self) -> None:
        if sum(x is not None for x in (self.rank, self.grade, self.index)) != 1:
            raise PlanError("bad_target")
        if self.rank is not None and self.rank < 1:
            raise PlanError("bad_rank", rank=self.rank)

    def describe(self, lang: str = "vi") -> str:
        if self.rank is not None:
            return t("plan.target_rank", lang, rank=self.rank)
        if self.grade is not None:
            return t("plan.target_grade", lang, grade=self.grade)
        return t("plan.target_index", lang, index=float(self.index))


@dataclass(frozen=True)
class Step:
    """One change in a plan: a leaf moved from one raw value to a better one."""

    leaf_id: str
    name: str
    column: int
    value: float
    from_text: str
    to_text: str
    points: float
    cost: float


@dataclass(frozen=True)
class Plan:
    """The cheapest way to a target, or — when there is none — how far the unit can get.

    ``new_*`` describe the unit after the steps (its current figures when unreachable);
    ``new_index`` is the published (rounded) index, ``new_index_exact`` the one before rounding.
    ``best_rank``/``best_index`` are filled when unreachable: the best the options and budget allow
    (plan for ``Target(rank=best_rank)`` to see how). ``reason`` is a ``plan.*`` message key suffix.
    ``alone``: the unit is the only ranked one of its type (a province scoring itself), so it has no
    rank to speak of — its summary names the index only, never "rank 1".
    """

    unit: str
    target: Target
    reachable: bool
    reason: str
    steps: tuple[Step, ...]
    total_cost: float
    needed_points: float
    current_total: float
    current_index: float
    current_rank: int
    new_total: float
    new_index: float
    new_index_exact: float
    new_rank: int
    budget: float | None = None
    best_rank: int | None = None
    best_index: float | None = None
    alone: bool = False

    @property
    def points_gained(self) -> float:
        return float(sum(step.points for step in self.steps))

    def summary(self, lang: str = "vi") -> str:
        target = self.target.describe(lang)
        alone = "_alone" if self.alone else ""
        if self.reason == "already_met":
            return t(f"plan.already_met{alone}", lang, target=target, rank=self.current_rank, index=self.current_index)
        if self.reachable:
            return t(
                f"plan.reachable{alone}",
                lang,
                target=target,
                steps=len(self.steps),
                cost=float(self.total_cost),
                index=float(self.new_index),
                rank=self.new_rank,
            )
        return t(
            f"plan.{self.reason}{alone}",
            lang,
            target=target,
            budget=float(self.budget or 0.0),
            best_rank=self.best_rank,
            best_index=float(self.best_index or 0.0),
        )

    def table(self) -> pd.DataFrame:
        """The steps, one row each: what to change on which leaf, the points it adds and its cost."""
        return pd.DataFrame(
            {
                "leaf_id": [s.leaf_id for s in self.steps],
                "name": [s.name for s in self.steps],
                "from": [s.from_text for s in self.steps],
                "to": [s.to_text for s in self.steps],
                "points": [s.points for s in self.steps],
                "cost": [s.cost for s in self.steps],
            }
        )


@dataclass(frozen=True)
class _Outcome:
    """The unit after a set of changes, as score() sees it."""

    total: float
    index: float
    index_exact: float
    rank: int


@dataclass(frozen=True)
class Segment:
    """Every value a person can type on one linear leaf, from the first better than now to the best allowed.

    Values are counted in steps of ``1/scale`` of the measure (0,01, or 0,001 for a ratio) along
    the direction that earns points (``sign`` = +1 when higher is better): ``first`` and ``last``
    are those counts. Moving the leaf at all costs ``base_cost`` and adds ``base_points`` (the value
    ``first``; below ``zero_at`` the climb to it earns nothing but is paid for); each further step
    adds ``points_step`` for ``cost_step``. Both are linear in the value, so the program's optimum
    over real values is exact; only the final rounding to a whole step remains.
    """

    leaf_id: str
    sign: int
    scale: int
    first: int
    last: int
    base_points: float
    base_cost: float
    points_step: float
    cost_step: float

    @property
    def steps(self) -> int:
        """How many steps past ``first`` the leaf can still go."""
        return self.last - self.first

    def value(self, k: int) -> float:
        """The parsed value ``k`` steps past ``first``."""
        return self.sign * (self.first + k) / self.scale


def linear_segment(
    leaf: m.Leaf, value: float, costs: CostModel | None = None, limit: float | None = None
) -> Segment | None:
    """The continuous choice of a linear leaf at parsed ``value`` (see :class:`Segment`), or None.

    None when the leaf is not linear, not applicable, not controllable, priced by a ``table``, or
    already at its best (or its ``limit``).
    """
    rule = leaf.rule
    if not kind_of(rule).continuous or value is None or math.isnan(value) or leaf.part not in PLANNED_PARTS:
        return None
    costs = costs or CostModel()
    setting = costs.setting(leaf)
    if setting is not None and setting.table is not None:
        return None
    per_unit = costs.step_cost(leaf)
    if per_unit is None:
        return None
    sign = 1 if rule.full_at > rule.zero_at else -1
    goal = sign * rule.full_at
    if limit is not None:
        goal = min(goal, sign * limit)
    scale = 10 ** entry_decimals(leaf)
    last = math.floor(goal * scale + 1e-6)
    first = math.floor(max(sign * value, sign * rule.zero_at) * scale + 1e-6) + 1
    if last < first:
        return None
    now = leaf_points(leaf, value)
    start = sign * first / scale
    return Segment(
        leaf_id=leaf.id,
        sign=sign,
        scale=scale,
        first=first,
        last=last,
        base_points=leaf_points(leaf, start) - now,
        base_cost=per_unit * abs(start - value),
        points_step=leaf.max / abs(rule.full_at - rule.zero_at) / scale,
        cost_step=per_unit / scale,
    )


def _segments_of(
    scores: Scores, row: int, costs: CostModel, parsed: Mapping[str, float]
) -> dict[str, tuple[int, Segment]]:
    """The linear leaves of the unit in ``row`` planned as continuous choices: leaf id → (column, segment)."""
    found = {}
    for j, leaf in enumerate(scores.compiled.leaves):
        segment = linear_segment(leaf, float(scores.values[row, j]), costs, parsed.get(leaf.id))
        if segment is not None:
            found[leaf.id] = (j, segment)
    return found


@dataclass(frozen=True)
class _Menu:
    """Every choice of one unit, as the program's variables.

    Variables, in order: one binary per listed option (option o belongs to leaf ``group[o]``, at
    most one per leaf), then one binary per segment ("move this linear leaf"), then one continuous
    amount per segment (steps past its first value, rounded once solved). ``gain`` and ``cost`` are per variable.
    """

    columns: np.ndarray  # per option: column of its leaf in the value matrix
    group: np.ndarray
    options: tuple[Option, ...]
    leaves: tuple[m.Leaf, ...]  # per option
    n_groups: int
    segments: tuple[Segment, ...]
    segment_columns: np.ndarray
    segment_leaves: tuple[m.Leaf, ...]
    gain: np.ndarray
    cost: np.ndarray
    upper: np.ndarray

    @property
    def n_options(self) -> int:
        return len(self.options)

    def __len__(self) -> int:
        return self.gain.size

    def moves(self) -> slice:
        """The segments' binaries."""
        return slice(self.n_options, self.n_options + len(self.segments))

    def steps(self) -> slice:
        """The segments' amounts."""
        return slice(self.n_options + len(self.segments), len(self))

    def leaf_best(self) -> np.ndarray:
        """The choice that takes every leaf to its most points (cheapest among equals)."""
        x = np.zeros(len(self))
        if self.n_options:
            gain, cost = self.gain[: self.n_options], self.cost[: self.n_options]
            order = np.lexsort((cost, -gain, self.group))
            first = np.ones(order.size, dtype=bool)
            first[1:] = self.group[order][1:] != self.group[order][:-1]
            x[order[first]] = 1.0
        x[self.moves()] = 1.0
        x[self.steps()] = self.upper[self.steps()]
        return x


def _menu(scores: Scores, row: int, costs: CostModel, limits: Mapping[str, Any] | None, exact: bool = True) -> _Menu:
    by_id = scores.compiled.column_index()
    leaves_by_id = {leaf.id: leaf for leaf in scores.compiled.leaves}
    parsed = _parsed_limits(scores.compiled.leaves, limits)
    segments = _segments_of(scores, row, costs, parsed) if exact else {}
    columns, group, options, leaves = [], [], [], []
    listed = {k: v for k, v in unit_options(scores, row, costs, limits).items() if k not in segments}
    for g, (leaf_id, leaf_opts) in enumerate(listed.items()):
        for option in leaf_opts:
            columns.append(by_id[leaf_id])
            group.append(g)
            options.append(option)
            leaves.append(leaves_by_id[leaf_id])
    segs = tuple(segment for _, segment in segments.values())
    return _Menu(
        columns=np.array(columns, dtype=np.intp),
        group=np.array(group, dtype=np.intp),
        options=tuple(options),
        leaves=tuple(leaves),
        n_groups=(group[-1] + 1) if group else 0,
        segments=segs,
        segment_columns=np.array([column for column, _ in segments.values()], dtype=np.intp),
        segment_leaves=tuple(leaves_by_id[leaf_id] for leaf_id in segments),
        gain=np.array(
            [o.points for o in options] + [s.base_points for s in segs] + [s.points_step for s in segs], dtype=float
        ),
        cost=np.array(
            [o.cost for o in options] + [s.base_cost for s in segs] + [s.cost_step for s in segs], dtype=float
        ),
        upper=np.array([1.0] * (len(options) + len(segs)) + [float(s.steps) for s in segs]),
    )


def _solve(menu: _Menu, objective: np.ndarray, gain_min: float | None, budget: float | None) -> np.ndarray | None:
    """Optimal choice (see :class:`_Menu`) under the rows given, as the variables' values; None if infeasible.

    The segments' amounts come back rounded to whole steps: up when points are asked for (the
    target is kept), down otherwise (the budget is kept).
    """
    from scipy.optimize import Bounds, LinearConstraint, milp  # the planner's only use of scipy

    n = len(menu)
    if n == 0:
        return np.zeros(0) if gain_min is None or gain_min <= TOLERANCE else None
    rows, lower, upper = [], [], []
    if menu.n_groups:
        one_each = np.zeros((menu.n_groups, n))
        one_each[menu.group, np.arange(menu.n_options)] = 1.0
        rows.append(one_each)
        lower.append(np.full(menu.n_groups, -np.inf))
        upper.append(np.ones(menu.n_groups))
    if menu.segments:  # steps only on a leaf that moves: k − K·move ≤ 0
        count = len(menu.segments)
        link = np.zeros((count, n))
        link[np.arange(count), np.arange(menu.moves().start, menu.moves().stop)] = -menu.upper[menu.steps()]
        link[np.arange(count), np.arange(menu.steps().start, n)] = 1.0
        rows.append(link)
        lower.append(np.full(count, -np.inf))
        upper.append(np.zeros(count))
    if gain_min is not None:
        rows.append(menu.gain[None, :])
        lower.append(np.array([gain_min - TOLERANCE]))
        upper.append(np.array([np.inf]))
    if budget is not None:
        rows.append(menu.cost[None, :])
        lower.append(np.array([-np.inf]))
        upper.append(np.array([budget + TOLERANCE]))
    integrality = np.ones(n)
    integrality[menu.steps()] = 0  # general integers here make HiGHS prove optimality very slowly
    result = milp(
        objective,
        integrality=integrality,
        bounds=Bounds(0, menu.upper),
        constraints=LinearConstraint(np.vstack(rows), np.concatenate(lower), np.concatenate(upper)),
        options={"mip_rel_gap": 0.0},
    )
    if result.x is None:
        return None
    x = np.round(result.x)
    amounts = result.x[menu.steps()]
    whole = np.ceil(amounts - 1e-6) if gain_min is not None else np.floor(amounts + 1e-6)
    x[menu.steps()] = np.clip(whole, 0.0, menu.upper[menu.steps()])
    return x


def _prune(menu: _Menu, x: np.ndarray, gain_min: float) -> np.ndarray:
    """Drop what the target does not need (a zero-cost step, or a solver hair), dearest first.

    Listed options and whole segment moves go first; then each moved segment gives back the
    steps the target does not need.
    """
    x = x.copy()
    n_opt, count = menu.n_options, len(menu.segments)
    surplus = float(menu.gain @ x) - gain_min + TOLERANCE
    items = [(menu.cost[o], [o]) for o in np.flatnonzero(x[:n_opt] > 0.5)]
    for s in range(count):
        move, steps = n_opt + s, n_opt + count + s
        if x[move] > 0.5:
            items.append((menu.cost[move] + menu.cost[steps] * x[steps], [move, steps]))
    for _, indices in sorted(items, key=lambda item: -item[0]):
        gain = float(menu.gain[indices] @ x[indices])
        if gain <= surplus:
            surplus -= gain
            x[indices] = 0.0
    for s in range(count):
        steps = n_opt + count + s
        step = menu.gain[steps]
        if x[n_opt + s] > 0.5 and step > 0:
            give_back = min(math.floor(surplus / step), int(x[steps]))
            x[steps] -= give_back
            surplus -= give_back * step
    return x


class _Planner:
    """One unit's choices and current standing, reused across targets (the effort curve solves many)."""

    def __init__(
        self,
        scores: Scores,
        row: int,
        costs: CostModel | None,
        limits: Mapping[str, Any] | None,
        competitors: np.ndarray | None,
        exact: bool = True,
    ):
        if math.isnan(scores.index_exact[row]):
            raise PlanError("no_index", unit=str(scores.units["unit"][row]))
        if competitors is not None:
            competitors = np.asarray(competitors, dtype=float)
            if competitors.shape != scores.index.shape:
                raise PlanError("competitors_shape", expected=scores.index.size, actual=competitors.size)
        self.scores = scores
        self.row = row
        self.competitors = competitors
        self.menu = _menu(scores, row, costs or CostModel(), limits, exact)
        self.raw_total = float(scores.appraisal[row] + scores.survey[row] + scores.bonus[row] - scores.penalty[row])
        self.current = self._outcome_of(scores)

    # -- evaluating choices --------------------------------------------------------------------
    def changes(self, x: np.ndarray) -> list[tuple[int, float, m.Leaf, float]]:
        """(column, new value, leaf, cost) of every leaf the choice ``x`` moves."""
        menu = self.menu
        found = [
            (int(menu.columns[o]), menu.options[o].value, menu.leaves[o], menu.options[o].cost)
            for o in np.flatnonzero(x[: menu.n_options] > 0.5)
        ]
        count = len(menu.segments)
        for s, segment in enumerate(menu.segments):
            if x[menu.n_options + s] > 0.5:
                k = int(x[menu.n_options + count + s])
                cost = segment.base_cost + k * segment.cost_step
                found.append((int(menu.segment_columns[s]), segment.value(k), menu.segment_leaves[s], cost))
        return found

    def values_with(self, x: np.ndarray) -> np.ndarray:
        values = self.scores.values[self.row].copy()
        for column, value, _, _ in self.changes(x):
            values[column] = value
        return values

    def cost_of(self, x: np.ndarray) -> float:
        return float(sum(cost for _, _, _, cost in self.changes(x)))

    def _outcome_of(self, scores: Scores) -> _Outcome:
        row = self.row
        index = float(scores.index[row])
        rank = int(scores.rank[row]) if self.competitors is None else rank_against(scores, row, index, self.competitors)
        return _Outcome(float(scores.total[row]), index, float(scores.index_exact[row]), rank)

    def evaluate(self, x: np.ndarray) -> _Outcome:
        """Re-score every unit with this unit's chosen values: the check no plan skips."""
        if not x.any():
            return self.current
        matrix = self.scores.values.copy()
        matrix[self.row] = self.values_with(x)
        return self._outcome_of(score(self.scores.compiled, matrix, self.scores.units))

    # -- targets -------------------------------------------------------------------------------
    def threshold(self, target: Target) -> tuple[float, Callable[[_Outcome], bool]]:
        """The exact index the target needs, and the test a re-scored outcome must pass."""
        scores = self.scores
        if target.rank is not None:
            index = required_index_for_rank(scores, self.row, target.rank, self.competitors)
            assert index is not None  # rank ≥ 1 and the unit has an index: checked before
            return index, lambda outcome: outcome.rank <= target.rank
        if target.grade is not None:
            grades = scores.compiled.grade_labels
            wanted = nfc(target.grade).casefold()
            match = [g for g in grades if wanted in (g.label.casefold(), (g.label_en or "").casefold())]
            if not match:
                raise PlanError("unknown_grade", grade=target.grade, options=", ".join(g.label for g in grades))
            minimum = match[0].min_index
        else:
            minimum = float(target.index)
        index = required_index_at_least(scores, minimum)
        factor = 10.0**scores.compiled.criteria_set.index_decimals
        rounded = math.ceil((minimum - 1e-9) * factor - 1e-9) / factor
        return index, lambda outcome: outcome.index >= rounded - 1e-9

    def needed_points(self, index: float) -> float:
        return index / 100.0 * float(self.scores.max_applicable[self.row]) - self.raw_total

    # -- solving -------------------------------------------------------------------------------
    def cheapest(
        self, needed: float, budget: float | None, meets: Callable[[_Outcome], bool]
    ) -> tuple[np.ndarray, _Outcome] | None:
        """Least-cost choice whose re-scored outcome meets the target, or None.

        A choice that misses when re-scored (by a rounding hair) raises the points asked for by
        the miss, and one whose rounding breaks the budget lowers the budget given to the program
        by the excess; the program is then solved again.
        """
        if len(self.menu) == 0 or self.best_gain_unlimited() < needed - TOLERANCE:
            return None
        asked, allowed = needed, budget
        for attempt in range(MAX_CUTS):
            x = _solve(self.menu, self.menu.cost, asked, allowed)
            if x is None:
                return None
            for candidate in (_prune(self.menu, x, asked), x):
                within = budget is None or self.cost_of(candidate) <= budget + TOLERANCE
                outcome = self.evaluate(candidate)
                if within and meets(outcome):
                    return candidate, outcome
            if budget is not None and self.cost_of(x) > budget + TOLERANCE:  # the rounding broke the budget
                allowed = (allowed or 0.0) - (self.cost_of(x) - budget)
            else:
                asked = max(asked, float(self.menu.gain @ x)) + 1e-9 * 10**attempt
        return None

    def best_gain_unlimited(self) -> float:
        return float(self.menu.gain @ self.menu.leaf_best())

    def best(self, budget: float | None) -> tuple[np.ndarray, _Outcome]:
        """The choice with the most points within the budget: the best rank and index reachable."""
        menu = self.menu
        chosen = np.zeros(len(menu))
        if len(menu) and budget is None:
            chosen = menu.leaf_best()
        elif len(menu):
            found = _solve(menu, -menu.gain, None, budget)
            if found is not None and self.cost_of(found) <= budget + TOLERANCE:
                chosen = found
        return chosen, self.evaluate(chosen)

    def plan(self, target: Target, budget: float | None = None) -> Plan:
        if budget is not None and budget < 0:
            raise PlanError("bad_budget", budget=float(budget))
        index, meets = self.threshold(target)
        needed = self.needed_points(index)
        base = {
            "unit": str(self.scores.units["unit"][self.row]),
            "target": target,
            "needed_points": max(needed, 0.0),
            "current_total": self.current.total,
            "current_index": self.current.index,
            "current_rank": self.current.rank,
            "budget": budget,
            "alone": ranked_peers(self.scores, self.row) < 2,
        }
        now = self.current
        unchanged = {
            "steps": (),
            "total_cost": 0.0,
            "new_total": now.total,
            "new_index": now.index,
            "new_index_exact": now.index_exact,
            "new_rank": now.rank,
        }  # a plan with no step leaves the unit where it is
        if meets(self.current):
            return Plan(reachable=True, reason="already_met", **unchanged, **base)
        found = self.cheapest(needed, budget, meets)
        if found is None:
            _, best = self.best(budget)
            unlimited = self.best_gain_unlimited() >= needed - TOLERANCE
            reason = "unreachable_budget" if budget is not None and unlimited else "unreachable_options"
            return Plan(reachable=False, reason=reason, best_rank=best.rank, best_index=best.index, **unchanged, **base)
        chosen, outcome = found
        steps = self.steps(chosen)
        return Plan(
            reachable=True,
            reason="reachable",
            steps=steps,
            total_cost=float(sum(s.cost for s in steps)),
            new_total=outcome.total,
            new_index=outcome.index,
            new_index_exact=outcome.index_exact,
            new_rank=outcome.rank,
            **base,
        )

    def steps(self, x: np.ndarray) -> tuple[Step, ...]:
        values = self.scores.values[self.row]
        steps = []
        for column, value, leaf, cost in self.changes(x):
            before = float(values[column])
            steps.append(
                Step(
                    leaf_id=leaf.id,
                    name=leaf.name,
                    column=column,
                    value=value,
                    from_text=typed_value(leaf, before, decimals=2),
                    to_text=typed_value(leaf, value),
                    points=leaf_points(leaf, value) - leaf_points(leaf, before),
                    cost=cost,
                )
            )
        return tuple(sorted(steps, key=lambda s: s.column))


class PlanOptions(TypedDict, total=False):
    """What :func:`plan` and :func:`effort_curve` take besides the unit and its costs; all optional.

    ``budget`` caps the total cost; ``limits`` maps leaf id → the best raw value allowed (text as typed, or a
    parsed number); ``competitors`` replaces the other units' exact indexes (see :func:`competitors_moving`
    and :func:`competitors_by`); ``exact=False`` offers five evenly spaced values on a linear leaf instead of
    any two-decimal value (see :func:`linear_segment`), the older grid planner kept for comparison.
    """

    budget: float | None
    limits: Mapping[str, Any] | None
    competitors: np.ndarray | None
    exact: bool


def _planner(scores: Scores, row: int, costs: CostModel | None, options: PlanOptions) -> _Planner:
    """The planner for one unit; an option :class:`PlanOptions` does not name is refused, not ignored."""
    unknown = set(options) - PlanOptions.__optional_keys__
    if unknown:
        raise TypeError(f"unknown planning options: {', '.join(sorted(unknown))}")
    limits, competitors = options.get("limits"), options.get("competitors")
    return _Planner(scores, row, costs, limits, competitors, options.get("exact", True))


def plan(
    scores: Scores, row: int, target: Target, costs: CostModel | None = None, **options: Unpack[PlanOptions]
) -> Plan:
    """The least-cost set of improvements that takes the unit in ``row`` to ``target``.

    At most one option per leaf (see :func:`leaf_options`), any two-decimal value on a linear leaf; the
    ``options`` are those of :class:`PlanOptions`. When the target cannot be reached, the plan says so and
    gives the best rank and index reachable within the options and budget.
    """
    return _planner(scores, row, costs, options).plan(target, options.get("budget"))


def effort_curve(
    scores: Scores, row: int, costs: CostModel | None = None, **options: Unpack[PlanOptions]
) -> pd.DataFrame:
    """Least cost for every rank from the current one up to the best reachable: rank, min_cost, …

    ``new_rank`` can be better than ``rank`` where the cheapest way lands past a tie; the ``options`` are
    those of :class:`PlanOptions`.
    """
    planner = _planner(scores, row, costs, options)
    budget = options.get("budget")
    _, best = planner.best(budget)
    records = []
    for k in range(planner.current.rank, best.rank - 1, -1):
        result = planner.plan(Target(rank=k), budget)
        if not result.reachable:  # only a solver hair can cause this; the curve stops where plans stop
            break
        records.append(
            {
                "rank": k,
                "min_cost": result.total_cost,
                "new_rank": result.new_rank,
                "new_index": result.new_index,
                "steps": len(result.steps),
            }
        )
    return pd.DataFrame.from_records(records, columns=["rank", "min_cost", "new_rank", "new_index", "steps"])


def apply_plan(scores: Scores, row: int, plan: Plan) -> np.ndarray:
    """The unit's parsed values after ``plan`` (a copy of its row), ready to use as a scenario."""
    values = np.array(scores.values[row], dtype=float, copy=True)
    for step in plan.steps:
        values[step.column] = step.value
    return values


# -- what the others might do -----------------------------------------------------------------


def competitors_moving(previous: Scores, scores: Scores, factor: float = 1.0) -> np.ndarray:
    """Exact indexes if every unit changes again as it did since ``previous`` (× ``factor``).

    Units are matched by name; a unit without a previous index is assumed to stay where it is.
    """
    before = pd.Series(previous.index_exact, index=previous.units["unit"].to_numpy())
    before = before[~before.index.duplicated()]
    change = scores.index_exact - before.reindex(scores.units["unit"].to_numpy()).to_numpy()
    return scores.index_exact + factor * np.nan_to_num(change, nan=0.0)


def competitors_by(scores: Scores, delta_points: float | np.ndarray) -> np.ndarray:
    """Exact indexes if every unit gains ``delta_points`` of total (one number, or one per row)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        moved = scores.index_exact + np.asarray(delta_points, dtype=float) / scores.max_applicable * 100.0
    return np.maximum(moved, 0.0)
