"""Where people wait, in Chromium: the first page, sign-in → overview, row → profile, saving a grid cell.

Starts the app as ``make run`` does, on a fresh SQLite database seeded with the sample rounds and the
test accounts (:func:`tests.browser.load.seed`), or with ``--database URL`` on a database that already
has rounds (the 5.000-unit one ``bench.scale_bench --keep`` leaves, say; the test accounts are added).
One headless Chromium, one person at a time. Each wait runs from the person's action (the element is found
before, so Playwright's own search is not counted) until Streamlit has finished the run and replaced every
stale or placeholder element (:data:`tests.browser.conftest.APP_SETTLED`):

* the first page after the server starts (the sign-in page, the first request once the server answers), over
  :data:`FIRST_PAGES` starts of the server, in a browser already running (as a person's is: a blank tab was
  opened first, so Chromium's own start is not counted) but with a new context (nothing cached);
* sign-in → the overview (a new browser context each time), the name and password typed at ten keys a second;
  and again with the form filled and clicked at once (the worst case: no time for the page's warm-up);
* a row of the overview's ranking ticked → that unit's profile;
* on Chấm điểm (an administrator, the first unit of the page's first round, one visit): a cell typed → the unsaved
  change shown (the unit's part of the page reruns), then "Lưu" clicked → that part shown again without unsaved
  changes. With ``--database`` the saves are made on the open round with the most units instead (on the national
  database, the communes' round of 4.320 units: the worst case), chosen in the page's round box.

Prints medians, and the 95th percentile of the saves; nothing is asserted. Run with
``python -m bench.page_bench``.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright
from sqlalchemy import select

from bench.machine import start
from parindex import db
from parindex.accounts import Actor
from parindex.db import Unit
from parindex.i18n import t
from parindex.rounds import list_rounds, round_title, round_values, unit_entries
from tests.browser.conftest import (
    APP_SETTLED,
    CHROMIUM,
    CHROMIUM_FLAGS,
    SIGN_IN_FORM,
    server_process,
    sign_in,
)
from tests.browser.load import median, percentile, seed
from tests.conftest import ACCOUNTS, TEST_PASSWORD, create_accounts

FIRST_PAGES = 5
SIGN_INS = 5
PROFILES = 5
SAVES = 12
LEAF = "1.1.1"  # a yes/no item of both shipped sets: the grid's first editable cell
TIMEOUT_MS = 180_000
KEY_DELAY_MS = 100  # a brisk typist: ten keys a second
ROW_HEIGHT = 35  # pixels of a data frame's header and of each row
SCROLL_TO_TOP = "() => document.querySelector('[data-testid=\"stMain\"]').scrollTo(0, 0)"


def settle(page) -> None:
    page.wait_for_selector('[data-testid="stApp"]')
    page.wait_for_function(APP_SETTLED, timeout=TIMEOUT_MS)


def timed(action: Callable[[], object], then: Callable[[], object]) -> float:
    """Seconds from ``action`` until ``then`` has returned."""
    started = time.perf_counter()
    action()
    then()
    return time.perf_counter() - started


def click_at(page, target) -> Callable[[], None]:
    """A click on ``target`` as a person makes it: the element is found, scrolled to and measured first, so the
    timed part is the click and what follows, not Playwright looking for the element (≈ 0,1-0,2 s)."""
    target.scroll_into_view_if_needed()
    box = target.bounding_box()
    return lambda: page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def new_page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    return context, page


def first_page(browser, database_url: str) -> float:
    """The first page after a server start: the server process is new, so its imports, its engine and its first
    script run are all in the wait."""
    with server_process(database_url, "page-bench-first.log") as (url, _server):
        context, page = new_page(browser)
        seconds = timed(lambda: page.goto(url), lambda: settle(page))
        context.close()
    return seconds


def signing_in(browser, url: str, typed: bool = True) -> float:
    """Sign-in → overview in a new context, as someone opening the app: the name and password typed a key every
    :data:`KEY_DELAY_MS` (the time the sign-in page's warm-up has, see :mod:`ui.browser_warm_up`), or with
    ``typed=False`` put in at once and clicked without a pause (a password manager, and no reaction time: the
    worst case)."""
    context, page = new_page(browser)
    page.goto(url)
    settle(page)
    form = page.locator(SIGN_IN_FORM)
    for kind, text in (("text", ACCOUNTS["admin"]), ("password", TEST_PASSWORD)):
        box = form.locator(f'input[type="{kind}"]')
        if typed:
            box.press_sequentially(text, delay=KEY_DELAY_MS)
        else:
            box.fill(text)
    seconds = timed(
        click_at(page, form.get_by_test_id("stBaseButton-primaryFormSubmit")),
        lambda: (page.get_by_test_id("stSidebarNav").wait_for(), settle(page)),
    )
    context.close()
    return seconds


def profiles(browser, url: str) -> list[float]:
    """Overview row ticked → that unit's profile, for the units ranked 2nd, 3rd, …"""
    context, page = new_page(browser)
    page.goto(url)
    settle(page)
    sign_in(page)
    waits = []
    for row in range(1, PROFILES + 1):
        page.goto(url)
        settle(page)
        grid = page.get_by_test_id("stDataFrame").first
        grid.scroll_into_view_if_needed()
        box = grid.bounding_box()
        x, y = box["x"] + 16, box["y"] + ROW_HEIGHT * (row + 1) + ROW_HEIGHT / 2  # the row's selection box
        waits.append(
            timed(lambda x=x, y=y: page.mouse.click(x, y), lambda: (page.wait_for_url("**/ho_so**"), settle(page)))
        )
    context.close()
    return waits


def saved_round(database_url: str, largest: bool) -> tuple[str | None, str | None]:
    """The round the saves are made on, as the page's round box labels it (None: the box's first round), and the
    value of :data:`LEAF` the grid shows first there (the round's first unit by name, as the page picks it)."""
    engine = db.make_engine(database_url)
    staff = Actor.system("bench")
    with db.sessions(engine)() as session:
        rounds = list_rounds(session)  # the page's round box starts with the first
        if largest:
            sizes = {r.id: len(round_values(session, r, staff).units) for r in rounds if r.status == "open"}
            round_ = next(r for r in rounds if r.id == max(sizes, key=sizes.__getitem__))
        else:
            round_ = rounds[0]
        first = sorted(round_values(session, round_, staff).units["unit"])[0]
        entries = unit_entries(session, round_, session.scalar(select(Unit).where(Unit.name == first)), staff)
        label = f"{round_title(round_, 'vi')} · {t('ui.status_' + round_.status, 'vi')}" if largest else None
    engine.dispose()
    return label, entries[LEAF].self_value if LEAF in entries else None


def open_cell_editor(page, attempts: int = 3) -> None:
    """Double-click the grid's first editable cell until its editor opens (a click while the grid is still being
    drawn after a rerun can miss it)."""
    for attempt in range(attempts):
        box = page.get_by_test_id("stDataFrame").first.bounding_box()
        page.mouse.dblclick(box["x"] + 75 + 60, box["y"] + 35 + 17)  # the editable column after the id
        try:
            page.locator("textarea.gdg-input").wait_for(timeout=10_000)
            return
        except PlaywrightTimeout:
            if attempt == attempts - 1:
                raise
            settle(page)


def grid_saves(browser, url: str, round_label: str | None, current: str | None) -> tuple[list[float], list[float]]:
    """Type the other answer into the first cell, then save; ``SAVES`` times on one visit of the page, as a
    person goes through a unit's values (the first save also loads the browser code of the toast). The round is
    chosen first when ``round_label`` names one. Returns (edit waits, save waits)."""
    context, page = new_page(browser)
    page.goto(url)
    settle(page)
    sign_in(page)
    unsaved = t("ui.unsaved", "vi", count=1).replace("*", "").rstrip(":")
    edits, saves = [], []
    page.goto(f"{url}/cham_diem")
    settle(page)
    if round_label is not None:
        page.get_by_test_id("stSelectbox").filter(has_text=t("ui.round", "vi")).first.click()
        page.get_by_role("option", name=round_label, exact=True).click()
        page.get_by_test_id("stDataFrame").first.wait_for()
        settle(page)
    for _ in range(SAVES):
        value = "không" if current == "có" else "có"
        page.evaluate(SCROLL_TO_TOP)  # the grid at the top of the page each time (a click aims by position)
        open_cell_editor(page)
        page.locator("textarea.gdg-input").fill(value)
        edits.append(
            timed(lambda: page.keyboard.press("Enter"), lambda: (page.get_by_text(unsaved).wait_for(), settle(page)))
        )
        saves.append(
            timed(
                click_at(page, page.get_by_role("button", name=t("ui.save", "vi"), exact=True)),
                lambda: (page.get_by_text(unsaved).wait_for(state="detached"), settle(page)),
            )
        )
        current = value
    context.close()
    return edits, saves


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:7.0f} ms"


