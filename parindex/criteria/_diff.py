"""Compare two criteria sets (year N and N+1): what was added, removed, renamed, moved, or rescored.

Sub-criteria (and criteria scored directly, and bonus/penalty items) are matched first by code —
when the names are still alike — then by name similarity among those left, so a sub-criterion
renumbered from 2.3.1 to 2.4.1 is one item "moved", not one removed and one added. The rank-change
decomposition (:mod:`parindex.scoring`) uses the same matching.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from . import model as m
from ._decision_export import rule_signature
from ._values import fold

SAME_CODE_SIMILARITY = 0.5  # same code, names at least this alike: the same item (renamed if not equal)
NAME_SIMILARITY = 0.75  # different codes: the same item only if the names are this alike


@dataclass(frozen=True)
class Change:
    """One line of the comparison."""

    kind: str  # added, removed, renamed, moved, max, rule
    id_before: str | None
    id_after: str | None
    name: str
    before: str = ""
    after: str = ""


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, fold(a), fold(b)).ratio()


def _place(leaf: m.Leaf) -> str:
    return leaf.part if leaf.part in (m.BONUS, m.PENALTY) else (leaf.criterion_id or "")


def match_leaves(before: m.CriteriaSet, after: m.CriteriaSet) -> list[tuple[m.Leaf, m.Leaf]]:
    """Pairs (earlier leaf, later leaf) judged the same item: by code, then by name."""
    left = {leaf.id: leaf for leaf in before.columns}
    right = {leaf.id: leaf for leaf in after.columns}
    pairs: list[tuple[m.Leaf, m.Leaf]] = []
    for code in list(left):
        if code in right and similarity(left[code].name, right[code].name) >= SAME_CODE_SIMILARITY:
            pairs.append((left.pop(code), right.pop(code)))
    candidates = sorted(
        ((similarity(a.name, b.name), a.id, b.id) for a in left.values() for b in right.values()),
        key=lambda item: (-item[0], item[1], item[2]),
    )
    for score, a_id, b_id in candidates:
        if score < NAME_SIMILARITY:
            break
        if a_id in left and b_id in right:
            pairs.append((left.pop(a_id), right.pop(b_id)))
    order = {leaf.id: i for i, leaf in enumerate(after.columns)}
    return sorted(pairs, key=lambda pair: order[pair[1].id])


def diff_sets(before: m.CriteriaSet, after: m.CriteriaSet, lang: str = "vi") -> list[Change]:
    """Every difference between two sets' scored items, in the later set's order, removals last."""
    from parindex.i18n import format_number

    from ._describe import describe_rule

    pairs = match_leaves(before, after)
    matched_before = {a.id for a, _ in pairs}
    matched_after = {b.id for _, b in pairs}
    changes: list[Change] = []
    later = {leaf.id: leaf for leaf in after.columns}
    for leaf in after.columns:
        if leaf.id not in matched_after:
            changes.append(Change("added", None, leaf.id, leaf.name, after=format_number(leaf.max, lang=lang)))
    for a, b in pairs:
        if a.name != b.name:
            changes.append(Change("renamed", a.id, b.id, b.name, a.name, b.name))
        if a.id != b.id or _place(a) != _place(b):
            changes.append(Change("moved", a.id, b.id, b.name, a.id, b.id))
        if abs(a.max - b.max) > 1e-9:
            changes.append(
                Change("max", a.id, b.id, b.name, format_number(a.max, lang=lang), format_number(b.max, lang=lang))
            )
        if rule_signature(a.rule, a.max) != rule_signature(b.rule, b.max):
            changes.append(Change("rule", a.id, b.id, b.name, describe_rule(a, lang), describe_rule(b, lang)))
    for leaf in before.columns:
        if leaf.id not in matched_before:
            changes.append(Change("removed", leaf.id, None, leaf.name, before=format_number(leaf.max, lang=lang)))
    order = {leaf_id: i for i, leaf_id in enumerate(later)}
    return sorted(changes, key=lambda c: (c.id_after is None, order.get(c.id_after or "", 0)))


def summary(changes: list[Change]) -> dict[str, int]:
    """How many changes of each kind."""
    counts = {kind: 0 for kind in ("added", "removed", "renamed", "moved", "max", "rule")}
    for change in changes:
        counts[change.kind] += 1
    return counts
