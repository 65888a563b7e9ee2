"""Every file a command reads is read through its limit: an endless source (``/dev/zero``) is refused at the limit
with the limit's message, never read until memory runs out.

Each command runs in its own process with its address space capped at 1,5 GB, so a regression ends in a failed
assertion (a MemoryError), not a machine out of memory.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys

import pytest

from tests.conftest import ROOT

CAP = 1536 * 1024 * 1024


def capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))


@pytest.mark.parametrize(
    "arguments",
    [
        ["validate", "/dev/zero"],
        ["criteria", "import", "/dev/zero", "--out", "{out}"],
        ["national-rank", "--year", "2023", "--index", "85", "--table", "/dev/zero"],
    ],
    ids=["validate", "criteria-import", "national-rank-table"],
)
def test_an_endless_file_argument_is_refused_at_its_limit(arguments, tmp_path):
    command = [sys.executable, "-m", "parindex", *(a.format(out=tmp_path / "bo.yaml") for a in arguments)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, preexec_fn=capped)
    said = done.stdout + done.stderr
    assert done.returncode == 2, said[-2000:]
    assert "vượt giới hạn" in said and "đã dừng đọc ở đó" in said and "Traceback" not in said


def test_a_password_from_an_endless_standard_input_is_read_no_further_than_a_password_can_be_long(tmp_path):
    command = [sys.executable, "-m", "parindex", "users", "add", "--username", "thu.dai", "--role", "viewer"]
    env = {**os.environ, "PARINDEX_DATABASE_URL": f"sqlite:///{tmp_path / 'users.db'}"}
    with open("/dev/zero", "rb") as endless:
        done = subprocess.run(
            [*command, "--password-stdin"],
            cwd=ROOT,
            stdin=endless,
            capture_output=True,
            text=True,
            timeout=120,
            preexec_fn=capped,
            env=env,
        )
    said = done.stdout + done.stderr
    assert done.returncode == 2 and "Mật khẩu dài quá 256 ký tự" in said and "Traceback" not in said, said[-2000:]
