"""Hồ sơ đơn vị: one unit's index, rank, neighbours, fields against peers, biggest losses, history."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from parindex.errors import InputError
from parindex.files import values_by_unit
from parindex.scoring import biggest_losses, field_comparison, margin, peers_of, unit_above, unit_below
from ui.common import catalog, choose_unit, localised, num, pct, scored, scored_page, show_table
from ui.markdown import NO_VALUE, escape_markdown, lang, tr

view, scores, table = scored_page("ui.page_profile", "ho_so")
unit, row = choose_unit(scores)
peers = peers_of(scores, row)

c1, c2, c3, c4 = st.columns(4)
c1.metric(tr("ui.col_index"), pct(float(scores.index[row])))
c2.metric(tr("ui.col_rank"), f"{int(scores.rank[row])}/{len(peers)}")
c3.metric(tr("ui.col_grade"), escape_markdown(scores.grade(row, lang()) or "—"))
c4.metric(tr("ui.col_total"), f"{num(float(scores.total[row]))} / {num(float(scores.max_applicable[row]), None)}")
st.caption(
    tr(
        "ui.parts",
        appraisal=num(float(scores.appraisal[row])),
        survey=num(float(scores.survey[row])),
        bonus=num(float(scores.bonus[row])),
        penalty=num(float(scores.penalty[row])),
    )
)

above, below = unit_above(scores, row), unit_below(scores, row)
n1, n2 = st.columns(2)
with n1:
    if above is None:
        st.success(tr("ui.top_of_ranking"), icon=":material/emoji_events:")
    else:
        st.info(
            tr("ui.to_pass", points=num(above.points), unit=above.unit, index=pct(above.index)),
            icon=":material/trending_up:",
        )
with n2:
    keep = margin(scores, row)  # with a tie, the tied unit passes as soon as this one slips
    if below is None:
        st.info(tr("ui.bottom_of_ranking"), icon=":material/info:")
    elif keep < below.points - 1e-9:
        st.info(tr("ui.margin_tied", points=num(keep)), icon=":material/shield:")
    else:
        st.info(tr("ui.margin", points=num(keep), unit=below.unit, index=pct(below.index)), icon=":material/shield:")

st.subheader(tr("ui.fields"))
st.caption(tr("ui.fields_hint"))
fields = field_comparison(scores, row, lang())
long = pd.concat(
    [
        fields.assign(series=tr("ui.series_unit"), value=fields["points"]),
        fields.assign(series=tr("ui.series_mean"), value=fields["mean"]),
        fields.assign(series=tr("ui.series_best"), value=fields["best"]),
    ]
)
long["label"] = long["field_id"] + ". " + long["field"]
chart = (
    alt.Chart(long)
    .mark_bar()
    .encode(
        y=alt.Y("label:N", title=None, sort=list(long["label"].drop_duplicates()), axis=alt.Axis(labelLimit=320)),
        yOffset="series:N",
        x=alt.X("value:Q", title=tr("ui.col_points")),
        color=alt.Color(
            "series:N",
            title=None,
            scale=alt.Scale(
                domain=[tr("ui.series_unit"), tr("ui.series_mean"), tr("ui.series_best")],
                range=["#8a1c1c", "#9aa5b1", "#3e7c59"],
            ),
        ),
        tooltip=[
            alt.Tooltip("label:N", title=tr("ui.col_field")),
            "series:N",
            alt.Tooltip("value:Q", title=tr("ui.col_points"), format=".2f"),
            alt.Tooltip("max:Q", title=tr("ui.col_max")),
        ],
    )
    .properties(height=70 * len(fields))
)
st.altair_chart(localised(chart), width="stretch")

st.subheader(tr("ui.losses"))
st.caption(tr("ui.losses_hint"))
losses = biggest_losses(scores, row, values_by_unit(table), lang(), top=10)
guidance = {leaf.id: leaf.guidance or "" for leaf in scores.compiled.columns}  # the decision's own words
if losses.empty:
    st.success(tr("ui.no_losses"))
else:
    shown = losses.assign(
        points=[num(v, 2) for v in losses["points"]],
        max=[num(v, None) for v in losses["max"]],
        lost=[num(v, 2) for v in losses["lost"]],
        guidance=[guidance.get(leaf_id, "") for leaf_id in losses["id"]],
    )
    columns = ("id", "name", "raw", "applied", "points", "max", "lost", "rule")
    show_table(shown, {**{column: tr(f"col.{column}") for column in columns}, "guidance": tr("ui.col_guidance")})

st.subheader(tr("ui.history"))
history = []
for dataset in catalog().history(view.unit_type):
    try:
        past, _ = scored(dataset)
    except InputError:
        continue
    if unit in past.units["unit"].tolist():
        r = past.row_of(unit)
        history.append({"year": dataset.year, "index": float(past.index[r]), "rank": int(past.rank[r])})
if len(history) < 2:
    st.caption(tr("ui.no_history"))
else:
    frame = pd.DataFrame(history)
    st.dataframe(
        pd.DataFrame(
            {
                tr("ui.year"): frame["year"].astype(str),
                tr("ui.col_index"): [pct(v) for v in frame["index"]],
                tr("ui.col_rank"): frame["rank"],
            }
        ),
        hide_index=True,
        placeholder=NO_VALUE,
    )
    line = (
        alt.Chart(frame)
        .mark_line(point=True, color="#8a1c1c")
        .encode(
            x=alt.X("year:O", title=tr("ui.year")),
            y=alt.Y("index:Q", title=tr("ui.col_index"), scale=alt.Scale(zero=False)),
        )
        .properties(height=220)
    )
    st.altair_chart(localised(line), width="stretch")
