"""Number inputs that show and accept Vietnamese numbers (99,4; 1.234,5).

Streamlit's ``number_input`` and ``slider`` print with a decimal point ("99.40 %") whatever the
language. A decimal amount is therefore typed in a text box, shown with :func:`parindex.i18n.format_number`
and read back with :func:`parindex.i18n.parse_number`; a rate moves on a ``select_slider`` whose
stops are numbers shown in the language's style. Whole numbers keep ``number_input`` (no separator
to get wrong).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
import streamlit as st

from parindex.i18n import format_number, format_pct, parse_number
from parindex.inputs import MAX_CELL_CHARS
from ui.markdown import escape_markdown, lang, tr


def decimal_input(
    label: str,
    value: float | None,
    min_value: float,
    max_value: float,
    key: str,
    decimals: int = 2,
    container=st,
    help: str | None = None,
):
    """A decimal typed as text: "99,4" in Vietnamese, "99.4" in English; out of range or unreadable → a message.

    On a bad entry the previous good value (or ``value``) is used, so the page keeps working. With
    ``value=None`` the box starts empty and an empty box gives None (an optional figure).
    """
    shown = "" if value is None else format_number(value, decimals, lang())
    safe_help = escape_markdown(help) if help else None
    text = container.text_input(escape_markdown(label), value=shown, key=key, help=safe_help, max_chars=MAX_CELL_CHARS)
    if value is None and not (text or "").strip():
        return None
    number = parse_number(text or "", lang())
    last_good = f"{key}__last"
    if number is None or not math.isfinite(number) or not (min_value <= number <= max_value):
        low, high = format_number(min_value, None, lang()), format_number(max_value, None, lang())
        container.error(
            tr("ui.number_invalid", text=escape_markdown(text or ""), low=low, high=high), icon=":material/error:"
        )
        return st.session_state.get(last_good, value)
    st.session_state[last_good] = number
    return float(number)


def rate_slider(
    label: str, start: float, key: str, marks: Iterable[float] = (), step: float = 0.5, decimals: int = 2
) -> float:
    """A percentage from 0 to 100 on stops every ``step`` plus ``start`` and ``marks`` (band edges), shown as 99,4 %.

    ``decimals`` is what a person can enter for the rule (a planned ratio may need three, 99,793 %).
    """
    stops = {round(float(x), decimals) for x in np.arange(0.0, 100.0 + step / 2, step)}
    stops |= {round(float(x), decimals) for x in (start, *marks) if 0.0 <= float(x) <= 100.0}
    options = sorted(stops)
    current = round(float(start), decimals)
    return float(
        st.select_slider(
            escape_markdown(label),
            options=options,
            value=current,
            key=key,
            format_func=lambda v: format_pct(v, decimals, lang()),
        )
    )
