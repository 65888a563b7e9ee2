"""Read a whole column of raw cells at once: the fast path of an import.

:func:`parindex.criteria.parse_value` reads one cell in a few microseconds, which for 10.000 units ×
88 values is seconds. Almost every cell, though, is a plain number written in one of a few shapes
(``99,7``, ``95,5 %``, ``35.475/35.960``, ``3``, ``có``). This module reads those shapes for a
whole column with a handful of array operations in C — join the cells into one line each, look at
the UTF-8 bytes with NumPy (which lines hold a character no plain number has, which dots group
thousands), and convert all lines with one Arrow cast — and reads blanks and ``KAD`` once per
distinct cell. Every other cell (a typo, an ambiguous ``1.500``, a value out of range) is marked to
be read one by one by :func:`parse_value`, which also writes the messages. A cell read here gets
exactly the number :func:`parse_value` would give (the property tests compare the two on random
cells), so the import's results and messages do not depend on which path read a cell.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from parindex.inputs import MAX_CELL_CHARS

from . import model as m
from ._read import parse_value
from ._values import BLANK, MAX_COUNT, CellError, clean_text, is_not_applicable
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
_GOOD_RUN = {mode: re.compile(f"(?:{shape}\n)*".encode()) for mode, shape in _SHAPES.items()}
# One dot before exactly three digits: 1500 or 1,5? parse_value refuses it (a count reads 1500).
_AMBIGUOUS = re.compile(rb"(?<=\n)-?[1-9][0-9]{0,2}\.[0-9]{3}%?\n")
_MAYBE_AMBIGUOUS = re.compile(rb"\.[0-9]{3}[%\n]")
# The characters a plain number of the mode has (besides the line break); a line with another is odd.
_PLAIN_CHARACTERS = {
    "percent": "0123456789.,%",
    "number": "0123456789.,",
    "manual": "0123456789.,",
    "signed": "0123456789.,-",
    "whole": "0123456789.",
    "counts": "0123456789./",
}
_ALLOWED = {mode: np.isin(np.arange(256), [ord(c) for c in chars + "\n"]) for mode, chars in _PLAIN_CHARACTERS.items()}
# The quick check of a column of plain numbers: pairs of characters no such column holds; the
# conversion refuses the rest (1.2.3), and then the exact check runs.
_NEVER = {
    "percent": (".\n", ",\n", ".%", ",%"),
    "number": (".\n", ",\n"),
    "manual": (".\n", ",\n"),
    "signed": (".\n", ",\n"),
    "whole": ("\n.",),
    "counts": ("\n.", "/.", "\n/", "/\n"),
}
_GROUP_END = np.frombuffer(b"./\n", dtype=np.uint8)  # what follows three digits after a thousands dot
_ODD_SPACE = re.compile(r"[^\S \n]")
_RATIO_LIMIT = 1e13  # counts below this keep 100 · numerator exact in a float
_NUMBER_TYPES = (int, float, np.integer, np.floating)


@dataclass
class Column:
    """One column read: ``values`` (NaN = not applicable), ``blank`` cells, and ``slow`` cells still to read."""

    values: np.ndarray
    blank: np.ndarray
    slow: np.ndarray


class _Prepared:
    """A column's cells with what reading and cleaning them both need, made once: an array, its type, the joined text."""

    def __init__(self, cells: list):
        self.cells = cells
        self.array = np.array(cells, dtype=object)
        self.kind = pd.api.types.infer_dtype(self.array, skipna=False) if cells else "empty"
        self.joined = "\n".join(cells) if self.kind == "string" else None

    @functools.cached_property
    def distinct(self) -> tuple[np.ndarray, np.ndarray]:
        """Each cell's position among the distinct cells, and these (only for text cells: ``1`` ≠ ``"1"``)."""
        return pd.factorize(self.array)


def read_cells(cells: list, leaf: m.Leaf) -> tuple[np.ndarray, Column]:
    """:func:`clean_column` (as an object array) and :func:`read_column` of one column, sharing their work."""
    prepared = _Prepared(cells)
    column = _read(prepared, leaf)
    if prepared.kind == "string" and _mode(leaf) == "words":  # few distinct cells: each cleaned once
        codes, uniques = prepared.distinct
        return np.array([clean_text(cell) for cell in uniques], dtype=object)[codes], column
    return _clean(prepared), column


