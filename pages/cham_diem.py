"""Chấm điểm: a round in the database — enter or appraise a unit's values, attach evidence, see the
round board, publish the round. Every save is checked by the round's frozen rules and audited."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st
from sqlalchemy import select

from parindex.accounts import AccessDenied, may_read_unpublished
from parindex.criteria import describe_rule
from parindex.db import AuditRecord, Entry, Evidence, Round, Unit, sessions
from parindex.errors import InputError, ParindexError
from parindex.files import changes_preview, preview_headings, read_unit_workbook, to_xlsx_bytes
from parindex.i18n import MESSAGES, format_datetime
from parindex.inputs import MAX_CELL_CHARS, max_chars
from parindex.rounds import (
    ROUND_YEARS,
    ImportConflict,
    ImportPlan,
    SurveyConflict,
    add_evidence,
    apply_import,
    audit_log,
    board,
    entry_status,
    import_survey,
    list_rounds,
    open_round,
    plan_edits,
    plan_table,
    plan_workbook_return,
    publish,
    reopen,
    restore_unit,
    retire_unit,
    round_export,
    round_set,
    round_title,
    set_explanation,
    typed_points,
    unit_entries,
    unit_lineage,
    unit_workbook,
)
from parindex.scoring import indicator_files, read_values
from ui.common import (
    criteria_set_name,
    num,
    on_phone,
    pct,
    round_unit_result,
    round_version,
    show_table,
    signed_in_page,
)
from ui.conflicts import as_drawn, decide, decided, keep_plan, show_changes, stored_plan
from ui.markdown import NO_VALUE, escape_markdown, lang, tr, tr_text
from ui.resources import engine, settings
from ui.running import confirm_later, confirmed, show_confirmations, show_error, show_problems

if TYPE_CHECKING:  # the type st.expander returns, named for the hint only
    from streamlit.elements.lib.mutable_expander_container import ExpanderContainer

ACTOR = signed_in_page("ui.page_scoring", "cham_diem")
make = sessions(engine())
STAFF_VIEW = may_read_unpublished(ACTOR)  # every unit of a round; a unit officer sees their own unit only
GRID_WIDTHS = {"id": "small", "value": "medium", "points": None, "status": None}  # on a wider screen
PUBLISH_ASKED = "publish_asked"  # the round whose publishing waits for a yes in the dialog

if ACTOR.can("manage_rounds"):
    with st.expander(tr("ui.open_round"), icon=":material/add_circle:"), st.form("open_round", clear_on_submit=True):
        files = {path.name: path for path in indicator_files(settings().indicators_dir)}
        year = st.number_input(tr("ui.round_year"), ROUND_YEARS.start, ROUND_YEARS.stop - 1, date.today().year)
        set_names = {name: criteria_set_name(Path(name).stem) for name in files}
        set_file = st.selectbox(tr("ui.criteria_set"), list(files), format_func=set_names.__getitem__)
        if st.form_submit_button(tr("ui.open_round"), type="primary"):
            try:
                with make.begin() as session:
                    opened = open_round(session, int(year), files[set_file], ACTOR)
                    opened_label = tr("ui.round_opened", title=round_title(opened, lang()))
                confirmed(opened_label)
            except ParindexError as error:
                show_error(error)

with make() as session:
    rounds = list_rounds(session)
if not rounds:
    st.info(tr("ui.no_rounds"), icon=":material/inbox:")
    st.stop()
labels = {r.id: f"{round_title(r, lang())} · {tr_text('ui.status_' + r.status)}" for r in rounds}
round_id = st.selectbox(tr("ui.round"), list(labels), format_func=labels.__getitem__, key="round")
stages = {"self": tr("ui.stage_self"), "appraisal1": tr("ui.stage_appraisal1"), "appraisal2": tr("ui.stage_appraisal2")}
if not ACTOR.can("appraise") and ACTOR.own_unit_only:
    stages = {"self": stages["self"]}


@st.cache_resource(show_spinner=False, max_entries=16)
def round_board(chosen: int, version: int, _session, _round: Round, _compiled) -> pd.DataFrame:
    """The round's board, read again only when the round changed (it reads every entry); staff only."""
    return board(_session, _round, ACTOR, _compiled)


with make() as session:
    round_ = session.get(Round, round_id)
    compiled = round_set(round_)
    if STAFF_VIEW:
        summary = round_board(round_id, round_version(session, round_id), session, round_, compiled)
        names = summary["unit"].tolist()
        units = {u.id: u for u in session.query(Unit).filter(Unit.name.in_(names)).all()} if names else {}
    else:
        own = session.get(Unit, ACTOR.unit_id) if ACTOR.unit_id is not None else None
        units = {own.id: own} if own is not None else {}


