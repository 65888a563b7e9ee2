"""The core package never imports streamlit, so every rule is testable and reusable without the UI."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_core_imports_without_streamlit():
    modules = sorted(p.stem for p in (ROOT / "parindex").glob("*.py") if p.stem != "__main__")
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module('parindex.' + name)\n"
        "print('streamlit' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == "False"


def test_core_source_never_mentions_streamlit_imports():
    for path in (ROOT / "parindex").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import streamlit" not in text and "from streamlit" not in text, path
