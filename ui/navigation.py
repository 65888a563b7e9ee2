"""How each page appears: its script, title and icon, and the addresses it answers at.

Which pages exist, in what order, and who has which in their menu is the core's one list
(:data:`parindex.accounts.PAGE_IDS`, :data:`parindex.accounts.ROLE_PAGES`). This table only adds what
the app shows for each id; a test checks that it, the core's list and the scripts in ``pages/`` agree.
"""

from __future__ import annotations

from typing import NamedTuple


class PageLook(NamedTuple):
    title_key: str  # catalogue key of the page's title in the menu
    icon: str  # a Material icon Streamlit ships (nothing is fetched from an outside host)


PAGE_LOOKS: dict[str, PageLook] = {
    "tong_quan": PageLook("ui.page_overview", ":material/leaderboard:"),
    "ho_so": PageLook("ui.page_profile", ":material/apartment:"),
    "mo_phong": PageLook("ui.page_whatif", ":material/tune:"),
    "lo_trinh": PageLook("ui.page_planner", ":material/route:"),
    "phan_tich": PageLook("analysis.page", ":material/insights:"),
    "cham_diem": PageLook("ui.page_scoring", ":material/edit_note:"),
    "cap_tinh": PageLook("ui.page_national", ":material/map:"),
    "bao_cao": PageLook("ui.page_reports", ":material/description:"),
    "bo_tieu_chi": PageLook("ui.page_criteria", ":material/account_tree:"),
    "nhap_du_lieu": PageLook("ui.page_import", ":material/upload_file:"),
    "nguoi_dung": PageLook("ui.page_users", ":material/group:"),
    "tai_khoan": PageLook("ui.page_account", ":material/account_circle:"),
}
DEFAULT_PAGE = "tong_quan"

# Streamlit serves the default page at "/" and matches it by no other name, so "/tong_quan" (a bookmark, a shared
# link) would show its English "Page not found" pop-up. The default page therefore gets a url_path of its own, and the
# overview's address is a second, hidden page running the same script.
ROOT_PATH = "trang_dau"


def page_script(page_id: str) -> str:
    """The page's script, relative to ``app.py``: a page's id is the name of its file in ``pages/``."""
    return f"pages/{page_id}.py"


def addresses(page_id: str) -> list[tuple[str, bool, bool]]:
    """(url_path, default, listed in the menu) for one page: the overview at "/" and at "/tong_quan"."""
    if page_id == DEFAULT_PAGE:
        return [(ROOT_PATH, True, True), (page_id, False, False)]
    return [(page_id, False, True)]
