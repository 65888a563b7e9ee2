"""The app's catalogue: shipped sets, sample datasets, previous years and imports."""

from __future__ import annotations

import numpy as np
import pandas as pd

from parindex.rounds import Dataset, load_catalog, load_sets
from parindex.scoring import ValueTable
from tests.conftest import DATA, INDICATORS


def test_catalog_lists_sets_and_sample_datasets():
    catalog = load_catalog(INDICATORS, DATA / "sample")
    assert {"tinh-876-2022", "so-2025", "xa-2025"} <= set(catalog.sets)
    dataset = catalog.find("so-2025", 2026, "so")
    assert dataset is not None and dataset.sample
    assert catalog.previous(dataset).year == 2025
    assert [d.year for d in catalog.history("xa")] == [2025, 2026]
    assert catalog.years("tinh-876-2022") == [2023, 2022]


def test_an_import_replaces_the_dataset_with_the_same_key():
    catalog = load_catalog(INDICATORS, DATA / "sample")
    imported = Dataset("so-2025", 2026, "so", content=b"unit\n", filename="x.csv", imported=True)
    updated = catalog.with_import(imported)
    assert updated.find("so-2025", 2026, "so") is imported
    assert catalog.find("so-2025", 2026, "so").sample  # the shared catalogue is unchanged


def test_a_broken_set_is_kept_aside_with_its_problems(tmp_path):
    (tmp_path / "good.yaml").write_text((INDICATORS / "vi-du-mau.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("id: [", encoding="utf-8")
    sets, problems = load_sets(tmp_path)
    assert list(sets) == ["vi-du-mau"] and list(problems) == ["bad.yaml"]


def test_a_round_is_the_only_source_of_its_key_shown_or_withheld():
    from parindex.rounds import Withheld

    catalog = load_catalog(INDICATORS, DATA / "sample")
    shown = Dataset("so-2025", 2025, "so", content=b"unit\n", filename="ky.csv", round_id=1, round_status="published")
    held = Withheld("so-2025", 2026, "so")
    merged = catalog.with_rounds([shown], [held])
    assert merged.find("so-2025", 2025, "so") is shown
    assert merged.find("so-2025", 2026, "so") is None  # the sample file does not stand in for the open round
    assert merged.withheld == {("so-2025", 2026, "so"): held}
    assert merged.find("xa-2025", 2026, "xa").sample  # keys without a round keep their sample
    assert 2026 in merged.years("so-2025")  # the year is still offered, with the round's explanation


def test_an_import_never_replaces_a_round_shown_or_withheld():
    from parindex.rounds import Withheld

    catalog = load_catalog(INDICATORS, DATA / "sample")
    shown = Dataset("so-2025", 2025, "so", content=b"unit\n", filename="ky.csv", round_id=1, round_status="open")
    merged = catalog.with_rounds([shown], [Withheld("so-2025", 2026, "so")])
    for year in (2025, 2026):
        upload = Dataset("so-2025", year, "so", content=b"unit\n", filename="x.csv", imported=True)
        assert not merged.takes_import("so-2025", year, "so")
        assert merged.with_import(upload) is merged
    assert merged.find("so-2025", 2025, "so") is shown and merged.find("so-2025", 2026, "so") is None
    free = Dataset("xa-2025", 2026, "xa", content=b"unit\n", filename="x.csv", imported=True)
    assert merged.with_import(free).find("xa-2025", 2026, "xa") is free
    assert merged.with_import(free).withheld == merged.withheld


def test_previous_years_and_history_skip_a_withheld_round():
    from parindex.rounds import Withheld

    catalog = load_catalog(INDICATORS, DATA / "sample")
    shown = Dataset("xa-2025", 2026, "xa", content=b"unit\n", filename="ky.csv", round_id=2, round_status="published")
    merged = catalog.with_rounds([shown], [Withheld("xa-2025", 2025, "xa")])
    assert merged.previous(shown) is None  # not the 2025 sample file, whose key belongs to an unpublished round
    assert [d.year for d in merged.history("xa")] == [2026]


def _round_table(units: list[str], cells: dict[str, list[object]]) -> ValueTable:
    frame = pd.DataFrame(cells, dtype=object)
    return ValueTable(
        units=pd.DataFrame({"unit": units, "unit_type": ["so"] * len(units)}),
        values=np.zeros((len(units), len(cells))),
        raw=frame,
        survey_missing=np.zeros(len(units), dtype=bool),
    )


def _round_digest(table: ValueTable) -> str:
    return Dataset("so-2025", 2026, "so", table=table, round_id=1).digest()


def test_a_rounds_digest_follows_every_cell_and_name_and_nothing_else():
    """The digest keys the cached scores of a round: any cell or unit that differs must change it, even when
    the texts only move between neighbouring cells; the same values read again must not."""
    base = _round_table(["Sở A", "Sở B"], {"1.1": ["có", "không"], "1.2": ["ab", ""]})
    same = _round_table(["Sở A", "Sở B"], {"1.1": ["có", "không"], "1.2": ["ab", ""]})
    assert _round_digest(base) == _round_digest(same)
    for other in (
        _round_table(["Sở A", "Sở B"], {"1.1": ["có", "có"], "1.2": ["ab", ""]}),  # one cell
        _round_table(["Sở A", "Sở C"], {"1.1": ["có", "không"], "1.2": ["ab", ""]}),  # one unit
        _round_table(["Sở A", "Sở B"], {"1.1": ["có", "không"], "1.2": ["a", "b"]}),  # text moved across cells
        _round_table(["Sở A", "Sở B"], {"1.1": ["có", "không"], "1.3": ["ab", ""]}),  # a column's id
        _round_table(["Sở A", "Sở B"], {"1.1": ["có", "không"], "1.2": ["ab", None]}),  # blank vs empty text
    ):
        assert _round_digest(other) != _round_digest(base)
