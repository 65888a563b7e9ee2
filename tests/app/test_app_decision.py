"""The Bộ tiêu chí page with a decision table (AppTest): upload, review with a flagged row, check, install;
the comparison of two sets and the appendix export."""

from __future__ import annotations

import dataclasses
import io
import shutil

import docx
import pytest

from parindex.criteria import load_criteria_set
from tests.app.test_app import open_app
from tests.conftest import INDICATORS
from ui import common, resources

ROWS = [
    ["I", "Công tác chỉ đạo", "2", ""],
    ["1", "Kế hoạch CCHC", "2", ""],
    ["1.1", "Ban hành kế hoạch", "1", "Có: 1 điểm; Không: 0 điểm"],
    ["1.2", "Hoàn thành kế hoạch", "1", "Trên 90%: 1 điểm; từ 70% đến 90%: 0,5 điểm; dưới 70%: 0 điểm"],
]


def decision_table() -> bytes:
    document = docx.Document()
    table = document.add_table(rows=len(ROWS) + 1, cols=4)
    for c, text in enumerate(["STT", "Tiêu chí", "Điểm tối đa", "Hướng dẫn chấm điểm"]):
        table.cell(0, c).text = text
    for r, row in enumerate(ROWS, start=1):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def own_indicators(tmp_path, monkeypatch):
    """The page installs into a copy of indicators/, never into the repository's."""
    folder = tmp_path / "indicators"
    shutil.copytree(INDICATORS, folder)
    patched = dataclasses.replace(resources.settings(), indicators_dir=folder)
    monkeypatch.setattr(resources, "settings", lambda: patched)  # what the page reads
    monkeypatch.setattr(common, "settings", lambda: patched)  # what the catalogue reads
    common.base_catalog.clear()
    yield folder
    common.base_catalog.clear()


def test_upload_review_check_and_install(own_indicators):
    at = open_app("vi", "pages/bo_tieu_chi.py", set="vi-du-mau")
    assert not at.exception
    at.file_uploader(key="decision_upload").upload("qd-thu.docx", decision_table()).run()
    assert not at.exception and not at.error
    assert any("1 có cách tính, 1 cần xem lại" in i.value for i in at.info)
    at.text_input(key="decision_id").set_value("qd-thu-2026").run()
    at.text_input(key="decision_years").set_value("2026").run()
    at.toggle(key="decision_check").set_value(True).run()
    assert not at.exception
    assert any("Bộ tiêu chí 'qd-thu-2026' hợp lệ" in s.value for s in at.success)
    at.button(key="install_qd-thu-2026.yaml").click().run()
    assert not at.exception
    installed = load_criteria_set(own_indicators / "qd-thu-2026.yaml")
    assert installed.years == (2026,)
    assert installed.leaves[1].rule.kind == "manual"  # the flagged row stays manual until corrected
    assert installed.leaves[1].guidance.startswith("Trên 90%")


def test_compare_and_export_are_shown():
    at = open_app("vi", "pages/bo_tieu_chi.py", set="tinh-876-2022", year="2022", type="tinh")
    assert not at.exception
    at.selectbox(key="compare_before_vi").set_value("tinh-876-2022").run()
    at.selectbox(key="compare_after_vi").set_value("tinh-2024").run()
    assert not at.exception
    assert any("Thêm 2" in c.value for c in at.caption)


def test_the_review_in_english():
    at = open_app("en", "pages/bo_tieu_chi.py", set="vi-du-mau")
    at.file_uploader(key="decision_upload").upload("qd-thu.docx", decision_table()).run()
    assert not at.exception and not at.error
    assert any("1 with a rule, 1 to review" in i.value for i in at.info)
    assert any("grades" in c.value for c in at.caption)


def test_a_set_installed_by_someone_else_after_the_form_was_drawn_is_not_replaced(own_indicators):
    """Two admins install the same set: the second, whose form was drawn before the first one's install, is
    refused and told so; the form then shows the installed file, and a fresh tick replaces it."""
    at = open_app("vi", "pages/bo_tieu_chi.py", set="vi-du-mau")
    at.file_uploader(key="decision_upload").upload("qd-thu.docx", decision_table()).run()
    at.text_input(key="decision_id").set_value("qd-thu-2026").run()
    at.text_input(key="decision_years").set_value("2026").run()
    at.toggle(key="decision_check").set_value(True).run()
    assert not [c for c in at.caption if "Đã có bộ 'qd-thu-2026'" in c.value]  # nothing installed yet
    target = own_indicators / "qd-thu-2026.yaml"
    colleague = "id: qd-thu-2026\n# cài bởi người khác\n"
    target.write_text(colleague, encoding="utf-8")  # another admin's install, after this form was drawn
    at.button(key="install_qd-thu-2026.yaml").click().run()
    assert not at.exception
    assert any("Chưa cài" in e.value and "qd-thu-2026.yaml" in e.value for e in at.error)
    assert target.read_text(encoding="utf-8") == colleague
    assert any("Đã có bộ 'qd-thu-2026'" in c.value for c in at.caption)  # now the form shows the installed file
    [replace] = [c for c in at.checkbox if c.key.startswith("replace_qd-thu-2026.yaml_")]
    replace.check().run()
    at.button(key="install_qd-thu-2026.yaml").click().run()
    assert not at.exception and not at.error
    assert load_criteria_set(target).years == (2026,)
