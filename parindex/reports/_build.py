"""One entry point for every report, shared by the command line and the app: what to build from what.

:class:`ReportInput` is the already-loaded data (scores, the values as typed, the year, whether it is
sample data, and — for a scoring round — the unit's appraisal notes and evidence); :func:`build_report`
turns a :class:`ReportRequest` into bytes. Loading from files or from a round is done by the two small
``input_from_*`` functions, so whoever controls access to the data wraps only them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from sqlalchemy.orm import Session

from parindex.accounts import Actor
from parindex.analysis import NationalData
from parindex.errors import InputError, Problem
from parindex.files import values_by_unit
from parindex.planning import CostModel
from parindex.scoring import Scores

from ._pdf import Heading

MIME = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@dataclass(frozen=True)
class ReportInput:
    scores: Scores
    raw: pd.DataFrame | None  # the values as typed, with unit and unit_type (``export.values_by_unit``)
    year: int
    sample: bool = False
    notes: dict[str, pd.DataFrame] = field(default_factory=dict)  # by unit name, from a round
    evidence: dict[str, pd.DataFrame] = field(default_factory=dict)
    from_round: bool = False


@dataclass(frozen=True)
class ReportRequest:
    kind: str  # annex | unit | brief
    fmt: str = "pdf"  # pdf | xlsx | docx (annex only)
    unit: str | None = None
    target_rank: int | None = None
    year: int | None = None  # printed year; default the data's
    national_index: float | None = None
    lang: str = "vi"


def data_year(units: pd.DataFrame, default: int | None = None) -> int:
    """The year the values file names (a ``year`` column), else ``default``, else this year."""
    if "year" in units:
        years = pd.to_numeric(units["year"], errors="coerce").dropna()
        if not years.empty:
            return int(years.mode().iloc[0])
    return default or dt.date.today().year


def input_from_files(rules: Path, data: Path, sample_dir: Path | None = None) -> ReportInput:
    """Score a criteria-set file and a values file (raises InputError); sample if the file lies in ``sample_dir``."""
    from parindex.scoring import score_files

    scores, table = score_files(rules, data)
    sample = sample_dir is not None and Path(sample_dir).resolve() in Path(data).resolve().parents
    return ReportInput(scores=scores, raw=values_by_unit(table), year=data_year(table.units), sample=sample)


def input_from_round(
    session: Session, year: int, actor: Actor, set_id: str | None = None, unit: str | None = None
) -> ReportInput:
    """The round of ``year``: its effective values scored with its frozen set, and ``unit``'s notes and evidence."""
    from parindex.rounds import SEED_USER, round_set, round_values
    from parindex.scoring import score_table

    from ._data import find_round, find_unit, round_evidence, round_notes

    round_ = find_round(session, year, set_id, unit)
    if round_ is None:
        raise InputError([Problem("report_no_round", {"year": year})])
    compiled = round_set(round_)
    table = round_values(session, round_, actor, compiled)
    scores = score_table(compiled, table)
    notes, evidence = {}, {}
    if unit:
        found = find_unit(session, unit)
        if found is not None:
            order = list(compiled.column_ids)
            notes[unit] = round_notes(session, round_, found, actor, order)
            evidence[unit] = round_evidence(session, round_, found, actor, order)
    return ReportInput(
        scores=scores,
        raw=values_by_unit(table),
        year=round_.year,
        sample=round_.opened_by == SEED_USER,
        notes=notes,
        evidence=evidence,
        from_round=True,
    )


def file_name(request: ReportRequest, year: int) -> str:
    """A download name such as ``phu-luc-2026.xlsx`` or ``bao-cao-so-tu-phap-2026.pdf``."""
    from parindex.criteria import fold

    stem = {"annex": "phu-luc", "unit": "bao-cao", "brief": "tom-tat"}[request.kind]
    if request.unit and request.kind != "annex":
        slug = "".join(ch if ch.isalnum() else "-" for ch in fold(request.unit)).strip("-")
        stem += "-" + "-".join(part for part in slug.split("-") if part)
    return f"{stem}-{request.year or year}.{request.fmt}"


def build_report(
    request: ReportRequest,
    data: ReportInput,
    heading: Heading | None = None,
    national: NationalData | None = None,
    costs: CostModel | None = None,
) -> bytes:
    """The report's bytes. ``heading`` defaults to ``config.yaml``'s; the brief reads ``data/national`` by default.

    Raises KeyError for a unit not in the data, PlanError for a bad target rank.
    """
    from dataclasses import replace

    if heading is None:
        from parindex.config import load_settings

        heading = Heading.from_settings(load_settings())
    heading = replace(heading, sample=heading.sample or data.sample)
    year = request.year or data.year
    lang = request.lang
    if request.kind == "annex":
        if request.fmt == "docx":
            from ._annex_docx import annex_docx

            return annex_docx(data.scores, year, heading, lang)
        from ._annex import annex_pdf, annex_xlsx

        build = annex_xlsx if request.fmt == "xlsx" else annex_pdf
        return build(data.scores, year, heading, lang)
    row = data.scores.row_of(request.unit or "")
    if request.kind == "unit":
        from ._unit import unit_pdf

        return unit_pdf(
            data.scores,
            row,
            year,
            heading,
            lang,
            raw=data.raw,
            notes=data.notes.get(request.unit) if data.from_round else None,
            evidence=data.evidence.get(request.unit) if data.from_round else None,
            target_rank=request.target_rank,
            costs=costs,
        )
    from ._brief import brief_pdf

    if national is None:
        from parindex.analysis import load_national
        from parindex.config import load_settings

        national = load_national(load_settings().data_dir / "national")
    return brief_pdf(
        data.scores,
        row,
        year,
        heading,
        national,
        lang,
        target_rank=request.target_rank,
        costs=costs,
        national_index=request.national_index,
    )
