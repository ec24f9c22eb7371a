"""`python -m analysis fetch csp`: the statistics portal's tables fetched, validated and stored as new versions.

Exit codes as `ingest`: 0 fetched (stored or unchanged), 1 a table failed validation (nothing stored for it),
2 the portal could not be used (unreachable, busy after retries, a table changed shape).
Heavy modules are imported inside `run`, so that `--help` and the other subcommands stay fast.
"""

from __future__ import annotations

import argparse
import sys

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2
MAX_CHANGES_SHOWN = 10


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "fetch",
        help="Ielādēt datus no statistikas portāla / fetch data from the statistics portal",
        description="Ielādē rādītāju tabulas no Oficiālās statistikas portāla (PxWeb API v1), pārbauda tās kā "
        "augšupielādi un saglabā jaunu versiju, ja dati mainījušies / Fetches the indicators' tables from the "
        "Official Statistics Portal (PxWeb API v1), validates them as an upload and stores a new version when "
        "the figures changed.",
    )
    p.add_argument("source", choices=["csp"], help="avots / source (csp: data.stat.gov.lv)")
    p.add_argument("--indicator", action="append", metavar="ID",
                   help="tikai šis rādītājs (var atkārtot) / only this indicator (repeatable)")
    p.add_argument("--from-year", type=int, metavar="Y", help="no šī gada / from this year on")
    p.add_argument("--db", help="datubāzes URL / database URL (default: DATABASE_URL or var/)")
    p.add_argument("--base-url", metavar="URL",
                   help="API adrese (spogulis, starpniekserveris) / API root (a mirror or proxy); default: "
                   "CSP_BASE_URL or https://data.stat.gov.lv/api/v1")
    p.add_argument("--format", choices=["json-stat2", "json"], default="json-stat2", help=argparse.SUPPRESS)
    p.add_argument("--uploader", default=None, help=argparse.SUPPRESS)
    p.set_defaults(func=run)


def _fail(message: str) -> int:
    print(" ".join(message.split()), file=sys.stderr)
    return EXIT_UNREADABLE


def run(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except Exception as exc:  # noqa: BLE001 — the CLI boundary: one line, never a traceback
        from analysis.sources.pxweb import SourceError

        if isinstance(exc, SourceError):
            return _fail(str(exc))
        return _fail(f"Negaidīta kļūda / Unexpected error: {type(exc).__name__}: {exc}")


def _run(args: argparse.Namespace) -> int:
    import getpass

    from analysis.access import Actor, Role
    from analysis.catalogue import catalogue
    from analysis.catalogue.sources import sources
    from analysis.paths import database_url
    from analysis.sources.csp import fetch_indicators
    from analysis.store import init_db, make_engine

    engine = make_engine(args.db or database_url())
    init_db(engine)
    actor = Actor(name=args.uploader or f"cli:{getpass.getuser()}", role=Role.NATIONAL_ANALYST)
    run = fetch_indicators(engine, cat=catalogue(), sources=sources(), actor=actor, indicators=args.indicator,
                           from_year=args.from_year, url=args.base_url, response_format=args.format)
    for r in run.results:
        _summary(r)
    return run.exit_code


_OUTCOMES = {
    "stored": "saglabāts kā augšupielāde {id} / stored as upload {id}",
    "restored": "atgriezta agrāka versija kā augšupielāde {id} / an earlier version made current as upload {id}",
    "unchanged": "nekas jauns, spēkā augšupielāde {id} / nothing new, upload {id} stays current",
    "invalid": "kļūdu dēļ nekas nav saglabāts / nothing stored because of errors",
    "failed": "nav ielādēts / not fetched",
}


def _summary(r) -> None:
    print(f"{r.indicator} ← CSP {r.table}: {_OUTCOMES[r.outcome].format(id=r.upload_id)}")
    if r.outcome == "failed":
        print(f"  {' '.join((r.message or '').split())}")
        return
    years = f"{r.years[0]}–{r.years[-1]}" if r.years else "—"
    print(f"  vērtības / values {r.n_values}, nav pieejamas / not available {r.n_not_available}, gadi / years "
          f"{years}, vaicājumi / queries {r.queries}")
    for issue in r.report.issues:
        if issue.severity == "error":
            print(f"  {issue.code}: {' '.join(issue.message.split())}")
    if r.changes is not None and len(r.changes):
        print(f"  izmaiņas pret iepriekšējo versiju / changes against the previous version: {len(r.changes)}")
        for row in r.changes.head(MAX_CHANGES_SHOWN).itertuples(index=False):
            print(f"    {row.change}: {row.municipality_code} {row.year}: {_num(row.value_old)} → {_num(row.value_new)}")


def _num(x) -> str:
    if x is None or x != x:
        return "—"
    return f"{x:g}"
