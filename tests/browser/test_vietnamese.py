"""Streamlit's own widget words read in Vietnamese: the uploader's button and size note, an empty list."""

from __future__ import annotations

import pytest

from tests.browser.conftest import visit, wait_for_app

pytestmark = pytest.mark.browser

AFTER = "(e) => getComputedStyle(e, '::after').content"


def test_the_uploader_and_an_empty_list_speak_vietnamese(app_url, page):
    visit(page, f"{app_url}/nhap_du_lieu?set=so-2025&year=2026&type=so", "admin")
    uploader = page.get_by_test_id("stFileUploader").first
    shown = uploader.inner_text()
    assert "Upload" not in shown and "per file" not in shown
    button = uploader.get_by_test_id("stBaseButton-secondary").locator("p")
    assert button.evaluate(AFTER) == '"Chọn tệp"'
    limit = uploader.get_by_test_id("stFileUploaderDropzoneInstructions").locator("span").first
    assert limit.evaluate(AFTER) == '"Tối đa 20 MB mỗi tệp"'

    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first.click()
    page.keyboard.type("khong-co-bo-tieu-chi-nay")
    empty = page.locator('[role="listbox"][data-empty="true"] [role="option"] span').first
    empty.wait_for(state="attached")
    assert empty.evaluate(AFTER) == '"Không có kết quả"'
    page.keyboard.press("Escape")
    wait_for_app(page)
