"""The usual path from files to results, shared by the command line and the app."""

from __future__ import annotations

from pathlib import Path

from parindex.criteria import CompiledSet, compile_set, load_criteria_set

from ._score import Scores, score
from ._table import ValueTable, read_values


def load_compiled(path: str | Path) -> CompiledSet:
    """Load, validate and compile a criteria set (raises InputError)."""
    return compile_set(load_criteria_set(path))


def score_table(compiled: CompiledSet, table: ValueTable) -> Scores:
    return score(compiled, table.values, table.units)


def score_files(rules: str | Path, data: str | Path) -> tuple[Scores, ValueTable]:
    """Criteria set file + values file → scores and the parsed table (raises InputError)."""
    compiled = load_compiled(rules)
    table = read_values(data, compiled)
    return score_table(compiled, table), table


def indicator_files(folder: str | Path) -> list[Path]:
    """The criteria-set YAML files in ``folder``, sorted by name."""
    return sorted(p for p in Path(folder).glob("*.yaml") if p.is_file())
