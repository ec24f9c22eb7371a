"""The overview's parts: analysis.views.overview's codes as heatmaps and tables in words, cached for all sessions."""

from __future__ import annotations

import pandas as pd

from analysis.views.overview import municipality_order
from analysis.views.rules import unit_field
from dashboard import charts, data, fmt, meaning, selection
from dashboard.i18n import domain_short, field, name, short_place, t


def _domain_labels() -> tuple[list[str], list[str]]:
    """The full domain names (table, hover) and the short ones the heatmap's axis has room for."""
    domains = data.catalogue().domains
    return [f"{d.no}. {name(d)}" for d in domains], [domain_short(d) for d in domains]


def _place(names: list[str]) -> list[str]:
    return [short_place(n) for n in names]


@data.versioned(resource=True, max_entries=8)
def heatmap(url: str, version: int, lang: str):
    """Municipality × domain: how many indicators worsen (colour), '↓n ↑m' in each cell, and the table."""
    view, cat = data.overview.at(url, version), data.catalogue()
    text = view.worsening.combine(view.improving, lambda ws, bs: pd.Series(
        [" ".join(p for p in (f"↓{x}" if x else "", f"↑{y}" if y else "") if p) for x, y in zip(ws, bs)],
        index=ws.index))
    rows = [name(cat.municipality(c)) for c in view.worsening.index]
    cols, short = _domain_labels()
    fig = charts.count_heatmap(view.worsening.set_axis(short, axis=1), row_labels=_place(rows),
                               x_title=t("common.domain"), y_title=t("common.municipality"),
                               colorbar_title=t("overview.heatmap_unit"), scale=charts.REDS,
                               text=text.to_numpy().tolist(), row_names=rows, column_names=cols)
    fig.update_traces(colorbar_dtick=1)  # whole indicators: no 0,5 ticks
    table = text.set_axis(cols, axis=1).set_axis(rows, axis=0).rename_axis(t("common.municipality"))
    return fig, table.reset_index()


@data.versioned(resource=True, max_entries=8)
def gaps(url: str, version: int, lang: str):
    """Municipality × domain share of indicators reported in the latest year, and the table."""
    view, cat = data.overview.at(url, version), data.catalogue()
    rows = [name(cat.municipality(c)) for c in view.gaps.index]
    cols, short = _domain_labels()
    fig = charts.count_heatmap(view.gaps.set_axis(short, axis=1), row_labels=_place(rows), x_title=t("common.domain"),
                               y_title=t("common.municipality"), colorbar_title=t("overview.gaps_unit"), zmax=100,
                               row_names=rows, column_names=cols)
    table = view.gaps.set_axis(cols, axis=1).set_axis(rows, axis=0).rename_axis(t("common.municipality"))
    return fig, table.reset_index()


@data.versioned(max_entries=8)
def worst(url: str, version: int, lang: str) -> pd.DataFrame:
    """The surest worsening trends in words: who, what in which unit, from → to with their years, how sure, size and
    Latvia; in seven columns, so the whole table fits the page (each trend has its own years: they stand in the cells)."""
    w, cat = data.overview.at(url, version).worst, data.catalogue()
    units = [cat.indicator(i) for i in w["indicator"]]

    def _at(values, displays, years) -> list[str]:
        return [t("overview.value_in_year", value=fmt.shown(v, d, decimals=n), year=int(y))
                for v, d, n, y in zip(values, displays, w["decimals"], years)]

    return pd.DataFrame({
        t("common.municipality"): [name(cat.municipality(c)) for c in w["municipality_code"]],
        t("profile.col_indicator_unit"): [
            f"{name(i)}, {field(i, unit_field(as_rate=bool(r)))}" if i else c
            for i, c, r in zip(units, w["indicator"], w["as_rate"])],
        t("overview.col_from_year"): _at(w["first_value"], w["first_display"], w["first_year"]),
        t("overview.col_to_year"): _at(w["last_value"], w["last_display"], w["last_year"]),
        t("profile.col_trend_significance"): [
            t("profile.trend_with_significance", trend=meaning.trend_text(d, a), significance=fmt.p_value(p))
            for d, a, p in zip(w["direction"], w["assessment"], w["p_value"])],
        t("overview.col_size"): [selection.size_band_label(b) for b in w["size_band"]],
        t("profile.col_vs_latvia"): [meaning.word(b) for b in w["benchmark"]],
    })


@data.versioned(resource=True, max_entries=8)
def values_by_year(url: str, version: int, lang: str):
    """Municipality × year count of stored values (the first answer to 'what data do we have'), and the table."""
    matrix, cat = data.values_by_year.at(url, version), data.catalogue()
    order = municipality_order(cat, matrix.index)
    table = matrix.loc[order].set_axis([str(c) for c in matrix.columns], axis=1)
    labels = [name(cat.municipality(c)) for c in order]
    fig = charts.count_heatmap(table, row_labels=_place(labels), x_title=t("common.year"),
                               y_title=t("common.municipality"), colorbar_title=t("overview.values_unit"),
                               row_names=labels)
    return fig, table.set_axis(labels, axis=0).rename_axis(t("common.municipality")).reset_index()
