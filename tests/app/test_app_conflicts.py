"""The conflict table of the Chấm điểm page (AppTest): a returned workbook and a values file that meet a newer value.

On a database of its own, seeded like `make run`.
"""

from __future__ import annotations

import io

from openpyxl import load_workbook
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from parindex import db
from parindex.accounts import Actor
from parindex.db import Round, Unit
from parindex.i18n import t
from parindex.rounds import set_explanation, set_value, unit_entries, unit_workbook
from tests.conftest import ROOT, signed_in_state
from ui.markdown import escape_markdown

UNIT, LEAF = "Sở Tư pháp", "3.3.1"  # 97,42 in the sample file
COLLEAGUE = Actor("chuyen_vien_khac", "appraiser")
PAGE = "pages/cham_diem.py"


def in_round(url: str, action):
    """Run ``action(session, round, unit)`` on the 2026 department round in one transaction."""
    engine = db.make_engine(url)
    try:
        with db.sessions(engine).begin() as session:
            round_ = session.scalar(select(Round).where(Round.year == 2026, Round.set_id == "so-2025"))
            unit = session.scalar(select(Unit).where(Unit.name == UNIT))
            return action(session, round_, unit)
    finally:
        engine.dispose()


def value_now(url: str) -> str:
    return in_round(url, lambda s, r, u: unit_entries(s, r, u, COLLEAGUE)[LEAF].self_value)


def colleague_sets(url: str, value: str) -> None:
    in_round(url, lambda s, r, u: set_value(s, r, u, LEAF, value, COLLEAGUE))


