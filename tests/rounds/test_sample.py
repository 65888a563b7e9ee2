"""Sample data: generated from a seed, reproducible, labelled as sample, and valid."""

from __future__ import annotations

import filecmp

import yaml

from parindex.rounds import write_sample_data
from parindex.scoring import score_files
from tests.conftest import DATA, INDICATORS

SAMPLE = DATA / "sample"


def test_regenerating_gives_the_committed_files(tmp_path):
    written = write_sample_data(INDICATORS, tmp_path, seed=2025)
    for path in written:
        assert filecmp.cmp(path, SAMPLE / path.name, shallow=False), f"{path.name} differs from the committed sample"


def test_manifest_labels_everything_as_sample():
    manifest = yaml.safe_load((SAMPLE / "manifest.yaml").read_text(encoding="utf-8"))
    assert manifest["sample"] is True
    assert all(entry["sample"] is True for entry in manifest["datasets"])
    assert {e["unit_type"] for e in manifest["datasets"]} == {"so", "xa"}


def test_every_sample_file_scores():
    manifest = yaml.safe_load((SAMPLE / "manifest.yaml").read_text(encoding="utf-8"))
    for entry in manifest["datasets"]:
        scores, _ = score_files(INDICATORS / entry["rules"], SAMPLE / entry["file"])
        assert len(scores) == entry["units"] >= 20
        assert scores.rank.min() == 1
        assert 40 < float(scores.index.mean()) < 95
