"""One walker for the YAML files staff edit by hand: criteria sets, the planner's costs, the settings.

Each of these validators reports every problem at once, with the file, line and YAML path, and
rejects unknown keys so that a typo cannot pass silently. The reading of the file, the recording of
problems and the typed getters live here once, so the three files are checked, and spoken of, alike.
"""

from __future__ import annotations

import math
from pathlib import Path as FilePath
from typing import Any

from parindex.errors import InputError, Problem
from parindex.i18n import nfc

from ._limits import MAX_YAML_BYTES, check_yaml, read_limited
from ._yaml_source import Path, YamlDocument, format_path, load_yaml


def read_yaml_text(path: FilePath) -> str:
    """The text of the user's YAML file ``path``; InputError when it cannot be read or is not UTF-8."""
    try:
        return read_limited(path, MAX_YAML_BYTES).decode("utf-8")
    except UnicodeDecodeError:
        raise InputError([Problem("not_utf8", file=path.name)]) from None
    except OSError as exc:
        raise InputError([Problem("cannot_read", {"detail": exc.strerror or str(exc)}, file=str(path))]) from None


def parse_yaml_document(text: str, filename: str) -> tuple[YamlDocument, list[Problem]]:
    """The document in ``text`` (checked for size and shape first) and the problems met composing it.

    A syntax error leaves nothing to walk, so it is raised at once as an InputError.
    """
    check_yaml(text, filename)
    document, problems = load_yaml(nfc(text), filename)
    if document is None:
        raise InputError(problems)
    return document, problems


class YamlReader:
    """Walks one YAML document, recording problems with their file, line and YAML path.

    Validators subclass it and add the getters of their own format; they call
    :meth:`raise_problems` once the whole document has been read.
    """

    def __init__(self, document: YamlDocument, filename: str, problems: list[Problem] | None = None):
        self.doc = document
        self.file = filename
        self.problems = problems if problems is not None else []

    # -- reporting -----------------------------------------------------------------------------
    def problem(self, code: str, path: Path, **params: Any) -> None:
        """Record problem ``code`` at ``path`` (its line is the nearest one the document knows)."""
        self.problems.append(Problem(code, params, file=self.file, line=self.doc.line_of(path), path=format_path(path)))

    def keys(self, data: dict, path: Path, allowed: set[str]) -> None:
        """Report every key of ``data`` not in ``allowed``."""
        for key in data:
            if key not in allowed:
                self.problem("unknown_key", path + (key,), key=key, allowed=", ".join(sorted(allowed)))

    def raise_problems(self) -> None:
        """Raise every recorded problem at once, in the order of the file."""
        if self.problems:
            raise InputError(sorted(self.problems, key=lambda p: (p.line or 0, p.path or "")))

    # -- typed getters -------------------------------------------------------------------------
    def mapping(self, value: Any, path: Path) -> dict | None:
        """``value`` when it is a mapping; otherwise None and a problem."""
        if isinstance(value, dict):
            return value
        self.problem("expected_mapping", path)
        return None

    def missing(self, data: dict, key: str, path: Path, required: bool) -> bool:
        """Whether ``key`` is absent (or empty) in ``data``; a problem when it was ``required``."""
        if key in data and data[key] is not None:
            return False
        if required:
            self.problem("missing_key", path + (key,), key=key)
        return True

    def text(self, data: dict, key: str, path: Path, required: bool = True) -> str | None:
        """The text under ``key`` as written (a number keeps its digits), NFC and stripped."""
        if self.missing(data, key, path, required):
            return None
        raw = self.doc.raw.get(path + (key,))
        value = data[key]
        if isinstance(value, (dict, list)):
            self.problem("expected_text", path + (key,), key=key)
            return None
        text = nfc(raw if raw is not None else str(value)).strip()
        if not text:
            if required:
                self.problem("missing_key", path + (key,), key=key)
            return None
        return text

    def number(self, data: dict, key: str, path: Path, required: bool = True, positive: bool = False) -> float | None:
        """The finite number under ``key`` (above zero when ``positive``), or None and a problem."""
        if self.missing(data, key, path, required):
            return None
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            self.problem("expected_number", path + (key,), key=key, value=str(value))
            return None
        if positive and value <= 0:
            self.problem("expected_positive", path + (key,), key=key, value=str(value))
            return None
        return float(value)

    def items(self, data: dict, key: str, path: Path, required: bool = True) -> list:
        """The list under ``key``; an empty one is a problem when it was ``required``."""
        if self.missing(data, key, path, required):
            return []
        value = data[key]
        if not isinstance(value, list):
            self.problem("expected_list", path + (key,), key=key)
            return []
        if not value and required:
            self.problem("empty_list", path + (key,), key=key)
        return value

    def choice(self, data: dict, key: str, path: Path, options: tuple[str, ...], default: str) -> str:
        """One of ``options`` under ``key``; ``default`` when it is left out or wrong (a problem)."""
        if key not in data:
            return default
        value = str(data[key]).strip()
        if value not in options:
            self.problem("bad_choice", path + (key,), key=key, value=value, options=", ".join(options))
            return default
        return value

    def flag(self, data: dict, key: str, path: Path, default: bool = True) -> bool:
        """The yes/no under ``key``; ``default`` when it is left out or not a boolean (a problem)."""
        value = data.get(key, default)
        if isinstance(value, bool):
            return value
        self.problem("expected_bool", path + (key,), key=key)
        return default
