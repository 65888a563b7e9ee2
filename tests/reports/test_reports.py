"""Published reports: open each generated file and check its Vietnamese text and numbers against the core."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import unicodedata

import openpyxl
import pandas as pd
import pypdf
import pytest
from fontTools.ttLib import TTFont

from parindex.analysis import load_national, national_name
from parindex.config import load_settings
from parindex.errors import InputError
from parindex.i18n import format_number, format_pct
from parindex.planning import PlanError, Target, plan
from parindex.reports import (
    Heading,
    ReportInput,
    ReportRequest,
    annex_pdf,
    annex_tables,
    annex_xlsx,
    brief_pdf,
    build_report,
    cheapest_moves,
    file_name,
    font_path,
    summary_lines,
    unit_pdf,
)
from parindex.scoring import required_total_for_rank, round_half_up, score_files
from tests.conftest import DATA, INDICATORS

MUST_RENDER = (
    "Ủy ban nhân dân tỉnh",
    "Cải cách thủ tục hành chính",
    "Xây dựng, phát triển Chính quyền điện tử, Chính quyền số",
)
HEADING = Heading(
    province="Tỉnh Bình An (giả định)",
    authority="Ủy ban nhân dân",
    place="Bình An",
    decision_number="123/QĐ-UBND",
    decision_date=dt.date(2026, 12, 25),
    signer_title="CHỦ TỊCH",
    sample=True,
)


@pytest.fixture(scope="module")
def scored():
    return score_files(INDICATORS / "so-2025.yaml", DATA / "sample" / "so-2025-so-2026.csv")


@pytest.fixture(scope="module")
def national():
    return load_national(DATA / "national")


def pdf_pages(data: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [unicodedata.normalize("NFC", page.extract_text()) for page in reader.pages]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def embedded_fonts(data: bytes) -> set[str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


def assert_every_glyph(data: bytes) -> None:
    """Every character on the pages is in the embedded DejaVu font's character map (nothing drawn as a box)."""
    assert embedded_fonts(data) <= {"DejaVuSansBook", "DejaVuSansBold", "DejaVuSansOblique"}
    cmaps = [TTFont(font_path(style)).getBestCmap() for style in ("", "B", "I")]
    text = "".join(pdf_pages(data))
    missing = {ch for ch in text if not ch.isspace() and any(ord(ch) not in cmap for cmap in cmaps)}
    assert not missing


# -- annex --------------------------------------------------------------------------------------------


def test_annex_tables_follow_the_core(scored):
    scores, _ = scored
    tables = annex_tables(scores)
    assert list(tables) == ["so"]
    frame = tables["so"]
    assert frame["rank"].tolist() == sorted(scores.rank.tolist())
    best = scores.row_of(frame["unit"][0])
    assert frame["index_pct"][0] == scores.index[best]
    assert list(frame.columns[:3]) == ["rank", "unit", "field_1"]


def test_annex_pdf_has_the_ranking_and_every_glyph(scored):
    scores, _ = scored
    data = annex_pdf(scores, 2026, HEADING)
    assert data.startswith(b"%PDF")
    pages = pdf_pages(data)
    text = flat(" ".join(pages))
    for phrase in MUST_RENDER:
        assert phrase in text, phrase
    assert "ỦY BAN NHÂN DÂN" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text and "Bình An, ngày 25 tháng 12 năm 2026" in text
    assert "Quyết định số 123/QĐ-UBND ngày 25/12/2026" in text
    assert "Số liệu mẫu" in text
    for row in range(len(scores)):
        total = float(round_half_up(scores.total[row], 2))
        expected = f"{format_number(total, 2)} {format_number(float(scores.index[row]), 2)} "
        assert expected + scores.grade(row) in text, scores.units["unit"][row]
        assert scores.units["unit"][row] in text
    assert_every_glyph(data)


def test_annex_pdf_in_english(scored):
    scores, _ = scored
    text = flat(" ".join(pdf_pages(annex_pdf(scores, 2026, HEADING, "en"))))
    assert "SOCIALIST REPUBLIC OF VIET NAM" in text and "Index (%)" in text
    best = int(scores.ranking_order()[0])
    assert f"{scores.index[best]:.2f} Excellent" in text


def test_annex_xlsx_numbers_and_neutralised_text(scored):
    scores, _ = scored
    units = scores.units.copy()
    units.loc[0, "unit"] = '=HYPERLINK("http://x","bấm")'
    tricky = dataclasses.replace(scores, units=units)
    book = openpyxl.load_workbook(io.BytesIO(annex_xlsx(tricky, 2026, HEADING)))
    assert book.sheetnames == ["Sở, ban, ngành"]
    sheet = book.active
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    joined = " ".join(cells)
    assert "PHỤ LỤC" in joined and "Cải cách thủ tục hành chính" in joined
    assert "Ủy ban nhân dân tỉnh Bình An (giả định)" in joined
    header = [c.value for c in sheet[10]]
    assert header[:3] == ["Hạng", "Đơn vị", "Lĩnh vực 1"] and header[-2:] == ["Chỉ số (%)", "Xếp loại"]
    rows = list(sheet.iter_rows(min_row=11, max_row=10 + len(scores), values_only=True))
    for rank, unit, *rest in rows:
        row = tricky.row_of(unit.removeprefix("'")) if unit.startswith("'") else tricky.row_of(unit)
        assert rank == tricky.rank[row]
        assert rest[-2] == pytest.approx(tricky.index[row])
        assert rest[-1] == tricky.grade(row)
    names = [r[1] for r in rows]
    assert '\'=HYPERLINK("http://x","bấm")' in names  # text, never a formula
    assert not any(isinstance(c.value, str) and c.value.startswith("=") for row in sheet.iter_rows() for c in row)


