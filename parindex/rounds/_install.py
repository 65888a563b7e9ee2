"""Installing a criteria set: an administrator adds or replaces a YAML file in ``indicators/``.

The file is checked exactly as ``validate`` checks it before anything is written, written
atomically under its set's id (never under the uploaded name), and the change is logged. Rounds
already open keep the set they froze when they opened, so replacing a file never changes them.

Replacing is checked like every other write (:func:`parindex.db.check_action`): against the installed file
as the page showed it (:func:`installed_version`), so a set someone installed or corrected since is not
overwritten unseen.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from parindex.accounts import Actor, require
from parindex.criteria import parse_criteria_set
from parindex.db import AuditRecord, check_action
from parindex.errors import InputError, Problem
from parindex.files import write_atomic
from parindex.i18n import nfc
from parindex.rounds._round import RoundError

SET_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,79}$")


@dataclass(frozen=True)
class Installed:
    """The installed file of a set as a page shows it: ``version`` (the SHA-256 of its bytes, "" when there is
    none), handed back as ``shown``, and when it was last written (UTC; an install or an edit by hand)."""

    version: str
    modified: dt.datetime | None


def installed_version(folder: str | Path, set_id: str) -> Installed:
    """What :func:`install_criteria_set` checks a replacement of ``set_id`` against."""
    target = Path(folder) / f"{set_id}.yaml"
    if not target.is_file():
        return Installed("", None)
    modified = dt.datetime.fromtimestamp(target.stat().st_mtime, dt.UTC).replace(tzinfo=None)
    return Installed(hashlib.sha256(target.read_bytes()).hexdigest(), modified)


def install_criteria_set(
    session: Session,
    actor: Actor,
    text: str,
    filename: str,
    folder: str | Path,
    replace: bool = False,
    *,
    shown: str | None = None,
) -> Path:
    """Check ``text`` and write it to ``folder/<set id>.yaml``; returns the path. Raises InputError if it is wrong.

    ``shown`` is the :func:`installed_version` the page showed (None: commands and tests, which know
    nothing); a file that changed since raises RoundError ``set_changed_meanwhile`` and nothing is written.
    Replacing a file with the very same text writes and logs nothing.
    """
    require(actor, "manage_sets")
    text = nfc(text)
    criteria_set = parse_criteria_set(text, filename)  # every problem, with its line
    if not SET_ID.match(criteria_set.id) or ".." in criteria_set.id:
        raise InputError([Problem("set_id_for_file", {"id": criteria_set.id}, file=filename)])
    target = Path(folder) / f"{criteria_set.id}.yaml"
    theirs = installed_version(folder, criteria_set.id).version
    mine = hashlib.sha256(text.encode("utf-8")).hexdigest()
    refusal = RoundError("set_changed_meanwhile", id=criteria_set.id, file=target.name)
    changes = check_action(theirs, mine, shown, refusal)
    if theirs and not replace:
        raise InputError([Problem("set_exists", {"id": criteria_set.id, "file": target.name}, file=filename)])
    if not changes:
        return target
    old = target.read_text(encoding="utf-8") if target.exists() else None
    write_atomic(target, text.encode("utf-8"))
    session.add(
        AuditRecord(
            user=actor.name,
            action="install_set",
            field="criteria_set",
            old=None if old is None else f"{len(old)} bytes",
            new=f"{target.name} ({len(text)} bytes)",
            reason=filename,
        )
    )
    session.flush()
    return target
