"""The sign-in page has the browser load the overview's code while the person types (ui.browser_warm_up)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import sign_in, wait_for_app
from ui.browser_warm_up import OVERVIEW_ELEMENTS, overview_modules

pytestmark = pytest.mark.browser

FETCHED = "() => performance.getEntriesByType('resource').map((entry) => entry.name.split('/').pop())"


def test_every_element_kind_of_the_overview_is_found_in_the_installed_streamlit():
    """A Streamlit upgrade that renames a module would silently lose the gain: this says which."""
    modules = overview_modules()
    assert [name.split(".")[0] for name in modules] == list(OVERVIEW_ELEMENTS)


def test_the_sign_in_page_loads_the_overviews_modules_before_anyone_signs_in(app_url, page):
    page.goto(app_url)
    wait_for_app(page)
    assert page.get_by_test_id("stDataFrame").count() == 0  # nothing on this page needs them itself
    wanted = overview_modules()
    page.wait_for_function(f"() => {list(wanted)!r}.every((name) => ({FETCHED})().includes(name))")
    sign_in(page)
    page.get_by_test_id("stDataFrame").first.wait_for()
    fetched = page.evaluate(FETCHED)
    assert all(fetched.count(name) == 1 for name in wanted), "the overview asked for a module again"
