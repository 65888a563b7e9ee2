"""The server's warm-up: once per process, while the first person reads the sign-in page and types, load in the
background what the page after signing in needs (its modules, the criteria sets, then every round's values), so
that neither the first page nor the first sign-in waits for it. The browser's side is :mod:`ui.browser_warm_up`.

This module stands above :mod:`ui.common` (which it reaches only from the background thread) so that the sign-in
page, which imports it, loads none of the scoring stack itself.
"""

from __future__ import annotations

import importlib
import logging
import threading

import streamlit as st
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

LOG = logging.getLogger("parindex.app")

# What the overview, the page after signing in, imports beyond the sign-in page: the scoring stack and the charts.
WARM_UP = ("ui.common", "altair")


@st.cache_resource(show_spinner=False)
def warm_up() -> threading.Thread:
    """Once per server process, while the first person reads the sign-in page and types: import in the
    background what the page after signing in needs, so neither the first page nor the first sign-in waits
    for it. Python's import locks make a page that needs one of these modules meanwhile wait for it, never load
    it twice; a failure here costs nothing (the page imports it itself).

    Then, in a running app, the criteria sets of ``indicators/`` are read and compiled (≈ 0,1 s of the first sign-in
    otherwise) and every round is read into the process's round reader (:func:`ui.common.read_rounds_ahead`):
    on a national database the first overview after a start would otherwise read each round whole while a person
    waits (about a second per commune round). Nothing is shown or handed to anyone: pages still read through the
    core's access rule. The thread carries the script's context so that it finds the same cached engine."""
    context = get_script_run_ctx()
    thread = threading.Thread(target=_warm, args=(WARM_UP, context is not None), name="parindex-warm-up", daemon=True)
    if context is not None:
        add_script_run_ctx(thread, context)
    thread.start()
    return thread


def _warm(names: tuple[str, ...], rounds: bool) -> None:
    _import_quietly(names)
    if not rounds:
        return
    try:
        from ui.common import base_catalog, read_rounds_ahead
    except Exception:  # logged by _import_quietly; each page imports it itself and shows what went wrong
        return
    # the criteria sets of indicators/ (the sidebar of every page), then every round's values
    for what, load in (("criteria sets", base_catalog), ("rounds", read_rounds_ahead)):
        try:
            load()
        except Exception:  # the page loads it itself, and shows what went wrong
            LOG.warning("warm-up: %s not read ahead", what, exc_info=True)


def _import_quietly(names: tuple[str, ...]) -> None:
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:  # the page that needs it imports it again and shows what went wrong
            LOG.debug("warm-up: %s not imported", name, exc_info=True)
