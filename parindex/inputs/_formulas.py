"""Text a spreadsheet would run as a formula: quoted on the way out, unquoted on the way back in.

A cell starting with = + - @ (or a tab or carriage return) is a formula to Excel; every file the app
writes puts an apostrophe before such text (the usual defence against formula injection). A file the
app wrote and a person sends back (a round export, a unit's workbook) must read as what was typed, so
the readers take the apostrophe off again, and only before those characters.
"""

from __future__ import annotations

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Text that a spreadsheet would read as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def restore(value: object) -> object:
    """Undo :func:`neutralise`, so "-5" written as "'-5" reads back as "-5"; anything else is left alone."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_PREFIXES):
        return value[1:]
    return value
