"""The server's warm-up reads every round into the same round reader the pages read from, so the first overview
after a start reads no round whole while a person waits (on a national database, about a second per commune round).
"""

from __future__ import annotations

import pytest

from parindex import db
from parindex.accounts import actor_for
from parindex.rounds import _reader, list_rounds
from tests.conftest import ACCOUNTS
from ui import common, server_warm_up


@pytest.fixture
def whole_reads(monkeypatch) -> list[int]:
    """The ids of the rounds the reader reads whole from now on."""
    reads: list[int] = []
    read_whole = _reader._read_whole

    def counted(session, round_, compiled):
        reads.append(int(round_.id))
        return read_whole(session, round_, compiled)

    monkeypatch.setattr(_reader, "_read_whole", counted)
    return reads


def test_after_the_warm_up_the_pages_read_no_round_whole(database, whole_reads):
    common._round_reader.clear()
    common._round_source.clear()
    server_warm_up._warm(("ui.common",), rounds=True)  # what the warm-up thread runs in a served app
    engine = db.make_engine(database)
    with db.sessions(engine)() as session:
        round_ids = {int(round_.id) for round_ in list_rounds(session)}
    assert len(round_ids) >= 2 and sorted(whole_reads) == sorted(round_ids)  # every round read ahead, once
    whole_reads.clear()
    with db.sessions(engine)() as session:
        sources = common.round_sources_for(session, actor_for(session, ACCOUNTS["admin"]))
    assert sources.datasets and whole_reads == []  # the pages found every round kept
    engine.dispose()
