"""The app's catalogue: shipped sets, sample datasets, previous years and imports."""

from __future__ import annotations

from parindex.catalog import Dataset, load_catalog, load_sets
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
