"""Download a report in a real browser: the file is built on click and carries the core's numbers."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pypdf
import pytest

from parindex.i18n import format_pct
from tests.browser.conftest import screenshot, visit, wait_for_app
from tests.browser.test_flows import cli_scores

pytestmark = pytest.mark.browser


def test_download_a_unit_report(app_url, page):
    expected = cli_scores()
    unit = "Sở Tư pháp"
    visit(page, f"{app_url}/bao_cao?set=so-2025&year=2026&type=so&unit={unit}")
    wait_for_app(page)
    page.get_by_role("heading", name="Báo cáo").wait_for()
    page.get_by_text("Báo cáo đơn vị").click()
    wait_for_app(page)
    button = page.get_by_test_id("stDownloadButton").get_by_role("button")
    button.wait_for()
    screenshot(page, "20-bao-cao")
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename == "bao-cao-so-tu-phap-2026.pdf"
    data = Path(download.path()).read_bytes()
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert 2 <= len(reader.pages) <= 4
    text = unicodedata.normalize("NFC", " ".join(p.extract_text() for p in reader.pages))
    row = expected[unit]
    assert f"Đơn vị: {unit}" in text
    assert f"Chỉ số: {format_pct(float(row['index_pct']))}" in text
    assert f"Hạng: {row['rank']}/{len(expected)}" in text
