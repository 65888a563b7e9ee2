"""Bad input to the core's writes, on SQLite and PostgreSQL: a clear refusal, and not one row written.

Each case calls a core function the pages and commands call, checks the exception's code and its
Vietnamese and English messages, then that every table has exactly the rows it had. Before issue 17,
a 5.000-character evidence number or a NUL byte reached the database (PostgreSQL: DataError, a
traceback), a control character in a unit name was stored and broke every later .xlsx export, a
survey file with a unit twice raised IntegrityError, ``²`` respondents a ValueError, 10^20 an
overflow, and a commune's row in a department round was stored and never counted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from parindex import db
from parindex.accounts import AccessDenied, AccountError, Actor, add_user, authenticate, set_active, set_role
from parindex.db import AuditRecord, Base, Entry, Round, SurveyResult, Unit, User
from parindex.errors import InputError
from parindex.rounds import (
    RoundError,
    add_evidence,
    ensure_unit,
    import_survey,
    open_round,
    publish,
    reopen,
    retire_unit,
    set_explanation,
    set_value,
)
from tests.conftest import INDICATORS, upgraded_engine

EXAMPLE = INDICATORS / "vi-du-mau.yaml"  # one department type (so); survey item 2.1.2
ADMIN = Actor("quantri", "admin")
APPRAISER = Actor("thamdinh", "appraiser")
VIEWER = Actor("nguoixem", "viewer")


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    engine = upgraded_engine(request.param, tmp_path)
    yield engine
    engine.dispose()


@dataclass
class World:
    session: Session
    round_: Round
    unit: Unit
    commune: Unit
    officer: Actor


@pytest.fixture
def world(engine):
    """A 2025 round of the worked example, Sở Tư pháp with value 1.2, a commune, an admin and the unit's officer."""
    make = db.sessions(engine)
    with make.begin() as session:
        round_ = open_round(session, 2025, EXAMPLE, ADMIN)
        unit = ensure_unit(session, "Sở Tư pháp", "so")
        ensure_unit(session, "Xã An Bình", "xa")
        set_value(session, round_, unit, "1.2", "có", ADMIN)
        add_user(session, ADMIN, "quantri", "admin", None, sso_email="quantri@snv.gov.vn")
        add_user(session, ADMIN, "canbo.stp", "unit_officer", None, unit_id=unit.id, sso_email="canbo@stp.gov.vn")
        ids = round_.id, unit.id
    session = make()
    round_, unit = session.get(Round, ids[0]), session.get(Unit, ids[1])
    commune = session.scalar(select(Unit).where(Unit.unit_type == "xa"))
    yield World(session, round_, unit, commune, Actor("canbo.stp", "unit_officer", unit.id))
    session.close()


def counts(engine) -> dict[str, int]:
    with Session(engine) as session:
        return {
            name: session.scalar(select(func.count()).select_from(table))
            for name, table in Base.metadata.tables.items()
        }


def refused(
    engine, world: World, action: Callable[[World], object], error: type[Exception], code: str | None
) -> Exception:
    """Run ``action``; it must raise ``error`` (with ``code``) and leave every table as it was."""
    before = counts(engine)
    with pytest.raises(error) as caught:
        action(world)
        world.session.commit()  # nothing may slip through to the commit either
    world.session.rollback()
    if code is not None:
        found = getattr(caught.value, "code", None) or caught.value.problems[0].code
        assert found == code, caught.value
    assert counts(engine) == before
    return caught.value


LONG = "Q" * 5000
NUL = "Quyết định\x00 số 12"


def _survey(world: World, csv: str) -> int:
    return import_survey(world.session, world.round_, csv.encode("utf-8"), "khao-sat.csv", APPRAISER)


