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


def print_plan(result, lang: str, estimated: frozenset[str] | set[str] = frozenset()) -> int:
    """Print a plan's summary, its steps and total; the exit code it stands for.

    A step on a leaf in ``estimated`` (a blank of a draft, filled by the estimate rule) starts from
    that estimate, and says so.
    """
    from parindex.i18n import format_number, t

    print(result.summary(lang))
    for step in result.steps:
        before = t("cli.plan_estimated", lang, value=step.from_text) if step.leaf_id in estimated else step.from_text
        print(
            t(
                "cli.plan_step",
                lang,
                id=step.leaf_id,
                name=step.name,
                before=before,
                after=step.to_text,
                points=format_number(step.points, 4, lang),
                cost=format_number(step.cost, lang=lang),
            )
        )
    if result.steps:
        print(
            t(
                "cli.plan_total",
                lang,
                cost=format_number(result.total_cost, lang=lang),
                points=format_number(result.points_gained, 4, lang),
            )
        )
    return EXIT_OK if result.reachable else EXIT_UNREACHABLE
