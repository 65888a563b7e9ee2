"""Command line: ``python -m parindex validate|score|explain|whatif|plan|report|uncertainty|national-rank|criteria|db|…``.

Exit codes: 0 success, 3 a plan's target cannot be reached, 2 a problem with the user's input (every problem printed as
``FILE:LINE: …`` or ``FILE: row R, column C: …``), 1 an unexpected failure. No traceback is
printed for bad input, and no output file is half-written.
"""

from __future__ import annotations

import argparse
import difflib
import math
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from parindex.accounts import Actor
from parindex.criteria import load_criteria_set
from parindex.errors import InputError, ParindexError, Problem
from parindex.files import neutralise_frame, table_bytes, values_by_unit, write_output
from parindex.i18n import DEFAULT_LANGUAGE, LANGUAGES, format_number, format_pct, t
from parindex.planning import Scenario, apply
from parindex.scoring import explain, ranked_peers, score_files, with_headings

from ._common import EXIT_INPUT, EXIT_OK, EXIT_UNREACHABLE, open_engine, print_plan
from ._help import LocalisedParser, language_of, localise
from ._national import add_arguments as add_national_arguments
from ._national import cmd_national_rank
from ._users import add_arguments as add_user_arguments
from ._users import cmd_users


def build_parser() -> argparse.ArgumentParser:
    # --lang is accepted before or after the command: `parindex --lang en validate F` or `parindex validate F --lang en`.
    language = argparse.ArgumentParser(add_help=False)
    language.add_argument(
        "--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help="language of messages (vi or en); default vi"
    )
    parser = LocalisedParser(
        prog="parindex", description="PAR Index: criteria sets, scoring and ranking.", parents=[language]
    )
    commands = parser.add_subparsers(dest="command", required=True)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=help_text, parents=[language])

    validate = command("validate", "check a criteria-set YAML file")
    validate.add_argument("files", nargs="+", type=Path)

    score = command("score", "score and rank every unit of a values file, or of a year's scoring round")
    score.add_argument("--rules", type=Path, help="criteria-set YAML file (with --data; with --round-year: the set)")
    score.add_argument("--data", type=Path, help="values file (.csv or .xlsx)")
    score.add_argument("--round-year", type=int, help="score that year's scoring round in the database instead")
    score.add_argument("--out", type=Path, help="write .csv, .xlsx or .json instead of CSV to stdout")

    explain_cmd = command("explain", "leaf-by-leaf explanation for one unit")
    _rules_and_data(explain_cmd)
    explain_cmd.add_argument("--unit", required=True)

    whatif = command("whatif", "re-score everyone after changing raw values of one unit")
    _rules_and_data(whatif)
    whatif.add_argument("--unit", required=True)
    whatif.add_argument(
        "--set",
        dest="changes",
        action="append",
        default=[],
        metavar="LEAF=VALUE",
        help="a new raw value, typed as in a values file; repeat for several leaves",
    )

    plan_cmd = command("plan", "least-effort plan for a unit to reach a rank (HiGHS mixed-integer program)")
    _rules_and_data(plan_cmd)
    plan_cmd.add_argument("--unit", required=True)
    goal = plan_cmd.add_mutually_exclusive_group(required=True)
    goal.add_argument("--target-rank", type=int, help="rank within the province's units")
    goal.add_argument("--national-top", type=int, metavar="K", help="stay in the top K provinces nationally")
    plan_cmd.add_argument("--confidence", type=float, default=0.8, help="with --national-top: P(top K) at least this")
    plan_cmd.add_argument("--national-year", type=int, help="with --national-top: published year (default: the data's)")
    plan_cmd.add_argument("--province", help="with --national-top: we are this province (default: the unit's name)")
    plan_cmd.add_argument("--costs", type=Path, help="effort costs YAML (see indicators/README.md)")
    plan_cmd.add_argument("--budget", type=float, help="maximum total effort")

    report_cmd = command(
        "report", "build the decision's annex (.pdf/.xlsx/.docx), a unit report or the leader's brief (.pdf)"
    )
    report_cmd.add_argument("kind", choices=["annex", "unit", "brief"])
    report_cmd.add_argument("--rules", type=Path, help="criteria-set YAML file (with --data)")
    report_cmd.add_argument("--data", type=Path, help="values file (.csv or .xlsx)")
    report_cmd.add_argument("--round-year", type=int, help="read the values of that year's scoring round instead")
    report_cmd.add_argument("--year", type=int, help="year printed on the report (default: from the data)")
    report_cmd.add_argument("--unit", help="the unit (unit report and brief)")
    report_cmd.add_argument("--target-rank", type=int, help="target rank for the plan (unit report, brief)")
    report_cmd.add_argument("--costs", type=Path, help="effort costs YAML (see indicators/README.md)")
    report_cmd.add_argument(
        "--national-index", type=float, help="brief: the province's own index, to place it nationally"
    )
    report_cmd.add_argument(
        "--out", type=Path, required=True, help="output file: .pdf (any report), .xlsx or .docx (annex)"
    )
    uncertainty_cmd = command("uncertainty", "Monte Carlo rank uncertainty: median rank, 5-95 %% ranks, P(top K)")
    _rules_and_data(uncertainty_cmd)
    uncertainty_cmd.add_argument("--runs", type=int, default=1000, help="replications (default 1000)")
    uncertainty_cmd.add_argument("--seed", type=int, default=0, help="random seed: the same seed gives the same output")
    uncertainty_cmd.add_argument("--top", type=int, default=10, help="K in P(top K) (default 10)")
    uncertainty_cmd.add_argument("--respondents", type=int, default=30, help="survey respondents where unknown")
    uncertainty_cmd.add_argument("--weight-spread", type=float, default=0.0, help="field weights ± this %% (e.g. 25)")
    uncertainty_cmd.add_argument("--sensitivity", action="store_true", help="also print which source moves ranks most")

    criteria = command("criteria", "criteria sets from a decision's appendix: import, diff, export")
    actions = criteria.add_subparsers(dest="criteria_command", required=True)
    imported = actions.add_parser(
        "import", help="read a decision's appendix table (.xlsx/.docx) into a criteria set", parents=[language]
    )
    imported.add_argument("file", type=Path)
    imported.add_argument("--out", type=Path, required=True, help="criteria-set YAML to write")
    imported.add_argument("--id", help="set id (default: from the file name)")
    imported.add_argument("--name", help="set name")
    imported.add_argument("--decision", help="the decision, e.g. 'QĐ 123/QĐ-UBND tỉnh X'")
    imported.add_argument("--year", type=int, action="append", default=[], help="a year the set applies to; repeat")
    imported.add_argument("--unit-type", action="append", default=[], help="unit type scored (so, xa, tinh…); repeat")
    compared = actions.add_parser("diff", help="compare two criteria sets (year N and N+1)", parents=[language])
    compared.add_argument("before", type=Path)
    compared.add_argument("after", type=Path)
    exported = actions.add_parser("export", help="write a criteria set as the decision's appendix", parents=[language])
    exported.add_argument("set", type=Path)
    exported.add_argument("--out", type=Path, required=True, help=".docx or .xlsx")

    database = command("db", "create or migrate the database")
    database.add_argument("action", choices=["upgrade"])
    database.add_argument("--seed", action="store_true", help="fill an empty database with the sample rounds")
    backup_cmd = command("backup", "copy the SQLite database to a file (PostgreSQL: pg_dump, see README)")
    backup_cmd.add_argument("--to", dest="target", type=Path, required=True)
    restore_cmd = command("restore", "replace the SQLite database with a backup file")
    restore_cmd.add_argument("--from", dest="source", type=Path, required=True)

    add_national_arguments(
        command("national-rank", "national rank of a province's index: certain and 80 %% intervals, P(top K)")
    )
    add_user_arguments(command("users", "accounts: add, list, passwd, disable, enable (see README)"))

    sample = command("sample", "(re)generate the sample data from its seed")
    sample.add_argument("--indicators", type=Path, default=Path("indicators"))
    sample.add_argument("--out", type=Path, default=Path("data/sample"))
    sample.add_argument("--seed", type=int, default=2025)
    return parser


