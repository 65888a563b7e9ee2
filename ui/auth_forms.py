"""Streamlit glue for signing in: who is signed in on this tab, the sign-in form, signing out.

The rules (hashes, throttling, expiry, roles) live in :mod:`parindex.accounts` and
:mod:`parindex.accounts`. A sign-in starts a server-side session whose random token the browser keeps
in a cookie, so a reload or a shared link opened in a new tab stays signed in until the session
expires; the tab's session state holds that token and never a password. Every run asks the core
again whether the session is valid and what role the account has now.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from parindex.accounts import (
    MAX_PASSWORD_CHARS,
    Actor,
    actor_for_sso,
    authenticate,
    client_address,
    count_users,
    end_session,
    resume_session,
    sso_claims_ok,
    start_session,
)
from parindex.db import now, sessions
from ui.markdown import escape_markdown, lang, tr
from ui.resources import engine

STATE = "auth"  # {"token", "signed_in_at", "via"}
COOKIE = "parindex_session"


def sso_configured() -> bool:
    """True when ``.streamlit/secrets.toml`` has an ``[auth]`` table (single sign-on through OpenID Connect)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def client_ip() -> str | None:
    """The browser's address, for throttling; see :func:`parindex.accounts.client_address`."""
    try:
        return client_address(st.context.ip_address, st.context.headers.get("X-Real-IP"))
    except Exception:
        return None


def _cookie_token() -> str | None:
    try:
        token = st.context.cookies.get(COOKIE)
    except Exception:
        return None
    return token if isinstance(token, str) else None


def _write_cookie(token: str | None) -> None:
    """Set (or, with None, clear) the session cookie; the token is URL-safe base64 made by the server."""
    value, age = (token, 12 * 3600) if token else ("", 0)
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    path = f"/{base}" if base and all(ch.isalnum() or ch in "-_/." for ch in base) else "/"  # only this app's paths
    st.html(
        f"<script>document.cookie = '{COOKIE}={value}; path={path}; max-age={age}; SameSite=Strict'"
        " + (location.protocol === 'https:' ? '; Secure' : '');</script>",
        unsafe_allow_javascript=True,
        width="content",
    )


def current_actor() -> Actor | None:
    """The signed-in actor of this tab, or None; a valid session cookie signs a new tab in by itself."""
    state = st.session_state.get(STATE)
    with sessions(engine()).begin() as session:
        if state is None and sso_configured() and getattr(st.user, "is_logged_in", False):
            claims = st.user.to_dict()
            if not sso_claims_ok(claims, now()):  # an old or unverified sign-in at the provider: do it again
                st.session_state["auth_message"] = "ui.session_expired"
                st.logout()
                return None
            actor = actor_for_sso(session, claims.get("email"))
            if actor is None:
                st.session_state["auth_message"] = "ui.sso_unknown"
                return None
            state = {"token": start_session(session, actor), "signed_in_at": now(), "via": "sso"}
            st.session_state[STATE] = state
        token = state["token"] if state else _cookie_token()
        actor = resume_session(session, token)
    if actor is None:
        if state is not None:
            sign_out(message="ui.session_expired")
        return None
    if state is None:
        st.session_state[STATE] = {"token": token, "signed_in_at": now(), "via": "cookie"}
    return actor


def flush_cookie() -> None:
    """Write the cookie change a sign-in or sign-out asked for (it must reach the browser on a full run)."""
    pending = st.session_state.pop("cookie_to_write", None)
    if pending is not None:
        _write_cookie(pending or None)


def sign_out(message: str | None = None) -> None:
    """End this browser's session on the server, clear its cookie (and the identity provider's, for SSO)."""
    state = st.session_state.pop(STATE, None)
    with sessions(engine()).begin() as session:
        end_session(session, state["token"] if state else _cookie_token())
    st.session_state["cookie_to_write"] = ""
    if message:
        st.session_state["auth_message"] = message
    if state and state.get("via") == "sso":
        st.logout()


def password_input(label: str, key: str | None = None, new: bool = False) -> str:
    """A password box: hidden, no longer than a password may be, marked for the browser's password manager."""
    completion = "new-password" if new else "current-password"
    return st.text_input(
        escape_markdown(label), type="password", autocomplete=completion, key=key, max_chars=MAX_PASSWORD_CHARS
    )


def login_form() -> None:
    """The sign-in form; on success the same URL is run again, now with the signed-in menu."""
    message = st.session_state.pop("auth_message", None)
    if message:
        st.info(tr(message), icon=":material/info:")
    with sessions(engine())() as session:
        if count_users(session) == 0:
            st.warning(tr("ui.no_accounts"), icon=":material/person_add:")
            st.code(
                "make admin\n# hoặc / or: .venv/bin/python -m parindex users add --username quantri --role admin",
                language="bash",
            )
            return
    if sso_configured():
        st.button(tr("ui.sso_login"), icon=":material/badge:", on_click=st.login, key="sso_login")
        st.caption(tr("ui.or_password"))
    if refusal := st.session_state.pop("login_refusal", None):
        st.error(escape_markdown(refusal), icon=":material/block:")
    with st.form("login"):
        st.text_input(tr("ui.username"), autocomplete="username", key="login_username", max_chars=80)
        password_input(tr("ui.password"), key="login_password")
        st.form_submit_button(tr("ui.login"), type="primary", icon=":material/login:", on_click=_submit_login)


def _submit_login() -> None:
    """Check the form before the script runs, and wipe the password from session state at once.

    On success the run that follows already sees the signed-in session (and writes the cookie).
    """
    username = st.session_state.get("login_username") or ""
    password = st.session_state.get("login_password") or ""
    st.session_state["login_password"] = ""
    with sessions(engine()).begin() as session:
        outcome = authenticate(session, username, password, client_ip())
        token = start_session(session, outcome.actor) if outcome.actor is not None else None
    del password
    if token is None:
        st.session_state["login_refusal"] = outcome.message(lang())
        return
    st.session_state[STATE] = {"token": token, "signed_in_at": now(), "via": "password"}
    st.session_state["cookie_to_write"] = token


def signed_in_since() -> dt.datetime | None:
    state = st.session_state.get(STATE)
    return state["signed_in_at"] if state else None
