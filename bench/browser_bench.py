"""Interaction latency in a real browser with 1,000 units, and the server's memory with 5 sessions.

Starts the app as `make run` does, on a generated 1,000-department dataset (so-2025 set), through
a temporary config file (``PARINDEX_CONFIG``). Latency is the time from choosing another unit in the
profile page's unit box to the new unit's index appearing, median of the repeats. Memory is the
server's resident set size (VmRSS) after 5 browser sessions have each opened the overview and a
profile. Figures are printed; nothing is asserted.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import yaml
from playwright.sync_api import sync_playwright

from bench.machine import describe
from parindex.files import to_csv_bytes
from parindex.i18n import format_pct
from parindex.rounds import SampleUnit, generate_values
from parindex.scoring import load_compiled, score_files
from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS, free_port, wait_for_app, wait_healthy

ROOT = Path(__file__).resolve().parent.parent
UNITS = 1_000
REPEATS = 15
SESSIONS = 5


def make_dataset(folder: Path) -> Path:
    compiled = load_compiled(ROOT / "indicators" / "so-2025.yaml")
    rng = np.random.default_rng(11)
    units = [SampleUnit(f"Sở thử nghiệm {i:04d}", "so") for i in range(UNITS)]
    table = generate_values(compiled.criteria_set, units, rng.beta(6, 2.2, size=UNITS), rng, 2026)
    data = folder / "sample"
    data.mkdir()
    (data / "bench.csv").write_bytes(to_csv_bytes(table))
    manifest = {
        "province": "Bench",
        "sample": True,
        "datasets": [
            {
                "file": "bench.csv",
                "rules": "so-2025.yaml",
                "year": 2026,
                "unit_type": "so",
                "units": UNITS,
                "sample": True,
            }
        ],
    }
    (data / "manifest.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")
    config = folder / "config.yaml"
    config.write_text(
        yaml.safe_dump({"indicators_dir": str(ROOT / "indicators"), "sample_dir": str(data), "data_dir": str(folder)}),
        encoding="utf-8",
    )
    return config


def rss_mb(pid: int, field: str = "VmRSS") -> float:
    """A process's resident memory now (``VmRSS``) or at its peak (``VmHWM``), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        config = make_dataset(Path(temp))
        scores, _ = score_files(ROOT / "indicators" / "so-2025.yaml", Path(temp) / "sample" / "bench.csv")
        port = free_port()
        env = {**os.environ, "PARINDEX_CONFIG": str(config)}
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.headless",
                "true",
                "--server.port",
                str(port),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(url, server)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
                latencies = measure_latency(browser, url, scores)
                memory = measure_memory(browser, url, server.pid)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"Machine: {describe()}")
    print(f"Units: {UNITS:,} (so-2025 set); unit changes measured: {len(latencies)}")
    print(
        f"Select a unit → profile shows its index: median {statistics.median(latencies):.0f} ms, "
        f"min {min(latencies):.0f} ms, max {max(latencies):.0f} ms"
    )
    print(f"Server resident memory with {SESSIONS} sessions open: {memory:.0f} MB")


def measure_latency(browser, url: str, scores) -> list[float]:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.set_default_timeout(60_000)
    page.goto(url + "/ho_so")
    wait_for_app(page)
    rng = np.random.default_rng(3)
    rows = rng.choice(len(scores), size=REPEATS + 1, replace=False)
    box = page.get_by_test_id("stMainBlockContainer").get_by_role("combobox", name="Đơn vị")
    timings = []
    for row in rows:
        name = str(scores.units["unit"][row])
        expected = format_pct(float(scores.index[row]))
        box.focus()
        box.fill(name)
        page.get_by_role("option", name=name, exact=True).wait_for()
        start = time.perf_counter()
        page.keyboard.press("Enter")
        page.get_by_test_id("stMetricValue").first.filter(has_text=expected).wait_for()
        timings.append((time.perf_counter() - start) * 1e3)
        wait_for_app(page)
        page.keyboard.press("Escape")
    page.close()
    return timings[1:]  # the first change also warms the cache


def measure_memory(browser, url: str, pid: int) -> float:
    contexts = []
    for _ in range(SESSIONS):
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.goto(url)
        wait_for_app(page)
        page.goto(url + "/ho_so")
        wait_for_app(page)
        contexts.append(context)
    memory = rss_mb(pid)
    for context in contexts:
        context.close()
    return memory


if __name__ == "__main__":
    main()
