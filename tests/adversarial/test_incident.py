"""An unexpected error in a page shows a short message with an incident number, logged with its traceback."""

from __future__ import annotations

import logging
import re

import pytest
from streamlit.runtime.scriptrunner_utils.exceptions import RerunException, StopException
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, signed_in_state


def broken(*args, **kwargs):
    raise RuntimeError("hỏng-kiểm-thử")


@pytest.mark.parametrize(("lang", "words"), [("vi", "lỗi ngoài dự kiến"), ("en", "unexpected error")])
def test_an_unexpected_error_shows_an_incident_number_that_is_in_the_log(monkeypatch, caplog, lang, words):
    import parindex.scoring

    monkeypatch.setattr(parindex.scoring, "grade_counts", broken)  # Tổng quan imports it on every run
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.session_state["auth"] = signed_in_state("viewer")
    at.query_params["lang"] = lang
    at.switch_page("pages/tong_quan.py")
    with caplog.at_level(logging.ERROR, logger="parindex.app"):
        at.run()
    assert not at.exception  # Streamlit's own "This app has encountered an error" is not shown
    shown = at.error[-1].value
    assert words in shown and "hỏng-kiểm-thử" not in shown and "Traceback" not in shown
    incident = re.search(r"\*\*([0-9A-F]{8})\*\*", shown).group(1)
    records = [r for r in caplog.records if r.name == "parindex.app"]
    assert len(records) == 1
    assert records[0].incident == incident and incident in records[0].getMessage()
    assert records[0].exc_info[0] is RuntimeError  # the traceback goes to the server log


def test_incident_numbers_differ():
    from ui.common import run_page

    class Page:
        url_path = "x"

        def run(self):
            raise ValueError("x")

    import streamlit as st

    shown = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(st, "error", lambda text, **_: shown.append(text))
        for _ in range(20):
            run_page(Page())
    assert len(set(shown)) == 20


@pytest.mark.parametrize("control", [RerunException(None), StopException()], ids=["rerun", "stop"])
def test_streamlit_control_flow_passes_through(control):
    from ui.common import run_page

    class Page:
        url_path = "x"

        def run(self):
            raise control

    with pytest.raises(type(control)):
        run_page(Page())
