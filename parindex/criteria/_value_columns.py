"""Read a whole column of raw cells at once: the fast path of an import.

:func:`parindex.criteria.parse_value` reads one cell in a few microseconds, which for 10.000 units ×
88 values is seconds. Almost every cell, though, is a plain number written in one of a few shapes
(``99,7``, ``95,5 %``, ``35.475/35.960``, ``3``, ``có``). This module reads those shapes for a
whole column with a handful of string and array operations in C — join the cells, check the
column's shape with one regular expression, convert with NumPy — and marks every other cell
(``KAD``, a blank, a typo, an ambiguous ``1.500``, a value out of range) to be read one by one
by :func:`parse_value`, which also writes the messages. A cell read here gets exactly the number
:func:`parse_value` would give (the property tests compare the two on random cells), so the
import's results and messages do not depend on which path read a cell.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import model as m
from ._read import parse_value
from ._values import BLANK, MAX_COUNT, CellError, clean_text
from .kinds import kind_of

# The shapes read here, per cell, once ASCII spaces are removed (parse_value ignores them too).
_DECIMAL = r"[0-9]+(?:[.,][0-9]+)?"
_WHOLE = r"(?:[0-9]+|[1-9][0-9]{0,2}(?:\.[0-9]{3})+)"
_SHAPES = {
    "percent": _DECIMAL + "%?",
    "number": _DECIMAL,
    "manual": _DECIMAL,
    "signed": "-?" + _DECIMAL,
    "whole": _WHOLE,
    "counts": _WHOLE + "/" + _WHOLE,
}
_DECIMAL_MODES = ("percent", "number", "signed", "manual")
# A run of lines (cells) of the mode's shape; the line after a run is odd (read cell by cell).
_GOOD_RUN = {mode: re.compile(f"(?:{shape}\n)*") for mode, shape in _SHAPES.items()}
# One dot before exactly three digits: 1500 or 1,5? parse_value refuses it (a count reads 1500).
_AMBIGUOUS = re.compile(r"(?<=\n)-?[1-9][0-9]{0,2}\.[0-9]{3}%?\n")
_MAYBE_AMBIGUOUS = re.compile(r"\.[0-9]{3}[%\n]")
# The quick check of a column where every cell is a plain number: allowed characters, then a few
# substrings no such column holds; float() refuses the rest (1.2.3), and then the exact check runs.
_CHARACTERS = {
    "percent": re.compile(r"[0-9.,%\n]*"),
    "number": re.compile(r"[0-9.,\n]*"),
    "manual": re.compile(r"[0-9.,\n]*"),
    "signed": re.compile(r"[0-9.,\n-]*"),
    "whole": re.compile(r"[0-9.\n]*"),
    "counts": re.compile(r"[0-9./\n]*"),
}
# A character no plain number of the mode has, or a line break that starts an empty line.
_PLAIN_CHARACTERS = {
    "percent": "0-9.,%",
    "number": "0-9.,",
    "manual": "0-9.,",
    "signed": "0-9.,\\-",
    "whole": "0-9.",
    "counts": "0-9./",
}
_ALLOWED = {
    mode: np.isin(np.arange(128), [ord(c) for c in chars.replace("0-9", "0123456789").replace("\\", "") + "\n"])
    for mode, chars in _PLAIN_CHARACTERS.items()
}
_NEVER = {
    "percent": (".\n", ",\n", ".%", ",%"),
    "number": (".\n", ",\n"),
    "manual": (".\n", ",\n"),
    "signed": (".\n", ",\n"),
    "whole": ("\n.",),
    "counts": ("\n.", "/.", "\n/", "/\n"),
}
_BAD_DOT = re.compile(r"\.(?![0-9]{3}[./\n])")  # a dot that does not group three digits
_BAD_LEAD = re.compile(r"(?<![0-9.])(?:0|[0-9]{4})[0-9]*\.")  # 0.500 or 1234.567: not thousands
_ODD_SPACE = re.compile(r"[^\S \n]")
_ASCII_SPACES = "\t\r\x0b\x0c\x1c\x1d\x1e\x1f"  # whitespace to str.split(), besides " " and "\n"
_RATIO_LIMIT = 1e13  # counts below this keep 100 · numerator exact in a float
_NUMBER_TYPES = (int, float, np.integer, np.floating)


@dataclass
class Column:
    """One column read: ``values`` (NaN = not applicable), ``blank`` cells, and ``slow`` cells still to read."""

    values: np.ndarray
    blank: np.ndarray
    slow: np.ndarray


def read_column(cells: list, leaf: m.Leaf) -> Column:
    """Read what can be read of ``cells`` for ``leaf`` at once; the rest is marked ``slow``."""
    n = len(cells)
    column = Column(np.zeros(n), np.zeros(n, dtype=bool), np.zeros(n, dtype=bool))
    if n == 0:
        return column
    if kind_of(leaf.rule).column_mode(leaf.rule) == "words":
        _read_words(cells, leaf, column)
        return column
    array = np.array(cells, dtype=object)
    inferred = pd.api.types.infer_dtype(array, skipna=False)
    if inferred == "string":
        _read_texts(cells, np.arange(n), leaf, column)
    elif inferred in ("floating", "integer", "mixed-integer-float"):
        _read_numbers(array.astype(float), np.arange(n), leaf, column)
    else:
        _read_mixed(cells, leaf, column)
    return column


def _read_mixed(cells: list, leaf: m.Leaf, column: Column) -> None:
    """A column holding texts, numbers and empty cells (an Excel sheet): each kind of cell its own way."""
    texts, numbers, number_values = [], [], []
    for i, cell in enumerate(cells):
        if cell is None:
            column.blank[i] = True
        elif isinstance(cell, str):
            texts.append(i)
        elif isinstance(cell, _NUMBER_TYPES) and not isinstance(cell, (bool, np.bool_)):
            numbers.append(i)
            number_values.append(float(cell))
        else:
            column.slow[i] = True
    if texts:
        _read_texts([cells[i] for i in texts], np.array(texts), leaf, column)
    if numbers:
        _read_numbers(np.array(number_values), np.array(numbers), leaf, column)


def _read_numbers(values: np.ndarray, rows: np.ndarray, leaf: m.Leaf, column: Column) -> None:
    """Number cells (Excel): taken as they are where the rule accepts them; NaN is an empty cell."""
    rule = leaf.rule
    blank = np.isnan(values)
    column.blank[rows[blank]] = True
    rows, values = rows[~blank], values[~blank]
    mode = _mode(leaf)
    with np.errstate(invalid="ignore"):
        if mode in ("percent", "ratio"):
            good = (values >= 0) & (values <= 100)
        elif mode in ("number", "signed"):
            good = np.isfinite(values) & ((values >= 0) | rule.negative_allowed)
        elif mode == "whole":
            good = (values >= 0) & (values <= MAX_COUNT) & (values == np.floor(values))
        else:  # manual points
            good = (values >= 0) & (values <= leaf.max + 1e-9)
    column.values[rows[good]] = values[good]
    column.slow[rows[~good]] = True


def _read_texts(texts: list[str], rows: np.ndarray, leaf: m.Leaf, column: Column) -> None:
    """Text cells: the column's shape checked once; if some cell breaks it, cell by cell."""
    mode = _mode(leaf)
    if mode == "ratio":
        array = np.array(texts, dtype=object)
        with_slash = np.char.find(array.astype(str), "/") >= 0
        for subset, sub_mode in ((with_slash, "counts"), (~with_slash, "percent")):
            if subset.any():
                _read_shaped(array[subset].tolist(), rows[subset], sub_mode, leaf, column)
        return
    _read_shaped(texts, rows, mode, leaf, column)


