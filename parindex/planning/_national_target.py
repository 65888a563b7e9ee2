"""A national target for the planner: "stay in the top K nationally" as an index, then the least-effort plan.

The index is the lowest (in hundredths) for which the national rank model gives P(rank ≤ K) at least
the chosen confidence (:func:`parindex.analysis.index_for_top`); the plan is the planner's own
plan to that index (:func:`parindex.planning.plan` with ``Target(index=…)``), so the national layer adds
no rule of its own to the planner. A province's partial figures are planned from through
:func:`province_draft`: its blanks take the estimate rule's values (:mod:`parindex.rounds`), with the
published regional and national means of the same year for its survey items.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from parindex.analysis import NationalData, comparison_year, index_for_top, national_name, national_rank, year_facts
from parindex.criteria import CompiledSet
from parindex.errors import InputError, Problem
from parindex.i18n import format_pct, t
from parindex.rounds import DraftScores, draft_scores
from parindex.scoring import Scores

from ._costs import CostModel
from ._planner import Plan, Target, plan


@dataclass(frozen=True)
class NationalGoal:
    """The index needed for P(top ``top``) ≥ ``confidence`` in ``year`` (None when even 100 % falls short)."""

    year: int
    top: int
    confidence: float
    province: str | None
    index: float | None
    p_top: float

    def describe(self, lang: str = "vi") -> str:
        level = format_pct(100 * self.confidence, 0, lang)
        if self.index is None:
            return t("national.target_unreachable", lang, k=self.top, level=level, year=self.year)
        return t(
            "national.target_index",
            lang,
            k=self.top,
            level=level,
            year=self.year,
            index=format_pct(self.index, lang=lang),
            p=format_pct(100 * self.p_top, 1, lang),
        )


def check_confidence(confidence: float) -> None:
    if confidence is None or not math.isfinite(confidence) or not 0 < confidence < 1:
        raise InputError([Problem("national_bad_confidence", {"value": str(confidence)})])


def national_goal(
    national: NationalData,
    year: int,
    top: int = 10,
    confidence: float = 0.8,
    province: str | None = None,
    table: pd.DataFrame | None = None,
) -> NationalGoal:
    """The index that keeps ``province`` in the top ``top`` of ``year`` with probability ``confidence``."""
    check_confidence(confidence)
    index = index_for_top(national, year, top, confidence, province, table)
    facts = year_facts(national, year, province, table)
    p = national_rank(facts, index if index is not None else 100.0).p_top(top)
    return NationalGoal(year, top, confidence, province, index, p)


def unit_province(national: NationalData, scores: Scores, row: int, year: int) -> str | None:
    """The province a provincial unit is, when its name (without "Tỉnh") is a province of ``year``."""
    name = national_name(str(scores.units["unit"][row]))
    return name if name in national.provinces_of(year) else None


def plan_national(
    scores: Scores,
    row: int,
    national: NationalData,
    year: int,
    top: int = 10,
    confidence: float = 0.8,
    province: str | None = None,
    costs: CostModel | None = None,
    budget: float | None = None,
    limits: Mapping[str, Any] | None = None,
) -> tuple[NationalGoal, Plan | None]:
    """The national goal for the unit in ``row`` and the least-effort plan to its index (None if no index will do).

    ``year`` is the data's year; the published year compared with is the same year or the latest before it.
    ``province`` defaults to the unit itself when its name is a province of that year.
    """
    published = comparison_year(national, year)
    if published is None:
        raise InputError([Problem("national_unknown_year", {"year": year, "years": "—"})])
    province = province or unit_province(national, scores, row, published)
    goal = national_goal(national, published, top, confidence, province)
    if goal.index is None:
        return goal, None
    return goal, plan(scores, row, Target(index=goal.index), costs, budget=budget, limits=limits)


def survey_means(national: NationalData, year: int, province: str) -> tuple[float | None, float | None]:
    """The published national and regional mean indexes (%) a draft's survey blanks are estimated from.

    Those of ``year``, or of the latest published year before it; None where nothing was published.
    """
    published = comparison_year(national, year)
    if published is None:
        return None, None
    return national.mean_of(published), national.region_mean(published, national_name(province))


def province_draft(
    compiled: CompiledSet,
    unit: str,
    entries: Mapping[str, object],
    national: NationalData,
    year: int,
    previous: Mapping[str, object] | None = None,
    province: str | None = None,
) -> DraftScores:
    """A province's draft scored with its blanks estimated (see :func:`parindex.rounds.draft_scores`).

    Survey blanks take the published mean of the province's region (:func:`survey_means`), else the
    national mean; ``province`` defaults to the unit's own name.
    """
    mean, regional = survey_means(national, year, province or unit)
    return draft_scores(compiled, unit, "tinh", entries, previous, mean, regional)