def scoring_page(url: str, role: str = "appraiser") -> AppTest:
    """The scoring page on UNIT, with the grid's tab of LEAF's field open (only the open field's editor is drawn)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.session_state["auth"] = signed_in_state(role, url)
    at.switch_page(PAGE)
    at.run()
    box = at.selectbox(key="score_unit")
    if box.value != UNIT:
        box.select(UNIT).run()
    field = LEAF.split(".")[0]
    at.session_state["grid_field_vi"] = next(tab.label for tab in at.tabs if tab.label.startswith(field))
    return at.run()


def retyped(workbook: bytes, value: str) -> bytes:
    book = load_workbook(io.BytesIO(workbook))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            if row[0].value == LEAF:
                sheet.cell(row=row[0].row, column=7).value = value  # "Giá trị tự đánh giá"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def workbook_store(at: AppTest) -> str:
    """The page's name for the returned workbook's plan (one per unit)."""
    return next(b.key for b in at.button if (b.key or "").startswith("wb_return_")).rsplit("_all_", 1)[0]


def conflict_warning(at: AppTest) -> str:
    return " ".join(w.value for w in at.warning if "xung đột" in w.value)


def test_a_returned_workbook_meeting_a_newer_value_waits_for_a_decision(database):
    exported = in_round(database, lambda s, r, u: unit_workbook(s, r, u, COLLEAGUE))
    colleague_sets(database, "88")  # after the export
    at = scoring_page(database)
    uploader = next(u for u in at.file_uploader if u.key and u.key.startswith("wb_"))
    uploader.upload("tra-lai.xlsx", retyped(exported, "12")).run()
    assert not at.exception and not at.error
    assert "**1** ô xung đột" in conflict_warning(at)
    assert at.button(key="save_workbook").disabled  # nothing can be saved before a choice
    assert value_now(database) == "88"
    at.button(key=f"{workbook_store(at)}_all_theirs").click().run()
    assert not at.button(key="save_workbook").disabled
    at.button(key="save_workbook").click().run()
    assert not at.exception and not at.error
    assert value_now(database) == "88"  # the colleague's value kept, as chosen


def test_keep_all_mine_overwrites_only_when_chosen(database):
    exported = in_round(database, lambda s, r, u: unit_workbook(s, r, u, COLLEAGUE))
    colleague_sets(database, "77")
    at = scoring_page(database)
    uploader = next(u for u in at.file_uploader if u.key and u.key.startswith("wb_"))
    uploader.upload("tra-lai-2.xlsx", retyped(exported, "12")).run()
    at.button(key=f"{workbook_store(at)}_all_mine").click().run()
    at.button(key="save_workbook").click().run()
    assert not at.exception and not at.error
    assert value_now(database) == "12"


def test_a_values_file_conflict_is_listed_and_cancel_saves_nothing(database):
    colleague_sets(database, "99")
    sample = (ROOT / "data" / "sample" / "so-2025-so-2026.csv").read_bytes()
    at = scoring_page(database)
    at.file_uploader(key="round_values_upload").upload("so-lieu.csv", sample, "text/csv").run()
    at.button(key="import_round").click().run()
    assert not at.exception and not at.error
    assert "**1** ô xung đột" in conflict_warning(at)
    assert value_now(database) == "99"
    at.button(key="round_import_cancel").click().run()
    assert not at.exception
    assert t("conflict.cancelled") in [c.value for c in at.caption]
    assert value_now(database) == "99"
    at.button(key="import_round").click().run()  # again, and this time keep the file's value
    at.button(key="round_import_all_mine").click().run()
    at.button(key="import_round_apply").click().run()
    assert not at.exception and not at.error
    assert value_now(database) == "97,42"


def edit_state(row: int, column: str, value: str) -> dict:
    return {"edited_rows": {row: {column: value}}, "added_rows": [], "deleted_rows": []}


def test_a_grid_edit_checks_the_version_shown_when_editing_began(database):
    """Regression: the row was saved by a colleague while the user was typing; the click reran the page, which
    reloaded the row's version, so the save went through over the colleague's value."""
    colleague_sets(database, "95")
    at = scoring_page(database)
    editor = next(e for e in at.data_editor if (e.key or "").startswith("grid_") and LEAF in e.value["id"].tolist())
    at.session_state[editor.key] = edit_state(editor.value["id"].tolist().index(LEAF), "value", "50")
    at.run()
    assert any("1** thay đổi chưa lưu" in m.value for m in at.markdown)
    colleague_sets(database, "96")  # while the user is still looking at 95
    at.button(key="save").click().run()
    assert not at.exception and not at.error
    assert "**1** ô xung đột" in conflict_warning(at)
    assert value_now(database) == "96"
    table = next(e for e in at.data_editor if (e.key or "").startswith("grid_save_table_"))
    assert table.value[["theirs", "by", "mine"]].values.tolist() == [["96", COLLEAGUE.name, "50"]]
    at.session_state[table.key] = edit_state(0, "choice", t("conflict.keep_mine"))  # a choice on the row itself
    at.run()
    at.button(key="grid_save_apply").click().run()
    assert not at.exception and not at.error
    assert value_now(database) == "50"
    assert "Đã lưu 1 giá trị." in [toast.value for toast in at.toast]


def test_a_grid_save_is_confirmed_and_the_grid_is_read_again(database):
    at = scoring_page(database)
    editor = next(e for e in at.data_editor if (e.key or "").startswith("grid_") and LEAF in e.value["id"].tolist())
    row = editor.value["id"].tolist().index(LEAF)
    at.session_state[editor.key] = edit_state(row, "value", "88,5")
    at.run()
    at.button(key="save").click().run()
    assert not at.exception and not at.error
    assert value_now(database) == "88,5"
    assert "Đã lưu 1 giá trị." in [toast.value for toast in at.toast]
    assert not any("thay đổi chưa lưu" in m.value for m in at.markdown)  # the grid starts again from the database
    # a new editor (its key counts the restarts, so the browser does not send the old edits back)
    editor = next(e for e in at.data_editor if (e.key or "").startswith("grid_") and LEAF in e.value["id"].tolist())
    assert editor.value["value"].tolist()[row] == "88,5"


def grid_editors(at: AppTest) -> list:
    return [e for e in at.data_editor if (e.key or "").startswith("grid_") and not e.key.startswith("grid_save")]


def test_only_the_open_field_is_drawn_and_edits_in_two_fields_are_saved_together(database):
    """One editor is drawn, the open field's; an editor with unsaved edits stays drawn when another field is opened,
    so edits in two fields are saved with one click."""
    at = scoring_page(database)
    assert [LEAF in e.value["id"].tolist() for e in grid_editors(at)] == [True]
    editor = grid_editors(at)[0]
    at.session_state[editor.key] = edit_state(editor.value["id"].tolist().index(LEAF), "value", "77,5")
    at.run()
    first_field = next(tab.label for tab in at.tabs if tab.label.startswith("1"))
    at.session_state["grid_field_vi"] = first_field
    at.run()
    assert len(grid_editors(at)) == 2  # the open field's, and the one holding an edit
    other = next(e for e in grid_editors(at) if LEAF not in e.value["id"].tolist())
    other_leaf = other.value["id"].tolist()[0]
    answer = "có" if other.value["value"].tolist()[0] != "có" else "không"
    at.session_state[other.key] = edit_state(0, "value", answer)
    at.run()
    assert any("2** thay đổi chưa lưu" in m.value for m in at.markdown)
    at.button(key="save").click().run()
    assert not at.exception and not at.error
    assert "Đã lưu 2 giá trị." in [toast.value for toast in at.toast]
    saved = in_round(database, lambda s, r, u: unit_entries(s, r, u, COLLEAGUE))
    assert (saved[LEAF].self_value, saved[other_leaf].self_value) == ("77,5", answer)
    assert len(grid_editors(at)) == 1  # saved: only the open field's editor again


def sent_button(at: AppTest) -> list:
    """The explanation form's submit button, if the form is drawn."""
    return [b for b in at.button if (b.key or "").startswith("FormSubmitter:explanation-")]


