"""Cấp tỉnh: our province among every province of the sidebar's year — certain rank, the model's interval, P(top K)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from parindex.analysis import (
    history_of,
    known_years,
    load_national,
    national_name,
    national_rank,
    official_name,
    own_index,
    own_row,
    read_results,
    year_facts,
    year_units,
)
from parindex.db import sessions
from parindex.errors import InputError, ParindexError
from parindex.inputs import MAX_CELL_CHARS
from parindex.planning import province_draft, survey_means
from parindex.rounds import DraftScores, draft_index, load_draft, save_draft
from ui.common import num, pct, scored, show_table, signed_in, viewed_page
from ui.conflicts import as_drawn
from ui.markdown import NO_VALUE, escape_markdown, lang, tr
from ui.number_inputs import decimal_input
from ui.plans import province_plan
from ui.resources import ROOT, engine, settings
from ui.running import confirmed, show_error, show_problems

NATIONAL_HEADERS = {
    "year": "ui.year",
    "rank": "ui.col_rank",
    "province": "ui.col_province",
    "par_index_pct": "ui.col_index",
    "note": "ui.col_note",
    "source": "ui.col_source",
}


def national_headers(*columns: str) -> dict[str, str]:
    """The translated headers of the national table's ``columns``, in the order given."""
    return {column: tr(NATIONAL_HEADERS[column]) for column in columns}


def readable(national_rows: pd.DataFrame) -> pd.DataFrame:
    """Rows of the national table as shown: whole ranks, the index as a percentage (a dash where the
    province has none), and an empty note or source rather than a missing one."""
    blanks = {column: national_rows[column].fillna("") for column in ("note", "source") if column in national_rows}
    return national_rows.assign(
        rank=national_rows["rank"].astype("Int64"),
        par_index_pct=[pct(v) if pd.notna(v) else "—" for v in national_rows["par_index_pct"]],
        **blanks,
    )


def draft_section(province: str, year: int) -> DraftScores | None:
    """The province's own figures as a draft (blanks allowed, saved per user): its index range and estimate.

    Returns the draft scored with its blanks estimated, for the rank and the plan (None: nothing typed,
    a value that cannot be read, or no right to self-assess).
    """
    actor = signed_in()
    if view.unit_type != "tinh" or actor is None or not actor.can("self_assess"):
        return None
    criteria_set = view.compiled.criteria_set
    unit = official_name(province)
    key = (unit, "tinh", criteria_set.id)
    with st.expander(tr("draft.title"), expanded=True):
        st.caption(tr("draft.hint"))
        with sessions(engine())() as session:
            saved = load_draft(session, actor, *key, year) or {}
            previous = load_draft(session, actor, *key, year - 1)
        # the draft as this page loaded it, kept from the run that drew it: one saved meanwhile from another
        # window of the same person is refused, not replaced
        shown_key = f"draft_shown_{year}_{province}"
        shown = as_drawn(shown_key, saved)
        leaves = criteria_set.leaves
        rows = pd.DataFrame(
            {
                "id": [leaf.id for leaf in leaves],
                "name": [leaf.label(lang()) for leaf in leaves],
                "value": [saved.get(leaf.id, "") for leaf in leaves],
            }
        )
        edited = st.data_editor(
            rows,
            hide_index=True,
            width="stretch",
            disabled=["id", "name"],
            key=f"draft_{year}_{province}",
            column_config={
                "id": st.column_config.TextColumn(tr("col.id")),
                "name": st.column_config.TextColumn(tr("col.name")),
                "value": st.column_config.TextColumn(tr("draft.col_value"), max_chars=MAX_CELL_CHARS),
            },
            placeholder=NO_VALUE,
        )
        entries = {r.id: "" if pd.isna(r.value) else str(r.value) for r in edited.itertuples()}
        mean, regional = survey_means(national, year, province)
        result = draft_index(criteria_set, entries, previous, mean, regional)
        draft = None if result.problems else province_draft(view.compiled, unit, entries, national, year, previous)
        c1, c2, c3 = st.columns(3)
        c1.metric(tr("draft.range"), f"{pct(result.low)} – {pct(result.high)}")
        c2.metric(tr("draft.estimate"), pct(result.estimate))
        c3.metric(tr("draft.blanks"), f"{len(result.blanks)}/{len(leaves)}")
        if result.problems:
            show_problems(InputError(list(result.problems)))
        if result.filled:
            names = {leaf.id: leaf.label(lang()) for leaf in leaves}
            filled_values = draft.estimated if draft is not None else {}
            st.caption(tr("draft.filled_title"))
            st.dataframe(
                pd.DataFrame(
                    {
                        tr("col.id"): [f.leaf_id for f in result.filled],
                        tr("col.name"): [names[f.leaf_id] for f in result.filled],
                        tr("draft.col_rule"): [tr(f"draft.rule_{f.rule}") for f in result.filled],
                        tr("draft.col_points"): [num(f.points) for f in result.filled],
                        tr("draft.col_value_filled"): [filled_values.get(f.leaf_id, "—") for f in result.filled],
                    }
                ),
                hide_index=True,
                width="stretch",
                key="draft_filled",
                placeholder=NO_VALUE,
            )
        if st.button(tr("draft.save"), key="draft_save", icon=":material/save:"):
            try:
                with sessions(engine()).begin() as session:
                    save_draft(session, actor, *key, year, entries, shown=shown)
                st.session_state[shown_key] = entries  # what is saved now
                confirmed(tr("draft.saved"), refresh=False)
            except ParindexError as error:
                show_error(error)
    return None if all(not v for v in entries.values()) else draft


