"""The Chấm điểm page with files (AppTest): a unit's workbook in and out, survey results, merged units.

On a database of its own, seeded like `make run`, so what these tests save never reaches other tests.
"""

from __future__ import annotations

import io

from openpyxl import load_workbook
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from parindex import db
from parindex.accounts import Actor
from parindex.criteria import load_criteria_set
from parindex.db import Round, SurveyResult, Unit
from parindex.files import export_unit_workbook
from parindex.i18n import format_number
from parindex.rounds import round_set, round_title, round_values, unit_entries
from tests.conftest import INDICATORS, ROOT, signed_in_state
from ui.markdown import escape_markdown


def tr_vi(key: str) -> str:
    from parindex.i18n import t

    return t(key, "vi")


STAFF = Actor.system("kiem-thu")
PAGE = "pages/cham_diem.py"


def scoring_page(url: str, role: str = "appraiser") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.session_state["auth"] = signed_in_state(role, url)
    at.switch_page(PAGE)
    return at.run()


def current(url: str, unit_name: str, leaf_id: str):
    """The unit's row for ``leaf_id`` in the 2026 department round, its survey results, and the round's set."""
    engine = db.make_engine(url)
    with db.sessions(engine)() as session:
        round_ = session.scalar(select(Round).where(Round.year == 2026, Round.set_id == "so-2025"))
        unit = session.scalar(select(Unit).where(Unit.name == unit_name))
        entries = unit_entries(session, round_, unit, STAFF)
        entry = entries.get(leaf_id)
        entry.all_self_values = {leaf: e.self_value for leaf, e in entries.items() if e.self_value}
        survey = session.scalars(
            select(SurveyResult).where(SurveyResult.round_id == round_.id, SurveyResult.unit_id == unit.id)
        ).all()
        compiled = round_set(round_)
    engine.dispose()
    return entry, survey, compiled


def returned_workbook(
    compiled, unit: str, values: dict[str, str], changes: dict[str, object], round_id: int | None = None
) -> bytes:
    """The unit's workbook as the page exports it (with its ``values``, stamped by the round), some cells retyped,
    as a unit sends it back."""
    book = load_workbook(io.BytesIO(export_unit_workbook(compiled, unit, "so", 2026, values, round_id=round_id)))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value in changes and cell.column == 1:
                    sheet.cell(row=cell.row, column=7).value = changes[cell.value]  # "Giá trị tự đánh giá"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_returned_workbook_is_previewed_then_saved(database):
    at = scoring_page(database)
    assert not at.exception
    unit = at.selectbox(key="score_unit").value
    entry, _, compiled = current(database, unit, "1.1.1")
    new_value = "không" if entry.self_value == "có" else "có"
    uploader = next(u for u in at.file_uploader if u.key and u.key.startswith("wb_"))
    uploader.upload(
        f"tu-danh-gia-{unit}.xlsx",
        returned_workbook(compiled, unit, entry.all_self_values, {"1.1.1": new_value}, entry.round_id),
    ).run()
    assert not at.exception and not at.error
    preview = next(d.value for d in at.dataframe if "Điểm mới" in d.value.columns)
    assert preview["Mã"].tolist() == ["1.1.1"]
    assert current(database, unit, "1.1.1")[0].self_value == entry.self_value  # nothing saved before the click
    at.button(key="save_workbook").click().run()
    assert not at.exception
    assert current(database, unit, "1.1.1")[0].self_value == new_value


def test_a_broken_workbook_is_explained_and_changes_nothing(database):
    at = scoring_page(database)
    unit = at.selectbox(key="score_unit").value
    entry, _, compiled = current(database, unit, "1.1.2")
    uploader = next(u for u in at.file_uploader if u.key and u.key.startswith("wb_"))
    uploader.upload(
        "hong.xlsx",
        returned_workbook(compiled, unit, entry.all_self_values, {"1.1.2": "khoảng chín mươi"}, entry.round_id),
    ).run()
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert "1.1.2" in errors or "hong.xlsx" in errors
    assert any("Không có gì thay đổi" in c.value or "không thay đổi" in c.value.lower() for c in at.caption)
    assert current(database, unit, "1.1.2")[0].self_value == entry.self_value


def test_survey_results_are_imported_only_when_the_whole_file_is_clean(database):
    at = scoring_page(database)
    unit = at.selectbox(key="score_unit").value
    _, before, compiled = current(database, unit, "1.1.1")
    item = next(leaf.id for leaf in compiled.leaves if leaf.part == "survey")
    broken = f"unit,respondents,{item}\n{unit},30,abc\nĐơn vị lạ,10,50\n".encode()
    at.file_uploader(key="survey_upload").upload("dtxhh.csv", broken, "text/csv").run()
    at.button(key="import_survey").click().run()
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert "dòng 2" in errors and "dòng 3" in errors
    assert current(database, unit, "1.1.1")[1] == before  # nothing saved
    at.file_uploader(key="survey_upload").upload(
        "dtxhh.csv", f'unit,respondents,{item}\n{unit},30,"87,5"\n'.encode(), "text/csv"
    ).run()
    at.button(key="import_survey").click().run()
    assert not at.exception and not at.error
    saved = {r.leaf_id: (r.share_pct, r.respondents) for r in current(database, unit, "1.1.1")[1]}
    assert saved[item] == (87.5, 30)


