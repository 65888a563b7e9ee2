"""A self-assessment draft: a unit's figures with blanks allowed, scored as a range and an estimate.

A province (or any unit) often has only some of its figures when it first asks where it stands. A
draft keeps every cell as typed, blanks included, and gives three indexes:

- **low**: every blank scores 0 points (the blank still counts towards the applicable maximum);
- **high**: every blank scores its full points;
- **estimate**: every blank is filled by the first rule that applies, and each filled value is marked
  with its rule —
  1. ``last_year``: the unit's own value of the same sub-criterion last year (typed in ``previous``);
  2. ``regional_mean`` (survey leaves only): the published mean index of the unit's region that year,
     as a share of the leaf's maximum, else
  3. ``national_mean`` (survey leaves only): the published national mean index of the year — the
     closest published figures to a survey component, since MOHA publishes no per-component means
     in text, and the region's mean is the nearer of the two;
  4. ``field_share``: the share of points the unit earns on the filled leaves of the same field;
  5. ``overall_share``: the share it earns on all its filled appraisal leaves;
  6. otherwise the leaf stays at 0 in the estimate (``none``).

Bonus and penalty items left blank count 0 in all three. Values that cannot be read are returned as
problems (leaf id as the column) and count as blanks, so a draft never fails as a whole.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from parindex.criteria import Blank, CellError, parse_value
from parindex.criteria import model as m
from parindex.errors import Problem
from parindex.scoring import leaf_points


@dataclass(frozen=True)
class Filled:
    """One blank the estimate filled: the leaf, the rule used and the points it was given."""

    leaf_id: str
    rule: str  # last_year | regional_mean | national_mean | field_share | overall_share | none
    points: float


@dataclass(frozen=True)
class DraftResult:
    low: float
    high: float
    estimate: float
    blanks: tuple[str, ...]
    filled: tuple[Filled, ...]
    not_applicable: tuple[str, ...]
    problems: tuple[Problem, ...] = field(default_factory=tuple)

    @property
    def complete(self) -> bool:
        return not self.blanks and not self.problems


def _read(leaf: m.Leaf, raw: object, problems: list[Problem] | None) -> float | None:
    """Parsed value, NaN for not applicable, None for a blank (or an unreadable cell, then a problem)."""
    try:
        value = parse_value(raw, leaf)
    except CellError as error:
        if problems is not None:
            problems.append(Problem(error.code, error.params, column=leaf.id))
        return None
    return None if isinstance(value, Blank) else float(value)


def _index(total: float, maximum: float) -> float:
    return total / maximum * 100.0 if maximum > 0 else math.nan


def draft_index(
    criteria_set: m.CriteriaSet,
    entries: Mapping[str, object],
    previous: Mapping[str, object] | None = None,
    national_mean: float | None = None,
    regional_mean: float | None = None,
) -> DraftResult:
    """Low, high and estimated index of a draft (see the module's rules); ``entries`` maps leaf id → typed value.

    ``national_mean`` and ``regional_mean`` are published mean indexes (%) of the year, for survey leaves.
    """
    problems: list[Problem] = []
    earned: dict[str, float] = {}
    blanks: list[m.Leaf] = []
    not_applicable: list[str] = []
    for leaf in criteria_set.leaves:
        value = _read(leaf, entries.get(leaf.id, ""), problems)
        if value is None:
            blanks.append(leaf)
        elif math.isnan(value):
            not_applicable.append(leaf.id)
        else:
            earned[leaf.id] = leaf_points(leaf, value)
    by_id = {leaf.id: leaf for leaf in criteria_set.leaves}
    maximum = sum(by_id[i].max for i in earned) + sum(leaf.max for leaf in blanks)
    extras = 0.0
    for items, sign in ((criteria_set.bonus, 1.0), (criteria_set.penalty, -1.0)):
        points = 0.0
        for leaf in items.items:
            value = _read(leaf, entries.get(leaf.id, ""), problems)
            if value is not None and not math.isnan(value):
                points += leaf_points(leaf, value)
        extras += sign * min(points, items.cap)

    def shares(part_filter) -> dict[str | None, float]:
        result: dict[str | None, list[float]] = {}
        for leaf_id, points in earned.items():
            leaf = by_id[leaf_id]
            if part_filter(leaf):
                got, top = result.setdefault(leaf.field_id, [0.0, 0.0])
                result[leaf.field_id] = [got + points, top + leaf.max]
        return {k: got / top for k, (got, top) in result.items() if top > 0}

    field_share = shares(lambda leaf: True)
    appraisal = [(earned[i], by_id[i].max) for i in earned if by_id[i].part != m.SURVEY_PART]
    overall = sum(p for p, _ in appraisal) / sum(t for _, t in appraisal) if appraisal else None
    means = (("regional_mean", regional_mean), ("national_mean", national_mean))
    survey_mean = next(((rule, mean) for rule, mean in means if mean is not None and math.isfinite(mean)), None)
    filled = []
    for leaf in blanks:
        last = _read(leaf, previous.get(leaf.id, ""), None) if previous else None
        if last is not None and not math.isnan(last):
            filled.append(Filled(leaf.id, "last_year", leaf_points(leaf, last)))
        elif leaf.part == m.SURVEY_PART and survey_mean is not None:
            filled.append(Filled(leaf.id, survey_mean[0], survey_mean[1] / 100.0 * leaf.max))
        elif leaf.field_id in field_share:
            filled.append(Filled(leaf.id, "field_share", field_share[leaf.field_id] * leaf.max))
        elif overall is not None:
            filled.append(Filled(leaf.id, "overall_share", overall * leaf.max))
        else:
            filled.append(Filled(leaf.id, "none", 0.0))
    known = sum(earned.values())
    top = sum(leaf.max for leaf in blanks)
    return DraftResult(
        low=_index(max(known + extras, 0.0), maximum),
        high=_index(max(known + top + extras, 0.0), maximum),
        estimate=_index(max(known + sum(f.points for f in filled) + extras, 0.0), maximum),
        blanks=tuple(leaf.id for leaf in blanks),
        filled=tuple(filled),
        not_applicable=tuple(not_applicable),
        problems=tuple(problems),
    )


# ------------------------------------------------------------------ saved drafts (table ``drafts``)
def _unit_id(session, unit_name: str, unit_type: str) -> int | None:
    from sqlalchemy import select

    from parindex.db import Unit

    return session.scalar(select(Unit.id).where(Unit.name == unit_name, Unit.unit_type == unit_type))


def save_draft(
    session,
    actor,
    unit_name: str,
    unit_type: str,
    set_id: str,
    year: int,
    entries: Mapping[str, object],
    *,
    shown: Mapping[str, object] | None = None,
) -> None:
    """Keep ``actor``'s draft for the unit (replacing their earlier one); blanks are kept as "".

    Needs the ``self_assess`` right (a unit officer: for their own unit only), checked here. ``shown`` is
    the draft as the page loaded it ({} for none; None: commands and tests, which know nothing): a draft the
    same person saved meanwhile from another window is refused (RoundError ``draft_changed_meanwhile``), not
    replaced — the one check of every write (:func:`parindex.db.check_action`).
    """
    from sqlalchemy import select

    from parindex.accounts import require
    from parindex.db import Draft, check_action, now
    from parindex.rounds._round import RoundError

    require(actor, "self_assess", _unit_id(session, unit_name, unit_type) if actor.own_unit_only else None)
    text = _draft_text(entries)
    found = session.scalar(
        select(Draft).where(
            Draft.owner == actor.name,
            Draft.unit_name == unit_name,
            Draft.unit_type == unit_type,
            Draft.set_id == set_id,
            Draft.year == year,
        )
    )
    theirs = found.entries if found is not None else _draft_text({})
    refusal = RoundError("draft_changed_meanwhile", unit=unit_name, year=year)
    if not check_action(theirs, text, None if shown is None else _draft_text(shown), refusal):
        return
    if found is None:
        session.add(
            Draft(owner=actor.name, unit_name=unit_name, unit_type=unit_type, set_id=set_id, year=year, entries=text)
        )
    else:
        found.entries, found.updated_at = text, now()


def _draft_text(entries: Mapping[str, object]) -> str:
    """A draft as stored: JSON of leaf id → value as typed, blanks as ""."""
    import json

    return json.dumps({str(k): "" if v is None else str(v) for k, v in entries.items()}, ensure_ascii=False)


def load_draft(session, actor, unit_name: str, unit_type: str, set_id: str, year: int) -> dict[str, str] | None:
    """``actor``'s saved draft for the unit (leaf id → value as typed), or None."""
    import json

    from sqlalchemy import select

    from parindex.db import Draft

    found = session.scalar(
        select(Draft.entries).where(
            Draft.owner == actor.name,
            Draft.unit_name == unit_name,
            Draft.unit_type == unit_type,
            Draft.set_id == set_id,
            Draft.year == year,
        )
    )
    return json.loads(found) if found is not None else None
