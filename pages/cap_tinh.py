"""Cấp tỉnh: our province among all provinces of a published year — which rank would an index give?"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pages.common import ROOT, num, pct, show_problems, through_entry_point, tr
from parindex.national import load_national, others_without, rank_range, read_results
from parindex.problems import InputError

through_entry_point("cap_tinh")
st.title(tr("ui.page_national"))
national = load_national(ROOT / "data" / "national")
years = sorted(national.provinces["year"].unique().tolist(), reverse=True)
year = st.selectbox(tr("ui.year"), years, key="national_year")

upload = st.file_uploader(tr("ui.upload_full_table"), type=["csv", "xlsx"], key="national_upload")
loaded = st.session_state.setdefault("national_tables", {})
if upload is not None:
    try:
        loaded[year] = read_results(upload.getvalue(), upload.name, int(year))
    except InputError as error:
        show_problems(error)
table = loaded.get(year)
summary = national.summary[(national.summary["year"] == year) & (national.summary["level"] == "province")]
units = int(summary["units"].iloc[0]) if not summary.empty else 63
if table is None:
    table = national.year_table(int(year))
    partial = national.is_partial(int(year))
else:
    partial = len(table) < units
if partial:
    st.warning(tr("ui.partial_table", shown=len(table), units=units), icon=":material/warning:")
else:
    st.success(tr("ui.full_table", units=units))

provinces = table["province"].tolist()
province = st.selectbox(tr("ui.our_province"), provinces, key="national_province",
                        index=provinces.index("Long An") if "Long An" in provinces else 0)  # fmt: skip
row = table[table["province"] == province].iloc[0]
current = (
    float(row["par_index_pct"])
    if pd.notna(row["par_index_pct"])
    else float(summary["mean_pct"].iloc[0] if not summary.empty else 85.0)
)
if pd.isna(row["par_index_pct"]):
    st.info(tr("ui.index_unpublished", province=province, rank=int(row["rank"])))
target = st.slider(
    tr("ui.assumed_index"), 70.0, 100.0, round(current, 2), 0.01, key=f"national_index_{year}_{province}"
)
others = others_without(table, province)
best, worst = rank_range(others, target, units)
c1, c2, c3 = st.columns(3)
c1.metric(tr("ui.assumed_index"), pct(target))
c2.metric(tr("ui.col_rank"), f"{int(best)}" if best == worst else f"{int(best)}–{int(worst)}")
if not summary.empty:
    c3.metric(tr("ui.mean_index"), pct(float(summary["mean_pct"].iloc[0])))
if best != worst:
    st.caption(tr("ui.rank_range_hint", best=best, worst=worst))

st.dataframe(
    pd.DataFrame(
        {
            tr("ui.col_rank"): table["rank"].astype("Int64"),
            tr("ui.col_province"): table["province"],
            tr("ui.col_index"): [pct(v) if pd.notna(v) else "—" for v in table["par_index_pct"]],
            tr("ui.col_note"): table["note"].fillna(""),
            tr("ui.col_source"): table["source"].fillna(""),
        }
    ),
    hide_index=True,
    width="stretch",
)
regions = national.regions
column = f"mean_{year}"
if column in regions:
    st.subheader(tr("ui.region_means"))
    st.dataframe(
        pd.DataFrame({tr("ui.region"): regions["region"], tr("ui.mean_index"): [pct(v) if pd.notna(v) else "—" for v in regions[column]],
                      tr("ui.col_source"): regions["source"]}),
        hide_index=True, width="stretch",
    )  # fmt: skip
st.caption(tr("ui.national_sources", mean=num(float(summary["mean_pct"].iloc[0])) if not summary.empty else "—"))
