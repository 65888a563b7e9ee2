"""Start the app the way ``make run`` does and drive it with Playwright on Debian's Chromium."""

from __future__ import annotations

import functools
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import ACCOUNTS, TEST_PASSWORD, WORKER, create_accounts

ROOT = Path(__file__).resolve().parents[2]
APP_CODE = ("app.py", "parindex", "pages", "ui")  # as the Makefile's APP_CODE
SCREENSHOTS = ROOT / "test-output" / "screenshots"
CHROMIUM = os.environ.get("PARINDEX_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the app exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"the app did not answer at {url} within {timeout} s")


def log_file(name: str) -> Path:
    """Where a server started by a test writes its log: ``test-output/<name>``, prefixed by the pytest-xdist
    worker's name in a parallel run, so that two workers' servers never write (or read) the same file."""
    folder = ROOT / "test-output"
    folder.mkdir(exist_ok=True)
    return folder / (f"{WORKER}-{name}" if WORKER else name)


@pytest.fixture(scope="module")
def app_database_url(tmp_path_factory) -> str:
    """A test file's own database, so what its tests save reaches neither the other tests nor another file's:
    each file states what it needs (the sample rounds, a publication) and may run alone or on any worker."""
    return f"sqlite:///{tmp_path_factory.mktemp('browser-db') / 'app.db'}"


@functools.cache
def compile_app_code() -> None:
    """Byte-compile the app's code once per test process, as ``make run`` does before it starts the server."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", *APP_CODE], cwd=ROOT, check=True)


@contextmanager
def server_process(
    database_url: str, log_name: str = "server.log", config: Path | None = None
) -> Iterator[tuple[str, subprocess.Popen]]:
    """A real server: `streamlit run app.py`, as `make run` starts it (the app's code byte-compiled first), on a free
    port; yields its address and process (whose memory a benchmark reads). ``config`` replaces config.yaml
    (PARINDEX_CONFIG)."""
    compile_app_code()
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.headless",
        "true",
        "--server.port",
        str(port),
    ]
    env = {**os.environ, "PARINDEX_DATABASE_URL": database_url}
    if config is not None:
        env["PARINDEX_CONFIG"] = str(config)
    with open(log_file(log_name), "w") as log:
        process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(url, process)
            yield url, process
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


@contextmanager
def serving(database_url: str, log_name: str = "server.log", config: Path | None = None) -> Iterator[str]:
    """A real server (:func:`server_process`); yields its address."""
    with server_process(database_url, log_name, config) as (url, _process):
        yield url


@pytest.fixture(scope="module")
def app_url(app_database_url):
    """The server the tests of a file share, on the file's database, with the test accounts."""
    create_accounts(app_database_url)
    with serving(app_database_url) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}; `make test` installs Debian's chromium (apt-get install chromium)"
        )
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="vi-VN")
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    yield tab
    context.close()


def screenshot(page, name: str) -> Path:
    """Save the whole page: Streamlit scrolls inside its main block, so grow the window first."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    size = page.viewport_size
    height = page.evaluate(
        "() => { const m = document.querySelector('[data-testid=\"stMain\"]'); return m ? m.scrollHeight : 900; }"
    )
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], min(int(height), 6000))})
    wait_for_app(page)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)
    wait_for_app(page)  # the page laid out again at its own size before the test goes on clicking by position
    return path


# True once Streamlit has finished the script run and replaced every stale or placeholder element.
APP_SETTLED = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return app && app.getAttribute('data-test-script-state') === 'notRunning'
        && document.querySelector('[data-testid="stMain"] h1') !== null
        && !document.querySelector('[data-stale="true"]')
        && !document.querySelector('[data-testid="stSkeleton"]');
}"""


def wait_for_app(page) -> None:
    """Wait until Streamlit has finished the script run and replaced every stale or placeholder element."""
    page.wait_for_selector('[data-testid="stApp"]')
    page.wait_for_function(APP_SETTLED, timeout=60_000)


SIGN_IN_FORM = '[data-testid="stForm"]:has(input[type="password"])'


def sign_in(page, role: str = "admin") -> None:
    """Fill the sign-in form shown at the current address (in either language) and wait for the signed-in page."""
    form = page.locator(SIGN_IN_FORM)
    form.locator('input[type="text"]').fill(ACCOUNTS[role])
    form.locator('input[type="password"]').fill(TEST_PASSWORD)
    form.get_by_test_id("stBaseButton-primaryFormSubmit").click()
    page.get_by_test_id("stSidebarNav").wait_for()  # the menu appears only once signed in
    wait_for_app(page)


def visit(page, url: str, role: str = "admin") -> None:
    """Open ``url``; if it asks to sign in (the first visit of a browser), sign in as ``role`` and land on ``url``."""
    page.goto(url)
    wait_for_app(page)
    if page.locator(SIGN_IN_FORM).count():
        sign_in(page, role)
