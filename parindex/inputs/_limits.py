"""Size limits on every input, checked before it is parsed.

A file is read only up to its limit plus one byte (so ``/dev/zero`` or a 40 MB upload is refused
after reading the limit, not the whole), and its shape — rows, columns, sub-criteria, YAML entries
and nesting, an Excel file's unpacked size, parts, sheets and cells — is checked before the slow
parser runs. Each refusal is a :class:`~parindex.errors.Problem` naming the limit and the actual
size. The numbers are far above any real criteria set (the largest shipped is 63 KB with a few
hundred sub-criteria) or values file (one row per unit: a province has at most a few hundred), and
low enough that a refusal takes well under a second and a few megabytes. Documented in README.md.
"""

from __future__ import annotations

import io
import os
import re
import stat
import zipfile
from pathlib import Path

import yaml

from parindex.errors import InputError, Problem

MB = 1024 * 1024
MAX_YAML_BYTES = 1 * MB  # a criteria set, costs file or config
MAX_YAML_NODES = 50_000  # YAML entries (scalars, lists, mappings) in one file; a shipped set has 3.300
MAX_YAML_DEPTH = 32  # nesting levels
MAX_SUB_CRITERIA = 2_000  # sub-criteria in one criteria set
MAX_TABLE_BYTES = 20 * MB  # a values, survey or national results file (CSV or .xlsx) = server.maxUploadSize
MAX_ROWS = 100_000  # data rows of a table
MAX_COLUMNS = 1_000  # columns of a table
MAX_CELLS = 5_000_000  # rows × columns of a table or sheet
MAX_CELL_CHARS = 200  # one value cell, as a round stores it (the value columns of ``entries``)
MAX_XLSX_UNPACKED = 100 * MB  # all parts of an .xlsx file once unpacked
MAX_XLSX_PART = 50 * MB  # one part once unpacked (a sheet, the shared strings)
MAX_XLSX_RATIO = 200  # how many times one large part may be compressed (ordinary sheets: 5–30×)
MAX_XLSX_PARTS = 1_000  # parts in the zip
MAX_SHEETS = 100  # worksheets in a workbook
_RATIO_FROM = 1 * MB  # the ratio is only checked for parts that unpack to more than this


def _too_many(what: str, count: int, limit: int, filename: str) -> InputError:
    """``what``: rows, columns, cells, sheets, sub_criteria, yaml_nodes or zip_parts (one message each).

    Numbers go in as floats so the message shows them in the language's style (10.000 / 10,000).
    """
    return InputError([Problem(f"limit_{what}", {"count": float(count), "limit": float(limit)}, file=filename)])


def read_limited(path: str | Path, limit: int) -> bytes:
    """The bytes of ``path`` (a file, a pipe, a device), refused once more than ``limit`` would be read.

    Reads at most ``limit + 1`` bytes, so an endless source costs no more than a file at the limit.
    Raises ``OSError`` as :func:`open` does, and InputError for a source over the limit.
    """
    path = Path(path)
    with open(path, "rb") as handle:
        info = os.fstat(handle.fileno())
        if stat.S_ISREG(info.st_mode) and info.st_size > limit:
            raise too_large(path.name, info.st_size, limit)
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise too_large(path.name, None, limit)
    return data


def too_large(filename: str, size: int | None, limit: int) -> InputError:
    """The refusal of a file over ``limit`` bytes; ``size`` is None for an endless or unsized source."""
    if size is None:
        return InputError([Problem("too_large_endless", {"limit": float(limit)}, file=filename)])
    return InputError([Problem("too_large", {"size": float(size), "limit": float(limit)}, file=filename)])


def check_bytes(data: bytes | str, limit: int, filename: str) -> None:
    """Refuse ``data`` longer than ``limit`` bytes (text is measured in UTF-8)."""
    size = len(data.encode("utf-8", "surrogatepass")) if isinstance(data, str) else len(data)
    if size > limit:
        raise too_large(filename, size, limit)


