"""What the app can show: the criteria sets in ``indicators/`` and the datasets scored with them.

A dataset is one values file for one criteria set, year and unit type. Shipped sample datasets are
listed in ``data/sample/manifest.yaml`` (and carry ``sample: true`` so every view can label them);
datasets a user imports are added at run time. A round's dataset carries the round's checked values
table instead of a file. Lookups are by (set id, year, unit type), the three
choices the sidebar offers and the URL keeps.

A scoring round in the database is the only source for its key: once a round exists for (set, year,
unit type), no sample file and no file uploaded in the browser stands in for it. A round the signed-in
person may not read yet (not published, and no right to read unpublished rounds) is *withheld*: the
catalog keeps only a :class:`Withheld` note for its key, so every page can say why it shows no figure.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd
import yaml

from parindex.criteria import CompiledSet
from parindex.errors import InputError
from parindex.scoring import ValueTable, indicator_files, load_compiled, read_values


@dataclass(frozen=True)
class Dataset:
    """One values file: which set scores it, for which year and unit type, and where it came from."""

    set_id: str
    year: int
    unit_type: str
    path: Path | None = None  # a file on disk (sample); imported data lives in memory
    content: bytes | None = None
    filename: str = ""
    sample: bool = False
    imported: bool = False
    round_id: int | None = None  # a scoring round in the database
    round_status: str = ""  # open | published
    set_yaml: str | None = None  # the round's frozen criteria set (scores use it, not today's file)
    table: ValueTable | None = field(default=None, compare=False, repr=False)  # a round's checked values
    fingerprint: str | None = field(default=None, compare=False)  # the table's, from the reader that read it

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.set_id, self.year, self.unit_type)

    def read_bytes(self) -> bytes:
        if self.content is not None:
            return self.content
        assert self.path is not None
        return self.path.read_bytes()

    def values(self, compiled: CompiledSet) -> ValueTable:
        """The checked values: a round's table as the round gave it, or the file read by ``compiled``'s rules."""
        if self.table is not None:
            return self.table
        return read_values(self.read_bytes(), compiled, self.filename)

    def digest(self) -> str:
        """A fingerprint of the values, the key of anything computed from them: the file's bytes, or the table
        (the reader's own fingerprint of it where a :class:`parindex.rounds.RoundReader` read it)."""
        if self.fingerprint is not None:
            return self.fingerprint
        if self.table is None:
            return hashlib.sha256(self.read_bytes()).hexdigest()
        return self._table_digest

    @cached_property
    def _table_digest(self) -> str:
        """A round's table does not change once read, so it is hashed once. Each column's cells go in as one JSON
        list (unambiguous whatever a cell holds): about 2 ms for a round of 20 units × 96 columns, where pandas'
        per-column hashing took about 20, which every save paid once more for the unit's result line."""
        found = hashlib.sha256()
        cells = pd.concat([self.table.units, self.table.raw], axis=1)
        columns = [[str(name) for name in cells.columns], *(cells[name].tolist() for name in cells.columns)]
        found.update(json.dumps(columns, ensure_ascii=False, default=str).encode("utf-8", "surrogatepass"))
        found.update(self.table.values.tobytes())
        found.update(self.table.survey_missing.tobytes())
        return found.hexdigest()


@dataclass(frozen=True)
class Withheld:
    """A round key that shows no figure: ``reason`` is ``unpublished`` (not for this role yet) or ``pending``
    (the round cannot be scored yet, e.g. cells still blank)."""

    set_id: str
    year: int
    unit_type: str
    reason: str = "unpublished"

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.set_id, self.year, self.unit_type)


