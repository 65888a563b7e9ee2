"""Bad input on the command line: a message naming the file/option (vi, and en with --lang en), exit 2, no file.

Cases marked "held" already gave a clear message before issue 17 and are asserted again here; the
others used to end in a traceback (``--out`` a folder, a full disk), a silent wrong (``--budget nan``),
or a change that must not happen (disabling the last administrator).
"""

from __future__ import annotations

import errno
import io
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from parindex.cli import main
from tests.conftest import DATA, INDICATORS

RULES = str(INDICATORS / "so-2025.yaml")
VALUES = str(DATA / "sample" / "so-2025-so-2026.csv")
UNIT = "Sở Nội vụ"
SCORE = ["score", "--rules", RULES, "--data", VALUES]


def _fifo(folder: Path) -> Path:
    path = folder / "ket-qua.csv"
    os.mkfifo(path)
    return path


def _values_with_unit(folder: Path, name: str) -> Path:
    lines = Path(VALUES).read_text(encoding="utf-8-sig").splitlines()
    first = lines[1].split(",", 1)
    lines[1] = f'"{name}",{first[1]}'
    path = folder / "gia-tri.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _latin1(folder: Path) -> Path:
    path = folder / "bo.yaml"
    path.write_bytes("id: thé\n".encode("latin-1"))
    return path


