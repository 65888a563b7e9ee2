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

    national = load_national(load_settings().data_dir / "national")
    table = None
    if args.table is not None:
        try:
            data = args.table.read_bytes()
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


def national_plan(args: argparse.Namespace, scores, row: int, costs, lang: str):
    """``plan --national-top K``: print the national goal, return the plan to its index (None: no index will do)."""
    from parindex.analysis import load_national
    from parindex.config import load_settings
    from parindex.planning import plan_national
    from parindex.reports import data_year

    national = load_national(load_settings().data_dir / "national")
    year = args.national_year or data_year(scores.units)
    goal, result = plan_national(
        scores, row, national, year, args.national_top, args.confidence, args.province, costs, args.budget
    )
    print(goal.describe(lang))
    return result
