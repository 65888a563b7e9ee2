"""Roles checked in the core: each role is refused every write and every unpublished read it must not have.

The matrix below is the rule (who may do what); each operation is called through the core, not a
page, on SQLite and on PostgreSQL. A refused call must raise AccessDenied and change nothing.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from parindex import db
from parindex.accounts import ROLE_PAGES, ROLES, AccessDenied, Actor, may_see_page
from parindex.db import AuditRecord, Round
from parindex.planning import Scenario, ScenarioStore
from parindex.rounds import (
    Dataset,
    add_evidence,
    audit_log,
    board,
    ensure_unit,
    import_survey,
    import_table,
    open_round,
    publish,
    reopen,
    round_datasets,
    round_set,
    round_values,
    set_explanation,
    set_value,
    unit_entries,
)
from parindex.scoring import read_values
from tests.conftest import INDICATORS
from tests.rounds.test_rounds import VALUES, engine  # noqa: F401  (the SQLite/PostgreSQL engine fixture)

EXAMPLE = INDICATORS / "vi-du-mau.yaml"
OWN, OTHER = "Sở Tư pháp", "Sở Xây dựng"
SYSTEM = Actor.system("kiem-thu")


@pytest.fixture
def world(engine):  # noqa: F811
    """An open round with two units' values, and the actors: one per role, and two unit officers."""
    make = db.sessions(engine)
    with make.begin() as session:
        round_ = open_round(session, 2025, EXAMPLE, SYSTEM)
        own, other = ensure_unit(session, OWN, "so"), ensure_unit(session, OTHER, "so")
        compiled = round_set(round_)
        for unit in (own, other):
            for leaf_id, raw in VALUES.items():
                set_value(session, round_, unit, leaf_id, raw, SYSTEM, compiled=compiled)
        ids = {"round": round_.id, "own": own.id, "other": other.id}
    actors = {
        "admin": Actor("a", "admin"),
        "appraiser": Actor("b", "appraiser"),
        "leader": Actor("c", "leader"),
        "viewer": Actor("d", "viewer"),
        "officer": Actor("e", "unit_officer", unit_id=ids["own"]),
        "other_officer": Actor("f", "unit_officer", unit_id=ids["other"]),
    }
    return make, ids, actors


def _objects(session, ids):
    from parindex.db import Unit

    return session.get(Round, ids["round"]), session.get(Unit, ids["own"])


# operation → the actors allowed to do it (on the officer's own unit "Sở Tư pháp", in an open round)
WRITES = {
    "open_round": {"admin"},
    "publish": {"admin"},
    "reopen": {"admin"},
    "set_self": {"admin", "appraiser", "officer"},
    "set_appraisal1": {"admin", "appraiser"},
    "set_appraisal2": {"admin", "appraiser"},
    "import_table": {"admin", "appraiser"},
    "ask_explanation": {"admin", "appraiser"},
    "answer_explanation": {"admin", "appraiser", "officer"},
    "add_evidence": {"admin", "appraiser", "officer"},
    "import_survey": {"admin", "appraiser"},
}
READS_OPEN = {
    "round_values": {"admin", "appraiser", "leader"},
    "board": {"admin", "appraiser", "leader"},
    "unit_entries": {"admin", "appraiser", "leader", "officer"},
    "audit_log": {"admin", "appraiser", "leader", "officer"},
}


def _write(name: str, session, round_, unit, actor: Actor, tmp_path) -> None:
    if name == "open_round":
        open_round(session, 2030, EXAMPLE, actor)
    elif name == "publish":
        publish(session, round_, actor)
    elif name == "reopen":
        reopen(session, round_, actor, "sửa số liệu")
    elif name.startswith("set_"):
        set_value(session, round_, unit, "1.1.1", "50", actor, stage=name.removeprefix("set_"))
    elif name == "import_table":
        header = ",".join(["unit", "unit_type", *VALUES])
        row = ",".join([OWN, "so", *(f'"{v}"' for v in {**VALUES, "1.1.1": "40"}.values())])
        table = read_values(f"{header}\n{row}\n".encode(), round_set(round_), "v.csv")
        import_table(session, round_, table, actor, overwrite=True)  # 1.1.1 holds 99,7: overwriting is explicit
    elif name == "ask_explanation":
        set_explanation(session, round_, unit, "1.1.1", actor, request="Vì sao?")
    elif name == "answer_explanation":
        set_explanation(session, round_, unit, "1.1.1", actor, answer="Vì thế.")
    elif name == "add_evidence":
        add_evidence(session, round_, unit, "1.1.1", actor, number="1/BC", upload_dir=tmp_path)
    elif name == "import_survey":
        import_survey(session, round_, f"unit,2.1.2\n{OWN},90\n".encode(), "s.csv", actor)


