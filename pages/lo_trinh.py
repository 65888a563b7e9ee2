"""Lộ trình cải thiện (planner): the least effort that reaches a rank, a grade or an index."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from parindex.criteria import KINDS
from parindex.errors import InputError, Problem
from parindex.inputs import MAX_CELL_CHARS
from parindex.planning import (
    DEFAULT_STEP_COSTS,
    CostModel,
    LeafCost,
    PlanError,
    Scenario,
    Target,
    competitors_by,
    competitors_moving,
    effort_curve,
    parse_costs,
    plan,
)
from parindex.scoring import ranked_peers
from ui.common import catalog, choose_unit, how_computed, localised, num, pct, scored, scored_page
from ui.markdown import NO_VALUE, escape_markdown, lang, tr
from ui.number_inputs import decimal_input
from ui.plans import plan_checklist
from ui.running import show_error


def national_target_widget(column, scores, row: int, year: int) -> Target:
    """Top K nationally at a confidence level → the index the national rank model needs, as an index target."""
    from parindex.analysis import comparison_year, load_national, national_name
    from parindex.planning import national_goal, unit_province
    from ui.resources import ROOT, settings

    national = load_national(ROOT / "data" / "national")
    published = comparison_year(national, year) or max(national.provinces["year"])
    province = unit_province(national, scores, row, published)
    configured = national_name(settings().province or "")
    if province is None and configured in national.provinces_of(published):
        province = configured
    top = int(column.number_input(tr("national.top_k"), 1, 63, 10, key="plan_national_top"))
    levels = [round(x / 100, 2) for x in range(50, 100)]  # shown as "80 %", not "0.80"
    level = column.select_slider(
        tr("national.confidence"), levels, value=0.8, key="plan_confidence", format_func=lambda v: pct(v * 100, 0)
    )
    goal = national_goal(national, published, top, level, province)
    (st.info if goal.index is not None else st.warning)(escape_markdown(goal.describe(lang())))
    how_computed("ui.how_national_target")
    return Target(index=goal.index if goal.index is not None else 100.0)


view, scores, _ = scored_page("ui.page_planner", "lo_trinh")
compiled = scores.compiled
unit, row = choose_unit(scores, default_position=len(scores) // 2)
peers = int((scores.units["unit_type"] == scores.units["unit_type"][row]).sum())
st.caption(
    tr(
        "ui.planner_now" if ranked_peers(scores, row) > 1 else "ui.planner_now_alone",
        rank=num(scores.rank[row], 0),
        count=num(peers, 0),
        index=pct(float(scores.index[row])),
        grade=scores.grade(row, lang()) or "—",
    )
)

kinds = {
    "rank": tr("ui.target_rank"),
    "grade": tr("ui.target_grade"),
    "index": tr("ui.target_index"),
    "national": tr("national.target_kind"),
}
if ranked_peers(scores, row) < 2:  # scored alone: no rank within the province to aim for
    del kinds["rank"]
    st.caption(tr("plan.unit_alone", unit=unit))
c1, c2, c3 = st.columns(3)
kind = c1.radio(tr("ui.target"), list(kinds), format_func=kinds.__getitem__, key="plan_kind", horizontal=True)
if kind == "national":
    target = national_target_widget(c2, scores, row, view.year)
elif kind == "rank":
    value = c2.number_input(tr("ui.target_rank"), 1, peers, max(1, min(10, int(scores.rank[row]) - 1)), key="plan_rank")
    target = Target(rank=int(value))
elif kind == "grade":
    labels = [g.label for g in compiled.criteria_set.grades]
    target = Target(grade=c2.selectbox(tr("ui.target_grade"), labels, key="plan_grade"))
else:
    target = Target(index=decimal_input(tr("ui.target_index"), 90.0, 0.0, 100.0, "plan_index", container=c2))
budget_on = c3.toggle(tr("ui.budget"), key="plan_budget_on")
budget = decimal_input(tr("ui.budget_value"), 10.0, 0.0, 1000.0, "plan_budget", container=c3) if budget_on else None

moves = {"none": tr("ui.others_still"), "trend": tr("ui.others_trend"), "points": tr("ui.others_points")}
others = st.radio(tr("ui.others"), list(moves), format_func=moves.__getitem__, key="plan_others", horizontal=True)
competitors = None
if others == "trend":
    previous = catalog().previous(view.dataset)
    if previous is None:
        st.caption(tr("ui.no_previous_year"))
    else:
        competitors = competitors_moving(scored(previous)[0], scores)
elif others == "points":
    competitors = competitors_by(scores, decimal_input(tr("ui.others_gain"), 1.0, 0.0, 20.0, "plan_gain"))

with st.expander(tr("ui.costs")):
    st.caption(tr("ui.costs_hint"))
    leaves = [leaf for leaf in compiled.leaves if leaf.rule.kind in DEFAULT_STEP_COSTS]
    kind_names = {k: tr(f"ui.kind_{k}") for k in KINDS}
    defaults = pd.DataFrame(
        {
            "id": [leaf.id for leaf in leaves],
            "name": [leaf.label(lang()) for leaf in leaves],
            "kind": [kind_names[leaf.rule.kind] for leaf in leaves],
            "controllable": [leaf.plannable for leaf in leaves],
            "cost": [DEFAULT_STEP_COSTS[leaf.rule.kind] for leaf in leaves],
            "limit": "",
        }
    )
    edited = st.data_editor(
        defaults,
        hide_index=True,
        width="stretch",
        key="plan_costs",
        disabled=["id", "name", "kind"],
        column_config={
            "id": st.column_config.TextColumn(tr("col.id")),
            "name": st.column_config.TextColumn(tr("col.name")),
            "kind": st.column_config.TextColumn(tr("ui.rule_kind")),
            "controllable": st.column_config.CheckboxColumn(tr("ui.controllable")),
            "cost": st.column_config.NumberColumn(tr("ui.cost_per_step"), min_value=0.0, step=0.1),
            "limit": st.column_config.TextColumn(tr("ui.limit"), help=tr("ui.limit_help"), max_chars=MAX_CELL_CHARS),
        },
        placeholder=NO_VALUE,
    )
    st.caption(tr("ui.planner_options_hint"))
    costs_file = st.file_uploader(tr("ui.costs_file"), type=["yaml", "yml"], key="plan_costs_file")

overrides = {
    r.id: LeafCost(cost=float(r.cost), controllable=bool(r.controllable))
    for r in edited.itertuples()
    if not r.controllable
    or abs(float(r.cost) - DEFAULT_STEP_COSTS[compiled.leaves[compiled.column_index()[r.id]].rule.kind]) > 1e-12
}
costs = CostModel(leaves=overrides)
limits = {r.id: str(r.limit).strip() for r in edited.itertuples() if str(r.limit or "").strip()}
if costs_file is not None:
    try:
        from_file = parse_costs(costs_file.getvalue().decode("utf-8"), compiled, costs_file.name)
        costs = CostModel(defaults=from_file.defaults, leaves={**from_file.leaves, **overrides})
    except UnicodeDecodeError:
        show_error(InputError([Problem("not_utf8", file=costs_file.name)]))
    except InputError as error:
        show_error(error)

if st.button(tr("ui.make_plan"), type="primary", key="make_plan", icon=":material/route:"):
    try:
        with st.spinner(tr("ui.planning")):
            result = plan(scores, row, target, costs, budget=budget, limits=limits, competitors=competitors)
            curve = effort_curve(scores, row, costs, budget=None, limits=limits, competitors=competitors)
        st.session_state["plan_result"] = (unit, view.dataset.key, result, curve)
    except PlanError as error:
        show_error(error)

stored = st.session_state.get("plan_result")
if stored and stored[0] == unit and stored[1] == view.dataset.key:
    _, _, result, curve = stored
    plan_checklist(result, "plan_checklist")
    how_computed("ui.how_plan")
    if result.steps and st.button(tr("ui.open_in_whatif"), key="open_whatif", icon=":material/tune:"):
        st.session_state["planned_scenario"] = Scenario(
            {unit: {s.leaf_id: s.to_text for s in result.steps}}, tr("ui.page_planner")
        )
        st.switch_page("pages/mo_phong.py")
    if not curve.empty:
        st.subheader(tr("ui.effort_curve"))
        st.caption(tr("ui.effort_curve_hint"))
        how_computed("ui.how_curve")
        chart = (
            alt.Chart(curve)
            .mark_line(point=True, color="#8a1c1c", interpolate="step-after")
            .encode(
                x=alt.X("min_cost:Q", title=tr("ui.effort")),
                y=alt.Y(
                    "rank:Q",
                    title=tr("ui.col_rank"),
                    scale=alt.Scale(reverse=True, zero=False),
                    axis=alt.Axis(format="d"),
                ),
                tooltip=[
                    alt.Tooltip("rank:Q", title=tr("ui.col_rank")),
                    alt.Tooltip("min_cost:Q", title=tr("ui.effort")),
                    alt.Tooltip("new_index:Q", title=tr("ui.col_index"), format=".2f"),
                ],
            )
            .properties(height=280)
        )
        st.altair_chart(localised(chart), width="stretch")
