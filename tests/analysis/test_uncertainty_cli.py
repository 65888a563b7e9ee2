"""`python -m parindex uncertainty`: per unit median rank, 5 % and 95 % ranks, P(top K); same seed, same output."""

from __future__ import annotations

from parindex.cli import main
from parindex.scoring import score_files
from tests.conftest import DATA, INDICATORS

RULES = str(INDICATORS / "so-2025.yaml")
VALUES = str(DATA / "sample" / "so-2025-so-2026.csv")
ARGS = ["uncertainty", "--rules", RULES, "--data", VALUES, "--runs", "300", "--seed", "11", "--top", "5"]


def test_same_seed_same_output_in_vietnamese(capsys):
    assert main(ARGS) == 0
    first = capsys.readouterr().out
    assert main(ARGS) == 0
    assert capsys.readouterr().out == first
    lines = first.splitlines()
    assert lines[0].startswith("Độ bất định thứ hạng: 300 lần mô phỏng, mã mô phỏng 11 (cùng mã thì cùng kết quả).")
    for heading in ("Hạng trung vị", "Hạng 5 %", "Hạng 95 %", "Khả năng vào top 5"):
        assert heading in lines[1]
    scores, _ = score_files(RULES, VALUES)
    assert len(lines) == 2 + len(scores)
    assert all(name in first for name in scores.units["unit"])
    assert main([*ARGS[:-3], "12", "--top", "5"]) == 0
    assert capsys.readouterr().out != first


def test_english_and_sensitivity(capsys):
    assert main(["--lang", "en", *ARGS, "--sensitivity", "--weight-spread", "25"]) == 0
    out = capsys.readouterr().out
    assert "Median rank" in out and "P(top 5)" in out and "field weights ±25%" in out
    assert "Which source moves ranks most" in out
    assert "appraisal adjustments of self-assessed points: S = " in out


def test_rows_hold_ordered_ranks(capsys):
    assert main(["--lang", "en", *ARGS]) == 0
    rows = capsys.readouterr().out.splitlines()[2:]
    for row in rows:
        tokens = row.split()
        low, median, high = int(tokens[-3]), int(tokens[-4]), int(tokens[-2])
        assert 1 <= low <= median <= high <= len(rows)
        assert tokens[-1].endswith("%")


def test_bad_options_exit_2_with_a_message(capsys):
    assert main([*ARGS[:6], "0"]) == 2
    assert "--runs phải từ 1 đến 1.000.000, không phải 0" in capsys.readouterr().err
    assert main(["--lang", "en", *ARGS, "--weight-spread", "150"]) == 2
    assert "--weight-spread is not valid: 150" in capsys.readouterr().err
    assert main(["uncertainty", "--rules", RULES, "--data", "missing.csv"]) == 2
    assert "Traceback" not in capsys.readouterr().err
