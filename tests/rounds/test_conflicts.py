"""Lost updates through files: a returned workbook and a values file go through the grid's version check.

On SQLite and PostgreSQL (the ``engine`` fixture of test_rounds). The two scenarios of the report:
a unit's workbook returned after an appraiser changed a cell (88 would become 12), and an older
values file imported into a round after a value was corrected (3.3.1: 99 would become 97,42).
"""

from __future__ import annotations

import io
import threading

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from parindex import db
from parindex.accounts import AccessDenied, Actor
from parindex.db import Round, Unit
from parindex.files import read_unit_workbook
from parindex.rounds import (
    MINE,
    PLAIN_FILE,
    THEIRS,
    Basis,
    ImportConflict,
    Verdict,
    _conflicts,
    apply_import,
    audit_log,
    ensure_unit,
    import_table,
    open_round,
    plan_edits,
    plan_table,
    plan_workbook_return,
    round_set,
    save_unit_return,
    set_value,
    unit_entries,
    unit_workbook,
    verdict,
)
from parindex.scoring import read_values
from tests.conftest import DATA, INDICATORS
from tests.rounds.test_rounds import EXAMPLE, VALUES, engine  # noqa: F401  (the SQLite/PostgreSQL engine fixture)

OFFICER_NAME, APPRAISER = "so_tu_phap", Actor("tham_dinh", "appraiser")
SAMPLE = DATA / "sample" / "so-2025-so-2026.csv"


@pytest.fixture
def unit_round(engine):  # noqa: F811
    """The worked example's round with Sở Tư pháp's self-assessment (1.1.1 = 99,7), and its officer."""
    make = db.sessions(engine)
    with make.begin() as session:
        round_ = open_round(session, 2025, EXAMPLE, Actor.system("can_bo"))
        unit = ensure_unit(session, "Sở Tư pháp", "so")
        compiled = round_set(round_)
        officer = Actor(OFFICER_NAME, "unit_officer", unit.id)
        for leaf_id, raw in VALUES.items():
            set_value(session, round_, unit, leaf_id, raw, officer, compiled=compiled)
        ids = round_.id, unit.id
    return make, ids, officer


def load(session, ids):
    return session.get(Round, ids[0]), session.get(Unit, ids[1])


def retyped(workbook: bytes, changes: dict[str, str]) -> bytes:
    """The workbook with some value cells retyped, as a unit sends it back."""
    book = openpyxl.load_workbook(io.BytesIO(workbook))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            if row[0].value in changes:
                sheet.cell(row=row[0].row, column=7).value = changes[row[0].value]  # "Giá trị tự đánh giá"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def self_value(make, ids, leaf_id: str) -> str | None:
    with make() as session:
        round_, unit = load(session, ids)
        return unit_entries(session, round_, unit, APPRAISER)[leaf_id].self_value


def returned_after_appraiser_changed_it(make, ids, officer, unit_changes: dict[str, str]):
    """The officer exports the workbook; the appraiser then sets 1.1.1 to 88; the unit's copy comes back."""
    with make() as session:
        round_, unit = load(session, ids)
        exported = unit_workbook(session, round_, unit, officer)
        compiled = round_set(round_)
    with make.begin() as session:
        round_, unit = load(session, ids)
        set_value(session, round_, unit, "1.1.1", "88", APPRAISER, expected_version=1)
    return read_unit_workbook(retyped(exported, unit_changes), compiled, "tra-lai.xlsx", expected_unit="Sở Tư pháp")


