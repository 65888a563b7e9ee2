"""What a rule kind is: the one place that knows how a kind reads, scores, describes and plans a value.

The loader, the value readers, the vectorised scorer, the reference scorer, the descriptions, the
Excel template, the planner and the sample data all ask a leaf's :class:`RuleKind` instead of
branching on ``rule.kind``, so a kind is added or changed in its own module. Methods a kind cannot
do without (reading its parameters and a value, its kernel and its scalar points, its words) raise
``NotImplementedError`` here; the rest have defaults that fit most kinds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

import numpy as np

from parindex.i18n import format_number, t

from .. import model as m
from ._words import plain_number

YPath = tuple[str | int, ...]


class RuleReader(Protocol):
    """The loader's typed getters (see :mod:`parindex.criteria`): each records a problem with its line."""

    def problem(self, code: str, path: YPath, **params: Any) -> None: ...
    def number(
        self, data: dict, key: str, path: YPath, required: bool = True, positive: bool = False
    ) -> float | None: ...
    def text(self, data: dict, key: str, path: YPath, required: bool = True) -> str | None: ...
    def choice(self, data: dict, key: str, path: YPath, options: tuple[str, ...], default: str) -> str: ...
    def levels(self, raw: dict, path: YPath, max_points: float) -> tuple[m.Level, ...]: ...
    def bands(self, raw: dict, path: YPath, max_points: float, measure: str) -> tuple[bool, tuple[m.Band, ...]]: ...
    def negative(self, raw: dict, path: YPath, measure: str) -> bool: ...
    def check_measure_range(self, measure: str, value: float, path: YPath) -> None: ...


@dataclass(frozen=True)
class InputCheck:
    """What a values cell should hold, for a spreadsheet's validation: a list, a range, a whole number, or anything.

    ``kind`` is ``list`` (``options``), ``range`` (``low``..``high``), ``whole`` (≥ 0) or None.
    """

    kind: str | None = None
    options: tuple[str, ...] = ()
    low: float = 0.0
    high: float = 0.0


