"""The one check of every write against what the writer saw, whatever it writes: a value of a round, an
explanation, a survey result, a unit's lineage, an account's role.

Every write says what it was based on (a :class:`Basis`): the version of the row its screen showed,
or the value it showed (a returned workbook: the values it was exported with), or nothing at all (a
plain file). :func:`verdict` compares that basis, the writer's value and the value stored now, so
nothing overwrites a newer value silently. See :mod:`parindex.rounds` for how a round's writes use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from parindex.errors import ParindexError


@dataclass(frozen=True)
class Basis:
    """What the writer's copy showed for a cell: its ``value`` at that stage, or (the grid) the row's ``version``.

    With a version, any save to the row since (another stage, an explanation) counts as a move, as the
    grid always did; with a value only, the cell itself must have changed.
    """

    value: str | None = None
    version: int | None = None


PLAIN_FILE = Basis()  # a file that does not say what it was based on: as if the round were empty


class Verdict(StrEnum):
    WRITE = "write"
    SAME = "same"  # the writer's value is already there
    KEEP = "keep"  # the cell moved but the writer did not change it: theirs stays
    CONFLICT = "conflict"


def verdict(theirs: str | None, version: int, mine: str | None, basis: Basis | None) -> Verdict:
    """The one check: may ``mine`` replace ``theirs`` (the row at ``version``; 0 = no row yet)?

    ``basis`` None is a write that knows nothing and overwrites (commands and tests only).
    """
    if mine == theirs:
        return Verdict.SAME
    if basis is None:
        return Verdict.WRITE
    moved = version != basis.version if basis.version is not None else theirs != basis.value
    if not moved:
        return Verdict.WRITE
    if basis.version is None and mine == basis.value:
        return Verdict.KEEP
    return Verdict.CONFLICT


def check_action(theirs: str | None, mine: str | None, shown: str | None, refusal: ParindexError) -> bool:
    """The check of one person's action on one value (a form, not a file), against the value the form ``shown``
    (None: commands and tests, which know nothing): True to write, False when the value is already so.

    A value moved since the form was drawn raises ``refusal``, also when the action would leave it as shown:
    for one action, what stays is said, not kept quietly as a file's untouched cell is.
    """
    said = verdict(theirs, 0, mine, None if shown is None else Basis(value=shown))
    if said in (Verdict.CONFLICT, Verdict.KEEP):
        raise refusal
    return said is Verdict.WRITE