def test_decomposed_text_is_printed_composed(scored):
    scores, _ = scored
    units = scores.units.copy()
    units.loc[0, "unit"] = unicodedata.normalize("NFD", "Sở Tư pháp thử")
    data = annex_pdf(dataclasses.replace(scores, units=units), 2026, HEADING)
    text = flat(" ".join(pdf_pages(data)))
    assert "Sở Tư pháp thử" in text  # NFC in, NFC out
    assert_every_glyph(data)


# -- unit report ------------------------------------------------------------------------------------


def test_unit_report_numbers_losses_notes_and_plan(scored):
    scores, table = scored
    row = scores.row_of("Sở Tư pháp")
    notes = pd.DataFrame([{"leaf_id": "3.2.1", "stage": "appraisal1_note", "note": "Đề nghị bổ sung văn bản"}])
    evidence = pd.DataFrame(
        [
            {
                "leaf_id": "1.1.1",
                "number": "12/KH-STP",
                "issued_on": dt.date(2026, 1, 15),
                "issuer": "Sở Tư pháp",
                "description": "Kế hoạch cải cách hành chính năm 2026",
            }
        ]
    )
    data = unit_pdf(scores, row, 2026, HEADING, raw=table.raw, notes=notes, evidence=evidence, target_rank=3)
    pages = pdf_pages(data)
    assert 2 <= len(pages) <= 4
    text = flat(" ".join(pages))
    for phrase in MUST_RENDER:
        assert phrase in text, phrase
    first, second = summary_lines(scores, row)
    assert format_number(float(scores.total[row]), 2) in second
    assert first == f"Chỉ số: {format_pct(float(scores.index[row]))} · Hạng: {int(scores.rank[row])}/20 · Xếp loại: Tốt"
    assert flat(first) in text
    assert "Đề nghị bổ sung văn bản" in text and "12/KH-STP, 15/01/2026" in text
    expected = plan(scores, row, Target(rank=3))
    assert flat(expected.summary("vi")) in text
    for step in expected.steps:
        assert step.leaf_id in text
    assert "Tỷ lệ hồ sơ TTHC được giải quyết đúng hạn" in text  # the largest loss, with its rule
    assert "Từ 100 % trở lên: 3 điểm; từ 98 % đến dưới 100 %: 2,25 điểm" in text  # max 3, 75 % of it
    assert_every_glyph(data)


def test_unit_report_without_a_round_says_so(scored):
    scores, _ = scored
    data = unit_pdf(scores, 0, 2026, HEADING, lang="en")
    text = flat(" ".join(pdf_pages(data)))
    assert "do not come from a scoring round" in text and "No target rank was chosen" in text


def test_unit_report_bad_target(scored):
    scores, _ = scored
    with pytest.raises(PlanError):
        unit_pdf(scores, 0, 2026, HEADING, target_rank=0)


# -- leader's brief -----------------------------------------------------------------------------------


def test_brief_is_one_page_with_gap_and_moves(scored, national):
    scores, _ = scored
    row = scores.row_of("Sở Tư pháp")
    data = brief_pdf(scores, row, 2026, HEADING, national, target_rank=5)
    pages = pdf_pages(data)
    assert len(pages) == 1
    text = flat(pages[0])
    assert "Ủy ban nhân dân tỉnh Bình An (giả định)" in text
    needed = required_total_for_rank(scores, row, 5) - float(scores.total[row])
    assert f"tức thêm {format_number(needed, 2)} điểm" in text
    moves, result = cheapest_moves(scores, row, 5)
    assert len(moves) == 3 and result.reachable
    costs = sorted(s.cost for s in result.steps)
    assert [m.cost for m in moves] == costs[:3]
    for move in moves:
        assert move.leaf_id in text
    assert "Năm 2024 cả nước có 63 tỉnh" in text and "88,37 %" in text
    assert "không có trong bảng kết quả đã công bố năm 2024" in text  # the sample province is imaginary
    assert_every_glyph(data)


def test_brief_places_a_published_province_and_an_assumed_index(scored, national):
    scores, _ = scored
    table = national.year_table(2024)
    known = table.dropna(subset=["par_index_pct", "rank"]).iloc[0]
    heading = dataclasses.replace(HEADING, province=f"Tỉnh {known['province']}")
    text = flat(pdf_pages(brief_pdf(scores, 0, 2026, heading, national))[0])
    assert (
        f"{known['province']}: chỉ số {format_pct(float(known['par_index_pct']))}, hạng {int(known['rank'])}/63" in text
    )
    text = flat(pdf_pages(brief_pdf(scores, 0, 2026, HEADING, national, national_index=99.5))[0])
    assert "Với chỉ số 99,50 %, Bình An (giả định) đứng hạng 1/63" in text


