"""Accounts: create and manage users, sign in with throttling, and sessions that expire.

Only an admin manages accounts (checked here, whoever calls). Sign-in answers the same way for an
unknown user, a wrong password and a deactivated account, and takes as long, so the answer never
tells whether a name exists. Failed attempts are counted per user name and per address in the
database (so every app replica sees them) and, past a few, each further try must wait longer.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from parindex.db import AuditRecord, LoginAttempt, Unit, User, WebSession, check_action, now
from parindex.errors import ParindexError
from parindex.i18n import nfc, t
from parindex.inputs import TextError, check_text

from ._access import ROLES, Actor, require
from ._passwords import MAX_PASSWORD_CHARS, hash_password, needs_rehash, verify_password, weak_password_reason

if TYPE_CHECKING:
    import pandas as pd

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,79}$")
WINDOW = dt.timedelta(minutes=15)  # failures older than this are forgotten
FREE_TRIES = {"user": 5, "ip": 20}  # failures allowed before waiting starts (an office may share an address)
MAX_WAIT_SECONDS = 15 * 60
IDLE_MINUTES, MAX_HOURS = 60, 12  # a session ends after an hour without use, or 12 hours after sign-in


class AccountError(ParindexError):
    """A request about accounts that cannot be done; ``code`` is an ``auth.*`` message key."""

    prefix = "auth"


_CONTROLS = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")


def normalise_username(name: str) -> str:
    """NFC, trimmed, lower case; a control character (never in a valid name) becomes U+FFFD, so a name typed
    with a NUL byte matches nobody instead of making PostgreSQL refuse the query."""
    return _CONTROLS.sub("\ufffd", nfc(name or "").strip().casefold())


def _account_text(value: str | None, column) -> str | None:
    try:
        return check_text(value, column)
    except TextError as error:
        raise AccountError(error.problem.code, field=error.problem.column, **error.problem.params) from None


def _valid_username(name: str) -> str:
    username = normalise_username(name)
    if not USERNAME.match(username):
        raise AccountError("bad_username")
    return username


def _check_password(password: str, username: str) -> None:
    reason = weak_password_reason(password, username)
    if reason is not None:
        raise AccountError(reason.removeprefix("auth."), limit=MAX_PASSWORD_CHARS)


def _check_role(session: Session, role: str, unit_id: int | None) -> int | None:
    if role not in ROLES:
        raise AccountError("bad_role", role=role, roles=", ".join(ROLES))
    if role != "unit_officer":
        return None
    if unit_id is None or session.get(Unit, unit_id) is None:
        raise AccountError("unit_needed")
    return unit_id


def _log(session: Session, actor: Actor, action: str, username: str, old: str | None = None, new: str | None = None):
    session.add(AuditRecord(user=actor.name, action=action, field="account", old=old, new=new, reason=username))


def _user(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == normalise_username(username)))
    if user is None:
        raise AccountError("no_such_user", username=normalise_username(username))
    return user


def add_user(
    session: Session,
    actor: Actor,
    username: str,
    role: str,
    password: str | None = None,
    *,
    unit_id: int | None = None,
    display_name: str = "",
    sso_email: str | None = None,
) -> User:
    """Create an account. A password, or an SSO e-mail, or both; never a default password."""
    require(actor, "manage_users")
    username = _valid_username(username)
    unit_id = _check_role(session, role, unit_id)
    if password is None and not sso_email:
        raise AccountError("password_or_sso")
    if password is not None:
        _check_password(password, username)
    display_name = _account_text(nfc(display_name or "").strip(), User.display_name)
    sso_email = _account_text(nfc(sso_email).strip().casefold(), User.sso_email) if sso_email else None
    user = User(
        username=username,
        role=role,
        unit_id=unit_id,
        display_name=display_name,
        password_hash=hash_password(password) if password is not None else None,
        sso_email=sso_email,
        password_changed_at=now() if password is not None else None,
    )
    session.add(user)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        raise AccountError("exists", username=username) from None
    _log(session, actor, "add_user", username, new=role)
    return user


def set_password(session: Session, actor: Actor, username: str, password: str) -> None:
    """An admin sets (resets) someone's password."""
    require(actor, "manage_users")
    user = _user(session, username)
    _check_password(password, user.username)
    user.password_hash, user.password_changed_at = hash_password(password), now()
    session.execute(delete(WebSession).where(WebSession.username == user.username))  # signed out everywhere
    _log(session, actor, "set_password", user.username)