# kind: (arguments built from a scratch folder, text expected in stderr (vi))
CASES: dict[str, tuple[Callable[[Path], list[str]], str]] = {
    "score --out a folder": (lambda d: [*SCORE, "--out", str(d)], "đây là một thư mục"),
    "score --out a named pipe": (lambda d: [*SCORE, "--out", str(_fifo(d))], "không ghi đè tệp đặc biệt"),
    "score --out under /proc": (lambda d: [*SCORE, "--out", "/proc/ket-qua.csv"], "không ghi đè tệp đặc biệt"),
    "score --out under a file": (
        lambda d: [*SCORE, "--out", str(_touch(d / "tep.txt") / "ket-qua.csv")],
        "không ghi được tệp",
    ),
    "report --out a folder": (
        lambda d: ["report", "annex", "--rules", RULES, "--data", VALUES, "--out", str(_mkdir(d / "x.pdf"))],
        "đây là một thư mục",
    ),
    "report --out .odt (held)": (  # the annex is written as .pdf, .xlsx or .docx; nothing else
        lambda d: ["report", "annex", "--rules", RULES, "--data", VALUES, "--out", str(d / "x.odt")],
        ".pdf, .xlsx, .docx",
    ),
    "report unit --out .docx": (  # only the annex has a Word form
        lambda d: [
            "report",
            "unit",
            "--rules",
            RULES,
            "--data",
            VALUES,
            "--unit",
            "Sở Tư pháp",
            "--out",
            str(d / "x.docx"),
        ],
        ".pdf",
    ),
    "report unit without --unit (held)": (
        lambda d: ["report", "unit", "--rules", RULES, "--data", VALUES, "--out", str(d / "x.pdf")],
        "--unit",
    ),
    "report brief --national-index nan": (
        lambda d: [
            "report",
            "brief",
            "--rules",
            RULES,
            "--data",
            VALUES,
            "--unit",
            UNIT,
            "--national-index",
            "nan",
            "--out",
            str(d / "x.pdf"),
        ],
        "--national-index = nan: phải là một số từ 0 đến 100",
    ),
    "report brief --national-index -50": (
        lambda d: [
            "report",
            "brief",
            "--rules",
            RULES,
            "--data",
            VALUES,
            "--unit",
            UNIT,
            "--national-index",
            "-50",
            "--out",
            str(d / "x.pdf"),
        ],
        "--national-index = -50",
    ),
    "report brief --national-index 150": (
        lambda d: [
            "report",
            "brief",
            "--rules",
            RULES,
            "--data",
            VALUES,
            "--unit",
            UNIT,
            "--national-index",
            "150",
            "--out",
            str(d / "x.pdf"),
        ],
        "--national-index = 150",
    ),
    "report unit --target-rank 0": (
        lambda d: [
            "report",
            "unit",
            "--rules",
            RULES,
            "--data",
            VALUES,
            "--unit",
            UNIT,
            "--target-rank",
            "0",
            "--out",
            str(d / "x.pdf"),
        ],
        "--target-rank = 0: phải là một số nguyên từ 1 trở lên",
    ),
    "plan --budget nan": (
        lambda d: ["plan", "--rules", RULES, "--data", VALUES, "--unit", UNIT, "--target-rank", "1", "--budget", "nan"],
        "--budget = nan: phải là một số từ 0 trở lên",
    ),
    "plan --budget inf": (
        lambda d: ["plan", "--rules", RULES, "--data", VALUES, "--unit", UNIT, "--target-rank", "1", "--budget", "inf"],
        "--budget = inf",
    ),
    "plan --budget -50": (
        lambda d: ["plan", "--rules", RULES, "--data", VALUES, "--unit", UNIT, "--target-rank", "1", "--budget", "-50"],
        "--budget = -50",
    ),
    "plan --target-rank -3": (
        lambda d: ["plan", "--rules", RULES, "--data", VALUES, "--unit", UNIT, "--target-rank", "-3"],
        "--target-rank = -3",
    ),
    "plan an unknown unit (held)": (
        lambda d: ["plan", "--rules", RULES, "--data", VALUES, "--unit", "Sở Không Có", "--target-rank", "1"],
        "Sở Không Có",
    ),
    "explain an SQL string as the unit (held)": (
        lambda d: ["explain", "--rules", RULES, "--data", VALUES, "--unit", "x'; DROP TABLE units; --"],
        "DROP TABLE",
    ),
    "whatif --set without '=' (held)": (
        lambda d: ["whatif", "--rules", RULES, "--data", VALUES, "--unit", UNIT, "--set", "1.1.1"],
        "1.1.1",
    ),
    "uncertainty --runs 0 (held)": (
        lambda d: ["uncertainty", "--rules", RULES, "--data", VALUES, "--runs", "0"],
        "--runs",
    ),
    "uncertainty --weight-spread nan (held)": (
        lambda d: ["uncertainty", "--rules", RULES, "--data", VALUES, "--weight-spread", "nan"],
        "--weight-spread",
    ),
    "validate a missing file (held)": (lambda d: ["validate", str(d / "khong-co.yaml")], "không đọc được tệp"),
    "validate a non-UTF-8 file (held)": (lambda d: ["validate", str(_latin1(d))], "không ở mã UTF-8"),
    "score a missing values file (held)": (
        lambda d: ["score", "--rules", RULES, "--data", str(d / "khong-co.csv")],
        "không đọc được tệp",
    ),
    "sample --out onto a file": (
        lambda d: ["sample", "--indicators", str(INDICATORS), "--out", str(_touch(d / "mau.txt"))],
        "không dùng được tệp hoặc thư mục",
    ),
    "score a unit name with a control character": (
        lambda d: ["score", "--rules", RULES, "--data", str(_values_with_unit(d, "Sở\x01 Nội vụ"))],
        "gia-tri.csv: dòng 2, cột unit: có ký tự điều khiển không hợp lệ (U+0001)",
    ),
    "score a unit name of 303 characters": (
        lambda d: ["score", "--rules", RULES, "--data", str(_values_with_unit(d, "S" * 303))],
        "gia-tri.csv: dòng 2, cột unit: dài 303 ký tự, tối đa 200",
    ),
}


def _touch(path: Path) -> Path:
    path.write_text("x", encoding="utf-8")
    return path


def _mkdir(path: Path) -> Path:
    path.mkdir()
    return path


def _listing(folder: Path) -> list[tuple[str, int]]:
    return sorted((str(p.relative_to(folder)), p.stat().st_size if p.is_file() else -1) for p in folder.rglob("*"))


