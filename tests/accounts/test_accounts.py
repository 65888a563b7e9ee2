"""Accounts: slow salted hashes, sign-in that tells nothing, throttling, sessions that expire, the users command."""

from __future__ import annotations

import datetime as dt
import io
import os

import pytest
from sqlalchemy import select, text

from parindex import db
from parindex.accounts import (
    FREE_TRIES,
    IDLE_MINUTES,
    MAX_HOURS,
    AccessDenied,
    AccountError,
    Actor,
    actor_for,
    actor_for_sso,
    add_user,
    authenticate,
    change_own_password,
    end_session,
    hash_password,
    list_users,
    resume_session,
    session_expired,
    set_active,
    set_password,
    set_role,
    start_session,
    verify_password,
    wait_needed,
)
from parindex.db import User
from parindex.rounds import ensure_unit
from tests.rounds.test_rounds import engine  # noqa: F401  (the SQLite/PostgreSQL engine fixture)

ADMIN = Actor.system("kiem-thu")
PASSWORD = "Hoa-sen-nở-2026"
T0 = dt.datetime(2026, 11, 25, 8, 0, 0)


@pytest.fixture
def make(tmp_path):
    store = db.make_engine(f"sqlite:///{tmp_path / 'accounts.db'}")
    db.upgrade(store)
    factory = db.sessions(store)
    with factory.begin() as session:
        add_user(session, ADMIN, "An.Nguyen", "appraiser", PASSWORD, display_name="Nguyễn Văn An")
    yield factory
    store.dispose()


def test_hashes_are_salted_slow_and_verify():
    first, second = hash_password(PASSWORD), hash_password(PASSWORD)
    assert first != second  # a fresh salt each time
    assert first.startswith("scrypt$32768$8$1$") and PASSWORD not in first
    assert verify_password(PASSWORD, first) and verify_password(PASSWORD, second)
    assert not verify_password(PASSWORD + "x", first)
    assert not verify_password(PASSWORD, None) and not verify_password(PASSWORD, "md5$abc")


def test_no_password_is_stored_or_logged_in_clear(make):
    with make.begin() as session:
        set_password(session, ADMIN, "an.nguyen", "Mật-khẩu-mới-2027")
    with make() as session:
        dump = "\n".join(
            str(row)
            for table in ("users", "audit", "login_attempts", "web_sessions")
            for row in session.execute(text(f"SELECT * FROM {table}"))
        )
    assert PASSWORD not in dump and "Mật-khẩu-mới-2027" not in dump
    assert "set_password" in dump and "add_user" in dump  # the changes are in the audit log, without the secret


def test_user_names_are_normalised_and_weak_passwords_refused(make):
    with make() as session:
        assert actor_for(session, "  AN.NGUYEN ") == Actor("an.nguyen", "appraiser")
        for name, password, code in (
            ("an.nguyen", PASSWORD, "exists"),
            ("b", PASSWORD, "bad_username"),
            ("ai đó", PASSWORD, "bad_username"),
            ("binh", "ngắn", "password_short"),
            ("binh", "binh-2026-abcdef", "password_has_name"),
            ("binh", "aaaaaaaaaaaa", "password_repetitive"),
            ("binh", None, "password_or_sso"),
        ):
            with pytest.raises(AccountError) as caught:
                add_user(session, ADMIN, name, "viewer", password)
            assert caught.value.code == code, (name, password)
            session.rollback()
        with pytest.raises(AccountError) as caught:
            add_user(session, ADMIN, "canbo", "unit_officer", PASSWORD)  # a unit officer needs a unit
        assert caught.value.code == "unit_needed"


def test_only_an_admin_manages_accounts(make):
    with make() as session:
        for role in ("appraiser", "leader", "viewer"):
            actor = Actor("x", role)
            for call in (
                lambda a: add_user(session, a, "moi", "viewer", PASSWORD),
                lambda a: set_role(session, a, "an.nguyen", "admin"),
                lambda a: set_password(session, a, "an.nguyen", "Khac-hoan-toan-9"),
                lambda a: set_active(session, a, "an.nguyen", False),
                lambda a: list_users(session, a),
            ):
                with pytest.raises(AccessDenied):
                    call(actor)
        with pytest.raises(AccessDenied):
            list_users(session, Actor("y", "unit_officer", unit_id=1))


