"""Read one typed value for a leaf: blanks and "not applicable" here, the rest by the leaf's rule kind."""

from __future__ import annotations

import math
from typing import Any

from parindex.inputs import MAX_CELL_CHARS

from . import model as m
from ._values import BLANK, Blank, CellError, clean_text, is_not_applicable
from .kinds import kind_of


def parse_value(raw: Any, leaf: m.Leaf) -> float | Blank:
    """The number the scorer needs for ``leaf``: NaN = not applicable, BLANK = empty cell.

    yes/no → 1 or 0; levels → the level's position; bands and linear → the measured number (a
    ratio as a percentage); count and deduction → the count; survey → the share in percent;
    manual → the points (each kind's ``parse``).
    """
    if not isinstance(raw, (int, float)) or isinstance(raw, bool):
        text = clean_text(raw)
        if not text:
            return BLANK
        if len(text) > MAX_CELL_CHARS:  # before any rule reads it: reading a ratio grows with its length squared
            raise CellError("value_too_long", length=len(text), limit=MAX_CELL_CHARS)
        if is_not_applicable(text):
            if not leaf.na_allowed:
                raise CellError("value_na_forbidden", value=text)
            return math.nan
        raw = text
    elif isinstance(raw, float) and math.isnan(raw):
        return BLANK
    return kind_of(leaf.rule).parse(raw, leaf)
