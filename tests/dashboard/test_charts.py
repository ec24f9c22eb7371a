"""The figures read right: every year a tick, the unit once, named domains, a titled colour bar, no overlapping titles."""

from __future__ import annotations

import json

import pandas as pd

from dashboard import charts
from tests.dashboard.apptest_util import run_page


def _series(indicators: list[str], years: range) -> pd.DataFrame:
    return pd.DataFrame([{"indicator": i, "year": y, "value": float(y - 2000), "lower": None, "upper": None}
                         for i in indicators for y in years],
                        columns=["indicator", "year", "value", "lower", "upper"])


def test_trend_lines_have_a_tick_for_every_year_of_the_data():
    """Given values 2016–2024 and Latvia to 2024, When the trend chart is built, Then each year is a whole tick."""
    frame = pd.DataFrame({"label": ["Cēsu novads"] * 9, "year": list(range(2016, 2025)), "value": range(9)})
    latvia = pd.DataFrame({"year": [2016, 2024], "value": [1.0, 2.0]})
    fig = charts.lines(frame, x_title="Gads", y_title="%", reference=latvia, reference_label="Latvija")
    axis = fig.layout.xaxis
    assert (list(axis.tickvals), list(axis.ticktext), list(axis.range)) == (
        list(range(2016, 2025)), [str(y) for y in range(2016, 2025)], [2015.5, 2024.5])


def test_small_multiples_tick_every_year_and_keep_titles_clear_of_the_row_above():
    """Given five indicators in three columns, When drawn, Then every axis ticks 2018–2024 and each title sits
    at least 36 px below the bottom of the chart above it (where that chart's upright year ticks are)."""
    ids = [f"i{n}" for n in range(5)]
    fig = charts.small_multiples(_series(ids, range(2018, 2025)), _series([], range(0)),
                                 titles={i: f"Rādītājs {i}<br>otrā rinda" for i in ids}, units={i: "%" for i in ids},
                                 name_local="Cēsu novads", name_latvia="Latvija", x_title="Gads")
    axes = [fig.layout[f"xaxis{s}"] for s in ("", "2", "3", "4", "5")]
    assert [list(a.tickvals) for a in axes] == [list(range(2018, 2025))] * 5
    plot_px = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    upper_bottom = fig.layout["yaxis"].domain[0]  # row 1, column 1
    lower_title = fig.layout.annotations[3].y  # row 2, column 1: its title's baseline
    title_px = 3 * 16  # up to three lines of 12 px text
    gap_px = (upper_bottom - lower_title) * plot_px - title_px
    assert gap_px >= 36 and axes[0].tickangle == -90, gap_px


def test_a_name_that_ends_in_its_unit_is_not_given_the_unit_again():
    """Given rate indicators named with their unit, When titled, Then the unit appears once; others get ', unit'."""
    assert [charts.with_unit(n, u) for n, u in [
        ("Bērni ārpusģimenes aprūpē uz 1000 bērniem", "uz 1000 bērniem"),
        ("Children with disabilities per 1,000 children", "per 1,000 children"),
        ("Reģistrētā bezdarba līmenis", "%"),
        ("Dzimušo skaits", ""),
    ]] == ["Bērni ārpusģimenes aprūpē uz 1000 bērniem", "Children with disabilities per 1,000 children",
           "Reģistrētā bezdarba līmenis, %", "Dzimušo skaits"]


def test_heatmap_colour_bar_is_titled_horizontal_and_the_hover_has_full_names():
    """Given short axis labels and full names, When the heatmap is built, Then the colour bar has its unit as title,
    lies under the plot, and each cell's hover names the full municipality and domain."""
    matrix = pd.DataFrame([[1, 0], [0, 2]], columns=["1. Demogrāfija", "2. Izglītība"])
    fig = charts.count_heatmap(matrix, row_labels=["Ādažu", "Rīga"], x_title="Joma", y_title="Pašvaldība",
                               colorbar_title="% rādītāju", row_names=["Ādažu novads", "Rīga"],
                               column_names=["1. Demogrāfiskā situācija", "2. Izglītības sistēma un iespējas"])
    bar = fig.data[0].colorbar
    assert (bar.title.text, bar.orientation) == ("% rādītāju", "h")
    assert list(fig.data[0].customdata[0][1]) == ["Ādažu novads", "2. Izglītības sistēma un iespējas"]
    assert list(fig.data[0].y) == ["Ādažu", "Rīga"]


def test_spine_labels_are_shortened_and_kept_whole_in_the_hover():
    """Given a long indicator label, When the spine is built, Then the axis shows ≤ 30 characters, the hover all;
    two labels that would be cut to the same text stay whole."""
    long = "6. Bērni no trūcīgām un maznodrošinātām ģimenēm ar apmaksātām brīvā laika aktivitātēm"
    points = pd.DataFrame({"label": [long, "1. Bērnu skaits"], "position": [10.0, 90.0],
                           "benchmark": ["worse", "better"], "hover": ["a", "b"]})
    fig = charts.spine(points, x_title="Vieta", legend={"worse": "sliktāk", "better": "labāk"},
                       colours={"worse": "#D55E00", "better": "#0072B2"})
    assert [len(y) <= 30 for y in fig.layout.yaxis.categoryarray] == [True, True]
    assert fig.data[0].customdata[0][0] == long
    twins = pd.DataFrame({"label": [long, long + " (2)"], "position": [1.0, 2.0], "benchmark": ["worse"] * 2,
                          "hover": ["a", "b"]})
    fig = charts.spine(twins, x_title="Vieta", legend={"worse": "sliktāk"}, colours={"worse": "#D55E00"})
    assert list(fig.layout.yaxis.categoryarray) == [long + " (2)", long]


def test_overview_heatmaps_name_the_domains_in_the_page_language(sample_db):
    """Given the English overview, When its heatmaps are drawn, Then the columns are English short domain names
    and each colour bar carries a title."""
    at = run_page("app_pages/overview.py", db_url=sample_db, lang="en")
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    heat = [s["data"][0] for s in specs]
    assert [h["x"][:3] for h in heat] == [["1. Demography", "2. Education", "3. Leisure"]] * 2
    assert [bool(h["colorbar"]["title"]["text"]) for h in heat] == [True, True]
