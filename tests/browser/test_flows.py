"""Main flows in a real browser: overview → profile, language switch, import with errors then success."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys

import pandas as pd
import pytest

from parindex.accounts import Actor
from parindex.i18n import format_pct
from parindex.scoring import load_compiled, with_codes
from tests.browser.conftest import ROOT, screenshot, visit, wait_for_app

RULES = ROOT / "indicators" / "so-2025.yaml"
SAMPLE = ROOT / "data" / "sample" / "so-2025-so-2026.csv"

pytestmark = pytest.mark.browser


STAFF = Actor("kiem-thu", "appraiser")


def cli_scores() -> dict[str, dict[str, str]]:
    """What `python -m parindex score` prints, by unit."""
    result = subprocess.run(
        [sys.executable, "-m", "parindex", "score", "--rules", str(RULES), "--data", str(SAMPLE)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    printed = with_codes(pd.read_csv(io.StringIO(result.stdout), dtype=str), load_compiled(RULES))  # headed in words
    return {row["unit"]: row for row in printed.to_dict("records")}


def click_table_row(page, row: int) -> None:
    """Tick the selection box of a data-frame row (the grid is a canvas: click by position)."""
    grid = page.get_by_test_id("stDataFrame").first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    header, height = 35, 35
    page.mouse.click(box["x"] + 16, box["y"] + header + height * row + height / 2)


def test_shared_link_is_the_first_visit_after_a_restart(app_url, page):
    """A copied profile link opens that unit's profile, even as the server's very first page."""
    expected = cli_scores()
    fifth = next(row for row in expected.values() if row["rank"] == "5")
    visit(page, f"{app_url}/ho_so?lang=en&set=so-2025&year=2026&type=so&unit={fifth['unit']}")
    wait_for_app(page)
    page.get_by_role("heading", name="Unit profile").wait_for()
    page.get_by_test_id("stMetricValue").first.wait_for()
    assert page.get_by_text("Page not found").count() == 0
    values = [v.inner_text() for v in page.get_by_test_id("stMetricValue").all()]
    assert values[0] == format_pct(float(fifth["index_pct"]), lang="en")
    assert values[1] == f"5/{len(expected)}"


def test_overview_to_profile_matches_the_command_line(app_url, page):
    expected = cli_scores()
    visit(page, app_url)
    wait_for_app(page)
    first = next(row["unit"] for row in expected.values() if row["rank"] == "1")
    page.get_by_text(f"Đứng đầu: {first}").wait_for()
    screenshot(page, "01-tong-quan")
    click_table_row(page, 2)  # the unit ranked third
    page.wait_for_url("**/ho_so**")
    wait_for_app(page)
    page.get_by_text("Tiêu chí bị mất nhiều điểm nhất").wait_for()
    screenshot(page, "02-ho-so-don-vi")
    unit = page.get_by_test_id("stMainBlockContainer").get_by_role("combobox", name="Đơn vị").input_value()
    values = [v.inner_text() for v in page.get_by_test_id("stMetricValue").all()]
    third = next(row for row in expected.values() if row["rank"] == "3")
    assert format_pct(float(third["index_pct"])) == values[0]
    assert values[1] == f"3/{len(expected)}"
    assert unit == third["unit"]


def test_switch_language(app_url, page):
    visit(page, app_url)
    wait_for_app(page)
    page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
    page.get_by_role("heading", name="Overview").wait_for()
    page.get_by_text("Mean index").wait_for()
    assert "lang=en" in page.url
    screenshot(page, "03-overview-english")
    visit(page, app_url + "/bo_tieu_chi?lang=en")
    wait_for_app(page)
    page.get_by_role("heading", name="Criteria sets").wait_for()
    screenshot(page, "04-criteria-english")


def test_criteria_page(app_url, page):
    visit(page, app_url + "/bo_tieu_chi?set=tinh-876-2022&year=2023&type=tinh")
    wait_for_app(page)
    page.get_by_text("37 tiêu chí, 88 tiêu chí thành phần").first.wait_for()
    screenshot(page, "05-bo-tieu-chi")


def test_import_broken_then_good_file_changes_the_ranking(app_url, page, tmp_path):
    rows = list(csv.DictReader(SAMPLE.open(encoding="utf-8-sig")))
    broken = tmp_path / "hong.csv"
    bad_rows = [dict(r) for r in rows]
    bad_rows[3]["1.1.1"] = "không rõ"
    write_csv(broken, bad_rows)

    visit(page, app_url + "/nhap_du_lieu?set=so-2025&year=2026&type=so")
    wait_for_app(page)
    screenshot(page, "06-nhap-du-lieu")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(broken))
    page.get_by_text("lỗi; chưa có gì được sử dụng").wait_for()
    page.get_by_text("dòng 5, cột 1.1.1").first.wait_for()
    screenshot(page, "07-nhap-loi")

    last = min(rows, key=lambda r: float(cli_scores()[r["unit"]]["index_pct"]))["unit"]
    good_rows = [dict(r) for r in rows]
    best = next(r for r in rows if cli_scores()[r["unit"]]["rank"] == "1")
    for row in good_rows:
        if row["unit"] == last:
            row.update({k: v for k, v in best.items() if k not in ("unit", "unit_type", "year")})
            for bonus in ("T1", "T2", "T3"):
                row[bonus] = {"T1": "3", "T2": "Bằng khen của Thủ tướng Chính phủ", "T3": "2"}[bonus]
            for penalty in ("P1", "P2", "P3", "P4"):
                row[penalty] = ""
    good = tmp_path / "tot.csv"
    write_csv(good, good_rows)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(good))
    page.get_by_text("không có lỗi").wait_for()
    page.get_by_role("button", name="Dùng số liệu này cho năm 2026").click()
    page.get_by_text("Đã dùng số liệu cho năm 2026").wait_for()
    page.get_by_role("link", name="Tổng quan").last.click()
    wait_for_app(page)
    page.get_by_text("tot.csv").first.wait_for()
    page.get_by_text(f"Đứng đầu: {last}").wait_for()  # the unit that was last now leads
    wait_for_app(page)
    screenshot(page, "08-tong-quan-sau-khi-nhap")


def write_csv(path, rows) -> None:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0].keys()))
        writer.writeheader()
        writer.writerows(rows)


def test_criteria_page_validates_an_uploaded_yaml(app_url, page, tmp_path):
    text = (
        (ROOT / "indicators" / "vi-du-mau.yaml").read_text(encoding="utf-8").replace("ties: standard", "tie: standard")
    )
    broken = tmp_path / "sua.yaml"
    broken.write_text(text, encoding="utf-8")
    line = next(i for i, s in enumerate(text.splitlines(), 1) if s.startswith("tie:"))
    visit(page, app_url + "/bo_tieu_chi")
    wait_for_app(page)
    # the page has two uploaders now (a YAML file, a decision's table): the YAML one comes first
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(str(broken))
    # escaped user text carries an invisible word joiner after each colon (it stops automatic links)
    page.get_by_text(re.compile(rf"sua\.yaml:\u2060?{line}:\u2060? tie")).first.wait_for()
    page.get_by_text("khóa không hợp lệ 'tie'").wait_for()
    screenshot(page, "09-bo-tieu-chi-loi")


def a_yes_no_change_that_moves_a_rank():
    """From the core: a unit, a yes/no leaf it answered "không", and the rank it reaches with "có"."""
    from parindex.criteria import model as m
    from parindex.planning import Scenario, apply
    from parindex.scoring import score_files

    scores, _ = score_files(RULES, SAMPLE)
    columns = scores.compiled.columns
    for row in scores.rank.argsort()[::-1]:
        unit = str(scores.units["unit"][row])
        for j, leaf in enumerate(columns[: scores.compiled.n_leaves]):
            if leaf.rule.kind == m.YES_NO and scores.values[row, j] == 0:
                after = apply(scores, Scenario({unit: {leaf.id: "có"}}))
                if after.rank[row] != scores.rank[row]:
                    return unit, leaf, int(scores.rank[row]), int(after.rank[row])
    raise AssertionError("the sample has no such change")


def test_whatif_change_and_shared_link(app_url, browser, page):
    from parindex.planning import Scenario, encode

    unit, leaf, rank_before, rank_after = a_yes_no_change_that_moves_a_rank()
    visit(page, f"{app_url}/mo_phong?set=so-2025&year=2026&type=so&unit={unit}")
    wait_for_app(page)
    page.get_by_test_id("stExpander").filter(has_text=f"{leaf.field_id}. ").first.locator("summary").click()
    page.get_by_test_id("stCheckbox").filter(has_text=f"{leaf.id} · ").first.locator("label").click()
    page.get_by_text(f"Với 1 thay đổi: hạng {rank_before} → {rank_after}").wait_for()
    screenshot(page, "10-mo-phong")

    fresh = browser.new_context(viewport={"width": 1400, "height": 900})
    other = fresh.new_page()
    link = encode(Scenario({unit: {leaf.id: "có"}}))
    visit(other, f"{app_url}/mo_phong?set=so-2025&year=2026&type=so&scenario={link}")
    wait_for_app(other)
    other.get_by_text(f"Với 1 thay đổi: hạng {rank_before} → {rank_after}").wait_for()
    fresh.close()


def test_planner_then_whatif_reaches_the_target(app_url, page):
    expected = cli_scores()
    twelfth = next(row["unit"] for row in expected.values() if row["rank"] == "12")
    visit(page, f"{app_url}/lo_trinh?set=so-2025&year=2026&type=so&unit={twelfth}")
    wait_for_app(page)
    page.get_by_role("spinbutton", name="Hạng").fill("8")
    page.keyboard.press("Enter")
    wait_for_app(page)
    page.get_by_role("button", name="Lập lộ trình").click()
    page.get_by_text("Đạt hạng 8").wait_for()
    wait_for_app(page)
    screenshot(page, "11-lo-trinh")
    page.get_by_role("button", name="Mở lộ trình trong Mô phỏng").click()
    page.get_by_role("heading", name="Mô phỏng").wait_for()
    page.get_by_text("→ 8").first.wait_for()
    wait_for_app(page)
    screenshot(page, "12-mo-phong-tu-lo-trinh")


def test_staff_enter_a_value_save_reload_and_see_it_in_the_log(app_url, app_database_url, page, monkeypatch):
    from sqlalchemy import select

    from parindex import db
    from parindex.cli import main
    from parindex.db import Round, Unit
    from parindex.planning import Scenario, apply
    from parindex.rounds import round_set, round_values, unit_entries
    from parindex.scoring import score

    monkeypatch.setenv("PARINDEX_DATABASE_URL", app_database_url)  # the server's database
    assert main(["db", "upgrade", "--seed"]) == 0  # the sample rounds, once
    engine = db.make_engine(app_database_url)
    with db.sessions(engine)() as session:
        round_ = session.scalar(select(Round).where(Round.year == 2026, Round.set_id == "so-2025"))
        compiled = round_set(round_)
        table = round_values(session, round_, STAFF, compiled)
        unit = sorted(table.units["unit"])[0]
        current = unit_entries(session, round_, session.scalar(select(Unit).where(Unit.name == unit)), STAFF)[
            "1.1.1"
        ].self_value
    new_value = "không" if current == "có" else "có"
    before = score(compiled, table.values, table.units)
    after = apply(before, Scenario({unit: {"1.1.1": new_value}}))
    row = before.row_of(unit)

    visit(page, f"{app_url}/cham_diem")
    wait_for_app(page)
    grid = page.get_by_test_id("stDataFrame").first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.dblclick(box["x"] + 75 + 60, box["y"] + 35 + 17)  # 1.1.1: the editable column after the id
    page.locator("textarea.gdg-input").fill(new_value)
    page.keyboard.press("Enter")
    page.get_by_text("1 thay đổi chưa lưu").wait_for()
    page.get_by_label("Ghi chú (lý do thay đổi)").fill("Kiểm tra lại kế hoạch")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expected = f"Kết quả hiện tại: chỉ số {format_pct(float(after.index[row]))}"
    page.get_by_text(expected).wait_for()
    screenshot(page, "13-cham-diem")

    page.reload()
    wait_for_app(page)
    page.get_by_text(expected).wait_for()  # kept in the database
    page.get_by_text("Nhật ký thay đổi").click()
    page.get_by_text(f"1.1.1: {current or '—'} → {new_value} (Kiểm tra lại kế hoạch)").wait_for()
    screenshot(page, "14-nhat-ky")


def board_cell(page, unit: str, heading: str) -> str:
    """One cell of the round's board (a data frame drawn on a canvas: read from its accessible table)."""
    grid = page.get_by_role("tabpanel", name="Tình hình kỳ đánh giá").get_by_test_id("stDataFrame").first
    grid.locator("table th").first.wait_for(state="attached")
    headers = grid.locator("table th").all_text_contents()
    for row in grid.locator("table tbody tr").all():
        cells = row.locator("td").all_text_contents()
        if unit in cells:
            return cells[headers.index(heading)]
    raise AssertionError(f"{unit} is not on the board")


