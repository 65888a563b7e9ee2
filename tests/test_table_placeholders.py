"""Every table says nothing in a language the person did not choose: Streamlit writes the English word "None" in a
cell with no value (a sub-criterion not applicable, a year without a figure) unless the table names its own
placeholder. The grid draws on a canvas, so the browser tests' search for English words cannot see it; this check
reads the scripts instead and fails on any table without one."""

from __future__ import annotations

import pytest

from tests.conftest import APP_SCRIPTS, calls_without
from ui.markdown import NO_VALUE

TABLES = {"dataframe", "data_editor"}


@pytest.mark.parametrize("script", APP_SCRIPTS, ids=lambda path: path.name)
def test_every_table_names_its_placeholder_for_a_missing_value(script):
    bare = calls_without(script, TABLES, "placeholder")
    assert bare == [], f"{script.name}: tables that would show 'None' at lines {bare}"


def test_the_placeholder_is_no_word_of_either_language():
    assert NO_VALUE == "—"
