"""`coverage` subcommand: the BAC survey figures of one survey file, or of the programme records on a date."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

from analysis.catalogue import load_catalogue
from analysis.catalogue.schema import CatalogueError
from analysis.coverage.figures import DOMAIN_NUMBERS, CoverageFigures, coverage_figures, round_pct
from analysis.coverage.survey import STATUSES, read_survey
from analysis.ingest.raw import UnreadableFile
from analysis.report import Issue, Report

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "coverage",
        help="Programmu aptaujas rādītāji / programme survey figures",
        description="BAC programmu aptaujas rādītāji no aptaujas faila / the BAC programme survey figures of a file",
    )
    p.add_argument("file", metavar="FILE", nargs="?", help="aptaujas fails / survey file (.xlsx, .xls, .ods, .csv)")
    p.add_argument("--from-programmes", action="store_true",
                   help="no programmu ierakstiem datubāzē / from the programme records in the database")
    p.add_argument("--on", metavar="DATE", default=None,
                   help="datums (GGGG-MM-DD), ar --from-programmes; noklusēti šodien / date, default today")
    p.add_argument("--db", default=None, help="SQLAlchemy URL (default: DATABASE_URL or var/bernu_tiesibas.sqlite)")
    p.add_argument("--year", type=int, default=None, help="aptaujas gads / survey year (else from the file)")
    p.add_argument("--json", action="store_true", help="JSON izvade / JSON output")
    p.add_argument("--intervals", action="store_true", help="Vilsona intervāli / add Wilson intervals (JSON)")
    p.add_argument("--report-json", metavar="PATH", default=None, help="pārbaudes pārskats / write the report")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        cat = load_catalogue()
    except CatalogueError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNREADABLE
    if args.from_programmes:
        return _run_from_programmes(args, cat=cat)
    if not args.file:
        print("Norādiet aptaujas failu vai --from-programmes / give a survey file or --from-programmes",
              file=sys.stderr)
        return EXIT_UNREADABLE
    path = Path(args.file)
    try:
        frame, report = read_survey(path, catalogue=cat, survey_year=args.year)
    except (UnreadableFile, OSError) as exc:
        lv, en = _unreadable_texts(exc, path)
        print(f"{lv} / {en}", file=sys.stderr)
        _write_report(args.report_json, _unreadable_report(exc, lv=lv, en=en))
        return EXIT_UNREADABLE
    _write_report(args.report_json, report)
    if not report.valid:
        _print_issues(report)
        return EXIT_ERRORS
    years = sorted(int(y) for y in frame["survey_year"].unique())
    year = args.year if args.year in years else years[-1]
    figures = coverage_figures(frame, catalogue=cat, survey_year=year, intervals=args.intervals)
    return _print(as_json(figures, intervals=args.intervals), as_json_output=args.json)


def _run_from_programmes(args: argparse.Namespace, *, cat) -> int:
    """The same figures computed from the adopted programme records as they stood on the date."""
    from analysis.coverage.programmes import records_on
    from analysis.store import make_engine

    if args.file:
        print("Ar --from-programmes fails nav vajadzīgs / no file is read with --from-programmes", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        on = date.fromisoformat(args.on) if args.on else date.today()
    except ValueError:
        print(f"“{args.on}” nav datums GGGG-MM-DD / “{args.on}” is not a date YYYY-MM-DD", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        engine = make_engine(args.db)
        frame = records_on(engine, catalogue=cat, on=on)  # what the councils adopted: what a survey would count
    except Exception as exc:  # noqa: BLE001 - the CLI boundary prints one line, never a traceback
        print(f"Datubāzi nevar nolasīt / cannot read the database: {' '.join(str(exc).split())[:300]}",
              file=sys.stderr)
        return EXIT_UNREADABLE
    figures = coverage_figures(frame, catalogue=cat, survey_year=on.year, intervals=args.intervals)
    return _print(as_json(figures, intervals=args.intervals), as_json_output=args.json)


def _print(payload: dict[str, Any], *, as_json_output: bool) -> int:
    text = json.dumps(payload, ensure_ascii=False, indent=2) + "\n" if as_json_output else as_text(payload)
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:  # `… | head`: the reader left, which is not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_OK


def as_json(fig: CoverageFigures, *, intervals: bool = False) -> dict[str, Any]:
    """The figures in the shape automation relies on; percentages rounded half-up to one decimal."""
    status = fig.status.set_index("key")
    those = fig.of_those.set_index("key")
    counts = {int(no): int(c) for no, c in zip(fig.domain_counts["domain"], fig.domain_counts["count"])}
    out: dict[str, Any] = {
        "survey_year": fig.survey_year,
        "n": fig.n,
        "programme_status_n": {s: int(status.at[s, "count"]) for s in STATUSES},
        "programme_status_pct": {s: round_pct(status.at[s, "pct"]) for s in STATUSES},
        "with_programme_or_elements": fig.with_programme_or_elements,
        "of_those_pct": {
            k: round_pct(those.at[k, "pct"])
            for k in ("conclusions", "action_plan", "monitoring_any", "monitoring_institutions_only")
        },
        "of_those_n": {
            k: int(those.at[k, "count"])
            for k in ("conclusions", "action_plan", "monitoring_any", "monitoring_complete",
                      "monitoring_institutions_only", "monitoring_none")
        },
        "children_views_missing": len(fig.children_views_missing),
        "outdated": len(fig.outdated),
        "term_years": {str(int(t)): int(c) for t, c in zip(fig.term_lengths["term_years"], fig.term_lengths["count"])},
        "term_unknown": fig.term_unknown,
        "open_ended": [str(x) for x in fig.open_ended["name_lv"]],
        # every domain listed, zeros included
        "domain_counts": {str(no): counts.get(no, 0) for no in DOMAIN_NUMBERS},
    }
    if intervals:
        out["intervals_pct"] = {
            str(row.key): [round_pct(row.ci_low), round_pct(row.ci_high)]
            for frame in (fig.status, fig.of_those)
            for row in frame.itertuples(index=False)
        }
    return out


def as_text(payload: dict[str, Any]) -> str:
    """A short bilingual summary for people at a terminal."""
    n, m = payload["n"], payload["with_programme_or_elements"]
    sn, sp = payload["programme_status_n"], payload["programme_status_pct"]
    tp = payload["of_those_pct"]
    lines = [
        f"Aptaujas gads / Survey year: {payload['survey_year']}",
        f"Pašvaldības / Municipalities: n = {n}",
        f"  Izstrādāta / developed: {sn['developed']} ({sp['developed']} %)",
        f"  Citos dokumentos / in other documents: {sn['in_other_documents']} ({sp['in_other_documents']} %)",
        f"  Nav izstrādāta / not developed: {sn['not_developed']} ({sp['not_developed']} %)",
        f"Ar programmu vai tās elementiem / with a programme or its elements: {m}",
        f"  Secinājumi / conclusions: {tp['conclusions']} %",
        f"  Rīcības plāns / action plan: {tp['action_plan']} %",
        f"  Uzraudzības kārtība / monitoring: {tp['monitoring_any']} % "
        f"(tikai iestādes / institutions only {tp['monitoring_institutions_only']} %)",
        f"  Bez bērnu viedokļa / children's views missing: {payload['children_views_missing']}",
        f"Nav aktualizētas / outdated: {payload['outdated']}",
        "Termiņi (gadi) / terms (years): "
        + ", ".join(f"{k}: {v}" for k, v in payload["term_years"].items())
        + f"; beztermiņa / open-ended: {', '.join(payload['open_ended']) or '—'}",
        "Jomas / domains: " + ", ".join(f"{k}: {v}" for k, v in payload["domain_counts"].items()),
    ]
    return "\n".join(lines) + "\n"


def _print_issues(report: Report) -> None:
    for i in report.issues:
        where = ", ".join(
            x for x in (i.sheet, f"rinda/row {i.row}" if i.row else None, f"kolonna/column {i.column}"
                        if i.column else None) if x
        )
        print(f"{i.severity}: {i.code}: {where + ': ' if where else ''}{i.message}", file=sys.stderr)


def _unreadable_texts(exc: Exception, path: Path) -> tuple[str, str]:
    if isinstance(exc, FileNotFoundError):
        return f"Fails “{path}” nav atrasts", f"File “{path}” not found"
    if isinstance(exc, OSError):
        return f"Failu “{path}” nevar atvērt ({exc.strerror or exc})", f"Cannot open “{path}” ({exc.strerror or exc})"
    return " ".join(exc.lv.split()), " ".join(exc.en.split())


def _unreadable_report(exc: Exception, *, lv: str, en: str) -> Report:
    code = getattr(exc, "code", None) or "unreadable-file"
    return Report(issues=[Issue(code=code, severity="error", sheet=None, row=None, column=None,
                                message_lv=lv, message_en=en)])


def _write_report(path: str | None, report: Report) -> None:
    if not path:
        return
    Path(path).write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