def test_an_explanation_request_is_sent_from_its_expander_once_opened(database):
    """The explanation form is drawn only while its expander is open; opened, it sends the council's request."""
    at = scoring_page(database)
    at.button_group(key="stage").set_value("appraisal1").run()
    assert not sent_button(at)  # closed: nothing is drawn in it
    at.session_state["open_ui.explanations"] = True  # what a click on the expander's title sets
    at.run()
    assert sent_button(at)
    form_leaf = next(s for s in at.selectbox if (s.key or "").startswith("ex_leaf_"))
    form_leaf.set_value(LEAF)
    at.text_area[0].input("Đề nghị bổ sung báo cáo quý IV")
    sent_button(at)[0].click().run()
    assert not at.exception and not at.error
    request = in_round(database, lambda s, r, u: unit_entries(s, r, u, COLLEAGUE)[LEAF].explanation_request)
    assert request == "Đề nghị bổ sung báo cáo quý IV"
    assert "Đã gửi." in [toast.value for toast in at.toast]


def test_a_request_sent_meanwhile_by_a_colleague_is_shown_not_replaced(database):
    """Two council members have the explanation form open; the colleague's request is saved first. The second
    request is refused with the colleague's name, the colleague's words stay, and sent again from the redrawn
    form (which now lists the colleague's request) it goes through."""
    at = scoring_page(database)
    at.button_group(key="stage").set_value("appraisal1").run()
    at.session_state["open_ui.explanations"] = True
    at.run()
    next(s for s in at.selectbox if (s.key or "").startswith("ex_leaf_")).set_value(LEAF)
    at.text_area[0].input("Đề nghị bổ sung báo cáo quý IV")
    in_round(database, lambda s, r, u: set_explanation(s, r, u, LEAF, COLLEAGUE, request="Thiếu số hiệu văn bản"))
    sent_button(at)[0].click().run()
    assert not at.exception
    entry = in_round(database, lambda s, r, u: unit_entries(s, r, u, COLLEAGUE)[LEAF])
    assert entry.explanation_request == "Thiếu số hiệu văn bản"
    said = t("round.conflict", "vi", by=COLLEAGUE.name, version=entry.version)
    assert [e.value for e in at.error] == [escape_markdown(said)]
    assert any("Thiếu số hiệu văn bản" in m.value for m in at.markdown)  # the form now shows it as pending
    next(s for s in at.selectbox if (s.key or "").startswith("ex_leaf_")).set_value(LEAF)
    at.text_area[0].input("Đề nghị bổ sung báo cáo quý IV")
    sent_button(at)[0].click().run()
    assert not at.exception and not at.error
    request = in_round(database, lambda s, r, u: unit_entries(s, r, u, COLLEAGUE)[LEAF].explanation_request)
    assert request == "Đề nghị bổ sung báo cáo quý IV"
