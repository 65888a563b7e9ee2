"""Column headings of the tables that leave the app as files, in words, and how the import knows them again.

A values template, the score file and a round's export are opened by officials in Excel, so their
headings are words: ``Đơn vị``, ``Chỉ số (%)``, ``1.1.1 Tỷ lệ hồ sơ giải quyết đúng hạn``. No code
needs to stand beside them, because the import already reads such headings: a value column's heading
starts with its sub-criterion id (the rest is for people), and the unit, type and year columns are
known by their names in every language. Result columns (points, index, rank, grade) are computed,
never read back: the import passes over them, in words or as the codes that older files carry
(``index_pct``), and reads the values of an older round export under their ``gia_tri_<id>`` headings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from parindex.criteria import fold
from parindex.i18n import LANGUAGES, t

if TYPE_CHECKING:
    import pandas as pd

    from parindex.criteria import CompiledSet

UNIT_COLUMNS = ("unit", "unit_type", "year")
RESULT_COLUMNS = ("appraisal", "survey", "bonus", "penalty", "total", "max_applicable", "index_pct", "rank", "grade")
FIELD_PREFIX = "field_"  # a field's points: field_<field id>
VALUE_PREFIX = "gia_tri_"  # a value beside the results: gia_tri_<sub-criterion id>


def column_heading(code: str, compiled: CompiledSet, lang: str = "vi") -> str:
    """The heading in words of the table column ``code`` (a code of :meth:`Scores.table`, a column id, …)."""
    if code in UNIT_COLUMNS or code in RESULT_COLUMNS:
        return t(f"heading.{code}", lang)
    fields = {f.id: f for f in compiled.criteria_set.fields}
    if code.startswith(FIELD_PREFIX) and code.removeprefix(FIELD_PREFIX) in fields:
        field = fields[code.removeprefix(FIELD_PREFIX)]
        return t("heading.field", lang, id=field.id, name=field.label(lang))
    leaf_id = code.removeprefix(VALUE_PREFIX)
    leaf = next((c for c in compiled.columns if c.id == leaf_id), None)
    return f"{leaf.id} {leaf.label(lang)}" if leaf is not None else code


def with_headings(frame: pd.DataFrame, compiled: CompiledSet, lang: str = "vi") -> pd.DataFrame:
    """``frame`` with every column headed in words (see the module docstring); the cells are not touched."""
    return frame.rename(columns={c: column_heading(str(c), compiled, lang) for c in frame.columns})


def result_headings(compiled: CompiledSet) -> frozenset[str]:
    """Folded headings of the computed columns, in every language and as codes: the import passes over them."""
    codes = [*RESULT_COLUMNS, *(f"{FIELD_PREFIX}{f.id}" for f in compiled.criteria_set.fields)]
    words = {column_heading(code, compiled, lang) for code in codes for lang in LANGUAGES}
    return frozenset(fold(text) for text in [*codes, *words])


def with_codes(frame: pd.DataFrame, compiled: CompiledSet) -> pd.DataFrame:
    """A table headed in words (either language) with its columns named by code again, for programs that read it.

    A value column gets its sub-criterion's id; columns the set does not know keep their heading.
    """
    fields = [f"{FIELD_PREFIX}{f.id}" for f in compiled.criteria_set.fields]
    codes = [*UNIT_COLUMNS, *RESULT_COLUMNS, *fields, *compiled.column_ids]
    by_heading = {column_heading(code, compiled, lang): code for code in codes for lang in LANGUAGES}
    return frame.rename(columns=by_heading)