def test_a_survey_file_that_would_change_results_asks_first(database):
    """Importing a second survey file that changes a result shows which one (value there, who wrote it, value in
    the file) and saves nothing; "keep" leaves it as it is, "replace" writes the file."""
    at = scoring_page(database)
    unit = at.selectbox(key="score_unit").value
    _, _, compiled = current(database, unit, "1.1.1")
    item = next(leaf.id for leaf in compiled.leaves if leaf.part == "survey")

    def import_file(share: str) -> None:
        body = f'unit,respondents,{item}\n{unit},30,"{share}"\n'.encode()
        at.file_uploader(key="survey_upload").upload(f"dtxhh-{share}.csv", body, "text/csv").run()
        at.button(key="import_survey").click().run()

    def saved() -> tuple[float, int]:
        return {r.leaf_id: (r.share_pct, r.respondents) for r in current(database, unit, "1.1.1")[1]}[item]

    import_file("87,5")
    assert saved() == (87.5, 30) and not at.warning
    import_file("60")
    assert not at.exception and not at.error
    said = "Chưa nhập: tệp sẽ thay 1 kết quả điều tra đã có; xem bảng dưới rồi chọn thay hay giữ"
    assert [w.value for w in at.warning] == [escape_markdown(said)]
    table = at.dataframe[-1].value
    assert table.iloc[0].tolist() == [unit, item, "87,50 % (30)", "thamdinh", "60,00 % (30)"]
    assert saved() == (87.5, 30)
    at.button(key="survey_keep").click().run()
    assert not at.warning and saved() == (87.5, 30)
    import_file("60")
    at.button(key="survey_replace").click().run()
    assert not at.exception and not at.error and not at.warning
    assert saved() == (60.0, 30)


def test_an_admin_records_a_merger_on_the_board(database):
    from parindex.rounds import unit_lineage

    at = scoring_page(database, role="admin")
    assert not at.exception
    form = [s for s in at.selectbox if s.label in ("Đơn vị", "Sáp nhập vào") and s.key is None]
    unit_box, into_box = form[-2], form[-1]
    unit_box.select_index(unit_box.options.index("Sở Tư pháp (so)"))  # options are the labels shown
    into_box.select_index(into_box.options.index("Sở Nội vụ (so)"))
    next(n for n in at.number_input if n.label == "Năm cuối cùng").set_value(2025)
    next(t for t in at.text_input if t.label == "Lý do, căn cứ").input("Nghị quyết sáp nhập (thử)")
    next(b for b in at.button if b.label == tr_vi("ui.save") and "retire_unit" in (b.key or b.id)).click().run()
    assert not at.exception and not at.error
    engine = db.make_engine(database)
    with db.sessions(engine)() as session:
        row = unit_lineage(session).set_index("unit").loc["Sở Tư pháp"]
    engine.dispose()
    assert (row["last_year"], row["merged_into"]) == (2025, "Sở Nội vụ")
    from parindex.rounds import restore_unit

    with db.sessions(engine).begin() as session:  # the other tests of this module still use Sở Tư pháp in 2026+
        restore_unit(session, STAFF, session.scalar(select(Unit).where(Unit.name == "Sở Tư pháp")))
    engine.dispose()
    assert not [s for s in scoring_page(database, role="appraiser").selectbox if s.label == "Sáp nhập vào"]


def test_a_merger_recorded_meanwhile_by_another_admin_is_not_undone(database):
    """The form was drawn before a colleague recorded Sở Tư pháp's merger: its "undo" is refused, with the unit's
    name, and the merger stays."""
    from parindex.rounds import restore_unit, retire_unit, unit_lineage

    at = scoring_page(database, role="admin")
    unit_box = [s for s in at.selectbox if s.label == "Đơn vị" and s.key is None][-1]
    unit_box.select_index(unit_box.options.index("Sở Tư pháp (so)"))
    next(c for c in at.checkbox if c.label == tr_vi("ui.restore_unit")).check()
    engine = db.make_engine(database)
    with db.sessions(engine).begin() as session:
        units = {u.name: u for u in session.scalars(select(Unit))}
        retire_unit(session, STAFF, units["Sở Tư pháp"], 2025, units["Sở Nội vụ"], "Nghị quyết")
    next(b for b in at.button if b.label == tr_vi("ui.save") and "retire_unit" in (b.key or b.id)).click().run()
    assert not at.exception
    assert any("Sở Tư pháp" in e.value and "người khác" in e.value for e in at.error)
    with db.sessions(engine).begin() as session:
        row = unit_lineage(session).set_index("unit").loc["Sở Tư pháp"]
        assert (row["last_year"], row["merged_into"]) == (2025, "Sở Nội vụ")
        restore_unit(session, STAFF, session.scalar(select(Unit).where(Unit.name == "Sở Tư pháp")))
    engine.dispose()


