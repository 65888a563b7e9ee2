"""Who may do what: roles and the one access check, accounts and sessions, password hashes."""

from parindex._lazy import attach

__getattr__, __dir__, __all__ = attach(
    __name__,
    {
        "_access": [
            "AccessDenied",
            "Actor",
            "PAGE_IDS",
            "ROLES",
            "ROLE_PAGES",
            "may_read_unpublished",
            "may_see_page",
            "require",
        ],
        "_accounts": [
            "AccountError",
            "FREE_TRIES",
            "IDLE_MINUTES",
            "MAX_HOURS",
            "actor_for",
            "actor_for_sso",
            "add_user",
            "authenticate",
            "change_own_password",
            "client_address",
            "count_users",
            "end_session",
            "list_users",
            "resume_session",
            "session_expired",
            "set_active",
            "set_password",
            "set_role",
            "sso_claims_ok",
            "start_session",
            "wait_needed",
        ],
        "_passwords": ["MAX_PASSWORD_CHARS", "hash_password", "verify_password"],
    },
)
