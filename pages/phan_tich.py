"""Phân tích: groups of similar units, drivers, rank uncertainty, self-assessment against appraisal,
change across years and the national benchmark. Every chart says what it shows and offers its table."""

from __future__ import annotations

import hashlib

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from parindex.accounts import Actor, may_read_unpublished, require
from parindex.analysis import (
    DEFAULT_CUT_CHANCE,
    DEFAULT_CUT_SHARE,
    DEFAULT_RESPONDENTS,
    AppraisalAdjustments,
    Uncertainty,
    after_appraisal,
    after_appraisal_text,
    appraisal_pairs,
    by_leaf,
    by_unit,
    by_year,
    correlation_pairs,
    describe,
    field_correlations,
    find_groups,
    learn_adjustments,
    load_national,
    national_name,
    pca_map,
    province_benchmark,
    round_uncertainty_inputs,
    sensitivity,
    simulate,
    top_drivers,
)
from parindex.db import sessions
from parindex.errors import InputError
from parindex.files import to_csv_bytes
from parindex.rounds import Dataset, change_marker
from parindex.scoring import Scores, common_leaves, decompose
from ui.common import catalog, how_computed, localised, num, pct, scored, scored_page, signed_in
from ui.markdown import NO_VALUE, escape_markdown, lang, tr
from ui.resources import ROOT, engine, settings

MIN_UNITS = 4
PART_COLOURS = ["#1f4e79", "#7fb3d5", "#b9770e", "#999999"]  # own, others, criteria set, units
SERIES_COLOURS = ["#8a1c1c", "#1f4e79", "#7fb3d5"]  # province, national mean, region mean
UNCERTAINTY_COLOURS = ("#1f4e79", "#c0392b")  # median rank, rank
AFTER_APPRAISAL_COLOURS = ("#b9770e", "#1f4e79")  # likely rank, self-assessed rank


def dataset_key(dataset: Dataset) -> str:
    """What the cached analyses depend on: the values, the frozen set if any, and the unit type."""
    digest = hashlib.sha256(dataset.digest().encode("utf-8"))
    digest.update((dataset.set_yaml or dataset.set_id).encode("utf-8"))
    digest.update(dataset.unit_type.encode("utf-8"))
    return digest.hexdigest()


def short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def show_chart(chart: alt.TopLevelMixin, hint: str, frame: pd.DataFrame, name: str) -> None:
    """One sentence saying what the chart shows, the chart, and a download of its table."""
    st.caption(escape_markdown(hint))
    st.altair_chart(localised(chart), width="stretch")
    st.download_button(
        tr("analysis.download"),
        data=to_csv_bytes(frame),
        file_name=f"{name}.csv",
        mime="text/csv",
        key=f"download_{name}",
        icon=":material/download:",
    )


def named_colours(field: str, title: str, names: list[str], colours: list[str]) -> alt.Color:
    """One colour per named series, legend in the order of ``names`` (so the colours never swap between years)."""
    return alt.Color(field, title=title, sort=names, scale=alt.Scale(domain=names, range=colours))


def leaf_bars(frame: pd.DataFrame, measure: str, colour: str, shown: dict[str, str]) -> alt.Chart:
    """Horizontal bars of ``measure``, one per sub-criterion labelled by its code and short name, in the
    frame's order (the analyses sort them; the chart must not re-sort them alphabetically).

    The tooltip names the sub-criterion, then the ``shown`` columns, each in its number format; every
    column is titled by its message ``analysis.col_<column>``."""
    labelled = frame.assign(label=frame["leaf_id"] + " " + frame["name"].map(short))
    tooltip = [alt.Tooltip("leaf_id:N", title=tr("analysis.col_leaf")), alt.Tooltip("name:N", title=" ")]
    tooltip += [alt.Tooltip(f"{column}:Q", title=tr(f"analysis.col_{column}"), format=f) for column, f in shown.items()]
    label_axis = alt.Axis(labelLimit=320, labelOverlap=False)
    return (
        alt.Chart(labelled)
        .mark_bar(color=colour)
        .encode(
            x=alt.X(f"{measure}:Q", title=tr(f"analysis.col_{measure}")),
            y=alt.Y("label:N", title=None, sort=list(labelled["label"]), axis=label_axis),
            tooltip=tooltip,
        )
        .properties(height=27 * len(frame) + 40)
    )


