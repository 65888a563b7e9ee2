"""Signing in as each role in a real browser: the right menu, refused pages, a wrong password."""

from __future__ import annotations

import pytest

from parindex.accounts import ROLE_PAGES
from parindex.i18n import t
from tests.browser.conftest import SIGN_IN_FORM, log_file, screenshot, visit, wait_for_app
from tests.conftest import TEST_PASSWORD
from ui.navigation import PAGE_LOOKS

pytestmark = pytest.mark.browser


@pytest.fixture
def fresh(browser):
    """A browser with no cookies: it must sign in."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="vi-VN")
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    yield tab
    context.close()


def menu(page) -> list[str]:
    return [link.inner_text().strip().split("\n")[-1] for link in page.get_by_test_id("stSidebarNavLink").all()]


@pytest.mark.parametrize("role", ["admin", "appraiser", "leader", "unit_officer", "viewer"])
def test_each_role_sees_its_menu(app_url, fresh, role):
    visit(fresh, app_url, role)
    titles = [PAGE_LOOKS[page].title_key for page in ROLE_PAGES[role]]
    expected = [t(key, "vi") for key in titles if t(key, "vi") != key]
    assert menu(fresh) == expected
    screenshot(fresh, f"20-menu-{role}")


@pytest.mark.parametrize(
    ("role", "path", "content_test_id"),
    [
        ("viewer", "cham_diem", "stDataFrame"),
        ("unit_officer", "mo_phong", "stSlider"),
        ("leader", "nguoi_dung", "stDataFrame"),
        ("appraiser", "nguoi_dung", "stForm"),
    ],
)
def test_a_url_outside_the_role_shows_none_of_the_page(app_url, fresh, role, path, content_test_id):
    visit(fresh, f"{app_url}/{path}?set=so-2025&year=2026&type=so", role)
    fresh.get_by_role("heading", name="Không có quyền truy cập").wait_for()
    assert fresh.get_by_text("Tài khoản của bạn không có quyền làm việc này.").count() == 1
    assert fresh.get_by_test_id(content_test_id).count() == 0
    screenshot(fresh, f"21-tu-choi-{role}-{path}")


def seeded(app_database_url: str, monkeypatch, publish_year: int | None = None) -> None:
    """The server's database with the sample rounds (open), and the sở round of ``publish_year`` published."""
    from sqlalchemy import select

    from parindex import db
    from parindex.accounts import Actor
    from parindex.cli import main
    from parindex.db import Round
    from parindex.rounds import publish

    monkeypatch.setenv("PARINDEX_DATABASE_URL", app_database_url)
    assert main(["db", "upgrade", "--seed"]) == 0  # the sample rounds, once
    if publish_year is not None:
        engine = db.make_engine(app_database_url)
        with db.sessions(engine).begin() as session:
            round_ = session.scalar(select(Round).where(Round.year == publish_year, Round.set_id == "so-2025"))
            if round_.status != "published":
                publish(session, round_, Actor.system("kiem-thu"))
        engine.dispose()


def test_a_viewer_sees_no_figure_of_a_round_not_yet_published(app_url, app_database_url, fresh, monkeypatch):
    """The 2026 round is open: the viewer gets the explanation, not the sample file's ranking."""
    seeded(app_database_url, monkeypatch)
    visit(fresh, f"{app_url}/?set=so-2025&year=2026&type=so", "viewer")  # Tổng quan, the default page
    wait_for_app(fresh)
    fresh.get_by_text("Kỳ đánh giá năm 2026 của Sở, ban, ngành chưa công bố").wait_for()
    assert fresh.get_by_test_id("stDataFrame").count() == 0
    assert fresh.get_by_test_id("stMetric").count() == 0
    assert fresh.get_by_text("Sở Tư pháp").count() == 0
    screenshot(fresh, "23-chua-cong-bo")


def test_a_unit_officer_sees_only_their_own_units_detail(app_url, app_database_url, fresh, monkeypatch):
    seeded(app_database_url, monkeypatch, publish_year=2025)  # an officer sees figures of published rounds only
    visit(fresh, f"{app_url}/ho_so?set=so-2025&year=2025&type=so&unit=Sở Tài chính", "unit_officer")
    wait_for_app(fresh)
    unit_box = fresh.get_by_test_id("stMain").get_by_test_id("stSelectbox").first
    unit_box.click()
    options = [o.inner_text() for o in fresh.get_by_role("option").all()]
    assert options == ["Sở Tư pháp"]  # the link asked for Sở Tài chính; the officer gets their own unit only
    assert "unit=S%E1%BB%9F+T%C6%B0+ph%C3%A1p" in fresh.url


def test_a_profile_withheld_from_a_viewer_still_writes_the_chosen_year_to_the_address(
    app_url, app_database_url, fresh, monkeypatch
):
    """The profile stops at its "not published" notice before choosing a unit; the address kept the earlier year,
    so a copied link opened another view than the one on the screen."""
    seeded(app_database_url, monkeypatch, publish_year=2025)
    visit(fresh, f"{app_url}/ho_so?set=so-2025&year=2025&type=so", "viewer")
    assert fresh.get_by_test_id("stMetric").count() > 0  # 2025 is published
    fresh.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").nth(1).click()  # set, year, unit type
    fresh.get_by_role("option", name="2026").click()
    fresh.get_by_text("Kỳ đánh giá năm 2026 của Sở, ban, ngành chưa công bố").wait_for()
    wait_for_app(fresh)
    assert "year=2026" in fresh.url and "set=so-2025" in fresh.url and "unit=" in fresh.url


def test_a_wrong_password_is_refused_with_one_message_for_every_cause(app_url, fresh):
    fresh.goto(app_url)
    form = fresh.locator(SIGN_IN_FORM)
    for name in ("quantri", "khong-ai-co-ten-nay"):
        form.locator('input[type="text"]').fill(name)
        form.locator('input[type="password"]').fill("mat-khau-sai-roi")
        form.get_by_test_id("stBaseButton-primaryFormSubmit").click()
        fresh.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng.").wait_for()
        wait_for_app(fresh)
    assert fresh.get_by_test_id("stSidebarNav").count() == 0
    screenshot(fresh, "22-dang-nhap-sai")


def test_no_password_reaches_the_server_log(app_url, fresh):
    """After the sign-ins above (right and wrong), the server's log holds neither password."""
    visit(fresh, app_url, "viewer")
    log = log_file("server.log").read_text(encoding="utf-8", errors="replace")
    assert TEST_PASSWORD not in log and "mat-khau-sai-roi" not in log