def change_own_password(
    session: Session,
    actor: Actor,
    old_password: str,
    new_password: str,
    *,
    keep_token: str | None = None,
    address: str | None = None,
) -> None:
    """Anyone signed in changes their own password, proving the old one first (throttled like a sign-in).

    Every other session of the account ends, so whoever else held one is out; ``keep_token`` stays.
    """
    user = _user(session, actor.name)
    _check_password(new_password, user.username)
    proof = authenticate(session, actor.name, old_password, address)
    if proof.actor is None:
        raise AccountError(
            "throttled" if proof.refusal == "throttled" else "wrong_old_password", seconds=proof.wait_seconds
        )
    user.password_hash, user.password_changed_at = hash_password(new_password), now()
    others = delete(WebSession).where(WebSession.username == user.username)
    if keep_token:
        others = others.where(WebSession.token_hash != _token_hash(keep_token))
    session.execute(others)
    _log(session, actor, "change_password", user.username)


def set_role(
    session: Session,
    actor: Actor,
    username: str,
    role: str,
    unit_id: int | None = None,
    *,
    shown: tuple[str, int | None] | None = None,
) -> None:
    """Give an account another role (and, for a unit officer, its unit); ``shown`` is what the form showed."""
    require(actor, "manage_users")
    user = _user(session, username)
    unit_id = _check_role(session, role, unit_id)

    def text(role_and_unit: tuple[str, int | None]) -> str:
        return f"{role_and_unit[0]} {role_and_unit[1] or ''}"

    refusal = AccountError("changed_meanwhile", username=user.username)
    if not check_action(
        text((user.role, user.unit_id)), text((role, unit_id)), None if shown is None else text(shown), refusal
    ):
        return
    if role != "admin":
        _not_last_admin(session, user)
    old = user.role
    user.role, user.unit_id = role, unit_id
    _log(session, actor, "set_role", user.username, old=old, new=role)


def set_active(session: Session, actor: Actor, username: str, active: bool, *, shown: bool | None = None) -> None:
    """Deactivate (or reactivate) an account; accounts are never deleted, so the audit log keeps its names.
    ``shown`` is whether the form showed it active."""
    require(actor, "manage_users")
    user = _user(session, username)
    refusal = AccountError("changed_meanwhile", username=user.username)
    if not check_action(str(user.active), str(active), None if shown is None else str(shown), refusal):
        return
    if not active and user.username == actor.name:
        raise AccountError("not_yourself")
    if not active:
        _not_last_admin(session, user)
    user.active = active
    _log(session, actor, "activate" if active else "deactivate", user.username)


def _not_last_admin(session: Session, user: User) -> None:
    """Refuse to take the last active administrator away: nobody could manage accounts afterwards."""
    from sqlalchemy import func

    if user.role != "admin" or not user.active:
        return
    others = session.scalar(
        select(func.count()).select_from(User).where(User.role == "admin", User.active, User.id != user.id)
    )
    if not others:
        raise AccountError("last_admin", username=user.username)


def list_users(session: Session, actor: Actor) -> pd.DataFrame:
    """Every account without its hash: name, role, unit, SSO e-mail, active, created."""
    require(actor, "manage_users")
    rows = session.execute(select(User, Unit.name).outerjoin(Unit, User.unit_id == Unit.id).order_by(User.username))
    import pandas as pd  # only the users page lists accounts; signing in needs no pandas

    return pd.DataFrame(
        [
            {
                "username": u.username,
                "display_name": u.display_name,
                "role": u.role,
                "unit": unit or "",
                "unit_id": u.unit_id,
                "sso_email": u.sso_email or "",
                "active": u.active,
                "created_at": u.created_at,
            }
            for u, unit in rows
        ],
        columns=["username", "display_name", "role", "unit", "unit_id", "sso_email", "active", "created_at"],
    )


