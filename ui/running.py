"""Running a page: the one place a refusal or an unexpected error is shown, and a save is confirmed.

Light on purpose (Streamlit and the error types only): the sign-in page, the first page after the server
starts, runs through it without loading the scoring stack.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from contextlib import suppress

import streamlit as st
from streamlit.errors import StreamlitAPIException
from streamlit.navigation.page import StreamlitPage

from parindex.errors import InputError, ParindexError
from ui.markdown import escape_markdown, lang, tr

LOG = logging.getLogger("parindex.app")


ENTRY_PASS = "entry_pass"  # set by app.py on each run right before it runs the page it allowed
CONFIRMATIONS = "confirmations"  # session key: what was just saved, published or imported, said on the next run


def confirmed(message: str, refresh: bool = True, part: bool = False) -> None:
    """Say in a toast that a save, publish or import went through.

    With ``refresh`` the page runs again at once, so every figure and status it shows is read anew (a round
    reads "đã công bố" right after publishing). A toast drawn just before ``st.rerun`` would vanish with the
    run, so the message waits in the session and :func:`open_page` shows it on the fresh run.

    With ``part``, only the fragment this is called from runs again (it must read what it shows itself and
    call :func:`show_confirmations`); when the fragment was drawn as part of a whole run, the page runs again.
    """
    if not refresh:
        st.toast(escape_markdown(message), icon=":material/check_circle:")  # a catalogue message stays as it is
        return
    confirm_later(message)
    if part:
        with suppress(StreamlitAPIException):  # not the fragment's own run: the whole page runs again
            st.rerun(scope="fragment")
    st.rerun()


def confirm_later(message: str) -> None:
    """Keep a toast for the run that follows (a button's callback runs before the page and cannot draw); any text
    not from the catalogue is kept escaped."""
    st.session_state.setdefault(CONFIRMATIONS, []).append(escape_markdown(message))


def show_confirmations() -> None:
    """The toasts :func:`confirmed` left for this run."""
    for message in st.session_state.pop(CONFIRMATIONS, []):
        st.toast(escape_markdown(message), icon=":material/check_circle:")


def run_page(page: StreamlitPage) -> None:
    """Run the chosen page; a refusal shows its own sentence, anything else a short message with an incident number.

    A :class:`~parindex.errors.ParindexError` the page did not catch itself is shown by :func:`show_error`.
    Any other error is unexpected: see :func:`guarded`.
    """
    guarded(page.run, getattr(page, "url_path", "?"))


def guarded(run: Callable[[], object], where: str) -> None:
    """Call ``run``; never let a user see a traceback.

    A refusal (:class:`~parindex.errors.ParindexError`) is shown in the user's language. Anything else
    shows a short message with an incident number; the same number goes to the server log with the
    traceback, so an administrator finds the cause from what the user reports. Streamlit's own control
    flow (``st.rerun``, ``st.stop``, ``st.switch_page``) raises exceptions of its own, which pass through.
    """
    from streamlit.runtime.scriptrunner_utils.exceptions import ScriptControlException

    try:
        run()
    except ScriptControlException:
        raise
    except ParindexError as error:
        show_error(error)
    except Exception:
        incident = secrets.token_hex(4).upper()
        LOG.exception("incident %s on page %s", incident, where, extra={"incident": incident})
        st.error(tr("ui.unexpected_error", incident=incident), icon=":material/error:")


def show_error(error: ParindexError) -> None:
    """The one way the app shows a refusal: a file's problems one per line, any other its sentence, as text."""
    if isinstance(error, InputError):
        show_problems(error)
    else:
        st.error(escape_markdown(error.message(lang())))


def show_problems(error: InputError, limit: int = 50) -> None:
    """Every problem on its own line, where it is then what it is, in the chosen language."""
    problems = error.problems
    lines = [
        f"- **{escape_markdown(p.location(lang()))}** — {escape_markdown(p.message(lang()))}" for p in problems[:limit]
    ]
    st.error(tr("ui.problems_found", count=len(problems)) + "\n\n" + "\n".join(lines), icon=":material/error:")
    if len(problems) > limit:
        st.caption(tr("ui.more_problems", count=len(problems) - limit))
