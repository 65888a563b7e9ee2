"""What every command shares: the exit codes and the database engine of the settings.

The commands' modules (:mod:`parindex.cli._main`, :mod:`parindex.cli._users`) both import these,
so neither imports the other for them.
"""

from __future__ import annotations

EXIT_OK, EXIT_FAILURE, EXIT_INPUT, EXIT_UNREACHABLE = 0, 1, 2, 3


def open_engine():
    """The engine of the configured database, and the settings it came from (SQLAlchemy loads only here)."""
    from parindex import db
    from parindex.config import load_settings

    settings = load_settings()
    return db.make_engine(db.database_url(settings.data_dir, settings.database_url)), settings
