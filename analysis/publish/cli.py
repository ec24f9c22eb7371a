"""`publish` subcommand: write exactly what a public viewer can download, so that a release can be audited."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("publish", help="Publiskā datu kopa / the public release (tidy.csv, totals.csv, release.xlsx)")
    p.add_argument("--out", type=Path, required=True, help="mape / directory for tidy.csv, totals.csv, release.xlsx")
    p.add_argument("--db", help="SQLAlchemy URL (default: DATABASE_URL or var/bernu_tiesibas.sqlite)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from analysis.catalogue import catalogue
    from analysis.publish.files import stored_release_files
    from analysis.store import SchemaVersionError, make_engine

    try:
        files = stored_release_files(make_engine(args.db), catalogue=catalogue())
    except SchemaVersionError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - the CLI boundary prints one line, never a traceback
        print(f"Datubāzi nevar nolasīt / cannot read the database: {exc}", file=sys.stderr)
        return 2
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (args.out / name).write_bytes(data)
    except OSError as exc:
        print(f"Nevar ierakstīt mapē {args.out} / cannot write to {args.out}: {exc.strerror}", file=sys.stderr)
        return 2
    for name, data in files.items():
        print(f"{args.out / name}: {len(data)} B")
    return 0