# kind: (action, exception, code, text expected in the Vietnamese message)
TEXT_CASES: dict[str, tuple[Callable[[World], object], type[Exception], str, str]] = {
    "evidence number of 5.000 characters": (
        lambda w: add_evidence(w.session, w.round_, w.unit, "1.2", ADMIN, number=LONG),
        RoundError,
        "text_too_long",
        "evidence.number: dài 5.000 ký tự, tối đa 120",
    ),
    "evidence issuer of 201 characters": (
        lambda w: add_evidence(w.session, w.round_, w.unit, "1.2", ADMIN, issuer="B" * 201),
        RoundError,
        "text_too_long",
        "tối đa 200",
    ),
    "evidence link of 501 characters": (
        lambda w: add_evidence(w.session, w.round_, w.unit, "1.2", ADMIN, link="https://" + "a" * 493),
        RoundError,
        "text_too_long",
        "tối đa 500",
    ),
    "NUL in an evidence description": (
        lambda w: add_evidence(w.session, w.round_, w.unit, "1.2", ADMIN, description=NUL),
        RoundError,
        "text_control",
        "U+0000",
    ),
    "NUL in an evidence number": (
        lambda w: add_evidence(w.session, w.round_, w.unit, "1.2", ADMIN, number=NUL),
        RoundError,
        "text_control",
        "U+0000",
    ),
    "NUL in an explanation request": (
        lambda w: set_explanation(w.session, w.round_, w.unit, "1.2", ADMIN, request=NUL),
        RoundError,
        "text_control",
        "U+0000",
    ),
    "ESC in an explanation answer": (
        lambda w: set_explanation(w.session, w.round_, w.unit, "1.2", ADMIN, answer="Đã bổ sung\x1b[31m"),
        RoundError,
        "text_control",
        "U+001B",
    ),
    "NUL in an appraisal note": (
        lambda w: set_value(w.session, w.round_, w.unit, "1.2", "có", ADMIN, stage="appraisal1", note=NUL),
        RoundError,
        "text_control",
        "U+0000",
    ),
    "a raw value of 201 characters": (
        lambda w: set_value(w.session, w.round_, w.unit, "1.2", "c" * 201, ADMIN),
        RoundError,
        "text_too_long",
        "entries.self_value",
    ),
    "NUL in a raw value": (
        lambda w: set_value(w.session, w.round_, w.unit, "1.2", "c\x00ó", ADMIN),
        RoundError,
        "text_control",
        "U+0000",
    ),
    "NUL in a reopening reason": (
        lambda w: (publish(w.session, w.round_, ADMIN), reopen(w.session, w.round_, ADMIN, "Sai\x00 số liệu")),
        RoundError,
        "text_control",
        "U+0000",
    ),
    "BEL in a merger's reason": (
        lambda w: retire_unit(w.session, ADMIN, w.commune, 2025, reason="sáp nhập\x07"),
        RoundError,
        "text_control",
        "U+0007",
    ),
    "a unit name of 303 characters": (
        lambda w: ensure_unit(w.session, "Sở " + "X" * 300, "so"),
        InputError,
        "text_too_long",
        "dài 303 ký tự",
    ),
    "a control character in a unit name": (
        lambda w: ensure_unit(w.session, "Sở Tài\x01 chính", "so"),
        InputError,
        "text_control",
        "U+0001",
    ),
    "a line break in a unit name": (
        lambda w: ensure_unit(w.session, "Sở Tài\nchính", "so"),
        InputError,
        "text_control",
        "U+000A",
    ),
    "NUL written straight to a row (the flush guard)": (
        lambda w: (w.session.add(Unit(name="Sở\x00 Y tế", unit_type="so")), w.session.flush()),
        InputError,
        "text_control",
        "units.name",
    ),
    "an audit user of 81 characters (the flush guard)": (
        lambda w: (w.session.add(AuditRecord(user="u" * 81, action="x")), w.session.flush()),
        InputError,
        "text_too_long",
        "audit.user",
    ),
    "a lone surrogate in a note": (
        lambda w: set_value(w.session, w.round_, w.unit, "1.2", "có", ADMIN, stage="appraisal1", note="a\ud800"),
        RoundError,
        "text_control",
        "U+D800",
    ),
}

