"""What-if scenarios: changes to raw values (not points) for one or more units, and their effect.

A scenario says "unit U: leaf 3.2.1 becomes 98 %, leaf 1.1.2 becomes Hoàn thành tốt". Values are
typed the way staff type them and read by the same rules as an import, so a scenario can never
set points a rule would not give. Applying it re-scores every unit at once (ranks move for all).
A scenario travels in a link as a small JSON payload, validated on the way in; nothing executable
is ever read from a URL.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from parindex.criteria import BLANK, CellError, CompiledSet, parse_value
from parindex.errors import InputError, Problem
from parindex.i18n import nfc
from parindex.scoring import Scores, score

MAX_PAYLOAD_CHARS = 8_000
MAX_CHANGES = 500


@dataclass(frozen=True)
class Scenario:
    """Raw-value changes by unit name, then by leaf id; ``name`` is the label a user gave it."""

    changes: dict[str, dict[str, str]] = field(default_factory=dict)
    name: str = ""

    def count(self) -> int:
        return sum(len(by_leaf) for by_leaf in self.changes.values())

    def with_change(self, unit: str, leaf_id: str, raw: str) -> Scenario:
        updated = {u: dict(by_leaf) for u, by_leaf in self.changes.items()}
        updated.setdefault(unit, {})[leaf_id] = raw
        return Scenario(updated, self.name)


def apply(scores: Scores, scenario: Scenario) -> Scores:
    """Every unit re-scored with the scenario's values in place (raises InputError on a bad value)."""
    compiled = scores.compiled
    index = compiled.column_index()
    leaves = compiled.columns
    values = np.array(scores.values, dtype=float, order="F", copy=True)
    problems: list[Problem] = []
    for unit, by_leaf in scenario.changes.items():
        try:
            row = scores.row_of(unit)
        except KeyError:
            problems.append(Problem("scenario_unit", {"unit": unit}))
            continue
        for leaf_id, raw in by_leaf.items():
            column = index.get(leaf_id)
            if column is None:
                problems.append(Problem("scenario_leaf", {"id": leaf_id}, column=leaf_id))
                continue
            try:
                value = parse_value(raw, leaves[column])
            except CellError as error:
                problems.append(Problem(error.code, error.params, file=unit, column=leaf_id))
                continue
            if value is BLANK:
                problems.append(Problem("value_blank", file=unit, column=leaf_id))
                continue
            values[row, column] = value
    if problems:
        raise InputError(problems)
    return score(compiled, values, scores.units)


SIDES = ("before", "after")


def compare(before: Scores, after: Scores, lang: str = "vi") -> pd.DataFrame:
    """Old → new total, index, rank and grade for every unit, ranked by the new result (units joined by name and type)."""

    def side(scores: Scores, suffix: str) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "unit": scores.units["unit"].to_numpy(),
                "unit_type": scores.units["unit_type"].to_numpy(),
                f"total_{suffix}": scores.total,
                f"index_{suffix}": scores.index,
                f"rank_{suffix}": scores.rank,
                f"grade_{suffix}": scores.grades(lang),
            }
        )

    frame = side(before, "before").merge(side(after, "after"), on=["unit", "unit_type"], validate="one_to_one")
    order = ["unit", "unit_type"] + [f"{what}_{when}" for what in ("total", "index", "rank", "grade") for when in SIDES]
    frame = frame[order]
    frame["rank_change"] = frame["rank_before"] - frame["rank_after"]
    return frame.sort_values(["unit_type", "rank_after", "unit"], kind="stable").reset_index(drop=True)


def leaf_differences(before: Scores, after: Scores, row: int, lang: str = "vi") -> pd.DataFrame:
    """The leaves whose points changed for one unit, with points before and after."""
    delta = after.points[row] - before.points[row]
    changed = np.flatnonzero(np.abs(delta) > 1e-12)
    columns = before.compiled.columns
    return pd.DataFrame(
        {
            "id": [columns[j].id for j in changed],
            "name": [columns[j].label(lang) for j in changed],
            "field": [columns[j].field_id or "" for j in changed],
            "points_before": before.points[row, changed],
            "points_after": after.points[row, changed],
            "difference": delta[changed],
        }
    )


def field_differences(before: Scores, after: Scores, row: int, lang: str = "vi") -> pd.DataFrame:
    fields = before.compiled.criteria_set.fields
    return pd.DataFrame(
        {
            "field_id": [f.id for f in fields],
            "field": [f.label(lang) for f in fields],
            "points_before": before.field_points[row],
            "points_after": after.field_points[row],
            "difference": after.field_points[row] - before.field_points[row],
        }
    )


# -- links -------------------------------------------------------------------------------------
def encode(scenario: Scenario) -> str:
    """A compact, URL-safe text for a scenario (base64 of JSON; no pickle, nothing executable)."""
    data = json.dumps(to_dict(scenario), ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(data.encode("utf-8")).decode("ascii").rstrip("=")


def decode(text: str, compiled: CompiledSet) -> Scenario:
    """Read a scenario from a link, checking its size, shape, leaf ids and text; raise InputError."""
    if not text or len(text) > MAX_PAYLOAD_CHARS:
        raise InputError([Problem("scenario_payload")])
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        data = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError, RecursionError):
        raise InputError([Problem("scenario_payload")]) from None
    return from_dict(data, compiled)


def from_dict(data: object, compiled: CompiledSet) -> Scenario:
    """A scenario from decoded JSON (``{"n": name, "c": {unit: {leaf: value}}}``), checked piece by piece."""
    if not isinstance(data, dict) or not isinstance(data.get("c"), dict) or not isinstance(data.get("n", ""), str):
        raise InputError([Problem("scenario_payload")])
    known = compiled.column_index()
    changes: dict[str, dict[str, str]] = {}
    count = 0
    for unit, by_leaf in data["c"].items():
        if not isinstance(unit, str) or not isinstance(by_leaf, dict):
            raise InputError([Problem("scenario_payload")])
        for leaf_id, value in by_leaf.items():
            count += 1
            if leaf_id not in known or not isinstance(value, (str, int, float)) or count > MAX_CHANGES:
                raise InputError([Problem("scenario_payload")])
            if isinstance(value, float) and not math.isfinite(value):
                raise InputError([Problem("scenario_payload")])
            changes.setdefault(nfc(unit), {})[leaf_id] = nfc(str(value))[:100]
    return Scenario(changes, nfc(data.get("n", ""))[:200])


def to_dict(scenario: Scenario) -> dict:
    return {"n": scenario.name, "c": scenario.changes}
