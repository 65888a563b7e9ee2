"""An unexpected error in a page shows a short message with an incident number, logged with its traceback."""

from __future__ import annotations

import logging
import re

import pytest
from streamlit.runtime.scriptrunner_utils.exceptions import RerunException, StopException
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, create_accounts, signed_in_state


@pytest.fixture(scope="module", autouse=True)
def new_database(tmp_path_factory):
    """The app's database as a new server has it before any round (the accounts only: the overview shows the
    sample files, and runs the scoring these tests break), whatever other tests in this process saved in theirs."""
    from ui import resources

    url = f"sqlite:///{tmp_path_factory.mktemp('incident') / 'app.db'}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PARINDEX_DATABASE_URL", url)
        create_accounts(url)
        resources.engine.clear()
        yield url
    resources.engine.clear()


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
    from ui.running import run_page

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
    from ui.running import run_page

    class Page:
        url_path = "x"

        def run(self):
            raise control

    with pytest.raises(type(control)):
        run_page(Page())


def refusing(error: Exception):
    def refuse(*args, **kwargs):
        raise error

    return refuse


def overview(lang: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.session_state["auth"] = signed_in_state("viewer")
    at.query_params["lang"] = lang
    at.switch_page("pages/tong_quan.py")
    return at


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_refusal_the_page_does_not_catch_shows_its_own_sentence_once_as_text(monkeypatch, caplog, lang):
    import parindex.scoring
    from parindex.rounds import RoundError

    refusal = RoundError("unknown_leaf", id="[x](http://ngoai.vn) **9**")
    monkeypatch.setattr(parindex.scoring, "grade_counts", refusing(refusal))
    at = overview(lang)
    with caplog.at_level(logging.ERROR, logger="parindex.app"):
        at.run()
    assert not at.exception
    sentence = {
        "vi": "không có tiêu chí '{id}' trong bộ tiêu chí của kỳ này",
        "en": "no criterion '{id}' in this round's set",
    }
    escaped = "\\[x\\](http\\:\u2060//ngoai.vn) \\*\\*9\\*\\*"  # the link and bold marks typed stay text
    assert [error.value for error in at.error] == [sentence[lang].format(id=escaped)]
    assert not [r for r in caplog.records if r.name == "parindex.app"]  # a refusal is no incident


@pytest.mark.parametrize(
    ("raised", "shown"),
    [
        (RuntimeError("hỏng-kiểm-thử"), "lỗi ngoài dự kiến"),
        (PermissionError("hỏng-kiểm-thử"), "lỗi ngoài dự kiến"),
    ],
    ids=["runtime", "os"],
)
def test_an_unexpected_error_in_app_py_before_the_page_gets_an_incident_number(monkeypatch, caplog, raised, shown):
    import ui.common

    monkeypatch.setattr(ui.common, "catalog", refusing(raised))  # app.py reads it for the sidebar, before the page
    at = overview("vi")
    with caplog.at_level(logging.ERROR, logger="parindex.app"):
        at.run()
    assert not at.exception  # no English box from Streamlit
    assert len(at.error) == 1 and shown in at.error[0].value and "hỏng-kiểm-thử" not in at.error[0].value
    incident = re.search(r"\*\*([0-9A-F]{8})\*\*", at.error[0].value).group(1)
    records = [r for r in caplog.records if r.name == "parindex.app"]
    assert len(records) == 1 and records[0].incident == incident and records[0].exc_info[0] is type(raised)


def test_a_refusal_in_app_py_before_the_page_shows_its_sentence():
    from parindex.accounts import AccessDenied

    with pytest.MonkeyPatch.context() as patch:
        import ui.common

        patch.setattr(ui.common, "catalog", refusing(AccessDenied("read_unpublished")))
        at = overview("vi")
        at.run()
    assert not at.exception
    assert [error.value for error in at.error] == ["Tài khoản của bạn không có quyền làm việc này."]
