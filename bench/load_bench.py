"""A bounded load test over loopback (issue 17, "nothing lost"), with its figures.

Starts the app as ``make run`` does on a fresh SQLite database (WAL) seeded with the sample rounds
and the test accounts, then at the same time: 10 browser contexts of headless Chromium sign in (mixed
roles) and work, one of them uploads a values file over the row limit on Nhập dữ liệu and must see
the refusal, and 30 writers save to the same open round, some on the same cells with the version they
read (:mod:`tests.browser.load`). Prints the counts (lost updates and errors must be 0), the page waits,
the refusal's time and the server's peak memory. Run with ``python -m bench.load_bench``.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from pathlib import Path

from bench.browser_bench import rss_mb
from bench.machine import describe
from tests.browser.conftest import ROOT, server_process
from tests.browser.load import CONTEXTS, median, percentile, run_load, seed
from tests.browser.load_writers import ACCEPTED, CONFLICT, WRITERS

CYCLES = 3  # rounds of pages per person
MIN_ATTEMPTS = 5  # saves per writer at least; they go on until the people are done


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        database_url = f"sqlite:///{Path(temp) / 'load.db'}"
        seed(database_url)
        load_before = os.getloadavg()[0]
        with server_process(database_url, "load-bench-server.log") as (url, server):
            result = run_load(url, database_url, Path(temp), CYCLES, MIN_ATTEMPTS)
            peak = rss_mb(server.pid, "VmHWM")
    log = (ROOT / "test-output" / "load-bench-server.log").read_text(encoding="utf-8", errors="replace")
    waits, during = result.waits, result.waits_during_refusal()
    refusal = result.refusal
    print(f"Machine: {describe()}")
    print(f"Load average when starting: {load_before:.1f} (figures grow with it on a shared machine)")
    print(f"Browser contexts: {CONTEXTS} ({CYCLES} rounds of pages each); writers: {WRITERS}; {result.seconds:.0f} s")
    print(f"Writes accepted: {result.outcomes[ACCEPTED]}, refused as conflicts: {result.outcomes[CONFLICT]}")
    print(f"Lost updates: {result.lost_updates} (must be 0); audit records not matching: {result.audit_mismatches}")
    print(f"Errors: {len(result.errors)} (must be 0); tracebacks in the server log: {log.count('Traceback')}")
    for error in result.errors[:10]:
        print(f"  {error}")
    print(f"Refusal of the oversized upload shown: {'yes' if refusal else 'NO'}", end="")
    print(f", {refusal.seconds:.1f} s after the file was chosen" if refusal else "")
    print(
        f"Page waits ({len(waits)}): median {median(waits):.1f} s, 90th percentile {percentile(waits, 0.90):.1f} s, "
        f"95th percentile {percentile(waits, 0.95):.1f} s, "
        f"max {max(waits, default=float('nan')):.1f} s"
    )
    slowest = sorted((w for p in result.people for w in p.waits), key=lambda w: w.seconds, reverse=True)
    by_step = Counter(w.step for w in slowest[: max(1, len(slowest) // 10)])
    print("Slowest tenth of the waits, by step: " + ", ".join(f"{step} {n}" for step, n in by_step.most_common()))
    sign_ins = [w.seconds for p in result.people for w in p.waits if w.step == "sign_in"]
    forms = [p.form_shown.seconds for p in result.people if p.form_shown is not None]
    print(
        f"The {len(sign_ins)} sign-ins, all at once from opening the address: median {median(sign_ins):.1f} s, "
        f"of which until the sign-in form was there (a fresh browser loading Streamlit's code) "
        f"median {median(forms):.1f} s, max {max(forms, default=float('nan')):.1f} s"
    )
    print(
        f"Other people's page waits during the refusal ({len(during)}): median {median(during):.1f} s, "
        f"max {max(during, default=float('nan')):.1f} s"
    )
    print(f"Server peak resident memory: {peak:.0f} MB")


if __name__ == "__main__":
    main()
