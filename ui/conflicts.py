"""The conflict table: cells someone else changed since the user's copy, one choice per cell, and "keep all".

Used by the grid, a unit's returned workbook and a values-file import alike (the core decides what
is a conflict: :mod:`parindex.rounds`). A plan is kept in the session between reruns, so the
apply checks the round against what the user saw, not against a preview made at the click.
"""

from __future__ import annotations

from typing import TypeVar

import pandas as pd
import streamlit as st

from parindex.i18n import format_date
from parindex.rounds import MINE, THEIRS, ImportPlan, undecided
from ui.markdown import NO_VALUE, lang, tr

Shown = TypeVar("Shown")


def as_drawn(key: str, drawn: Shown) -> Shown:
    """What a form showed when the person acted on it: the value the run that drew the form kept under ``key``
    (``drawn`` itself on a first run), keeping this run's ``drawn`` for the next. A write checked against it (the
    core's ``shown=``) refuses what someone else saved since the form was drawn instead of replacing it; a click
    runs the page again first, so the value read at the click is not what the person saw."""
    shown = st.session_state.get(key, drawn)
    st.session_state[key] = drawn
    return shown


def stored_plan(key: str, fingerprint: object) -> ImportPlan | None:
    """The plan kept under ``key`` for this input (a file's digest, a round and stage), if any."""
    kept = st.session_state.get(key)
    return kept[1] if kept is not None and kept[0] == fingerprint else None


def keep_plan(key: str, fingerprint: object, plan: ImportPlan | None) -> None:
    if plan is None:
        st.session_state.pop(key, None)
    else:
        st.session_state[key] = (fingerprint, plan)


def _when(at) -> str:
    return "" if at is None else f"{format_date(at.date(), lang())} {at:%H:%M}"


def decide(plan: ImportPlan, key: str) -> dict[str, str]:
    """Show the plan's conflicts with a choice per row and two "keep all" buttons; return the choices made.

    Nothing is chosen until the user chooses: an undecided row keeps the save button disabled.
    Values and names are shown in a table, as text (never as Markdown).
    """
    st.warning(tr("conflict.title", count=len(plan.conflicts)), icon=":material/call_split:")
    labels = {MINE: tr("conflict.keep_mine"), THEIRS: tr("conflict.keep_theirs")}
    all_key = f"{key}_all_{plan.token}"
    left, right = st.columns(2)
    if left.button(tr("conflict.all_mine"), key=f"{key}_all_mine", icon=":material/person:"):
        st.session_state[all_key] = MINE
    if right.button(tr("conflict.all_theirs"), key=f"{key}_all_theirs", icon=":material/group:"):
        st.session_state[all_key] = THEIRS
    chosen_for_all = st.session_state.get(all_key)
    empty = tr("conflict.empty")
    rows = pd.DataFrame(
        [
            {
                "unit": c.unit,
                "id": c.leaf_id,
                "theirs": c.theirs or empty,
                "by": c.by,
                "at": _when(c.at),
                "mine": c.mine or empty,
                "base": c.base or empty,
                "choice": labels[chosen_for_all] if chosen_for_all else None,
            }
            for c in plan.conflicts
        ],
        columns=["unit", "id", "theirs", "by", "at", "mine", "base", "choice"],
    )
    edited = st.data_editor(
        rows,
        hide_index=True,
        width="stretch",
        key=f"{key}_table_{plan.token}_{chosen_for_all}",
        disabled=[c for c in rows.columns if c != "choice"],
        column_config={
            "unit": st.column_config.TextColumn(tr("conflict.col_unit")),
            "id": st.column_config.TextColumn(tr("conflict.col_id"), width="small"),
            "theirs": st.column_config.TextColumn(tr("conflict.col_theirs")),
            "by": st.column_config.TextColumn(tr("conflict.col_by")),
            "at": st.column_config.TextColumn(tr("conflict.col_at")),
            "mine": st.column_config.TextColumn(tr("conflict.col_mine")),
            "base": st.column_config.TextColumn(tr("conflict.col_base")),
            "choice": st.column_config.SelectboxColumn(tr("conflict.col_choice"), options=list(labels.values())),
        },
        placeholder=NO_VALUE,
    )
    by_label = {label: decision for decision, label in labels.items()}
    return {
        c.key: by_label[choice]
        for c, choice in zip(plan.conflicts, edited["choice"], strict=True)
        if choice in by_label
    }


def decided(plan: ImportPlan, decisions: dict[str, str]) -> bool:
    """Whether every conflict has a choice; says how many are left when not."""
    missing = undecided(plan, decisions)
    if missing:
        st.caption(tr("conflict.choose_all", count=len(missing)))
    return not missing


def show_changes(plan: ImportPlan) -> None:
    """The cells the plan writes (old → new), and how many were left to the other side's value."""
    if plan.changes:
        st.markdown(tr("conflict.changes", count=len(plan.changes)))
        empty = tr("conflict.empty")
        st.dataframe(
            pd.DataFrame(
                {
                    tr("conflict.col_unit"): [c.unit for c in plan.changes],
                    tr("conflict.col_id"): [c.leaf_id for c in plan.changes],
                    tr("conflict.col_old"): [c.old or empty for c in plan.changes],
                    tr("conflict.col_new"): [c.new or empty for c in plan.changes],
                }
            ),
            hide_index=True,
            placeholder=NO_VALUE,
        )
    if plan.kept:
        st.caption(tr("conflict.kept", count=plan.kept))
