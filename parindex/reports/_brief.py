"""The leader's brief: one A4 page — the province nationally, the gap to the target rank, three cheapest moves.

The national part reads the published results (:mod:`parindex.analysis`) of the data's year (or the latest before it): the mean and
top province, and the province's own published index and rank when the table has them. The shipped
table is partial, so a province missing from it is said to be missing; with an index given (the
province's own figure) the rank comes from :func:`parindex.analysis.national_rank`, a range when the
table is partial. The gap comes from :mod:`parindex.scoring`, the moves from the planner. A unit
scored alone (a province assessing itself) has no rank target: its own index places it nationally
and the moves lead to the index that keeps it in the national top 10 (:mod:`parindex.planning`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from parindex.analysis import NationalData, national_name, national_rank, year_facts
from parindex.i18n import format_number, format_pct, nfc, t
from parindex.planning import CostModel, Target, plan, unit_options
from parindex.scoring import (
    Scores,
    margin,
    ranked_peers,
    required_rounded_for_rank,
    required_total_for_rank,
    typed_value,
)

from ._pdf import Heading, ReportPDF, to_bytes
from ._unit import changes_table, summary_lines


@dataclass(frozen=True)
class Move:
    leaf_id: str
    name: str
    change: str
    points: float
    cost: float


def _summary_year(national: NationalData, year: int | None) -> int | None:
    """The published year with a summary to compare data of ``year`` with: that year, else the latest before it."""
    years = sorted(int(y) for y in set(national.summary.loc[national.summary["level"] == "province", "year"]))
    if not years:
        return None
    earlier = [y for y in years if year is None or y <= year]
    return earlier[-1] if earlier else years[0]


def national_lines(
    national: NationalData, province: str, index: float | None = None, lang: str = "vi", year: int | None = None
) -> list[str]:
    """Sentences on where the province stands among all provinces in the data's year (or the latest before it).

    With an index, the rank is the certain interval of :mod:`parindex.analysis` and the model's
    80 % interval and P(top 10) follow.
    """
    year = _summary_year(national, year)
    if year is None:
        return []
    summary = national.summary[(national.summary["year"] == year) & (national.summary["level"] == "province")].iloc[0]
    units = int(summary["units"])
    mean = float(summary["mean_pct"])
    lines = [
        t(
            "report.national_mean",
            lang,
            year=year,
            units=units,
            mean=format_pct(mean, lang=lang),
            top=summary["top"],
            top_pct=format_pct(float(summary["top_pct"]), lang=lang),
        )
    ]
    table = national.year_table(year)
    name = national_name(province)
    mine = table[table["province"] == name]
    published = not mine.empty and pd.notna(mine["par_index_pct"].iloc[0]) and pd.notna(mine["rank"].iloc[0])
    if index is not None and not math.isnan(index):
        ours = name if name in national.provinces_of(year) else None
        result = national_rank(year_facts(national, year, ours), float(index))
        best, worst = result.rank_min, result.rank_max
        low, high = result.likely
        lines.append(
            t(
                "report.national_assumed",
                lang,
                index=format_pct(float(index), lang=lang),
                province=name,
                rank=str(best) if best == worst else f"{best}–{worst}",
                units=units,
                versus=t("report.above" if index >= mean else "report.below", lang),
                gap=format_number(abs(float(index) - mean), 2, lang),
            )
        )
        lines.append(
            t(
                "report.national_model",
                lang,
                likely=str(low) if low == high else f"{low}–{high}",
                k=10,
                p=format_pct(100 * result.p_top(10), 1, lang),
            )
        )
    elif published:
        value = float(mine["par_index_pct"].iloc[0])
        lines.append(
            t(
                "report.national_published",
                lang,
                province=name,
                index=format_pct(value, lang=lang),
                rank=int(mine["rank"].iloc[0]),
                units=units,
                versus=t("report.above" if value >= mean else "report.below", lang),
                gap=format_number(abs(value - mean), 2, lang),
            )
        )
    else:
        lines.append(t("report.national_unknown", lang, province=name, year=year))
    source = str(summary["source"]) if pd.notna(summary["source"]) else "—"
    key = "report.national_partial" if national.is_partial(year) else "report.national_source"
    lines.append(t(key, lang, source=source))
    return lines


def gap_lines(scores: Scores, row: int, target_rank: int | None, lang: str = "vi") -> list[str]:
    """The unit's standing and what the target rank needs (index and points), or its margin if already there."""
    unit = nfc(str(scores.units["unit"][row]))
    first, _ = summary_lines(scores, row, lang)
    lines = [f"{unit}: {first}"]
    if ranked_peers(scores, row) < 2:  # scored alone: no rank within the province, so no rank target
        lines.append(t("report.gap_alone", lang))
        return lines
    if target_rank is None or math.isnan(scores.index[row]):
        return lines
    if 0 < int(scores.rank[row]) <= target_rank:
        lines.append(t("report.gap_met", lang, target=target_rank, margin=format_number(margin(scores, row), 2, lang)))
        return lines
    needed = required_rounded_for_rank(scores, row, target_rank)
    points = required_total_for_rank(scores, row, target_rank) - float(scores.total[row])
    lines.append(
        t(
            "report.gap_needed",
            lang,
            target=target_rank,
            needed=format_pct(needed or 0.0, lang=lang),
            points=format_number(max(points, 0.0), 2, lang),
        )
    )
    return lines


