"""Who may do what: the five roles, the signed-in actor, and the one check every write and read goes through.

The pages hide what a role may not use, but that is only a convenience: every function that changes a
round or reads a round's unpublished values calls :func:`require` (or filters with
:func:`may_read_unpublished`) itself, so a hand-made URL or a call with another unit's id gets
nothing. The pages and each role's menu are decided here too (:data:`PAGES`), so one place says who sees what.
"""

from __future__ import annotations

from dataclasses import dataclass

from parindex.errors import ParindexError

ROLES = ("admin", "appraiser", "unit_officer", "leader", "viewer")

# What each role may do. Unit officers' rights hold for their own unit only (see ``require``).
PERMISSIONS: dict[str, frozenset[str]] = {
    "admin": frozenset(
        {
            "manage_users",
            "manage_sets",
            "manage_rounds",
            "appraise",
            "self_assess",
            "read_unpublished",
            "save_scenarios",
            "import_files",
        }
    ),
    "appraiser": frozenset({"appraise", "self_assess", "read_unpublished", "save_scenarios", "import_files"}),
    "unit_officer": frozenset({"self_assess", "read_unpublished"}),
    "leader": frozenset({"read_unpublished", "save_scenarios", "import_files"}),
    "viewer": frozenset(),
}
OWN_UNIT_ONLY = frozenset({"unit_officer"})

_STAFF = frozenset({"admin", "appraiser", "leader"})

# Every page of the app, in menu order, with the roles that have it in their menu. A page's id is its
# address (``/ho_so``) and the name of its script (``pages/ho_so.py``); this is the one list of them.
PAGES: tuple[tuple[str, frozenset[str]], ...] = (
    ("tong_quan", frozenset(ROLES)),
    ("ho_so", frozenset(ROLES)),
    ("mo_phong", _STAFF),
    ("lo_trinh", _STAFF),
    ("phan_tich", _STAFF),
    ("cham_diem", _STAFF | {"unit_officer"}),
    ("cap_tinh", _STAFF | {"viewer"}),
    ("bao_cao", _STAFF),
    ("bo_tieu_chi", _STAFF | {"unit_officer"}),
    ("nhap_du_lieu", _STAFF),
    ("nguoi_dung", frozenset({"admin"})),
    ("tai_khoan", frozenset(ROLES)),
)
PAGE_IDS: tuple[str, ...] = tuple(page_id for page_id, _ in PAGES)
# Each role's menu, in menu order.
ROLE_PAGES: dict[str, tuple[str, ...]] = {
    role: tuple(page_id for page_id, roles in PAGES if role in roles) for role in ROLES
}


@dataclass(frozen=True)
class Actor:
    """The person (or command) acting: the name written to the audit log, the role, and a unit officer's unit."""

    name: str
    role: str
    unit_id: int | None = None

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"unknown role {self.role!r}")

    @classmethod
    def system(cls, name: str) -> Actor:
        """Commands run on the server (seeding, imports by an operator) act with full rights under their name."""
        return cls(name=name, role="admin")

    @classmethod
    def operator(cls) -> Actor:
        """Commands typed on the server act with full rights; the audit log gets the operator's login name."""
        import getpass

        return cls.system(f"cli:{getpass.getuser()}")

    def can(self, permission: str) -> bool:
        return permission in PERMISSIONS[self.role]

    @property
    def own_unit_only(self) -> bool:
        return self.role in OWN_UNIT_ONLY


class AccessDenied(ParindexError):
    """The actor's role (or unit) does not allow this; the message says so without naming anything hidden.

    ``permission`` (and ``unit_id`` when a unit officer asked about another unit) are for the server
    log; they never reach the message.
    """

    prefix = "access"

    def __init__(self, permission: str, unit_id: int | None = None):
        self.permission = permission
        self.unit_id = unit_id
        super().__init__("denied")

    def __str__(self) -> str:
        return f"access denied: {self.permission}"


def require(actor: Actor | None, permission: str, unit_id: int | None = None) -> Actor:
    """Raise :class:`AccessDenied` unless ``actor`` holds ``permission`` (for ``unit_id``, when given).

    A unit officer holds their rights for their own unit only; an action on no unit in particular
    (a whole-round import, a board of every unit) is therefore refused to them.
    """
    if actor is None or not actor.can(permission):
        raise AccessDenied(permission)
    if actor.own_unit_only and (unit_id is None or actor.unit_id is None or unit_id != actor.unit_id):
        raise AccessDenied(permission, unit_id=unit_id)
    return actor


def may_read_unpublished(actor: Actor | None, unit_id: int | None = None) -> bool:
    """Whether ``actor`` may see values of a round not yet published (for ``unit_id``, or for every unit)."""
    try:
        require(actor, "read_unpublished", unit_id)
    except AccessDenied:
        return False
    return True


def may_see_page(actor: Actor | None, page_id: str) -> bool:
    return actor is not None and page_id in ROLE_PAGES[actor.role]