def export_round(selected: int) -> bytes:
    """The round's results and values in one workbook, joined by unit in the core, built only when asked for."""
    with make() as session:
        return to_xlsx_bytes(round_export(session, session.get(Round, selected), ACTOR, lang()))


def save_plan(
    plan: ImportPlan, decisions: dict[str, str], store: str, fingerprint: object, replan: Callable[[object], ImportPlan]
) -> int | None:
    """Write a plan with the user's choices. A cell that moved after the preview: nothing is written, the
    fresh plan is kept to be decided again and the next run says why. Returns the cells written."""
    count = write_plan(plan, decisions, store, fingerprint, replan)
    if count is None and (refusal := st.session_state.pop(f"{store}_refused", None)) is not None:
        show_error(refusal)
    elif count is None:
        st.rerun()
    return count


def write_plan(
    plan: ImportPlan, decisions: dict[str, str], store: str, fingerprint: object, replan: Callable[[object], ImportPlan]
) -> int | None:
    """:func:`save_plan` without drawing (a button's callback calls it): a moved cell keeps the fresh plan and
    the reason under ``<store>_flash``, a refusal under ``<store>_refused``; None then, else the cells written."""
    try:
        with make.begin() as session:
            count = apply_import(session, plan, decisions, ACTOR)
    except ImportConflict as error:
        st.session_state[f"{store}_flash"] = error
        try:
            with make() as session:
                keep_plan(store, fingerprint, replan(session))
        except ParindexError:  # the round was closed meanwhile, say: nothing to decide
            keep_plan(store, fingerprint, None)
        return None
    except ParindexError as error:
        st.session_state[f"{store}_refused"] = error
        return None
    keep_plan(store, fingerprint, None)
    return count


def resolve(
    store: str,
    fingerprint: object,
    replan: Callable[[object], ImportPlan],
    save_label: str,
    save_key: str,
    show: Callable[[ImportPlan], None] = show_changes,
) -> int | None:
    """The kept plan's changes and conflict table, then save (once every conflict has a choice) or cancel."""
    plan = stored_plan(store, fingerprint)
    if plan is None:
        return None
    if flash := st.session_state.pop(f"{store}_flash", None):
        show_error(flash)
    show(plan)
    decisions = decide(plan, store) if plan.conflicts else {}
    ready = decided(plan, decisions)
    left, right = st.columns(2)
    if right.button(tr("conflict.cancel"), key=f"{store}_cancel", disabled=not plan.conflicts):
        keep_plan(store, fingerprint, None)
        st.session_state[f"{store}_cancelled"] = fingerprint
        st.rerun()
    if left.button(
        escape_markdown(save_label), type="primary", key=save_key, disabled=not ready or round_.status != "open"
    ):
        return save_plan(plan, decisions, store, fingerprint, replan)
    return None


# Opening a tab runs the page again: a save on the entry tab runs only the unit's part (see unit_workspace), so
# the board is read anew when it is looked at. Both tabs are drawn on every run.
tab_entry, tab_board = (
    st.tabs([tr("ui.tab_entry"), tr("ui.tab_board")], key=f"scoring_tabs_{lang()}", on_change="rerun")
    if STAFF_VIEW
    else (st.container(), None)
)


def show_units() -> None:
    """Units that merged or were dissolved (as in 2025): the last year they exist, and what they joined."""
    with st.expander(tr("ui.units_lineage")):
        with make() as session:
            lineage = unit_lineage(session)
            all_units = {u.id: u for u in session.scalars(select(Unit).order_by(Unit.name))}
        show_table(
            lineage,
            {
                "unit": tr("ui.col_unit"),
                "unit_type": tr("ui.unit_type"),
                "first_year": tr("ui.first_year"),
                "last_year": tr("ui.last_year"),
                "merged_into": tr("ui.merged_into"),
            },
        )
        # each unit's lineage as this form showed it, kept from the run that drew it: a lineage someone else
        # recorded since is refused, not replaced
        shown = as_drawn("lineage_shown", {i: (u.last_year, u.merged_into_id) for i, u in all_units.items()})
        with st.form("retire_unit", clear_on_submit=True):
            label = {i: f"{u.name} ({u.unit_type})" for i, u in all_units.items()}
            unit_id = st.selectbox(tr("ui.col_unit"), list(label), format_func=label.__getitem__)
            last_year = st.number_input(tr("ui.last_year"), 2000, 2100, round_.year - 1)
            into_id = st.selectbox(
                tr("ui.merged_into"), [None, *label], format_func=lambda i: tr("ui.no_unit") if i is None else label[i]
            )
            reason = st.text_input(tr("ui.reason"), max_chars=max_chars(AuditRecord.reason))
            undo = st.checkbox(tr("ui.restore_unit"))
            if st.form_submit_button(tr("ui.save")):
                try:
                    with make.begin() as session:
                        unit = session.get(Unit, unit_id)
                        seen = shown.get(unit_id, (unit.last_year, unit.merged_into_id))
                        if undo:
                            restore_unit(session, ACTOR, unit, reason, shown=seen)
                        else:
                            into = session.get(Unit, into_id) if into_id is not None else None
                            retire_unit(session, ACTOR, unit, int(last_year), into, reason, shown=seen)
                    confirmed(tr("ui.unit_lineage_saved", unit=label[unit_id]))
                except ParindexError as error:
                    show_error(error)


