"""The view in the address bar: the sidebar's choices read from and written to the URL, so a copied link opens
the same view; select boxes whose labels follow the language."""

from __future__ import annotations

import streamlit as st

from ui.markdown import escape_markdown, lang


def from_url(key: str, options: list[str]) -> None:
    """Seed a widget's state from the URL on a tab's first run, and drop a choice no longer offered.

    Together with :func:`write_url` this keeps the view in the address bar, so a copied link opens the
    same view. (Streamlit's own ``bind`` writes formatted labels, which change with the language.)
    """
    if key not in st.session_state:
        wanted = st.query_params.get(key)
        if wanted in options:
            st.session_state[key] = wanted
    elif st.session_state[key] not in options:
        del st.session_state[key]


def translated_select(label: str, options: list[str], labels: dict[str, str], state_key: str) -> str:
    """A select box whose option labels follow the language.

    The frontend keeps a widget's option labels while its key stays the same, so the widget's key
    carries the language and the choice itself lives in ``st.session_state[state_key]``.
    """
    current = st.session_state.get(state_key)
    index = options.index(current) if current in options else 0
    value = st.selectbox(
        escape_markdown(label), options, index=index, format_func=labels.__getitem__, key=f"{state_key}_{lang()}"
    )
    st.session_state[state_key] = value
    return value


URL_KEYS = ("lang", "set", "year", "type")


def write_url(**extra: str) -> None:
    """Put the current choices (and a page's own, e.g. ``unit``) in the address bar in one update."""
    wanted = {key: str(st.session_state[key]) for key in URL_KEYS if st.session_state.get(key) is not None}
    wanted.update(extra)
    if wanted != {key: st.query_params.get(key) for key in st.query_params}:
        st.query_params.from_dict(wanted)
