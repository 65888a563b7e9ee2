"""The report sent to each unit: where it stands, where it lost points and why, and what to do next year.

Two to four A4 pages: index, rank and grade; a field chart against the mean and the best of its type;
the sub-criteria where points were lost, with the value entered and the rule (:mod:`parindex.scoring`);
the appraisers' notes and the evidence list when the figures come from a scoring round (passed in as
frames, see :mod:`parindex.reports`); and the planner's least-effort plan for next year's target
(:func:`parindex.planning.plan`), the other units keeping this year's results.
"""

from __future__ import annotations

import math

import pandas as pd

from parindex.i18n import format_date, format_number, format_pct, nfc, t
from parindex.planning import CostModel, PlanError, Target, plan
from parindex.scoring import Scores, biggest_losses, explain, field_comparison, peers_of

from ._charts import field_chart
from ._pdf import Heading, ReportPDF, to_bytes

MAX_LOSSES = 20  # keeps the report within four pages; the heading says how many more there are
MAX_NOTES = 25
MAX_EVIDENCE = 25
NOTE_STAGES = {
    "appraisal1_note": "report.stage_appraisal1",
    "appraisal2_note": "report.stage_appraisal2",
    "explanation_request": "report.stage_request",
    "explanation_answer": "report.stage_answer",
}


def _clip(text: object, limit: int = 300) -> str:
    text = nfc("" if text is None or (isinstance(text, float) and math.isnan(text)) else str(text)).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def summary_lines(scores: Scores, row: int, lang: str = "vi") -> list[str]:
    """The two lines under "Kết quả chung", numbers formatted as the app shows them."""
    count = (
        len(peers_of(scores, row))
        if not math.isnan(scores.index[row])
        else int((scores.units["unit_type"] == scores.units["unit_type"][row]).sum())
    )
    rank = int(scores.rank[row])
    return [
        t(
            "report.summary_line",
            lang,
            index=format_pct(float(scores.index[row]), lang=lang),
            rank=rank if rank > 0 else "—",
            count=count,
            grade=scores.grade(row, lang) or "—",
        ),
        t(
            "report.summary_points",
            lang,
            total=format_number(float(scores.total[row]), 2, lang),
            max=format_number(float(scores.max_applicable[row]), lang=lang),
            appraisal=format_number(float(scores.appraisal[row]), 2, lang),
            survey=format_number(float(scores.survey[row]), 2, lang),
            bonus=format_number(float(scores.bonus[row]), 2, lang),
            penalty=format_number(float(scores.penalty[row]), 2, lang),
        ),
    ]


def unit_plan(scores: Scores, row: int, target_rank: int | None, costs: CostModel | None = None):
    """The least-effort plan for ``target_rank`` (None without a target)."""
    if target_rank is None:
        return None
    return plan(scores, row, Target(rank=int(target_rank)), costs or CostModel())


def unit_pdf(
    scores: Scores,
    row: int,
    year: int,
    heading: Heading,
    lang: str = "vi",
    raw: pd.DataFrame | None = None,
    notes: pd.DataFrame | None = None,
    evidence: pd.DataFrame | None = None,
    target_rank: int | None = None,
    costs: CostModel | None = None,
) -> bytes:
    """The unit's report as PDF bytes.

    ``raw`` holds the values as typed (rows aligned with ``scores``); ``notes`` (columns leaf_id, stage,
    note) and ``evidence`` (leaf_id, number, issued_on, issuer, description) come from a scoring round —
    None means the figures are not from a round and the report says so. Raises PlanError for a bad
    target rank.
    """
    unit = nfc(str(scores.units["unit"][row]))
    result = unit_plan(scores, row, target_rank, costs)
    pdf = ReportPDF(lang, footer_note=t("report.note_sample", lang) if heading.sample else unit)
    pdf.add_page()
    pdf.heading_block(heading, number=False)
    pdf.text_line(t("report.unit_title", lang, year=year), 12.5, "B", "C", 6.5)
    pdf.text_line(t("report.unit_of", lang, unit=unit), 11.5, "B", "C", 6)
    pdf.text_line(
        t("report.annex_of", lang, number=heading.number_text(), date=heading.date_text(lang), issuer=heading.issuer()),
        9,
        "I",
        "C",
        5,
    )
    pdf.text_line(scores.compiled.criteria_set.label(lang), 9, "I", "C", 5)

    pdf.section(t("report.summary", lang))
    first, second = summary_lines(scores, row, lang)
    pdf.text_line(first, 11, "B")
    pdf.text_line(second, 9.5)

    pdf.section(t("report.fields", lang))
    fields = field_comparison(scores, row, lang)
    pdf.text_line(t("report.fields_hint", lang, count=len(peers_of(scores, row))), 9, "I")
    pdf.image_png(field_chart(scores, row, lang), width=150)
    pdf.grid(
        [
            t("report.col_field_long", lang, id="").strip(),
            t("report.col_points", lang),
            t("report.col_max", lang),
            t("report.col_mean", lang),
            t("report.col_best", lang),
        ],
        [
            [
                f"{r.field_id}. {r.field}",
                format_number(r.points, 2, lang),
                format_number(r.max, lang=lang),
                format_number(r.mean, 2, lang),
                format_number(r.best, 2, lang),
            ]
            for r in fields.itertuples()
        ],
        [52, 12, 12, 12, 12],
        ["L", "R", "R", "R", "R"],
        size=8.5,
    )

    pdf.section(t("report.losses", lang))
    everything = explain(scores, row, raw, lang)
    lost = everything[everything["lost"] > 1e-9]
    losses = biggest_losses(scores, row, raw, lang, top=MAX_LOSSES)
    if losses.empty:
        pdf.text_line(t("report.no_losses", lang), 9.5)
    else:
        pdf.text_line(
            t(
                "report.losses_hint",
                lang,
                count=len(lost),
                lost=format_number(float(lost["lost"].sum()), 2, lang),
                shown=len(losses),
            ),
            9,
            "I",
        )
        shown_value = losses["raw"] if raw is not None else losses["applied"]
        pdf.grid(
            [
                t("report.col_id", lang),
                t("report.col_criterion", lang),
                t("report.col_value", lang),
                t("report.col_points", lang),
                t("report.col_lost", lang),
                t("report.col_rule", lang),
            ],
            [
                [
                    r.id,
                    _clip(r.name, 160),
                    _clip(v, 40),
                    f"{format_number(r.points, 2, lang)}/{format_number(r.max, lang=lang)}",
                    format_number(r.lost, 2, lang),
                    _clip(r.rule, 220),
                ]
                for r, v in zip(losses.itertuples(), shown_value, strict=True)
            ],
            [7, 34, 11, 10, 7, 31],
            ["C", "L", "C", "R", "R", "L"],
            size=7.5,
        )

    pdf.section(t("report.appraisal", lang))
    if notes is None and evidence is None:
        pdf.text_line(t("report.no_round", lang), 9.5, "I")
    else:
        _notes_and_evidence(pdf, notes, evidence, lang)

    pdf.section(t("report.plan", lang))
    if result is None:
        pdf.text_line(t("report.plan_none", lang), 9.5, "I")
    else:
        pdf.text_line(result.summary(lang), 10, "B")
        pdf.text_line(t("report.plan_hint", lang) + " " + t("plan.extras_not_planned", lang), 8.5, "I")
        if result.steps:
            _steps_table(pdf, result, lang)
    return to_bytes(pdf)


