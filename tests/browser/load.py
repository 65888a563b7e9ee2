"""A bounded load on the real app over loopback (issue 17): people in browsers, an oversized upload, writers.

:func:`run_load` drives a server already started on a database seeded by :func:`seed` (as ``make run``
seeds it, plus the test accounts). At the same time:

* ``CONTEXTS`` browser contexts of one headless Chromium (mixed roles) sign in and work: the pages of
  their menu among Hồ sơ, Chấm điểm and Tổng quan, then another year in the sidebar (on Tổng quan, which
  always writes the view to the address), ``cycles`` times;
  every page is checked for an error or exception box;
* the first of them (an administrator) uploads a values file on Nhập dữ liệu that is under the upload
  limit in bytes but over the row limit, so the browser sends it and the server must refuse it;
* ``WRITERS`` threads save to the open round (:mod:`tests.browser.load_writers`).

The result says what happened; the test asserts on it and the benchmark prints it.
"""

from __future__ import annotations

import asyncio
import re
import statistics
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from parindex import db
from parindex.accounts import ROLE_PAGES
from parindex.config import load_settings
from parindex.errors import InputError
from parindex.i18n import t
from parindex.inputs import MAX_ROWS
from parindex.rounds import seed_sample
from parindex.scoring import load_compiled, read_values
from tests.browser.conftest import APP_SETTLED, CHROMIUM, CHROMIUM_FLAGS, ROOT, SCREENSHOTS, SIGN_IN_FORM
from tests.browser.load_writers import ERROR, SET_ID, UNIT_TYPE, YEAR, Writers, check_cells, target
from tests.conftest import ACCOUNTS, TEST_PASSWORD, create_accounts
from ui.navigation import DEFAULT_PAGE, PAGE_LOOKS

CONTEXTS = 10
ROLES = ("admin", "appraiser", "leader", "unit_officer", "viewer")  # context i has role i modulo 5
PAGES = ("ho_so", "cham_diem", "tong_quan")  # each person opens those of their menu, in turn
VIEW = f"set={SET_ID}&year={YEAR}&type={UNIT_TYPE}"
ERROR_BOXES = '[data-testid="stException"], [data-testid="stAlertContentError"]'
TIMEOUT_MS = 180_000  # a page on a loaded two-core machine: generous, this is a bound and not a speed test


def seed(database_url: str) -> None:
    """The database ``make run`` seeds (one open round per sample dataset) and the test accounts."""
    engine = db.make_engine(database_url)
    db.upgrade(engine)
    with db.sessions(engine).begin() as session:
        seed_sample(session, load_settings(ROOT / "config.yaml"))
    engine.dispose()
    create_accounts(database_url)


def oversized_values_file(folder: Path) -> tuple[Path, str]:
    """A values file of the round's set with more rows than allowed, under the upload limit in bytes; and the
    refusal the core gives for it (what the page must show)."""
    compiled = load_compiled(ROOT / "indicators" / f"{SET_ID}.yaml")
    blanks = "," * len(compiled.column_ids)
    lines = ["unit,unit_type,year," + ",".join(compiled.column_ids)]
    lines += [f"Đơn vị thử tải {i:06d},{UNIT_TYPE},{YEAR}{blanks}" for i in range(MAX_ROWS + 20_000)]
    path = folder / "qua-nhieu-dong.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        read_values(path.read_bytes(), compiled, path.name)
    except InputError as error:
        return path, error.problems[0].message("vi")
    raise AssertionError("the oversized file was accepted")


@dataclass(frozen=True)
class PageWait:
    """One wait of one person: from their click (or address) until the page had settled, on a shared clock."""

    context: int
    step: str
    start: float
    end: float

    @property
    def seconds(self) -> float:
        return self.end - self.start


@dataclass
class Person:
    """One browser context: its role, its waits, and every error it met (an error box, a timeout)."""

    number: int
    role: str
    waits: list[PageWait] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    refusal: PageWait | None = None  # the upload's refusal, for the one who uploads
    form_shown: PageWait | None = None  # the part of the sign-in wait until the sign-in form was there


async def settled(page) -> None:
    await page.wait_for_selector('[data-testid="stApp"]')
    await page.wait_for_function(APP_SETTLED, timeout=TIMEOUT_MS)


async def error_boxes(page) -> list[str]:
    """The text of every error or exception box, without the invisible joiners the app's Markdown escaping adds."""
    return [text.replace("\u2060", "").strip()[:300] for text in await page.locator(ERROR_BOXES).all_inner_texts()]


async def look(page, person: Person, step: str, start: float) -> None:
    """Wait for the page to settle, note the wait, and note any error or exception box as an error."""
    await settled(page)
    person.waits.append(PageWait(person.number, step, start, time.monotonic()))
    person.errors += [f"{person.role} #{person.number}, {step}: {box}" for box in await error_boxes(page)]


async def sign_in(page, person: Person, url: str) -> None:
    """Open the address (a fresh browser loads all of Streamlit's code) and sign in: one wait, with the moment the
    sign-in form was there kept apart (``person.form_shown``)."""
    start = time.monotonic()
    await page.goto(f"{url}/?{VIEW}")
    await settled(page)
    person.form_shown = PageWait(person.number, "sign_in_form", start, time.monotonic())
    form = page.locator(SIGN_IN_FORM)
    await form.locator('input[type="text"]').fill(ACCOUNTS[person.role])
    await form.locator('input[type="password"]').fill(TEST_PASSWORD)
    await form.get_by_test_id("stBaseButton-primaryFormSubmit").click()
    await page.get_by_test_id("stSidebarNav").wait_for()
    await look(page, person, "sign_in", start)


