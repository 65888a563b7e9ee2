"""Issue 17, "nothing lost": 10 people in browsers, an oversized upload refused and 30 parallel writers at once.

The scenario is :mod:`tests.browser.load`; ``python -m bench.load_bench`` runs it longer and prints the
figures. Nothing here is timed: a load test on a shared two-core machine asserts what happened, not how fast.
"""

from __future__ import annotations

import pytest

from parindex.inputs import MAX_TABLE_BYTES
from tests.browser.conftest import log_file, serving
from tests.browser.load import CONTEXTS, oversized_values_file, run_load, seed
from tests.browser.load_writers import ACCEPTED, CONFLICT, SHARED_CELLS, SHARING, WRITERS

pytestmark = pytest.mark.browser


def test_the_oversized_file_reaches_the_server_and_is_refused_there(tmp_path):
    path, refusal = oversized_values_file(tmp_path)
    assert path.stat().st_size < MAX_TABLE_BYTES  # under the uploader's limit: the browser sends it
    assert refusal.startswith("Quá nhiều dòng")


def test_ten_people_an_oversized_upload_and_thirty_writers_lose_nothing(tmp_path):
    database_url = f"sqlite:///{tmp_path / 'load.db'}"
    seed(database_url)
    with serving(database_url, "load-server.log") as url:
        result = run_load(url, database_url, tmp_path, cycles=1, min_attempts=3)
    assert len(result.people) == CONTEXTS
    assert result.errors == []
    assert result.refusal is not None  # the refusal was shown to the one who uploaded
    assert result.outcomes[ACCEPTED] + result.outcomes[CONFLICT] >= WRITERS * 3
    # on the first attempt every writer read before anyone wrote: of the writers sharing a cell, one lands
    assert result.outcomes[CONFLICT] >= SHARED_CELLS * (SHARING - 1)
    assert result.lost_updates == 0
    assert result.audit_mismatches == 0
    assert "Traceback" not in log_file("load-server.log").read_text(encoding="utf-8")