@dataclass
class Catalog:
    """The criteria sets by id and the datasets, newest import first for the same key."""

    sets: dict[str, CompiledSet]
    set_problems: dict[str, InputError] = field(default_factory=dict)
    datasets: list[Dataset] = field(default_factory=list)
    province: str = ""
    province_en: str = ""
    withheld: dict[tuple[str, int, str], Withheld] = field(default_factory=dict)

    def find(self, set_id: str, year: int, unit_type: str) -> Dataset | None:
        for dataset in self.datasets:
            if dataset.key == (set_id, year, unit_type):
                return dataset
        return None

    def years(self, set_id: str) -> list[int]:
        """Years of the set's own span plus any year that has data, newest first."""
        years = set(self.sets[set_id].criteria_set.years) if set_id in self.sets else set()
        years |= {d.year for d in self.datasets if d.set_id == set_id}
        return sorted(years, reverse=True)

    def previous(self, dataset: Dataset) -> Dataset | None:
        """The closest earlier year with data for the same unit type (any criteria set)."""
        earlier = [d for d in self.datasets if d.unit_type == dataset.unit_type and d.year < dataset.year]
        return max(earlier, key=lambda d: (d.year, d.set_id == dataset.set_id), default=None)

    def history(self, unit_type: str) -> list[Dataset]:
        """Every year with data for a unit type, oldest first (one dataset per year)."""
        by_year: dict[int, Dataset] = {}
        for dataset in self.datasets:
            if dataset.unit_type == unit_type and dataset.year not in by_year:
                by_year[dataset.year] = dataset
        return [by_year[y] for y in sorted(by_year)]

    def round_keys(self) -> set[tuple[str, int, str]]:
        """Every key a round owns: the rounds shown and the rounds withheld."""
        return {d.key for d in self.datasets if d.round_id is not None} | set(self.withheld)

    def with_rounds(self, rounds: list[Dataset], withheld: Iterable[Withheld] = ()) -> Catalog:
        """Rounds are the only source of their keys: every other dataset for a round's key goes, shown or withheld."""
        notes = {**self.withheld, **{w.key: w for w in withheld}}
        taken = {d.key for d in rounds} | set(notes)
        kept = [d for d in self.datasets if d.key not in taken]
        return Catalog(self.sets, self.set_problems, [*rounds, *kept], self.province, self.province_en, notes)

    def takes_import(self, set_id: str, year: int, unit_type: str) -> bool:
        """Whether an uploaded file may stand for this key: never where a round exists (values go into the round)."""
        return (set_id, year, unit_type) not in self.round_keys()

    def with_import(self, dataset: Dataset) -> Catalog:
        """A new catalog where ``dataset`` replaces any dataset with the same key, unless a round owns the key.

        An upload for a round's key changes nothing: the round (or its withheld note) stays the source.
        """
        if not self.takes_import(*dataset.key):
            return self
        kept = [d for d in self.datasets if d.key != dataset.key]
        return Catalog(self.sets, self.set_problems, [dataset, *kept], self.province, self.province_en, self.withheld)


def load_sets(indicators: Path) -> tuple[dict[str, CompiledSet], dict[str, InputError]]:
    """Compile every YAML in ``indicators``; a broken file is kept aside with its problems."""
    sets: dict[str, CompiledSet] = {}
    problems: dict[str, InputError] = {}
    for path in indicator_files(indicators):
        try:
            compiled = load_compiled(path)
        except InputError as error:
            problems[path.name] = error
            continue
        sets[compiled.criteria_set.id] = compiled
    return sets, problems


def load_catalog(indicators: Path, sample_dir: Path) -> Catalog:
    """Criteria sets plus the sample datasets listed in the sample manifest (if any)."""
    sets, problems = load_sets(indicators)
    manifest_path = sample_dir / "manifest.yaml"
    datasets: list[Dataset] = []
    province = province_en = ""
    if manifest_path.exists():
        manifest = yaml.safe_load(manifest_path.read_text(encoding="utf-8")) or {}
        province, province_en = manifest.get("province", ""), manifest.get("province_en", "")
        rules_ids = {cs.criteria_set.file: set_id for set_id, cs in sets.items()}
        for entry in manifest.get("datasets", []):
            set_id = rules_ids.get(entry["rules"])
            if set_id is None:
                continue
            datasets.append(
                Dataset(
                    set_id=set_id,
                    year=int(entry["year"]),
                    unit_type=str(entry["unit_type"]),
                    path=sample_dir / entry["file"],
                    filename=entry["file"],
                    sample=bool(entry.get("sample", True)),
                )
            )
    return Catalog(sets=sets, set_problems=problems, datasets=datasets, province=province, province_en=province_en)