# --- the one check ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("theirs", "version", "mine", "basis", "expected"),
    [
        ("88", 2, "12", Basis(value="99,7"), Verdict.CONFLICT),  # both changed the cell
        ("99,7", 2, "12", Basis(value="99,7"), Verdict.WRITE),  # only mine changed it (another stage moved the row)
        ("88", 2, "99,7", Basis(value="99,7"), Verdict.KEEP),  # only theirs: the unit left it as exported
        ("88", 2, "88", Basis(value="99,7"), Verdict.SAME),
        ("99", 2, "97,42", PLAIN_FILE, Verdict.CONFLICT),  # a plain file against a non-empty value
        (None, 0, "97,42", PLAIN_FILE, Verdict.WRITE),  # … fills an empty cell
        ("99", 2, None, PLAIN_FILE, Verdict.KEEP),  # … and never empties one
        ("80", 2, "90", Basis(version=1), Verdict.CONFLICT),  # the grid: the row moved since the screen
        ("80", 1, "90", Basis(version=1), Verdict.WRITE),
        ("80", 2, "90", None, Verdict.WRITE),  # no basis: a blind write (commands, tests)
    ],
)
def test_the_one_check(theirs, version, mine, basis, expected):
    assert verdict(theirs, version, mine, basis) is expected


@given(
    theirs=st.sampled_from([None, "1", "2"]),
    mine=st.sampled_from([None, "1", "2"]),
    base=st.sampled_from([None, "1", "2"]),
)
def test_a_file_never_overwrites_a_value_it_did_not_start_from(theirs, mine, base):
    """Whatever the three values, a value-based write replaces theirs only if theirs is still the base."""
    found = verdict(theirs, 1, mine, Basis(value=base))
    assert (found is Verdict.WRITE) == (mine != theirs and theirs == base)


# --- (a) the returned workbook ----------------------------------------------------------------


def test_a_returned_workbook_does_not_overwrite_the_appraisers_change(unit_round):
    """Regression: the unit typed 12 in its copy, the appraiser 88 in the round meanwhile; 88 stayed until decided.

    Before, the return wrote 12 over 88 (``save_unit_return`` saved every differing cell blindly).
    """
    make, ids, officer = unit_round
    returned = returned_after_appraiser_changed_it(make, ids, officer, {"1.1.1": "12"})
    assert returned.stamp is not None and returned.stamp.values["1.1.1"] == "99,7"
    with make.begin() as session, pytest.raises(ImportConflict):
        round_, unit = load(session, ids)
        save_unit_return(session, round_, unit, returned, ["1.1.1"], officer, "tra-lai.xlsx")
    assert self_value(make, ids, "1.1.1") == "88"
    with make() as session:
        round_, unit = load(session, ids)
        plan = plan_workbook_return(session, round_, unit, returned, officer, "tra-lai.xlsx")
    assert plan.changes == ()
    [conflict] = plan.conflicts
    assert (conflict.leaf_id, conflict.base, conflict.theirs, conflict.mine, conflict.by) == (
        "1.1.1",
        "99,7",
        "88",
        "12",
        "tham_dinh",
    )
    assert conflict.at is not None
    with make.begin() as session:  # the officer keeps the appraiser's value: nothing written
        assert apply_import(session, plan, {conflict.key: THEIRS}, officer) == 0
    assert self_value(make, ids, "1.1.1") == "88"
    with make.begin() as session:  # or decides for their own value, explicitly
        assert apply_import(session, plan, {conflict.key: MINE}, officer) == 1
    assert self_value(make, ids, "1.1.1") == "12"


def test_a_cell_the_unit_left_as_exported_keeps_the_appraisers_value(unit_round):
    """The unit changed 2.1.2 only; its unchanged 1.1.1 (99,7) must not undo the appraiser's 88."""
    make, ids, officer = unit_round
    returned = returned_after_appraiser_changed_it(make, ids, officer, {"2.1.2": "90"})
    with make.begin() as session:
        round_, unit = load(session, ids)
        plan = plan_workbook_return(session, round_, unit, returned, officer, "tra-lai.xlsx")
        assert ([c.leaf_id for c in plan.changes], plan.conflicts, plan.kept) == (["2.1.2"], (), 1)
        assert apply_import(session, plan, {}, officer) == 1
    assert (self_value(make, ids, "1.1.1"), self_value(make, ids, "2.1.2")) == ("88", "90")
    with make() as session:
        round_, unit = load(session, ids)
        assert audit_log(session, round_, APPRAISER, unit, "2.1.2")["reason"].tolist()[-1] == "tra-lai.xlsx"