def _read_shaped(texts: list[str], rows: np.ndarray, mode: str, leaf: m.Leaf, column: Column) -> None:
    """Cells of one shape, joined one per line: set aside the odd lines (``KAD``, blanks, typos), convert the rest."""
    joined = "\n".join(texts).replace(" ", "")
    if joined.count("\n") != len(texts) - 1:  # a cell holding a line break: read this column cell by cell
        column.slow[rows] = True
        return
    text = joined + "\n"
    odd = _lines_with_odd_characters(text, mode)
    if odd:
        rows, text = _set_aside(odd, rows, text, column)
        if not text:
            return
    if _plain_column(text, mode):
        try:
            values, good = _convert(text[:-1], mode, leaf)
        except ValueError:  # a line float() refuses (1.2.3): check every line exactly
            pass
        else:
            if mode in _DECIMAL_MODES and _MAYBE_AMBIGUOUS.search(text):
                good[_ambiguous_lines("\n" + text)] = False
            column.values[rows[good]] = values[good]
            column.slow[rows[~good]] = True
            return
    odd = _odd_lines(text, _GOOD_RUN[mode])
    if mode in _DECIMAL_MODES and _MAYBE_AMBIGUOUS.search(text):
        odd = sorted(set(odd) | set(_ambiguous_lines("\n" + text)))
    if odd:
        rows, text = _set_aside(odd, rows, text, column)
        if not text:
            return
    values, good = _convert(text[:-1], mode, leaf)
    column.values[rows[good]] = values[good]
    column.slow[rows[~good]] = True


def _set_aside(odd: list[int], rows: np.ndarray, text: str, column: Column) -> tuple[np.ndarray, str]:
    """Mark the ``odd`` lines' cells to be read one by one; the other rows and lines go on."""
    keep = np.ones(len(rows), dtype=bool)
    keep[odd] = False
    column.slow[rows[~keep]] = True
    lines = np.array(text[:-1].split("\n"), dtype=object)[keep].tolist()
    return rows[keep], "\n".join(lines) + "\n" if lines else ""


