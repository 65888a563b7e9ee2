"""What a reader sees of the rounds: each round as datasets of the catalog, or a note saying why not.

A readable round hands the catalog its checked values table (:class:`parindex.scoring.ValueTable`,
the effective values of :func:`parindex.rounds.round_values`), so the figures shown are scored from
the round's own cells with no file written and read back in between.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from parindex.accounts import Actor, may_read_unpublished
from parindex.db import Entry, Round, Unit
from parindex.errors import InputError

from ._catalog import Dataset, Withheld
from ._lifecycle import list_rounds
from ._reader import RoundReader
from ._round import SEED_USER, round_set
from ._values import round_values


@dataclass(frozen=True)
class RoundSources:
    """What the rounds give one actor: a dataset per readable key, and a note per key it gets no figure of.

    Every (set, year, unit type) a round covers is in exactly one of the two, so the catalog can drop
    every other source (sample or uploaded file) for it.
    """

    datasets: list[Dataset]
    withheld: list[Withheld]

    def keys(self) -> set[tuple[str, int, str]]:
        return {d.key for d in self.datasets} | {w.key for w in self.withheld}

    @classmethod
    def joined(cls, parts: Iterable[RoundSources]) -> RoundSources:
        """Several rounds' sources as one, in the order given."""
        parts = list(parts)
        return cls([d for part in parts for d in part.datasets], [w for part in parts for w in part.withheld])


def round_unit_types(session: Session, round_: Round) -> list[str]:
    """The unit types a round covers: those its frozen set names, and those of the units that have values in it."""
    declared = round_set(round_).criteria_set.unit_types  # compiled once per frozen text
    present = session.scalars(
        select(Unit.unit_type).join(Entry, Entry.unit_id == Unit.id).where(Entry.round_id == round_.id).distinct()
    )
    return sorted({*declared, *present})


def round_source(
    session: Session, round_: Round, actor: Actor | None, reader: RoundReader | None = None
) -> RoundSources:
    """One round as the actor may see it: the rule "a round is the only source of its key" in one place.

    A published round is a dataset for everyone signed in; an open round is a dataset only for roles
    that may read unpublished rounds (staff, leaders), and a :class:`Withheld` note (``unpublished``)
    for everyone else. A readable round that cannot be scored yet (blank cells) is a note too
    (``pending``), so no other file shows figures in its place.

    ``reader`` keeps the round's values between calls and reads only what changed since
    (:class:`parindex.rounds.RoundReader`); without one the round is read whole.
    """
    unit_types = round_unit_types(session, round_)
    if actor is None or (round_.status != "published" and not may_read_unpublished(actor)):
        return RoundSources([], [Withheld(round_.set_id, round_.year, ut, "unpublished") for ut in unit_types])
    compiled = round_set(round_)
    try:
        if reader is None:
            table, fingerprint = round_values(session, round_, actor, compiled), None
        else:
            read = reader.read(round_, actor, compiled)
            table, fingerprint = read.values(), read.fingerprint
    except InputError:
        return RoundSources([], [Withheld(round_.set_id, round_.year, ut, "pending") for ut in unit_types])
    scored_types = set(table.units["unit_type"])
    datasets: list[Dataset] = []
    withheld: list[Withheld] = []
    for unit_type in unit_types:
        if unit_type not in scored_types:
            withheld.append(Withheld(round_.set_id, round_.year, unit_type, "pending"))
            continue
        datasets.append(
            Dataset(
                set_id=round_.set_id,
                year=round_.year,
                unit_type=unit_type,
                table=table,
                filename=f"ky-{round_.year}-{round_.set_id}.csv",
                sample=round_.opened_by == SEED_USER,
                round_id=round_.id,
                round_status=round_.status,
                set_yaml=round_.set_yaml,
                fingerprint=fingerprint,
            )
        )
    return RoundSources(datasets, withheld)


def round_sources(session: Session, actor: Actor | None) -> RoundSources:
    """Every round as the actor may see it (see :func:`round_source`)."""
    return RoundSources.joined(round_source(session, round_, actor) for round_ in list_rounds(session))


def round_datasets(session: Session, actor: Actor | None) -> list[Dataset]:
    """Every round the actor may read (published ones; open ones too for staff and leaders) as datasets.

    One dataset per unit type, carrying the round's checked values table; see :func:`round_sources`
    for the keys the actor gets no figure of.
    """
    return round_sources(session, actor).datasets
