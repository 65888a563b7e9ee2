"""The one error type a user is shown, and the problems found in a user's file.

Every request parindex refuses raises a :class:`ParindexError`: a message *code* and its parameters
rather than a finished sentence, so the same refusal reads in Vietnamese or English (see
:mod:`parindex.i18n`). The app shows it in one place and the command line prints it in one place; a
subclass exists only where callers tell its cases apart (a refused role, a round's rule, a plan…).

A :class:`Problem` is one thing wrong in a file. Loaders collect every problem they find and raise
:class:`InputError` once, so a user fixes a file in one pass.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from parindex.i18n import t


class ParindexError(Exception):
    """A request that cannot be done, said without a traceback in the user's language.

    ``code`` names the catalogue message ``{prefix}.{code}`` and ``params`` fill it in. A subclass sets
    ``prefix`` (its family of messages) and may keep fields of its own. ``str()`` is the English
    sentence, which is what a log or a developer reads; it is made only when asked for, because some
    errors (a cell a rule cannot read) are raised and caught by the thousand while a file is read.
    """

    prefix: ClassVar[str] = "error"

    def __init__(self, code: str, **params: Any):
        self.code = code
        self.params = params
        super().__init__(code)

    def __str__(self) -> str:
        return self.message("en")

    @property
    def key(self) -> str:
        """The catalogue key of this error's message."""
        return f"{self.prefix}.{self.code}"

    def message(self, lang: str = "vi") -> str:
        """The sentence for the user, in ``lang``."""
        return t(self.key, lang, **self.params)


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


class InputError(ParindexError):
    """A user's file could not be used; ``problems`` lists every reason found, each with its own code.

    The error's own ``code`` and ``params`` are its first problem's, so a caller that asks for one reason
    gets the first; its message is every problem's.
    """

    prefix = "problem"

    def __init__(self, problems: Iterable[Problem]):
        self.problems: list[Problem] = list(problems)
        first = self.problems[0] if self.problems else Problem("cannot_read", {"detail": ""})
        super().__init__(first.code, **first.params)

    def message(self, lang: str = "vi") -> str:
        """Every problem on its own line, where it is then what it is."""
        return self.render(lang)

    def render(self, lang: str = "vi") -> str:
        return "\n".join(p.render(lang) for p in self.problems)
