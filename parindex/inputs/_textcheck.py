"""One check for every text the database stores: NFC, no control characters, no longer than its column.

A unit name with a control character was accepted at import and then broke every round export and
annex .xlsx (openpyxl refuses such characters); a NUL byte makes PostgreSQL refuse the whole
statement; a string longer than its ``String(n)`` column is cut or refused depending on the database.
So every write goes through :func:`check_text`: callers that know the file, row and column call it
first for a message naming them, and a ``before_flush`` hook (:func:`check_instance`, installed by
:mod:`parindex.db`) checks every row anyway, so no path writes such text unnoticed.

Tab, line feed and carriage return are allowed only in multi-line columns (``Text``); the limit of a
``String(n)`` column is the one declared in :mod:`parindex.db`, and so is that of a ``Text`` column a person types
into (its ``info["max_chars"]``).
"""

from __future__ import annotations

import functools
import re
from typing import Any

import numpy as np

from parindex.errors import InputError, Problem
from parindex.i18n import nfc

_SINGLE_LINE_BAD = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")
_MULTI_LINE_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


class TextError(InputError):
    """A text that cannot be stored; ``problem`` names the column (and file/row when known)."""

    def __init__(self, problem: Problem):
        super().__init__([problem])
        self.problem = problem


def column_rule(column: Any) -> tuple[int | None, bool, str]:
    """(maximum length or None, multi-line allowed, ``table.column``) of a mapped attribute or a Column.

    A rule already written as that tuple (:data:`UNIT_NAME`) is taken as it is.
    """
    if isinstance(column, tuple):
        return column
    if hasattr(column, "property"):  # a mapped attribute such as Unit.name
        column = column.property.columns[0]
    from sqlalchemy import String, Text  # here: reading a values file alone needs no database library

    kind = column.type
    length = getattr(kind, "length", None) if isinstance(kind, String) else None
    length = column.info.get("max_chars", length)  # a Text column a person types into has a limit of its own
    return length, isinstance(kind, Text), f"{column.table.name}.{column.name}"


# A unit's name as the units table stores it, for readers of values files that need no database library
# (a test checks it against parindex.db.Unit.name).
UNIT_NAME = (200, False, "units.name")


def max_chars(column: Any) -> int | None:
    """The most characters ``column`` stores: what a page's input for it allows (``max_chars``)."""
    return column_rule(column)[0]


def text_problem(
    value: str, column: Any, file: str | None = None, row: int | None = None, label: str | None = None
) -> Problem | None:
    """What is wrong with storing ``value`` in ``column`` (None if nothing); ``value`` already NFC."""
    limit, multiline, name = column_rule(column)
    where = {"file": file, "row": row, "column": label or name}
    bad = (_MULTI_LINE_BAD if multiline else _SINGLE_LINE_BAD).search(value)
    if bad is not None:
        return Problem("text_control", {"char": f"U+{ord(bad.group()):04X}", "position": bad.start() + 1}, **where)
    if limit is not None and len(value) > limit:
        return Problem("text_too_long", {"length": len(value), "limit": limit}, **where)
    return None


def text_problems(values: list[str], column: Any) -> np.ndarray:
    """Which ``values`` :func:`text_problem` finds fault with, as booleans, for a whole column at once.

    The values joined by line breaks are searched once for a control character and their lengths are
    taken in C; only if some value has a control character is each checked on its own.
    """
    limit, multiline, _ = column_rule(column)
    lengths = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
    too_long = lengths > limit if limit is not None else np.zeros(len(values), dtype=bool)
    joined = "\n".join(values)
    if _MULTI_LINE_BAD.search(joined) is None and (
        multiline or ("\t" not in joined and "\r" not in joined and joined.count("\n") == len(values) - 1)
    ):
        return too_long
    return np.array([text_problem(value, column) is not None for value in values], dtype=bool)


def check_text(
    value: str | None, column: Any, file: str | None = None, row: int | None = None, label: str | None = None
) -> str | None:
    """``value`` in NFC, ready for ``column``; raise :class:`TextError` if it cannot be stored."""
    if value is None:
        return None
    value = nfc(value)
    problem = text_problem(value, column, file, row, label)
    if problem is not None:
        raise TextError(problem)
    return value


@functools.cache
def _text_columns(mapper: Any) -> tuple[tuple[str, tuple[int | None, bool, str]], ...]:
    """Each text column of a model as (attribute, rule): worked out once per model, not once per row."""
    from sqlalchemy import String

    return tuple(
        (mapper.get_property_by_column(column).key, column_rule(column))
        for column in mapper.local_table.columns
        if isinstance(column.type, String)
    )


def check_instance(instance: Any) -> None:
    """Check (and NFC-normalise) every text column of a row about to be written."""
    mapper = getattr(instance, "__mapper__", None)
    if mapper is None:
        return
    for key, rule in _text_columns(mapper):
        value = instance.__dict__.get(key)
        if isinstance(value, str):
            checked = check_text(value, rule)
            if checked != value:
                setattr(instance, key, checked)


def check_rows(model: Any, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of ``model`` written without instances (a bulk insert), checked as :func:`check_instance` checks one.

    Each distinct text of a column is checked once (an import repeats the same few values, user and action
    thousands of times); texts are NFC-normalised in place. Raises :class:`TextError` as :func:`check_text` does.
    """
    for key, rule in _text_columns(model.__mapper__):
        texts = {row[key] for row in rows if isinstance(row.get(key), str)}
        normalised = {text: checked for text in texts if (checked := check_text(text, rule)) != text}
        for row in rows if normalised else ():
            if row.get(key) in normalised:
                row[key] = normalised[row[key]]
    return rows
