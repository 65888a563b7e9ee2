"""The browser's side of the warm-up: while the person types on the sign-in page, the browser loads the code of
the page that follows, so signing in does not wait for it.

Streamlit's front end loads the code of a kind of element (a data frame, a chart, a metric, a select box) the
first time a page shows one, as a JavaScript module of its own plus the modules that one imports: some thirty
requests, then their evaluation, for the overview. On the sign-in page the browser is idle; a short script asks
it then to import the same modules, so that the overview's ``import()`` finds them already loaded. The modules'
file names carry a content hash and are read from the installed Streamlit package; an element kind whose module
is not found there is left to load as before (nothing breaks, only the gain is lost).
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import streamlit as st

# The element kinds the overview shows that the sign-in page does not, named as Streamlit's modules are.
OVERVIEW_ELEMENTS = ("DataFrame", "ArrowVegaLiteChart", "Metric", "Selectbox")
_MODULE_NAME = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.js$")


@functools.cache
def overview_modules() -> tuple[str, ...]:
    """The file names of the overview's element modules in the installed Streamlit (one per kind found)."""
    folder = Path(st.__file__).parent / "static" / "static" / "js"
    names = []
    for element in OVERVIEW_ELEMENTS:
        found = [p.name for p in folder.glob(f"{element}.*.js") if _MODULE_NAME.match(p.name)]
        if len(found) == 1:
            names.append(found[0])
    return tuple(names)


def load_overview_code() -> None:
    """Ask the browser to load the overview's modules once it is idle; resolved beside Streamlit's own entry
    module, so the addresses are the very ones its ``import()`` will ask for (base path included)."""
    modules = overview_modules()
    if not modules:
        return
    st.html(
        "<script>(() => {"
        'const entry = document.querySelector(\'script[type="module"][src*="/static/js/index."]\');'
        "if (!entry) return;"
        f"const load = () => {json.dumps(list(modules))}"
        ".forEach((name) => import(new URL(name, entry.src).href).catch(() => {}));"
        "(window.requestIdleCallback || setTimeout)(load);"
        "})();</script>",
        unsafe_allow_javascript=True,
        width="content",
    )
