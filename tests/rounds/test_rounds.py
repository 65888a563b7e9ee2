"""Scoring rounds in a real database, on SQLite and on the PostgreSQL server (127.0.0.1:5432, test)."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from sqlalchemy import select, text

from parindex import db
from parindex.accounts import AccessDenied, Actor, add_user
from parindex.db import AuditRecord
from parindex.rounds import (
    ConflictError,
    RoundError,
    audit_log,
    ensure_unit,
    list_rounds,
    open_round,
    publish,
    reopen,
    round_set,
    round_values,
    set_value,
)
from parindex.scoring import score
from tests.conftest import INDICATORS, upgraded_engine

STAFF = Actor("tham_dinh", "admin")


def staff(name: str) -> Actor:
    """Home Affairs staff with every right, under the name the audit log should show."""
    return Actor(name, "admin")


EXAMPLE = INDICATORS / "vi-du-mau.yaml"
VALUES = {
    "1.1.1": "99,7",
    "1.1.2": "312.085/328.813",
    "1.1.3": "2",
    "1.1.4": "hoàn thành tốt",
    "1.2": "có",
    "2.1.1": "3",
    "2.1.2": "85",
    "T1": "có",
    "T2": "3",
    "P1": "1",
}


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    engine = upgraded_engine(request.param, tmp_path)
    yield engine
    engine.dispose()


@pytest.fixture
def filled(engine):
    """A round of the worked example with one department's self-assessment."""
    make = db.sessions(engine)
    with make.begin() as session:
        round_ = open_round(session, 2025, EXAMPLE, staff("can_bo_a"))
        unit = ensure_unit(session, "Sở Tư pháp", "so")
        compiled = round_set(round_)
        for leaf_id, raw in VALUES.items():
            set_value(session, round_, unit, leaf_id, raw, staff("so_tu_phap"), compiled=compiled)
        ids = round_.id, unit.id
    return make, ids


def load(session, ids):
    from parindex.db import Round, Unit

    return session.get(Round, ids[0]), session.get(Unit, ids[1])


def test_round_lifecycle_and_scores(filled):
    make, ids = filled
    with make.begin() as session:
        round_, unit = load(session, ids)
        compiled = round_set(round_)
        table = round_values(session, round_, STAFF, compiled)
        scores = score(compiled, table.values, table.units)
        assert scores.index[0] == 85.98  # the worked example, from the database
        set_value(
            session,
            round_,
            unit,
            "1.1.1",
            "100",
            staff("tham_dinh"),
            stage="appraisal1",
            note="Báo cáo 12/BC đủ căn cứ",
        )
        scores = score(compiled, *(lambda t: (t.values, t.units))(round_values(session, round_, STAFF, compiled)))
        assert scores.index[0] == 90.98  # the appraised value counts
        publish(session, round_, staff("lanh_dao"))
    with make.begin() as session, pytest.raises(RoundError) as caught:
        round_, unit = load(session, ids)
        set_value(session, round_, unit, "1.2", "không", staff("tham_dinh"), stage="appraisal1")
    assert caught.value.code == "published"
    with make.begin() as session:
        round_, unit = load(session, ids)
        with pytest.raises(RoundError):
            reopen(session, round_, staff("lanh_dao"), "  ")
        reopen(session, round_, staff("lanh_dao"), "Sai số liệu khảo sát")
        with pytest.raises(RoundError) as caught:  # a second admin, from a screen that still showed it published
            reopen(session, round_, staff("quan_tri_khac"), "Sai số liệu khảo sát")
        assert caught.value.code == "not_published"
        set_value(
            session, round_, unit, "1.2", "không", staff("tham_dinh"), stage="appraisal2", note="Chưa công khai đủ"
        )


