"""The server's warm-up reads the criteria sets and every round into the caches the pages read from, so the first
overview after a start reads no set and no round while a person waits (on a national database, about a second per
commune round; ≈ 0,1 s for the six sets of indicators/).
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


def test_after_the_warm_up_the_pages_read_no_round_whole_and_no_criteria_set(database, whole_reads, monkeypatch):
    common._round_reader.clear()
    common._round_source.clear()
    common.base_catalog.clear()
    server_warm_up._warm(("ui.common",), rounds=True)  # what the warm-up thread runs in a served app
    engine = db.make_engine(database)
    with db.sessions(engine)() as session:
        round_ids = {int(round_.id) for round_ in list_rounds(session)}
    assert len(round_ids) >= 2 and sorted(whole_reads) == sorted(round_ids)  # every round read ahead, once
    whole_reads.clear()
    with db.sessions(engine)() as session:
        sources = common.round_sources_for(session, actor_for(session, ACCOUNTS["admin"]))
    assert sources.datasets and whole_reads == []  # the pages found every round kept
    monkeypatch.setattr(common, "load_catalog", lambda *_: pytest.fail("the criteria sets were read again"))
    assert common.base_catalog().sets  # kept by the warm-up
    engine.dispose()


def test_a_warm_up_step_that_fails_is_logged_and_the_next_still_runs(database, whole_reads, monkeypatch, caplog):
    """The warm-up reads ahead and hands nothing out: a failure there is only a warning, and the rounds are still
    read ahead after the criteria sets failed (each page loads what it needs itself and shows what went wrong)."""
    common._round_reader.clear()

    def broken() -> None:
        raise OSError("indicators/ unreadable")

    monkeypatch.setattr(common, "base_catalog", broken)
    with caplog.at_level("WARNING", logger="parindex.app"):
        server_warm_up._warm(("ui.common",), rounds=True)
    assert "warm-up: criteria sets not read ahead" in caplog.text and "unreadable" in caplog.text
    assert whole_reads  # the rounds were read ahead all the same
