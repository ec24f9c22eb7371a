"""What the data say about a programme's indicators: pinned when a conclusion is written, followed as data arrive.

Values come from `analyse(...)` as the profile shows them: a suppressed small number stays '<5' (its value is not
kept), intervals and the trend code are analysis.stats' own.
"""

from __future__ import annotations

import math
from dataclasses import replace

import pandas as pd

from analysis.programme.model import MeasureIndicator, PinnedIndicator, Programme

PROGRESS_COLUMNS = (
    "measure", "title", "indicator", "baseline_year", "baseline", "latest_year", "latest", "latest_shown",
    "lower", "upper", "small_numbers", "target_year", "target", "assessment",
)


def _number(value) -> float | None:
    if value is None:
        return None
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(v) else v


def _trend(analysis, *, code: str, indicator: str):
    trends = analysis.trends
    rows = trends[(trends["municipality_code"] == code) & (trends["indicator"] == indicator)]
    return None if rows.empty else rows.iloc[0]


def pin(analysis, *, code: str, indicator: str, data_version: int | None) -> PinnedIndicator:
    """The indicator as the profile shows it now (latest value, its display, the trend code, the years)."""
    tr = _trend(analysis, code=code, indicator=indicator) if analysis is not None else None
    version = None if data_version is None else str(data_version)
    if tr is None:
        return PinnedIndicator(indicator=indicator, data_version=version)
    hidden = bool(tr["suppressed"])
    return PinnedIndicator(
        indicator=indicator,
        year=int(tr["last_year"]),
        value=None if hidden else _number(tr["last_value"]),
        shown=str(tr["last_display"] or ""),
        assessment=str(tr["assessment"]) if tr["assessment"] else None,
        first_year=int(tr["first_year"]),
        last_year=int(tr["last_year"]),
        data_version=version,
    )


def baseline(analysis, *, code: str, indicator: str, target: float | None = None,
             target_year: int | None = None) -> MeasureIndicator:
    """A measure's indicator with its baseline from the latest data (none when hidden as a small number)."""
    tr = _trend(analysis, code=code, indicator=indicator) if analysis is not None else None
    if tr is None:
        return MeasureIndicator(indicator=indicator, target=target, target_year=target_year)
    value = None if bool(tr["suppressed"]) else _number(tr["last_value"])
    return MeasureIndicator(indicator=indicator, baseline_year=int(tr["last_year"]), baseline=value,
                            target_year=target_year, target=target)


def progress(programme: Programme, analysis) -> pd.DataFrame:
    """Each measure's linked indicators: baseline → latest value (interval, small numbers) → target."""
    rows = []
    for m in programme.measures:
        for link in m.indicators:
            tr = _trend(analysis, code=programme.municipality_code, indicator=link.indicator) \
                if analysis is not None else None
            hidden = tr is not None and bool(tr["suppressed"])
            rows.append({
                "measure": m.key,
                "title": m.title,
                "indicator": link.indicator,
                "baseline_year": link.baseline_year,
                "baseline": link.baseline,
                "latest_year": int(tr["last_year"]) if tr is not None else None,
                "latest": None if tr is None or hidden else _number(tr["last_value"]),
                "latest_shown": str(tr["last_display"] or "") if tr is not None else "",
                "lower": None if tr is None or hidden else _number(tr["last_lower"]),
                "upper": None if tr is None or hidden else _number(tr["last_upper"]),
                "small_numbers": hidden,
                "target_year": link.target_year,
                "target": link.target,
                "assessment": str(tr["assessment"]) if tr is not None and tr["assessment"] else None,
            })
    return pd.DataFrame(rows, columns=list(PROGRESS_COLUMNS))


def as_seen(programme: Programme, *, analysis) -> Programme:
    """The programme for a viewer who gets the published figures (`analysis` is theirs): a pinned value or baseline
    of a cell hidden from them is blank (its mark, '<5' or 'x', shown instead) and a trend read from hidden cells is
    not repeated, since an editor pins what they see in clear. Without an analysis every pinned figure is blank."""
    if analysis is None:
        hidden = None
    else:
        v = analysis.values
        rows = v[(v["municipality_code"] == programme.municipality_code) & v["suppressed"].astype(bool)]
        hidden = {(str(i), int(y)): str(d) for i, y, d in
                  zip(rows["indicator"], rows["year"], rows["display_value"])}
        if not hidden:
            return programme

    def pinned(p: PinnedIndicator) -> PinnedIndicator:
        if hidden is None:
            return replace(p, value=None, shown="", assessment=None)
        first, last = p.first_year or p.year, p.last_year or p.year
        if first is None or not any((p.indicator, y) in hidden for y in range(first, last + 1)):
            return p
        mark = hidden.get((p.indicator, p.year))
        return replace(p, value=None if mark else p.value, shown=mark or p.shown, assessment=None)

    def linked(m: MeasureIndicator) -> MeasureIndicator:
        blank = hidden is None or (m.indicator, m.baseline_year) in hidden
        return replace(m, baseline=None) if blank and m.baseline is not None else m

    return replace(
        programme,
        conclusions=tuple(replace(c, indicators=tuple(pinned(p) for p in c.indicators)) for c in programme.conclusions),
        measures=tuple(replace(m, indicators=tuple(linked(i) for i in m.indicators)) for m in programme.measures),
    )