def column_titles(columns: tuple[str, ...], aliases: dict[str, str] | None = None, **fields: object) -> dict[str, str]:
    """Translated headers of analysis columns: column ``c`` is titled by the message ``analysis.col_<c>``,
    or ``analysis.col_<aliases[c]>`` where the frame names the column otherwise (``low`` is the 5th percentile)."""
    aliases = aliases or {}
    return {column: tr(f"analysis.col_{aliases.get(column, column)}", **fields) for column in columns}


def rank_interval_chart(
    frame: pd.DataFrame,
    columns: tuple[str, str, str, str],
    colours: tuple[str, str],
    titles: dict[str, str],
    formats: dict[str, str],
    units: int,
) -> alt.LayerChart:
    """One line per unit in ``frame``'s order: a rank interval (low, high), a dot (likely) and a tick (marker).

    The tooltip shows the columns of ``titles`` under their titles, the unit as a name and the others as
    numbers, each in its ``formats`` entry where it has one."""
    low, high, likely, marker = columns
    tooltip = [
        alt.Tooltip(
            f"{column}:{'N' if column == 'unit' else 'Q'}", title=title, format=formats.get(column, alt.Undefined)
        )
        for column, title in titles.items()
    ]
    plot = frame.assign(order=np.arange(len(frame)))
    base = alt.Chart(plot).encode(
        y=alt.Y(
            "unit:N", title=None, sort=alt.EncodingSortField("order"), axis=alt.Axis(labelLimit=260, labelOverlap=False)
        )
    )
    rank_axis = alt.Scale(domain=[0.5, units + 0.5], reverse=False)
    return (
        base.mark_rule(strokeWidth=3, color="#999").encode(
            x=alt.X(f"{low}:Q", title=tr("analysis.col_rank"), scale=rank_axis), x2=f"{high}:Q", tooltip=tooltip
        )
        + base.mark_circle(size=70, color=colours[0]).encode(x=f"{likely}:Q", tooltip=tooltip)
        + base.mark_tick(color=colours[1], thickness=2, size=14).encode(x=f"{marker}:Q", tooltip=tooltip)
    ).properties(height=max(200, 24 * len(plot)))


@st.cache_data(show_spinner=False, max_entries=16)
def cached_groups(key: str, method: str, language: str, _scores: Scores):
    return find_groups(_scores, method=method, seed=0, lang=language), pca_map(_scores)


@st.cache_data(show_spinner=False, max_entries=16)
def cached_drivers(key: str, top: int, language: str, _scores: Scores) -> pd.DataFrame:
    return top_drivers(_scores, top=top, seed=0, lang=language)


@st.cache_data(show_spinner=False, max_entries=8)
def cached_pairs(marker: tuple[int, int], set_id: str, unit_type: str, allowed: bool, _actor: Actor) -> pd.DataFrame:
    with sessions(engine())() as session:
        return appraisal_pairs(session, _actor, set_id=set_id, unit_type=unit_type)


@st.cache_data(show_spinner=False, max_entries=8)
def cached_round_inputs(marker: tuple[int, int], key: str, round_id: int, _scores: Scores, _actor: Actor):
    with sessions(engine())() as session:
        return round_uncertainty_inputs(session, round_id, _scores.units, _scores.compiled, _actor)


