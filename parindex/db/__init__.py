"""The database: engine (SQLite by default, PostgreSQL by URL), tables, and Alembic migrations."""

from parindex._lazy import attach

__getattr__, __dir__, __all__ = attach(
    __name__,
    {
        "_engine": [
            "HEAD_REVISION",
            "MIGRATIONS",
            "backup",
            "database_url",
            "known_revisions",
            "make_engine",
            "recorded_revisions",
            "restore",
            "sessions",
            "upgrade",
        ],
        "_models": [
            "EFFECTIVE_ORDER",
            "AuditRecord",
            "Base",
            "Draft",
            "Entry",
            "Evidence",
            "LoginAttempt",
            "Round",
            "SurveyResult",
            "Unit",
            "User",
            "WebSession",
            "now",
        ],
        "_versions": ["PLAIN_FILE", "Basis", "Verdict", "check_action", "verdict"],
    },
)
