"""`init-db` subcommand: create or upgrade the database, optionally with the sample data."""

from __future__ import annotations

import argparse
import sys

from analysis.store.engine import SchemaVersionError, init_db, make_engine


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init-db", help="Izveidot datubāzi / create or upgrade the database")
    p.add_argument("--db", help="SQLAlchemy URL (default: DATABASE_URL or var/bernu_tiesibas.sqlite)")
    p.add_argument("--sample", action="store_true", help="ielādēt paraugdatus / load the synthetic sample data")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        engine = make_engine(args.db)
        version = init_db(engine)
    except SchemaVersionError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - the CLI boundary prints one line, never a traceback
        print(f"Datubāzi nevar atvērt / cannot open the database: {exc}", file=sys.stderr)
        return 2
    print(f"Datubāze gatava / database ready: {engine.url.render_as_string(hide_password=True)} ({version})")
    if args.sample:
        from analysis.sample import load_sample

        for name, outcome in load_sample(engine):
            print(f"  {name}: {outcome}")
    return 0