def check_yaml(text: str, filename: str) -> None:
    """Refuse YAML over :data:`MAX_YAML_BYTES`, with more than :data:`MAX_YAML_NODES` entries or
    :data:`MAX_SUB_CRITERIA` items under ``sub_criteria`` keys, or nested deeper than
    :data:`MAX_YAML_DEPTH`, scanning its events with the C parser before the (slow) tree is built.

    Syntax errors are left to the real loader, which reports them with their line.
    """
    check_bytes(text, MAX_YAML_BYTES, filename)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    scan = _YamlScan(filename)
    try:
        for event in yaml.parse(io.StringIO(text), Loader=loader):
            scan.see(event)
    except yaml.YAMLError:
        return


class _YamlScan:
    """Counts entries, nesting and ``sub_criteria`` items from a stream of YAML events."""

    def __init__(self, filename: str):
        self.filename = filename
        self.nodes = self.sub_criteria = 0
        # one frame per open container: [is_mapping, next_is_key, last_key, is_sub_criteria_list]
        self.stack: list[list] = []

    def see(self, event: yaml.Event) -> None:
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self.stack.pop()
            self._done_node()
            return
        if not isinstance(event, yaml.NodeEvent):
            return
        if isinstance(event, yaml.AliasEvent):  # see yamlsource: a few bytes could stand for a huge tree
            line = event.start_mark.line + 1 if event.start_mark else None
            raise InputError([Problem("yaml_alias", file=self.filename, line=line)])
        self.nodes += 1
        if self.nodes > MAX_YAML_NODES:
            raise _too_many("yaml_nodes", self.nodes, MAX_YAML_NODES, self.filename)
        parent = self.stack[-1] if self.stack else None
        if parent is not None and parent[3]:
            self.sub_criteria += 1
            check_sub_criteria(self.sub_criteria, self.filename)
        if parent is not None and parent[0] and parent[1]:  # a key
            parent[2] = event.value if isinstance(event, yaml.ScalarEvent) else None
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if len(self.stack) >= MAX_YAML_DEPTH:
                line = event.start_mark.line + 1 if event.start_mark else None
                params = {"depth": len(self.stack) + 1, "limit": MAX_YAML_DEPTH}
                raise InputError([Problem("too_deep", params, file=self.filename, line=line)])
            listed = isinstance(event, yaml.SequenceStartEvent) and parent is not None and parent[0]
            self.stack.append(
                [isinstance(event, yaml.MappingStartEvent), True, None, listed and parent[2] == "sub_criteria"]
            )
        else:
            self._done_node()

    def _done_node(self) -> None:
        """A whole node ended: in a mapping, keys and values take turns."""
        if self.stack and self.stack[-1][0]:
            self.stack[-1][1] = not self.stack[-1][1]


def check_sub_criteria(count: int, filename: str) -> None:
    if count > MAX_SUB_CRITERIA:
        raise _too_many("sub_criteria", count, MAX_SUB_CRITERIA, filename)


def check_table_shape(rows: int, columns: int, filename: str) -> None:
    """Refuse a table with more rows, columns or cells than the limits."""
    if rows > MAX_ROWS:
        raise _too_many("rows", rows, MAX_ROWS, filename)
    if columns > MAX_COLUMNS:
        raise _too_many("columns", columns, MAX_COLUMNS, filename)
    if rows * columns > MAX_CELLS:
        raise _too_many("cells", rows * columns, MAX_CELLS, filename)


def check_csv_text(text: str, delimiter: str, filename: str) -> None:
    """Rows and the widest row's columns counted on the raw text before the CSV parser runs.

    Counting delimiters overestimates a row whose quoted cells contain one; real files stay far
    below the limits either way.
    """
    rows = text.count("\n") + 1
    if rows > MAX_ROWS + 2:
        raise _too_many("rows", rows - 1, MAX_ROWS, filename)
    widest = max((line.count(delimiter) + 1 for line in text.splitlines()), default=0)
    if widest > MAX_COLUMNS:
        raise _too_many("columns", widest, MAX_COLUMNS, filename)
    if (rows - 1) * widest > MAX_CELLS:
        raise _too_many("cells", (rows - 1) * widest, MAX_CELLS, filename)