def test_apply_checks_again_a_cell_that_moved_after_the_preview(unit_round):
    """The preview showed a clean change; the appraiser saved the same cell before the click: a conflict again."""
    make, ids, officer = unit_round
    with make() as session:
        round_, unit = load(session, ids)
        exported = unit_workbook(session, round_, unit, officer)
        compiled = round_set(round_)
    returned = read_unit_workbook(retyped(exported, {"1.1.1": "12"}), compiled, "tra-lai.xlsx")
    with make() as session:
        round_, unit = load(session, ids)
        plan = plan_workbook_return(session, round_, unit, returned, officer, "tra-lai.xlsx")
    assert [c.leaf_id for c in plan.changes] == ["1.1.1"] and not plan.conflicts
    with make.begin() as session:
        round_, unit = load(session, ids)
        set_value(session, round_, unit, "1.1.1", "88", APPRAISER)
    with make.begin() as session, pytest.raises(ImportConflict) as caught:
        apply_import(session, plan, {}, officer)
    assert caught.value.stale and [(c.theirs, c.mine) for c in caught.value.conflicts] == [("88", "12")]
    assert self_value(make, ids, "1.1.1") == "88"


def test_a_decision_is_for_the_value_seen(unit_round):
    """ "Keep mine" was decided against 88; the appraiser wrote 90 before the click: asked again, 90 stays."""
    make, ids, officer = unit_round
    returned = returned_after_appraiser_changed_it(make, ids, officer, {"1.1.1": "12"})
    with make() as session:
        round_, unit = load(session, ids)
        plan = plan_workbook_return(session, round_, unit, returned, officer)
    with make.begin() as session:
        round_, unit = load(session, ids)
        set_value(session, round_, unit, "1.1.1", "90", APPRAISER, expected_version=2)
    with make.begin() as session, pytest.raises(ImportConflict) as caught:
        apply_import(session, plan, {plan.conflicts[0].key: MINE}, officer)
    assert caught.value.stale and caught.value.conflicts[0].theirs == "90"
    assert self_value(make, ids, "1.1.1") == "90"


def test_nothing_is_written_while_a_conflict_is_undecided(unit_round):
    """Cancelling (no decision) writes nothing, not even the cells without a conflict."""
    make, ids, officer = unit_round
    returned = returned_after_appraiser_changed_it(make, ids, officer, {"1.1.1": "12", "2.1.2": "90"})
    with make() as session:
        round_, unit = load(session, ids)
        plan = plan_workbook_return(session, round_, unit, returned, officer)
        before = len(audit_log(session, round_, APPRAISER))
    assert [c.leaf_id for c in plan.changes] == ["2.1.2"] and len(plan.conflicts) == 1
    with make.begin() as session, pytest.raises(ImportConflict) as caught:
        apply_import(session, plan, {}, officer)
    assert not caught.value.stale
    assert (self_value(make, ids, "1.1.1"), self_value(make, ids, "2.1.2")) == ("88", "85")
    with make() as session:
        round_, _ = load(session, ids)
        assert len(audit_log(session, round_, APPRAISER)) == before


def test_another_units_officer_cannot_apply_a_plan(unit_round):
    make, ids, officer = unit_round
    returned = returned_after_appraiser_changed_it(make, ids, officer, {"2.1.2": "90"})
    with make() as session:
        round_, unit = load(session, ids)
        plan = plan_workbook_return(session, round_, unit, returned, officer)
    with make.begin() as session, pytest.raises(AccessDenied):
        apply_import(session, plan, {}, Actor("khac", "unit_officer", ids[1] + 1))
    with make.begin() as session, pytest.raises(AccessDenied):
        apply_import(session, plan, {}, Actor("xem", "viewer"))
    assert self_value(make, ids, "2.1.2") == "85"


