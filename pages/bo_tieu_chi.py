"""Bộ tiêu chí: browse the chosen set (maxima, rules, guidance, sources), validate an uploaded YAML, import a
decision's appendix table for review and install, compare two sets, export the appendix, download sets."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from parindex.criteria import (
    EDITABLE,
    UNIT_TYPES,
    apply_review,
    build_import,
    describe_rule,
    diff_sets,
    export_appendix,
    load_criteria_set,
    parse_criteria_set,
    read_decision,
    review_frame,
    set_info_from,
    summary,
)
from parindex.criteria.model import CriteriaSet
from parindex.db import Round, sessions
from parindex.errors import InputError, ParindexError, Problem
from parindex.i18n import format_datetime
from parindex.inputs import MAX_CELL_CHARS, max_chars
from parindex.rounds import install_criteria_set, installed_version
from parindex.scoring import indicator_files
from ui.common import base_catalog, criteria_set_name, num, signed_in, unit_type_name, viewed_page
from ui.conflicts import as_drawn
from ui.markdown import NO_VALUE, escape_markdown, lang, tr
from ui.resources import engine, settings
from ui.running import confirmed, show_error, show_problems

view = viewed_page("ui.page_criteria", "bo_tieu_chi")
cs = view.compiled.criteria_set


def source_text(source) -> str:
    return tr("ui.reconstructed") if source.reconstructed else source.describe()


st.subheader(escape_markdown(cs.label(lang())))
st.markdown(
    tr(
        "ui.set_summary",
        decision=cs.decision,
        years=", ".join(map(str, cs.years)),
        types=", ".join(unit_type_name(u) for u in cs.unit_types),
        fields=len(cs.fields),
        criteria=len(cs.criteria),
        sub_criteria=cs.sub_criteria_count,
        max=num(cs.max_points, None),
        survey=num(cs.survey_max, None),
    )
)
st.markdown(
    tr("ui.grades")
    + ": "
    + " · ".join(f"**{escape_markdown(g.text(lang()))}** ≥ {num(g.min_index, None)} %" for g in cs.grades)
)
st.caption(
    tr("ui.ties_" + cs.ties)
    + " "
    + tr("ui.without_survey_" + cs.without_survey)
    + (
        " " + tr("ui.extras", bonus=num(cs.bonus.cap, None), penalty=num(cs.penalty.cap, None))
        if cs.bonus.items or cs.penalty.items
        else ""
    )
)
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
            tr("ui.col_guidance"): [leaf.guidance or "" for leaf in leaves],
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
            st.dataframe(rows_for(criterion.leaves), hide_index=True, width="stretch", placeholder=NO_VALUE)
extras = cs.bonus.items + cs.penalty.items
if extras:
    with st.expander(tr("ui.bonus_penalty")):
        st.dataframe(rows_for(extras), hide_index=True, width="stretch", placeholder=NO_VALUE)


def install_text(text: str, filename: str, key: str | None = None) -> None:
    """Install a checked set through the one install path (its role check included); ``key`` tells the
    widgets of two install offers on this page apart (the file name by default)."""
    actor = signed_in()
    if actor is None or not actor.can("manage_sets"):
        return
    set_id = parse_criteria_set(text, filename).id
    folder = settings().indicators_dir
    # the installed file as this form showed it, kept from the run that drew it: a set someone installed or
    # corrected since is refused, not replaced unseen; the tick belongs to the file it was given for
    drawn = installed_version(folder, set_id)
    shown = as_drawn(f"set_shown_{set_id}", drawn.version)
    if drawn.modified is not None:
        st.caption(tr("ui.set_installed_at", id=set_id, at=format_datetime(drawn.modified, lang())))
    replace = st.checkbox(tr("ui.replace_set", id=set_id), key=f"replace_{key or filename}_{drawn.version[:12]}")
    if st.button(tr("ui.install_set"), key=f"install_{key or filename}", icon=":material/library_add:"):
        try:
            with sessions(engine()).begin() as session:
                path = install_criteria_set(session, actor, text, filename, folder, replace, shown=shown)
            base_catalog.clear()  # every session sees the new set on its next run
            confirmed(tr("ui.set_installed", file=path.name))  # run again: the menu lists the new set
        except ParindexError as error:  # a file's problems, or a set changed since the form was drawn
            show_error(error)


def show_checked(message: str, checked: CriteriaSet, **fields: object) -> None:
    """Says that a set passed every check, with its id and size (the message picks what it names)."""
    size = {
        "fields": len(checked.fields),
        "criteria": len(checked.criteria),
        "sub_criteria": checked.sub_criteria_count,
    }
    st.success(tr(message, id=checked.id, max=num(checked.max_points, None), **size, **fields))


def upload_section(name: str, upload: str, types: list[str], key: str):
    """A part of the page that starts from a file: a rule, its title and hint (messages ``ui.<name>_title`` and
    ``ui.<name>_hint``), then the upload labelled ``ui.<upload>``."""
    st.divider()
    st.subheader(tr(f"ui.{name}_title"))
    st.caption(tr(f"ui.{name}_hint"))
    return st.file_uploader(tr(f"ui.{upload}"), type=types, key=key)


upload = upload_section("validate", "upload_yaml", ["yaml", "yml"], "yaml_upload")
if upload is not None:
    try:
        text = upload.getvalue().decode("utf-8")
        checked = parse_criteria_set(text, upload.name)
    except UnicodeDecodeError:
        show_problems(InputError([Problem("not_utf8", file=upload.name)]))
    except InputError as error:
        show_problems(error)
    else:
        show_checked("ui.yaml_valid", checked, file=upload.name)
        install_text(text, upload.name, key="set")


WIDTHS = {"row": "small", "id": "small", "review": "medium", "name": "medium", "max": "small", "guidance": "large"}
table_upload = upload_section("decision", "upload_decision", ["docx", "xlsx"], "decision_upload")
if table_upload is not None:
    try:
        draft = read_decision(table_upload.getvalue(), table_upload.name)
    except InputError as error:
        show_problems(error)
    else:
        info, _ = set_info_from(draft)
        left, right = st.columns(2)
        set_id = left.text_input(
            tr("ui.decision_set_id"), value=info.id, key="decision_id", max_chars=max_chars(Round.set_id)
        )
        set_name = right.text_input(
            tr("ui.decision_set_name"), value=info.name, key="decision_name", max_chars=MAX_CELL_CHARS
        )
        decision = left.text_input(
            tr("ui.decision_decision"), value=info.decision, key="decision_decision", max_chars=MAX_CELL_CHARS
        )
        years_text = right.text_input(
            tr("ui.decision_years"),
            value=", ".join(map(str, info.years)),
            key="decision_years",
            max_chars=MAX_CELL_CHARS,
        )
        types = st.multiselect(
            tr("ui.decision_unit_types"),
            list(UNIT_TYPES),
            default=list(info.unit_types),
            format_func=unit_type_name,
            key="decision_types",
        )
        frame = review_frame(draft, lang())
        labels = {
            k: tr(f"ui.decision_col_{k}") for k in ("row", "level", "guidance", "kind", "rule", "examples", "review")
        }
        labels.update(id=tr("col.id"), name=tr("col.name"), max=tr("col.max"))
        edited = st.data_editor(
            frame,
            hide_index=True,
            width="stretch",
            key=f"decision_editor_{table_upload.name}",
            disabled=[c for c in frame.columns if c not in EDITABLE],
            column_config={c: st.column_config.Column(label, width=WIDTHS.get(c)) for c, label in labels.items()},
            placeholder=NO_VALUE,
        )
        years = tuple(int(y) for y in years_text.replace(";", ",").split(",") if y.strip().isdigit())
        result = build_import(
            apply_review(draft, edited),
            id=set_id,
            name=set_name,
            decision=decision,
            years=years,
            unit_types=tuple(types),
        )
        scored = [r for r in result.draft.rows if r.scored]
        st.info(
            tr(
                "ui.decision_parsed",
                leaves=len(scored),
                exact=len(scored) - len(result.review),
                review=len(result.review),
            )
        )
        if result.defaults:
            st.caption(tr("ui.decision_defaults", keys=", ".join(tr(f"decision.key_{k}") for k in result.defaults)))
        if st.toggle(tr("ui.decision_check"), key="decision_check"):
            if result.problems:
                show_problems(InputError(result.problems))
            else:
                checked = parse_criteria_set(result.yaml_text, f"{set_id}.yaml")
                show_checked("ui.decision_valid", checked)
                st.download_button(
                    tr("ui.decision_download_yaml"),
                    data=result.yaml_text.encode("utf-8"),
                    file_name=f"{checked.id}.yaml",
                    mime="application/x-yaml",
                    key="decision_yaml",
                    icon=":material/download:",
                )
                install_text(result.yaml_text, f"{checked.id}.yaml")

st.divider()
st.subheader(tr("ui.compare_title"))
set_files = {path.stem: path for path in indicator_files(settings().indicators_dir)}
first, second = st.columns(2)
names = list(set_files)
set_names = {set_id: criteria_set_name(set_id) for set_id in names}  # the key carries the language the labels are in
earlier = first.selectbox(
    tr("ui.compare_before"),
    names,
    index=names.index(cs.id) if cs.id in names else 0,
    format_func=set_names.__getitem__,
    key=f"compare_before_{lang()}",
)
later = second.selectbox(
    tr("ui.compare_after"),
    names,
    index=min(1, len(names) - 1),
    format_func=set_names.__getitem__,
    key=f"compare_after_{lang()}",
)
if earlier and later:
    changes = diff_sets(load_criteria_set(set_files[earlier]), load_criteria_set(set_files[later]), lang())
    if not changes:
        st.caption(tr("cli.diff_none"))
    else:
        st.caption(tr("cli.diff_summary", **summary(changes)))
        st.dataframe(
            pd.DataFrame(
                {
                    tr("diff.col_kind"): [tr(f"diff.{c.kind}") for c in changes],
                    tr("diff.col_id_before"): [c.id_before or "" for c in changes],
                    tr("diff.col_id_after"): [c.id_after or "" for c in changes],
                    tr("col.name"): [c.name for c in changes],
                    tr("diff.col_before"): [c.before for c in changes],
                    tr("diff.col_after"): [c.after for c in changes],
                }
            ),
            hide_index=True,
            width="stretch",
            placeholder=NO_VALUE,
        )

st.divider()
st.subheader(tr("ui.export_title"))
APPENDIX_FORMATS = {  # format → (MIME type, icon): the appendix as Word for the decision, as Excel to work on
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ":material/description:"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ":material/table:"),
}
for column, (fmt, (mime, icon)) in zip(st.columns(len(APPENDIX_FORMATS)), APPENDIX_FORMATS.items(), strict=True):
    column.download_button(
        tr(f"ui.export_{fmt}"),
        data=export_appendix(cs, fmt),
        file_name=f"{cs.id}-phu-luc.{fmt}",
        mime=mime,
        key=f"export_{fmt}",
        icon=icon,
    )

st.divider()
st.subheader(tr("ui.download_sets"))
for path in indicator_files(settings().indicators_dir):
    st.download_button(
        escape_markdown(path.name),
        data=path.read_bytes(),
        file_name=path.name,
        mime="application/x-yaml",
        key=f"dl_{path.name}",
        icon=":material/download:",
    )