@pytest.mark.parametrize("year", [1999, 2101, 226, 20266])
def test_a_round_year_outside_2000_to_2100_is_refused(engine, year):
    make = db.sessions(engine)
    with make.begin() as session, pytest.raises(RoundError) as caught:
        open_round(session, year, EXAMPLE, staff("can_bo_a"))
    assert (caught.value.code, caught.value.params["year"]) == ("bad_year", year)
    assert "2000–2100" in caught.value.message("vi")
    with make() as session:
        assert list_rounds(session) == []


def test_the_criteria_set_is_frozen_when_the_round_opens(engine, tmp_path):
    changed = tmp_path / "vi-du-mau.yaml"
    changed.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    make = db.sessions(engine)
    with make.begin() as session:
        round_ = open_round(session, 2026, changed, staff("can_bo_a"))
        round_id = round_.id
    changed.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("name: Bộ tiêu chí ví dụ", "name: Đã sửa"), encoding="utf-8"
    )
    with make.begin() as session:
        from parindex.db import Round

        assert round_set(session.get(Round, round_id)).criteria_set.name.startswith("Bộ tiêu chí ví dụ")


def test_every_change_is_audited(filled):
    make, ids = filled
    with make.begin() as session:
        round_, unit = load(session, ids)
        set_value(session, round_, unit, "1.1.1", "96", staff("so_tu_phap"), expected_version=1)
        log = audit_log(session, round_, STAFF, unit, "1.1.1")
    assert log[["user", "action", "old", "new"]].values.tolist() == [
        ["so_tu_phap", "set_self", None, "99,7"],
        ["so_tu_phap", "set_self", "99,7", "96"],
    ]


def test_bad_values_and_ids_are_refused(filled):
    make, ids = filled
    with make.begin() as session:
        round_, unit = load(session, ids)
        for leaf_id, raw, code in (("1.1.1", "101", "bad_value"), ("9.9", "1", "unknown_leaf")):
            with pytest.raises(RoundError) as caught:
                set_value(session, round_, unit, leaf_id, raw, staff("x"))
            assert caught.value.code == code


