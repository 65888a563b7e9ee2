"""In a real browser, a published unit named like a phishing link shows as text: no link, no image, no request out."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tests.adversarial.test_injection import HOST, PAYLOADS, poison
from tests.browser.conftest import screenshot, serving, visit, wait_for_app
from ui.markdown import WORD_JOINER

pytestmark = pytest.mark.browser
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@pytest.fixture(scope="module")
def poisoned_url(tmp_path_factory):
    """A server of its own on the poisoned database (every unit named with a payload, every round published)."""
    url, config = poison(tmp_path_factory.mktemp("injection-browser"))
    with serving(url, "server-injection.log", config) as address:
        yield address


@pytest.mark.parametrize(("path", "role"), [("tong_quan", "viewer"), ("phan_tich", "leader")])
def test_names_are_text_and_nothing_is_fetched_from_outside(browser, poisoned_url, path, role):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(60_000)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    try:
        visit(page, f"{poisoned_url}/{path}", role)
        wait_for_app(page)
        page.wait_for_timeout(1500)  # images and charts load after the run ends
        assert page.locator(f"a[href*='phish'], img[src*='pixel'], a[href*='{HOST}'], img[src*='{HOST}']").count() == 0
        web = [urlparse(u) for u in requested if urlparse(u).scheme in ("http", "https", "ws", "wss")]
        assert web and [u.geturl() for u in web if u.hostname not in LOOPBACK] == [], requested
        shown = page.get_by_test_id("stMain").text_content().replace(WORD_JOINER, "")  # hidden tabs too
        screenshot(page, f"60-injection-{path}")
        assert any(payload in shown for payload in PAYLOADS if "\n" not in payload), shown[:3000]  # as typed
        screenshot(page, f"60-injection-{path}")
    finally:
        context.close()
