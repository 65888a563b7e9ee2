"""Tài khoản: who is signed in, change one's own password, sign out."""

from __future__ import annotations

import streamlit as st

from parindex.accounts import AccountError, change_own_password
from parindex.db import Unit, sessions
from parindex.i18n import format_datetime
from ui.auth_forms import STATE, client_ip, password_input, sign_out, signed_in_since
from ui.common import signed_in_page
from ui.markdown import escape_markdown, lang, tr
from ui.resources import engine
from ui.running import confirmed, show_error

actor = signed_in_page("ui.page_account", "tai_khoan")

left, middle, right = st.columns(3)
left.metric(tr("ui.username"), escape_markdown(actor.name))
middle.metric(tr("ui.account_role"), tr("role." + actor.role))
if actor.unit_id is not None:
    with sessions(engine())() as session:
        unit = session.get(Unit, actor.unit_id)
    right.metric(tr("ui.account_unit"), escape_markdown(unit.name) if unit else "—")
since = signed_in_since()
if since is not None:
    st.caption(tr("ui.account_since") + ": " + escape_markdown(format_datetime(since, lang())))

if st.button(tr("ui.logout"), icon=":material/logout:", key="logout"):
    sign_out(message="ui.signed_out")
    st.rerun()

st.subheader(tr("ui.change_password"))


def change_password() -> None:
    """Runs before the script: reads the three fields, wipes them from session state, changes the password.

    The attempt is committed even when the old password is wrong, so guessing it is throttled like a sign-in.
    """
    old, new, again = (st.session_state.get(key) or "" for key in ("pw_old", "pw_new", "pw_again"))
    for key in ("pw_old", "pw_new", "pw_again"):
        st.session_state[key] = ""
    outcome: str | AccountError = "ui.password_changed"
    if new != again:
        outcome = AccountError("passwords_differ")
    else:
        state = st.session_state.get(STATE) or {}
        with sessions(engine()).begin() as session:
            try:
                change_own_password(session, actor, old, new, keep_token=state.get("token"), address=client_ip())
            except AccountError as error:
                outcome = error
    st.session_state["password_outcome"] = outcome


with st.form("change_password"):
    password_input(tr("ui.old_password"), key="pw_old")
    password_input(tr("ui.new_password"), key="pw_new", new=True)
    password_input(tr("ui.new_password_again"), key="pw_again", new=True)
    st.form_submit_button(tr("ui.change_password"), on_click=change_password)
outcome = st.session_state.pop("password_outcome", None)
if isinstance(outcome, AccountError):
    show_error(outcome)
elif outcome:
    confirmed(tr(outcome), refresh=False)
