"""Người dùng: an administrator lists, adds and changes accounts (role, unit, active, password).

The page is only in an admin's menu, and every action is checked again in :mod:`parindex.accounts`.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy import select

from parindex.accounts import (
    ROLES,
    AccessDenied,
    AccountError,
    add_user,
    list_users,
    set_active,
    set_password,
    set_role,
)
from parindex.db import Unit, User, sessions
from parindex.errors import ParindexError
from parindex.inputs import max_chars
from ui.auth_forms import password_input
from ui.common import open_page, show_table, signed_in
from ui.conflicts import as_drawn
from ui.markdown import escape_markdown, lang, tr
from ui.resources import engine
from ui.running import confirmed, show_error

open_page("ui.page_users", "nguoi_dung")
actor = signed_in()
make = sessions(engine())
try:
    with make() as session:
        users = list_users(session, actor)
        units = {u.id: f"{u.name} ({u.unit_type})" for u in session.scalars(select(Unit).order_by(Unit.name))}
except AccessDenied as denied:
    st.warning(escape_markdown(denied.message(lang())), icon=":material/block:")
    st.stop()

role_label = {role: tr("role." + role) for role in ROLES}
st.subheader(tr("ui.users_list"))
shown = users.assign(role=users["role"].map(role_label))
show_table(
    shown,
    {
        "username": tr("ui.username"),
        "display_name": tr("ui.display_name"),
        "role": tr("ui.account_role"),
        "unit": tr("ui.account_unit"),
        "sso_email": "SSO",
        "active": tr("ui.user_active"),
    },
)
unit_choices = [None, *units]


def unit_label(unit_id: int | None) -> str:
    return tr("ui.no_unit") if unit_id is None else units[unit_id]


def run(action, success: str, **params) -> None:
    """Do one change in one transaction; on success show the fresh list with a note, else the reason."""
    try:
        with make.begin() as session:
            action(session)
    except ParindexError as error:
        show_error(error)
        return
    confirmed(tr(success, **params))


add_tab, change_tab = st.tabs([tr("ui.user_add"), tr("ui.user_change")])
with add_tab, st.form("add_user", clear_on_submit=True):
    username = st.text_input(tr("ui.username"), max_chars=max_chars(User.username))
    display_name = st.text_input(tr("ui.display_name"), max_chars=max_chars(User.display_name))
    role = st.selectbox(tr("ui.account_role"), ROLES, format_func=role_label.__getitem__)
    unit_id = st.selectbox(tr("ui.account_unit"), unit_choices, format_func=unit_label)
    password = password_input(tr("ui.password"), new=True)
    sso_email = st.text_input(tr("ui.sso_email"), max_chars=max_chars(User.sso_email))
    if st.form_submit_button(tr("ui.user_add"), type="primary"):
        run(
            lambda s: add_user(
                s,
                actor,
                username,
                role,
                password or None,
                unit_id=unit_id,
                display_name=display_name,
                sso_email=sso_email or None,
            ),
            "ui.user_added",
            username=username,
        )

with change_tab:
    if users.empty:
        st.stop()
    name = st.selectbox(tr("ui.username"), users["username"].tolist(), key="change_username")
    current = users.set_index("username").loc[name]
    current_unit = None if pd.isna(current["unit_id"]) else int(current["unit_id"])
    # the account as this form showed it, kept from the run that drew it: the change is judged against it,
    # so what another admin saved since is refused, not silently replaced
    drawn = (str(current["role"]), current_unit, bool(current["active"]))
    shown_role, shown_unit, shown_active = as_drawn(f"account_shown_{name}", drawn)
    with st.form(f"change_user_{name}", clear_on_submit=True):
        new_role = st.selectbox(
            tr("ui.account_role"), ROLES, index=ROLES.index(current["role"]), format_func=role_label.__getitem__
        )
        new_unit = st.selectbox(
            tr("ui.account_unit"), unit_choices, index=unit_choices.index(current_unit), format_func=unit_label
        )
        active = st.checkbox(tr("ui.user_active"), value=bool(current["active"]))
        new_password = password_input(tr("ui.reset_password"), new=True)
        if st.form_submit_button(tr("ui.user_change"), type="primary"):

            def change(session) -> None:
                if (new_role, new_unit) != (shown_role, shown_unit):
                    set_role(session, actor, name, new_role, new_unit, shown=(shown_role, shown_unit))
                if active != shown_active:
                    set_active(session, actor, name, active, shown=shown_active)
                if new_password:
                    set_password(session, actor, name, new_password)

            if drawn != (shown_role, shown_unit, shown_active):  # the form was drawn with what has changed since
                show_error(AccountError("changed_meanwhile", username=name))
            else:
                run(change, "ui.user_saved", username=name)