# --- (b) a values file into a round -----------------------------------------------------------


@pytest.fixture
def sample_round(engine):  # noqa: F811
    """The departments' 2026 round filled from the sample file, then 3.3.1 of Sở Tư pháp corrected to 99."""
    make = db.sessions(engine)
    with make.begin() as session:
        round_ = open_round(session, 2026, INDICATORS / "so-2025.yaml", Actor.system("can_bo"))
        compiled = round_set(round_)
        table = read_values(SAMPLE, compiled)
        assert import_table(session, round_, table, APPRAISER) > 0
        unit = session.query(Unit).filter_by(name="Sở Tư pháp").one()
        assert unit_entries(session, round_, unit, APPRAISER)["3.3.1"].self_value == "97,42"
        set_value(session, round_, unit, "3.3.1", "99", Actor("chuyen_vien", "appraiser"), expected_version=1)
        ids = round_.id, unit.id
    return make, ids, table


def test_an_older_values_file_does_not_overwrite_a_newer_value(sample_round):
    """Regression: importing the older file again turned 3.3.1 from 99 back to 97,42 without a word."""
    make, ids, table = sample_round
    with make.begin() as session, pytest.raises(ImportConflict) as caught:
        round_, _ = load(session, ids)
        import_table(session, round_, table, APPRAISER)
    [conflict] = caught.value.conflicts
    assert (conflict.unit, conflict.leaf_id, conflict.theirs, conflict.mine, conflict.by) == (
        "Sở Tư pháp",
        "3.3.1",
        "99",
        "97,42",
        "chuyen_vien",
    )
    assert self_value(make, ids, "3.3.1") == "99"
    with make.begin() as session:  # the explicit overwrite
        round_, _ = load(session, ids)
        assert import_table(session, round_, table, APPRAISER, overwrite=True) == 1
    assert self_value(make, ids, "3.3.1") == "97,42"


def test_a_values_file_plan_lists_conflicts_and_fills_only_empty_cells(sample_round):
    make, ids, table = sample_round
    with make() as session:
        round_, _ = load(session, ids)
        plan = plan_table(session, round_, table, APPRAISER, "self", "so-lieu.csv")
    assert plan.changes == () and [c.leaf_id for c in plan.conflicts] == ["3.3.1"]
    assert plan.conflict_table()[0]["theirs"] == "99"
    with make.begin() as session:
        assert apply_import(session, plan, {plan.conflicts[0].key: THEIRS}, APPRAISER) == 0
    assert self_value(make, ids, "3.3.1") == "99"
    with make() as session, pytest.raises(AccessDenied):  # a unit officer cannot import a whole round
        plan_table(session, load(session, ids)[0], table, Actor("x", "unit_officer", ids[1]))