async def open_page(page, person: Person, page_id: str) -> None:
    """Click the page in the menu, as a person does."""
    start = time.monotonic()
    title = t(PAGE_LOOKS[page_id].title_key, "vi")
    await page.get_by_test_id("stSidebarNavLink").filter(has_text=title).click()
    await page.wait_for_url(re.compile(rf"/{'' if page_id == DEFAULT_PAGE else page_id}(\?|$)"))
    await look(page, person, page_id, start)


async def change_year(page, person: Person, year: str) -> None:
    """Another year in the sidebar: every page of the view follows it."""
    start = time.monotonic()
    await page.get_by_test_id("stSidebar").get_by_role("combobox", name=t("ui.year", "vi")).click()
    await page.get_by_role("option", name=year, exact=True).click()
    await page.wait_for_url(re.compile(rf"year={year}"))
    await look(page, person, f"year_{year}", start)


async def upload_refused(page, person: Person, oversized: Path, refusal: str) -> None:
    """Upload the oversized file on Nhập dữ liệu; the page must show the refusal, and no other error."""
    await open_page(page, person, "nhap_du_lieu")
    await page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(oversized))
    start = time.monotonic()  # the browser holds the file now, as after a person picked it
    await page.get_by_test_id("stAlertContentError").wait_for(timeout=TIMEOUT_MS)
    shown = time.monotonic()
    await settled(page)
    boxes = await error_boxes(page)
    if any(refusal in box for box in boxes):
        person.refusal = PageWait(person.number, "refusal", start, shown)
    person.errors += [f"{person.role} #{person.number}, upload: {box}" for box in boxes if refusal not in box]


async def work(browser, url: str, number: int, cycles: int, upload: tuple[Path, str] | None) -> Person:
    person = Person(number, ROLES[number % len(ROLES)])
    context = await browser.new_context(viewport={"width": 1400, "height": 900}, locale="vi-VN")
    page = await context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    try:
        await sign_in(page, person, url)
        if upload is not None:
            await upload_refused(page, person, *upload)
        pages = [p for p in PAGES if p in ROLE_PAGES[person.role]]
        for cycle in range(cycles):
            for page_id in pages:
                await open_page(page, person, page_id)
            await change_year(page, person, str(YEAR - 1) if cycle % 2 == 0 else str(YEAR))
    except Exception as error:  # a timeout or a page that broke: an error of the run, never a crash of it
        person.errors.append(f"{person.role} #{number}: {type(error).__name__}: {str(error)[:300]}")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(SCREENSHOTS / f"load-{number:02d}-{person.role}.png"))
    finally:
        await context.close()
    return person


async def warm_up(browser, url: str) -> None:
    """Open the sign-in page once, so the load meets a server that has already started (not its first page)."""
    context = await browser.new_context()
    page = await context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    await page.goto(f"{url}/?{VIEW}")
    await settled(page)
    await context.close()


async def browse(url: str, cycles: int, upload: tuple[Path, str]) -> list[Person]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        await warm_up(browser, url)
        people = await asyncio.gather(
            *(work(browser, url, n, cycles, upload if n == 0 else None) for n in range(CONTEXTS))
        )
        await browser.close()
    return list(people)


@dataclass(frozen=True)
class LoadResult:
    people: list[Person]
    outcomes: Counter  # writers' attempts by outcome: accepted, conflict, error
    writer_errors: list[str]
    lost_updates: int
    audit_mismatches: int
    seconds: float

    @property
    def errors(self) -> list[str]:
        return [e for p in self.people for e in p.errors] + self.writer_errors

    @property
    def refusal(self) -> PageWait | None:
        return next((p.refusal for p in self.people if p.refusal is not None), None)

    @property
    def waits(self) -> list[float]:
        return sorted(w.seconds for p in self.people for w in p.waits)

    def waits_during_refusal(self) -> list[float]:
        """Other people's waits that overlapped the refusal (the server kept answering them meanwhile)."""
        refusal = self.refusal
        if refusal is None:
            return []
        return sorted(
            w.seconds
            for p in self.people
            for w in p.waits
            if w.context != refusal.context and w.start < refusal.end and w.end > refusal.start
        )


def percentile(sorted_values: list[float], share: float) -> float:
    """The value below which ``share`` of the values lie (nearest rank); NaN for none."""
    if not sorted_values:
        return float("nan")
    return sorted_values[min(len(sorted_values) - 1, max(0, round(share * len(sorted_values)) - 1))]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def run_load(url: str, database_url: str, folder: Path, cycles: int, min_attempts: int) -> LoadResult:
    """Run the load on the server at ``url`` (database ``database_url``, seeded by :func:`seed`)."""
    upload = oversized_values_file(folder)
    engine = db.make_engine(database_url)
    with db.sessions(engine)() as session:
        goal = target(session)
    writers = Writers(database_url, goal, min_attempts)
    started = time.monotonic()
    writers.start()
    try:  # the browsers' event loop runs in a thread of its own, apart from any other Playwright in this process
        with ThreadPoolExecutor(1) as pool:
            people = pool.submit(asyncio.run, browse(url, cycles, upload)).result()
    finally:
        attempts = writers.finish()
    seconds = time.monotonic() - started
    with db.sessions(engine)() as session:
        verdict = check_cells(session, goal, attempts)
    engine.dispose()
    outcomes = Counter(a.outcome for a in attempts)
    writer_errors = [f"writer {a.writer}: {a.detail}" for a in attempts if a.outcome == ERROR]
    return LoadResult(people, outcomes, writer_errors, verdict.lost_updates, verdict.audit_mismatches, seconds)