def test_an_admin_opens_a_round_and_staff_import_a_values_file_into_it(database):
    at = scoring_page(database, role="admin")
    next(n for n in at.number_input if n.label == "Năm đánh giá").set_value(2027)
    shown = load_criteria_set(INDICATORS / "so-2025.yaml").label("vi") + " (so-2025)"  # the set's name, not its file
    set_box = next(s for s in at.selectbox if s.label == "Bộ tiêu chí" and shown in s.options)
    set_box.select_index(set_box.options.index(shown))
    next(b for b in at.button if "open_round" in (b.key or b.id)).click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    title = "2027 · " + load_criteria_set(INDICATORS / "so-2025.yaml").label("vi")  # a round by its set's name
    assert f"Đã mở kỳ {title}." in [t.value for t in at.toast]  # a confirmation, with the page run again

    at = scoring_page(database, role="appraiser")
    round_box = at.selectbox(key="round")
    round_box.select_index(next(i for i, o in enumerate(round_box.options) if o.startswith(title))).run()
    sample = (ROOT / "data" / "sample" / "so-2025-so-2026.csv").read_bytes()
    broken = sample.replace(b"\n", b"\nS\xe1\xbb\x9f L\xe1\xba\xa1,so," + b"abc," * 3 + b"\n", 1)
    at.file_uploader(key="round_values_upload").upload("so-lieu.csv", broken, "text/csv").run()
    at.button(key="import_round").click().run()
    assert not at.exception and at.error  # every problem listed, by row and column
    assert "so-lieu.csv" in at.error[0].value and "dòng 2" in at.error[0].value
    at.file_uploader(key="round_values_upload").upload("so-lieu.csv", sample, "text/csv").run()
    at.button(key="import_round").click().run()
    assert not at.exception and not at.error
    engine = db.make_engine(database)
    with db.sessions(engine)() as session:
        round_ = session.scalar(select(Round).where(Round.year == 2027))
        assert round_.opened_by == "quantri"
        assert round_values_count(session, round_) == 20
        cells = int((round_values(session, round_, STAFF).raw != "").to_numpy().sum())  # every typed cell was empty
    engine.dispose()
    assert f"Đã lưu {format_number(cells, 0)} ô thay đổi." in [
        t.value for t in at.toast
    ]  # said, and the board read anew


def round_values_count(session, round_) -> int:
    from parindex.rounds import round_values

    return len(round_values(session, round_, STAFF).units)


def test_the_result_line_under_the_grid_is_the_units_result_in_the_round(database):
    """Staff see the chosen unit's index, rank and grade in the open round (as the core scores it); a unit
    officer sees it only once the round is published."""
    from parindex.i18n import format_pct, t
    from parindex.rounds import round_values
    from parindex.scoring import score

    title = "2026 · " + load_criteria_set(INDICATORS / "so-2025.yaml").label("vi")  # another test opens 2027

    def round_2026(role: str) -> AppTest:
        at = scoring_page(database, role)
        box = at.selectbox(key="round")
        return box.select_index(next(i for i, o in enumerate(box.options) if o.startswith(title))).run()

    at = round_2026("appraiser")
    assert not at.exception
    unit = at.selectbox(key="score_unit").value
    engine = db.make_engine(database)
    with db.sessions(engine)() as session:
        round_ = session.scalar(select(Round).where(Round.year == 2026, Round.set_id == "so-2025"))
        table = round_values(session, round_, STAFF)
    engine.dispose()
    scores = score(round_set(round_), table.values, table.units)
    row = scores.row_of(unit)
    index, rank, grade = format_pct(float(scores.index[row])), int(scores.rank[row]), scores.grade(row)
    expected = t("ui.unit_result", "vi", index=index, rank=rank, grade=grade)
    assert expected in [c.value for c in at.caption]
    officer = round_2026("unit_officer")
    assert not officer.exception
    assert tr_vi("ui.result_after_publish") in [c.value for c in officer.caption]


def test_publishing_is_confirmed_and_the_round_reads_published_at_once(database):
    from parindex.rounds import open_round

    engine = db.make_engine(database)
    with db.sessions(engine).begin() as session:
        opened = open_round(session, 2030, INDICATORS / "so-2025.yaml", STAFF)
        title = round_title(opened, "vi")
    engine.dispose()
    at = scoring_page(database, role="admin")
    round_box = at.selectbox(key="round")
    round_box.select_index(next(i for i, o in enumerate(round_box.options) if o.startswith(title))).run()
    before = at.selectbox(key="round")
    assert before.options[before.index] == f"{title} · đang chấm"
    at.button(key="publish").click().run()
    at.button(key="publish_yes").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert f"Đã công bố kết quả kỳ {title}." in [t.value for t in at.toast]
    shown = at.selectbox(key="round")  # the same run shows the new status, no reload needed
    assert shown.options[shown.index] == f"{title} · đã công bố"
    keys = {b.key for b in at.button}
    assert "reopen" in keys and "publish" not in keys  # the board offers what a published round allows
