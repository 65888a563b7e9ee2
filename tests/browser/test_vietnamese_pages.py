"""Every page, as each role, in Vietnamese: no English interface word, no decimal point, no bare code.

(Named to run after tests/browser/test_roles.py: it seeds the shared app database with the sample rounds, which
the import flow of test_flows.py must not find.)

What a Vietnamese official reads is checked where it is drawn, in Chromium: Streamlit's own widget
words as well as the app's. A number with a decimal point ("99.40 %", "96.17") is the English format
leaking through; a round named by its set's code ("2026 · so-2025") instead of its name is a code
without its name.
"""

from __future__ import annotations

import re

import pytest

from parindex.accounts import ROLE_PAGES
from parindex.criteria import load_criteria_set
from tests.browser.conftest import ROOT, screenshot, visit, wait_for_app
from tests.browser.test_roles import fresh, seeded  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

# Words of an English interface (Streamlit's defaults and the app's own) that must not show in Vietnamese.
ENGLISH_WORDS = (
    "Upload",
    "Browse files",
    "Drag and drop",
    "per file",
    "Choose an option",
    "Choose options",
    "No results",
    "Page not found",
    "Running",
    "Rerun",
    "Deploy",
    "Download",
    "Submit",
    "Sign in",
    "Password",
    "Search",
    "Clear all",
    "Add row",
    "Delete",
    "Settings",
    "Print",
)
# One to three digits, a decimal point and one or two digits, not part of a longer dotted number.
DOT_DECIMAL = re.compile(r"(?<![\d.,])\d{1,3}\.\d{1,2}(?![\d.,])")
BARE_ROUND = re.compile(r"\b\d{4} · [a-z]+-\d{4}\b")


def criteria_codes() -> set[str]:
    """Every id a shipped set gives a field, criterion or sub-criterion ("1.1", "3.3.1"): codes, not numbers."""
    codes: set[str] = set()
    for path in (ROOT / "indicators").glob("*.yaml"):
        criteria_set = load_criteria_set(path)
        for field in criteria_set.fields:
            codes.add(field.id)
            for criterion in field.criteria:
                codes.add(criterion.id)
                codes.update(leaf.id for leaf in criterion.leaves)
    return codes


def problems_in(text: str, codes: set[str]) -> list[str]:
    found = [f"English word {word!r}" for word in ENGLISH_WORDS if re.search(rf"\b{re.escape(word)}\b", text)]
    found += [f"decimal point in {m.group()!r}" for m in DOT_DECIMAL.finditer(text) if m.group() not in codes]
    found += [f"round named by code {m.group()!r}" for m in BARE_ROUND.finditer(text)]
    return found


def test_problems_in_finds_each_kind():
    codes = {"1.1", "3.3"}
    assert problems_in("Tải lên · 99,40 % · mục 1.1 và 3.3 · 312.085 hồ sơ · 2026 · Bộ chỉ số sở", codes) == []
    assert problems_in("Upload", codes) == ["English word 'Upload'"]
    assert problems_in("99.40 %", codes) == ["decimal point in '99.40'"]
    assert problems_in("2026 · so-2025", codes) == ["round named by code '2026 · so-2025'"]


@pytest.mark.parametrize("role", ["admin", "appraiser", "leader", "unit_officer", "viewer"])
def test_every_page_of_each_role_reads_vietnamese(app_url, app_database_url, fresh, monkeypatch, role):  # noqa: F811
    seeded(app_database_url, monkeypatch)
    codes = criteria_codes()
    found: dict[str, list[str]] = {}
    visit(fresh, app_url, role)
    for page_id in ROLE_PAGES[role]:
        if page_id != ROLE_PAGES[role][0]:  # through the menu, as a person would (no reload: quicker)
            fresh.locator(f'[data-testid="stSidebarNavLink"][href$="/{page_id}"]').click()
            fresh.wait_for_url(f"**/{page_id}*")
        wait_for_app(fresh)
        text = fresh.locator("body").inner_text()  # the menu, the page and Streamlit's own words
        problems = problems_in(text, codes)
        if problems:
            found[page_id] = problems
            screenshot(fresh, f"40-{role}-{page_id}")
    assert found == {}, found


def test_the_sweep_reads_what_the_page_draws(app_url, fresh):  # noqa: F811
    """The same reading of the same page in English finds English words: the sweep above sees the page's text."""
    visit(fresh, f"{app_url}/nhap_du_lieu?lang=en", "admin")
    problems = problems_in(fresh.locator("body").inner_text(), criteria_codes())
    assert "English word 'Upload'" in problems
