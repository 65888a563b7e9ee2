"""Báo cáo: the decision's annex, a unit report, the leader's brief — each file built only when downloaded."""

from __future__ import annotations

import functools

import streamlit as st

from parindex.accounts import may_read_unpublished
from parindex.analysis import load_national, official_name
from parindex.db import Round, sessions
from parindex.files import values_by_unit
from parindex.i18n import format_date
from parindex.reports import (
    MIME,
    Heading,
    ReportInput,
    ReportRequest,
    build_report,
    file_name,
    find_unit,
    round_evidence,
    round_notes,
)
from ui.address import write_url
from ui.common import choose_unit, scored_page, signed_in
from ui.markdown import lang, tr
from ui.number_inputs import decimal_input
from ui.resources import ROOT, engine, settings

view, scores, table = scored_page("ui.page_reports", "bao_cao")
kinds = {"annex": tr("ui.report_annex"), "unit": tr("ui.report_unit"), "brief": tr("ui.report_brief")}
kind = st.radio(tr("ui.report_kind"), list(kinds), format_func=kinds.__getitem__, key="report_kind", horizontal=True)
st.caption(tr(f"ui.report_{kind}_hint"))

config = settings()
heading = Heading.from_settings(config, sample=bool(view.dataset.sample))
if st.session_state.get("national_province"):  # the province chosen in the app (Cấp tỉnh) names the report
    heading = heading.naming(official_name(st.session_state["national_province"]))
unit, fmt, target_rank, national_index = None, "pdf", None, None
notes, evidence = {}, {}
if kind == "annex":
    formats = {"xlsx": "Excel (.xlsx)", "docx": "Word (.docx)", "pdf": "PDF"}
    fmt = st.segmented_control(
        tr("ui.report_format"), list(formats), key="report_format", required=True, format_func=formats.__getitem__
    )
    fmt = fmt or "xlsx"
    kept = st.query_params.get("unit") or st.session_state.get("unit")
    write_url(**({"unit": kept} if kept else {}))  # the unit stays in the address for the other reports
else:
    unit, row = choose_unit(scores)
    peers = int((scores.units["unit_type"] == scores.units["unit_type"][row]).sum())
    c1, c2 = st.columns(2)
    if c1.toggle(tr("ui.report_with_target"), value=True, key="report_with_target"):
        default = max(1, min(peers, int(scores.rank[row]) - 1 if scores.rank[row] > 1 else 1))
        target_rank = int(c2.number_input(tr("ui.target_rank"), 1, peers, default, key="report_target"))
    if kind == "brief":
        national_index = decimal_input(
            tr("ui.report_national_index"),
            None,
            0.0,
            100.0,
            "report_national_index",
            help=tr("ui.report_national_help"),
        )
    if kind == "unit" and view.dataset.round_id is not None:
        st.caption(tr("ui.report_from_round", year=view.year))
        with sessions(engine())() as session:
            round_ = session.get(Round, view.dataset.round_id)
            found = find_unit(session, unit, view.unit_type)
            if round_ is not None and found is not None and may_read_unpublished(signed_in(), found.id):
                order = list(scores.compiled.column_ids)
                notes[unit] = round_notes(session, round_, found, signed_in(), order)
                evidence[unit] = round_evidence(session, round_, found, signed_in(), order)

request = ReportRequest(
    kind=kind, fmt=fmt, unit=unit, target_rank=target_rank, year=view.year, national_index=national_index, lang=lang()
)
data = ReportInput(
    scores=scores,
    raw=values_by_unit(table),
    year=view.year,
    sample=bool(view.dataset.sample),
    notes=notes,
    evidence=evidence,
    from_round=view.dataset.round_id is not None,
)
national = load_national(ROOT / "data" / "national") if kind == "brief" else None
name = file_name(request, view.year)
# A callable: Streamlit runs it only when the button is clicked, so no file is built on a rerun.
st.download_button(
    tr("ui.report_download", file=name),
    data=functools.partial(build_report, request, data, heading, national),
    file_name=name,
    mime=MIME[fmt],
    type="primary",
    icon=":material/download:",
    key="report_download",
    on_click="ignore",
)
st.caption(
    tr(
        "ui.report_built_on_click",
        number=heading.number_text(),
        date=format_date(heading.decision_date, lang()) if heading.decision_date else "…",
        signer=heading.signer_title or "…",
    )
)
