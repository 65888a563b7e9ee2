"""The pages are listed once: the core's ids, the app's table of how each looks, and the scripts in pages/ agree."""

from __future__ import annotations

from parindex.accounts import PAGE_IDS, ROLE_PAGES, ROLES
from parindex.i18n import MESSAGES
from tests.conftest import ROOT
from ui.navigation import DEFAULT_PAGE, PAGE_LOOKS, ROOT_PATH, addresses, page_script


def test_every_page_id_has_a_script_and_every_script_has_an_id():
    scripts = {path.stem for path in (ROOT / "pages").glob("*.py") if path.name != "__init__.py"}
    assert set(PAGE_IDS) == scripts
    assert all((ROOT / page_script(page_id)).is_file() for page_id in PAGE_IDS)
    assert len(set(PAGE_IDS)) == len(PAGE_IDS) == 12


def test_every_page_id_has_a_title_in_both_languages_and_an_icon():
    assert list(PAGE_LOOKS) == list(PAGE_IDS)
    for page_id, look in PAGE_LOOKS.items():
        assert MESSAGES[look.title_key]["vi"] and MESSAGES[look.title_key]["en"], page_id
        assert look.icon.startswith(":material/") and look.icon.endswith(":"), page_id


def test_each_menu_keeps_the_one_order():
    assert ROLE_PAGES["admin"] == PAGE_IDS
    for role in ROLES:
        assert list(ROLE_PAGES[role]) == [page_id for page_id in PAGE_IDS if page_id in ROLE_PAGES[role]]
    assert ROLE_PAGES["unit_officer"] == ("tong_quan", "ho_so", "cham_diem", "bo_tieu_chi", "tai_khoan")
    assert ROLE_PAGES["viewer"] == ("tong_quan", "ho_so", "cap_tinh", "tai_khoan")
    assert ROLE_PAGES["appraiser"] == ROLE_PAGES["leader"] == tuple(p for p in PAGE_IDS if p != "nguoi_dung")


def test_the_overview_answers_at_the_root_and_at_its_own_address():
    assert addresses(DEFAULT_PAGE) == [(ROOT_PATH, True, True), (DEFAULT_PAGE, False, False)]
    assert addresses("ho_so") == [("ho_so", False, True)]
    every_address = [address for page_id in PAGE_IDS for address, _, _ in addresses(page_id)]
    assert len(every_address) == len(set(every_address)) == len(PAGE_IDS) + 1
    assert ROOT_PATH not in PAGE_IDS
