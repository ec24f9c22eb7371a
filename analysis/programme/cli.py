"""`programme` subcommand: the programme records; for now, loading the synthetic sample."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "programme",
        help="Bērnu tiesību aizsardzības programma / the child-rights protection programme",
        description="Programmas ieraksti / programme records",
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION")

    sample = actions.add_parser("sample", help="ielādēt sintētiskās programmas / load the synthetic programmes")
    sample.add_argument("--db", default=None, help="SQLAlchemy URL")
    sample.set_defaults(func=run_sample)
    p.set_defaults(func=lambda args: (p.print_help(), EXIT_OK)[1])


def _engine(url: str | None):
    from analysis.store import init_db, make_engine

    engine = make_engine(url)
    init_db(engine)
    return engine


def run_sample(args: argparse.Namespace) -> int:
    """Stores the records behind the synthetic 2024 survey, once (municipalities that have programmes are skipped)."""
    from analysis.catalogue import catalogue
    from analysis.programme.store import latest_programmes, save_programme
    from analysis.store.sample import SAMPLE_ACTOR
    from sample_municipalities.programmes import sample_programmes

    cat = catalogue()
    engine = _engine(args.db)
    have = {s.municipality_code for s in latest_programmes(engine, actor=SAMPLE_ACTOR)}
    added = 0
    for p in sample_programmes(catalogue=cat):
        if p.municipality_code in have:
            continue
        save_programme(engine, actor=SAMPLE_ACTOR, programme=p, catalogue=cat, note="paraugdati / sample")
        added += 1
    print(f"Paraugprogrammas / sample programmes: {added} saglabātas / stored, {len(have)} jau bija / already there")
    return EXIT_OK


def _write_report(path: str | None, report) -> None:
    if path:
        Path(path).write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