class RuleKind:
    """One rule kind. Subclasses set ``name`` and ``keys`` and implement the abstract methods."""

    name: ClassVar[str] = ""
    keys: ClassVar[frozenset[str]] = frozenset({"kind"})  # keys its rule mapping may hold
    part: ClassVar[str | None] = None  # the part its leaves belong to, when the kind decides it (survey)
    step_cost: ClassVar[float | None] = None  # planner: default cost of one step; None = a unit cannot move it
    directed: ClassVar[bool] = False  # does ``higher_is_better`` belong to the rule (bands)?
    continuous: ClassVar[bool] = False  # planner: any value between two marks, not a few steps (linear)
    guidance_marker: ClassVar[str | None] = None  # words opening its guidance, when the grammar needs telling

    # -- the criteria file ---------------------------------------------------------------------------------
    def examples(self) -> list[dict[str, Any]]:
        """Rule mappings as a criteria file writes them, valid for a leaf worth 2 points.

        The common tests (``tests/criteria/test_kinds_common.py``) check every kind's invariants on them.
        A kind without parameters (yes/no, survey, manual) is written by its name alone, the default here.
        """
        return [{"kind": self.name}]

    def read_rule(self, reader: RuleReader, raw: dict, path: YPath, max_points: float) -> m.Rule:
        """The rule written in ``raw`` (keys already checked); problems go to ``reader``."""
        return m.Rule(kind=self.name)

    # -- values --------------------------------------------------------------------------------------------
    def parse(self, raw: Any, leaf: m.Leaf) -> float:
        """The number a typed, non-blank, applicable value stands for; raises ``CellError``."""
        raise NotImplementedError(self.name)

    def column_mode(self, rule: m.Rule) -> str:
        """How a column is read at once: ``words`` (each distinct cell once) or a number shape
        (``percent``, ``ratio``, ``number``, ``signed``, ``whole``, ``manual``; see :mod:`parindex.criteria`)."""
        raise NotImplementedError(self.name)

    def parameters(self, rules: list[m.Rule]) -> dict[str, np.ndarray]:
        """The rules' parameters side by side, one row per rule, for :meth:`kernel`."""
        return {}

    def kernel(self, x: np.ndarray, max_points: np.ndarray, params: dict[str, np.ndarray]) -> np.ndarray:
        """Points for values ``x`` (rules × units) at once; ``max_points`` is a column (rules × 1).

        NaN (not applicable) must give NaN or 0, never a share; the caller turns NaN into 0.
        """
        raise NotImplementedError(self.name)

    def points(self, leaf: m.Leaf, value: float) -> float:
        """Points for one parsed value, written plainly from the rule's wording (the reference scorer)."""
        raise NotImplementedError(self.name)

    def best_points(self, leaf: m.Leaf) -> float:
        """The most the leaf can give."""
        return float(leaf.max)

    # -- words ---------------------------------------------------------------------------------------------
    def describe(self, leaf: m.Leaf, lang: str) -> str:
        """One line on how the leaf is scored."""
        raise NotImplementedError(self.name)

    def hint(self, leaf: m.Leaf, lang: str) -> str:
        """What staff should type."""
        return t(f"hint.{self.name}", lang, max=format_number(leaf.max, lang=lang))

    def applied(self, leaf: m.Leaf, value: float, lang: str) -> str:
        """Where a parsed (applicable) value fell, for the explanation."""
        return format_number(value, lang=lang)

    def guidance(self, leaf: m.Leaf) -> str:
        """The canonical Vietnamese phrase a decision would use; the guidance reader reads it back."""
        raise NotImplementedError(self.name)

    def claim_guidance(self, rule: dict[str, Any]) -> dict[str, Any] | None:
        """The kind's rule for guidance opened by its ``guidance_marker`` that the grammar read as ``rule``."""
        return None

    def typical_values(self, leaf: m.Leaf, lang: str) -> list[tuple[str, float]]:
        """A few (label, parsed value) pairs that show how points fall; empty when the points are free."""
        return []

    # -- typing a value --------------------------------------------------------------------------------------
    def typed(self, leaf: m.Leaf, value: float, lang: str, decimals: int) -> str:
        """A parsed value written the way staff type it, reading back to the same number."""
        return plain_number(value, lang, decimals)

    def shows_unit(self, rule: m.Rule) -> bool:
        """Is the rule's ``unit`` written after a shown value (``3 ngày``)?"""
        return False

    def with_unit(self, rule: m.Rule, text: str) -> str:
        """``text`` followed by the rule's unit where the kind shows it."""
        return f"{text} {rule.unit}" if rule.unit and self.shows_unit(rule) else text

    def shown(self, leaf: m.Leaf, value: float, lang: str) -> str:
        """A parsed value for reading: typed in full, with its unit."""
        return self.with_unit(leaf.rule, self.typed(leaf, value, lang, 6))

    def example(self, leaf: m.Leaf, lang: str) -> str:
        """A value the reader accepts, as the template's example row shows it."""
        raise NotImplementedError(self.name)

    def input_check(self, leaf: m.Leaf) -> InputCheck:
        """The spreadsheet validation that fits the rule."""
        return InputCheck()

    def text_cell(self, rule: m.Rule) -> bool:
        """Must a workbook cell stay text (a level's label, ``3/4`` that Excel would take for a date)?"""
        return False

    def widget(self, rule: m.Rule) -> str:
        """The what-if input: ``toggle``, ``choice``, ``whole``, ``points``, ``rate`` or ``number``."""
        raise NotImplementedError(self.name)

    def marks(self, rule: m.Rule) -> list[float]:
        """The measured values where the points change (a slider shows them)."""
        return []

    # -- planning and sample data ----------------------------------------------------------------------------
    def steps(self, leaf: m.Leaf, value: float, limit: float | None) -> list[tuple[float, float]]:
        """Better parsed values and how many cost steps each is from ``value`` (none by default)."""
        return []

    def next_values(self, leaf: m.Leaf, value: float, points: float, lang: str) -> list[tuple[str, float]]:
        """Better values worth naming, as (text, points there); by default the one value giving the maximum."""
        if leaf.max <= points + 1e-12:
            return []
        return [(self.shown(leaf, self.best_value(leaf), lang), leaf.max)]

    def best_value(self, leaf: m.Leaf) -> float:
        """The parsed value that gives the maximum (used by :meth:`next_values`)."""
        raise NotImplementedError(self.name)

    def sample(self, leaf: m.Leaf, quality: float, rng: np.random.Generator) -> str:
        """A typed value of a unit performing at ``quality`` (0..1), for sample data."""
        raise NotImplementedError(self.name)

    def sample_extra(self, leaf: m.Leaf, rng: np.random.Generator) -> str | None:
        """A bonus or penalty award, or None to draw a modest :meth:`sample` instead."""
        return None
