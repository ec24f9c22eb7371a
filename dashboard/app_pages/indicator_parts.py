"""The indicator explorer's parts: analysis.views.indicator's codes as ranked bars, tile map and lines in words."""

from __future__ import annotations

import pandas as pd

from analysis.coverage.tilemap import tile_figure
from dashboard import charts, data, fmt, meaning
from dashboard.i18n import field, name, t


def _names(codes) -> list[str]:
    cat = data.catalogue()
    return [name(cat.municipality(c)) for c in codes]


@data.versioned(resource=True, max_entries=64)
def parts(url: str, version: int, indicator: str, year: int, members: tuple[str, ...] | None, highlight: str,
          lang: str) -> dict:
    """Ranked bars, tiles and trend lines with their tables; analysis/ decided benchmarks, ranks and hiding."""
    cat = data.catalogue()
    view = data.indicator.at(url, version, indicator, year, members)
    ind, dec = cat.indicator(indicator), view.decimals
    unit = field(ind, "unit")
    r = view.ranked
    labels = _names(r["municipality_code"])
    mark = name(cat.municipality(highlight)) if cat.municipality(highlight) else None
    hover = [f"{fmt.shown(v, d, decimals=dec)} {unit} ({fmt.number(lo, decimals=dec)}–{fmt.number(up, decimals=dec)})"
             f" · {meaning.word(b)}" for v, d, lo, up, b in zip(r["value"], r["display"], r["lower"], r["upper"],
                                                                 r["benchmark"])]
    ranked = None
    if len(r):
        bars = pd.DataFrame({"label": labels, "value": r["value"], "lower": r["lower"], "upper": r["upper"],
                             "benchmark": r["benchmark"], "hover": hover})
        ranked = charts.ranked_bars(
            bars, x_title=charts.with_unit(name(ind), unit), colours=meaning.BENCHMARK_COLOURS,
            legend={c: meaning.word(c) for c in meaning.BENCHMARK_ORDER if c in set(r["benchmark"])},
            reference=view.latvia,
            reference_label=f"{t('common.latvia')}: {fmt.number(view.latvia, decimals=dec)}" if view.latvia else "",
            highlight=mark)
    ranked_table = pd.DataFrame({
        t("common.municipality"): labels,
        t("common.value"): [fmt.shown(v, d, decimals=dec) for v, d in zip(r["value"], r["display"])],
        t("profile.col_lower"): [fmt.number(v, decimals=dec) for v in r["lower"]],
        t("profile.col_upper"): [fmt.number(v, decimals=dec) for v in r["upper"]],
        t("profile.col_vs_latvia"): [meaning.word(b) for b in r["benchmark"]],
        t("profile.col_rank"): ["" if pd.isna(k) else t("profile.rank_value", rank=int(k), n=int(n))
                                for k, n in zip(r["rank"], r["n"])],
    })
    hidden = [f"{m} ({d})" for m, d in zip(_names(view.hidden["municipality_code"]), view.hidden["display"])]
    tiles_values = pd.DataFrame({"code": r["municipality_code"], "value": r["value"]})
    tiles = tile_figure(tiles_values, catalogue=cat, lang=lang, unit=unit)
    tiles.update_layout(separators=fmt.plotly_separators(), height=460)
    tiles_table = pd.DataFrame({t("common.municipality"): labels,
                                f"{t('common.value')}, {unit}": [fmt.number(v, decimals=dec) for v in r["value"]]})
    s = view.series
    line_frame = pd.DataFrame({"label": _names(s["municipality_code"]), "year": s["year"], "value": s["value"]})
    trends = None
    if len(line_frame):
        trends = charts.lines(line_frame, x_title=t("common.year"), y_title=unit, reference=view.latvia_series,
                              reference_label=t("common.latvia"), highlight=mark)
    wide = line_frame.pivot_table(index="label", columns="year", values="value", aggfunc="first")
    wide = wide.map(lambda v: fmt.number(v, decimals=dec)).rename_axis(t("common.municipality")).reset_index()
    wide.columns = [str(c) for c in wide.columns]
    return {"ranked": ranked, "ranked_table": ranked_table, "hidden": hidden, "tiles": tiles,
            "tiles_table": tiles_table, "trends": trends, "trends_table": wide}