def check_xlsx(data: bytes, filename: str) -> None:
    """Look inside an .xlsx (a zip) before openpyxl opens it: the zip (:func:`check_zip`), then the sheet count
    and the rows, columns and cells each sheet really uses (:func:`_sheet_extent`).
    """
    archive = check_zip(data, filename)
    sheets = [p for p in archive.infolist() if p.filename.startswith("xl/worksheets/") and p.filename.endswith(".xml")]
    if len(sheets) > MAX_SHEETS:
        raise _too_many("sheets", len(sheets), MAX_SHEETS, filename)
    for sheet in sheets:
        rows, columns, cells = _sheet_extent(archive, sheet, filename)
        if rows - 1 > MAX_ROWS:
            raise _too_many("rows", rows - 1, MAX_ROWS, filename)
        if columns > MAX_COLUMNS:
            raise _too_many("columns", columns, MAX_COLUMNS, filename)
        if cells > MAX_CELLS:
            raise _too_many("cells", cells, MAX_CELLS, filename)


def check_zip(data: bytes, filename: str) -> zipfile.ZipFile:
    """An Office file (.xlsx, .docx: a zip) checked from its central directory before anything unpacks it: its
    size, the number of parts, each part's and the total unpacked size, and a large part's compression ratio (a
    "deflate bomb" unpacks about 1.000 times its size). Returns the opened archive."""
    check_bytes(data, MAX_TABLE_BYTES, filename)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError([Problem("bad_xlsx", file=filename)]) from None
    if len(parts) > MAX_XLSX_PARTS:
        raise _too_many("zip_parts", len(parts), MAX_XLSX_PARTS, filename)
    total = 0
    for part in parts:
        total += part.file_size
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > MAX_XLSX_PART or (part.file_size > _RATIO_FROM and ratio > MAX_XLSX_RATIO):
            params = {
                "part": part.filename,
                "size": float(part.file_size),
                "ratio": float(round(ratio)),
                "limit": float(MAX_XLSX_PART),
                "ratio_limit": float(MAX_XLSX_RATIO),
            }
            raise InputError([Problem("xlsx_part", params, file=filename)])
    if total > MAX_XLSX_UNPACKED:
        shown = {"size": float(total), "limit": float(MAX_XLSX_UNPACKED)}
        raise InputError([Problem("xlsx_unpacked", shown, file=filename)])
    return archive


_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?\"")
_WIDE_REF = re.compile(rb"<c r=\"([A-Z]{3})\d")  # only columns from AAA (703) on can pass the limit
_ROW_REF = re.compile(rb"<row r=\"(\d{1,9})\"")


def _sheet_extent(archive: zipfile.ZipFile, part: zipfile.ZipInfo, filename: str) -> tuple[int, int, int]:
    """The rows, widest column and cells of a sheet, from its XML streamed in chunks with byte counts and
    light regular expressions (a sheet of 200.000 cells takes a fraction of a second).

    A declared ``<dimension>`` may be missing or wrong, so references are read too; its width still
    counts, since openpyxl pads every row to it. In a sheet whose cells carry no reference, every row
    counts as the widest allowed, so no sheet can make openpyxl build millions of cells.
    """
    rows = columns = cells = referenced = row_tags = declared_width = 0
    tail, first = b"", True
    try:
        with archive.open(part) as stream:
            while chunk := stream.read(MB):
                block = tail + chunk
                if first and (declared := _DIMENSION.search(block)) and declared.group(3):
                    declared_width = column_number(declared.group(3).decode())
                first = False
                cut = max(block.rfind(b"<"), 0) if len(chunk) == MB else len(block)  # never split a tag
                text, tail = block[:cut], block[cut:]
                for letters in _WIDE_REF.findall(text):
                    columns = max(columns, column_number(letters.decode()))
                numbers = _ROW_REF.findall(text)
                rows = max([rows, *map(int, numbers)])
                row_tags += text.count(b"<row")
                cells += text.count(b"<c ") + text.count(b"<c>") + text.count(b"<c/>")
                referenced += text.count(b'<c r="')
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise InputError([Problem("bad_xlsx", file=filename)]) from None
    rows = max(rows, row_tags)
    columns = max(columns, declared_width)
    cells = max(cells, rows * declared_width)  # openpyxl pads each row to the declared width
    if cells > referenced:  # cells without a reference: each row may be as wide as allowed
        cells = max(cells, rows * (MAX_COLUMNS + 1))
    return rows, columns, cells


def column_number(letters: str) -> int:
    """``A`` → 1, ``XFD`` → 16384."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number
