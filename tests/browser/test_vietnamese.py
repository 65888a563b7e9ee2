"""Streamlit's own widget words read in Vietnamese: the uploader's button and size note, an empty list."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot, visit, wait_for_app

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


PHONE = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36"
)


@pytest.fixture
def phone(browser):
    size = {"width": 390, "height": 844}
    context = browser.new_context(viewport=size, locale="vi-VN", is_mobile=True, has_touch=True, user_agent=PHONE)
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    yield tab
    context.close()


def sign_in_on_phone(page, app_url: str, path: str) -> None:
    """The phone's menu is folded away, so wait for it to exist rather than to be seen."""
    from tests.browser.conftest import SIGN_IN_FORM
    from tests.conftest import ACCOUNTS, TEST_PASSWORD

    page.goto(f"{app_url}/{path}")
    wait_for_app(page)
    form = page.locator(SIGN_IN_FORM)
    form.locator('input[type="text"]').fill(ACCOUNTS["leader"])  # a leader sees a round before it is published
    form.locator('input[type="password"]').fill(TEST_PASSWORD)
    form.get_by_test_id("stBaseButton-primaryFormSubmit").click()
    page.get_by_test_id("stSidebarNav").wait_for(state="attached")
    wait_for_app(page)


def test_on_a_phone_the_ranking_shows_rank_unit_index_and_grade(app_url, phone):
    sign_in_on_phone(
        phone, app_url, "tong_quan?set=so-2025&year=2025&type=so"
    )  # 2025: a complete year whatever rounds earlier tests left open
    grid = phone.get_by_test_id("stDataFrame").first
    grid.wait_for()
    top = grid.bounding_box()
    assert top is not None and top["y"] < 844  # the ranking starts on the first screen (figures on one line)
    grid.scroll_into_view_if_needed()
    # the grid draws its header row after the frame appears; wait for it rather than read an empty row
    grid.locator('[role="columnheader"]').first.wait_for(state="attached")
    # the data grid keeps in its page only the columns it draws inside the screen
    headers = [h.inner_text() for h in grid.locator('[role="columnheader"]').all()]
    assert headers[:4] == ["Hạng", "Đơn vị", "Chỉ số", "Xếp loại"]
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "30-dien-thoai-tong-quan")


def test_on_a_phone_the_profile_shows_index_rank_and_grade(app_url, phone):
    sign_in_on_phone(phone, app_url, "ho_so?set=so-2025&year=2025&type=so")
    labels = {m.get_by_test_id("stMetricLabel").inner_text(): m for m in phone.get_by_test_id("stMetric").all()}
    for label in ("Chỉ số", "Hạng", "Xếp loại"):
        box = labels[label].bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, label
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "31-dien-thoai-ho-so")


def test_on_a_phone_the_scoring_grid_shows_the_result_and_what_is_filled_in(
    app_url, app_database_url, phone, monkeypatch
):
    """The unit's index, rank and grade above the grid, and the grid's first columns the ones an officer fills
    in and checks (code, value, points, status); one "Tự đánh giá" column only at the self-assessment stage."""
    from tests.browser.test_roles import seeded

    seeded(app_database_url, monkeypatch)
    sign_in_on_phone(phone, app_url, "cham_diem")
    result = phone.get_by_text("Kết quả hiện tại:").first
    result.wait_for()
    box = result.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    grid = phone.get_by_test_id("stDataFrame").first
    grid.scroll_into_view_if_needed()
    grid.locator('[role="columnheader"]').first.wait_for(state="attached")
    headers = [h.inner_text() for h in grid.locator('[role="columnheader"]').all()]
    assert headers[:4] == ["Mã", "Tự đánh giá ✎", "Điểm", "Trạng thái"]
    assert sum(h.startswith("Tự đánh giá") for h in headers) == 1
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "32-dien-thoai-cham-diem")