def test_sign_in_answers_the_same_whatever_was_wrong(make):
    with make.begin() as session:
        assert authenticate(session, "an.nguyen", PASSWORD, at=T0).actor == Actor("an.nguyen", "appraiser")
        wrong = authenticate(session, "an.nguyen", "sai-mat-khau", at=T0)
        unknown = authenticate(session, "khong-co-ai", PASSWORD, at=T0)
        set_active(session, ADMIN, "an.nguyen", False)
        inactive = authenticate(session, "an.nguyen", PASSWORD, at=T0)
    for outcome in (wrong, unknown, inactive):
        assert outcome.actor is None and outcome.refusal == "bad_credentials"
        assert outcome.message("vi") == "Tên đăng nhập hoặc mật khẩu không đúng."


def test_wait_grows_after_the_free_tries():
    failures = [T0 + dt.timedelta(seconds=i) for i in range(5)]
    assert wait_needed(failures[:4], 5, T0 + dt.timedelta(seconds=4)) == 0
    # 5 failures, free 5: the sixth try waits 2**0 = 1 s after the last failure (at T0+4 s)
    assert wait_needed(failures, 5, T0 + dt.timedelta(seconds=4)) == 1
    assert wait_needed(failures, 5, T0 + dt.timedelta(seconds=5)) == 0
    eight = [T0 + dt.timedelta(seconds=i) for i in range(8)]  # 3 over: 2**3 = 8 s after T0+7 s
    assert wait_needed(eight, 5, T0 + dt.timedelta(seconds=10)) == 5
    old = [T0 - dt.timedelta(minutes=16)] * 50  # outside the window: forgotten
    assert wait_needed(old, 5, T0) == 0


def test_throttling_per_user_then_per_address(make):
    at = T0
    with make.begin() as session:
        for _ in range(FREE_TRIES["user"]):
            assert authenticate(session, "an.nguyen", "sai", "10.0.0.9", at=at).refusal == "bad_credentials"
            at += dt.timedelta(milliseconds=10)
        refused = authenticate(session, "an.nguyen", PASSWORD, "10.0.0.7", at=at)  # even the right password waits
        assert refused.refusal == "throttled" and refused.wait_seconds > 0
        assert "giây" in refused.message("vi")
        later = at + dt.timedelta(seconds=refused.wait_seconds)
        assert authenticate(session, "an.nguyen", PASSWORD, "10.0.0.7", at=later).actor is not None
        # one address trying many names is slowed down too, and an unknown name is slowed like a known one
        at = later
        for i in range(FREE_TRIES["ip"]):
            assert authenticate(session, f"ten-{i}", "sai", "10.0.0.66", at=at).refusal == "bad_credentials"
            at += dt.timedelta(milliseconds=10)
        assert authenticate(session, "an.nguyen", PASSWORD, "10.0.0.66", at=at).refusal == "throttled"
        assert authenticate(session, "an.nguyen", PASSWORD, "10.0.0.67", at=at).actor is not None


def test_sessions_expire_when_idle_or_old(make):
    assert not session_expired(T0, T0, T0 + dt.timedelta(minutes=IDLE_MINUTES))
    assert session_expired(T0, T0, T0 + dt.timedelta(minutes=IDLE_MINUTES, seconds=1))
    busy = T0 + dt.timedelta(hours=MAX_HOURS, seconds=1)
    assert session_expired(T0, busy - dt.timedelta(minutes=1), busy)
    with make.begin() as session:
        actor = actor_for(session, "an.nguyen")
        token = start_session(session, actor, at=T0)
        assert resume_session(session, token, at=T0 + dt.timedelta(minutes=30)) == actor
        assert resume_session(session, token, at=T0 + dt.timedelta(minutes=80)) == actor  # used at 30 min
        assert resume_session(session, token, at=T0 + dt.timedelta(minutes=200)) is None  # idle 2 hours
        assert resume_session(session, token, at=T0 + dt.timedelta(minutes=201)) is None  # and forgotten
        other = start_session(session, actor)
        assert resume_session(session, "not-a-token") is None and resume_session(session, None) is None
        stored = session.execute(text("SELECT token_hash FROM web_sessions")).scalars().all()
        assert other not in stored  # only its hash is kept
        end_session(session, other)
        assert resume_session(session, other) is None


def test_a_role_change_or_deactivation_holds_at_once(make):
    with make.begin() as session:
        unit = ensure_unit(session, "Phường Hòa Bình", "xa")
        token = start_session(session, actor_for(session, "an.nguyen"))
        set_role(session, ADMIN, "an.nguyen", "unit_officer", unit.id)
        assert resume_session(session, token) == Actor("an.nguyen", "unit_officer", unit.id)
        set_active(session, ADMIN, "an.nguyen", False)
        assert resume_session(session, token) is None
        with pytest.raises(AccountError):
            set_active(session, Actor("quantri", "admin"), "quantri", False)  # unknown here, but also never oneself