def test_a_concurrent_edit_is_detected_not_lost(filled):
    """Two staff open version 1 of the same row and save at the same moment: one wins, one is told."""
    make, ids = filled
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def save(user: str, raw: str) -> None:
        try:
            with make.begin() as session:
                round_, unit = load(session, ids)
                barrier.wait(timeout=10)
                set_value(session, round_, unit, "2.1.2", raw, staff(user), stage="appraisal1", expected_version=1)
            outcomes[user] = "saved"
        except ConflictError as error:
            outcomes[user] = error
        except Exception as error:  # SQLite may refuse the second writer while the first holds the lock
            outcomes[user] = error

    threads = [threading.Thread(target=save, args=(u, v)) for u, v in (("an", "80"), ("binh", "90"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(str(type(o).__name__) if o != "saved" else "saved" for o in outcomes.values()) == [
        "ConflictError",
        "saved",
    ]
    winner = next(u for u, o in outcomes.items() if o == "saved")
    loser = outcomes[next(u for u in outcomes if u != winner)]
    assert loser.current.updated_by == winner and loser.current.version == 2
    with make.begin() as session:
        round_, unit = load(session, ids)
        log = audit_log(session, round_, STAFF, unit, "2.1.2")
    assert log["user"].tolist()[-1] == winner  # the loser's value was never written over the winner's
    assert loser.current.appraisal1_value == {"an": "80", "binh": "90"}[winner]


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)  # PostgreSQL: pg_dump/pg_restore (README)
def test_sqlite_backup_then_restore_gives_identical_scores(filled, engine, tmp_path):
    make, ids = filled

    def current_index():
        with make.begin() as session:
            round_, _ = load(session, ids)
            compiled = round_set(round_)
            table = round_values(session, round_, STAFF, compiled)
            return score(compiled, table.values, table.units).index.copy()

    before = current_index()
    with make.begin() as session:  # a restore needs an administrator in the backup (issue 17)
        add_user(session, STAFF, "quantri", "admin", None, sso_email="quantri@snv.gov.vn")
    db.backup(engine, tmp_path / "backup.db")
    with make.begin() as session:
        round_, unit = load(session, ids)
        set_value(session, round_, unit, "1.2", "không", staff("x"), stage="appraisal1")
    assert not np.array_equal(current_index(), before)
    db.restore(engine, tmp_path / "backup.db")
    assert np.array_equal(current_index(), before)


def test_seeded_rounds_score_like_the_sample_files(engine, tmp_path):
    from parindex.config import Settings
    from parindex.db import Round
    from parindex.rounds import seed_sample
    from parindex.scoring import score_files
    from tests.conftest import DATA

    settings = Settings(root=tmp_path, indicators_dir=INDICATORS, data_dir=tmp_path, sample_dir=DATA / "sample")
    make = db.sessions(engine)
    with make.begin() as session:
        assert seed_sample(session, settings) == 4
        assert seed_sample(session, settings) == 0  # only once
    with make.begin() as session:
        from sqlalchemy import select

        round_ = session.scalar(select(Round).where(Round.year == 2026, Round.set_id == "so-2025"))
        compiled = round_set(round_)
        table = round_values(session, round_, STAFF, compiled)
        from_db = score(compiled, table.values, table.units)
    from_file, _ = score_files(INDICATORS / "so-2025.yaml", DATA / "sample" / "so-2025-so-2026.csv")
    by_name = dict(zip(from_file.units["unit"], from_file.index, strict=True))
    assert {u: i for u, i in zip(from_db.units["unit"], from_db.index, strict=True)} == by_name


def test_db_commands(tmp_path, monkeypatch, capsys):
    from parindex.cli import main

    monkeypatch.setenv("PARINDEX_DATABASE_URL", f"sqlite:///{tmp_path / 'p.db'}")
    assert main(["db", "upgrade"]) == 0
    engine = db.make_engine(f"sqlite:///{tmp_path / 'p.db'}")
    with db.sessions(engine).begin() as session:  # a restore needs an administrator in the backup (issue 17)
        add_user(session, STAFF, "quantri", "admin", None, sso_email="quantri@snv.gov.vn")
    engine.dispose()
    assert main(["backup", "--to", str(tmp_path / "copy.db")]) == 0
    assert (tmp_path / "copy.db").stat().st_size > 0
    assert main(["restore", "--from", str(tmp_path / "copy.db")]) == 0
    assert main(["restore", "--from", str(tmp_path / "missing.db")]) == 2
    assert "Cơ sở dữ liệu đã sẵn sàng" in capsys.readouterr().out


def test_explanations_evidence_and_the_board(filled, tmp_path):
    from parindex.rounds import add_evidence, board, set_explanation, unit_entries

    make, ids = filled
    with make.begin() as session:
        round_, unit = load(session, ids)
        set_explanation(session, round_, unit, "1.1.1", staff("tham_dinh"), request="Thiếu báo cáo quý IV")
        assert board(session, round_, STAFF).to_dict("records")[0] == {
            "unit": "Sở Tư pháp",
            "unit_type": "so",
            "self": 7,
            "appraised": 0,
            "explanations_owed": 1,
            "items": 7,
        }
        set_explanation(session, round_, unit, "1.1.1", staff("so_tu_phap"), answer="Đã bổ sung Báo cáo 45/BC-STP")
        evidence = add_evidence(
            session,
            round_,
            unit,
            "1.1.1",
            staff("so_tu_phap"),
            number="45/BC-STP",
            issuer="Sở Tư pháp",
            description="Báo cáo CCHC quý IV",
            file=("../../bao cao.PDF", b"%PDF-1.4 ..."),
            upload_dir=tmp_path / "up",
        )
        assert evidence.file_path == f"{evidence.sha256}.pdf" and (tmp_path / "up" / evidence.file_path).exists()
        assert board(session, round_, STAFF)["explanations_owed"].tolist() == [0]
        assert len(unit_entries(session, round_, unit, STAFF)["1.1.1"].evidence) == 1
        actions = audit_log(session, round_, STAFF, unit, "1.1.1")["action"].tolist()
    assert actions[-3:] == ["explanation_request", "explanation_answer", "add_evidence"]


def test_the_board_counts_per_unit_only_the_sets_items_and_lists_a_unit_with_none_of_them(filled):
    """Hand-counted: Sở Tư pháp self-assessed the 7 items of the example (its 3 bonus/penalty cells are not items),
    2 of them appraised (one at each stage, one item twice), 1 explanation owed (of 3 asked: one answered, one
    asked with an empty text). Sở Y tế has only a bonus cell: listed, with zeros, not left out."""
    from parindex.rounds import board, set_explanation

    make, ids = filled
    with make.begin() as session:
        round_, unit = load(session, ids)
        set_value(session, round_, unit, "1.1.3", "3", STAFF, stage="appraisal1")
        set_value(session, round_, unit, "1.2", "không", STAFF, stage="appraisal1")
        set_value(session, round_, unit, "1.2", "có", STAFF, stage="appraisal2")
        set_explanation(session, round_, unit, "1.1.1", STAFF, request="Thiếu báo cáo quý IV")
        set_explanation(session, round_, unit, "1.1.2", STAFF, request="Số hồ sơ trực tuyến?")
        set_explanation(session, round_, unit, "1.1.2", staff("so_tu_phap"), answer="Theo Cổng dịch vụ công")
        set_explanation(session, round_, unit, "1.1.4", STAFF, request="")
        other = ensure_unit(session, "Sở Y tế", "so")
        set_value(session, round_, other, "T1", "có", STAFF)
        rows = board(session, round_, STAFF).to_dict("records")
    assert rows == [
        {"unit": "Sở Tư pháp", "unit_type": "so", "self": 7, "appraised": 2, "explanations_owed": 1, "items": 7},
        {"unit": "Sở Y tế", "unit_type": "so", "self": 0, "appraised": 0, "explanations_owed": 0, "items": 7},
    ]


def test_a_returned_workbook_is_previewed_then_saved(filled):
    import io

    import openpyxl

    from parindex.files import changes_preview, export_unit_workbook, read_unit_workbook
    from parindex.rounds import save_unit_return, unit_entries

    make, ids = filled
    with make.begin() as session:
        round_, unit = load(session, ids)
        compiled = round_set(round_)
        before = {k: e.self_value for k, e in unit_entries(session, round_, unit, STAFF).items() if e.self_value}
        # exported for the round, as the page does: the stamp lets the return tell the unit's changes apart
        data = export_unit_workbook(compiled, unit.name, unit.unit_type, round_.year, before, round_id=round_.id)
    book = openpyxl.load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:  # the unit raises 1.1.1 to 100 % in its copy
        for row in sheet.iter_rows():
            if row[0].value == "1.1.1":
                for cell in row:
                    if cell.value == "99,7":
                        cell.value = "100"
    buffer = io.BytesIO()
    book.save(buffer)
    returned = read_unit_workbook(buffer.getvalue(), compiled, "tra-lai.xlsx", expected_unit=unit.name)
    preview = changes_preview(before, returned, compiled)
    assert preview["id"].tolist() == ["1.1.1"] and preview["new"].tolist() == ["100"]
    with make.begin() as session:
        round_, unit = load(session, ids)
        assert (
            save_unit_return(
                session, round_, unit, returned, preview["id"].tolist(), staff("so_tu_phap"), "tra-lai.xlsx"
            )
            == 1
        )
        assert unit_entries(session, round_, unit, STAFF)["1.1.1"].self_value == "100"
        assert audit_log(session, round_, STAFF, unit, "1.1.1")["reason"].tolist()[-1] == "tra-lai.xlsx"


def test_survey_results_import_with_row_level_problems(filled):
    from parindex.errors import InputError
    from parindex.rounds import import_survey

    make, ids = filled
    with make.begin() as session:
        round_, _ = load(session, ids)
        with pytest.raises(InputError) as caught:
            import_survey(
                session,
                round_,
                "unit,respondents,2.1.2,1.1.1\nSở Tư pháp,30,abc,5\nSở Lạ,1,50,\n".encode(),
                "dtxhh.csv",
                staff("x"),
            )
        rendered = sorted(p.code for p in caught.value.problems)
        assert rendered == ["survey_column"]  # the header is checked first: 1.1.1 is not a survey item
        with pytest.raises(InputError) as caught:
            import_survey(
                session,
                round_,
                "unit,respondents,2.1.2\nSở Tư pháp,30,abc\nSở Lạ,1,50\n".encode(),
                "dtxhh.csv",
                staff("x"),
            )
        assert [(p.code, p.row) for p in caught.value.problems] == [("value_not_number", 2), ("scenario_unit", 3)]
        assert (
            import_survey(
                session, round_, 'unit,respondents,2.1.2\nSở Tư pháp,30,"92,5"\n'.encode(), "dtxhh.csv", staff("x")
            )
            == 1
        )
        compiled = round_set(round_)
        table = round_values(session, round_, STAFF, compiled)
        scores = score(compiled, table.values, table.units)
    # the worked example with survey 92,5 % instead of 85 %: 17,1965 + (3,7 − 3,4) = 17,4965 of 20
    assert scores.index[0] == pytest.approx(87.48)


def test_a_merged_unit_takes_no_values_after_its_last_year(filled):
    """2025: communes merge. Sở Tư pháp is said to end in 2025 and join Sở Nội vụ; a 2026 round refuses it."""
    from parindex.rounds import restore_unit, retire_unit, unit_lineage

    make, ids = filled
    with make.begin() as session:
        round_2025, unit = load(session, ids)
        into = ensure_unit(session, "Sở Nội vụ", "so")
        with pytest.raises(RoundError) as caught:
            retire_unit(session, STAFF, unit, 2025, merged_into=unit)
        assert caught.value.code == "bad_merge"
        retire_unit(session, STAFF, unit, 2025, merged_into=into, reason="Nghị quyết sáp nhập")
        set_value(session, round_2025, unit, "1.1.1", "98", STAFF)  # its last year still takes values
        round_2026 = open_round(session, 2026, EXAMPLE, STAFF)
        with pytest.raises(RoundError) as caught:
            set_value(session, round_2026, unit, "1.1.1", "98", STAFF)
        assert caught.value.code == "unit_gone" and "không còn tồn tại trong năm 2026" in caught.value.message()
        lineage = unit_lineage(session).set_index("unit")
        assert (
            lineage.loc["Sở Tư pháp", "last_year"] == 2025 and lineage.loc["Sở Tư pháp", "merged_into"] == "Sở Nội vụ"
        )
        with pytest.raises(AccessDenied):
            retire_unit(session, Actor("x", "appraiser"), into, 2025)
        restore_unit(session, STAFF, unit, reason="Nhập nhầm")
        set_value(session, round_2026, unit, "1.1.1", "98", STAFF)
        actions = [r.action for r in session.scalars(select(AuditRecord).where(AuditRecord.unit_id == unit.id))]
        assert {"retire_unit", "restore_unit"} <= set(actions)


def test_an_explanation_saved_meanwhile_is_a_conflict_not_replaced(filled):
    """Two council members see the row at one version; the second request, sent from the older screen, is
    refused with who saved meanwhile, and the first request stays, as does its status on the board."""
    from parindex.rounds import board, entry_status, set_explanation, unit_entries

    make, ids = filled
    with make.begin() as session:
        round_, unit = load(session, ids)
        shown = unit_entries(session, round_, unit, STAFF)["1.1.1"].version
        set_explanation(session, round_, unit, "1.1.1", staff("an"), request="R1", expected_version=shown)
        with pytest.raises(ConflictError) as caught:
            set_explanation(session, round_, unit, "1.1.1", staff("binh"), request="R2", expected_version=shown)
        assert (caught.value.current.updated_by, caught.value.current.version) == ("an", shown + 1)
        entry = unit_entries(session, round_, unit, STAFF)["1.1.1"]
        assert (entry.explanation_request, entry.version, entry_status(entry)) == (
            "R1",
            shown + 1,
            "explanation_requested",
        )
        # the unit answers from a screen drawn before the request: it never saw the question
        with pytest.raises(ConflictError):
            set_explanation(session, round_, unit, "1.1.1", staff("so_tu_phap"), answer="A", expected_version=shown)
        assert board(session, round_, STAFF).to_dict("records")[0]["explanations_owed"] == 1
        # from the current screen each goes through
        set_explanation(session, round_, unit, "1.1.1", staff("so_tu_phap"), answer="A", expected_version=shown + 1)
        assert board(session, round_, STAFF).to_dict("records")[0]["explanations_owed"] == 0


def test_a_new_request_clears_the_old_answer_and_repeating_changes_nothing(filled):
    """A new question is open until it is answered: the board owes it again; the old answer stays in the audit."""
    from parindex.rounds import board, entry_status, set_explanation, unit_entries

    make, ids = filled
    with make.begin() as session:
        round_, unit = load(session, ids)
        set_explanation(session, round_, unit, "1.1.1", STAFF, request="Thiếu căn cứ")
        set_explanation(session, round_, unit, "1.1.1", staff("so_tu_phap"), answer="Đã bổ sung")
        version = unit_entries(session, round_, unit, STAFF)["1.1.1"].version
        set_explanation(session, round_, unit, "1.1.1", STAFF, answer="Đã bổ sung", expected_version=version)
        assert unit_entries(session, round_, unit, STAFF)["1.1.1"].version == version  # the same words: no save
        set_explanation(
            session, round_, unit, "1.1.1", STAFF, request="Thiếu số hiệu văn bản", expected_version=version
        )
        entry = unit_entries(session, round_, unit, STAFF)["1.1.1"]
        assert (entry.explanation_answer, entry_status(entry)) == (None, "explanation_requested")
        assert board(session, round_, STAFF).to_dict("records")[0]["explanations_owed"] == 1
        answers = session.scalars(
            select(AuditRecord.old).where(AuditRecord.unit_id == unit.id, AuditRecord.field == "explanation_answer")
        ).all()
        assert "Đã bổ sung" in answers


def test_a_survey_file_that_would_change_results_is_held_until_replace_is_chosen(filled):
    """A survey file says nothing of what it was based on: a result already in the round that it would change
    is named (unit, item, value there, value in the file, who wrote it) and nothing is saved; the same file
    again changes nothing; ``replace`` then writes it."""
    from parindex.db import SurveyResult
    from parindex.rounds import SurveyCell, SurveyConflict, import_survey

    make, ids = filled

    def shares(session) -> dict[str, tuple[float, int]]:
        rows = session.scalars(select(SurveyResult).where(SurveyResult.round_id == ids[0]))
        return {r.leaf_id: (r.share_pct, r.respondents) for r in rows}

    first = 'unit,respondents,2.1.2\nSở Tư pháp,300,"71"\n'.encode()
    older = 'unit,2.1.2\nSở Tư pháp,"64"\n'.encode()
    with make.begin() as session:
        round_, _ = load(session, ids)
        assert import_survey(session, round_, first, "dot-2.csv", staff("an")) == 1
        with pytest.raises(SurveyConflict) as caught:
            import_survey(session, round_, older, "dot-1.csv", staff("binh"))
        assert caught.value.cells == (SurveyCell("Sở Tư pháp", "2.1.2", (71.0, 300), (64.0, 0), "an"),)
        assert caught.value.message("vi").startswith("Chưa nhập: tệp sẽ thay 1 kết quả")
        assert shares(session) == {"2.1.2": (71.0, 300)}
        assert import_survey(session, round_, first, "dot-2.csv", staff("binh")) == 1  # the same results: no question
        assert import_survey(session, round_, older, "dot-1.csv", staff("binh"), replace=True) == 1
        assert shares(session) == {"2.1.2": (64.0, 0)}


def test_a_lineage_recorded_meanwhile_is_refused_not_replaced(filled):
    """Two admins' forms show Sở Tư pháp without a last year; the first records a merger, the second's undo or
    other merger from the older form is refused and the first stays; from the current form each goes through."""
    from parindex.rounds import restore_unit, retire_unit

    make, ids = filled
    with make.begin() as session:
        _, unit = load(session, ids)
        into = ensure_unit(session, "Sở Nội vụ", "so")
        retire_unit(session, staff("an"), unit, 2025, into, "Nghị quyết", shown=(None, None))
        for stale in (
            lambda: restore_unit(session, staff("binh"), unit, "nhầm", shown=(None, None)),
            lambda: retire_unit(session, staff("binh"), unit, 2024, None, "giải thể", shown=(None, None)),
        ):
            with pytest.raises(RoundError) as caught:
                stale()
            assert caught.value.code == "lineage_conflict" and "Sở Tư pháp" in caught.value.message()
            assert (unit.last_year, unit.merged_into_id) == (2025, into.id)
        retire_unit(session, staff("binh"), unit, 2025, into, "cùng ý", shown=(None, None))  # the same: nothing
        restore_unit(session, staff("binh"), unit, "nhầm", shown=(2025, into.id))
        assert (unit.last_year, unit.merged_into_id) == (None, None)
        actions = session.scalars(select(AuditRecord.action).where(AuditRecord.unit_id == unit.id)).all()
        assert actions.count("retire_unit") == 1 and actions.count("restore_unit") == 1


def test_each_entry_has_the_status_of_its_step(filled):
    from parindex.rounds import entry_status, set_explanation, unit_entries

    make, ids = filled
    with make.begin() as session:
        round_, unit = load(session, ids)
        steps = [entry_status(unit_entries(session, round_, unit, STAFF).get("1.1.1")), entry_status(None)]
        set_value(session, round_, unit, "1.1.1", "90", STAFF, stage="appraisal1")
        steps.append(entry_status(unit_entries(session, round_, unit, STAFF)["1.1.1"]))
        set_explanation(session, round_, unit, "1.1.1", STAFF, request="Thiếu căn cứ")
        steps.append(entry_status(unit_entries(session, round_, unit, STAFF)["1.1.1"]))
        set_explanation(session, round_, unit, "1.1.1", STAFF, answer="Đã bổ sung")
        steps.append(entry_status(unit_entries(session, round_, unit, STAFF)["1.1.1"]))
        set_value(session, round_, unit, "1.1.1", "95", STAFF, stage="appraisal2")
        steps.append(entry_status(unit_entries(session, round_, unit, STAFF)["1.1.1"]))
    assert steps == ["self_assessed", "empty", "appraised", "explanation_requested", "explained", "final"]


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"], indirect=True)
def test_a_filled_database_of_an_older_version_upgrades_without_loss(engine, tmp_path):
    """A database seeded at revision 0002 (accounts, rounds, entries pointing at units) is upgraded to the newest."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import func

    from parindex.db import Base, Entry, Unit

    with engine.begin() as connection:  # back to empty, then only up to 0002
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    Base.metadata.drop_all(engine)
    config = Config()
    config.set_main_option("script_location", str(db.MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
        connection.execute(
            text(
                "INSERT INTO rounds (year, set_id, set_yaml, set_file, status, opened_at, opened_by) "
                "VALUES (2025, 'x', 'y', 'z', 'open', '2025-01-01', 'a')"
            )
        )
        connection.execute(text("INSERT INTO units (name, unit_type, province) VALUES ('Sở A', 'so', '')"))
        connection.execute(
            text(
                "INSERT INTO entries (round_id, unit_id, leaf_id, version, updated_by, updated_at) "
                "VALUES (1, 1, '1.1', 1, 'a', '2025-01-01')"
            )
        )
    db.upgrade(engine)
    with db.sessions(engine)() as session:
        assert session.scalar(select(func.count()).select_from(Entry)) == 1
        assert session.scalar(select(Unit.merged_into_id)) is None


def test_the_grid_shows_each_typed_value_s_points_and_the_unit_s_result(filled):
    from parindex.rounds import typed_points, unit_result

    make, ids = filled
    with make() as session:
        round_, unit = load(session, ids)
        compiled = round_set(round_)
        yes_no = next(leaf for leaf in compiled.columns if leaf.id == "1.2")  # yes/no, 5 points
        assert typed_points(yes_no, "có") == 5.0
        assert typed_points(yes_no, "không") == 0.0
        assert typed_points(yes_no, "") is None and typed_points(yes_no, None) is None
        assert typed_points(yes_no, "có lẽ") is None  # unreadable: no points shown, the save will say why
        scores, row = unit_result(session, round_, unit, STAFF, compiled)
        assert scores.units["unit"][row] == "Sở Tư pháp"
        assert (scores.index[row], scores.rank[row]) == (85.98, 1)  # the worked example


def test_round_values_are_each_cells_effective_value_with_survey_results_over_them(engine):
    """The whole-round read (the database picks each cell's value, one array is filled) against the rule written
    for one cell (``Entry.effective_value``): every stage combination, "" as no value, a cell of a leaf the set
    lacks, a unit with no cells whose survey result must not add it, and a survey result over a typed value."""
    from parindex.db import Entry, SurveyResult

    stages = [("có", "", ""), ("", "không", None), ("có", "", "không"), ("có", None, None), ("không", "có", "")]
    with db.sessions(engine).begin() as session:
        round_ = open_round(session, 2025, EXAMPLE, STAFF)
        units = [ensure_unit(session, name, "so") for name in ("Sở B", "Sở A", "Sở C")]
        session.flush()
        expected = {}
        for u, unit in enumerate(units[:2]):
            for k, leaf in enumerate([*VALUES, "X.9"]):  # X.9: not a leaf of the set
                yes_no = leaf in ("1.2", "T1", "X.9")
                own, first, second = stages[(u + k) % len(stages)] if yes_no else (VALUES[leaf], None, "")
                entry = Entry(round_id=round_.id, unit_id=unit.id, leaf_id=leaf, updated_by="x")
                entry.self_value, entry.appraisal1_value, entry.appraisal2_value = own, first, second
                session.add(entry)
                expected[unit.name, leaf] = entry.effective_value()
        for unit, share in ((units[0], 87.5), (units[2], 60.0)):  # units[2] has no cell in the round
            session.add(
                SurveyResult(round_id=round_.id, unit_id=unit.id, leaf_id="2.1.2", share_pct=share, respondents=30)
            )
        expected[units[0].name, "2.1.2"] = "87.5"
        table = round_values(session, round_, STAFF, round_set(round_))
    assert table.units["unit"].tolist() == ["Sở B", "Sở A"]  # by unit id, as before; Sở C has no cell
    raw = table.raw.set_axis(table.units["unit"].tolist())
    assert "X.9" not in raw.columns
    del expected["Sở B", "X.9"], expected["Sở A", "X.9"]
    assert {key: str(raw.at[key]) for key in expected} == expected