@pytest.mark.parametrize("kind", list(CASES))
def test_bad_command_line_input(kind, tmp_path, capsys):
    arguments, expected = CASES[kind]
    argv = arguments(tmp_path)
    before = _listing(tmp_path)
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert expected in captured.err, captured.err
    assert captured.out == "" or kind.startswith("explain")
    assert _listing(tmp_path) == before  # nothing written, no temporary file left
    assert main(["--lang", "en", *argv]) == 2
    english = capsys.readouterr().err
    assert english and english != captured.err


class _FullDisk(io.RawIOBase):
    """A stream on a disk with no room left: every write fails with ENOSPC."""

    def __init__(self, descriptor: int, *_args, **_kwargs):
        self.descriptor = descriptor

    def writable(self) -> bool:
        return True

    def write(self, _data) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def close(self) -> None:
        if not self.closed:
            os.close(self.descriptor)
        super().close()


@pytest.mark.parametrize(
    "argv",
    [
        [*SCORE, "--out", "{out}/ket-qua.xlsx"],
        ["report", "annex", "--rules", RULES, "--data", VALUES, "--out", "{out}/phu-luc.pdf"],
        ["report", "unit", "--rules", RULES, "--data", VALUES, "--unit", UNIT, "--out", "{out}/don-vi.pdf"],
    ],
    ids=["score --out on a full disk", "report annex on a full disk", "report unit on a full disk"],
)
def test_a_full_disk_leaves_no_file(argv, tmp_path, monkeypatch, capsys):
    old = tmp_path / "ket-qua.xlsx"
    old.write_bytes(b"the previous result")  # an earlier output of the same name stays as it was
    monkeypatch.setattr("parindex.files._export.os.fdopen", _FullDisk)
    assert main([part.replace("{out}", str(tmp_path)) for part in argv]) == 2
    assert "đĩa đã đầy; không có tệp nào bị ghi dở" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["ket-qua.xlsx"] and old.read_bytes() == b"the previous result"


USERS: dict[str, tuple[list[str], str]] = {
    "disable the last administrator": (["users", "disable", "--username", "quantri"], "quản trị cuối cùng"),
    "demote is impossible from the command line; disable an unknown account": (
        ["users", "disable", "--username", "khong.co"],
        "khong.co",
    ),
    "an SQL string as a new user name": (
        ["users", "add", "--username", "x' OR '1'='1", "--role", "viewer", "--no-password", "--sso-email", "a@b.vn"],
        "",
    ),
    "a NUL byte in a new user name": (
        ["users", "add", "--username", "an\x00", "--role", "viewer", "--no-password", "--sso-email", "a@b.vn"],
        "",
    ),
    "a display name with a control character": (
        [
            "users",
            "add",
            "--username",
            "an.nguyen",
            "--role",
            "viewer",
            "--no-password",
            "--sso-email",
            "a@b.vn",
            "--display-name",
            "An\x1b[2J",
        ],
        "U+001B",
    ),
    "an officer for a unit that does not exist": (
        [
            "users",
            "add",
            "--username",
            "an.nguyen",
            "--role",
            "unit_officer",
            "--unit",
            "Sở Không Có",
            "--no-password",
            "--sso-email",
            "a@b.vn",
        ],
        "",
    ),
}


@pytest.fixture
def server(tmp_path, monkeypatch):
    """A server database with one administrator, made through the command line."""
    from parindex import db

    url = f"sqlite:///{tmp_path / 'srv.db'}"
    monkeypatch.setenv("PARINDEX_DATABASE_URL", url)
    monkeypatch.setattr("sys.stdin", io.StringIO("mat-khau-quan-tri-2026\n"))
    assert main(["users", "add", "--username", "quantri", "--role", "admin", "--password-stdin"]) == 0
    return db.make_engine(url)


@pytest.mark.parametrize("kind", list(USERS))
def test_bad_account_commands(kind, server, capsys):
    from tests.adversarial.test_restore import fingerprint

    argv, expected = USERS[kind]
    capsys.readouterr()
    path = Path(server.url.database)
    before = fingerprint(path)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err and expected in err and "Traceback" not in err
    assert fingerprint(path) == before
