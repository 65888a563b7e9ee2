"""Tài khoản: who is signed in, change one's own password, sign out."""

from __future__ import annotations

import streamlit as st

from pages.auth_ui import sign_out, signed_in_since
from pages.common import engine, lang, signed_in, through_entry_point, tr
from parindex.accounts import AccountError, change_own_password
from parindex.db import sessions
from parindex.db_models import Unit
from parindex.i18n import format_date

through_entry_point("tai_khoan")
st.title(tr("ui.page_account"))
actor = signed_in()
if actor is None:
    st.stop()

left, middle, right = st.columns(3)
left.metric(tr("ui.username"), actor.name)
middle.metric(tr("ui.account_role"), tr("role." + actor.role))
if actor.unit_id is not None:
    with sessions(engine())() as session:
        unit = session.get(Unit, actor.unit_id)
    right.metric(tr("ui.account_unit"), unit.name if unit else "—")
since = signed_in_since()
if since is not None:
    st.caption(f"{tr('ui.account_since')}: {format_date(since.date(), lang())} {since:%H:%M} (UTC)")

if st.button(tr("ui.logout"), icon=":material/logout:", key="logout"):
    sign_out(message="ui.signed_out")
    st.rerun()

st.subheader(tr("ui.change_password"))
with st.form("change_password", clear_on_submit=True):
    old = st.text_input(tr("ui.old_password"), type="password", autocomplete="current-password")
    new = st.text_input(tr("ui.new_password"), type="password", autocomplete="new-password")
    again = st.text_input(tr("ui.new_password_again"), type="password", autocomplete="new-password")
    submitted = st.form_submit_button(tr("ui.change_password"))
if submitted:
    try:
        if new != again:
            raise AccountError("passwords_differ")
        with sessions(engine()).begin() as session:
            change_own_password(session, actor, old, new)
        st.success(tr("ui.password_changed"))
    except AccountError as error:
        st.error(error.message(lang()))