def test_brief_when_the_target_is_met(scored, national):
    scores, _ = scored
    row = int(scores.ranking_order()[0])
    text = flat(pdf_pages(brief_pdf(scores, row, 2026, HEADING, national, target_rank=3))[0])
    assert "đã đạt hạng mục tiêu 3" in text


def test_national_name():
    assert national_name("Tỉnh Bình An (giả định)") == "Bình An (giả định)"
    assert national_name("Thành phố Hải Phòng") == "Hải Phòng"


# -- entry point, settings ----------------------------------------------------------------------------


def test_build_report_and_file_names(scored):
    scores, table = scored
    data = ReportInput(scores=scores, raw=table.raw, year=2026, sample=True)
    xlsx = build_report(ReportRequest("annex", "xlsx"), data, HEADING)
    assert xlsx[:2] == b"PK"
    assert file_name(ReportRequest("annex", "xlsx"), 2026) == "phu-luc-2026.xlsx"
    assert file_name(ReportRequest("unit", unit="Sở Tư pháp"), 2026) == "bao-cao-so-tu-phap-2026.pdf"
    with pytest.raises(KeyError):
        build_report(ReportRequest("unit", unit="Không có"), data, HEADING)


def test_settings_read_the_heading(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text(
        "province: Tỉnh A\nplace: A\ndecision_number: 5/QĐ-UBND\ndecision_date: 2026-12-25\nsigner_title: CHỦ TỊCH\n",
        encoding="utf-8",
    )
    settings = load_settings(path)
    assert settings.decision_date == dt.date(2026, 12, 25) and settings.decision_number == "5/QĐ-UBND"
    heading = Heading.from_settings(settings)
    assert heading.issuer() == "Ủy ban nhân dân tỉnh A"
    path.write_text("decision_date: 25/12/2026\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_settings(path)
    assert "decision_date" in error.value.problems[0].message("vi")
    assert error.value.problems[0].line == 1


def test_shipped_config_is_marked_sample():
    settings = load_settings(INDICATORS.parent / "config.yaml")
    assert "giả định" in settings.province and "mẫu" in settings.decision_number


def test_annex_docx_heading_table_and_numbers_equal_the_core(scored):
    """The annex in Word: the heading block, the title, and every row equal to the core's figures for that unit."""
    import docx

    from parindex.reports import annex_docx

    scores, _ = scored
    document = docx.Document(io.BytesIO(annex_docx(scores, 2026, HEADING)))
    head, ranking, signature = document.tables
    issuer, nation = (" ".join(p.text for p in cell.paragraphs) for cell in head.rows[0].cells)
    assert issuer == "ỦY BAN NHÂN DÂN TỈNH BÌNH AN (GIẢ ĐỊNH) Số: 123/QĐ-UBND"
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in nation and "Bình An, ngày 25 tháng 12 năm 2026" in nation
    body = " ".join(p.text for p in document.paragraphs)
    assert "PHỤ LỤC" in body and "Quyết định số 123/QĐ-UBND ngày 25/12/2026" in body
    assert "Số liệu mẫu" in " ".join(p.text for p in document.sections[0].footer.paragraphs)
    rows = [[cell.text for cell in row.cells] for row in ranking.rows]
    fields = scores.compiled.criteria_set.fields
    assert rows[0][:3] == ["Hạng", "Đơn vị", "LV1"] and rows[0][-3:] == ["Tổng điểm", "Chỉ số (%)", "Xếp loại"]
    assert len(rows) == 1 + len(scores)
    seen = set()
    for rank, unit, *rest in rows[1:]:
        row = scores.row_of(unit)  # joined by the unit's name, never by position
        seen.add(unit)
        assert int(rank) == scores.rank[row]
        for j in range(len(fields)):
            assert rest[j] == format_number(float(round_half_up(scores.field_points[row, j], 2)), 2), (unit, j)
        assert rest[-3] == format_number(float(round_half_up(scores.total[row], 2)), 2)
        assert rest[-2] == format_number(float(scores.index[row]), 2)
        assert rest[-1] == scores.grade(row)
    assert seen == set(scores.units["unit"])
    assert "TM. ỦY BAN NHÂN DÂN" in " ".join(c.text for c in signature.rows[0].cells)


def test_annex_docx_from_the_command_line(tmp_path):
    from parindex.cli import main

    out = tmp_path / "phu-luc.docx"
    rules, data = str(INDICATORS / "so-2025.yaml"), str(DATA / "sample" / "so-2025-so-2026.csv")
    code = main(["report", "annex", "--rules", rules, "--data", data, "--out", str(out)])
    assert code == 0 and out.read_bytes()[:2] == b"PK"
    assert file_name(ReportRequest(kind="annex", fmt="docx"), 2026) == "phu-luc-2026.docx"
