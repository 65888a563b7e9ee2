"""Mô phỏng (what-if): change a unit's raw values and see the new index, rank and grade at once."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import streamlit as st

from parindex.criteria import MAX_COUNT, kind_of
from parindex.criteria import model as m
from parindex.errors import InputError
from parindex.i18n import format_datetime
from parindex.planning import Scenario, ScenarioStore, apply, compare, decode, encode, leaf_differences
from parindex.scoring import entry_decimals, headroom, typed_value
from ui.common import choose_unit, num, page_link_markdown, pct, scored_page, signed_in
from ui.markdown import NO_VALUE, escape_markdown, lang, tr
from ui.number_inputs import decimal_input, rate_slider
from ui.resources import settings
from ui.running import confirmed, show_problems

view, before, _ = scored_page("ui.page_whatif", "mo_phong")
compiled = before.compiled
store = ScenarioStore(settings().data_dir / "scenarios")

# A scenario arrives from a link (?scenario=payload or ?saved=id) or from the planner.
incoming: Scenario | None = None
try:
    if "scenario" in st.query_params and st.session_state.get("loaded_link") != st.query_params["scenario"]:
        st.session_state["loaded_link"] = st.query_params["scenario"]
        incoming = decode(st.query_params["scenario"], compiled)
    elif "saved" in st.query_params and st.session_state.get("loaded_link") != st.query_params["saved"]:
        st.session_state["loaded_link"] = st.query_params["saved"]
        incoming = store.load(st.query_params["saved"], compiled).scenario
except InputError as error:
    show_problems(error)
if "planned_scenario" in st.session_state:
    incoming = st.session_state.pop("planned_scenario")
if incoming is not None and incoming.changes:
    st.session_state["unit"] = next(iter(incoming.changes))
    st.session_state["whatif_seed"] = incoming
    st.session_state["whatif_generation"] = st.session_state.get("whatif_generation", 0) + 1

unit, row = choose_unit(before)
seed: Scenario = st.session_state.get("whatif_seed") or Scenario()
seeded = seed.changes.get(unit, {})
generation = st.session_state.get("whatif_generation", 0)


def seeded_value(leaf: m.Leaf, current: float) -> float:
    """The starting value of a leaf's input: the scenario's, if it has one, else the current value."""
    if leaf.id not in seeded:
        return current
    try:
        return float(apply(before, Scenario({unit: {leaf.id: seeded[leaf.id]}})).values[row, column_of[leaf.id]])
    except InputError:
        return current


def shown_start(leaf: m.Leaf, current: float) -> float:
    """The value an input starts at, as the input can show it (a rate to two decimals, like 99,79 %)."""
    start = seeded_value(leaf, current)
    if kind_of(leaf.rule).widget(leaf.rule) == "rate":
        return round(start, entry_decimals(leaf))  # a planned value like 99,79 % must stay 99,79
    return start


def leaf_input(leaf: m.Leaf, start: float) -> float:
    """An input suited to the rule: toggle, level list, slider for a rate, whole numbers for counts."""
    key = f"wi_{generation}_{row}_{leaf.id}"
    label = f"{escape_markdown(leaf.id)} · {escape_markdown(leaf.label(lang()))} ({num(leaf.max, None)})"
    rule = leaf.rule
    kind = kind_of(rule)
    widget = kind.widget(rule)
    if widget == "toggle":
        return 1.0 if st.toggle(label, value=start >= 0.5, key=key) else 0.0
    if widget == "choice":
        labels = [lv.label_en if lang() == "en" and lv.label_en else lv.label for lv in rule.levels]
        return float(st.selectbox(label, range(len(labels)), index=int(start), format_func=labels.__getitem__, key=key))
    if widget == "whole":
        return float(st.number_input(label, min_value=0, max_value=MAX_COUNT, value=int(start), step=1, key=key))
    if widget == "points":
        return decimal_input(label, float(start), 0.0, float(leaf.max), key)
    if widget == "rate":
        return rate_slider(label, float(start), key, marks=kind.marks(rule), decimals=entry_decimals(leaf))
    return decimal_input(label, float(start), -1e12, 1e12, key)


column_of = compiled.column_index()


@st.fragment
def simulator() -> None:
    """Only this part reruns when an input changes, so editing stays quick."""
    lost = compiled.column_max[: compiled.n_leaves] - before.leaf_points[row]
    changes: dict[str, str] = {}
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.caption(tr("ui.whatif_hint"))
        for field in compiled.criteria_set.fields:
            leaves = [leaf for c in field.criteria for leaf in c.leaves]
            order = sorted(leaves, key=lambda lf: -lost[column_of[lf.id]])
            field_lost = sum(
                lost[column_of[lf.id]] for lf in leaves if not math.isnan(before.values[row, column_of[lf.id]])
            )
            with st.expander(
                f"{escape_markdown(field.id)}. {escape_markdown(field.label(lang()))} — {tr('ui.headroom', points=num(field_lost))}"
            ):
                for leaf in order:
                    current = float(before.values[row, column_of[leaf.id]])
                    if math.isnan(current):
                        st.caption(
                            f"{escape_markdown(leaf.id)} · {escape_markdown(leaf.label(lang()))}: {tr('explain.not_applicable')}"
                        )
                        continue
                    start = shown_start(leaf, current)
                    if math.isnan(start):  # the scenario marks it not applicable
                        st.caption(
                            f"{escape_markdown(leaf.id)} · {escape_markdown(leaf.label(lang()))}: {tr('explain.not_applicable')}"
                        )
                        changes[leaf.id] = seeded[leaf.id]
                        continue
                    chosen = leaf_input(leaf, start)
                    if abs(chosen - start) > 1e-9 or leaf.id in seeded:  # untouched inputs change nothing
                        changes[leaf.id] = typed_value(leaf, chosen)
    scenario = Scenario({unit: changes} if changes else {})
    after = apply(before, scenario)
    st.session_state["whatif_current"] = scenario
    with right:
        peers = int((before.units["unit_type"] == before.units["unit_type"][row]).sum())
        c1, c2 = st.columns(2)
        c1.metric(
            tr("ui.col_index"),
            pct(float(after.index[row])),
            delta=tr("ui.index_points", value=num(float(after.index[row] - before.index[row]))) if changes else None,
        )
        c2.metric(
            tr("ui.col_rank"),
            f"{int(after.rank[row])}/{peers}",
            delta=int(before.rank[row] - after.rank[row]) if changes else None,
        )
        c3, c4 = st.columns(2)
        c3.metric(tr("ui.col_grade"), escape_markdown(after.grade(row, lang()) or "—"))
        c4.metric(
            tr("ui.col_total"),
            num(float(after.total[row])),
            delta=num(float(after.total[row] - before.total[row])) if changes else None,
        )
        st.markdown(
            tr(
                "ui.whatif_summary",
                rank_before=num(before.rank[row], 0),
                rank_after=num(after.rank[row], 0),
                index_before=pct(float(before.index[row])),
                index_after=pct(float(after.index[row])),
                count=len(changes),
            )
        )
        table = compare(before, after, lang())
        position = int(np.flatnonzero(table["unit"].to_numpy() == unit)[0])
        window = table.iloc[max(0, position - 5) : position + 6]
        st.dataframe(
            pd.DataFrame(
                {
                    tr("ui.col_rank"): [
                        f"{b} → {a}" if a != b else str(a)
                        for b, a in zip(window["rank_before"], window["rank_after"], strict=True)
                    ],
                    tr("ui.col_unit"): [f"▶ {u}" if u == unit else u for u in window["unit"]],
                    tr("ui.col_index"): [
                        f"{pct(b)} → {pct(a)}" if a != b else pct(a)
                        for b, a in zip(window["index_before"], window["index_after"], strict=True)
                    ],
                }
            ),
            hide_index=True,
            width="stretch",
            placeholder=NO_VALUE,
        )
        if changes:
            diff = leaf_differences(before, after, row, lang())
            st.dataframe(
                pd.DataFrame(
                    {
                        tr("col.id"): diff["id"],
                        tr("col.name"): diff["name"],
                        tr("col.points"): [
                            f"{num(b)} → {num(a)}"
                            for b, a in zip(diff["points_before"], diff["points_after"], strict=True)
                        ],
                    }
                ),
                hide_index=True,
                width="stretch",
                placeholder=NO_VALUE,
            )
            st.markdown(page_link_markdown(tr("ui.share_link"), "mo_phong", share_query(scenario)))


MAX_COMPARED = 4


def created_text(created: str) -> str:
    try:
        return format_datetime(dt.datetime.fromisoformat(created), lang())
    except ValueError:
        return ""


def saved_query(saved_id: int) -> str:
    """The address of a saved scenario in the current view."""
    from urllib.parse import urlencode

    return urlencode({"saved": saved_id, "set": compiled.criteria_set.id, "year": view.year, "type": view.unit_type})


def share_query(scenario: Scenario) -> str:
    from urllib.parse import urlencode

    params = {k: st.session_state[k] for k in ("lang", "set", "year", "type") if k in st.session_state}
    return urlencode({**params, "scenario": encode(scenario)})


simulator()

with st.expander(tr("ui.headroom_table")):
    st.caption(tr("ui.headroom_hint"))
    room = headroom(before, row, lang())
    room = room[room["available"] > 1e-9].sort_values("available", ascending=False, kind="stable")
    st.dataframe(
        pd.DataFrame(
            {
                tr("col.id"): room["id"],
                tr("col.name"): room["name"],
                tr("col.raw"): room["value"],
                tr("col.points"): [num(v) for v in room["points"]],
                tr("ui.available"): [num(v) for v in room["available"]],
                tr("ui.next_steps"): room["next"],
            }
        ),
        hide_index=True,
        width="stretch",
        placeholder=NO_VALUE,
    )

st.divider()
st.subheader(tr("ui.saved_scenarios"))
can_save = signed_in() is not None and signed_in().can("save_scenarios")
if can_save:
    with st.form("save_scenario", clear_on_submit=True):
        name = st.text_input(tr("ui.scenario_name"), max_chars=120, key="scenario_name")
        if st.form_submit_button(tr("ui.save_scenario"), icon=":material/save:"):
            current: Scenario = st.session_state.get("whatif_current") or Scenario()
            if not current.changes:
                st.warning(tr("ui.nothing_to_save"))
            else:
                saved = store.save(
                    Scenario(current.changes, name.strip() or unit),
                    compiled.criteria_set.id,
                    view.year,
                    view.unit_type,
                    signed_in(),
                )
                confirmed(
                    tr("ui.saved", name=escape_markdown(saved.name)), refresh=False
                )  # the list below is read after
                st.markdown(page_link_markdown(tr("ui.share_link"), "mo_phong", saved_query(saved.id)))

saved_list = store.list(compiled, view.year)
if saved_list:
    labels = {s.id: f"{s.name} ({created_text(s.created)})" for s in saved_list}
    chosen = st.multiselect(
        tr("ui.compare_scenarios"),
        list(labels),
        format_func=labels.__getitem__,
        placeholder=tr("ui.widget_choose"),
        key="compare",
    )
    if len(chosen) > MAX_COMPARED:  # said here in our words, not by the widget's English limit message
        st.caption(tr("ui.compare_max", count=MAX_COMPARED))
        chosen = chosen[:MAX_COMPARED]
    if len(chosen) >= 2:
        rows = []
        for scenario_id in chosen:
            saved = next(s for s in saved_list if s.id == scenario_id)
            try:
                result = apply(before, saved.scenario)
            except InputError:
                continue
            for target in saved.scenario.changes:
                r = before.row_of(target) if target in before.units["unit"].tolist() else None
                if r is None:
                    continue
                rows.append(
                    {
                        tr("ui.scenario_name"): saved.name,
                        tr("ui.col_unit"): target,
                        tr("ui.changes"): len(saved.scenario.changes[target]),
                        tr("ui.col_index"): f"{pct(float(before.index[r]))} → {pct(float(result.index[r]))}",
                        tr("ui.col_rank"): f"{int(before.rank[r])} → {int(result.rank[r])}",
                        tr("ui.col_grade"): result.grade(r, lang()),
                    }
                )
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", placeholder=NO_VALUE)
    for saved in saved_list[:10]:
        link = page_link_markdown(escape_markdown(saved.name), "mo_phong", saved_query(saved.id))
        st.markdown(f"- {link} · {escape_markdown(created_text(saved.created))}")
else:
    st.caption(tr("ui.no_saved"))