def test_a_save_shows_at_once_in_the_log_and_on_the_board(app_url, app_database_url, page, monkeypatch):
    """A save runs only the unit's part of the page again: that part reads the unit anew, so the change log
    shows the save without a reload; the board (the other tab) runs again when opened and counts it."""
    from sqlalchemy import select

    from parindex import db
    from parindex.cli import main
    from parindex.db import Round, Unit
    from parindex.rounds import round_set, round_values, unit_entries

    monkeypatch.setenv("PARINDEX_DATABASE_URL", app_database_url)
    assert main(["db", "upgrade", "--seed"]) == 0
    with db.sessions(db.make_engine(app_database_url))() as session:
        round_ = session.scalar(select(Round).where(Round.year == 2026, Round.set_id == "so-2025"))
        unit = sorted(round_values(session, round_, STAFF, round_set(round_)).units["unit"])[0]  # the page's first
        entries = unit_entries(session, round_, session.scalar(select(Unit).where(Unit.name == unit)), STAFF)
        appraised = sum(e.appraisal1_value is not None or e.appraisal2_value is not None for e in entries.values())
        assert entries["2.1.1"].appraisal1_value is None

    visit(page, f"{app_url}/cham_diem")
    page.get_by_role("tab", name="Tình hình kỳ đánh giá").click()
    wait_for_app(page)
    assert board_cell(page, unit, "Đã thẩm định") == str(appraised)
    page.get_by_role("tab", name="Nhập và thẩm định").click()
    wait_for_app(page)
    page.get_by_test_id("stMain").get_by_text("Thẩm định lần 1", exact=True).click()  # the stage
    wait_for_app(page)
    page.get_by_role("tab", name=re.compile(r"^2\. ")).click()  # the grid's tab of field 2: its editor is drawn now
    wait_for_app(page)
    grid = page.get_by_role("tabpanel", name=re.compile(r"^2\. ")).get_by_test_id("stDataFrame").first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.dblclick(box["x"] + 75 + 60, box["y"] + 35 + 17)  # 2.1.1 (a percentage), the first row of field 2
    page.locator("textarea.gdg-input").fill("99,5")
    page.keyboard.press("Enter")
    page.get_by_text("1 thay đổi chưa lưu").wait_for()
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.get_by_text("Đã lưu 1 giá trị.").wait_for()  # the toast
    page.get_by_text("1 thay đổi chưa lưu").wait_for(state="detached")
    wait_for_app(page)
    page.get_by_text("Nhật ký thay đổi").click()  # no reload: the part that ran again read the log
    page.get_by_text("thẩm định lần 1 · 2.1.1: — → 99,5").wait_for()  # the action in words, not its code
    page.get_by_role("tab", name="Tình hình kỳ đánh giá").click()
    for _ in range(40):  # opening the tab runs the page again; the board is drawn anew when that run ends
        wait_for_app(page)
        if board_cell(page, unit, "Đã thẩm định") == str(appraised + 1):
            break
        page.wait_for_timeout(250)
    assert board_cell(page, unit, "Đã thẩm định") == str(appraised + 1)
