"""Lazy re-exports for the sub-packages: ``from parindex.scoring import score`` loads only the module it needs.

Each sub-package lists its public names by private module. Loading a module on first use keeps short
commands light (``python -m parindex score`` never loads SciPy, openpyxl or SQLAlchemy) and lets packages
refer to each other without an import cycle at start-up. The pattern is PEP 562's module ``__getattr__``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable


def attach(
    package: str, exports: dict[str, list[str]]
) -> tuple[Callable[[str], object], Callable[[], list[str]], list[str]]:
    """``__getattr__``, ``__dir__`` and ``__all__`` for ``package``, whose names live in ``exports[module]``."""
    home = {name: module for module, names in exports.items() for name in names}

    def __getattr__(name: str) -> object:
        if name not in home:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{home[name]}"), name)

    def __dir__() -> list[str]:
        return sorted(home)

    return __getattr__, __dir__, sorted(home)
