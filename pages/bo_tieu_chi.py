"""Bộ tiêu chí: browse the chosen set (maxima, rules, sources), validate an uploaded YAML, download sets."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pages.common import (
    View,
    base_catalog,
    engine,
    escape_markdown,
    lang,
    num,
    settings,
    show_problems,
    signed_in,
    through_entry_point,
    tr,
    unit_type_name,
)
from parindex.criteria_store import install_criteria_set
from parindex.db import sessions
from parindex.describe import describe_rule
from parindex.loader import parse_criteria_set
from parindex.pipeline import indicator_files
from parindex.problems import InputError, Problem

view: View | None = through_entry_point("bo_tieu_chi")
st.title(tr("ui.page_criteria"))
if view is None:
    st.stop()
cs = view.compiled.criteria_set


def source_text(source) -> str:
    return tr("ui.reconstructed") if source.reconstructed else source.describe()


st.subheader(escape_markdown(cs.label(lang())))
st.markdown(
    tr(
        "ui.set_summary", decision=cs.decision, years=", ".join(map(str, cs.years)),
        types=", ".join(unit_type_name(u) for u in cs.unit_types), fields=len(cs.fields), criteria=len(cs.criteria),
        sub_criteria=cs.sub_criteria_count, max=num(cs.max_points, None), survey=num(cs.survey_max, None),
    )
)  # fmt: skip
st.markdown(
    tr("ui.grades")
    + ": "
    + " · ".join(f"**{escape_markdown(g.text(lang()))}** ≥ {num(g.min_index, None)} %" for g in cs.grades)
)
st.caption(
    tr("ui.ties_" + cs.ties) + " " + tr("ui.without_survey_" + cs.without_survey)
    + (" " + tr("ui.extras", bonus=num(cs.bonus.cap, None), penalty=num(cs.penalty.cap, None)) if cs.bonus.items or cs.penalty.items else "")
)  # fmt: skip
if cs.description:
    with st.expander(tr("ui.description")):
        st.write(escape_markdown(cs.description))

part_names = {p: tr(f"ui.part_{p}") for p in ("appraisal", "survey", "bonus", "penalty")}


def rows_for(leaves) -> pd.DataFrame:
    return pd.DataFrame(
        {
            tr("col.id"): [leaf.id for leaf in leaves],
            tr("col.name"): [leaf.label(lang()) for leaf in leaves],
            tr("col.max"): [num(leaf.max, None) for leaf in leaves],
            tr("col.rule"): [describe_rule(leaf, lang()) for leaf in leaves],
            tr("ui.col_part"): [part_names[leaf.part] for leaf in leaves],
            tr("ui.col_source"): [source_text(leaf.source) for leaf in leaves],
        }
    )


for field in cs.fields:
    with st.expander(
        f"{escape_markdown(field.id)}. {escape_markdown(field.label(lang()))} — {num(field.max, None)} {tr('ui.points_word')}"
    ):
        st.caption(f"{tr('ui.col_source')}: {escape_markdown(source_text(field.source))}")
        for criterion in field.criteria:
            st.markdown(
                f"**{escape_markdown(criterion.id)}. {escape_markdown(criterion.label(lang()))}** — {num(criterion.max, None)} {tr('ui.points_word')}"
            )
            st.dataframe(rows_for(criterion.leaves), hide_index=True, width="stretch")
extras = cs.bonus.items + cs.penalty.items
if extras:
    with st.expander(tr("ui.bonus_penalty")):
        st.dataframe(rows_for(extras), hide_index=True, width="stretch")

st.divider()
st.subheader(tr("ui.validate_title"))
st.caption(tr("ui.validate_hint"))
upload = st.file_uploader(tr("ui.upload_yaml"), type=["yaml", "yml"], key="yaml_upload")
if upload is not None:
    try:
        text = upload.getvalue().decode("utf-8")
        checked = parse_criteria_set(text, upload.name)
    except UnicodeDecodeError:
        show_problems(InputError([Problem("not_utf8", file=upload.name)]))
    except InputError as error:
        show_problems(error)
    else:
        st.success(
            tr(
                "ui.yaml_valid", file=upload.name, fields=len(checked.fields), criteria=len(checked.criteria),
                sub_criteria=checked.sub_criteria_count, max=num(checked.max_points, None),
            )
        )  # fmt: skip
        actor = signed_in()
        if actor is not None and actor.can("manage_sets"):
            replace = st.checkbox(tr("ui.replace_set", id=checked.id), key="replace_set")
            if st.button(tr("ui.install_set"), key="install_set", icon=":material/library_add:"):
                try:
                    with sessions(engine()).begin() as session:
                        path = install_criteria_set(
                            session, actor, text, upload.name, settings().indicators_dir, replace
                        )
                    base_catalog.clear()  # every session sees the new set on its next run
                    st.success(tr("ui.set_installed", file=path.name))
                except InputError as error:
                    show_problems(error)

st.divider()
st.subheader(tr("ui.download_sets"))
for path in indicator_files(settings().indicators_dir):
    st.download_button(
        escape_markdown(path.name), data=path.read_bytes(), file_name=path.name, mime="application/x-yaml", key=f"dl_{path.name}",
        icon=":material/download:",
    )  # fmt: skip
