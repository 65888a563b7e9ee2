"""Every address opens its page with no Streamlit pop-up, and nothing is fetched from outside the server."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from parindex.accounts import PAGE_IDS
from parindex.i18n import t
from tests.browser.conftest import SIGN_IN_FORM, serving, sign_in, visit, wait_for_app
from ui.auth_forms import COOKIE
from ui.navigation import PAGE_LOOKS

pytestmark = pytest.mark.browser


# Records every text that ever appears, so a pop-up that closes again is still caught.
WATCH_TEXT = """
window.__seenTexts = [];
new MutationObserver(() => {
  const text = document.body ? document.body.innerText : "";
  for (const words of ["Page not found", "Running the app's main page"]) {
    if (text.includes(words) && !window.__seenTexts.includes(words)) window.__seenTexts.push(words);
  }
}).observe(document, {subtree: true, childList: true, characterData: true});
"""


def watching_context(browser, cookies: list | None = None):
    """A new browser (with ``cookies``, if given) that records any Streamlit pop-up text."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="vi-VN")
    context.add_init_script(WATCH_TEXT)
    if cookies:
        context.add_cookies(cookies)
    return context


@pytest.fixture
def watched(browser):
    context = watching_context(browser)
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    yield tab, requests
    context.close()


@pytest.mark.parametrize("path", ["tong_quan", "", "ho_so", "cap_tinh"])
def test_an_address_opens_its_page_without_a_pop_up(app_url, watched, path):
    tab, _ = watched
    tab.goto(app_url)  # once a session has run the navigation, Streamlit resolves addresses through it alone
    wait_for_app(tab)
    tab.goto(f"{app_url}/{path}?set=so-2025&year=2026&type=so")
    wait_for_app(tab)
    assert tab.locator(SIGN_IN_FORM).count() == 1
    sign_in(tab, "viewer")
    heading = {"tong_quan": "Tổng quan", "": "Tổng quan", "ho_so": "Hồ sơ đơn vị", "cap_tinh": "Cấp tỉnh"}[path]
    assert tab.get_by_test_id("stMain").locator("h1").first.inner_text().startswith(heading)
    tab.reload()
    wait_for_app(tab)
    assert tab.evaluate("window.__seenTexts") == []


def test_nothing_is_fetched_from_outside_the_server(app_url, watched):
    """An office intranet reaches no font host or CDN: every request goes to the app's own address."""
    tab, requests = watched
    tab.goto(f"{app_url}/tong_quan")
    wait_for_app(tab)
    sign_in(tab, "admin")
    tab.get_by_test_id("stSidebarNavLink").filter(has_text="Phân tích").click()
    wait_for_app(tab)
    own = urlparse(app_url).netloc
    outside = {urlparse(url).netloc for url in requests if urlparse(url).scheme in ("http", "https")} - {own}
    assert outside == set()
    icon = tab.locator("link[rel~='icon']").first.get_attribute("href") or ""
    assert urlparse(icon).netloc in ("", own) and not icon.startswith("data:image/svg")


@pytest.fixture(scope="module")
def admin_cookies(app_url, browser) -> list:
    """An administrator's session cookie, made on the shared server; a server started later reads the same accounts."""
    context = browser.new_context(locale="vi-VN")
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    visit(tab, app_url, "admin")
    tab.wait_for_function(f"document.cookie.includes('{COOKIE}=')")
    cookies = context.cookies()
    context.close()
    return cookies


@pytest.mark.parametrize("signed_in", [False, True], ids=["signed-out", "signed-in"])
@pytest.mark.parametrize("page_id", PAGE_IDS)
def test_the_first_visit_after_a_server_start_opens_the_page_of_its_address(
    app_database_url, admin_cookies, browser, page_id, signed_in
):
    """Until a run has gone through app.py, Streamlit serves pages/ the legacy way; a link must still work then."""
    with serving(app_database_url, "fresh-server.log") as url:
        context = watching_context(browser, admin_cookies if signed_in else None)
        tab = context.new_page()
        tab.set_default_timeout(30_000)
        tab.goto(f"{url}/{page_id}")
        wait_for_app(tab)
        if not signed_in:
            assert tab.locator(SIGN_IN_FORM).count() == 1
            sign_in(tab, "admin")
        assert urlparse(tab.url).path == f"/{page_id}"
        heading = tab.get_by_test_id("stMain").locator("h1").first.inner_text()
        assert heading.startswith(t(PAGE_LOOKS[page_id].title_key, "vi"))
        assert tab.evaluate("window.__seenTexts") == []
        context.close()