CHANGE_COLUMNS = ("report.col_id", "report.col_criterion", "report.col_change", "report.col_gain", "report.col_effort")


def _steps_table(pdf: ReportPDF, result, lang: str, limit: int | None = None) -> None:
    steps = list(result.steps)[:limit] if limit else list(result.steps)
    changes = [(s.leaf_id, _clip(s.name, 180), f"{s.from_text} → {s.to_text}", s.points, s.cost) for s in steps]
    changes_table(pdf, changes, lang, size=8)


def changes_table(pdf: ReportPDF, changes: list[tuple[str, str, str, float, float]], lang: str, size: float) -> None:
    """The changes a plan asks for, one row each: leaf id, criterion, change, points gained, effort.

    The unit report and the brief print the same table, so a reader meets one layout.
    """
    pdf.grid(
        [t(key, lang) for key in CHANGE_COLUMNS],
        [
            [leaf_id, name, change, format_number(points, 2, lang), format_number(cost, lang=lang)]
            for leaf_id, name, change, points, cost in changes
        ],
        [8, 50, 22, 10, 10],
        ["C", "L", "C", "R", "R"],
        size=size,
    )


def _notes_and_evidence(pdf: ReportPDF, notes: pd.DataFrame | None, evidence: pd.DataFrame | None, lang: str) -> None:
    pdf.subheading(t("report.notes_title", lang))
    if notes is None or notes.empty:
        pdf.text_line(t("report.no_notes", lang), 9, "I")
    else:
        rows = [
            [str(r.leaf_id), t(NOTE_STAGES.get(r.stage, "report.stage_appraisal1"), lang), _clip(r.note, 400)]
            for r in notes.head(MAX_NOTES).itertuples()
        ]
        pdf.grid(
            [t("report.col_id", lang), t("report.col_stage", lang), t("report.col_note", lang)],
            rows,
            [8, 20, 72],
            ["C", "L", "L"],
            size=8,
        )
    pdf.ln(1)
    pdf.subheading(t("report.evidence_title", lang))
    if evidence is None or evidence.empty:
        pdf.text_line(t("report.no_evidence", lang), 9, "I")
        return
    rows = []
    for r in evidence.head(MAX_EVIDENCE).itertuples():
        issued = r.issued_on
        date = format_date(issued, lang) if hasattr(issued, "strftime") and not pd.isna(issued) else ""
        number = ", ".join(x for x in (_clip(r.number, 60), date) if x)
        rows.append([str(r.leaf_id), number or "—", _clip(r.issuer, 80) or "—", _clip(r.description, 300) or "—"])
    pdf.grid(
        [
            t("report.col_id", lang),
            t("report.col_doc", lang),
            t("report.col_issuer", lang),
            t("report.col_summary", lang),
        ],
        rows,
        [8, 22, 25, 45],
        ["C", "L", "L", "L"],
        size=8,
    )


__all__ = ["PlanError", "summary_lines", "unit_pdf", "unit_plan"]
