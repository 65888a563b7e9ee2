"""A plan shown as a checklist, and the province's own plan to the national top K (Cấp tỉnh).

The planner page and Cấp tỉnh show a plan the same way: its summary, then one row per step whose
"done" box is the only thing to edit. On Cấp tỉnh the plan starts from the province's own figures
(a draft's blanks at their estimated values, marked) and the leader's brief is built from the same
figures, named after the province chosen there.
"""

from __future__ import annotations

import functools

import pandas as pd
import streamlit as st

from parindex.analysis import NationalData, official_name
from parindex.errors import ParindexError
from parindex.planning import Plan, plan_national
from parindex.reports import Heading, ReportRequest, brief_pdf, file_name
from parindex.scoring import Scores
from ui.common import num
from ui.markdown import NO_VALUE, escape_markdown, lang, tr
from ui.resources import settings
from ui.running import show_error


def plan_checklist(result: Plan, key: str, estimated: frozenset[str] = frozenset()) -> None:
    """The plan's summary and its steps as a checklist; a step from an estimated value says so."""
    (st.success if result.reachable else st.warning)(escape_markdown(result.summary(lang())))
    if not result.steps:
        return
    checklist = result.table()
    pairs = zip(checklist["leaf_id"], checklist["from"], strict=True)
    starts = [tr("draft.estimated_value", value=a) if i in estimated else a for i, a in pairs]
    columns = [tr("col.id"), tr("col.name"), tr("ui.from_to"), tr("ui.points_gained"), tr("ui.effort")]
    st.data_editor(  # only the "done" ticks can be edited: a checklist to work through
        pd.DataFrame(
            {
                tr("ui.done"): False,
                columns[0]: checklist["leaf_id"],
                columns[1]: checklist["name"],
                columns[2]: [f"{a} → {b}" for a, b in zip(starts, checklist["to"], strict=True)],
                columns[3]: [num(v) for v in checklist["points"]],
                columns[4]: [num(v, None) for v in checklist["cost"]],
            }
        ),
        hide_index=True,
        width="stretch",
        key=key,
        disabled=columns,
        placeholder=NO_VALUE,
    )


def province_plan(
    scores: Scores,
    row: int,
    national: NationalData,
    year: int,
    top: int,
    province: str,
    estimated: frozenset[str] = frozenset(),
) -> None:
    """The least effort from the province's own figures (``row``) to P(top ``top``) ≥ 80 % in ``year``, and
    the leader's brief from the same figures; ``estimated``: the leaves whose values a draft's estimate filled."""
    key = ("national_plan", province, year, top, scores.values[row].round(9).tobytes())  # NaN-safe, unlike a tuple
    # The click is kept by its callback, before the run: a run cut short by another rerun (a grid losing focus
    # sends its state) would otherwise lose the button's one-run True, and the plan with it.
    st.button(
        tr("national.make_plan", k=top),
        key="national_make_plan",
        icon=":material/route:",
        on_click=st.session_state.__setitem__,
        args=("national_plan_wanted", key),
    )
    if st.session_state.get("national_plan_wanted") == key and st.session_state.get("national_plan", (None,))[0] != key:
        try:
            with st.spinner(tr("ui.planning")):
                st.session_state["national_plan"] = (
                    key,
                    plan_national(scores, row, national, year, top, 0.8, province),
                )
        except ParindexError as error:
            st.session_state.pop("national_plan_wanted", None)
            show_error(error)
    stored = st.session_state.get("national_plan")
    if stored and stored[0] == key:
        goal, result = stored[1]
        (st.info if goal.index is not None else st.warning)(escape_markdown(goal.describe(lang())))
        if result is not None:
            plan_checklist(result, "national_checklist", estimated)
    heading = Heading.from_settings(settings()).naming(official_name(province))
    name = file_name(ReportRequest("brief", unit=official_name(province)), year)
    st.download_button(
        tr("ui.report_download", file=name),
        data=functools.partial(brief_pdf, scores, row, year, heading, national, lang(), estimated=len(estimated)),
        file_name=name,
        mime="application/pdf",
        key="national_brief",
        icon=":material/download:",
        on_click="ignore",
    )