def round_upload(message: str, key: str):
    """A CSV or Excel file to bring into the round: labelled by ``ui.<message>`` with its ``_help`` text,
    and closed once the round is no longer open."""
    return st.file_uploader(
        tr(f"ui.{message}"),
        type=["csv", "xlsx"],
        key=key,
        help=tr(f"ui.{message}_help"),
        disabled=round_.status != "open",
    )


def survey_step(survey_file) -> None:
    """Import a survey file; one that would change results already in the round is held until the user has seen
    those cells and chosen to replace them (or to keep what is there)."""
    held = f"survey_conflict_{round_id}"

    def bring_in(replace: bool) -> None:
        st.session_state.pop(held, None)
        try:
            with make.begin() as session:
                count = import_survey(
                    session,
                    session.get(Round, round_id),
                    survey_file.getvalue(),
                    survey_file.name,
                    ACTOR,
                    replace=replace,
                )
            confirmed(tr("ui.survey_imported", count=num(count, 0)))
        except SurveyConflict as conflict:
            st.session_state[held] = (survey_file.file_id, conflict)
        except ParindexError as error:
            show_error(error)

    if st.button(tr("ui.import_survey"), key="import_survey"):
        bring_in(replace=False)
    file_id, conflict = st.session_state.get(held, (None, None))
    if conflict is None or file_id != survey_file.file_id:
        return
    st.warning(escape_markdown(conflict.message(lang())), icon=":material/warning:")

    def result(share: float, respondents: int) -> str:
        return f"{num(share)} % ({num(respondents, 0)})" if respondents else f"{num(share)} %"

    cells = pd.DataFrame(
        {
            tr("conflict.col_unit"): [cell.unit for cell in conflict.cells],
            tr("conflict.col_id"): [cell.leaf_id for cell in conflict.cells],
            tr("ui.survey_there"): [result(*cell.there) for cell in conflict.cells],
            tr("conflict.col_by"): [cell.by or "" for cell in conflict.cells],
            tr("ui.survey_in_file"): [result(*cell.in_file) for cell in conflict.cells],
        }
    )
    st.dataframe(cells, hide_index=True, width="stretch", placeholder=NO_VALUE)
    replace, keep = st.columns(2)
    if replace.button(tr("ui.survey_replace"), key="survey_replace", type="primary"):
        bring_in(replace=True)
    if keep.button(tr("conflict.cancel"), key="survey_keep"):
        st.session_state.pop(held, None)
        st.rerun()


