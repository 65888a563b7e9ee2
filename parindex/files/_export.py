"""Write tables to CSV, Excel or JSON safely, and put results and values side by side by unit.

Three promises: a row of results and a row of values are put together by the unit they belong to,
never by their position (:func:`results_with_values`); a spreadsheet never executes what a user typed
(text starting with = + - @ is prefixed with an apostrophe, the usual defence against formula
injection); and a file is either written whole or not at all (a temporary file, then renamed).
"""

from __future__ import annotations

import errno
import io
import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from parindex.inputs import neutralise

if TYPE_CHECKING:
    from parindex.scoring import Scores, ValueTable

UNIT_KEY = ["unit", "unit_type"]
VALUE_PREFIX = "gia_tri_"


def values_by_unit(table: ValueTable) -> pd.DataFrame:
    """The values as typed with the unit and unit type on each row (a values file the importer reads back).

    ``table.raw`` carries the same row labels as ``table.units``; they are joined on those labels, and a
    table whose labels differ is refused rather than paired up by position.
    """
    if not table.units.index.equals(table.raw.index):
        raise ValueError("values and units of a table do not carry the same rows")
    return table.units[UNIT_KEY].join(table.raw)


def results_with_values(scores: Scores, table: ValueTable, lang: str = "vi") -> pd.DataFrame:
    """Each unit's result row (ranked, as :meth:`Scores.table`) followed by its own values (``gia_tri_<id>``).

    Joined on (unit, unit type), so however either side is ordered, every value sits on its unit's row.
    """
    values = values_by_unit(table)
    values = values.rename(columns={c: f"{VALUE_PREFIX}{c}" for c in values.columns if c not in UNIT_KEY})
    return scores.table(lang).merge(values, on=UNIT_KEY, how="left", validate="one_to_one", sort=False)


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise)
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so Excel shows Vietnamese letters correctly."""
    return neutralise_frame(frame).to_csv(index=False).encode("utf-8-sig")


def to_xlsx_bytes(frame: pd.DataFrame, sheet: str = "Kết quả") -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        neutralise_frame(frame).to_excel(writer, index=False, sheet_name=sheet[:31])
    return buffer.getvalue()


def to_json_bytes(frame: pd.DataFrame) -> bytes:
    records = frame.replace({np.nan: None}).to_dict(orient="records")
    return json.dumps(records, ensure_ascii=False, indent=2, default=_json_default).encode("utf-8")


def _json_default(value: object) -> object:
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(type(value).__name__)


def table_bytes(frame: pd.DataFrame, suffix: str) -> bytes:
    suffix = suffix.lower()
    if suffix == ".xlsx":
        return to_xlsx_bytes(frame)
    if suffix == ".json":
        return to_json_bytes(frame)
    return to_csv_bytes(frame)


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder, then rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_output(path: str | Path, data: bytes) -> None:
    """:func:`write_atomic` for a file the user named: a folder, a system file, an unwritable place or a full
    disk is an :class:`~parindex.errors.InputError` naming the file, and nothing is left half-written.

    An existing special file (a device, a pipe) is refused rather than replaced by the rename.
    """
    from parindex.errors import InputError, Problem

    path = Path(path)
    where = str(path)
    if path.is_dir():
        raise InputError([Problem("out_is_folder", file=where)])
    if (path.exists() and not path.is_file()) or str(path.resolve()).startswith(("/proc/", "/sys/", "/dev/")):
        raise InputError([Problem("out_not_regular", file=where)])
    try:
        write_atomic(path, data)
    except OSError as error:
        if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            raise InputError([Problem("disk_full", file=where)]) from None
        raise InputError([Problem("out_cannot_write", {"detail": error.strerror or str(error)}, file=where)]) from None