def read_column(cells: list, leaf: m.Leaf) -> Column:
    """Read what can be read of ``cells`` for ``leaf`` at once; the rest is marked ``slow``."""
    return _read(_Prepared(cells), leaf)


def _read(prepared: _Prepared, leaf: m.Leaf) -> Column:
    cells, n = prepared.cells, len(prepared.cells)
    column = Column(np.zeros(n), np.zeros(n, dtype=bool), np.zeros(n, dtype=bool))
    if n == 0:
        return column
    if _mode(leaf) == "words":
        _read_words(prepared, leaf, column)
    elif prepared.kind == "string":
        _read_texts(cells, np.arange(n), leaf, column, prepared.joined)
    elif prepared.kind in ("floating", "integer", "mixed-integer-float"):
        _read_numbers(prepared.array.astype(float), np.arange(n), leaf, column)
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


def _read_texts(texts: list[str], rows: np.ndarray, leaf: m.Leaf, column: Column, joined: str | None = None) -> None:
    """Text cells (``joined``: already joined by line breaks): the column's shape checked once; the odd
    cells (``KAD``, blanks, typos) are set aside.
    """
    mode = _mode(leaf)
    text = (joined if joined is not None else "\n".join(texts)).replace(" ", "") + "\n"
    if text.count("\n") != len(texts):  # a cell holding a line break: read this column cell by cell
        column.slow[rows] = True
        return
    lines = _Lines.of(text.encode())
    if mode == "ratio":  # each cell either counts (``35.475/35.960``) or a rate (``98,6 %``)
        slash = lines.holding(lines.codes == ord("/"))
        parts = [("counts", slash), ("percent", ~slash)]
    else:
        parts = [(mode, np.ones(len(rows), dtype=bool))]
    odd = lines.empty() | (np.diff(lines.ends, prepend=-1) - 1 > MAX_CELL_CHARS)  # too long: refused cell by cell
    for part_mode, part in parts:
        odd |= part & lines.holding(~_ALLOWED[part_mode][lines.codes])
    if odd.any():
        _read_odd(np.array([texts[i] for i in np.flatnonzero(odd)], dtype=object), rows[odd], leaf, column)
    for part_mode, part in parts:
        keep = part & ~odd
        if keep.any():
            _read_shaped(lines if keep.all() else lines.subset(keep), rows[keep], part_mode, leaf, column)


def _read_odd(cells: np.ndarray, rows: np.ndarray, leaf: m.Leaf, column: Column) -> None:
    """Cells that are no plain number: blanks and not-applicable words (``KAD``) read here, the rest by parse_value.

    These are the first two steps of :func:`parse_value`, taken once per distinct cell, so a column with
    hundreds of ``KAD`` does not send each of them through the per-cell reader.
    """
    codes, uniques = pd.factorize(cells)
    blank = np.zeros(len(uniques) + 1, dtype=bool)  # one more: factorize's -1 (no text cell has it)
    not_applicable = np.zeros(len(uniques) + 1, dtype=bool)
    for u, cell in enumerate(uniques):
        text = clean_text(cell)
        blank[u] = not text
        not_applicable[u] = bool(text) and leaf.na_allowed and is_not_applicable(text)
    column.blank[rows[blank[codes]]] = True
    column.values[rows[not_applicable[codes]]] = math.nan
    column.slow[rows[~blank[codes] & ~not_applicable[codes]]] = True


@dataclass(frozen=True)
class _Lines:
    """Cells joined one per line (each ending in a line break) as UTF-8 bytes, with NumPy views on them.

    Bytes rather than ``str``: a byte array is compared, masked and cut in a few microseconds, and a
    line break is one byte that no other character's UTF-8 encoding contains.
    """

    data: bytes
    codes: np.ndarray  # uint8 view of data
    ends: np.ndarray  # position of each line's line break

    @classmethod
    def of(cls, data: bytes) -> _Lines:
        codes = np.frombuffer(data, dtype=np.uint8)
        return cls(data, codes, np.flatnonzero(codes == 10))

    def holding(self, characters: np.ndarray) -> np.ndarray:
        """Per line: does it hold one of the marked ``characters`` (a boolean per byte)?"""
        found = np.zeros(len(self.ends), dtype=bool)
        found[np.searchsorted(self.ends, np.flatnonzero(characters))] = True
        return found

    def empty(self) -> np.ndarray:
        """Per line: is it empty?"""
        return np.diff(self.ends, prepend=-1) == 1

    def subset(self, keep: np.ndarray) -> _Lines:
        """Only the lines marked in ``keep``."""
        characters = np.repeat(keep, np.diff(self.ends, prepend=-1))
        return _Lines.of(self.codes[characters].tobytes())

    def count(self, character: str) -> int:
        """How often ``character`` (ASCII) occurs."""
        return int(np.count_nonzero(self.codes == ord(character)))

    def pairs(self, first: str, second: str) -> int:
        """How often ``first`` comes right before ``second`` (both ASCII)."""
        codes = self.codes
        return int(np.count_nonzero((codes[:-1] == ord(first)) & (codes[1:] == ord(second))))