def _read(name: str, session, round_, unit, actor: Actor):
    if name == "round_values":
        return round_values(session, round_, actor)
    if name == "board":
        return board(session, round_, actor)
    if name == "unit_entries":
        return unit_entries(session, round_, unit, actor)
    return audit_log(session, round_, actor, unit)


@pytest.mark.parametrize("operation", sorted(WRITES))
def test_every_write_is_checked_in_the_core(world, operation, tmp_path):
    make, ids, actors = world
    for who, actor in actors.items():
        with make() as session:
            round_, unit = _objects(session, ids)
            if operation == "reopen":
                publish(session, round_, SYSTEM)  # only a published round can be reopened
            records_before = session.scalar(select(func.count()).select_from(AuditRecord))
            if who in WRITES[operation]:
                _write(operation, session, round_, unit, actor, tmp_path)
                assert session.scalar(select(func.count()).select_from(AuditRecord)) > records_before, (who, operation)
            else:
                with pytest.raises(AccessDenied):
                    _write(operation, session, round_, unit, actor, tmp_path)
                assert session.scalar(select(func.count()).select_from(AuditRecord)) == records_before
            session.rollback()  # each actor starts from the same round


@pytest.mark.parametrize("operation", sorted(READS_OPEN))
def test_unpublished_reads_are_checked_in_the_core(world, operation):
    make, ids, actors = world
    with make() as session:
        round_, unit = _objects(session, ids)
        for who, actor in actors.items():
            if who in READS_OPEN[operation]:
                assert _read(operation, session, round_, unit, actor) is not None
            else:
                with pytest.raises(AccessDenied):
                    _read(operation, session, round_, unit, actor)


def test_a_unit_officer_cannot_touch_another_units_unpublished_values(world):
    """The officer of Sở Tư pháp, calling the core with Sở Xây dựng's id, gets nothing and changes nothing."""
    from parindex.db import Unit

    make, ids, actors = world
    officer = actors["officer"]
    with make() as session:
        round_ = session.get(Round, ids["round"])
        other = session.get(Unit, ids["other"])
        with pytest.raises(AccessDenied):
            unit_entries(session, round_, other, officer)
        with pytest.raises(AccessDenied):
            audit_log(session, round_, officer, other)
        with pytest.raises(AccessDenied):
            set_value(session, round_, other, "1.1.1", "1", officer)
        with pytest.raises(AccessDenied):
            add_evidence(session, round_, other, "1.1.1", officer, number="x")
        assert [d for d in round_datasets(session, officer) if d.round_id == round_.id] == []


def test_published_results_are_for_everyone_signed_in_but_open_rounds_are_not(world):
    make, ids, actors = world
    with make.begin() as session:
        round_, unit = _objects(session, ids)
        seen = {who: [d.round_id for d in round_datasets(session, actor)] for who, actor in actors.items()}
        assert {who for who, rounds in seen.items() if rounds} == {"admin", "appraiser", "leader"}
        publish(session, round_, actors["admin"])
    with make() as session:
        round_, unit = _objects(session, ids)
        for who, actor in actors.items():
            assert [d.round_id for d in round_datasets(session, actor)] == [ids["round"]], who
            assert len(round_values(session, round_, actor).units) == 2
        assert all(isinstance(d, Dataset) for d in round_datasets(session, actors["viewer"]))
        with pytest.raises(AccessDenied):  # the change log stays internal even after publication
            audit_log(session, round_, actors["viewer"], unit)


def test_no_actor_gets_nothing(world):
    make, ids, _ = world
    with make() as session:
        round_, _ = _objects(session, ids)
        with pytest.raises(AccessDenied):
            round_values(session, round_, None)
        assert round_datasets(session, None) == []


