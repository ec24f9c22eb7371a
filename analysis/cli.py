"""`python -m analysis`: the command-line contract for automation (catalogue, ingest, trends, coverage, init-db).

Only the chosen subcommand's module is imported: `ingest` must not pay for SciPy, statistics or openpyxl.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import NamedTuple


class Command(NamedTuple):
    """A subcommand as the top-level help shows it; `module.register(subparsers)` builds its real parser."""

    module: str
    help: str


# Each module exposes register(subparsers), adds the parser under this name (one module may add several) and sets a
# `func(args) -> int` default on it. The help here is what `python -m analysis --help` lists without importing it.
COMMANDS: dict[str, Command] = {
    "catalogue": Command("analysis.catalogue.cli", "Katalogs / print the catalogue"),
    "init-db": Command("analysis.store.cli", "Izveidot datubāzi / create or upgrade the database"),
    "ingest": Command(
        "analysis.ingest.cli", "Nolasīt, pārbaudīt un saglabāt datu failus / read, validate and store data files"
    ),
    "template": Command(
        "analysis.ingest.cli", "Lejupielādējamā datu veidne (.xlsx) / the downloadable data template (.xlsx)"
    ),
    "trends": Command(
        "analysis.stats.cli",
        "Tendences / trends, significance and benchmark for every municipality × indicator (CSV)",
    ),
    "coverage": Command("analysis.coverage.cli", "Programmu aptaujas rādītāji / programme survey figures"),
    "programme": Command(
        "analysis.programme.cli", "Bērnu tiesību aizsardzības programma / the child-rights protection programme"
    ),
    "fetch": Command(
        "analysis.sources.cli", "Ielādēt datus no statistikas portāla / fetch data from the statistics portal"
    ),
    "users": Command("analysis.accounts.cli", "Lietotāju konti / user accounts"),
    "publish": Command(
        "analysis.publish.cli", "Publiskā datu kopa / the public release (tidy.csv, totals.csv, release.xlsx)"
    ),
}


def _chosen(argv: list[str]) -> str | None:
    """The subcommand named on the line: the first word that is not an option."""
    return next((a for a in argv if not a.startswith("-")), None)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser with `command`'s real subparser and a one-line stand-in for every other subcommand."""
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Bērnu tiesību situācijas analīze / Child-rights situation analysis",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    if command in COMMANDS:
        importlib.import_module(COMMANDS[command].module).register(sub)
    for name, spec in COMMANDS.items():
        if name not in sub.choices:
            sub.add_parser(name, help=spec.help, add_help=False)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(_chosen(argv))
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("Pārtraukts / Interrupted", file=sys.stderr)
        return 130
