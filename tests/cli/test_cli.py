"""The command line: exit codes, FILE:LINE messages, output files written whole or not at all."""

from __future__ import annotations

import json
import subprocess
import sys

import openpyxl
import pandas as pd
import pytest

from parindex.cli import build_parser, main
from tests.conftest import DATA, INDICATORS, ROOT

RULES = str(INDICATORS / "vi-du-mau.yaml")
VALUES = str(DATA / "vi-du-mau.csv")


def test_validate_ok(capsys):
    assert main(["validate", RULES]) == 0
    out = capsys.readouterr().out
    assert "2 lĩnh vực, 3 tiêu chí, 6 tiêu chí thành phần" in out


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("vi", "kỳ đánh giá năm 2025 đã công bố; phải mở lại (có lý do) mới sửa được\n"),
        ("en", "the 2025 round is published; reopen it (with a reason) to change it\n"),
    ],
)
def test_a_refusal_from_any_command_is_said_in_the_chosen_language_with_exit_code_2(monkeypatch, capsys, lang, said):
    from parindex.cli import _main
    from parindex.rounds import RoundError

    def refuse(args, lang):
        raise RoundError("published", year=2025)

    monkeypatch.setitem(_main.COMMANDS, "validate", refuse)
    assert main(["--lang", lang, "validate", RULES]) == 2
    assert capsys.readouterr().err == said


def test_validate_reports_file_and_line(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    text = (INDICATORS / "vi-du-mau.yaml").read_text(encoding="utf-8").replace("ties: standard", "tie: standard")
    bad.write_text(text, encoding="utf-8")
    assert main(["--lang", "en", "validate", str(bad)]) == 2
    err = capsys.readouterr().err
    line = next(i for i, s in enumerate(text.splitlines(), 1) if s.startswith("tie:"))
    assert err.startswith(f"bad.yaml:{line}: tie: unknown key 'tie'")
    assert "Traceback" not in err


def test_score_to_stdout(capsys):
    assert main(["score", "--rules", RULES, "--data", VALUES]) == 0
    out = capsys.readouterr().out
    header = out.splitlines()[0].split(",")
    assert header[:2] == ["Đơn vị", "Loại đơn vị"]  # words for officials, not unit, unit_type, index_pct
    assert {"Tổng điểm", "Chỉ số (%)", "Hạng", "Xếp loại", "Lĩnh vực 1: Cải cách thủ tục hành chính (điểm)"} <= set(
        header
    )
    assert "Sở Tư pháp,so,9.7965,6.4,12.7965,3.4,2.0,1.0,17.1965,20.0,85.98,3,Tốt" in out


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".json"])
def test_score_to_file(tmp_path, suffix):
    out = tmp_path / f"result{suffix}"
    assert main(["score", "--rules", RULES, "--data", VALUES, "--out", str(out)]) == 0
    if suffix == ".csv":
        frame = pd.read_csv(out, encoding="utf-8-sig")
    elif suffix == ".xlsx":
        frame = pd.read_excel(out)
    else:  # read by programs: the codes
        frame = pd.DataFrame(json.loads(out.read_text(encoding="utf-8")))
        frame = frame.rename(columns={"unit": "Đơn vị", "index_pct": "Chỉ số (%)", "rank": "Hạng"})
    assert frame.loc[frame["Đơn vị"] == "Sở Y tế", "Chỉ số (%)"].item() == pytest.approx(98.33)
    assert frame["Hạng"].tolist() == [1, 2, 3, 4]


def test_bad_data_exits_2_and_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text((DATA / "vi-du-mau.csv").read_text(encoding="utf-8").replace("100%", "hundred"), encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["score", "--rules", RULES, "--data", str(bad), "--out", str(out)]) == 2
    assert not out.exists() and list(tmp_path.iterdir()) == [bad]
    assert "bad.csv: dòng 4, cột 1.1.1: 'hundred' không phải là số" in capsys.readouterr().err


def test_explain(capsys):
    assert main(["explain", "--rules", RULES, "--data", VALUES, "--unit", "Sở Tư pháp"]) == 0
    out = capsys.readouterr().out
    assert "Sở Tư pháp: chỉ số 85,98 %, 17,1965/20 điểm, hạng 3/4, xếp loại Tốt" in out
    assert "Từ 100 % trở lên: 2 điểm; từ 95 % đến dưới 100 %: 1 điểm; dưới 95 %: 0 điểm" in out  # 1.1.1, max 2
    assert "từ 95 % đến dưới 100 %: 1 điểm" in out.splitlines()[3]  # the band 99,7 % fell in


def test_explain_unknown_unit(capsys):
    assert main(["--lang", "en", "explain", "--rules", RULES, "--data", VALUES, "--unit", "Sở Tu phap"]) == 2
    assert "Close matches: Sở Tư pháp" in capsys.readouterr().err


