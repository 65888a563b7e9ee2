"""A decision's appendix table in a real browser: upload the .docx, review, correct the flagged row in the
editor, check, install, then score a values file with the new set — figures as the core computes them."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys

import docx
import pytest

from parindex.i18n import format_pct
from parindex.scoring import score_files
from tests.browser.conftest import ROOT, free_port, log_file, screenshot, visit, wait_for_app, wait_healthy
from tests.conftest import create_accounts

pytestmark = pytest.mark.browser

ROWS = [
    ["I", "Công tác chỉ đạo, điều hành", "2", ""],
    ["1", "Kế hoạch cải cách hành chính", "2", ""],
    ["1.1", "Ban hành kế hoạch CCHC năm", "1", "Có: 1 điểm; Không: 0 điểm"],
    ["1.2", "Mức độ hoàn thành kế hoạch", "1", "Trên 90%: 1 điểm; từ 70% đến 90%: 0,5 điểm; dưới 70%: 0 điểm"],
]
CORRECTED = "Từ 90% trở lên: 1 điểm; từ 70% đến dưới 90%: 0,5 điểm; dưới 70%: 0 điểm"
VALUES = [
    {"unit": "Sở Tư pháp", "unit_type": "so", "1.1.1": "có", "1.1.2": "95"},
    {"unit": "Sở Y tế", "unit_type": "so", "1.1.1": "có", "1.1.2": "80"},
    {"unit": "Sở Xây dựng", "unit_type": "so", "1.1.1": "không", "1.1.2": "90"},
]


@pytest.fixture(scope="module")
def own_app(tmp_path_factory):
    """A server of its own whose criteria folder is a copy, so installing never touches indicators/."""
    folder = tmp_path_factory.mktemp("decision-app")
    shutil.copytree(ROOT / "indicators", folder / "indicators")
    config = (ROOT / "config.yaml").read_text(encoding="utf-8")
    config = config.replace("indicators_dir: indicators", f"indicators_dir: {folder / 'indicators'}")
    config = config.replace("data_dir: data ", f"data_dir: {ROOT / 'data'} ")
    config = config.replace("sample_dir: data/sample", f"sample_dir: {ROOT / 'data' / 'sample'}")
    (folder / "config.yaml").write_text(config, encoding="utf-8")
    url_db = f"sqlite:///{folder / 'app.db'}"
    create_accounts(url_db)
    port = free_port()
    env = {**os.environ, "PARINDEX_DATABASE_URL": url_db, "PARINDEX_CONFIG": str(folder / "config.yaml")}
    log = open(log_file("server-decision.log"), "w")  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port", str(port)],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process)
        yield url, folder / "indicators"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def decision_docx(path) -> None:
    document = docx.Document()
    document.add_paragraph("PHỤ LỤC")
    table = document.add_table(rows=len(ROWS) + 1, cols=4)
    for c, text in enumerate(["STT", "Lĩnh vực, tiêu chí", "Điểm tối đa", "Hướng dẫn chấm điểm"]):
        table.cell(0, c).text = text
    for r, row in enumerate(ROWS, start=1):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.save(path)


def edit_cell(page, grid, row: int, column: int, text: str, down: int = 0) -> None:
    """Type ``text`` into a cell of a data editor (a canvas): select the row's first cell, move right, type.

    ``down``: rows to move down from the one clicked, with the keyboard (the grid scrolls to follow), for a row
    below the visible ones.
    """
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    header, height = 35, 35
    page.mouse.click(box["x"] + 20, box["y"] + header + height * row + height / 2)
    for _ in range(down):
        page.keyboard.press("ArrowDown")
    for _ in range(column):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")  # opens the cell's editor, a text area over the canvas
    editor = page.locator("textarea.gdg-input")
    editor.wait_for()
    editor.fill(text)
    page.keyboard.press("Enter")


def test_upload_review_correct_install_and_score(own_app, page, tmp_path):
    url, indicators = own_app
    table = tmp_path / "qd-thu.docx"
    decision_docx(table)
    visit(page, url + "/bo_tieu_chi?set=vi-du-mau")
    wait_for_app(page)
    page.locator(".st-key-decision_upload [data-testid='stFileUploaderDropzoneInput']").set_input_files(str(table))
    page.get_by_text("1 có cách tính, 1 cần xem lại").wait_for()
    page.locator(".st-key-decision_id input").fill("qd-thu-2026")
    page.keyboard.press("Enter")
    wait_for_app(page)
    page.locator(".st-key-decision_years input").fill("2026")
    page.keyboard.press("Enter")
    wait_for_app(page)
    screenshot(page, "20-bo-tieu-chi-xem-lai")
    grid = page.locator("[class*='st-key-decision_editor_'] [data-testid='stDataFrame']")
    edit_cell(page, grid, row=3, column=5, text=CORRECTED)  # the flagged row 1.1.2, its guidance column
    page.get_by_text("2 có cách tính, 0 cần xem lại").wait_for()
    page.locator(".st-key-decision_check label").click()
    page.get_by_text("Bộ tiêu chí 'qd-thu-2026' hợp lệ").wait_for()
    page.locator("[class*='st-key-install_qd-thu-2026'] button").click()
    page.get_by_text("Đã cài qd-thu-2026.yaml").wait_for()
    screenshot(page, "21-bo-tieu-chi-da-cai")
    installed = indicators / "qd-thu-2026.yaml"
    assert installed.exists()

    values = tmp_path / "so-lieu.csv"
    with values.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(VALUES[0]))
        writer.writeheader()
        writer.writerows(VALUES)
    scores, _ = score_files(installed, values)
    visit(page, url + "/nhap_du_lieu?set=qd-thu-2026&year=2026&type=so")
    wait_for_app(page)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(values))
    page.get_by_text("3 đơn vị, không có lỗi").wait_for()
    screenshot(page, "22-cham-bang-bo-moi")
    page.get_by_role("button", name="Dùng số liệu này cho năm 2026").click()
    page.get_by_text("Đã dùng số liệu cho năm 2026").wait_for()
    assert float(scores.index[scores.row_of("Sở Y tế")]) == 75.0  # có → 1; 80 % in [70, 90) → 0,5: 1,5 / 2
    leader = str(scores.units["unit"][int(scores.ranking_order()[0])])
    page.get_by_role("link", name="Tổng quan").last.click()  # the same session: the data just used
    wait_for_app(page)
    page.get_by_text(f"Đứng đầu: {leader}").wait_for()
    page.get_by_text(format_pct(float(scores.index.mean()))).first.wait_for()
