"""Reads the tidy CSV that `ingest --tidy-out` writes, resolving municipality names to catalogue codes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.catalogue import Area, Catalogue, Municipality
from analysis.report import IssueType, Report

TIDY_COLUMNS = ("municipality", "indicator", "year", "value", "count", "denominator", "status")
REQUIRED = ("municipality", "indicator", "year", "value")

UNKNOWN_AREA = IssueType(
    "stats-unknown-area",
    "warning",
    "Nezināma pašvaldība „{name}” ({n} rindas) izlaista",
    "Unknown municipality “{name}” ({n} rows) skipped",
)
AGGREGATE_ROWS = IssueType(
    "stats-aggregate-rows",
    "info",
    "„{name}” ir kopsumma, nevis pašvaldība: izmantota kā valsts vērtība, ja tā ir Latvija ({n} rindas)",
    "“{name}” is an aggregate, not a municipality: used as the national value if it is Latvia ({n} rows)",
)
BAD_YEAR = IssueType(
    "stats-bad-year",
    "warning",
    "{n} rindas bez derīga gada izlaistas",
    "{n} rows without a valid year skipped",
)


class TidyError(ValueError):
    """The file cannot be read as a tidy table; the message is one line, Latvian / English."""


@dataclass(frozen=True)
class TidyRead:
    """Observations keyed by municipality code, plus what was skipped and why."""

    observations: pd.DataFrame
    report: Report


def _past_units() -> dict[str, str]:
    """Names (and codes) of units that no longer exist, for figures from before a territorial change."""
    from analysis.territory import territory

    past = [u for u in territory().units if not u.current]
    return {**{u.name_lv.casefold(): u.code for u in past}, **{u.code.casefold(): u.code for u in past}}


def read_tidy(path: Path | str, *, catalogue: Catalogue) -> TidyRead:
    """Reads the CSV; names are resolved through the catalogue, Latvia rows kept under the code 'LV'.

    A name of a unit that no longer exists (Priekuļu novads before 2021) keeps that unit's crosswalk code, so
    `analyse` can carry its figures into today's unit.
    """
    path = Path(path)
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise TidyError(f"Fails nav atrasts / File not found: {path}") from exc
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError, OSError) as exc:
        raise TidyError(f"Failu nevar nolasīt kā CSV / Cannot read the file as CSV: {path}") from exc
    raw.columns = [str(c).strip().lower() for c in raw.columns]
    missing = [c for c in REQUIRED if c not in raw.columns]
    if missing:
        raise TidyError(
            f"Trūkst kolonnu / Missing columns: {', '.join(missing)} ({path.name}; "
            f"vajag / expected {','.join(TIDY_COLUMNS)})"
        )
    report = Report()
    names = raw["municipality"].str.strip()
    codes = {}
    for name in pd.unique(names):
        hit = catalogue.areas_index.resolve(name)
        n = int((names == name).sum())
        if isinstance(hit, Municipality):
            codes[name] = hit.code
        elif isinstance(hit, Area):
            codes[name] = hit.code
            report.add(AGGREGATE_ROWS, column="municipality", name=name, n=n)
        elif str(name).casefold() in (past := _past_units()):
            codes[name] = past[str(name).casefold()]
        else:
            codes[name] = None
            report.add(UNKNOWN_AREA, column="municipality", name=name, n=n)
    frame = pd.DataFrame(
        {
            "municipality_code": names.map(codes),
            "indicator": raw["indicator"].str.strip(),
            "year": pd.to_numeric(raw["year"].str.strip(), errors="coerce"),
        }
    )
    for col in ("value", "count", "denominator"):
        text = raw[col].str.strip().str.replace(",", ".", regex=False) if col in raw.columns else None
        frame[col] = pd.to_numeric(text, errors="coerce") if text is not None else np.nan
    for col in ("status", "note"):
        frame[col] = raw[col].str.strip().replace("", None) if col in raw.columns else None
    bad_year = frame["year"].isna() | (frame["year"] != frame["year"].round())
    if bad_year.any():
        report.add(BAD_YEAR, column="year", n=int(bad_year.sum()))
    keep = frame["municipality_code"].notna() & ~bad_year
    frame = frame[keep].reset_index(drop=True)
    frame["year"] = frame["year"].astype("int64")
    report.stats.update(rows=int(len(raw)), used=int(len(frame)))
    return TidyRead(observations=frame, report=report)
