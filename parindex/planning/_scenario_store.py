"""Saved scenarios: one small JSON file each, under ``data/scenarios/``.

A saved scenario has an id that is safe in a URL (``ten-kich-ban-1a2b3c4d``), so a link can name
it; reading one back checks the id's characters, the file's shape and every leaf id against the
criteria set, exactly as a scenario link is checked. (Storage moves to the database with the
scoring rounds; the interface stays.)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from parindex.accounts import Actor, require
from parindex.criteria import CompiledSet
from parindex.errors import InputError, Problem
from parindex.files import write_atomic

from ._scenarios import Scenario, from_dict, to_dict

ID_PATTERN = re.compile(r"^[a-z0-9-]{1,80}$")


@dataclass(frozen=True)
class SavedScenario:
    id: str
    name: str
    set_id: str
    year: int
    unit_type: str
    created: str
    scenario: Scenario


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = ascii_text.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:40] or "kich-ban"


class ScenarioStore:
    """Files in one folder; no state besides the folder path."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    def save(self, scenario: Scenario, set_id: str, year: int, unit_type: str, actor: Actor) -> SavedScenario:
        """Write the scenario for everyone to open by its id; leaders and staff may save, others not."""
        require(actor, "save_scenarios")
        created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        body = {
            "set": set_id,
            "year": year,
            "type": unit_type,
            "created": created,
            "by": actor.name,
            **to_dict(scenario),
        }
        digest = hashlib.sha256(json.dumps(body, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:8]
        scenario_id = f"{slug(scenario.name)}-{digest}"
        write_atomic(
            self.folder / f"{scenario_id}.json", json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8")
        )
        return SavedScenario(scenario_id, scenario.name, set_id, year, unit_type, created, scenario)

    def load(self, scenario_id: str, compiled: CompiledSet) -> SavedScenario:
        if not ID_PATTERN.match(scenario_id or ""):
            raise InputError([Problem("scenario_payload")])
        path = self.folder / f"{scenario_id}.json"
        try:
            body = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise InputError([Problem("scenario_payload")]) from None
        if not isinstance(body, dict) or body.get("set") != compiled.criteria_set.id:
            raise InputError([Problem("scenario_payload")])
        scenario = from_dict(body, compiled)
        year = body.get("year")
        if not isinstance(year, int) or isinstance(year, bool):
            raise InputError([Problem("scenario_payload")])
        return SavedScenario(
            scenario_id,
            scenario.name,
            str(body["set"]),
            year,
            str(body.get("type", "")),
            str(body.get("created", "")),
            scenario,
        )

    def list(self, compiled: CompiledSet, year: int | None = None) -> list[SavedScenario]:
        """Saved scenarios of this criteria set (and year), newest first; unreadable files are skipped."""
        found = []
        for path in sorted(self.folder.glob("*.json")):
            try:
                saved = self.load(path.stem, compiled)
            except InputError:
                continue
            if year is None or saved.year == year:
                found.append(saved)
        return sorted(found, key=lambda s: s.created, reverse=True)
