"""Cấp tỉnh in a real browser: a province's draft (four figures, the rest blank), its range and estimate, the
national rank interval and P(top 10) for 2023; the draft is still there after a reload."""

from __future__ import annotations

import re

import pytest

from parindex import db
from parindex.accounts import actor_for
from parindex.rounds import save_draft
from tests.browser.conftest import screenshot, visit, wait_for_app
from tests.conftest import ACCOUNTS

pytestmark = pytest.mark.browser
FIGURES = {"1.5.1": "33/38", "3.3.1": "99,7 %", "7.3.1": "97,10 %", "7.3.2": "312.085/328.813"}


def choose_province(page, name: str) -> None:
    page.get_by_label("Tỉnh của chúng ta").click()
    page.keyboard.type(name)
    page.get_by_role("option", name=name, exact=True).click()
    # The click starts a new run; until it has drawn the chosen province (its history heading names it), the page
    # still shows the previous province's figures, which a busy machine leaves on screen long enough to be read.
    page.get_by_test_id("stMain").get_by_role("heading", name=f"Các năm đã công bố của {name}").wait_for()
    wait_for_app(page)


def test_a_province_draft_placed_nationally(app_url, app_database_url, page):
    engine = db.make_engine(app_database_url)
    with db.sessions(engine).begin() as session:
        admin = actor_for(session, ACCOUNTS["admin"])
        save_draft(session, admin, "Tỉnh Long An", "tinh", "tinh-876-2022", 2023, FIGURES)
    engine.dispose()
    url = f"{app_url}/cap_tinh?set=tinh-876-2022&year=2023&type=tinh"
    visit(page, url)
    page.get_by_role("heading", name="Cấp tỉnh").first.wait_for()
    choose_province(page, "Long An")
    main = page.get_by_test_id("stMain")
    main.get_by_text("Tự đánh giá của tỉnh (bản nháp)").wait_for()
    metrics = main.get_by_test_id("stMetric")
    texts = " | ".join(metrics.all_text_contents())
    assert "Ô trống" in texts and "84/88" in texts and "Khoảng chỉ số" in texts
    assert re.search(r"Hạng chắc chắn\s*\d+(–\d+)?", texts) and "P(top 10)" in texts
    main.get_by_text("ước tính từ bản nháp").wait_for()
    screenshot(page, "11-cap-tinh-ban-nhap")
    page.reload()
    wait_for_app(page)
    choose_province(page, "Long An")
    assert "84/88" in " | ".join(page.get_by_test_id("stMain").get_by_test_id("stMetric").all_text_contents())
