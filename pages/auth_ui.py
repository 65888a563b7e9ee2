"""Streamlit glue for signing in: who is signed in on this tab, the sign-in form, signing out.

The rules (hashes, throttling, expiry, roles) live in :mod:`parindex.accounts` and
:mod:`parindex.access`; this module only keeps the signed-in user name and times in the tab's
session state (never a password) and asks the core again on every run whether the account is
still active and what role it has now.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from pages.common import engine, lang, tr
from parindex.access import Actor
from parindex.accounts import actor_for, actor_for_sso, authenticate, count_users, session_expired
from parindex.db import sessions
from parindex.db_models import now

STATE = "auth"  # {"username", "signed_in_at", "last_seen_at", "via"}


def sso_configured() -> bool:
    """True when ``.streamlit/secrets.toml`` has an ``[auth]`` table (single sign-on through OpenID Connect)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def _client_address() -> str | None:
    """The browser's address: nginx's X-Real-IP when behind the proxy, else the connection's own."""
    try:
        return st.context.headers.get("X-Real-IP") or st.context.ip_address
    except Exception:
        return None


def current_actor() -> Actor | None:
    """The signed-in actor of this tab, checked afresh against the database; None if signed out or expired."""
    state = st.session_state.get(STATE)
    at = now()
    with sessions(engine())() as session:
        if state is None and sso_configured() and getattr(st.user, "is_logged_in", False):
            actor = actor_for_sso(session, st.user.get("email"))
            if actor is None:
                st.session_state["auth_message"] = "ui.sso_unknown"
                return None
            state = st.session_state[STATE] = {"username": actor.name, "signed_in_at": at, "last_seen_at": at,
                                               "via": "sso"}  # fmt: skip
        if state is None:
            return None
        if session_expired(state["signed_in_at"], state["last_seen_at"], at):
            sign_out(message="ui.session_expired")
            return None
        actor = actor_for(session, state["username"])
    if actor is None:
        sign_out()
        return None
    state["last_seen_at"] = at
    return actor


def sign_out(message: str | None = None) -> None:
    """Forget the signed-in user on this tab (and at the identity provider for single sign-on)."""
    state = st.session_state.pop(STATE, None)
    if message:
        st.session_state["auth_message"] = message
    if state and state.get("via") == "sso":
        st.logout()


def login_form() -> None:
    """The sign-in form; on success the same URL is run again, now with the signed-in menu."""
    message = st.session_state.pop("auth_message", None)
    if message:
        st.info(tr(message), icon=":material/info:")
    with sessions(engine())() as session:
        if count_users(session) == 0:
            st.warning(tr("ui.no_accounts"), icon=":material/person_add:")
            st.code("python -m parindex users add --username quantri --role admin", language="bash")
            return
    if sso_configured():
        st.button(tr("ui.sso_login"), icon=":material/badge:", on_click=st.login, key="sso_login")
        st.caption(tr("ui.or_password"))
    with st.form("login", clear_on_submit=True):  # the password leaves session state with the form
        username = st.text_input(tr("ui.username"), autocomplete="username")
        password = st.text_input(tr("ui.password"), type="password", autocomplete="current-password")
        submitted = st.form_submit_button(tr("ui.login"), type="primary", icon=":material/login:")
    if not submitted:
        return
    with sessions(engine()).begin() as session:
        outcome = authenticate(session, username, password, _client_address())
    if outcome.actor is None:
        st.error(outcome.message(lang()), icon=":material/block:")
        return
    at = now()
    st.session_state[STATE] = {
        "username": outcome.actor.name,
        "signed_in_at": at,
        "last_seen_at": at,
        "via": "password",
    }
    st.rerun()


def signed_in_since() -> dt.datetime | None:
    state = st.session_state.get(STATE)
    return state["signed_in_at"] if state else None
