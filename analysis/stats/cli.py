"""`trends` subcommand: every municipality × indicator trend as CSV, from the database or a tidy CSV."""

from __future__ import annotations

import argparse
import csv
import math
import sys
from pathlib import Path

import pandas as pd

from analysis.catalogue import CatalogueError, catalogue
from analysis.stats import analyse
from analysis.stats.intervals import DEFAULT_LEVEL
from analysis.stats.series import DEFAULT_WINDOW, MAX_WINDOW, MIN_WINDOW
from analysis.stats.tidy import TidyError, read_tidy
from analysis.stats.trend import DEFAULT_ALPHA

HEADER = (
    "municipality",
    "indicator",
    "first_year",
    "last_year",
    "first_value",
    "last_value",
    "change",
    "pct_change",
    "direction",
    "assessment",
    "p_value",
    "significant",
    "benchmark",
    "reason",
    "territory",
    "territory_units",
)


class InputError(Exception):
    """Input that cannot be read; the message is one line, Latvian / English."""


def _probability(text: str) -> float:
    value = float(text)
    if not 0.0 < value < 1.0:
        raise argparse.ArgumentTypeError("jābūt starp 0 un 1 / must be between 0 and 1")
    return value


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "trends",
        help="Tendences / trends, significance and benchmark for every municipality × indicator (CSV)",
    )
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument(
        "--db", metavar="URL", help="datubāze / database URL (SQLAlchemy), e.g. sqlite:///var/x.sqlite"
    )
    src.add_argument("--from-tidy", metavar="CSV", type=Path, help="ingest --tidy-out CSV fails / file")
    p.add_argument(
        "--window",
        type=int,
        default=DEFAULT_WINDOW,
        choices=range(MIN_WINDOW, MAX_WINDOW + 1),
        metavar=f"{{{MIN_WINDOW}..{MAX_WINDOW}}}",
        help=f"gadi logā / years in the window (default {DEFAULT_WINDOW})",
    )
    p.add_argument(
        "--level", type=_probability, default=DEFAULT_LEVEL, help="ticamības līmenis / confidence level"
    )
    p.add_argument(
        "--alpha", type=_probability, default=DEFAULT_ALPHA, help="nozīmības līmenis / significance level"
    )
    p.add_argument(
        "--end-year", type=int, default=None, help="loga beigu gads / fixed last year of the window"
    )
    p.add_argument(
        "--show-unsuppressed",
        action="store_true",
        help="rādīt arī mazus skaitļus / show small numbers unsuppressed (not for publication)",
    )
    p.add_argument("--out", required=True, metavar="PATH", help="izvades CSV / output CSV ('-' for stdout)")
    p.set_defaults(func=run)


def _observations(args: argparse.Namespace, cat) -> pd.DataFrame:
    """The observations to analyse; InputError when they cannot be read."""
    if args.from_tidy is not None:
        try:
            read = read_tidy(args.from_tidy, catalogue=cat)
        except TidyError as exc:
            raise InputError(str(exc)) from exc
        for issue in read.report.issues:
            if issue.severity != "info":
                print(issue.message, file=sys.stderr)
        return read.observations
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError

    from analysis.store import current_observations, make_engine

    try:
        engine = make_engine(args.db)
        try:
            return current_observations(engine)
        finally:
            engine.dispose()
    except (SQLAlchemyError, ArgumentError, ValueError, OSError) as exc:
        raise InputError(
            f"Datubāzi nevar nolasīt / Cannot read the database: {args.db} ({type(exc).__name__})"
        ) from exc


def _number(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return f"{float(value):.10g}"


def rows(trends: pd.DataFrame) -> list[list[str]]:
    """The CSV rows: numbers with a dot, hidden small values as their mark ('<5', 'x'), booleans true/false; why a
    trend was not tested, and whether it was put on today's territory (the units summed, ';' between codes)."""
    out = []
    cols = [*HEADER, "first_display", "last_display"]
    for r in trends[cols].itertuples(index=False, name=None):
        (name, ind, fy, ly, fv, lv, ch, pc, direction, assessment, p, sig, bench, reason, territory, units, fd,
         ld) = r
        first = _number(fv) if not (isinstance(fv, float) and math.isnan(fv)) else (fd or "")
        last = _number(lv) if not (isinstance(lv, float) and math.isnan(lv)) else (ld or "")
        significant = "" if sig is pd.NA or sig is None else ("true" if sig else "false")
        out.append(
            [
                name,
                ind,
                str(int(fy)),
                str(int(ly)),
                first,
                last,
                _number(ch),
                _number(pc),
                direction or "",
                assessment,
                _number(p),
                significant,
                bench,
                _text(reason),
                _text(territory),
                _text(units),
            ]
        )
    return out


def _text(value) -> str:
    """A code or a list of unit codes as plain text; nothing for a missing one."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, (list, tuple, set, frozenset)):
        return ";".join(map(str, value))
    return str(value)


def write(trends: pd.DataFrame, out: str) -> None:
    """Writes the trends CSV (UTF-8, header first) to a path or stdout."""
    if out == "-":
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows(trends))
        return
    path = Path(out)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows(trends))


def run(args: argparse.Namespace) -> int:
    try:
        cat = catalogue()
    except CatalogueError as exc:
        print(str(exc).splitlines()[0], file=sys.stderr)
        return 2
    try:
        observations = _observations(args, cat)
    except InputError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    result = analyse(
        observations,
        catalogue=cat,
        window=args.window,
        level=args.level,
        alpha=args.alpha,
        end_year=args.end_year,
        show_unsuppressed=args.show_unsuppressed,
    )
    try:
        write(result.trends, args.out)
    except OSError as exc:
        print(
            f"Nevar ierakstīt / Cannot write: {args.out} ({exc.strerror or type(exc).__name__})",
            file=sys.stderr,
        )
        return 2
    return 0