def _rules_and_data(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rules", required=True, type=Path, help="criteria-set YAML file")
    parser.add_argument("--data", required=True, type=Path, help="values file (.csv or .xlsx)")


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    args = localise(build_parser(), language_of(arguments)).parse_args(arguments)
    lang = getattr(args, "lang", None) or os.environ.get("PARINDEX_LANG", DEFAULT_LANGUAGE)
    try:
        return COMMANDS[args.command](args, lang)
    except ParindexError as error:  # the one place a refusal of any command is said: its sentence, exit code 2
        print(error.message(lang), file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:
        return EXIT_OK
    except OSError as error:  # a file or folder named on the command line that cannot be used: say which, no traceback
        where = error.filename or ""
        detail = error.strerror or str(error)
        print(t("cli.file_error", lang, file=where, detail=detail), file=sys.stderr)
        return EXIT_INPUT


def cmd_validate(args: argparse.Namespace, lang: str) -> int:
    problems = []
    for path in args.files:
        try:
            cs = load_criteria_set(path)
        except InputError as error:
            problems.extend(error.problems)
            continue
        print(
            t(
                "cli.validate_ok",
                lang,
                file=str(path),
                id=cs.id,
                fields=len(cs.fields),
                criteria=len(cs.criteria),
                sub_criteria=cs.sub_criteria_count,
                leaves=len(cs.leaves),
                max=format_number(cs.max_points, lang=lang),
                survey=format_number(cs.survey_max, lang=lang),
            )
        )
        for field in cs.fields:
            print(f"  {field.id:>4}  {format_number(field.max, lang=lang):>6}  {field.label(lang)}")
    if problems:
        raise InputError(problems)
    return EXIT_OK


def _known_unit(scores, unit: str, lang: str) -> bool:
    """True if the data has ``unit``; otherwise say so, with the closest names."""
    names = scores.units["unit"].tolist()
    if unit in names:
        return True
    close = difflib.get_close_matches(unit, names, n=3, cutoff=0.5)
    print(t("cli.unit_not_found", lang, unit=unit, close=", ".join(close) or "—"), file=sys.stderr)
    return False


def _round_input(args: argparse.Namespace, unit: str | None = None):
    """The round of ``--round-year`` (of the set in ``--rules``, when given), read with the operator's rights."""
    from parindex import db
    from parindex.reports import input_from_round

    set_id = load_criteria_set(args.rules).id if args.rules else None
    engine, _ = open_engine()
    with db.sessions(engine)() as session:
        return input_from_round(session, args.round_year, Actor.operator(), set_id, unit)


def cmd_score(args: argparse.Namespace, lang: str) -> int:
    if args.round_year is not None:
        scores = _round_input(args).scores
    elif args.rules is not None and args.data is not None:
        scores, _ = score_files(args.rules, args.data)
    else:
        raise InputError([Problem("report_needs_data")])
    table = scores.table(lang)
    headed = with_headings(table, scores.compiled, lang)  # words for people; JSON, read by programs, keeps codes
    if args.out is None:
        sys.stdout.write(neutralise_frame(headed).to_csv(index=False))  # often redirected into a .csv
        return EXIT_OK
    suffix = args.out.suffix
    write_output(args.out, table_bytes(table if suffix.lower() == ".json" else headed, suffix))
    print(t("cli.written", lang, file=str(args.out), units=len(table)), file=sys.stderr)
    return EXIT_OK


def cmd_explain(args: argparse.Namespace, lang: str) -> int:
    scores, table = score_files(args.rules, args.data)
    if not _known_unit(scores, args.unit, lang):
        return EXIT_INPUT
    row = scores.row_of(args.unit)
    detail = explain(scores, row, values_by_unit(table), lang)
    print(
        t(
            "cli.explain_head",
            lang,
            unit=args.unit,
            index=format_pct(float(scores.index[row]), lang=lang),
            total=format_number(float(scores.total[row]), 4, lang),
            max=format_number(float(scores.max_applicable[row]), lang=lang),
            rank=int(scores.rank[row]),
            count=int((scores.units["unit_type"] == scores.units["unit_type"][row]).sum()),
            grade=scores.grade(row, lang) or "—",
        )
    )
    print(
        t(
            "cli.explain_parts",
            lang,
            appraisal=format_number(float(scores.appraisal[row]), 4, lang),
            survey=format_number(float(scores.survey[row]), 4, lang),
            bonus=format_number(float(scores.bonus[row]), 4, lang),
            penalty=format_number(float(scores.penalty[row]), 4, lang),
        )
    )
    shown = detail.assign(
        points=detail["points"].map(lambda v: format_number(v, 4, lang)),
        max=detail["max"].map(lambda v: format_number(v, lang=lang)),
        lost=detail["lost"].map(lambda v: format_number(v, 4, lang)),
    )
    headers = {k: t(f"col.{k}", lang) for k in ("id", "name", "raw", "applied", "points", "max", "lost", "rule")}
    with pd.option_context("display.max_rows", None, "display.max_colwidth", 60, "display.width", 250):
        print(shown[list(headers)].rename(columns=headers).to_string(index=False))
    return EXIT_OK


def cmd_whatif(args: argparse.Namespace, lang: str) -> int:
    before, _ = score_files(args.rules, args.data)
    if not _known_unit(before, args.unit, lang):
        return EXIT_INPUT
    changes: dict[str, str] = {}
    for item in args.changes:
        leaf_id, sep, value = item.partition("=")
        if not sep or not leaf_id.strip():
            raise InputError([Problem("scenario_set_syntax", {"value": item})])
        changes[leaf_id.strip()] = value.strip()
    after = apply(before, Scenario({args.unit: changes}))
    row = before.row_of(args.unit)
    peers = int((before.units["unit_type"] == before.units["unit_type"][row]).sum())
    for label, result in ((t("cli.before", lang), before), (t("cli.after", lang), after)):
        print(
            t(
                "cli.whatif_line",
                lang,
                label=label,
                total=format_number(float(result.total[row]), 4, lang),
                index=format_pct(float(result.index[row]), lang=lang),
                rank=int(result.rank[row]),
                count=peers,
                grade=result.grade(row, lang) or "—",
            )
        )
    return EXIT_OK


def _bad_number(checks: list[tuple[str, float | None, str]], lang: str) -> bool:
    """Print the first option whose number breaks its rule (``non_negative``, ``percent``, ``positive_whole``).

    argparse takes ``nan``, ``inf`` and negative numbers as floats; none of them is a budget or an index.
    """
    for option, value, rule in checks:
        if value is None:
            continue
        ok = (
            math.isfinite(value)
            and {"non_negative": value >= 0, "percent": 0 <= value <= 100, "positive_whole": value >= 1}[rule]
        )
        if not ok:
            shown = t(f"cli.rule_{rule}", lang)
            print(t("cli.bad_number_option", lang, option=option, value=f"{value:g}", rule=shown), file=sys.stderr)
            return True
    return False


def cmd_plan(args: argparse.Namespace, lang: str) -> int:
    from parindex.planning import CostModel, Target, load_costs, plan

    if _bad_number(
        [("--target-rank", args.target_rank, "positive_whole"), ("--budget", args.budget, "non_negative")], lang
    ):
        return EXIT_INPUT
    national = args.national_top is not None
    if national:  # the unit's own figures, blanks allowed: they are estimated (a province's partial draft)
        from ._national import national_plan, read_own_figures

        scores, table = read_own_figures(args.rules, args.data)
    else:
        scores, table = score_files(args.rules, args.data)
    if not _known_unit(scores, args.unit, lang):
        return EXIT_INPUT
    costs = load_costs(args.costs, scores.compiled) if args.costs else CostModel()
    row = scores.row_of(args.unit)
    estimated: frozenset[str] = frozenset()
    if national:
        result, estimated = national_plan(args, scores, table, row, costs, lang)
        if result is None:
            return EXIT_UNREACHABLE
    elif ranked_peers(scores, row) < 2:
        print(t("plan.unit_alone", lang, unit=args.unit), file=sys.stderr)
        return EXIT_INPUT
    else:
        result = plan(scores, row, Target(rank=args.target_rank), costs, budget=args.budget)
    return print_plan(result, lang, estimated)


def cmd_uncertainty(args: argparse.Namespace, lang: str) -> int:
    from parindex.analysis import MAX_RUNS, AppraisalAdjustments, Uncertainty, describe, sensitivity, simulate

    checks = [
        ("--runs", args.runs, 1 <= args.runs <= MAX_RUNS),
        ("--top", args.top, args.top >= 1),
        ("--respondents", args.respondents, args.respondents >= 1),
        ("--weight-spread", args.weight_spread, 0 <= args.weight_spread < 100),
    ]
    for option, value, ok in checks:
        if not ok:
            key = "cli.uncertainty_bad_runs" if option == "--runs" else "cli.uncertainty_bad_option"
            print(t(key, lang, option=option, value=value, max=format_number(MAX_RUNS, lang=lang)), file=sys.stderr)
            return EXIT_INPUT
    scores, _ = score_files(args.rules, args.data)
    adjustments = AppraisalAdjustments.default(scores.compiled)
    model = Uncertainty(appraisal=adjustments, respondents=args.respondents, weight_spread=args.weight_spread / 100)
    result = simulate(scores, model, runs=args.runs, seed=args.seed)
    sources = describe(model, lang)
    print(t("cli.uncertainty_head", lang, runs=format_number(args.runs, lang=lang), seed=args.seed, sources=sources))
    table = result.table(args.top)
    shown = pd.DataFrame(
        {
            t("analysis.col_rank", lang): table["rank"],
            t("analysis.col_unit", lang): table["unit"],
            t("analysis.col_median_rank", lang): table["median_rank"],
            t("analysis.col_rank_p5", lang): table["rank_p5"],
            t("analysis.col_rank_p95", lang): table["rank_p95"],
            t("analysis.col_p_top", lang, k=args.top): [format_pct(100 * p, 1, lang) for p in table["p_top"]],
        }
    )
    with pd.option_context("display.max_rows", None, "display.max_colwidth", 60, "display.width", 250):
        print(neutralise_frame(shown).to_string(index=False))
    if args.sensitivity:
        indices = sensitivity(scores, model, runs=max(200, args.runs // 5), seed=args.seed)
        print()
        print(t("cli.sensitivity_head", lang))
        for row in indices.itertuples():
            print(
                f"  {t(f'analysis.source_{row.source}', lang)}: S = {format_number(row.first_order, 2, lang)}, "
                f"ST = {format_number(row.total, 2, lang)}"
            )
    return EXIT_OK


def cmd_db(args: argparse.Namespace, lang: str) -> int:
    from parindex import db
    from parindex.rounds import seed_sample

    engine, settings = open_engine()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db.upgrade(engine)
    print(t("cli.db_ready", lang, url=engine.url.render_as_string(hide_password=True)))
    if args.seed:
        with db.sessions(engine).begin() as session:
            opened = seed_sample(session, settings)
        if opened:
            print(t("cli.db_seeded", lang, rounds=opened))
    return EXIT_OK


def cmd_backup(args: argparse.Namespace, lang: str) -> int:
    from parindex import db

    engine, _ = open_engine()
    db.backup(engine, args.target)
    print(t("cli.backup_done", lang, file=str(args.target)))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, lang: str) -> int:
    """Restore only from a checked backup (see :func:`parindex.db.restore`); say where the old database is kept."""
    from parindex import db

    engine, _ = open_engine()
    restored = db.restore(engine, args.source)
    print(t("cli.restore_done", lang, file=str(args.source)))
    if restored.kept is not None:
        print(t("cli.restore_kept", lang, file=str(restored.kept)))
    return EXIT_OK


def cmd_sample(args: argparse.Namespace, lang: str) -> int:
    from parindex.rounds import write_sample_data

    written = write_sample_data(args.indicators, args.out, seed=args.seed)
    for path in written:
        print(t("cli.sample_written", lang, file=str(path)))
    return EXIT_OK


def cmd_report(args: argparse.Namespace, lang: str) -> int:
    from parindex.config import load_settings
    from parindex.reports import Heading, ReportRequest, build_report, input_from_files

    if _bad_number(
        [("--target-rank", args.target_rank, "positive_whole"), ("--national-index", args.national_index, "percent")],
        lang,
    ):
        return EXIT_INPUT
    suffix = args.out.suffix.lower()
    allowed = (".pdf", ".xlsx", ".docx") if args.kind == "annex" else (".pdf",)
    if suffix not in allowed:
        raise InputError([Problem("report_bad_out", {"allowed": ", ".join(allowed)}, file=str(args.out))])
    if args.kind in ("unit", "brief") and not args.unit:
        raise InputError([Problem("report_needs_unit", {"kind": args.kind})])
    settings = load_settings()
    if args.round_year is not None:
        data = _round_input(args, args.unit)
    elif args.rules is not None and args.data is not None:
        data = input_from_files(args.rules, args.data, settings.sample_dir)
    else:
        raise InputError([Problem("report_needs_data")])
    if args.unit and not _known_unit(data.scores, args.unit, lang):
        return EXIT_INPUT
    costs = None
    if args.costs:
        from parindex.planning import load_costs

        costs = load_costs(args.costs, data.scores.compiled)
    request = ReportRequest(
        kind=args.kind,
        fmt=suffix.lstrip("."),
        unit=args.unit,
        target_rank=args.target_rank,
        year=args.year,
        national_index=args.national_index,
        lang=lang,
    )
    content = build_report(request, data, Heading.from_settings(settings), costs=costs)
    write_output(args.out, content)
    size = format_number(max(len(content) / 1024, 1), 0, lang)
    print(t("cli.report_written", lang, file=str(args.out), size=size), file=sys.stderr)
    return EXIT_OK


def cmd_criteria(args: argparse.Namespace, lang: str) -> int:
    if args.criteria_command == "import":
        return _criteria_import(args, lang)
    if args.criteria_command == "diff":
        return _criteria_diff(args, lang)
    return _criteria_export(args, lang)


def _criteria_import(args: argparse.Namespace, lang: str) -> int:
    from parindex.criteria import describe_rule, import_decision, preview_leaf
    from parindex.inputs import MAX_TABLE_BYTES, read_limited

    try:
        data = read_limited(args.file, MAX_TABLE_BYTES)  # an appendix file: the upload's limit, checked as read
    except OSError as exc:
        raise InputError([Problem("cannot_read", {"detail": exc.strerror or str(exc)}, file=str(args.file))]) from None
    result = import_decision(
        data,
        args.file.name,
        id=args.id,
        name=args.name,
        decision=args.decision,
        years=tuple(args.year),
        unit_types=tuple(args.unit_type),
    )
    draft = result.draft
    scored = [row for row in draft.rows if row.scored]
    print(
        t(
            "cli.decision_parsed",
            lang,
            file=args.file.name,
            fields=sum(r.kind == "field" for r in draft.rows),
            criteria=sum(r.kind == "criterion" for r in draft.rows),
            leaves=len(scored),
            exact=len(scored) - len(result.review),
            review=len(result.review),
        )
    )
    for row in scored:
        leaf = preview_leaf(row, draft)
        kind = leaf.rule.kind if leaf else "?"
        print(
            t(
                "cli.decision_row",
                lang,
                row=row.row,
                id=row.id,
                kind=kind,
                rule=describe_rule(leaf, lang) if leaf else "—",
            )
        )
    if result.review:
        print(t("cli.decision_review_head", lang))
        for row, parsed in result.review:
            words = " ".join(row.guidance.split())[:120]
            print(
                t("cli.decision_review_row", lang, row=row.row, id=row.id, reason=t(parsed.review, lang), words=words)
            )
    if result.defaults:
        print(t("cli.decision_defaults", lang, keys=", ".join(t(f"decision.key_{k}", lang) for k in result.defaults)))
    if result.problems:
        raise InputError(result.problems)
    write_output(args.out, result.yaml_text.encode("utf-8"))
    print(t("cli.decision_written", lang, file=str(args.out)))
    return EXIT_OK


def _criteria_diff(args: argparse.Namespace, lang: str) -> int:
    from parindex.criteria import diff_sets, summary

    before, after = load_criteria_set(args.before), load_criteria_set(args.after)
    changes = diff_sets(before, after, lang)
    if not changes:
        print(t("cli.diff_none", lang))
        return EXIT_OK
    print(t("cli.diff_summary", lang, **summary(changes)))
    for change in changes:
        codes = " → ".join(c for c in (change.id_before, change.id_after) if c)
        detail = f": {change.before} → {change.after}" if change.before and change.after else ""
        if not detail and (change.before or change.after):
            detail = f": {change.before or change.after}"
        print(f"  {t('diff.' + change.kind, lang):<20} {codes:<16} {change.name}{detail}")
    return EXIT_OK


def _criteria_export(args: argparse.Namespace, lang: str) -> int:
    from parindex.criteria import export_appendix

    suffix = args.out.suffix.lower()
    if suffix not in (".docx", ".xlsx"):
        raise InputError([Problem("export_bad_out", file=str(args.out))])
    content = export_appendix(load_criteria_set(args.set), suffix)
    write_output(args.out, content)
    print(t("cli.decision_written", lang, file=str(args.out)))
    return EXIT_OK


COMMANDS = {
    "validate": cmd_validate,
    "score": cmd_score,
    "explain": cmd_explain,
    "whatif": cmd_whatif,
    "plan": cmd_plan,
    "report": cmd_report,
    "uncertainty": cmd_uncertainty,
    "db": cmd_db,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "sample": cmd_sample,
    "users": cmd_users,
    "criteria": cmd_criteria,
    "national-rank": cmd_national_rank,
}
