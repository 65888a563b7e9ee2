"""Text shown through Streamlit's Markdown: the chosen language, catalogue messages, user text escaped.

Everything in the interface glue that writes words stands on this module; it imports no other
module of ``ui``, so the glue has no import cycle.
"""

from __future__ import annotations

import re

import streamlit as st

from parindex.i18n import t

WORD_JOINER = "\u2060"  # invisible; splits what Streamlit's Markdown would turn into a link or an emoji


_INLINE = frozenset("\\`*_[]<>!&~|$:@#{}")  # marks Markdown acts on wherever they stand


_LINE_START = re.compile(r"^([ \t]*)([-=]|(?:\+|\d{1,9}[.)])(?=[ \t]|$))", re.MULTILINE)  # list, underline


class Md(str):
    """Text that is already safe to render as Markdown: our own catalogue text, or user text escaped.

    :func:`tr` and :func:`escape_markdown` return it, and neither escapes it again, so a message built
    from escaped parts never shows stray backslashes.
    """


# What a table shows in a cell with no value (Streamlit's own is the English word "None"): the same in both languages.
NO_VALUE = "—"


def escape_markdown(text: object) -> Md:
    """User text shown inside Markdown as the very characters typed: no link, image, emphasis or HTML of its own.

    Marks that act anywhere (links, images, emphasis, code, HTML, entities, tables, math, headings) are
    backslash-escaped, and so are list and heading-underline marks at the start of a line (a dot in
    ``1.1.2`` or ``bang.xlsx`` stays as it is). Streamlit also turns bare ``http://…``, ``www.…`` and
    ``name@host.tld`` into links and ``:name:`` into emoji or icons *after* escapes are resolved, so an
    invisible word joiner follows each ``:`` and ``@``, and ``www``.
    """
    if isinstance(text, Md):
        return text
    out = []
    # Markdown also ends a line at a lone carriage return: one line break form, so every line start is escaped
    for ch in str(text).replace("\r\n", "\n").replace("\r", "\n"):
        out.append("\\" + ch if ch in _INLINE else ch)
        if ch in ":@":
            out.append(WORD_JOINER)
    escaped = _LINE_START.sub(
        lambda found: found.group(1) + found.group(2)[:-1] + "\\" + found.group(2)[-1], "".join(out)
    )
    return Md(re.sub(r"(?i)(www)(?=\.)", "\\1" + WORD_JOINER, escaped))


def _markdown_param(value: object) -> object:
    """Numbers stay numbers (the catalogue formats them); anything else is shown as text."""
    return value if isinstance(value, (int, float, Md)) else escape_markdown(value)


def lang() -> str:
    return "en" if st.session_state.get("lang") == "en" else "vi"


def tr(key: str, **params: object) -> Md:
    """A catalogue message in the chosen language, safe to render as Markdown: text parameters are escaped.

    Use :func:`tr_text` where the result is not Markdown (select-box options, table headers, chart titles).
    """
    return Md(t(key, lang(), **{name: _markdown_param(value) for name, value in params.items()}))


def tr_text(key: str, **params: object) -> str:
    """A catalogue message as plain text, for places Streamlit shows as text (never pass it to Markdown)."""
    return t(key, lang(), **params)
