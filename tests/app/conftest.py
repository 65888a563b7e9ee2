"""Fixtures of the page tests (AppTest)."""

from __future__ import annotations

import pytest

from tests.conftest import create_accounts
from ui import resources


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """The database `make run` creates (seeded sample rounds, the test accounts), one per test module."""
    from parindex.cli import main

    url = f"sqlite:///{tmp_path_factory.mktemp('seeded-app') / 'app.db'}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PARINDEX_DATABASE_URL", url)
        assert main(["db", "upgrade", "--seed"]) == 0
        create_accounts(url)
        resources.engine.clear()  # the app's engine is cached per process: make it read this database
        yield url
    resources.engine.clear()