def test_a_change_from_an_older_form_is_refused_not_replacing_a_newer_one(make):
    """Two admins' forms show an.nguyen as an active appraiser. The first makes them a leader; the second's role
    and deactivation from the older form are refused with the account's name, and the first change stays.
    A change of what the form showed goes through; one already made changes nothing (no audit record)."""
    shown_role, shown_active = ("appraiser", None), True
    with make.begin() as session:
        set_role(session, ADMIN, "an.nguyen", "leader", shown=shown_role)
        for stale in (
            lambda: set_role(session, Actor.system("binh"), "an.nguyen", "viewer", shown=shown_role),
            lambda: set_role(session, Actor.system("binh"), "an.nguyen", "appraiser", shown=("viewer", None)),
        ):
            with pytest.raises(AccountError) as caught:
                stale()
            assert caught.value.code == "changed_meanwhile" and "an.nguyen" in caught.value.message("vi")
        set_active(session, ADMIN, "an.nguyen", False, shown=shown_active)
        set_active(session, Actor.system("binh"), "an.nguyen", False, shown=shown_active)  # already so
        set_role(session, ADMIN, "an.nguyen", "leader", shown=shown_role)  # already so: nothing to write
        user = session.scalar(select(User).where(User.username == "an.nguyen"))
        assert (user.role, user.active) == ("leader", False)
        records = session.scalars(select(db.AuditRecord.action).where(db.AuditRecord.reason == "an.nguyen")).all()
        assert records.count("set_role") == 1 and records.count("deactivate") == 1


def test_an_admin_password_reset_signs_the_user_out_and_users_change_their_own(make):
    with make.begin() as session:
        actor = actor_for(session, "an.nguyen")
        token = start_session(session, actor)
        set_password(session, ADMIN, "an.nguyen", "Mat-khau-tam-thoi-1")
        assert resume_session(session, token) is None
        with pytest.raises(AccountError) as caught:
            change_own_password(session, actor, "sai", "Mat-khau-rieng-2026")
        assert caught.value.code == "wrong_old_password"
        change_own_password(session, actor, "Mat-khau-tam-thoi-1", "Mat-khau-rieng-2026")
        assert authenticate(session, "an.nguyen", "Mat-khau-rieng-2026").actor == actor


def test_single_sign_on_maps_an_email_to_an_account(make):
    with make.begin() as session:
        add_user(session, ADMIN, "lanhdao", "leader", sso_email="LanhDao@BinhAn.gov.vn")
        assert actor_for_sso(session, "lanhdao@binhan.gov.vn") == Actor("lanhdao", "leader")
        assert actor_for_sso(session, "la@binhan.gov.vn") is None and actor_for_sso(session, None) is None
        assert session.scalar(select(User.password_hash).where(User.username == "lanhdao")) is None
        assert authenticate(session, "lanhdao", "").actor is None  # no password: cannot sign in with one


def test_the_users_command_never_takes_a_password_as_an_argument(tmp_path, monkeypatch, capsys):
    from parindex.cli import main

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("PARINDEX_DATABASE_URL", url)
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["users", "add", "--username", "quantri", "--role", "admin", "--password-stdin"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("ngan\n"))
    assert main(["users", "add", "--username", "thu", "--role", "viewer", "--password-stdin"]) == 2
    with pytest.raises(SystemExit):  # there is no option to pass a password on the command line
        main(["users", "add", "--username", "thu", "--role", "viewer", "--password", "x"])
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["users", "add", "--username", "quantri", "--role", "viewer", "--password-stdin"]) == 2
    assert main(["users", "disable", "--username", "quantri"]) == 2  # the last administrator (issue 17)
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["users", "add", "--username", "quantri2", "--role", "admin", "--password-stdin"]) == 0
    assert main(["users", "disable", "--username", "quantri"]) == 0
    assert main(["users", "list"]) == 0
    output = capsys.readouterr()
    assert "Đã tạo tài khoản quantri (Quản trị)." in output.out
    assert "quantri\tQuản trị (đã khóa)" in output.out
    assert "Mật khẩu cần ít nhất 10 ký tự." in output.err and "Tài khoản 'quantri' đã có." in output.err
    assert PASSWORD not in output.out + output.err
    store = db.make_engine(url)
    with db.sessions(store)() as session:
        assert authenticate(session, "quantri", PASSWORD).actor is None  # disabled
    store.dispose()
    assert os.environ["PARINDEX_DATABASE_URL"] == url


