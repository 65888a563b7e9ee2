"""Tables of a scoring round (kỳ đánh giá), as SQLAlchemy 2 declarative models.

A round freezes the criteria set's YAML text when it opens, so later edits to ``indicators/`` never
change a running round. Each (round, unit, sub-criterion) row carries the unit's self-assessment,
two appraisals with notes, an explanation request and answer, and a version number that makes two
staff editing the same row notice each other. Every change is also written to ``audit``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint, event
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship

from parindex.inputs import check_instance


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


# A multi-line text a person types (a note, an explanation, a reason): as long as a page of text, and no longer,
# so a pasted file cannot fill the database or every page that shows it. The widgets take their limit from here.
TYPED_TEXT = {"max_chars": 4000}


class Base(DeclarativeBase):
    pass


class Round(Base):
    __tablename__ = "rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    set_id: Mapped[str] = mapped_column(String(80))
    set_yaml: Mapped[str] = mapped_column(Text)  # the criteria set as it was when the round opened
    set_file: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="open")  # open | published
    opened_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)
    opened_by: Mapped[str] = mapped_column(String(80))
    published_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)

    __table_args__ = (UniqueConstraint("year", "set_id", name="uq_round_year_set"),)


class Unit(Base):
    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    unit_type: Mapped[str] = mapped_column(String(20))
    province: Mapped[str] = mapped_column(String(120), default="")
    first_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    last_year: Mapped[int | None] = mapped_column(Integer, nullable=True)  # units merge and disappear (2025)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), nullable=True)

    def exists_in(self, year: int) -> bool:
        return (self.first_year is None or self.first_year <= year) and (
            self.last_year is None or year <= self.last_year
        )

    __table_args__ = (UniqueConstraint("name", "unit_type", name="uq_unit_name_type"),)


class Entry(Base):
    """One sub-criterion of one unit in one round, through self-assessment and appraisal."""

    __tablename__ = "entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    leaf_id: Mapped[str] = mapped_column(String(40))
    self_value: Mapped[str | None] = mapped_column(String(200), nullable=True)
    appraisal1_value: Mapped[str | None] = mapped_column(String(200), nullable=True)
    appraisal1_note: Mapped[str | None] = mapped_column(Text, nullable=True, info=TYPED_TEXT)
    explanation_request: Mapped[str | None] = mapped_column(Text, nullable=True, info=TYPED_TEXT)
    explanation_answer: Mapped[str | None] = mapped_column(Text, nullable=True, info=TYPED_TEXT)
    appraisal2_value: Mapped[str | None] = mapped_column(String(200), nullable=True)
    appraisal2_note: Mapped[str | None] = mapped_column(Text, nullable=True, info=TYPED_TEXT)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_by: Mapped[str] = mapped_column(String(80), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)

    evidence: Mapped[list[Evidence]] = relationship(back_populates="entry", cascade="all, delete-orphan")

    __table_args__ = (UniqueConstraint("round_id", "unit_id", "leaf_id", name="uq_entry"),)
    # optimistic locking: every UPDATE carries "WHERE version = <the version loaded>"
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    def effective_value(self) -> str | None:
        """What counts: the first stage of :data:`EFFECTIVE_ORDER` with a value — the second appraisal, else the
        first, else the unit's own value."""
        for column in EFFECTIVE_ORDER:
            value = getattr(self, column.key)
            if value not in (None, ""):
                return value
        return None


# The stages of a cell, the one that counts first: reads that select columns (a whole round) follow the same order.
EFFECTIVE_ORDER = (Entry.appraisal2_value, Entry.appraisal1_value, Entry.self_value)


class Evidence(Base):
    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id"), index=True)
    number: Mapped[str] = mapped_column(String(120), default="")
    issued_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    issuer: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="", info=TYPED_TEXT)
    link: Mapped[str] = mapped_column(String(500), default="")
    file_path: Mapped[str] = mapped_column(String(500), default="")
    sha256: Mapped[str] = mapped_column(String(64), default="")

    entry: Mapped[Entry] = relationship(back_populates="evidence")


class SurveyResult(Base):
    __tablename__ = "survey_results"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    leaf_id: Mapped[str] = mapped_column(String(40))
    share_pct: Mapped[float] = mapped_column(Float)
    respondents: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (UniqueConstraint("round_id", "unit_id", "leaf_id", name="uq_survey"),)


class AuditRecord(Base):
    """Who changed what, when, from what to what, and why. Never updated, never deleted."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=now, index=True)
    user: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(40))
    round_id: Mapped[int | None] = mapped_column(ForeignKey("rounds.id"), nullable=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), nullable=True)
    leaf_id: Mapped[str | None] = mapped_column(String(40), nullable=True)
    field: Mapped[str | None] = mapped_column(String(40), nullable=True)
    old: Mapped[str | None] = mapped_column(Text, nullable=True)
    new: Mapped[str | None] = mapped_column(Text, nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="", info=TYPED_TEXT)


class User(Base):
    """An account: a slow salted password hash (never the password), a role, and a unit officer's unit.

    ``sso_email`` maps a user signed in through the office's OpenID Connect provider to this row.
    Accounts are deactivated, never deleted, so the audit log's names keep meaning something.
    """

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)  # NFC, lower case
    display_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), nullable=True)
    password_hash: Mapped[str | None] = mapped_column(String(200), nullable=True)
    sso_email: Mapped[str | None] = mapped_column(String(200), unique=True, nullable=True)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)
    password_changed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class LoginAttempt(Base):
    """Recent sign-in attempts per key (``user:NAME`` or ``ip:ADDRESS``), to slow down guessing."""

    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=now, index=True)
    success: Mapped[bool] = mapped_column(default=False)


class WebSession(Base):
    """A signed-in browser: the SHA-256 of the random token in its cookie (never the token), whose it is, when used.

    The server decides expiry from these times; deleting the row signs the browser out everywhere.
    """

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    username: Mapped[str] = mapped_column(String(80), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)


class Draft(Base):
    """A self-assessment draft (:mod:`parindex.rounds`): one user's figures for one unit, set and year, blanks kept."""

    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner: Mapped[str] = mapped_column(String(80))
    unit_name: Mapped[str] = mapped_column(String(200))
    unit_type: Mapped[str] = mapped_column(String(20))
    set_id: Mapped[str] = mapped_column(String(80))
    year: Mapped[int] = mapped_column(Integer)
    entries: Mapped[str] = mapped_column(Text)  # JSON object: leaf id → the value as typed ("" = blank)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)

    __table_args__ = (UniqueConstraint("owner", "unit_name", "unit_type", "set_id", "year", name="uq_draft"),)


@event.listens_for(Session, "before_flush")
def _check_texts(session: Session, _context, _instances) -> None:
    """Every text written passes :func:`parindex.inputs.check_instance`, whichever function wrote it."""
    for instance in (*session.new, *session.dirty):
        check_instance(instance)
