"""The core package never imports streamlit, so every rule is testable and reusable without the UI."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_core_imports_without_streamlit():
    modules = sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for p in (ROOT / "parindex").rglob("*.py")
        if p.stem != "__main__" and "migrations" not in p.parts
    )
    assert len(modules) > 70  # every module of every sub-package
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print('streamlit' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == "False"


def test_core_source_never_mentions_streamlit_imports():
    for path in (ROOT / "parindex").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import streamlit" not in text and "from streamlit" not in text, path
