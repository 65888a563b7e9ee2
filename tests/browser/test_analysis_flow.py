"""Phân tích in a real browser: open the page, go to rank uncertainty, see the core's table."""

from __future__ import annotations

import pytest

from parindex.analysis import AppraisalAdjustments, Uncertainty, simulate
from parindex.i18n import format_pct
from parindex.scoring import score_files
from tests.browser.conftest import ROOT, screenshot, visit, wait_for_app

pytestmark = pytest.mark.browser


def test_analysis_shows_the_rank_uncertainty_table(app_url, page):
    scores, _ = score_files(ROOT / "indicators" / "so-2025.yaml", ROOT / "data" / "sample" / "so-2025-so-2026.csv")
    model = Uncertainty(appraisal=AppraisalAdjustments.default(scores.compiled), respondents=30.0)
    expected = simulate(scores, model, runs=5000, seed=0).table(10)
    visit(page, f"{app_url}/phan_tich")
    wait_for_app(page)
    page.get_by_role("heading", name="Phân tích").wait_for()
    page.get_by_role("tab", name="Độ bất định thứ hạng").click()
    page.get_by_role("heading", name="Bảng độ bất định thứ hạng").wait_for()
    panel = page.get_by_role("tabpanel", name="Độ bất định thứ hạng")
    grid = panel.get_by_test_id("stDataFrame").first
    grid.locator("table th").first.wait_for(state="attached")  # the grid's accessible table, drawn on a canvas
    headers = grid.locator("table th").all_text_contents()
    assert headers == ["Hạng", "Đơn vị", "Hạng trung vị", "Hạng 5 %", "Hạng 95 %", "Khả năng vào top 10"]
    assert grid.locator("table").get_attribute("aria-rowcount") == str(len(expected) + 1)
    first = expected.iloc[0]
    cells = grid.locator("table td").all_text_contents()[:6]
    assert cells == [
        str(first["rank"]),
        first["unit"],
        str(first["median_rank"]),
        str(first["rank_p5"]),
        str(first["rank_p95"]),
        format_pct(100 * first["p_top"], 1),
    ]
    page.get_by_text("Nguồn bất định: thẩm định").wait_for()
    assert panel.get_by_test_id("stDownloadButton").count() >= 2
    screenshot(page, "10-phan-tich-do-bat-dinh")