def main(argv: list[str] | None = None) -> None:
    database = start(
        __doc__.splitlines()[0], "a database with rounds (default: a fresh one seeded as make run seeds)", argv
    )
    with tempfile.TemporaryDirectory() as temp:
        database_url = database or f"sqlite:///{Path(temp) / 'pages.db'}"
        if database:
            create_accounts(database_url)
        else:
            seed(database_url)
        round_label, current = saved_round(database_url, largest=bool(database))
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            context, page = new_page(browser)
            page.goto("about:blank")  # the browser is running, as a person's is
            context.close()
            first = [first_page(browser, database_url) for _ in range(FIRST_PAGES)]
            with server_process(database_url, "page-bench-server.log") as (url, _server):
                sign_ins = [signing_in(browser, url) for _ in range(SIGN_INS)]
                at_once = [signing_in(browser, url, typed=False) for _ in range(SIGN_INS)]
                rows = profiles(browser, url)
                edits, saves = grid_saves(browser, url, round_label, current)
            browser.close()
    print(f"Database: {'given' if database else 'seeded as make run seeds it (4 rounds)'}")
    print(
        f"  first page after the server starts, median of {FIRST_PAGES}   {ms(median(first))}"
        f"   ({ms(min(first)).strip()} – {ms(max(first)).strip()})"
    )
    print(
        f"  sign-in → overview, typed, median of {SIGN_INS}   {ms(median(sign_ins))}   (max {ms(max(sign_ins)).strip()})"
    )
    print(
        f"  sign-in → overview, form filled and clicked at once, median of {SIGN_INS}  {ms(median(at_once))}"
        f"   (max {ms(max(at_once)).strip()})"
    )
    print(f"  overview row → profile, median of {PROFILES}  {ms(median(rows))}   (max {ms(max(rows)).strip()})")
    if round_label is not None:
        print(f"  grid saves on the open round with the most units: {round_label}")
    print(f"  grid: a cell typed → unsaved change shown, median of {SAVES}   {ms(median(edits))}")
    ordered = sorted(saves)
    print(
        f"  grid: save one cell, {SAVES} saves: median {ms(median(saves)).strip()}, "
        f"95th percentile {ms(percentile(ordered, 0.95)).strip()}"
    )


if __name__ == "__main__":
    main()