def _read_shaped(lines: _Lines, rows: np.ndarray, mode: str, leaf: m.Leaf, column: Column) -> None:
    """Lines of only the mode's characters: convert them all if the column is plain, else set aside the odd ones."""
    if _plain_column(lines, mode):
        try:
            values, good = _convert(lines, mode, leaf)
        except pa.ArrowInvalid:  # a line that is no number (1.2.3): check every line exactly
            pass
        else:
            if mode in _DECIMAL_MODES and _MAYBE_AMBIGUOUS.search(lines.data):
                good[_ambiguous_lines(b"\n" + lines.data)] = False
            column.values[rows[good]] = values[good]
            column.slow[rows[~good]] = True
            return
    odd = _odd_lines(lines.data, _GOOD_RUN[mode])
    if mode in _DECIMAL_MODES and _MAYBE_AMBIGUOUS.search(lines.data):
        odd = sorted(set(odd) | set(_ambiguous_lines(b"\n" + lines.data)))
    if odd:
        keep = np.ones(len(rows), dtype=bool)
        keep[odd] = False
        column.slow[rows[~keep]] = True
        if not keep.any():
            return
        lines, rows = lines.subset(keep), rows[keep]
    values, good = _convert(lines, mode, leaf)
    column.values[rows[good]] = values[good]
    column.slow[rows[~good]] = True


def _plain_column(lines: _Lines, mode: str) -> bool:
    """Quick check that every line (of the mode's characters only) may be a plain number of ``mode``.

    The conversion refuses the rest (``1.2.3``), and then the exact check runs.
    """
    if int(lines.codes[0]) in b"./" or any(lines.pairs(*never) for never in _NEVER[mode]):
        return False
    if mode == "percent" and lines.count("%") != lines.pairs("%", "\n"):
        return False
    if mode == "counts" and lines.count("/") != len(lines.ends):
        return False
    if mode in ("whole", "counts") and lines.count("."):
        return _dots_group_thousands(lines.codes)
    return True


def _dots_group_thousands(codes: np.ndarray) -> bool:
    """Does every dot group thousands (``35.475``): three digits and then a dot, slash or line break after it,
    and before the first dot of a number one to three digits not starting with 0 (not ``1234.567``, ``0.500``)?

    Each dot must follow a digit (checked before). Array operations: a regular expression with a
    look-behind took a millisecond per 10.000 cells.
    """
    padded = np.concatenate((codes, np.zeros(4, dtype=np.uint8)))
    digit = (padded >= ord("0")) & (padded <= ord("9"))
    dots = np.flatnonzero(codes == ord("."))
    if not (digit[dots + 1] & digit[dots + 2] & digit[dots + 3] & np.isin(padded[dots + 4], _GROUP_END)).all():
        return False
    run_starts = np.flatnonzero(digit & ~np.concatenate(([False], digit[:-1])))
    runs = run_starts[np.searchsorted(run_starts, dots, side="right") - 1]  # the digits right before each dot
    first_group = padded[runs - 1] != ord(".")  # runs - 1 = -1 reads the padding: no dot
    return not (first_group & ((padded[runs] == ord("0")) | (dots - runs >= 4))).any()


def _odd_lines(text: bytes, good_run: re.Pattern) -> list[int]:
    """Positions of the lines of ``text`` (each ending in a line break) that ``good_run`` stops at.

    One regular-expression match per run of good lines, so Python only visits the odd ones.
    """
    odd: list[int] = []
    position = line = 0
    while True:
        end = good_run.match(text, position).end()
        line += text.count(b"\n", position, end)
        if end >= len(text):
            return odd
        odd.append(line)
        position = text.index(b"\n", end) + 1
        line += 1


