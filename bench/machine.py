"""Describe the machine a benchmark ran on, so figures are never quoted without it."""

from __future__ import annotations

import argparse
import os
import platform
from pathlib import Path

import numpy as np
import pandas as pd


def describe() -> str:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return (
        f"{cpu}, {os.cpu_count()} cores; Python {platform.python_version()}, "
        f"NumPy {np.__version__}, pandas {pd.__version__}"
    )


def start(description: str, database_help: str, argv: list[str] | None = None) -> str | None:
    """What a benchmark on a database starts with: its ``--database`` option read, then the machine and how busy
    it is printed (figures grow with the load on a shared machine). Returns the database URL given, if any."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--database", help=database_help)
    database = parser.parse_args(argv).database
    print(f"Machine: {describe()}")
    print(f"Load average when starting: {os.getloadavg()[0]:.1f} (figures grow with it on a shared machine)")
    return database