def test_users_init_asks_for_the_first_admin_only_when_there_is_none(tmp_path, monkeypatch, capsys):
    from parindex.cli import main

    url = f"sqlite:///{tmp_path / 'init.db'}"
    monkeypatch.setenv("PARINDEX_DATABASE_URL", url)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # not a terminal: only the hint, no account
    assert main(["users", "init"]) == 0
    assert "python -m parindex users add --username quantri --role admin" in capsys.readouterr().out
    answers = iter(["ngan", "ngan", PASSWORD, PASSWORD])  # a weak password is refused and asked again

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr("builtins.input", lambda prompt="": "")  # the default name, quantri
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert main(["users", "init"]) == 0
    out = capsys.readouterr()
    assert "Mật khẩu cần ít nhất 10 ký tự." in out.err and "Đã tạo tài khoản quantri (Quản trị)." in out.out
    assert main(["users", "init"]) == 0  # an account exists: nothing asked, nothing changed
    store = db.make_engine(url)
    with db.sessions(store)() as session:
        assert authenticate(session, "quantri", PASSWORD).actor == Actor("quantri", "admin")
    store.dispose()


def test_a_success_from_an_address_does_not_reset_its_count(make):
    """A guesser with an account of their own cannot sign in to it now and then to keep spraying other names."""
    with make.begin() as session:
        add_user(session, ADMIN, "ke-gian", "viewer", "Rieng-tu-2026-abc")
        at = T0
        for i in range(FREE_TRIES["ip"]):
            if i % 10 == 9:
                assert authenticate(session, "ke-gian", "Rieng-tu-2026-abc", "10.1.1.1", at=at).actor
            assert authenticate(session, f"nan-nhan-{i}", "sai", "10.1.1.1", at=at).refusal == "bad_credentials"
            at += dt.timedelta(milliseconds=10)
        assert authenticate(session, "nan-nhan-x", "sai", "10.1.1.1", at=at).refusal == "throttled"


def test_the_proxy_address_is_believed_only_from_the_proxy():
    from parindex.accounts import client_address

    assert client_address(None, "10.0.0.5") == "10.0.0.5"  # nginx on the same machine (a local peer)
    assert client_address("127.0.0.1", "10.0.0.5") == "10.0.0.5"
    assert client_address("10.9.9.9", "203.0.113.77") == "10.9.9.9"  # reached directly: the header is ignored
    assert client_address("10.9.9.9", None) == "10.9.9.9"


def test_single_sign_on_claims_must_be_verified_and_recent():
    from parindex.accounts import sso_claims_ok

    at = dt.datetime(2026, 11, 25, 12, 0)
    recent = (at - dt.timedelta(hours=1)).replace(tzinfo=dt.UTC).timestamp()
    old = (at - dt.timedelta(days=3)).replace(tzinfo=dt.UTC).timestamp()
    assert sso_claims_ok({"email": "a@tinh.gov.vn", "iat": recent}, at)
    assert sso_claims_ok({"email": "a@tinh.gov.vn", "email_verified": True, "auth_time": recent, "iat": old}, at)
    assert not sso_claims_ok({"email": "a@tinh.gov.vn", "iat": old}, at)
    assert not sso_claims_ok({"email": "a@tinh.gov.vn", "email_verified": False, "iat": recent}, at)
    assert not sso_claims_ok({"iat": recent}, at)


def test_changing_ones_password_ends_every_other_session_and_is_throttled(make):
    with make.begin() as session:
        actor = actor_for(session, "an.nguyen")
        mine, stolen = start_session(session, actor), start_session(session, actor)
        change_own_password(session, actor, PASSWORD, "Mat-khau-moi-2026-x", keep_token=mine)
        assert resume_session(session, mine) == actor and resume_session(session, stolen) is None
        codes = []
        for _ in range(FREE_TRIES["user"] + 1):
            try:
                change_own_password(session, actor, "doan-bua", "Mat-khau-khac-2026-y", keep_token=mine)
            except AccountError as error:
                codes.append(error.code)
        assert codes == ["wrong_old_password"] * FREE_TRIES["user"] + ["throttled"]


def test_parallel_guesses_wait_for_each_other(engine):  # noqa: F811
    """Twelve wrong passwords sent at once: only the free tries are checked, the rest wait (same moment T0)."""
    import threading

    make = db.sessions(engine)
    with make.begin() as session:
        add_user(session, ADMIN, "an.nguyen", "appraiser", PASSWORD)
    outcomes: list[str] = []
    barrier = threading.Barrier(12)

    def guess() -> None:
        barrier.wait(timeout=30)
        with make.begin() as session:
            outcomes.append(authenticate(session, "an.nguyen", "doan-bua", at=T0).refusal)

    threads = [threading.Thread(target=guess) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["bad_credentials"] * FREE_TRIES["user"] + ["throttled"] * (12 - FREE_TRIES["user"])
