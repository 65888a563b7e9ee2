"""``python -m parindex national-rank``: a province's national rank from everything published for a year."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from parindex.i18n import format_pct, t


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=int, required=True, help="published year (e.g. 2023)")
    parser.add_argument("--index", type=float, required=True, help="our province's index, %% (0–100)")
    parser.add_argument("--province", help="we are this province: its own published row is left out")
    parser.add_argument("--table", type=Path, help="the year's full (or partial) table, .csv or .xlsx")
    parser.add_argument("--top", type=int, default=10, help="K in P(top K) (default 10)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")


def cmd_national_rank(args: argparse.Namespace, lang: str) -> int:
    from parindex.analysis import check_request, load_national, rank_for, read_results
    from parindex.config import load_settings
    from parindex.errors import InputError, Problem
    from parindex.inputs import MAX_TABLE_BYTES, read_limited

    national = load_national(load_settings().data_dir / "national")
    table = None
    if args.table is not None:
        try:
            data = read_limited(args.table, MAX_TABLE_BYTES)  # a results table: the upload's limit, checked as read
        except OSError as error:
            problem = Problem("cannot_read", {"detail": error.strerror or str(error)}, file=str(args.table))
            raise InputError([problem]) from None
        table = read_results(data, args.table.name, args.year)
    check_request(national, args.year, args.index, args.province, table, args.top)
    result = rank_for(national, args.year, args.index, args.province, table)
    if args.json:
        print(json.dumps(result.as_dict(args.top), ensure_ascii=False))
        return 0
    low, high = result.likely
    own = t("national.as_province", lang, province=args.province) if args.province else ""
    print(
        t(
            "national.head",
            lang,
            year=args.year,
            index=format_pct(args.index, lang=lang),
            units=result.units,
            province=own,
        )
    )
    if result.rank_min == result.rank_max:
        print(t("national.certain_exact", lang, rank=result.rank_min))
    else:
        print(t("national.certain", lang, low=result.rank_min, high=result.rank_max))
    print(t("national.likely", lang, low=low, high=high, mode=result.most_likely))
    print(t("national.p_top", lang, k=args.top, p=format_pct(100 * result.p_top(args.top), 1, lang)))
    if result.relaxed:
        print(t("national.relaxed", lang))
    return 0


def read_own_figures(rules: Path, data: Path):
    """Scores and table of a values file whose blank cells are allowed (blank leaves score as not applicable
    here; :func:`national_plan` estimates them instead)."""
    from parindex.scoring import load_compiled, read_values, score_table

    compiled = load_compiled(rules)
    table = read_values(data, compiled, allow_blanks=True)
    return score_table(compiled, table), table


def national_plan(args: argparse.Namespace, scores, table, row: int, costs, lang: str):
    """``plan --national-top K``: print the national goal, return the plan to its index (None: no index will do)
    and the leaves whose blanks were estimated.

    A unit with blank cells is planned from its draft: each blank at the value the estimate rule gives
    (:func:`parindex.planning.province_draft`), said before the plan and marked on its steps.
    """
    from parindex.analysis import load_national
    from parindex.config import load_settings
    from parindex.planning import plan_national, province_draft
    from parindex.reports import data_year
    from parindex.scoring import typed_value

    national = load_national(load_settings().data_dir / "national")
    year = args.national_year or data_year(scores.units)
    estimated: frozenset[str] = frozenset()
    leaves = scores.compiled.n_leaves
    if table.blank[row, :leaves].any():
        columns = scores.compiled.columns
        entries = {
            leaf.id: "" if table.blank[row, j] else typed_value(leaf, float(table.values[row, j]))
            for j, leaf in enumerate(columns)
        }
        draft = province_draft(scores.compiled, args.unit, entries, national, year, province=args.province)
        found = draft.result
        print(
            t(
                "cli.plan_draft",
                lang,
                blanks=len(found.blanks),
                leaves=leaves,
                low=format_pct(found.low, lang=lang),
                high=format_pct(found.high, lang=lang),
                index=format_pct(float(draft.scores.index[0]), lang=lang),
            )
        )
        scores, row, estimated = draft.scores, 0, frozenset(draft.estimated)
    goal, result = plan_national(
        scores, row, national, year, args.national_top, args.confidence, args.province, costs, args.budget
    )
    print(goal.describe(lang))
    return result, estimated