def plan_section(province: str, year: int, top: int, draft: DraftScores | None) -> None:
    """The plan to the national top K and the leader's brief, from the draft or else the province's own data."""
    st.subheader(tr("national.plan_title", k=top))
    if draft is not None:
        st.caption(tr("national.plan_from_draft", blanks=len(draft.estimated), index=pct(float(draft.scores.index[0]))))
        province_plan(draft.scores, 0, national, year, top, province, frozenset(draft.estimated))
        return
    row = own_row(scores, province) if scores is not None else None
    if row is None:
        st.caption(tr("national.plan_needs_figures"))
        return
    province_plan(scores, row, national, year, top, province)


view = viewed_page("ui.page_national", "cap_tinh")
national = load_national(ROOT / "data" / "national")
year = int(view.year)
units = year_units(national, year)
st.caption(tr("national.page_year", year=year, units=units))
provinces = national.provinces_of(year)

scores = None
if view.dataset is not None and view.unit_type == "tinh":
    try:
        scores, _ = scored(view.dataset)
    except InputError:
        scores = None
configured = national_name(settings().province or "")
if st.session_state.get("national_province") not in provinces:
    st.session_state["national_province"] = configured if configured in provinces else provinces[0]
province = st.selectbox(tr("ui.our_province"), provinces, key="national_province")

published = year in known_years(national)
history = history_of(national, province)
parts = national.parts_of(province)
if not published:
    st.info(tr("national.no_results", year=year, years=", ".join(map(str, known_years(national)))))
else:
    upload = st.file_uploader(tr("ui.upload_full_table"), type=["csv", "xlsx"], key="national_upload")
    loaded = st.session_state.setdefault("national_tables", {})
    if upload is not None:
        try:
            loaded[year] = read_results(upload.getvalue(), upload.name, year)
        except InputError as error:
            show_problems(error)
    table = loaded.get(year)
    shown = national.year_table(year) if table is None else table
    if len(shown) < units:
        st.warning(tr("ui.partial_table", shown=len(shown), units=units), icon=":material/warning:")
    else:
        st.success(tr("ui.full_table", units=units))
    summary = national.summary[(national.summary["year"] == year) & (national.summary["level"] == "province")]
    mean = float(summary["mean_pct"].iloc[0]) if not summary.empty and pd.notna(summary["mean_pct"].iloc[0]) else 85.0
    mine = shown[shown["province"] == province]
    from_data = own_index(scores, province) if scores is not None else None
    draft = draft_section(province, year)
    if draft is not None:
        from_draft = round(draft.result.estimate, 2)
        default, hint = from_draft, tr("draft.use_estimate", index=pct(from_draft))
    elif from_data is not None:
        default, hint = from_data, tr("national.index_from_data", index=pct(from_data))
    elif not mine.empty and pd.notna(mine["par_index_pct"].iloc[0]):
        default = float(mine["par_index_pct"].iloc[0])
        hint = tr("national.index_published", index=pct(default))
    else:
        default, hint = round(mean, 2), tr("national.index_mean")
    index = decimal_input(
        tr("ui.assumed_index"), float(default), 0.0, 100.0, f"national_index_{year}_{province}_{default}"
    )
    st.caption(escape_markdown(hint))
    top = int(st.number_input(tr("national.top_k"), 1, units, min(10, units), 1, key="national_top"))
    result = national_rank(year_facts(national, year, province, table), float(index))
    low, high = result.likely
    c1, c2, c3, c4 = st.columns(4)
    certain = f"{result.rank_min}" if result.rank_min == result.rank_max else f"{result.rank_min}–{result.rank_max}"
    c1.metric(tr("national.metric_certain"), escape_markdown(certain))
    c2.metric(tr("national.metric_likely"), escape_markdown(f"{low}" if low == high else f"{low}–{high}"))
    c3.metric(tr("national.metric_mode"), escape_markdown(str(result.most_likely)))
    c4.metric(tr("national.metric_p_top", k=top), pct(100 * result.p_top(top), 1))
    st.caption(tr("national.model_hint"))
    if result.relaxed:
        st.info(tr("national.relaxed"))
    show_table(readable(shown), national_headers("rank", "province", "par_index_pct", "note", "source"))
    plan_section(province, year, top, draft)

st.subheader(tr("national.history", province=province))
if len(parts) > 1:
    st.caption(tr("national.history_parts", province=province, parts=", ".join(parts)))
elif year < 2025 and national.successor(province) != province and national.province_list is not None:
    source = national.province_list.loc[national.province_list["province"] == province, "source"].iloc[0]
    st.caption(tr("national.successor", province=province, successor=national.successor(province), source=source))
if history.empty:
    st.caption(tr("national.no_history"))
else:
    columns = ("year", "province", "rank", "par_index_pct", "source")
    show_table(readable(history), national_headers(*columns), key="national_history")
column = f"mean_{year}"
if published and column in national.regions:
    regions = national.regions
    st.subheader(tr("ui.region_means"))
    st.dataframe(
        pd.DataFrame(
            {
                tr("ui.region"): regions["region"],
                tr("ui.mean_index"): [pct(v) if pd.notna(v) else "—" for v in regions[column]],
                tr("ui.col_source"): regions["source"],
            }
        ),
        hide_index=True,
        width="stretch",
        placeholder=NO_VALUE,
    )