SURVEY_CASES: dict[str, tuple[str, str, str]] = {
    "the same unit twice": ("unit,2.1.2\nSở Tư pháp,80\nsở tư pháp,90\n", "survey_unit_twice", "dòng 3"),
    "respondents ²": ("unit,respondents,2.1.2\nSở Tư pháp,²,80\n", "value_digits_script", "'²'"),
    "respondents 10^20": ("unit,respondents,2.1.2\nSở Tư pháp,100000000000000000000,80\n", "value_too_large", ""),
    "respondents 3.000.000.000": ("unit;respondents;2.1.2\nSở Tư pháp;3.000.000.000;80\n", "value_too_large", ""),
    "negative respondents": ("unit,respondents,2.1.2\nSở Tư pháp,-5,80\n", "value_negative", "'-5'"),
    "fractional respondents": ("unit;respondents;2.1.2\nSở Tư pháp;2,5;80\n", "value_not_whole", "'2,5'"),
    "a commune in a department round": ("unit,2.1.2\nXã An Bình,80\n", "survey_unit_type", "loại xa"),
    "an unknown unit": ("unit,2.1.2\nSở Không Có,80\n", "scenario_unit", "Sở Không Có"),
    "an SQL string as a unit": ('unit,2.1.2\n"x\'); DROP TABLE units; --",80\n', "scenario_unit", "DROP TABLE"),
    "a share of 150 %": ("unit,2.1.2\nSở Tư pháp,150\n", "value_percent_range", "150"),
    "a share 'nan'": ("unit,2.1.2\nSở Tư pháp,nan\n", "value_not_number", "nan"),
    "a column that is not a survey item": ("unit,1.1.1\nSở Tư pháp,80\n", "survey_column", "1.1.1"),
    "no unit column": ("don,2.1.2\nSở Tư pháp,80\n", "survey_column", ""),
}


@pytest.mark.parametrize("kind", list(TEXT_CASES))
def test_text_that_cannot_be_stored_is_refused(kind, engine, world):
    action, error, code, expected = TEXT_CASES[kind]
    caught = refused(engine, world, action, error, code)
    message = caught.message("vi") if hasattr(caught, "message") else caught.render("vi")
    english = caught.message("en") if hasattr(caught, "message") else caught.render("en")
    assert expected in message, message
    assert message != english


@pytest.mark.parametrize("kind", list(SURVEY_CASES))
def test_bad_survey_files_are_refused_whole(kind, engine, world):
    csv, code, expected = SURVEY_CASES[kind]
    caught = refused(engine, world, lambda w: _survey(w, csv), InputError, code)
    rendered = caught.render("vi")
    assert rendered.startswith("khao-sat.csv") and expected in rendered, rendered
    if code not in ("survey_column",):
        assert "dòng" in rendered and "cột" in rendered  # row and column named
    assert caught.render("en") != rendered


def test_a_good_survey_with_thousands_separators_is_stored(engine, world):
    assert _survey(world, "unit;respondents;2.1.2\nSở Tư pháp;1.200;80,5\n") == 1
    world.session.commit()
    result = world.session.scalar(select(SurveyResult))
    assert (result.respondents, result.share_pct) == (1200, 80.5)


def test_multi_line_text_and_decomposed_letters_are_accepted(engine, world):
    """The check refuses controls, not text: a note may have lines and tabs; names are stored in NFC."""
    set_value(world.session, world.round_, world.unit, "1.2", "có", ADMIN, stage="appraisal1", note="Dòng 1\n\tDòng 2")
    unit = ensure_unit(world.session, "Sở Ta\u0300i chi\u0301nh", "so")  # decomposed à and í, as Excel may send
    world.session.commit()
    assert unit.name == "Sở Tài chính"
    entry = world.session.scalar(select(Entry).where(Entry.leaf_id == "1.2"))
    assert entry.appraisal1_note == "Dòng 1\n\tDòng 2"


