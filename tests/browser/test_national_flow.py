"""Cấp tỉnh in a real browser, as a Sở Nội vụ official: the five figures of Long An's 2023 report typed into the
draft (the rest blank), its range and estimate, the national rank interval and P(top 10) for 2023, the plan to the
top-10 index, the leader's brief naming the province; the draft is still there after a reload."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from parindex import db
from parindex.accounts import actor_for
from parindex.criteria import load_criteria_set
from parindex.rounds import save_draft
from tests.browser.conftest import screenshot, visit, wait_for_app
from tests.browser.test_decision_flow import edit_cell
from tests.conftest import ACCOUNTS, INDICATORS
from tests.planning.test_province_draft import FIGURES
from tests.reports.test_reports import flat, pdf_pages

pytestmark = pytest.mark.browser
SET = "tinh-876-2022"


def choose_province(page, name: str) -> None:
    page.get_by_label("Tỉnh của chúng ta").click()
    page.keyboard.type(name)
    page.get_by_role("option", name=name, exact=True).click()
    # The click starts a new run; until it has drawn the chosen province (its history heading names it), the page
    # still shows the previous province's figures, which a busy machine leaves on screen long enough to be read.
    page.get_by_test_id("stMain").get_by_role("heading", name=f"Các năm đã công bố của {name}").wait_for()
    wait_for_app(page)


def type_in_draft(page, row: int, text: str) -> None:
    """Type ``text`` in the value column of the draft's row ``row``: from the first row, down with the keyboard."""
    grid = page.locator("[class*='st-key-draft_2023'] [data-testid='stDataFrame']")
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -100_000)  # back to the first row, wherever the last edit left the grid
    edit_cell(page, grid, 0, 2, text, down=row)
    wait_for_app(page)


def metrics_text(page) -> str:
    return " | ".join(page.get_by_test_id("stMain").get_by_test_id("stMetric").all_text_contents())


def test_a_province_types_its_figures_and_gets_its_rank_plan_and_brief(app_url, app_database_url, page, tmp_path):
    engine = db.make_engine(app_database_url)
    with db.sessions(engine).begin() as session:  # start from an empty draft, whatever an earlier run left
        save_draft(session, actor_for(session, ACCOUNTS["admin"]), "Tỉnh Long An", "tinh", SET, 2023, {})
    engine.dispose()
    rows = [leaf.id for leaf in load_criteria_set(INDICATORS / f"{SET}.yaml").leaves]
    visit(page, f"{app_url}/cap_tinh?set={SET}&year=2023&type=tinh")
    page.get_by_role("heading", name="Cấp tỉnh").first.wait_for()
    choose_province(page, "Long An")
    main = page.get_by_test_id("stMain")
    main.get_by_text("Tự đánh giá của tỉnh (bản nháp)").wait_for()
    for count, (leaf_id, figure) in enumerate(FIGURES.items(), start=1):
        counted = main.get_by_test_id("stMetric").filter(has_text=f"{88 - count}/88")
        for attempt in range(3):  # keys sent to the canvas while the page redraws are lost: type again
            type_in_draft(page, rows.index(leaf_id), figure)
            try:
                counted.wait_for(timeout=15_000)
                break
            except PlaywrightTimeout:
                assert attempt < 2, f"{leaf_id} = {figure} was never counted"
    wait_for_app(page)
    texts = metrics_text(page)
    # the range and the estimate worked by hand in tests/planning/test_province_draft.py
    assert "83/88" in texts and "6,00 % – 98,50 %" in texts and "81,77 %" in texts, texts
    assert re.search(r"Hạng chắc chắn\s*\d+(–\d+)?", texts) and "P(top 10)" in texts
    try:  # the index's default is the draft's estimate (a flaky miss once: say what the page showed instead)
        main.get_by_text("ước tính từ bản nháp").wait_for()
    except PlaywrightTimeout:
        captions = main.get_by_test_id("stCaptionContainer").all_inner_texts()
        alerts = main.get_by_test_id("stAlert").all_inner_texts()
        screenshot(page, "11-cap-tinh-khong-co-uoc-tinh")
        raise AssertionError(f"no draft estimate as the default; captions {captions}, alerts {alerts}") from None
    page.get_by_role("button", name="Lưu bản nháp").click()
    page.get_by_test_id("stToast").filter(has_text="Đã lưu bản nháp.").wait_for()  # a toast, outside the page body

    page.get_by_role("button", name="Lập lộ trình vào top 10").click()
    main.get_by_text("cần chỉ số ít nhất 88,73 %").wait_for()
    summary = main.get_by_text("Đạt chỉ số 88,73 % với")
    summary.wait_for()
    assert "hạng" not in summary.inner_text()  # scored alone: no "rank 1"
    screenshot(page, "11-cap-tinh-ban-nhap")
    with page.expect_download() as info:
        page.get_by_role("button", name=re.compile("tom-tat-tinh-long-an-2023.pdf")).click()
    brief = tmp_path / "tom-tat.pdf"
    info.value.save_as(brief)
    text = flat(pdf_pages(brief.read_bytes())[0])
    assert "Ủy ban nhân dân tỉnh Long An" in text and "Bình An" not in text
    assert "Năm 2023 cả nước có 63 tỉnh" in text and "83/88 tiêu chí thành phần còn trống" in text

    page.reload()
    wait_for_app(page)
    choose_province(page, "Long An")
    assert "83/88" in metrics_text(page)