def test_module_entry_point_runs():
    result = subprocess.run(
        [sys.executable, "-m", "parindex", "--lang", "en", "validate", RULES],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0 and "valid" in result.stdout


def test_xlsx_output_neutralises_formulas(tmp_path):
    data = tmp_path / "values.csv"
    data.write_text(
        (DATA / "vi-du-mau.csv").read_text(encoding="utf-8").replace("Sở Xây dựng", "=HYPERLINK(1)"), encoding="utf-8"
    )
    out = tmp_path / "out.xlsx"
    assert main(["score", "--rules", RULES, "--data", str(data), "--out", str(out)]) == 0
    values = [c.value for row in openpyxl.load_workbook(out).active.iter_rows() for c in row]
    assert "'=HYPERLINK(1)" in values and "=HYPERLINK(1)" not in values


def test_plan_command_prints_a_checklist_or_exits_3(capsys):
    sample = str(DATA / "sample" / "so-2025-so-2026.csv")
    rules = str(INDICATORS / "so-2025.yaml")
    assert main(["plan", "--rules", rules, "--data", sample, "--unit", "Sở Tư pháp", "--target-rank", "5"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Đạt hạng 5") and "  [ ] " in out and "Tổng nỗ lực" in out
    assert (
        main(
            ["plan", "--rules", rules, "--data", sample, "--unit", "Sở Tư pháp", "--target-rank", "1", "--budget", "1"]
        )
        == 3
    )
    assert "Không đạt hạng 1" in capsys.readouterr().out


SO_RULES = str(INDICATORS / "so-2025.yaml")
SO_VALUES = str(DATA / "sample" / "so-2025-so-2026.csv")


def test_report_annex_xlsx_and_unit_pdf(tmp_path, capsys):
    out = tmp_path / "phu-luc.xlsx"
    assert main(["report", "annex", "--rules", SO_RULES, "--data", SO_VALUES, "--out", str(out)]) == 0
    sheet = openpyxl.load_workbook(out).active
    assert sheet["A11"].value == 1 and sheet["A5"].value == "PHỤ LỤC"
    pdf = tmp_path / "don-vi.pdf"
    args = ["report", "unit", "--rules", SO_RULES, "--data", SO_VALUES, "--unit", "Sở Tư pháp", "--target-rank", "3"]
    assert main([*args, "--out", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "Đã ghi" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["brief", "--unit", "Sở Tư pháp", "--out", "x.xlsx"], "phải có đuôi .pdf"),
        (["unit", "--out", "x.pdf"], "cần --unit"),
        (["brief", "--unit", "Sở Tư phap", "--out", "x.pdf"], "Gần giống: Sở Tư pháp"),
        (["unit", "--unit", "Sở Tư pháp", "--target-rank", "0", "--out", "x.pdf"], "từ 1 trở lên"),
    ],
)
def test_report_bad_input_exits_2_without_a_file(tmp_path, capsys, monkeypatch, extra, message):
    monkeypatch.chdir(tmp_path)
    kind, *rest = extra
    assert main(["report", kind, "--rules", SO_RULES, "--data", SO_VALUES, *rest]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not list(tmp_path.iterdir())


def test_report_from_a_round(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PARINDEX_DATABASE_URL", f"sqlite:///{tmp_path / 'rounds.db'}")
    monkeypatch.setenv("PARINDEX_CONFIG", str(ROOT / "config.yaml"))
    assert main(["db", "upgrade", "--seed"]) == 0
    out = tmp_path / "r.pdf"
    assert main(["report", "unit", "--round-year", "2026", "--unit", "Sở Tư pháp", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert main(["report", "annex", "--round-year", "1999", "--out", str(tmp_path / "a.pdf")]) == 2
    assert "không có kỳ đánh giá năm 1999" in capsys.readouterr().err


def test_help_is_in_vietnamese_and_complete(capsys):
    """Every command and every argument has its Vietnamese help (a new one without it fails here)."""
    from parindex.cli import missing_vietnamese

    assert missing_vietnamese(build_parser()) == []
    with pytest.raises(SystemExit) as done:
        main(["report", "--help"])
    assert done.value.code == 0
    out = " ".join(capsys.readouterr().out.split())  # argparse wraps lines to the terminal's width
    assert out.startswith("Cách dùng: parindex report")
    assert "tệp kết quả: .pdf (mọi báo cáo), .xlsx hoặc .docx (phụ lục)" in out and "in hướng dẫn này rồi thoát" in out
    assert "show this help" not in out and "usage:" not in out
    with pytest.raises(SystemExit):
        main(["--lang", "en", "report", "--help"])
    assert "output file: .pdf (any report)" in " ".join(capsys.readouterr().out.split())


def test_argument_errors_in_vietnamese(capsys):
    with pytest.raises(SystemExit) as done:
        main(["explain", "--rules", "x.yaml", "--data", "y.csv"])
    assert done.value.code == 2
    assert "parindex explain: lỗi: thiếu tham số bắt buộc: --unit" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["report", "pdf", "--out", "x.pdf"])
    assert "không có lựa chọn 'pdf'" in capsys.readouterr().err