def test_a_save_racing_the_apply_is_a_conflict_not_a_lost_update(unit_round):
    """The apply and a grid save at the same moment, from version 1: one wins, the other writes nothing."""
    make, ids, officer = unit_round
    with make() as session:
        round_, unit = load(session, ids)
        exported = unit_workbook(session, round_, unit, officer)
        compiled = round_set(round_)
    returned = read_unit_workbook(retyped(exported, {"2.1.2": "70"}), compiled, "tra-lai.xlsx")
    with make() as session:
        round_, unit = load(session, ids)
        plan = plan_workbook_return(session, round_, unit, returned, officer)
    barrier, outcomes = threading.Barrier(2), {}

    def run(name: str, action) -> None:
        try:
            with make.begin() as session:
                round_, unit = load(session, ids)
                barrier.wait(timeout=10)
                action(session, round_, unit)
            outcomes[name] = "saved"
        except Exception as error:  # a conflict, or SQLite refusing the second writer
            outcomes[name] = type(error).__name__

    threads = [
        threading.Thread(target=run, args=("file", lambda s, r, u: apply_import(s, plan, {}, officer))),
        threading.Thread(
            target=run, args=("grid", lambda s, r, u: set_value(s, r, u, "2.1.2", "60", APPRAISER, expected_version=1))
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes.values()).count("saved") == 1, outcomes
    winner = next(name for name, outcome in outcomes.items() if outcome == "saved")
    assert self_value(make, ids, "2.1.2") == {"file": "70", "grid": "60"}[winner]


def test_a_save_between_the_applys_check_and_its_write_is_a_conflict(unit_round, monkeypatch):
    """The grid's apply checked the cell (version 1, clean), another save landed, then the apply wrote: the write
    must be checked against the version the screen showed, not the row as read again (a lost update otherwise;
    30 parallel writers in tests/browser/test_load.py found it)."""
    make, ids, _ = unit_round
    with make() as session:
        round_, unit = load(session, ids)
        shown = unit_entries(session, round_, unit, APPRAISER)["2.1.2"].version
        plan = plan_edits(session, round_, unit, {"2.1.2": ("70", shown)}, APPRAISER)
    assert [(c.old, c.new) for c in plan.changes] == [("85", "70")] and not plan.conflicts
    checked = _conflicts._judge

    def check_then_another_save(*args):
        found = checked(*args)
        with make.begin() as other:
            round_, unit = load(other, ids)
            set_value(other, round_, unit, "2.1.2", "60", Actor("nguoi_khac", "appraiser"), expected_version=shown)
        return found

    monkeypatch.setattr(_conflicts, "_judge", check_then_another_save)
    with make.begin() as session, pytest.raises(ImportConflict) as caught:
        apply_import(session, plan, {}, APPRAISER)
    assert caught.value.stale
    assert self_value(make, ids, "2.1.2") == "60"


def test_the_export_stamp_reads_back_and_a_damaged_one_is_refused(unit_round):
    from parindex.errors import InputError
    from parindex.files import META_SHEET

    make, ids, officer = unit_round
    with make() as session:
        round_, unit = load(session, ids)
        exported = unit_workbook(session, round_, unit, officer)
        compiled = round_set(round_)
    stamp = read_unit_workbook(exported, compiled, "x.xlsx").stamp
    assert (stamp.round_id, stamp.values) == (ids[0], {k: v for k, v in VALUES.items() if k in compiled.column_ids})
    book = openpyxl.load_workbook(io.BytesIO(exported))
    meta = book[META_SHEET]
    row = next(r for r in meta.iter_rows() if r[0].value == "base_values")
    row[1].value = '{"1.1.1": 5'  # hand-edited into something that is not the stamp
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(InputError) as caught:
        read_unit_workbook(buffer.getvalue(), compiled, "x.xlsx")
    assert [(p.code, p.params.get("key")) for p in caught.value.problems] == [("wb_bad_metadata", "base_values")]


def test_a_workbook_without_a_stamp_counts_as_a_plain_file(unit_round):
    """Made outside the round (or by an older version): every other non-empty value in the round is a conflict."""
    from parindex.files import export_unit_workbook

    make, ids, officer = unit_round
    with make() as session:
        round_, unit = load(session, ids)
        compiled = round_set(round_)
    plain = export_unit_workbook(compiled, "Sở Tư pháp", "so", 2025, {**VALUES, "1.1.1": "50"})
    returned = read_unit_workbook(plain, compiled, "cu.xlsx")
    assert returned.stamp is None
    with make() as session:
        round_, unit = load(session, ids)
        plan = plan_workbook_return(session, round_, unit, returned, officer)
    assert plan.changes == () and [(c.leaf_id, c.theirs, c.mine) for c in plan.conflicts] == [("1.1.1", "99,7", "50")]
