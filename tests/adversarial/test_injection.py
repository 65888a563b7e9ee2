"""User text never becomes Markdown: links, images, autolinks, emoji or HTML in names stay text (issue 17).

A seeded database whose unit names, explanations, evidence descriptions, audit reasons and saved
scenario names carry a phishing payload; every page is opened as every role, and every string the
app handed to Streamlit's Markdown (text, captions, alerts, titles, metric labels and values, widget
and expander labels) is checked for a live link, image or bare address.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from parindex.accounts import PAGE_IDS
from tests.conftest import ACCOUNTS, DATA, INDICATORS, ROOT, create_accounts, signed_in_state
from ui.markdown import WORD_JOINER, escape_markdown

HOST = "evil.example"
PAYLOADS = [
    f"![p](http://{HOST}/pixel.png) [Đăng nhập lại](http://{HOST}/phish)",
    f"<img src='http://{HOST}/pixel.png'> <a href='http://{HOST}/phish'>x</a>",
    f"Xem http://{HOST}/phish ngay",
    f"www.{HOST}/phish",
    f"hotro@{HOST}.com",
    f"[x][r]\n\n[r]: http://{HOST}/phish",
    f"<http://{HOST}/phish>",
    ":red[đỏ] :material/warning: :smile: $x^2$",
    "**đậm** _nghiêng_ `mã` ~~gạch~~ # tiêu đề",
]


def one_line(text: str) -> str:
    return text.replace("\n", " ")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_escaped_text_has_no_link_image_or_autolink(payload):
    shown = escape_markdown(payload)
    assert_no_live_markup(shown)
    assert re.sub(r"\\(.)", r"\1", shown.replace(WORD_JOINER, "")) == payload  # the very characters typed


def test_a_carriage_return_starts_a_line_that_is_escaped_too():
    """Markdown ends a line at a lone carriage return as well: a heading underline or a list mark after one is
    escaped like one after a line break (before, "Giải trình\r===" became a heading on the other party's page)."""
    typed = "Giải trình\r===\r- một\r\n1. hai\r---"
    shown = escape_markdown(typed)
    assert shown == escape_markdown(typed.replace("\r\n", "\n").replace("\r", "\n"))
    assert "\r" not in shown
    unescaped_mark = re.compile(r"[ \t]*(?:[-=+]+|\d{1,9}[.)])(?:[ \t]|$)")  # a list or heading underline
    assert not [line for line in shown.split("\n") if unescaped_mark.match(line)]
    assert [line for line in typed.replace("\r\n", "\n").split("\r") if unescaped_mark.match(line)]  # in typed


def assert_no_live_markup(text: str) -> None:
    """No link or image syntax, no HTML tag and no bare address Streamlit would turn into a link."""
    assert not re.search(r"(?<!\\)\]\s*[(\[]", text)
    assert not re.search(r"(?<!\\)<[a-zA-Z/]", text)
    assert not re.search(r"(?i)https?://|www\.|@[a-z]", text)
    assert not re.search(r"(?<!\\)!\[", text)
    assert not re.search(r"(?<![\\\u2060]):[a-z]", text)


MARKDOWN_ELEMENTS = {
    "Markdown",
    "Caption",
    "Title",
    "Header",
    "Subheader",
    "Error",
    "Info",
    "Success",
    "Warning",
    "Toast",
    "Metric",
    "Exception",
}


def markdown_texts(at: AppTest) -> list[str]:
    """Every string of the rendered page that Streamlit shows as Markdown."""
    found: list[str] = []

    def walk(node) -> None:
        markdown_value = type(node).__name__ in MARKDOWN_ELEMENTS
        for attribute in ("value", "body", "label", "help"):
            if attribute in ("value", "body") and not markdown_value:
                continue  # a widget's value (the chosen option, the typed text) is shown as text
            value = getattr(node, attribute, None)
            if isinstance(value, str):
                found.append(value)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return found


def poison(folder: Path) -> tuple[str, Path]:
    """A database (and config) in ``folder`` seeded with the sample rounds, all published, every unit and text
    field carrying a payload; returns the database URL and the config file."""
    import yaml
    from sqlalchemy import select

    from parindex import db
    from parindex.accounts import Actor
    from parindex.cli import main
    from parindex.db import AuditRecord, Entry, Evidence, Round, Unit
    from parindex.planning import Scenario, ScenarioStore

    url = f"sqlite:///{folder / 'app.db'}"
    config = folder / "config.yaml"
    config.write_text(
        yaml.safe_dump(
            {"indicators_dir": str(INDICATORS), "sample_dir": str(DATA / "sample"), "data_dir": str(folder)}
        ),
        encoding="utf-8",
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PARINDEX_DATABASE_URL", url)
        patch.setenv("PARINDEX_CONFIG", str(config))
        assert main(["db", "upgrade", "--seed"]) == 0
        create_accounts(url)
        engine = db.make_engine(url)
        with db.sessions(engine).begin() as session:
            for unit in session.scalars(select(Unit)):
                # a one-line column refuses a line break at the write (textcheck), so names get the payload on one line
                unit.name = f"{one_line(PAYLOADS[unit.id % len(PAYLOADS)])} #{unit.id}"
            for round_ in session.scalars(select(Round)):
                round_.status = "published"
            for i, entry in enumerate(session.scalars(select(Entry).limit(40))):
                entry.explanation_request = PAYLOADS[i % len(PAYLOADS)]
                entry.appraisal1_note = PAYLOADS[(i + 1) % len(PAYLOADS)]
                session.add(
                    Evidence(
                        entry_id=entry.id,
                        number=one_line(PAYLOADS[i % len(PAYLOADS)])[:120],
                        issuer=one_line(PAYLOADS[(i + 2) % len(PAYLOADS)])[:200],
                        description=PAYLOADS[(i + 3) % len(PAYLOADS)],
                        link=f"http://{HOST}/phish",
                    )
                )
                session.add(
                    AuditRecord(
                        round_id=entry.round_id,
                        unit_id=entry.unit_id,
                        user="quantri",
                        action="set",
                        leaf_id=entry.leaf_id,
                        field="self_value",
                        old=PAYLOADS[0],
                        new=PAYLOADS[1],
                        reason=PAYLOADS[i % len(PAYLOADS)],
                    )
                )
            names = [u.name for u in session.scalars(select(Unit))]
        engine.dispose()
        store = ScenarioStore(folder / "scenarios")
        for i, payload in enumerate(PAYLOADS[:4]):
            store.save(Scenario({names[i]: {}}, payload), "so-2025", 2026, "so", Actor.system("kiem-thu"))
    return url, config


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory):
    """The poisoned database, used by the app under test (AppTest runs in this process)."""
    import streamlit as st

    from ui import resources

    url, config = poison(tmp_path_factory.mktemp("injection"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PARINDEX_DATABASE_URL", url)
        patch.setenv("PARINDEX_CONFIG", str(config))
        st.cache_resource.clear()
        resources.engine.clear()
        yield url
        st.cache_resource.clear()
    resources.engine.clear()


OWN_LINK = re.compile(r"\]\([a-z_]+\?[^)\s:]*\)")  # the app's own relative links, e.g. to a saved scenario


@pytest.mark.parametrize("role", list(ACCOUNTS))
@pytest.mark.parametrize("page", PAGE_IDS)
def test_no_page_renders_user_text_as_markdown(poisoned, page, role):
    for lang in ("vi", "en"):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.session_state["auth"] = signed_in_state(role, poisoned)
        at.query_params["lang"] = lang
        at.switch_page(f"pages/{page}.py")
        at.run()
        assert not at.exception, at.exception
        carrying = [t for t in markdown_texts(at) if HOST in t.replace(WORD_JOINER, "").replace("\\", "")]
        for text in carrying:
            assert_no_live_markup(OWN_LINK.sub("", text))
        if page in ("tong_quan", "ho_so") and role != "unit_officer":
            assert carrying  # the names are shown there (as text): the check above saw them
