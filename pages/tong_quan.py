"""Tổng quan: the ranking, grade counts, distribution, field heat map and field leaders."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from parindex.errors import InputError
from parindex.scoring import field_leaders, field_shares, grade_counts, rank_change
from ui.common import catalog, key_column_config, localised, num, on_phone, pct, scored, scored_page
from ui.markdown import NO_VALUE, escape_markdown, lang, tr

view, scores, _ = scored_page("ui.page_overview", "tong_quan")
cs = view.compiled.criteria_set
previous = catalog().previous(view.dataset)
try:
    previous_scores = scored(previous)[0] if previous is not None else None
except InputError:  # a broken earlier year only loses the "change" column
    previous_scores = None

change = rank_change(scores, previous_scores).to_numpy()
order = scores.ranking_order()
index = scores.index

unit_count = f"{len(scores)}"
mean_index = pct(float(np.nanmean(index)))
best_index = pct(float(np.nanmax(index)))
lowest_index = pct(float(np.nanmin(index)))
if on_phone():  # one line, so the ranking starts on the first screen
    st.markdown(tr("ui.overview_line", units=unit_count, mean=mean_index, best=best_index, lowest=lowest_index))
else:
    col1, col2, col3, col4 = st.columns(4)
    col1.metric(tr("ui.units"), unit_count)
    col2.metric(tr("ui.mean_index"), mean_index)
    col3.metric(tr("ui.best"), best_index)
    col4.metric(tr("ui.lowest"), lowest_index)
names = scores.units["unit"].to_numpy()
st.markdown(tr("ui.first_last", first=names[order[0]], last=names[order[-1]]))
counts = grade_counts(scores, lang())
st.markdown(
    tr("ui.grade_counts")
    + " "
    + " · ".join(f"**{escape_markdown(row.grade)}**: {int(row.units)}" for row in counts.itertuples())
)

st.subheader(tr("ui.ranking"))
st.caption(tr("ui.ranking_hint"))


def change_text(value: float) -> str:
    if np.isnan(value):
        return "—"
    return f"▲ {int(value)}" if value > 0 else (f"▼ {int(-value)}" if value < 0 else "=")


rank_col, unit_col, index_col, grade_col = tr("ui.col_rank"), tr("ui.col_unit"), tr("ui.col_index"), tr("ui.col_grade")
table = pd.DataFrame(
    {
        rank_col: scores.rank[order],
        unit_col: scores.units["unit"].to_numpy()[order],
        index_col: [pct(v) for v in index[order]],
        grade_col: [scores.grade(i, lang()) for i in order],
        tr("ui.col_change", year=previous.year if previous else "—"): [change_text(v) for v in change[order]],
        tr("ui.col_total"): [num(v) for v in scores.total[order]],
        # the index is points over the maximum that applies to the unit, so a unit with fewer points can rank higher
        tr("ui.col_max_applicable"): [num(v) for v in scores.max_applicable[order]],
    }
)
key_columns = key_column_config(rank_col, unit_col, index_col, grade_col)
selection = st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    key="ranking",
    on_select="rerun",
    selection_mode="single-row",
    height=min(38 + 35 * len(table), 520),
    column_config=key_columns,
    placeholder=NO_VALUE,
)
picked = selection.selection.rows if selection is not None else []
if picked:
    st.session_state["unit"] = str(scores.units["unit"].to_numpy()[order][picked[0]])
    st.switch_page("pages/ho_so.py")

left, right = st.columns(2)
with left:
    st.subheader(tr("ui.distribution"))
    st.caption(tr("ui.distribution_hint"))
    frame = pd.DataFrame({"index": index, "grade": scores.grades(lang())})
    chart = (
        alt.Chart(frame)
        .mark_bar(color="#8a1c1c")
        .encode(
            x=alt.X("index:Q", bin=alt.Bin(step=2.5), title=tr("ui.col_index")),
            y=alt.Y("count():Q", title=tr("ui.units"), axis=alt.Axis(format="d", tickMinStep=1)),
            tooltip=[alt.Tooltip("count():Q", title=tr("ui.units"))],
        )
        .properties(height=280)
    )
    st.altair_chart(localised(chart), width="stretch")
with right:
    st.subheader(tr("ui.field_leaders"))
    st.caption(tr("ui.field_leaders_hint"))
    leaders = field_leaders(scores, lang(), count=2)
    st.dataframe(
        pd.DataFrame(
            {
                tr("ui.col_field"): leaders["field"],
                tr("ui.col_top"): [", ".join(f"{u} ({pct(s * 100, 0)})" for u, s in row) for row in leaders["top"]],
                tr("ui.col_bottom"): [
                    ", ".join(f"{u} ({pct(s * 100, 0)})" for u, s in row) for row in leaders["bottom"]
                ],
            }
        ),
        hide_index=True,
        width="stretch",
        placeholder=NO_VALUE,
    )

st.subheader(tr("ui.heatmap"))
st.caption(tr("ui.heatmap_hint"))
shares = field_shares(scores)
fields = [f.id for f in cs.fields]
field_names = {f.id: f"{f.id}. {f.label(lang())}" for f in cs.fields}
long = pd.DataFrame(
    {
        "unit": np.repeat(scores.units["unit"].to_numpy(), len(fields)),
        "rank": np.repeat(scores.rank, len(fields)),
        "field": np.tile(fields, len(scores)),
        "share": shares.ravel() * 100,
    }
)
long["name"] = long["field"].map(field_names)
many = len(scores) > 80  # beyond this, rows become thin stripes and names move to the tooltip
heat = (
    alt.Chart(long)
    .mark_rect()
    .encode(
        x=alt.X("field:N", title=tr("ui.col_field"), sort=fields, axis=alt.Axis(labelAngle=0, orient="top")),
        y=alt.Y(
            "unit:N",
            title=None,
            sort=alt.EncodingSortField("rank", order="ascending"),
            axis=None if many else alt.Axis(labelLimit=260, labelOverlap=False),
        ),
        color=alt.Color("share:Q", title="%", scale=alt.Scale(scheme="redyellowgreen", domain=[40, 100], clamp=True)),
        tooltip=[
            alt.Tooltip("unit:N", title=tr("ui.col_unit")),
            alt.Tooltip("rank:Q", title=tr("ui.col_rank")),
            alt.Tooltip("name:N", title=tr("ui.col_field")),
            alt.Tooltip("share:Q", title="%", format=".1f"),
        ],
    )
    .properties(height=min(max((4 if many else 20) * len(scores), 200), 2400))
)
st.altair_chart(localised(heat), width="stretch", height="content")
st.caption(tr("ui.col_field") + ": " + " · ".join(escape_markdown(n) for n in field_names.values()))