@pytest.mark.parametrize("role", ["viewer", "unit_officer"])
def test_saving_a_scenario_needs_a_planning_role(tmp_path, role):
    store = ScenarioStore(tmp_path)
    with pytest.raises(AccessDenied):
        store.save(Scenario({"X": {"1": "2"}}, name="x"), "test", 2025, "so", Actor("u", role, unit_id=1))
    assert list(tmp_path.iterdir()) == []


def test_each_roles_menu():
    """The menus of the issue: admin has users; unit officers and viewers see no planning or scoring of others."""
    assert may_see_page(Actor("a", "admin"), "nguoi_dung")
    for role in ("appraiser", "leader", "unit_officer", "viewer"):
        assert not may_see_page(Actor("x", role, unit_id=1), "nguoi_dung")
    assert set(ROLE_PAGES["viewer"]) == {"tong_quan", "ho_so", "cap_tinh", "tai_khoan"}
    assert set(ROLE_PAGES["unit_officer"]) == {"tong_quan", "ho_so", "cham_diem", "bo_tieu_chi", "tai_khoan"}
    assert {"mo_phong", "lo_trinh"} <= set(ROLE_PAGES["leader"])
    assert not may_see_page(None, "tong_quan")
    assert set(ROLE_PAGES) == set(ROLES)


def test_a_published_rounds_rows_stay_with_staff_leaders_and_the_units_own_officer(world):
    """Rows carry appraisal notes and explanations: published or not, not for viewers or other units' officers."""
    from parindex.db import Unit

    make, ids, actors = world
    with make.begin() as session:
        round_, unit = _objects(session, ids)
        publish(session, round_, actors["admin"])
    with make() as session:
        round_, unit = _objects(session, ids)
        for who in ("admin", "appraiser", "leader", "officer"):
            assert unit_entries(session, round_, unit, actors[who])
        for actor in (actors["viewer"], actors["other_officer"], None):
            with pytest.raises(AccessDenied):
                unit_entries(session, round_, unit, actor)
        with pytest.raises(AccessDenied):
            unit_entries(session, round_, session.get(Unit, ids["other"]), actors["officer"])


def test_an_empty_explanation_is_refused_and_writes_nothing(world):
    from parindex.rounds import RoundError

    make, ids, actors = world
    with make() as session:
        round_, unit = _objects(session, ids)
        version = unit_entries(session, round_, unit, SYSTEM)["1.1.1"].version
        for actor in (actors["viewer"], actors["admin"]):
            with pytest.raises(RoundError):
                set_explanation(session, round_, unit, "1.1.1", actor)
        assert unit_entries(session, round_, unit, SYSTEM)["1.1.1"].version == version


def test_an_open_round_withholds_its_key_from_roles_that_may_not_read_it(world):
    """The round owns its key for everyone: a dataset for staff and leaders, a withheld note for the others."""
    from parindex.rounds import Withheld, round_sources

    make, ids, actors = world
    key = ("vi-du-mau", 2025, "so")
    with make() as session:
        for who, actor in [*actors.items(), ("nobody", None)]:
            sources = round_sources(session, actor)
            assert sources.keys() == {key}, who
            if who in ("admin", "appraiser", "leader"):
                assert [d.key for d in sources.datasets] == [key] and sources.withheld == [], who
            else:
                assert sources.datasets == [] and sources.withheld == [Withheld(*key, "unpublished")], who
    with make.begin() as session:
        publish(session, _objects(session, ids)[0], actors["admin"])
    with make() as session:
        for who, actor in actors.items():
            sources = round_sources(session, actor)
            assert [d.key for d in sources.datasets] == [key] and sources.withheld == [], who


def test_a_round_that_cannot_be_scored_yet_still_owns_its_key(engine):  # noqa: F811
    """A readable round with blank cells is a 'pending' note, so no sample file shows figures in its place."""
    from parindex.rounds import Withheld, round_sources

    make = db.sessions(engine)
    with make.begin() as session:
        round_ = open_round(session, 2025, EXAMPLE, SYSTEM)
        set_value(session, round_, ensure_unit(session, OWN, "so"), "1.1.1", "99", SYSTEM)
    with make() as session:
        sources = round_sources(session, Actor("a", "appraiser"))
    assert sources.datasets == [] and sources.withheld == [Withheld("vi-du-mau", 2025, "so", "pending")]