def cheapest_moves(
    scores: Scores,
    row: int,
    target_rank: int | None,
    costs: CostModel | None = None,
    count: int = 3,
    lang: str = "vi",
    target_index: float | None = None,
) -> tuple[list[Move], object | None]:
    """The ``count`` cheapest steps of the least-effort plan for the target (and the plan).

    ``target_index`` (a national goal's index) replaces the rank target. Without a target, or when the
    target is already met or cannot be reached, the moves are the options that give the most points per
    unit of effort, one per criterion.
    """
    costs = costs or CostModel()
    leaves = {leaf.id: (j, leaf) for j, leaf in enumerate(scores.compiled.leaves)}
    if target_index is not None:
        result = plan(scores, row, Target(index=float(target_index)), costs)
    else:
        result = plan(scores, row, Target(rank=int(target_rank)), costs) if target_rank else None
    if result is not None and result.reachable and result.steps:
        steps = sorted(result.steps, key=lambda s: (s.cost, -s.points, s.leaf_id))[:count]
        moves = [
            Move(s.leaf_id, leaves[s.leaf_id][1].label(lang), f"{s.from_text} → {s.to_text}", s.points, s.cost)
            for s in steps
        ]
        return moves, result
    candidates = []
    for leaf_id, options in unit_options(scores, row, costs).items():
        j, leaf = leaves[leaf_id]
        best = max(options, key=lambda o: (o.points / o.cost if o.cost > 0 else np.inf, o.points))
        now = typed_value(leaf, float(scores.values[row, j]))
        candidates.append(Move(leaf_id, leaf.label(lang), f"{now} → {best.text}", best.points, best.cost))
    candidates.sort(key=lambda m: (-(m.points / m.cost) if m.cost > 0 else -np.inf, -m.points, m.leaf_id))
    return candidates[:count], result


def _national_goal(national: NationalData, province: str, year: int):
    """Top 10 at 80 % for the heading's province in the data's year (or the latest before), if it is a real one."""
    from parindex.analysis import comparison_year
    from parindex.planning import national_goal

    published = comparison_year(national, year)
    name = national_name(province)
    if published is None or name not in national.provinces_of(published):
        return None
    return national_goal(national, published, 10, 0.8, name)


def brief_pdf(
    scores: Scores,
    row: int,
    year: int,
    heading: Heading,
    national: NationalData,
    lang: str = "vi",
    target_rank: int | None = None,
    costs: CostModel | None = None,
    national_index: float | None = None,
    estimated: int = 0,
) -> bytes:
    """The one-page brief as PDF bytes (raises PlanError for a bad target rank).

    ``estimated``: how many of the unit's values are a draft's blanks filled by the estimate rule
    (:mod:`parindex.rounds`); the brief then says its figures are a draft's estimate.
    """
    pdf = ReportPDF(lang, footer_note=t("report.note_sample", lang) if heading.sample else "")
    pdf.set_auto_page_break(False)  # one page by design; the content is bounded
    pdf.add_page()
    pdf.heading_block(heading, number=False)
    pdf.text_line(t("report.brief_title", lang, year=year), 12.5, "B", "C", 6.5)
    pdf.text_line(t("report.brief_for", lang, issuer=heading.issuer()), 10, "I", "C", 5.5)

    alone = ranked_peers(scores, row) < 2
    if alone:  # a province scoring itself: no rank among its units; its own index places it nationally
        target_rank = None
        if national_index is None and not math.isnan(scores.index[row]):
            national_index = round(float(scores.index[row]), 2)
    pdf.section(t("report.national", lang))
    for line in national_lines(national, heading.province, national_index, lang, year):
        pdf.text_line(line, 9.5, "", "L", 5)
    goal = _national_goal(national, heading.province, year) if alone else None
    if goal is not None:
        pdf.text_line(t("report.national_goal", lang, goal=goal.describe(lang)), 9.5, "B", "L", 5)

    pdf.section(t("report.gap", lang))
    first, *rest = gap_lines(scores, row, target_rank, lang)
    pdf.text_line(first, 10, "B", "L", 5.2)
    if estimated:
        leaves = scores.compiled.n_leaves
        pdf.text_line(t("report.draft_estimated", lang, blanks=estimated, leaves=leaves), 9.5, "I", "L", 5)
    for line in rest:
        pdf.text_line(line, 9.5, "", "L", 5)

    pdf.section(t("report.moves", lang))
    goal_index = goal.index if goal is not None else None
    moves, result = cheapest_moves(scores, row, target_rank, costs, lang=lang, target_index=goal_index)
    if not moves:
        pdf.text_line(t("report.no_moves", lang), 9.5, "I")
    else:
        if result is not None and result.reachable and result.steps and goal_index is not None:
            pdf.text_line(result.summary(lang), 9, "I", "L", 4.6)
        elif result is not None and result.reachable and result.steps:
            pdf.text_line(
                t("report.moves_hint", lang, target=target_rank, summary=result.summary(lang)), 9, "I", "L", 4.6
            )
        else:
            if result is not None:
                pdf.text_line(result.summary(lang), 9, "I", "L", 4.6)
            pdf.text_line(t("report.moves_best", lang), 9, "I", "L", 4.6)
        pdf.ln(1)
        changes_table(pdf, [(m.leaf_id, m.name, m.change, m.points, m.cost) for m in moves], lang, size=8.5)
    return to_bytes(pdf)