def _ambiguous_lines(text: bytes) -> list[int]:
    """Positions of the lines like ``1.500`` in ``text`` (which starts with a line break)."""
    lines: list[int] = []
    position = line = 0
    for match in _AMBIGUOUS.finditer(text):
        line += text.count(b"\n", position, match.start())
        lines.append(line - 1)
        position = match.start()
    return lines


def _convert(lines: _Lines, mode: str, leaf: m.Leaf) -> tuple[np.ndarray, np.ndarray]:
    """Numbers of lines that all have ``mode``'s shape, and which are in the rule's range.

    Raises ``pyarrow.ArrowInvalid`` if a line is no number after all.
    """
    if mode == "counts":
        pairs = _floats(lines, drop=b"./\n", split=ord("/")).reshape(-1, 2)
        numerator, denominator = pairs[:, 0], pairs[:, 1]
        good = (denominator > 0) & (numerator <= denominator) & (denominator < _RATIO_LIMIT)
        with np.errstate(invalid="ignore", divide="ignore"):
            return numerator * 100.0 / denominator, good  # one correctly rounded division: exact
    if mode == "whole":
        values = _floats(lines, drop=b".\n")
        return values, values <= MAX_COUNT
    values = _floats(lines, drop=b"%\n", comma_to_point=True)
    if mode == "percent":
        return values, values <= 100
    if mode == "manual":
        return values, values <= leaf.max + 1e-9
    return values, np.ones(values.shape, dtype=bool)


def _floats(lines: _Lines, drop: bytes, split: int | None = None, comma_to_point: bool = False) -> np.ndarray:
    """The number on each line (or each side of ``split``), as the nearest float, without a Python object per line.

    The ``drop`` characters are removed and each line's remaining bytes handed to Arrow as one string array
    (offsets and data built with NumPy); Arrow's cast reads decimals correctly rounded, as ``float()`` does.
    """
    codes = lines.codes
    ends = np.sort(np.concatenate((lines.ends, np.flatnonzero(codes == split)))) if split is not None else lines.ends
    kept = codes != drop[0]
    for character in drop[1:]:
        kept &= codes != character
    digits = codes[kept]
    if comma_to_point:
        digits = np.where(digits == ord(","), np.uint8(ord(".")), digits)
    offsets = np.concatenate(([0], np.cumsum(kept)[ends])).astype(np.int32)
    strings = pa.StringArray.from_buffers(len(ends), pa.py_buffer(offsets), pa.py_buffer(digits))
    return pc.cast(strings, pa.float64()).to_numpy()


def _mode(leaf: m.Leaf) -> str:
    """Which shape the leaf's values take: percent, ratio, number (signed), whole or manual points."""
    return kind_of(leaf.rule).column_mode(leaf.rule)


def _read_words(prepared: _Prepared, leaf: m.Leaf, column: Column) -> None:
    """yes/no and levels: each distinct cell read once by :func:`parse_value`, then spread to its rows."""
    array = prepared.array
    if prepared.kind == "string":
        codes, uniques = prepared.distinct
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
    return _clean(_Prepared(cells)).tolist()


def _clean(prepared: _Prepared) -> np.ndarray:
    """:func:`clean_column` as an object array (the prepared array itself when every cell is tidy)."""
    joined = prepared.joined
    if joined is not None and joined.count("\n") == len(prepared.cells) - 1 and _tidy(joined):
        return prepared.array
    return np.array([clean_text(cell) for cell in prepared.cells], dtype=object)


def _tidy(joined: str) -> bool:
    """Would clean_text leave every line of ``joined`` as it is (NFC, single inner spaces only)?

    Checked on the UTF-8 bytes with NumPy: a space next to a space, a line break or an end; an
    ASCII control character (tabs and the like, which clean_text turns into spaces; any other
    control character only sends the column cell by cell). Then, beyond ASCII, other spaces and NFC.
    """
    codes = np.frombuffer(joined.encode(), dtype=np.uint8)
    if not len(codes):
        return True
    space, line_break = codes == ord(" "), codes == ord("\n")
    before = np.concatenate(([True], space[:-1] | line_break[:-1]))  # the start counts as a line break
    after = np.concatenate((line_break[1:], [True]))
    if (space & (before | after)).any() or ((codes < ord(" ")) & ~line_break).any():
        return False
    if joined.isascii():
        return True
    return not _ODD_SPACE.search(joined) and unicodedata.is_normalized("NFC", joined)