@st.cache_data(show_spinner=False, max_entries=16)
def cached_uncertainty(key: str, choice: tuple, _scores: Scores, _model: Uncertainty):
    runs, seed = choice[:2]
    result = simulate(_scores, _model, runs=runs, seed=seed)
    indices = sensitivity(_scores, _model, runs=max(200, runs // 5), seed=seed)
    return result, indices


@st.cache_data(show_spinner=False, max_entries=16)
def cached_after_appraisal(key: str, choice: tuple, _scores: Scores, _adjustments, _settled) -> pd.DataFrame:
    runs, seed = choice[:2]
    return after_appraisal(_scores, _adjustments, runs=runs, seed=seed, settled=_settled)


view, scores, _ = scored_page("analysis.page", "phan_tich")
ACTOR = signed_in()
require(ACTOR, "read_unpublished")  # only staff and leaders have this page; cached results never reach anyone else
st.caption(tr("analysis.intro"))
key = dataset_key(view.dataset)
names = scores.units["unit"].to_numpy()
ranked = int((scores.rank > 0).sum())
with sessions(engine())() as db_session:
    marker = change_marker(db_session)
pairs = cached_pairs(marker, view.dataset.set_id, view.unit_type, may_read_unpublished(ACTOR), ACTOR)

tabs = st.tabs(
    [tr(f"analysis.tab_{name}") for name in ("groups", "drivers", "uncertainty", "overclaim", "change", "national")]
)

# ---------------------------------------------------------------- groups of units
with tabs[0]:
    if ranked < MIN_UNITS:
        st.info(tr("analysis.too_few_units", count=MIN_UNITS))
    else:
        methods = {"kmeans": tr("analysis.method_kmeans"), "agglomerative": tr("analysis.method_agglomerative")}
        method = st.radio(
            tr("analysis.method"),
            list(methods),
            format_func=methods.__getitem__,
            horizontal=True,
            key="analysis_method",
        )
        groups, (coordinates, explained) = cached_groups(key, method, lang(), scores)
        if groups.silhouettes.empty:
            st.info(tr("analysis.groups_one"))
        else:
            best = groups.silhouettes.loc[groups.silhouettes["silhouette"].idxmax()]
            st.markdown(tr("analysis.groups_found", k=int(best["k"]), silhouette=num(float(best["silhouette"]))))
        members = groups.units.groupby("group")["unit"].apply(lambda s: ", ".join(s))
        summary = pd.DataFrame(
            {
                tr("analysis.col_group"): [tr("analysis.group_name", group=g) for g in groups.summary["group"]],
                tr("analysis.col_units"): groups.summary["units"],
                tr("analysis.col_mean_index"): [pct(v) for v in groups.summary["mean_index"]],
                tr("analysis.col_description"): groups.summary["description"],
                tr("analysis.col_members"): [members.get(g, "") for g in groups.summary["group"]],
            }
        )
        st.caption(tr("analysis.groups_table_hint"))
        how_computed("analysis.how_groups")
        st.dataframe(
            summary,
            hide_index=True,
            width="stretch",
            key="groups_table",
            column_config={tr("analysis.col_description"): st.column_config.TextColumn(width="large")},
            placeholder=NO_VALUE,
        )
        st.subheader(tr("analysis.map_title"))
        share = [pct(100 * v, 0) for v in explained]
        points = coordinates.merge(groups.units, on="unit")
        points["group_name"] = [tr("analysis.group_name", group=g) for g in points["group"]]
        chart = (
            alt.Chart(points)
            .mark_circle(size=110, opacity=0.85)
            .encode(
                x=alt.X("x:Q", title=tr("analysis.axis_pc", n=1, share=share[0])),
                y=alt.Y("y:Q", title=tr("analysis.axis_pc", n=2, share=share[1])),
                color=alt.Color("group_name:N", title=tr("analysis.col_group")),
                tooltip=[
                    alt.Tooltip("unit:N", title=tr("analysis.col_unit")),
                    alt.Tooltip("group_name:N", title=tr("analysis.col_group")),
                    alt.Tooltip("rank:Q", title=tr("analysis.col_rank")),
                    alt.Tooltip("index:Q", title=tr("analysis.col_index"), format=".2f"),
                ],
            )
            .properties(height=420)
        )
        table = points[["unit", "group", "rank", "index", "x", "y"]].rename(
            columns={
                "unit": tr("analysis.col_unit"),
                "group": tr("analysis.col_group"),
                "rank": tr("analysis.col_rank"),
                "index": tr("analysis.col_index"),
            }
        )
        show_chart(chart, tr("analysis.map_hint", share=pct(100 * float(explained.sum()), 0)), table, "ban-do-don-vi")
        how_computed("analysis.how_map")

# ---------------------------------------------------------------- drivers
with tabs[1]:
    st.subheader(tr("analysis.correlation_title"))
    correlations = field_correlations(scores)
    field_names = {f.id: f"{f.id}. {f.label(lang())}" for f in view.compiled.criteria_set.fields}
    long = correlations.stack(future_stack=True).rename("r").reset_index()
    long.columns = ["a", "b", "r"]
    long["name_a"], long["name_b"] = long["a"].map(field_names), long["b"].map(field_names)
    order = list(correlations.columns)
    base = alt.Chart(long).encode(
        x=alt.X("a:N", title=tr("analysis.col_field"), sort=order, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("b:N", title=tr("analysis.col_field"), sort=order),
    )
    heat = base.mark_rect().encode(
        color=alt.Color("r:Q", title="r", scale=alt.Scale(scheme="redblue", domain=[-1, 1])),
        tooltip=[
            alt.Tooltip("name_a:N", title=tr("analysis.col_field")),
            alt.Tooltip("name_b:N", title=tr("analysis.col_field_b")),
            alt.Tooltip("r:Q", title=tr("analysis.col_r"), format=".2f"),
        ],
    )
    labels = base.mark_text(fontSize=11).encode(text=alt.Text("r:Q", format=".2f"))
    pairs_table = correlation_pairs(correlations)
    pairs_table = pd.DataFrame(
        {
            tr("analysis.col_field"): pairs_table["field_a"].map(field_names),
            tr("analysis.col_field_b"): pairs_table["field_b"].map(field_names),
            tr("analysis.col_r"): pairs_table["r"].round(4),
        }
    )
    show_chart((heat + labels).properties(height=360), tr("analysis.correlation_hint"), pairs_table, "tuong-quan")
    st.caption(tr("analysis.col_field") + ": " + " · ".join(escape_markdown(n) for n in field_names.values()))
    how_computed("analysis.how_correlation")

    st.subheader(tr("analysis.drivers_title"))
    if ranked < MIN_UNITS:
        st.info(tr("analysis.too_few_units", count=MIN_UNITS))
    else:
        top = int(st.number_input(tr("analysis.top_k"), 1, ranked - 1, max(1, min(5, ranked // 4)), key="drivers_top"))
        drivers = cached_drivers(key, top, lang(), scores).head(12)
        shown = {"importance": ".3f", "top_mean": ".2f", "rest_mean": ".2f", "max": ".2f"}
        chart = leaf_bars(drivers, "at_stake", "#8a1c1c", shown)
        table = pd.DataFrame(
            {
                tr("analysis.col_leaf"): drivers["leaf_id"],
                " ": drivers["name"],
                tr("analysis.col_field"): drivers["field"],
                tr("analysis.col_importance"): drivers["importance"].round(4),
                tr("analysis.col_top_mean"): drivers["top_mean"].round(4),
                tr("analysis.col_rest_mean"): drivers["rest_mean"].round(4),
                tr("analysis.col_at_stake"): drivers["at_stake"].round(4),
                tr("analysis.col_max"): drivers["max"],
            }
        )
        show_chart(chart, tr("analysis.drivers_hint", k=top), table, "yeu-to-quyet-dinh")
        how_computed("analysis.how_drivers")
        st.dataframe(table, hide_index=True, width="stretch", placeholder=NO_VALUE)

# ---------------------------------------------------------------- rank uncertainty
adjustments = (
    learn_adjustments(pairs, scores.compiled) if not pairs.empty else AppraisalAdjustments.default(scores.compiled)
)
respondents: float | np.ndarray = DEFAULT_RESPONDENTS
settled = None
if view.dataset.round_id is not None:
    round_respondents, settled = cached_round_inputs(marker, key, view.dataset.round_id, scores, ACTOR)
with tabs[2]:
    c1, c2, c3 = st.columns(3)
    runs = int(
        c1.selectbox(tr("analysis.runs"), [1000, 5000, 10000], index=1, key="mc_runs", format_func=lambda v: num(v, 0))
    )
    seed = int(c2.number_input(tr("analysis.seed"), 0, 1_000_000, 0, key="mc_seed"))
    top_k = int(c3.number_input(tr("analysis.top"), 1, max(1, len(scores)), min(10, len(scores)), key="mc_top"))
    c4, c5, c6, c7 = st.columns(4)
    use_appraisal = c4.toggle(tr("analysis.use_appraisal"), True, key="mc_appraisal")
    use_survey = c5.toggle(tr("analysis.use_survey"), True, key="mc_survey")
    default_n = int(c6.number_input(tr("analysis.respondents"), 1, 100_000, DEFAULT_RESPONDENTS, key="mc_respondents"))
    spread = float(c7.slider(tr("analysis.weight_spread"), 0, 50, 0, 5, key="mc_weights"))
    if view.dataset.round_id is not None:
        respondents = np.where(np.isnan(round_respondents), default_n, round_respondents)
    else:
        respondents = float(default_n)
    model = Uncertainty(
        appraisal=adjustments if use_appraisal else None,
        respondents=respondents if use_survey else None,
        weight_spread=spread / 100,
        settled=settled,
    )
    st.markdown(tr("analysis.sources_line", sources=describe(model, lang())))
    if not pairs.empty:
        st.caption(tr("analysis.learned_line", pairs=num(len(pairs), 0)))
    if settled is not None and settled.any():
        st.caption(tr("analysis.settled_line", count=num(int(settled.sum()), 0)))
    settings_key = (runs, seed, use_appraisal, use_survey, default_n, spread)
    with st.spinner(tr("ui.scoring")):
        result, indices = cached_uncertainty(key + str(marker), settings_key, scores, model)
    table = result.table(top_k)
    st.subheader(tr("analysis.uncertainty_title"))
    titles = column_titles(("unit", "rank", "median_rank", "rank_p5", "rank_p95", "p_top"), k=top_k)
    lines = ("rank_p5", "rank_p95", "median_rank", "rank")
    chart = rank_interval_chart(table, lines, UNCERTAINTY_COLOURS, titles, {"p_top": ".0%"}, len(scores))
    in_table_order = ["rank", "unit", "median_rank", "rank_p5", "rank_p95", "p_top"]
    shown = table.assign(p_top=[pct(100 * p, 1) for p in table["p_top"]])[in_table_order].rename(columns=titles)
    download = table.assign(p_top=table["p_top"].round(4))[in_table_order].rename(columns=titles)
    show_chart(chart, tr("analysis.uncertainty_hint"), download, "do-bat-dinh-thu-hang")
    how_computed("analysis.how_uncertainty")
    st.subheader(tr("analysis.uncertainty_table"))
    st.dataframe(shown, hide_index=True, width="stretch", key="uncertainty_table", placeholder=NO_VALUE)
    if not indices.empty:
        st.subheader(tr("analysis.sensitivity_title"))
        source_names = {s: tr(f"analysis.source_{s}") for s in indices["source"]}
        bars = indices.melt(id_vars="source", var_name="measure", value_name="value")
        bars["source_name"] = bars["source"].map(source_names)
        bars["measure_name"] = bars["measure"].map(
            {"first_order": tr("analysis.col_first_order"), "total": tr("analysis.col_total_order")}
        )
        chart = (
            alt.Chart(bars)
            .mark_bar()
            .encode(
                x=alt.X("value:Q", title=tr("analysis.col_value"), scale=alt.Scale(domain=[0, 1])),
                y=alt.Y("source_name:N", title=None, axis=alt.Axis(labelLimit=320)),
                yOffset="measure_name:N",
                color=alt.Color("measure_name:N", title=tr("analysis.col_measure")),
                tooltip=[
                    alt.Tooltip("source_name:N", title=tr("analysis.col_source")),
                    alt.Tooltip("measure_name:N", title=tr("analysis.col_measure")),
                    alt.Tooltip("value:Q", title=tr("analysis.col_value"), format=".2f"),
                ],
            )
            .properties(height=70 * len(indices) + 40)
        )
        table = pd.DataFrame(
            {
                tr("analysis.col_source"): indices["source"].map(source_names),
                tr("analysis.col_first_order"): indices["first_order"].round(4),
                tr("analysis.col_total_order"): indices["total"].round(4),
            }
        )
        show_chart(chart, tr("analysis.sensitivity_hint"), table, "do-nhay-theo-nguon")
        how_computed("analysis.how_sensitivity")

# ---------------------------------------------------------------- self-assessment against appraisal
with tabs[3]:
    how_computed("analysis.how_overclaim")
    if pairs.empty:
        st.info(tr("analysis.no_pairs"))
        st.caption(
            tr("analysis.default_line", chance=pct(100 * DEFAULT_CUT_CHANCE, 0), share=pct(100 * DEFAULT_CUT_SHARE, 0))
        )
    else:
        leaves = by_leaf(pairs).head(15)
        chart = leaf_bars(leaves, "mean_gap", "#b9770e", {"pairs": "d", "over_share": ".0%", "mean_gap": ".2f"})
        st.subheader(tr("analysis.overclaim_leaf_title"))
        table = pd.DataFrame(
            {
                tr("analysis.col_leaf"): leaves["leaf_id"],
                " ": leaves["name"],
                tr("analysis.col_pairs"): leaves["pairs"],
                tr("analysis.col_over"): leaves["over"],
                tr("analysis.col_over_share"): leaves["over_share"].round(4),
                tr("analysis.col_mean_gap"): leaves["mean_gap"].round(4),
            }
        )
        show_chart(chart, tr("analysis.overclaim_leaf_hint"), table, "tu-cham-theo-tieu-chi")
        st.dataframe(table, hide_index=True, width="stretch", key="overclaim_leaf_table", placeholder=NO_VALUE)
        units = by_unit(pairs)
        st.subheader(tr("analysis.overclaim_unit_title"))
        chart = (
            alt.Chart(units)
            .mark_bar()
            .encode(
                x=alt.X("gap:Q", title=tr("analysis.col_gap")),
                y=alt.Y("unit:N", title=None, sort="-x", axis=alt.Axis(labelLimit=260, labelOverlap=False)),
                color=alt.Color("year:N", title=tr("analysis.col_year")),
                yOffset="year:N",
                tooltip=[
                    alt.Tooltip("unit:N", title=tr("analysis.col_unit")),
                    alt.Tooltip("year:N", title=tr("analysis.col_year")),
                    alt.Tooltip("claimed:Q", title=tr("analysis.col_claimed"), format=".2f"),
                    alt.Tooltip("appraised:Q", title=tr("analysis.col_appraised"), format=".2f"),
                    alt.Tooltip("gap:Q", title=tr("analysis.col_gap"), format=".2f"),
                ],
            )
            .properties(height=max(200, 22 * len(units)))
        )
        table = pd.DataFrame(
            {
                tr("analysis.col_year"): units["year"],
                tr("analysis.col_unit"): units["unit"],
                tr("analysis.col_claimed"): units["claimed"].round(4),
                tr("analysis.col_appraised"): units["appraised"].round(4),
                tr("analysis.col_gap"): units["gap"].round(4),
                tr("analysis.col_items_cut"): units["items_cut"],
            }
        )
        show_chart(chart, tr("analysis.overclaim_unit_hint"), table, "tu-cham-theo-don-vi")
        st.dataframe(table, hide_index=True, width="stretch", key="overclaim_unit_table", placeholder=NO_VALUE)
        years = by_year(pairs)
        st.caption(tr("analysis.overclaim_year_hint"))
        st.dataframe(
            pd.DataFrame(
                {
                    tr("analysis.col_year"): years["year"],
                    tr("analysis.col_units"): years["units"],
                    tr("analysis.col_mean_gap_unit"): [num(v) for v in years["mean_gap_per_unit"]],
                    tr("analysis.col_over_share"): [pct(100 * v, 1) for v in years["over_share"]],
                }
            ),
            hide_index=True,
            width="stretch",
            key="overclaim_year_table",
            placeholder=NO_VALUE,
        )

    st.subheader(tr("analysis.after_title"))
    after = cached_after_appraisal(key + str(marker), (2000, 0, len(pairs)), scores, adjustments, settled)
    after = after[after["self_rank"] > 0]
    st.markdown(
        "\n".join(
            f"- **{escape_markdown(row.unit)}**: {escape_markdown(after_appraisal_text(row, lang()))}"
            for row in after.head(10).itertuples()
        )
    )
    in_table_order = ("unit", "self_rank", "likely_rank", "low", "high", "expected_cut", "p_drop")
    titles = column_titles(in_table_order, {"low": "rank_p5", "high": "rank_p95"})
    in_tooltip = {column: titles[column] for column in in_table_order[:-1]}
    lines = ("low", "high", "likely_rank", "self_rank")
    chart = rank_interval_chart(after, lines, AFTER_APPRAISAL_COLOURS, in_tooltip, {"expected_cut": ".2f"}, len(scores))
    rounded = after.assign(expected_cut=after["expected_cut"].round(4), p_drop=after["p_drop"].round(4))
    table = rounded[list(in_table_order)].rename(columns=titles)
    show_chart(chart, tr("analysis.after_hint", runs=num(2000, 0)), table, "hang-sau-tham-dinh")
    how_computed("analysis.how_after", runs=num(2000, 0))

# ---------------------------------------------------------------- change across years
with tabs[4]:
    earlier = [d for d in catalog().history(view.unit_type) if d.year < view.year]
    if not earlier:
        st.info(tr("analysis.no_previous"))
    else:
        years = [d.year for d in reversed(earlier)]
        chosen = int(st.selectbox(tr("analysis.compare_with"), years, key="change_year"))
        previous = next(d for d in earlier if d.year == chosen)
        try:
            before = scored(previous)[0]
        except InputError:
            before = None
            st.info(tr("analysis.no_previous"))
        if before is not None:
            parts = decompose(before, scores)
            common = len(common_leaves(before, scores))
            st.caption(
                tr(
                    "analysis.change_common",
                    common=common,
                    total=scores.compiled.n_leaves,
                    before=chosen,
                    after=view.year,
                )
            )
            st.subheader(tr("analysis.change_title"))
            part_names = {p: tr(f"analysis.part_{p}") for p in ("own", "others", "criteria", "units")}
            long = parts.melt(
                id_vars=["unit", "rank_after", "gained"],
                value_vars=list(part_names),
                var_name="part",
                value_name="places",
            )
            long["part_name"] = long["part"].map(part_names)
            long = long[long["places"] != 0]
            chart = (
                alt.Chart(long)
                .mark_bar()
                .encode(
                    x=alt.X("sum(places):Q", title=tr("analysis.col_places")),
                    y=alt.Y(
                        "unit:N",
                        title=None,
                        sort=list(parts["unit"]),
                        axis=alt.Axis(labelLimit=260, labelOverlap=False),
                    ),
                    color=named_colours(
                        "part_name:N", tr("analysis.col_part"), list(part_names.values()), PART_COLOURS
                    ),
                    tooltip=[
                        alt.Tooltip("unit:N", title=tr("analysis.col_unit")),
                        alt.Tooltip("part_name:N", title=tr("analysis.col_part")),
                        alt.Tooltip("places:Q", title=tr("analysis.col_places")),
                        alt.Tooltip("gained:Q", title=tr("analysis.col_gained")),
                    ],
                )
                .properties(height=max(200, 22 * len(parts)))
            )
            table = pd.DataFrame(
                {
                    tr("analysis.col_unit"): parts["unit"],
                    tr("analysis.col_rank_before", year=chosen): parts["rank_before"],
                    tr("analysis.col_rank_before", year=view.year): parts["rank_after"],
                    tr("analysis.col_gained"): parts["gained"],
                    **{part_names[p]: parts[p] for p in part_names},
                }
            )
            show_chart(chart, tr("analysis.change_hint", before=chosen, after=view.year), table, "thay-doi-hang")
            how_computed("analysis.how_change")
            st.dataframe(table, hide_index=True, width="stretch", key="change_table", placeholder=NO_VALUE)

# ---------------------------------------------------------------- national benchmark
with tabs[5]:
    national = load_national(ROOT / "data" / "national")
    provinces = sorted(set(national.provinces["province"]))
    regions = national.regions["region"].tolist()
    c1, c2 = st.columns(2)
    ours = st.session_state.get("national_province") or national_name(settings().province or "")
    province = c1.selectbox(
        tr("analysis.province"),
        provinces,
        key="bench_province",
        index=provinces.index(ours) if ours in provinces else 0,
    )
    default_region = national.region_of(province)
    region = c2.selectbox(
        tr("analysis.region"),
        regions,
        key="bench_region",
        index=regions.index(default_region) if default_region in regions else 0,
    )
    benchmark = province_benchmark(national, province, region)
    partial_years = benchmark.loc[benchmark["partial"], "year"].astype(str).tolist()
    if partial_years:
        st.warning(tr("analysis.national_partial", years=", ".join(partial_years)), icon=":material/warning:")
    series = {
        "index": tr("analysis.col_province_index"),
        "national_mean": tr("analysis.col_national_mean"),
        "region_mean": tr("analysis.col_region_mean"),
    }
    long = benchmark.melt(id_vars="year", value_vars=list(series), var_name="series", value_name="value").dropna()
    long["series_name"] = long["series"].map(series)
    st.subheader(tr("analysis.national_title"))
    chart = (
        alt.Chart(long)
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title=tr("analysis.col_year"), axis=alt.Axis(labelAngle=0)),
            y=alt.Y("value:Q", title=tr("analysis.col_index"), scale=alt.Scale(zero=False)),
            color=named_colours("series_name:N", tr("analysis.col_series"), list(series.values()), SERIES_COLOURS),
            tooltip=[
                alt.Tooltip("year:O", title=tr("analysis.col_year")),
                alt.Tooltip("series_name:N", title=tr("analysis.col_series")),
                alt.Tooltip("value:Q", title=tr("analysis.col_index"), format=".2f"),
            ],
        )
        .properties(height=320)
    )

    def rank_text(row: pd.Series) -> str:
        if pd.notna(row["rank"]):
            return f"{int(row['rank'])}/{row['units']}"
        if pd.notna(row["rank_low"]):
            return f"{int(row['rank_low'])}–{int(row['rank_high'])}/{row['units']}"
        return "—"

    table = pd.DataFrame(
        {
            tr("analysis.col_year"): benchmark["year"],
            tr("analysis.col_province_index"): [pct(v) for v in benchmark["index"]],
            tr("analysis.col_rank"): [rank_text(row) for _, row in benchmark.iterrows()],
            tr("analysis.col_group"): benchmark["group"].replace("", "—"),
            tr("analysis.col_national_mean"): [pct(v) for v in benchmark["national_mean"]],
            tr("analysis.col_region_mean"): [pct(v) for v in benchmark["region_mean"]],
            tr("analysis.col_above_mean"): [num(v) if pd.notna(v) else "—" for v in benchmark["above_mean"]],
            tr("analysis.col_table"): [
                tr("analysis.partial") if p else tr("analysis.full") for p in benchmark["partial"]
            ],
            tr("analysis.col_source_ref"): benchmark["source"],
            tr("analysis.col_note"): benchmark["note"],
        }
    )
    show_chart(chart, tr("analysis.national_hint"), table, "so-sanh-toan-quoc")
    how_computed("analysis.how_national")
    st.dataframe(table, hide_index=True, width="stretch", key="national_table", placeholder=NO_VALUE)
