"""Every table says nothing in a language the person did not choose: Streamlit writes the English word "None" in a
cell with no value (a sub-criterion not applicable, a year without a figure) unless the table names its own
placeholder. The grid draws on a canvas, so the browser tests' search for English words cannot see it; this check
reads the scripts instead and fails on any table without one."""

from __future__ import annotations

import ast

import pytest

from tests.conftest import ROOT
from ui.markdown import NO_VALUE

SCRIPTS = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "ui").glob("*.py"))]
TABLES = {"dataframe", "data_editor"}


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_every_table_names_its_placeholder_for_a_missing_value(script):
    tree = ast.parse(script.read_text(encoding="utf-8"))
    bare = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in TABLES
        and not any(keyword.arg == "placeholder" for keyword in node.keywords)
    ]
    assert bare == [], f"{script.name}: tables that would show 'None' at lines {bare}"


def test_the_placeholder_is_no_word_of_either_language():
    assert NO_VALUE == "—"
