"""Problems found in a user's file, reported all at once and never as a traceback.

A :class:`Problem` carries a message *key* and its parameters rather than a finished sentence, so
the same problem can be shown in Vietnamese or English (see :mod:`parindex.i18n`). Loaders collect
every problem they find and raise :class:`InputError` once, so a user fixes a file in one pass.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from parindex.i18n import t


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: where it is and what it is.

    ``line`` is 1-based (YAML) and ``row`` is the spreadsheet row number the user sees (header
    row = 1). ``path`` is the YAML path (``fields[0].criteria[1].max``) or the column name.
    """

    code: str
    params: dict[str, Any] = field(default_factory=dict)
    file: str | None = None
    line: int | None = None
    row: int | None = None
    column: str | None = None
    path: str | None = None

    def message(self, lang: str = "vi") -> str:
        """The sentence for this problem, without its location."""
        return t(f"problem.{self.code}", lang, **self.params)

    def location(self, lang: str = "vi") -> str:
        """``FILE:LINE: path`` for YAML, ``FILE: row R, column C`` for tables."""
        head = self.file or ""
        if self.line is not None:
            head = f"{head}:{self.line}" if head else str(self.line)
        details = []
        if self.row is not None:
            details.append(t("loc.row", lang, row=self.row))
        if self.column:
            details.append(t("loc.column", lang, column=self.column))
        if self.path and self.column is None:
            details.append(self.path)
        if not details:
            return head
        return f"{head}: {', '.join(details)}" if head else ", ".join(details)

    def render(self, lang: str = "vi") -> str:
        """``location: message``, the line printed by the command line and shown in the app."""
        where = self.location(lang)
        return f"{where}: {self.message(lang)}" if where else self.message(lang)


class InputError(Exception):
    """A user's file could not be used; ``problems`` lists every reason found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems: list[Problem] = list(problems)
        super().__init__(self.render("en"))

    def render(self, lang: str = "vi") -> str:
        return "\n".join(p.render(lang) for p in self.problems)
