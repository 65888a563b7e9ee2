"""Installing a criteria set: an administrator adds or replaces a YAML file in ``indicators/``.

The file is checked exactly as ``validate`` checks it before anything is written, written
atomically under its set's id (never under the uploaded name), and the change is logged. Rounds
already open keep the set they froze when they opened, so replacing a file never changes them.
"""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy.orm import Session

from parindex.accounts import Actor, require
from parindex.criteria import parse_criteria_set
from parindex.db import AuditRecord
from parindex.errors import InputError, Problem
from parindex.files import write_atomic
from parindex.i18n import nfc

SET_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,79}$")


def install_criteria_set(
    session: Session, actor: Actor, text: str, filename: str, folder: str | Path, replace: bool = False
) -> Path:
    """Check ``text`` and write it to ``folder/<set id>.yaml``; returns the path. Raises InputError if it is wrong."""
    require(actor, "manage_sets")
    text = nfc(text)
    criteria_set = parse_criteria_set(text, filename)  # every problem, with its line
    if not SET_ID.match(criteria_set.id) or ".." in criteria_set.id:
        raise InputError([Problem("set_id_for_file", {"id": criteria_set.id}, file=filename)])
    target = Path(folder) / f"{criteria_set.id}.yaml"
    if target.exists() and not replace:
        raise InputError([Problem("set_exists", {"id": criteria_set.id, "file": target.name}, file=filename)])
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