ROUND_CASES: dict[str, tuple[Callable[[World], object], type[Exception], str | None]] = {
    "open_round with a missing criteria file": (
        lambda w: open_round(w.session, 2026, INDICATORS / "khong-co.yaml", ADMIN),
        InputError,
        "criteria_file_missing",
    ),
    "open_round by a viewer (wrong role)": (lambda w: open_round(w.session, 2026, EXAMPLE, VIEWER), AccessDenied, None),
    "open the same year twice": (lambda w: open_round(w.session, 2025, EXAMPLE, ADMIN), RoundError, "exists"),
    "a value for an unknown sub-criterion": (
        lambda w: set_value(w.session, w.round_, w.unit, "9.9.9", "1", ADMIN),
        RoundError,
        "unknown_leaf",
    ),
    "a value the rule cannot read": (
        lambda w: set_value(w.session, w.round_, w.unit, "1.1.1", "chín mươi", ADMIN),
        RoundError,
        "bad_value",
    ),
    "an unknown stage": (
        lambda w: set_value(w.session, w.round_, w.unit, "1.2", "có", ADMIN, stage="final"),
        RoundError,
        "bad_stage",
    ),
    "an officer saving another unit": (
        lambda w: set_value(w.session, w.round_, w.commune, "1.2", "có", w.officer),
        AccessDenied,
        None,
    ),
    "an officer appraising their own unit": (
        lambda w: set_value(w.session, w.round_, w.unit, "1.2", "có", w.officer, stage="appraisal1"),
        AccessDenied,
        None,
    ),
    "a viewer saving a value": (
        lambda w: set_value(w.session, w.round_, w.unit, "1.2", "có", VIEWER),
        AccessDenied,
        None,
    ),
    "a viewer importing a survey": (
        lambda w: import_survey(w.session, w.round_, b"unit,2.1.2\n", "s.csv", VIEWER),
        AccessDenied,
        None,
    ),
    "a survey into a published round": (
        lambda w: (publish(w.session, w.round_, ADMIN), _survey(w, "unit,2.1.2\nSở Tư pháp,80\n")),
        RoundError,
        "published",
    ),
    "evidence for a value never entered": (
        lambda w: add_evidence(w.session, w.round_, w.unit, "1.1.1", ADMIN, number="12/QĐ"),
        RoundError,
        "missing_entry",
    ),
    "a reopening without a reason": (
        lambda w: (publish(w.session, w.round_, ADMIN), reopen(w.session, w.round_, ADMIN, "   ")),
        RoundError,
        "reason_needed",
    ),
    "a unit merged into itself": (
        lambda w: retire_unit(w.session, ADMIN, w.unit, 2025, w.unit),
        RoundError,
        "bad_merge",
    ),
    "a unit merged into another type": (
        lambda w: retire_unit(w.session, ADMIN, w.unit, 2025, w.commune),
        RoundError,
        "bad_merge",
    ),
}


@pytest.mark.parametrize("kind", list(ROUND_CASES))
def test_round_requests_that_cannot_be_done(kind, engine, world):
    action, error, code = ROUND_CASES[kind]
    refused(engine, world, action, error, code)


def test_open_round_with_a_non_utf8_file(engine, world, tmp_path):
    latin = tmp_path / "bo-latin1.yaml"
    latin.write_bytes(EXAMPLE.read_text(encoding="utf-8").replace("Sở", "Sở").encode("cp1258", errors="replace"))
    caught = refused(engine, world, lambda w: open_round(w.session, 2026, latin, ADMIN), InputError, "not_utf8")
    assert caught.render("vi") == "bo-latin1.yaml: tệp không ở mã UTF-8"


