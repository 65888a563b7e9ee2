"""Describe the machine a benchmark ran on, so figures are never quoted without it."""

from __future__ import annotations

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
