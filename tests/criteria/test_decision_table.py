"""Decision tables in and out: the round trip of every shipped set, generated Word and Excel tables with
merged and multi-line cells and each numbering style, a sum mismatch shown on its row, the comparison of
two sets, and the criteria commands."""

from __future__ import annotations

import dataclasses
import io

import docx
import pytest
from openpyxl import Workbook

from parindex.cli import main
from parindex.criteria import (
    build_import,
    diff_sets,
    export_appendix,
    import_decision,
    load_criteria_set,
    parse_criteria_set,
    read_decision,
    rule_signature,
    summary,
)
from parindex.criteria import model as m
from tests.conftest import INDICATORS

SHIPPED = sorted(INDICATORS.glob("*.yaml"))
HEADER = ["STT", "Tên lĩnh vực, tiêu chí", "Điểm tối đa", "Hướng dẫn chấm điểm"]


def comparable(value, rules_only: bool = False):
    """The set as nested tuples: lines, file and the words read are left out; rules compared by what scores."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {}
        for f in dataclasses.fields(value):
            if f.name in ("line", "file", "guidance"):
                continue
            if rules_only and f.name in (
                "name_en",
                "source",
                "hint",
                "evidence",
                "na_allowed",
                "plannable",
                "description",
                "grades",
                "id",
                "name",
                "decision",
                "years",
                "unit_types",
                "ties",
                "without_survey",
                "index_decimals",
            ):
                continue
            item = getattr(value, f.name)
            out[f.name] = rule_signature(item, 0) if f.name == "rule" else comparable(item, rules_only)
        return type(value).__name__, out
    if isinstance(value, tuple):
        return tuple(comparable(v, rules_only) for v in value)
    return value


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_import_of_the_export_is_the_same_set(path, fmt):
    original = load_criteria_set(path)
    result = import_decision(export_appendix(original, fmt), f"phu-luc.{fmt}")
    assert result.problems == [] and result.review == [] and result.defaults == []
    again = parse_criteria_set(result.yaml_text, "lai.yaml")
    assert comparable(again) == comparable(original)


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_the_table_alone_carries_structure_maxima_and_rules(path, fmt):
    """Without the hidden block (a table retyped by hand), the words alone give the same tree and rules."""
    original = load_criteria_set(path)
    draft = read_decision(export_appendix(original, fmt), f"phu-luc.{fmt}")
    draft.meta = {}
    result = build_import(draft, id="x", name="x", decision="x", years=(2025,), unit_types=("so",))
    assert result.problems == [] and result.review == []
    again = parse_criteria_set(result.yaml_text, "lai.yaml")
    assert comparable(again, rules_only=True) == comparable(original, rules_only=True)


def word_table(rows: list[list[str]], bold_rows: tuple[int, ...] = (), merges=()) -> bytes:
    document = docx.Document()
    document.add_paragraph("PHỤ LỤC")
    table = document.add_table(rows=len(rows) + 1, cols=len(HEADER))
    for c, text in enumerate(HEADER):
        table.cell(0, c).text = text
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.text = ""
            for n, line in enumerate(text.split("\n")):
                paragraph = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
                paragraph.add_run(line).bold = r in bold_rows
    for (r1, c1), (r2, c2) in merges:
        table.cell(r1, c1).merge(table.cell(r2, c2))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def leaf_rules(yaml_text: str) -> dict[str, m.Rule]:
    return {leaf.id: leaf.rule for leaf in parse_criteria_set(yaml_text, "t.yaml").columns}


def test_word_table_with_roman_numbering_merged_and_multi_line_cells():
    rows = [
        ["I", "Công tác chỉ đạo", "3", ""],
        ["1", "Kế hoạch CCHC", "2", ""],
        ["1.1", "Ban hành kế hoạch\nđúng hạn", "1", "Có: 1 điểm\nKhông: 0 điểm"],
        [
            "1.2",
            "Hoàn thành kế hoạch",
            "1",
            "Hoàn thành 100% kế hoạch: 1 điểm; từ 80% đến dưới 100%: 0,5 điểm; dưới 80%: 0 điểm",
        ],
        ["2", "Báo cáo", "1", "Đúng hạn: 1 điểm; Chậm: 0,5 điểm; Không báo cáo: 0 điểm"],
        ["", "Tổng cộng", "3", ""],
    ]
    merges = [((6, 0), (6, 1)), ((4, 3), (5, 3))]  # "Tổng cộng" across two columns; one guidance over two rows
    rows[4][3] = ""
    data = word_table(rows, bold_rows=(1, 2), merges=merges)
    result = import_decision(data, "qd.docx", id="thu", years=(2026,), unit_types=("so",))
    assert result.problems == []
    cs = parse_criteria_set(result.yaml_text, "t.yaml")
    assert [f.id for f in cs.fields] == ["1"] and [c.id for c in cs.criteria] == ["1.1", "1.2"]
    assert cs.leaves[0].name == "Ban hành kế hoạch đúng hạn"  # a multi-line name joined
    assert cs.leaves[0].guidance == "Có: 1 điểm\nKhông: 0 điểm"  # the words kept as written
    rules = leaf_rules(result.yaml_text)
    assert rules["1.1.1"].kind == m.YES_NO
    assert [(b.threshold, b.share) for b in rules["1.1.2"].bands] == [(100, 1.0), (80, 0.5)]
    assert cs.criteria[1].is_leaf and rules["1.2"].kind == m.MANUAL  # the merged guidance belongs to its first row
    assert [row.id for row, _ in result.review] == ["1.2"]
    assert cs.max_points == 3


def test_dotted_numbering_and_letters():
    rows = [
        ["1", "Lĩnh vực một", "2", ""],
        ["1.1", "Tiêu chí", "2", ""],
        ["1.1.1", "Thành phần", "1", "Có: 1 điểm; không: 0 điểm"],
        ["1.1.2", "Thành phần hai", "1", "Mỗi sáng kiến được 0,5 điểm, tối đa 1 điểm"],
    ]
    result = import_decision(word_table(rows), "qd.docx")
    assert result.problems == []
    assert set(leaf_rules(result.yaml_text)) == {"1.1.1", "1.1.2"}
    letters = [
        ["I", "Lĩnh vực", "1", ""],
        ["1", "Tiêu chí", "1", ""],
        ["a)", "Thành phần a", "0,5", "Có: 0,5 điểm; không: 0 điểm"],
        ["b)", "Thành phần b", "0,5", "Mỗi lần chậm trừ 0,25 điểm"],
    ]
    result = import_decision(word_table(letters), "qd.docx")
    assert result.problems == []
    assert leaf_rules(result.yaml_text)["1.1.2"].kind == m.DEDUCTION
    assert "grades" in result.defaults and "years" in result.defaults  # the table does not say them


def test_a_bold_heading_without_number_is_a_level():
    rows = [
        ["", "CÔNG TÁC CHỈ ĐẠO", "1", ""],
        ["1", "Tiêu chí", "1", ""],
        ["1.1", "Thành phần", "1", "Có: 1 điểm; không: 0 điểm"],
    ]
    result = import_decision(word_table(rows, bold_rows=(1,)), "qd.docx")
    assert result.problems == []
    assert [f.name for f in parse_criteria_set(result.yaml_text, "t.yaml").fields] == ["CÔNG TÁC CHỈ ĐẠO"]


def test_a_sum_mismatch_is_shown_on_its_row_and_not_fixed():
    rows = [
        ["I", "Lĩnh vực", "3", ""],
        ["1", "Tiêu chí", "2", ""],
        ["1.1", "Một", "1", "Có: 1 điểm; không: 0 điểm"],
        ["1.2", "Hai", "0,5", "Có: 0,5 điểm; không: 0 điểm"],
    ]
    result = import_decision(word_table(rows), "qd.docx")
    codes = [(p.code, p.row) for p in result.problems]
    assert ("decision_sum", 3) in codes  # the criterion (table row 3) states 2, its items add up to 1,5
    assert ("decision_sum", 2) in codes  # the field states 3, its criterion 2
    assert "dòng 3" in result.problems[[p.row for p in result.problems].index(3)].render("vi")


def test_an_unread_phrase_is_manual_and_listed_for_review():
    rows = [
        ["I", "Lĩnh vực", "1", ""],
        ["1", "Tiêu chí", "1", ""],
        ["1.1", "Một", "1", "Trên 90%: 1 điểm; từ 70% đến 90%: 0,5 điểm; dưới 70%: 0 điểm"],
    ]
    result = import_decision(word_table(rows), "qd.docx")
    assert result.problems == []
    assert [row.id for row, _ in result.review] == ["1.1.1"]
    leaf = parse_criteria_set(result.yaml_text, "t.yaml").leaves[0]
    assert leaf.rule.kind == m.MANUAL and leaf.guidance.startswith("Trên 90%")


def test_excel_table_with_merged_cells_and_a_number_typed_as_number():
    book = Workbook()
    sheet = book.active
    sheet.append(["BỘ TIÊU CHÍ"])
    sheet.merge_cells("A1:D1")
    sheet.append(HEADER)
    sheet.append(["I", "Lĩnh vực", 2, None])
    sheet.append([1, "Tiêu chí", 2, None])
    sheet.append([1.1, "Một", 1, "Có: 1 điểm\nKhông: 0 điểm"])
    sheet.append([1.2, "Hai", 1, "Đạt 100%: 1 điểm; dưới 100%: 0 điểm"])
    sheet.append([None, "(tiếp)", None, "Không phát sinh: 1 điểm"])  # the cell continued on the next row
    buffer = io.BytesIO()
    book.save(buffer)
    result = import_decision(buffer.getvalue(), "qd.xlsx")
    assert result.problems == []
    rules = leaf_rules(result.yaml_text)
    assert rules["1.1.2"].measure == "ratio" and rules["1.1.2"].zero_denominator == "full"


def test_a_file_without_a_table_is_refused_with_a_message(tmp_path, capsys):
    document = docx.Document()
    document.add_paragraph("Không có bảng")
    path = tmp_path / "qd.docx"
    document.save(path)
    assert main(["criteria", "import", str(path), "--out", str(tmp_path / "x.yaml")]) == 2
    assert "dòng tiêu đề" in capsys.readouterr().err
    assert not (tmp_path / "x.yaml").exists()


def test_import_command_exits_2_with_row_messages_and_writes_nothing(tmp_path, capsys):
    rows = [["I", "Lĩnh vực", "3", ""], ["1", "Tiêu chí", "2", ""], ["1.1", "Một", "1", "Có: 1 điểm; không: 0 điểm"]]
    path = tmp_path / "qd.docx"
    path.write_bytes(word_table(rows))
    out = tmp_path / "bo.yaml"
    assert main(["criteria", "import", str(path), "--out", str(out)]) == 2
    assert "qd.docx: dòng 2" in capsys.readouterr().err
    assert not out.exists()


def test_import_command_prints_what_was_parsed_and_what_needs_review(tmp_path, capsys):
    rows = [
        ["I", "Lĩnh vực", "2", ""],
        ["1", "Tiêu chí", "2", ""],
        ["1.1", "Một", "1", "Có: 1 điểm; không: 0 điểm"],
        ["1.2", "Hai", "1", "Tùy tình hình"],
    ]
    path = tmp_path / "qd.docx"
    path.write_bytes(word_table(rows))
    out = tmp_path / "bo.yaml"
    assert main(["criteria", "import", str(path), "--out", str(out), "--id", "thu", "--year", "2026"]) == 0
    printed = capsys.readouterr().out
    assert "1 đọc được quy tắc, 1 cần xem lại" in printed
    assert "dòng 5  1.1.2" in printed
    assert load_criteria_set(out).id == "thu"


def test_export_command_and_its_refusal(tmp_path):
    assert main(["criteria", "export", str(INDICATORS / "vi-du-mau.yaml"), "--out", str(tmp_path / "a.docx")]) == 0
    assert (tmp_path / "a.docx").stat().st_size > 0
    assert main(["criteria", "export", str(INDICATORS / "vi-du-mau.yaml"), "--out", str(tmp_path / "a.pdf")]) == 2


def test_diff_of_two_years(capsys):
    before = load_criteria_set(INDICATORS / "tinh-876-2022.yaml")
    after = load_criteria_set(INDICATORS / "tinh-2024.yaml")
    changes = diff_sets(before, after)
    moved = {(c.id_before, c.id_after) for c in changes if c.kind == "moved"}
    assert ("7.4.1", "7.5.2") in moved  # renumbered, matched by its name
    assert any(c.kind == "added" and c.id_after == "7.4.2" for c in changes)
    assert any(c.kind == "max" and c.id_after == "1.5.1" and c.before == "2" and c.after == "1,5" for c in changes)
    assert diff_sets(before, before) == []
    assert main(["criteria", "diff", str(INDICATORS / "tinh-876-2022.yaml"), str(INDICATORS / "tinh-2024.yaml")]) == 0
    assert f"Thêm {summary(changes)['added']}" in capsys.readouterr().out


def test_rank_change_treats_a_renumbered_sub_criterion_as_common():
    """Matched by name, the renumbered item stays in the common index: the 'criteria set' part is 0."""
    from parindex.scoring import common_pairs, decompose
    from tests.conftest import compile_text, one_field_set, score_rows

    leaves = """
    - {{id: "L1", name: Ban hành kế hoạch CCHC, max: 1, source: reconstructed, rule: {{kind: yes_no}}}}
    - {{id: "{code}", name: Tỷ lệ hồ sơ giải quyết đúng hạn, max: 1, source: reconstructed, rule: {{kind: yes_no}}}}
    """
    before = compile_text(one_field_set(leaves.format(code="L2"), 2))
    after = compile_text(one_field_set(leaves.format(code="L3"), 2))
    units = [("Sở A", "có", "không"), ("Sở B", "không", "có"), ("Sở C", "có", "có")]
    rows_before = [{"unit": u, "unit_type": "so", "L1": a, "L2": b} for u, a, b in units]
    rows_after = [{"unit": u, "unit_type": "so", "L1": b, "L3": a} for u, a, b in units]
    scores_before, scores_after = score_rows(before, rows_before), score_rows(after, rows_after)
    assert common_pairs(scores_before, scores_after) == [("L1", "L1"), ("L2", "L3")]
    parts = decompose(scores_before, scores_after)
    assert parts["criteria"].tolist() == [0, 0, 0]
    assert (parts["gained"] == parts["own"] + parts["others"] + parts["criteria"] + parts["units"]).all()


def test_guidance_is_kept_on_leaves_and_refused_on_a_criterion_with_sub_criteria():
    from parindex.errors import InputError
    from tests.conftest import one_field_set

    text = one_field_set(
        '- {id: "L1", name: Một, max: 1, source: reconstructed, rule: {kind: yes_no}, guidance: "Có: 1 điểm"}', 1
    )
    assert parse_criteria_set(text, "t.yaml").leaves[0].guidance == "Có: 1 điểm"
    broken = text.replace("        name: Tiêu chí\n", "        name: Tiêu chí\n        guidance: Có\n")
    with pytest.raises(InputError) as error:
        parse_criteria_set(broken, "t.yaml")
    assert [p.code for p in error.value.problems] == ["leaf_key_on_criterion"]


def test_an_appendix_split_over_two_word_tables_and_a_second_excel_sheet():
    document = docx.Document()
    first = document.add_table(rows=3, cols=4)
    for c, text in enumerate(HEADER):
        first.cell(0, c).text = text
    for c, text in enumerate(["I", "Lĩnh vực", "2", ""]):
        first.cell(1, c).text = text
    for c, text in enumerate(["1", "Tiêu chí", "2", ""]):
        first.cell(2, c).text = text
    document.add_paragraph("(trang sau)")
    second = document.add_table(rows=3, cols=4)  # the header repeated on the next page
    for c, text in enumerate(HEADER):
        second.cell(0, c).text = text
    for r, row in enumerate(
        [["1.1", "Một", "1", "Có: 1 điểm; không: 0 điểm"], ["1.2", "Hai", "1", "Có: 1 điểm; không: 0 điểm"]], 1
    ):
        for c, text in enumerate(row):
            second.cell(r, c).text = text
    buffer = io.BytesIO()
    document.save(buffer)
    result = import_decision(buffer.getvalue(), "qd.docx")
    assert result.problems == []
    assert set(leaf_rules(result.yaml_text)) == {"1.1.1", "1.1.2"}

    book = Workbook()
    book.active.append(["Ghi chú: bảng ở trang tính sau"])
    sheet = book.create_sheet("Phụ lục")
    sheet.append(HEADER)
    for row in (["I", "Lĩnh vực", 1, None], [1, "Tiêu chí", 1, None], [1.1, "Một", 1, "Có: 1 điểm; không: 0 điểm"]):
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    result = import_decision(buffer.getvalue(), "qd.xlsx")
    assert result.problems == [] and set(leaf_rules(result.yaml_text)) == {"1.1.1"}


def test_a_decision_file_over_the_limits_is_refused_before_it_is_unpacked():
    """The table import checks an upload from the zip's directory first, as a values file is checked: a sheet of
    300.000 rows (2 MB compressed; openpyxl took 17 s and 194 MB to build it) and a Word file whose document
    unpacks to 60 MB are refused at once, by the same limits."""
    import zipfile

    from parindex.errors import InputError

    def zipped(parts: dict[str, bytes]) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, body in parts.items():
                archive.writestr(name, body)
        return out.getvalue()

    book = io.BytesIO()
    Workbook().save(book)
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>x</t></is></c></row>' for r in range(1, 300_002))
    sheet = f'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}'
    with zipfile.ZipFile(book) as source:
        parts = {item.filename: source.read(item.filename) for item in source.infolist()}
    parts["xl/worksheets/sheet1.xml"] = (sheet + "</sheetData></worksheet>").encode()
    with pytest.raises(InputError) as caught:
        read_decision(zipped(parts), "phu-luc.xlsx")
    assert [p.code for p in caught.value.problems] == ["limit_rows"]
    with pytest.raises(InputError) as caught:
        read_decision(zipped({"word/document.xml": bytes(60 * 1024 * 1024)}), "phu-luc.docx")
    assert [p.code for p in caught.value.problems] == ["xlsx_part"]
    with pytest.raises(InputError) as caught:
        read_decision(b"not a zip", "phu-luc.docx")
    assert [p.code for p in caught.value.problems] == ["decision_unreadable"]
