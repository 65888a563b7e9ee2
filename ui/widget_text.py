"""Words inside Streamlit's own widgets, in the chosen language.

Streamlit has no translation layer: the file uploader's button and size note, the empty list's
"No results" and the "Stop" button shown while a page runs are written by its frontend in English. Their elements carry stable test ids, so one
style sheet hides the English words and shows the catalogue's instead (``content`` of a pseudo
element; the English words stay in the page but hidden, so they are neither seen nor read out).
Placeholders ("Choose options") are set where each widget is made, with ``placeholder``.
"""

from __future__ import annotations

import streamlit as st

from parindex.i18n import format_number, t

UPLOAD_BUTTON = '[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] [data-testid="stMarkdownContainer"] p'
UPLOAD_LIMIT = '[data-testid="stFileUploaderDropzoneInstructions"] span'
EMPTY_LIST = '[role="listbox"][data-empty="true"] [role="option"] span'
STOP_BUTTON = '[data-testid="stStatusWidget"] [data-testid="stBaseButton-header"]'  # shown while a page runs


def _css_text(text: str) -> str:
    """A CSS string literal: our own catalogue text, with quotes and backslashes escaped all the same."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def widget_style(lang: str, max_upload_mb: float) -> str:
    """The style sheet that replaces the English words of Streamlit's widgets with ``lang``'s."""
    replacements = {
        UPLOAD_BUTTON: t("ui.widget_upload", lang),
        UPLOAD_LIMIT: t("ui.widget_upload_limit", lang, size=format_number(max_upload_mb, lang=lang)),
        EMPTY_LIST: t("ui.widget_no_results", lang),
        STOP_BUTTON: t("ui.widget_stop", lang),
    }
    rules = []
    for selector, text in replacements.items():
        rules.append(f"{selector} {{ font-size: 0 !important; visibility: hidden; }}")
        rules.append(f"{selector}::after {{ content: {_css_text(text)}; font-size: 0.875rem; visibility: visible; }}")
    return "<style>\n" + "\n".join(rules) + "\n</style>"


def localise_widgets(lang: str) -> None:
    """Add the style sheet to this run's page (it takes no space: ``st.html`` of a style only)."""
    st.html(widget_style(lang, float(st.get_option("server.maxUploadSize"))))