def count_users(session: Session) -> int:
    from sqlalchemy import func

    return int(session.scalar(select(func.count()).select_from(User)) or 0)


def _as_actor(user: User | None) -> Actor | None:
    if user is None or not user.active:
        return None
    return Actor(name=user.username, role=user.role, unit_id=user.unit_id)


def actor_for(session: Session, username: str) -> Actor | None:
    """The actor of an active account, read afresh (a role change or deactivation holds at once)."""
    return _as_actor(session.scalar(select(User).where(User.username == normalise_username(username))))


def actor_for_sso(session: Session, email: str | None) -> Actor | None:
    """The account mapped to an e-mail the office's identity provider vouched for; None if none or inactive."""
    if not email:
        return None
    return _as_actor(session.scalar(select(User).where(User.sso_email == normalise_username(email))))


TRUSTED_PROXIES = frozenset({None, "127.0.0.1", "::1"})  # nginx on the same machine (a local peer shows as None)


def client_address(peer: str | None, forwarded: str | None, trusted: frozenset = TRUSTED_PROXIES) -> str | None:
    """The address to throttle: the proxy's ``X-Real-IP`` only when the connection comes from the proxy itself.

    Anyone reaching the app directly could otherwise pick a new address for every try, or lock an
    office out by sending its address.
    """
    if peer in trusted and forwarded:
        return forwarded.strip()[:100] or peer
    return peer


def sso_claims_ok(claims: dict, at: dt.datetime) -> bool:
    """Whether the identity provider's claims may sign someone in now.

    The e-mail must not be marked unverified, and the provider's own sign-in (``auth_time``, else
    ``iat``) must be younger than :data:`MAX_HOURS`: Streamlit keeps its identity cookie for weeks,
    and a new tab must not revive a sign-in older than any password session may live.
    """
    if not claims.get("email") or claims.get("email_verified") is False:
        return False
    moment = claims.get("auth_time", claims.get("iat"))
    if moment is None:
        return True
    try:
        signed = dt.datetime.fromtimestamp(float(moment), dt.UTC).replace(tzinfo=None)
    except (TypeError, ValueError, OverflowError):
        return False
    return at - signed <= dt.timedelta(hours=MAX_HOURS)


@dataclass(frozen=True)
class SignIn:
    """The outcome of a sign-in: the actor, or why not (``bad_credentials`` whatever was wrong, or
    ``throttled`` with the seconds to wait). Not an exception, so the caller's transaction commits
    the recorded attempt either way."""

    actor: Actor | None
    refusal: str | None = None
    wait_seconds: int = 0

    def message(self, lang: str = "vi") -> str:
        return t(f"auth.{self.refusal}", lang, seconds=self.wait_seconds) if self.refusal else ""


def wait_needed(failures: list[dt.datetime], free_tries: int, at: dt.datetime) -> int:
    """Seconds to wait before the next try, given the recent failures (oldest first).

    The first ``free_tries`` failures cost nothing; then each one doubles the wait from 1 s, up to
    :data:`MAX_WAIT_SECONDS`, counted from the last failure.
    """
    recent = [moment for moment in failures if at - moment < WINDOW]
    extra = len(recent) - free_tries
    if extra < 0:
        return 0
    wait = min(2**extra, MAX_WAIT_SECONDS)
    remaining = (recent[-1] + dt.timedelta(seconds=wait) - at).total_seconds()
    return max(0, int(remaining + 0.999))


def _failures(session: Session, key: str, at: dt.datetime) -> list[dt.datetime]:
    """Failures within the window: for a user name, those since its last success; for an address, all of them.

    A success from an address must not clear it: a guesser with one account of their own would
    otherwise sign in to it now and then and keep trying other names at full speed.
    """
    attempts = session.execute(
        select(LoginAttempt.at, LoginAttempt.success)
        .where(LoginAttempt.key == key, LoginAttempt.at > at - WINDOW)
        .order_by(LoginAttempt.at)
    ).all()
    resets = key.startswith("user:")
    failures: list[dt.datetime] = []
    for moment, success in attempts:
        if success and resets:
            failures = []
        elif not success:
            failures.append(moment)
    return failures