def show_board() -> None:
    """Staff's view of the whole round: who has done what, export, survey import, publish or reopen."""
    show_table(
        summary,
        {
            "unit": tr("ui.col_unit"),
            "unit_type": tr("ui.unit_type"),
            "self": tr("ui.self_done"),
            "appraised": tr("ui.appraised"),
            "explanations_owed": tr("ui.explanations_owed"),
            "items": tr("ui.items"),
        },
    )
    st.download_button(
        tr("ui.export_round"),
        key="export_round",
        icon=":material/download:",
        data=lambda: export_round(round_id),
        file_name=f"ky-danh-gia-{round_.year}-{round_.set_id}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    if not ACTOR.can("appraise"):
        return
    values_file = round_upload("import_into_round", "round_values_upload")
    if values_file is not None:
        import_stage = st.segmented_control(
            tr("ui.stage"),
            list(stages),
            format_func=stages.__getitem__,
            default="self",
            key="import_stage",
            required=True,
        )
        fingerprint = (round_id, import_stage, hashlib.sha256(values_file.getvalue()).hexdigest())

        def replan(session) -> ImportPlan:
            table = read_values(values_file.getvalue(), compiled, values_file.name)
            return plan_table(session, session.get(Round, round_id), table, ACTOR, import_stage, values_file.name)

        if st.button(tr("ui.import_round_button"), key="import_round"):
            st.session_state.pop("round_import_cancelled", None)
            try:  # a values file fills empty cells at once; a cell holding another value waits for a decision
                with make() as session:
                    plan = replan(session)
                keep_plan("round_import", fingerprint, plan)
                if (
                    not plan.conflicts
                    and (count := save_plan(plan, {}, "round_import", fingerprint, replan)) is not None
                ):
                    confirmed(tr("ui.round_imported", count=num(count, 0)))
            except ParindexError as error:
                show_error(error)
        try:
            count = resolve("round_import", fingerprint, replan, tr("conflict.apply"), "import_round_apply")
            if count is not None:
                confirmed(tr("ui.round_imported", count=num(count, 0)))
        except ParindexError as error:
            show_error(error)
        if st.session_state.get("round_import_cancelled") == fingerprint:
            st.caption(tr("conflict.cancelled"))
    survey_file = round_upload("upload_survey", "survey_upload")
    if survey_file is not None:
        survey_step(survey_file)
    if not ACTOR.can("manage_rounds"):
        return
    show_units()
    if round_.status == "open":
        # The question stays open until answered or dismissed (not only for the run of the click), so answering
        # it works whether the dialog reruns alone or the whole page runs again.
        if st.button(tr("ui.publish"), key="publish", icon=":material/lock:"):
            st.session_state[PUBLISH_ASKED] = round_id

        @st.dialog(tr("ui.publish"), on_dismiss=lambda: st.session_state.pop(PUBLISH_ASKED, None))
        def confirm() -> None:
            st.write(tr("ui.publish_confirm", year=round_.year))
            if st.button(tr("ui.publish_yes"), type="primary", key="publish_yes"):
                from ui.auth_forms import current_actor

                now_acting = current_actor()  # a dialog reruns alone: ask again who is signed in, with what role
                try:
                    with make.begin() as session:
                        publish(session, session.get(Round, round_id), now_acting)
                except ParindexError as error:
                    show_error(error)
                    return
                st.session_state.pop(PUBLISH_ASKED, None)
                confirmed(tr("ui.round_published", title=round_title(round_, lang())))

        if st.session_state.get(PUBLISH_ASKED) == round_id:
            confirm()
    else:
        reason = st.text_input(tr("ui.reopen_reason"), key="reopen_reason", max_chars=max_chars(AuditRecord.reason))
        if st.button(tr("ui.reopen"), key="reopen", icon=":material/lock_open:"):
            try:
                with make.begin() as session:
                    reopen(session, session.get(Round, round_id), ACTOR, reason)
                confirmed(tr("ui.round_reopened", title=round_title(round_, lang())))
            except ParindexError as error:
                show_error(error)


if tab_board is not None:
    with tab_board:
        show_board()

with tab_entry:
    if not units:
        st.info(tr("ui.no_units_in_round"))
        st.stop()
    by_name = {u.name: u for u in units.values()}
    unit_name = st.selectbox(tr("ui.col_unit"), sorted(by_name), key="score_unit")
    stage = st.segmented_control(
        tr("ui.stage"), list(stages), format_func=stages.__getitem__, default="self", key="stage", required=True
    )
    if round_.status == "published":
        st.warning(tr("ui.round_locked"), icon=":material/lock:")
    unit = by_name[unit_name]

    leaf_names = {"": "—"} | {leaf.id: f"{leaf.id} · {leaf.label(lang())}" for leaf in compiled.columns}

    def choose_leaf(leaf_ids: list[str], key: str) -> str | None:
        """A sub-criterion chosen by its code and name (a code alone says little to a council member); the key
        carries the language its names are in."""
        return st.selectbox(tr("ui.col_leaf"), leaf_ids, format_func=leaf_names.__getitem__, key=f"{key}_{lang()}")

    def write_entry(action: Callable[..., object], leaf_id: str, done: str, **fields: object) -> None:
        """One write on an entry of this round and unit, in its own transaction, then the message ``done`` (a
        catalogue key, given the leaf's id); a refusal is shown, not raised."""
        try:
            with make.begin() as session:
                action(session, session.get(Round, round_id), session.get(Unit, unit.id), leaf_id, ACTOR, **fields)
            confirmed(tr(done, id=leaf_id))
        except ParindexError as error:
            show_error(error)

    field_of = {f.id: f for f in compiled.criteria_set.fields}
    value_column = {"self": "self_value", "appraisal1": "appraisal1_value", "appraisal2": "appraisal2_value"}[stage]

    def result_line() -> None:
        """The unit's result in the round, above the grid, where a phone shows it first."""
        with make() as session:
            try:
                result, r = round_unit_result(session, round_id, unit.name, unit.unit_type, ACTOR)
                st.caption(
                    tr(
                        "ui.unit_result",
                        index=pct(float(result.index[r])),
                        rank=num(result.rank[r], 0),
                        grade=result.grade(r, lang()) or "—",
                    )
                )
            except (InputError, KeyError):
                st.caption(tr("ui.result_pending"))
            except AccessDenied:
                st.caption(tr("ui.result_after_publish"))

    # What is filled in first (the value, its points and status), so a phone shows it without scrolling sideways;
    # the self-assessment column only where it is not the column being filled.
    grid_columns = ["id", "value", "points", "status", "name", "max", "self", "appraised", "differs"]
    grid_columns = [c for c in grid_columns if not (stage == "self" and c == "self")] + ["evidence", "rule", "guidance"]
    # in pixels on a phone (390 px): the four first columns fit the screen
    widths = {"id": 52, "value": 128, "points": 52, "status": 110} if on_phone() else GRID_WIDTHS

    def scoring_grid(entries: dict, evidence_counts: dict[str, int]) -> None:
        """The grid, its unsaved changes and their save (the cells shown are those of ``entries``)."""
        rows = []
        for leaf in compiled.columns:
            entry = entries.get(leaf.id)
            self_value = entry.self_value if entry else None
            appraised = (entry.appraisal2_value or entry.appraisal1_value) if entry else None
            effective = entry.effective_value() if entry else None
            rows.append(
                {
                    "field": field_of[leaf.field_id].id if leaf.field_id else tr("ui.part_" + leaf.part),
                    "id": leaf.id,
                    "name": leaf.label(lang()),
                    "max": leaf.max,
                    "rule": describe_rule(leaf, lang()),
                    "guidance": leaf.guidance or "",
                    "self": self_value or "",
                    "appraised": appraised or "",
                    "differs": "⚠" if appraised and self_value and appraised != self_value else "",
                    "status": tr("ui.entry_" + entry_status(entry)),
                    "value": (getattr(entry, value_column) if entry else None) or "",
                    "points": typed_points(leaf, effective),
                    "evidence": evidence_counts.get(leaf.id, 0),
                    "version": entry.version if entry else 0,
                }
            )
        grid = pd.DataFrame(rows)
        writable = round_.status == "open" and ACTOR.can("self_assess" if stage == "self" else "appraise")
        if round_.status == "open" and not writable:
            st.info(tr("ui.read_only"), icon=":material/visibility:")
        st.caption(tr("ui.scoring_hint"))
        groups = list(dict.fromkeys(grid["field"]))  # one tab per field, then bonus and penalty items

        def group_label(key: str) -> str:
            field = field_of.get(key)
            if field is None:
                return key
            name = field.label(lang())
            return f"{key}. {name[:30]}…" if len(name) > 31 else f"{key}. {name}"

        # A save starts each edited editor afresh under a new key: the browser then draws a new editor instead of
        # sending the old one's edits back (which ran this part once more after every save); editors without
        # edits keep their key and are only updated.
        restarts = st.session_state.setdefault(f"grid_restarts_{round_id}_{unit.id}_{stage}", {})

        def editor_key(group: str) -> str:
            return f"grid_{round_id}_{unit.id}_{stage}_{group}_{restarts.get(group, 0)}"

        def has_edits(group: str) -> bool:
            return bool((st.session_state.get(editor_key(group)) or {}).get("edited_rows"))

        # Only the open field's editor is drawn, and any editor that holds unsaved edits (so switching fields keeps
        # them): drawing all nine after every edit or save took about as long as the server's whole run.
        field_tabs = st.tabs(
            [escape_markdown(group_label(g)) for g in groups], key=f"grid_field_{lang()}", on_change="rerun"
        )
        rows_of = grid.groupby("field", sort=False).indices  # each field's row positions, found in one pass
        edited = grid.copy()  # a field not drawn holds no edits: as stored
        for tab, group in zip(field_tabs, groups, strict=True):
            if not (tab.open or has_edits(group)):
                continue
            in_field = grid.iloc[rows_of[group]]
            with tab:
                drawn = st.data_editor(
                    in_field,
                    hide_index=True,
                    width="stretch",
                    key=editor_key(group),
                    disabled=[c for c in grid.columns if c != "value"] if writable else True,
                    column_order=grid_columns,
                    column_config={
                        "id": st.column_config.TextColumn(tr("col.id"), width=widths["id"]),
                        "name": st.column_config.TextColumn(tr("col.name"), width="large"),
                        "max": st.column_config.NumberColumn(tr("col.max"), format="localized"),
                        "self": st.column_config.TextColumn(tr("ui.stage_self")),
                        "appraised": st.column_config.TextColumn(tr("ui.appraised")),
                        "differs": st.column_config.TextColumn("≠", help=tr("ui.differs_help")),
                        "status": st.column_config.TextColumn(tr("ui.entry_status"), width=widths["status"]),
                        "value": st.column_config.TextColumn(
                            stages[stage] + " ✎", width=widths["value"], max_chars=MAX_CELL_CHARS
                        ),
                        "points": st.column_config.NumberColumn(
                            tr("col.points"), format="localized", width=widths["points"]
                        ),
                        "evidence": st.column_config.NumberColumn(tr("ui.evidence_count")),
                        "rule": st.column_config.TextColumn(tr("col.rule")),
                        "guidance": st.column_config.TextColumn(tr("ui.col_guidance")),
                    },
                    placeholder=NO_VALUE,
                )
                edited.loc[in_field.index, "value"] = drawn["value"]  # only the value column is editable
        changed = edited[edited["value"].fillna("") != grid["value"].fillna("")]
        grid_fingerprint = (round_id, unit.id, stage)
        basis_key = f"grid_basis_{round_id}_{unit.id}_{stage}"
        if not len(changed) or basis_key not in st.session_state:  # the versions the user saw when editing began
            st.session_state[basis_key] = dict(zip(grid["id"], grid["version"], strict=True))
        shown_versions = st.session_state[basis_key]

        def held_edits() -> dict[str, tuple[str, int]]:
            """The unsaved values as the editors hold them at this moment, with the versions the screen showed:
            read from each editor's state (its edited rows by position), which is current even in a callback."""
            held = {}
            for group in groups:
                state = st.session_state.get(editor_key(group)) or {}
                for position, change in state.get("edited_rows", {}).items():
                    row = grid.iloc[rows_of[group][int(position)]]
                    value = change.get("value", row.value) or ""
                    if value != (row.value or ""):
                        held[row.id] = (value, int(shown_versions.get(row.id, row.version)))
            return held

        def forget_grid_edits() -> None:
            """After a save the grid starts again from the database: edits and their versions are dropped."""
            for group in groups:
                if (st.session_state.get(editor_key(group)) or {}).get("edited_rows"):
                    del st.session_state[editor_key(group)]
                    restarts[group] = restarts.get(group, 0) + 1
            st.session_state.pop(basis_key, None)

        if len(changed):
            leaves = {leaf.id: leaf for leaf in compiled.columns}
            preview = pd.DataFrame(
                {
                    tr("col.id"): changed["id"],
                    tr("ui.from_to"): [
                        f"{a or '—'} → {b or '—'}"
                        for a, b in zip(grid.loc[changed.index, "value"], changed["value"], strict=True)
                    ],
                    tr("col.points"): [
                        num(p) if (p := typed_points(leaves[i], v)) is not None else "?"
                        for i, v in zip(changed["id"], changed["value"], strict=True)
                    ],
                }
            )
            st.markdown(tr("ui.unsaved", count=len(changed)))
            st.dataframe(preview, hide_index=True, placeholder=NO_VALUE)
            st.text_input(tr("ui.note"), key="save_note", max_chars=max_chars(Entry.appraisal1_note))
            edits = {
                row.id: (row.value or "", int(shown_versions.get(row.id, row.version))) for row in changed.itertuples()
            }

            def planner(edits: dict[str, tuple[str, int]]) -> Callable[[object], ImportPlan]:
                def replan(session) -> ImportPlan:
                    note = st.session_state.get("save_note", "")
                    return plan_edits(
                        session,
                        session.get(Round, round_id),
                        session.get(Unit, unit.id),
                        edits,
                        ACTOR,
                        stage,
                        note,
                        compiled,
                    )

                return replan

            replan_grid = planner(edits)

            def save_grid() -> None:
                """The save, as the button's callback: it runs before this part is drawn again, so one run shows
                the saved grid, or the conflicts to decide, or the refusal. It saves what the editors hold now."""
                st.session_state.pop("grid_save_cancelled", None)
                replan = planner(held_edits())
                try:  # the versions the screen showed: a row saved by someone else since is a conflict to decide
                    with make() as session:
                        plan = replan(session)
                except ParindexError as error:
                    st.session_state["grid_save_refused"] = error
                    return
                keep_plan("grid_save", grid_fingerprint, plan)
                count = None if plan.conflicts else write_plan(plan, {}, "grid_save", grid_fingerprint, replan)
                if count is not None:
                    forget_grid_edits()
                    confirm_later(tr("ui.grid_saved", count=num(count, 0)))

            st.button(tr("ui.save"), type="primary", key="save", icon=":material/save:", on_click=save_grid)
        if (refusal := st.session_state.pop("grid_save_refused", None)) is not None:
            show_error(refusal)
        if len(changed):
            if (
                count := resolve("grid_save", grid_fingerprint, replan_grid, tr("conflict.apply"), "grid_save_apply")
            ) is not None:
                forget_grid_edits()
                confirmed(tr("ui.grid_saved", count=num(count, 0)), part=True)
            if st.session_state.get("grid_save_cancelled") == grid_fingerprint:
                st.caption(tr("conflict.cancelled"))

    def opened(label_key: str) -> ExpanderContainer:
        """An expander whose content is drawn only while it is open: opening it runs the unit's part again, and
        closed it costs nothing when a cell is edited or saved (its content read the database and listed every
        sub-criterion each time)."""
        return st.expander(tr(label_key), key=f"open_{label_key}", on_change="rerun")

    def explanations(entries: dict) -> None:
        """The council asks a unit to explain a value; the unit answers."""
        if (ACTOR.can("appraise") or ACTOR.can("self_assess")) and (box := opened("ui.explanations")).open:
            # the rows' versions as this form showed them, kept from the run that drew it: a request or answer
            # saved by someone else since is then a conflict, not silently replaced
            drawn = {leaf_id: entry.version for leaf_id, entry in entries.items()}
            shown = as_drawn(f"explanation_shown_{round_id}_{unit.id}", drawn)
            with box, st.form("explanation", clear_on_submit=True):
                asking = stage != "self" and ACTOR.can("appraise")  # the council asks; the unit answers
                leaf_id = choose_leaf([c for c in compiled.column_ids if c in entries], "ex_leaf")
                pending = [
                    f"{i}: {e.explanation_request}"
                    for i, e in entries.items()
                    if e.explanation_request and not e.explanation_answer
                ]
                if pending:
                    st.markdown("\n".join(f"- {escape_markdown(p)}" for p in pending))
                text = st.text_area(
                    tr("ui.explanation_request" if asking else "ui.explanation_answer"),
                    max_chars=max_chars(Entry.explanation_request),
                )
                if st.form_submit_button(tr("ui.send")) and leaf_id and text.strip():
                    said = {"request": text} if asking else {"answer": text}
                    version = shown.get(leaf_id, entries[leaf_id].version)
                    write_entry(set_explanation, leaf_id, "ui.sent", expected_version=version, **said)

    def stamped_workbook(unit_id: int) -> bytes:
        """The unit's workbook with its values now, stamped so its return is compared with them."""
        with make() as session:
            return unit_workbook(session, session.get(Round, round_id), session.get(Unit, unit_id), ACTOR, lang())

    def workbook_return(returned, unit_return, self_values: dict[str, str]) -> None:
        """Preview a returned workbook against the values it was exported with; save once conflicts are decided."""
        fingerprint = (round_id, unit.id, hashlib.sha256(returned.getvalue()).hexdigest())
        store = f"wb_return_{unit.id}"

        def replan(session) -> ImportPlan:
            return plan_workbook_return(
                session, session.get(Round, round_id), session.get(Unit, unit.id), unit_return, ACTOR, returned.name
            )

        def show(plan: ImportPlan) -> None:
            preview = changes_preview(self_values, unit_return, compiled, lang())
            preview = preview[preview["id"].isin([c.leaf_id for c in plan.changes])]
            shown = preview.assign(
                **{  # points are numbers or words ("không áp dụng"): shown as text
                    column: preview[column].map(lambda v: num(v) if isinstance(v, float) else v)
                    for column in ("points_old", "points_new")
                }
            )
            st.dataframe(
                shown.rename(columns=preview_headings(lang())), hide_index=True, width="stretch", placeholder=NO_VALUE
            )
            documents = sum(len(v) for v in unit_return.evidence.values())
            st.caption(tr("ui.workbook_summary", changes=len(preview), documents=documents))
            if plan.kept:
                st.caption(tr("conflict.kept", count=plan.kept))

        if st.session_state.get(f"{store}_cancelled") == fingerprint:
            st.caption(tr("conflict.cancelled"))
            return
        if stored_plan(store, fingerprint) is None:
            with make() as session:
                keep_plan(store, fingerprint, replan(session))
        count = resolve(store, fingerprint, replan, tr("ui.save_workbook"), "save_workbook", show)
        if count is not None:
            confirmed(tr("ui.saved_rows", count=num(count, 0)))

    def workbook_section(entries: dict) -> None:
        """The unit's own workbook: download it stamped, fill it in, bring it back."""
        with st.expander(tr("ui.unit_workbook")):
            st.caption(tr("ui.unit_workbook_hint"))
            self_values = {leaf_id: e.self_value for leaf_id, e in entries.items() if e.self_value}
            st.download_button(
                tr("ui.download_unit_workbook"),
                key="unit_workbook",
                icon=":material/download:",
                data=lambda: stamped_workbook(unit.id),
                file_name=f"tu-danh-gia-{round_.year}-{unit_name}.xlsx",
                mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            returned = (
                st.file_uploader(tr("ui.upload_unit_workbook"), type=["xlsx"], key=f"wb_{unit.id}")
                if ACTOR.can("self_assess")
                else None
            )
            if returned is not None:
                try:
                    unit_return = read_unit_workbook(
                        returned.getvalue(), compiled, returned.name, expected_unit=unit_name
                    )
                except InputError as error:
                    show_problems(error)
                    st.caption(tr("ui.nothing_changed"))
                else:
                    workbook_return(returned, unit_return, self_values)

    def evidence_section(entries: dict) -> None:
        """A document (number, date, issuer, link or file) attached to one of the unit's values."""
        if ACTOR.can("self_assess") and (box := opened("ui.attach_evidence")).open:
            with box, st.form("evidence", clear_on_submit=True):
                leaf_id = choose_leaf([c for c in compiled.column_ids if c in entries], "ev_leaf")
                number = st.text_input(tr("ui.doc_number"), max_chars=max_chars(Evidence.number))
                issued = st.date_input(tr("ui.doc_date"), value=None, format="DD/MM/YYYY")
                issuer = st.text_input(tr("ui.doc_issuer"), max_chars=max_chars(Evidence.issuer))
                description = st.text_input(tr("ui.doc_description"), max_chars=max_chars(Evidence.description))
                link = st.text_input(tr("ui.doc_link"), max_chars=max_chars(Evidence.link))
                upload = st.file_uploader(tr("ui.doc_file"), key="ev_file")
                if st.form_submit_button(tr("ui.attach")) and leaf_id:
                    write_entry(
                        add_evidence,
                        leaf_id,
                        "ui.evidence_added",
                        number=number,
                        issued_on=issued,
                        issuer=issuer,
                        description=description,
                        link=link,
                        file=(upload.name, upload.getvalue()) if upload else None,
                        upload_dir=settings().data_dir / "uploads",
                    )

    def change_log() -> None:
        """The last changes of the unit's values, newest first."""
        if not (box := opened("ui.audit")).open:
            return
        with box:
            leaf_filter = choose_leaf(["", *compiled.column_ids], "audit_leaf")
            with make() as session:
                log = audit_log(
                    session, session.get(Round, round_id), ACTOR, session.get(Unit, unit.id), leaf_filter or None
                )
            for record in log.iloc[::-1].head(30).itertuples():
                when = format_datetime(record.at, lang())
                change = f"{record.old or '—'} → {record.new or '—'}" if record.field else (record.new or "")
                why = f" ({escape_markdown(record.reason)})" if record.reason else ""
                words = f"round.action_{record.action}"  # the action in words; its code only if the catalogue has none
                verb = tr(words) if words in MESSAGES else escape_markdown(record.action)
                st.markdown(
                    f"- {escape_markdown(when)} · **{escape_markdown(record.user)}** · {verb} · "
                    f"{escape_markdown(record.leaf_id or '')}: "
                    f"{escape_markdown(str(change))}{why}"
                )
            if log.empty:
                st.caption(tr("ui.no_changes"))

    @st.fragment
    def unit_workspace() -> None:
        """Everything about the chosen unit. Editing or saving a cell runs only this part again, which reads the
        unit's entries itself, so its result, grid, forms and change log show what was just saved; the board runs
        again when its tab is opened."""
        from ui.auth_forms import current_actor

        if current_actor() != ACTOR:  # a fragment reruns alone: the sign-in is checked again, as a page run does
            st.rerun()
        show_confirmations()
        with make() as session:
            entries = unit_entries(session, session.get(Round, round_id), session.get(Unit, unit.id), ACTOR)
            evidence_counts = {leaf: len(e.evidence) for leaf, e in entries.items()}
        result_line()
        scoring_grid(entries, evidence_counts)
        explanations(entries)
        workbook_section(entries)
        evidence_section(entries)
        change_log()

    unit_workspace()