def _lines_with_odd_characters(text: str, mode: str) -> list[int]:
    """Empty lines and lines with a character no plain number of ``mode`` has (``KAD``), found with arrays."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    newline = codes == 10
    odd_character = (codes > 127) | ~_ALLOWED[mode][np.minimum(codes, 127)]
    empty_line = newline & np.concatenate(([True], newline[:-1]))
    line_of = np.cumsum(newline) - newline  # a line break belongs to the line it ends
    return np.unique(line_of[odd_character | empty_line]).tolist()


def _plain_column(text: str, mode: str) -> bool:
    """Quick check that every line of ``text`` may be a plain number of ``mode`` (float() checks the rest)."""
    if text[:1] in ("\n", ".", "/") or "\n\n" in text or not _CHARACTERS[mode].fullmatch(text):
        return False
    if any(never in text for never in _NEVER[mode]):
        return False
    if mode == "percent" and text.count("%") != text.count("%\n"):
        return False
    if mode == "counts" and text.count("/") != text.count("\n"):
        return False
    if mode in ("whole", "counts") and "." in text:
        return not (_BAD_DOT.search(text) or _BAD_LEAD.search(text))
    return True


def _odd_lines(text: str, good_run: re.Pattern) -> list[int]:
    """Positions of the lines of ``text`` (each ending in a line break) that ``good_run`` stops at.

    One regular-expression match per run of good lines, so Python only visits the odd ones.
    """
    odd: list[int] = []
    position = line = 0
    while True:
        end = good_run.match(text, position).end()
        line += text.count("\n", position, end)
        if end >= len(text):
            return odd
        odd.append(line)
        position = text.index("\n", end) + 1
        line += 1


def _ambiguous_lines(text: str) -> list[int]:
    """Positions of the lines like ``1.500`` in ``text`` (which starts with a line break)."""
    lines: list[int] = []
    position = line = 0
    for match in _AMBIGUOUS.finditer(text):
        line += text.count("\n", position, match.start())
        lines.append(line - 1)
        position = match.start()
    return lines


def _convert(joined: str, mode: str, leaf: m.Leaf) -> tuple[np.ndarray, np.ndarray]:
    """Numbers of cells that all have ``mode``'s shape (one per line), and which are in the rule's range."""
    if mode == "counts":
        pairs = np.array(joined.replace(".", "").replace("/", "\n").split("\n"), dtype=float).reshape(-1, 2)
        numerator, denominator = pairs[:, 0], pairs[:, 1]
        good = (denominator > 0) & (numerator <= denominator) & (denominator < _RATIO_LIMIT)
        with np.errstate(invalid="ignore", divide="ignore"):
            return numerator * 100.0 / denominator, good  # one correctly rounded division: exact
    if mode == "whole":
        values = np.array(joined.replace(".", "").split("\n"), dtype=float)
        return values, values <= MAX_COUNT
    values = np.array(joined.replace("%", "").replace(",", ".").split("\n"), dtype=float)
    if mode == "percent":
        return values, values <= 100
    if mode == "manual":
        return values, values <= leaf.max + 1e-9
    return values, np.ones(values.shape, dtype=bool)


def _mode(leaf: m.Leaf) -> str:
    """Which shape the leaf's values take: percent, ratio, number (signed), whole or manual points."""
    return kind_of(leaf.rule).column_mode(leaf.rule)


def _read_words(cells: list, leaf: m.Leaf, column: Column) -> None:
    """yes/no and levels: each distinct cell read once by :func:`parse_value`, then spread to its rows."""
    array = np.array(cells, dtype=object)
    if pd.api.types.infer_dtype(array, skipna=False) == "string":
        codes, uniques = pd.factorize(array)
        cell_of = list(uniques)
    else:  # keep apart what parse_value reads differently: True, 1 and "1"
        codes, keys = pd.factorize(pd.Series(array).map(_word_key), use_na_sentinel=True)
        cell_of = [key[1] for key in keys]
    column.blank[codes < 0] = True
    results = np.zeros(len(cell_of))
    readable = np.zeros(len(cell_of) + 1, dtype=bool)  # last position: the NaN sentinel (-1)
    for u, cell in enumerate(cell_of):
        try:
            value = parse_value(cell, leaf)
        except CellError:
            continue
        if value is not BLANK:
            results[u] = value
            readable[u] = True
    known = codes >= 0
    column.values[known] = results[codes[known]]
    column.slow[known & ~readable[codes]] = True


def _word_key(cell: object) -> tuple[str, object] | None:
    """A key that keeps cells apart that parse_value reads differently (``True`` ≠ ``1`` ≠ ``"1"``)."""
    if cell is None or (isinstance(cell, float) and math.isnan(cell)):
        return None
    return (type(cell).__name__, cell)


def clean_column(cells: list) -> list[str]:
    """:func:`parindex.criteria.clean_text` of every cell; a column of tidy texts is returned as it is."""
    if cells and pd.api.types.infer_dtype(np.array(cells, dtype=object), skipna=False) == "string":
        joined = "\n".join(cells)
        if joined.count("\n") == len(cells) - 1 and _tidy(joined):
            return list(cells)
    return [clean_text(cell) for cell in cells]


def _tidy(joined: str) -> bool:
    """Would clean_text leave every line of ``joined`` as it is (NFC, single inner spaces only)?"""
    if "  " in joined or " \n" in joined or "\n " in joined or joined[:1] == " " or joined[-1:] == " ":
        return False
    if joined.isascii():
        return not any(space in joined for space in _ASCII_SPACES)
    return not _ODD_SPACE.search(joined) and unicodedata.is_normalized("NFC", joined)
