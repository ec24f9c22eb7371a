"""`python -m analysis`: the command-line contract for automation (catalogue, ingest, trends, coverage, init-db)."""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys

# Each module exposes register(subparsers) and sets a `func(args) -> int` default on its parser.
COMMAND_MODULES = (
    "analysis.catalogue.cli",
    "analysis.store.cli",
    "analysis.ingest.cli",
    "analysis.stats.cli",
    "analysis.coverage.cli",
    "analysis.programme.cli",
    "analysis.sources.cli",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Bērnu tiesību situācijas analīze / Child-rights situation analysis",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        if importlib.util.find_spec(name) is None:
            continue
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("Pārtraukts / Interrupted", file=sys.stderr)
        return 130