ACCOUNT_CASES: dict[str, tuple[Callable[[World], object], type[Exception], str | None]] = {
    "NUL in a new user name": (
        lambda w: add_user(w.session, ADMIN, "an\x00", "viewer", None, sso_email="a@b.vn"),
        AccountError,
        "bad_username",
    ),
    "an SQL string as a user name": (
        lambda w: add_user(w.session, ADMIN, "x' OR '1'='1", "viewer", None, sso_email="a@b.vn"),
        AccountError,
        "bad_username",
    ),
    "NUL in a display name": (
        lambda w: add_user(w.session, ADMIN, "an.nguyen", "viewer", None, display_name="An\x00", sso_email="a@b.vn"),
        AccountError,
        "text_control",
    ),
    "a display name of 201 characters": (
        lambda w: add_user(w.session, ADMIN, "an.nguyen", "viewer", None, display_name="A" * 201, sso_email="a@b.vn"),
        AccountError,
        "text_too_long",
    ),
    "NUL in a single-sign-on e-mail": (
        lambda w: add_user(w.session, ADMIN, "an.nguyen", "viewer", None, sso_email="an\x00@snv.gov.vn"),
        AccountError,
        "text_control",
    ),
    "an unknown role": (
        lambda w: add_user(w.session, ADMIN, "an.nguyen", "root", None, sso_email="a@b.vn"),
        AccountError,
        "bad_role",
    ),
    "an officer without a unit": (
        lambda w: add_user(w.session, ADMIN, "an.nguyen", "unit_officer", None, sso_email="a@b.vn"),
        AccountError,
        "unit_needed",
    ),
    "an appraiser creating an account": (
        lambda w: add_user(w.session, APPRAISER, "an.nguyen", "admin", None, sso_email="a@b.vn"),
        AccessDenied,
        None,
    ),
    "disabling the last administrator": (
        lambda w: set_active(w.session, Actor.system("may-chu"), "quantri", False),
        AccountError,
        "last_admin",
    ),
    "demoting the last administrator": (
        lambda w: set_role(w.session, Actor.system("may-chu"), "quantri", "viewer"),
        AccountError,
        "last_admin",
    ),
    "disabling oneself": (lambda w: set_active(w.session, ADMIN, "quantri", False), AccountError, "not_yourself"),
    "disabling an unknown account": (
        lambda w: set_active(w.session, ADMIN, "khong.co", False),
        AccountError,
        "no_such_user",
    ),
}


@pytest.mark.parametrize("kind", list(ACCOUNT_CASES))
def test_account_requests_that_cannot_be_done(kind, engine, world):
    action, error, code = ACCOUNT_CASES[kind]
    caught = refused(engine, world, action, error, code)
    if isinstance(caught, AccountError):
        assert caught.message("vi") != caught.message("en")


@pytest.mark.parametrize("name", ["quantri\x00", "\x00", "quantri\x1b", "' OR 1=1 --"])
def test_signing_in_with_a_strange_name_is_a_plain_refusal(name, engine, world):
    """A NUL byte in the user name made PostgreSQL refuse the query (DataError): now it is just a wrong name."""
    outcome = authenticate(world.session, name, "bat-ky-mat-khau-nao")
    world.session.commit()
    assert outcome.actor is None and outcome.refusal == "bad_credentials"


def test_the_last_administrator_may_go_once_another_exists(engine, world):
    add_user(world.session, ADMIN, "quantri2", "admin", None, sso_email="q2@snv.gov.vn")
    set_active(world.session, Actor.system("may-chu"), "quantri", False)
    world.session.commit()
    assert not world.session.scalar(select(User.active).where(User.username == "quantri"))


WORKBOOK_EVIDENCE = {
    "a returned workbook's evidence number of 5.000 characters": (
        "ev_number",
        "Q" * 5000,
        "dài 5.000 ký tự, tối đa 120",
    ),
    "a returned workbook's issuer of 201 characters": ("ev_issuer", "B" * 201, "tối đa 200"),
}


@pytest.mark.parametrize("kind", list(WORKBOOK_EVIDENCE))
def test_a_returned_workbook_names_the_evidence_cell_too_long_to_store(kind):
    """Before, the workbook was accepted and the save failed on the database (PostgreSQL: DataError)."""
    from parindex.files import export_unit_workbook, read_unit_workbook
    from parindex.scoring import load_compiled
    from tests.files.test_workbook import fill, set_evidence

    key, value, expected = WORKBOOK_EVIDENCE[kind]
    compiled = load_compiled(INDICATORS / "so-2025.yaml")
    document = {"ev_number": "12/QĐ-UBND", "ev_date": None, "ev_issuer": "UBND tỉnh", "ev_description": "Kế hoạch"}
    document[key] = value
    data = fill(
        export_unit_workbook(compiled, "Sở Tư pháp", "so", 2025),
        lambda book: set_evidence(book, "1.1.1", [tuple(document.values())]),
    )
    with pytest.raises(InputError) as caught:
        read_unit_workbook(data, compiled, "so-tu-phap.xlsx", expected_unit="Sở Tư pháp")
    rendered = caught.value.render("vi")
    assert expected in rendered and "dòng" in rendered and "so-tu-phap.xlsx" in rendered, rendered