def _serialise(session: Session, keys: list[str], at: dt.datetime) -> None:
    """Make attempts on the same keys wait for each other, so parallel tries cannot all pass the count.

    On PostgreSQL a transaction lock per key; on SQLite the first write takes the database's write
    lock until commit (every sign-in then runs one at a time, about 0,1 s each).
    """
    session.execute(delete(LoginAttempt).where(LoginAttempt.at < at - dt.timedelta(days=1)))
    if session.get_bind().dialect.name == "postgresql":
        for key in sorted(keys):
            session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": key})


def authenticate(
    session: Session, username: str, password: str, address: str | None = None, at: dt.datetime | None = None
) -> SignIn:
    """Check a password sign-in.

    Throttling is looked at before the password, so a guesser learns nothing while waiting.
    Every attempt is recorded (never the password); the caller commits the session.
    """
    at = at or now()
    name = normalise_username(username)[:80]
    keys = {f"user:{name}": FREE_TRIES["user"]}
    if address:
        keys[f"ip:{address[:100]}"] = FREE_TRIES["ip"]
    _serialise(session, list(keys), at)
    wait = max(wait_needed(_failures(session, key, at), free, at) for key, free in keys.items())
    if wait > 0:
        return SignIn(None, "throttled", wait)
    user = session.scalar(select(User).where(User.username == name))
    matched = verify_password(password, user.password_hash if user is not None else None)
    actor = _as_actor(user) if matched else None
    for key in keys:
        session.add(LoginAttempt(key=key, at=at, success=actor is not None))
    if actor is None:
        session.flush()
        return SignIn(None, "bad_credentials")
    if needs_rehash(user.password_hash or ""):
        user.password_hash = hash_password(password)
    session.flush()
    return SignIn(actor)


def session_expired(
    signed_in_at: dt.datetime,
    last_seen_at: dt.datetime,
    at: dt.datetime,
    idle_minutes: int = IDLE_MINUTES,
    max_hours: int = MAX_HOURS,
) -> bool:
    """A signed-in browser session ends after ``idle_minutes`` unused or ``max_hours`` after sign-in."""
    return at - last_seen_at > dt.timedelta(minutes=idle_minutes) or at - signed_in_at > dt.timedelta(hours=max_hours)


TOUCH_EVERY = dt.timedelta(minutes=1)  # how often a session's last use is written (not on every click)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def start_session(session: Session, actor: Actor, at: dt.datetime | None = None) -> str:
    """A new signed-in browser session; returns the random token for the browser's cookie (stored hashed)."""
    at = at or now()
    token = secrets.token_urlsafe(32)
    session.add(WebSession(token_hash=_token_hash(token), username=actor.name, created_at=at, last_seen_at=at))
    session.flush()
    return token


def resume_session(session: Session, token: str | None, at: dt.datetime | None = None) -> Actor | None:
    """The actor of a browser session that is still valid, else None (and an expired session is deleted).

    Valid means: known token, not idle longer than :data:`IDLE_MINUTES`, younger than :data:`MAX_HOURS`,
    and its account still active; the role is read now, so a change holds at once.
    """
    if not token or not isinstance(token, str):
        return None
    at = at or now()
    record = session.scalar(select(WebSession).where(WebSession.token_hash == _token_hash(token)))
    if record is None:
        return None
    if session_expired(record.created_at, record.last_seen_at, at):
        session.delete(record)
        session.flush()
        return None
    actor = actor_for(session, record.username)
    if actor is not None and at - record.last_seen_at > TOUCH_EVERY:
        record.last_seen_at = at
        session.flush()
    return actor


def end_session(session: Session, token: str | None) -> None:
    """Sign a browser out: its token no longer opens anything, wherever it was copied."""
    if token:
        session.execute(delete(WebSession).where(WebSession.token_hash == _token_hash(token)))
