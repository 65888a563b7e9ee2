"""Nhập dữ liệu: a blank Excel template, then upload, check every row and column, preview, and use."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from parindex.errors import InputError
from parindex.files import build_template
from parindex.rounds import Dataset
from parindex.scoring import read_values, score_table
from ui.common import catalog, num, pct, unit_type_name, viewed_page
from ui.markdown import NO_VALUE, escape_markdown, lang, tr
from ui.running import confirmed, show_problems

view = viewed_page("ui.page_import", "nhap_du_lieu")
compiled = view.compiled
cs = compiled.criteria_set
st.caption(f"{escape_markdown(cs.label(lang()))} · {int(view.year)} · {unit_type_name(view.unit_type)}")

st.subheader(tr("ui.step_template"))
st.caption(tr("ui.template_hint"))
st.download_button(
    tr("ui.download_template"),
    data=lambda: build_template(compiled, lang()),
    file_name=f"mau-nhap-{cs.id}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="template",
    icon=":material/download:",
)

st.subheader(tr("ui.step_upload"))
upload = st.file_uploader(tr("ui.upload_values"), type=["csv", "xlsx"], key="values_upload")
if upload is None:
    st.stop()

content = upload.getvalue()
try:
    with st.spinner(tr("ui.checking")):
        table = read_values(content, compiled, upload.name)
        scores = score_table(compiled, table)
except InputError as error:
    show_problems(error)
    st.caption(tr("ui.nothing_changed"))
    st.stop()

st.success(tr("ui.file_ok", file=upload.name, units=num(len(table.units), 0)))
order = scores.ranking_order()
st.dataframe(
    pd.DataFrame(
        {
            tr("ui.col_rank"): scores.rank[order],
            tr("ui.col_unit"): scores.units["unit"].to_numpy()[order],
            tr("ui.col_index"): [pct(v) for v in scores.index[order]],
            tr("ui.col_grade"): [scores.grade(i, lang()) for i in order],
            tr("ui.col_total"): [num(v) for v in scores.total[order]],
        }
    ),
    hide_index=True,
    width="stretch",
    height=min(38 + 35 * len(order), 400),
    placeholder=NO_VALUE,
)
types = sorted(set(table.units["unit_type"]))
held = [ut for ut in types if not catalog().takes_import(cs.id, view.year, ut)]
for unit_type in held:  # a round owns the key: the file is checked and previewed, never used in its place
    st.warning(tr("ui.import_round_key", year=view.year, type=unit_type_name(unit_type)), icon=":material/lock:")
types = [ut for ut in types if ut not in held]
if types and st.button(tr("ui.use_data", year=view.year), type="primary", key="use_data", icon=":material/check:"):
    imports = [d for d in st.session_state.get("imports", []) if d.key[:2] != (cs.id, view.year)]
    for unit_type in types:
        imports.append(
            Dataset(
                set_id=cs.id, year=view.year, unit_type=unit_type, content=content, filename=upload.name, imported=True
            )
        )
    st.session_state["imports"] = imports
    confirmed(tr("ui.data_used", year=view.year), refresh=False)  # the other pages read it when opened
    st.page_link("pages/tong_quan.py", label=tr("ui.page_overview"), icon=":material/leaderboard:")
