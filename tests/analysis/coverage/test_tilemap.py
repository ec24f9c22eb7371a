"""The tile-grid map (positions authored as data, checked) and the choropleth on user-supplied boundaries."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from analysis.coverage.tilemap import (
    NO_DATA_COLOUR,
    OKABE_ITO,
    STATUS_COLOURS,
    TileGridError,
    category_colours,
    choropleth_figure,
    load_tile_grid,
    match_features,
    survey_tile_values,
    tile_figure,
    tile_figure_data,
)

CESIS, RIGA, VARAKLANI = "LV0026000", "LV0001000", "LV0055000"


def _square(lon: float, lat: float) -> dict:
    ring = [[lon, lat], [lon + 0.1, lat], [lon + 0.1, lat + 0.1], [lon, lat + 0.1], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def _feature(props: dict, lon: float = 24.0, lat: float = 57.0) -> dict:
    return {"type": "Feature", "properties": props, "geometry": _square(lon, lat)}


def test_grid_has_every_municipality_once_on_its_own_square(cat):
    """Given data/tile_grid.csv
    When loaded with its schema check
    Then it holds the 43 municipalities (Varakļānu novads included), each on a distinct square."""
    grid = load_tile_grid(catalogue=cat)
    assert len(grid) == 43
    assert set(grid["code"]) == {m.code for m in cat.municipalities}
    assert not grid[["row", "col"]].duplicated().any()


def test_grid_follows_geography(cat):
    """Given the tile positions
    When regions are compared
    Then Kurzeme lies west of Latgale, Rīga north of Zemgale's cities, and Vidzeme north of Latgale on average."""
    grid = load_tile_grid(catalogue=cat).set_index("code")
    region = {m.code: m.region for m in cat.municipalities}
    grid["region"] = [region[c] for c in grid.index]
    cols = grid.groupby("region")["col"]
    rows = grid.groupby("region")["row"].mean()
    assert cols.max()["KURZEME"] < cols.min()["LATGALE"]
    assert rows["VIDZEME"] < rows["LATGALE"] and rows["RIGA"] < rows["ZEMGALE"]
    assert grid.at[RIGA, "row"] < grid.at["LV0003000", "row"]  # Rīga north of Jelgava
    assert grid.at["LV0007000", "col"] == grid["col"].min()  # Ventspils on the west coast


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("code,row,col\nLV9999999,0,0\n", "unknown code 'LV9999999'"),
        ("code,row,col\nLV0001000,0,0\nLV0004000,0,0\n", "several tiles on one square: [(0, 0)]"),
        ("code,row,col\nLV0001000,0,0\nLV0001000,0,1\n", "code repeated: LV0001000"),
        ("code,row,col\nLV0001000,a,0\n", "not an integer ≥ 0: 'a'"),
        ("code,x,y\nLV0001000,0,0\n", "columns must be code,row,col"),
        ("code,row,col\nLV0001000,0,0\n", "municipalities missing: LV0002000"),
    ],
)
def test_malformed_grid_is_refused_clearly(cat, tmp_path, text, message):
    """Given a malformed tile grid
    When loaded
    Then the error names the problem."""
    path = tmp_path / "tile_grid.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TileGridError) as err:
        load_tile_grid(catalogue=cat, path=path)
    assert message in str(err.value)


def test_tiles_by_category(cat):
    """Given programme statuses for three municipalities
    When the tile data is built
    Then every tile is there with x/y/label, statuses in their fixed colours and the rest marked 'no data'."""
    values = pd.DataFrame({"code": [CESIS, RIGA], "category": ["developed", "not_developed"]})
    data = tile_figure_data(values, catalogue=cat).set_index("code")
    assert len(data) == 43
    assert data.loc[CESIS, ["label", "x", "y", "category", "colour", "has_data"]].tolist() == [
        "Cēsu", 6, -1, "developed", STATUS_COLOURS["developed"], True]
    assert data.loc[VARAKLANI, ["category", "colour", "has_data"]].tolist() == [None, NO_DATA_COLOUR, False]


def test_tiles_on_a_date_after_the_merger(cat):
    """Given the map for 2025-12-31
    When built
    Then Varakļānu novads (merged into Madonas novads on 2025-07-01) has no tile."""
    values = pd.DataFrame({"code": [CESIS], "category": ["developed"]})
    data = tile_figure_data(values, catalogue=cat, on_date=date(2025, 12, 31))
    assert (len(data), VARAKLANI in set(data["code"])) == (42, False)


def test_tiles_by_value(cat):
    """Given numbers for two municipalities
    When the tile data is built
    Then the lowest and highest get the ends of the cividis scale and the rest no colour."""
    values = pd.DataFrame({"code": [CESIS, RIGA], "value": [1.5, 3.0]})
    data = tile_figure_data(values, catalogue=cat).set_index("code")
    assert data.loc[[CESIS, RIGA], "colour"].tolist() == ["#00224E", "#FEE838"]
    assert data.loc[VARAKLANI, "colour"] == NO_DATA_COLOUR


def test_category_colours_are_okabe_ito():
    """Given categories other than the statuses
    When coloured
    Then they take Okabe–Ito colours not used by the statuses, in order of appearance."""
    colours = category_colours(["a", "developed", "b", "a"])
    assert colours == {"a": "#E69F00", "developed": "#009E73", "b": "#F0E442"}
    assert set(colours.values()) <= set(OKABE_ITO)


def test_tile_figure_traces(cat):
    """Given statuses and then numbers
    When the plotly figure is built
    Then there is one trace per category plus 'no data' (labels translated), and one scale for numbers."""
    values = pd.DataFrame({"code": [CESIS, RIGA], "category": ["developed", "not_developed"]})
    fig = tile_figure(values, catalogue=cat, category_labels={"developed": "Izstrādāta"})
    assert [t.name for t in fig.data] == ["Izstrādāta", "not_developed", "Nav datu"]
    numbers = tile_figure(pd.DataFrame({"code": [CESIS], "value": [2.0]}), catalogue=cat, lang="en")
    assert [t.name for t in numbers.data] == [None, "No data"]


def test_geojson_features_match_by_name_code_or_iso(cat):
    """Given features whose property holds a name, a statistics-portal code, a bare ATVK code or an ISO code
    When matched
    Then each finds its municipality; unknown names and missing properties are reported by feature number."""
    gj = {"type": "FeatureCollection", "features": [
        _feature({"NAME": "Cēsu novads"}), _feature({"NAME": "LV0001000"}), _feature({"NAME": 4000}),
        _feature({"NAME": "lv-dgv"}), _feature({"NAME": "Atlantīda"}), _feature({"OTHER": "x"}),
        _feature({"NAME": "CESU NOVADS"}),
    ]}
    matched, report = match_features(gj, feature_key="NAME", catalogue=cat)
    assert matched == {0: CESIS, 1: RIGA, 2: "LV0004000", 3: "LV0002000", 6: CESIS}
    assert report.flatten(["code", "row", "column"]) == [
        ["map-feature-unmatched", 5, "NAME"], ["map-property-missing", 6, "NAME"],
    ]


def test_choropleth_figure(cat):
    """Given boundaries for two municipalities and values for three
    When the choropleth is drawn
    Then the figure is built on the matched features and the municipality without a boundary is noted."""
    gj = {"type": "FeatureCollection", "features": [
        _feature({"nosaukums": "Cēsu novads"}, 25.2, 57.3), _feature({"nosaukums": "Rīga"}, 24.1, 56.9),
    ]}
    values = pd.DataFrame({"code": [CESIS, RIGA, "LV0004000"], "category": ["developed", "not_developed",
                                                                           "developed"]})
    result = choropleth_figure(gj, values, feature_key="nosaukums", catalogue=cat)
    assert result.matched == {0: CESIS, 1: RIGA}
    assert result.report.flatten(["code", "severity"]) == [["map-municipality-missing", "info"]]
    assert len(result.figure.data) == 2
    assert gj["features"][0]["properties"] == {"nosaukums": "Cēsu novads"}  # the user's GeoJSON is not changed
    numeric = choropleth_figure(gj, pd.DataFrame({"code": [CESIS], "value": [1.0]}), feature_key="nosaukums",
                                catalogue=cat)
    assert numeric.report.valid and len(numeric.figure.data) == 1


def test_empty_geojson_is_an_error(cat):
    """Given a GeoJSON without features
    When matched
    Then the report says so."""
    _, report = match_features({"type": "FeatureCollection", "features": []}, feature_key="NAME", catalogue=cat)
    assert report.flatten(["code", "severity"]) == [["map-no-features", "error"]]


def test_survey_columns_as_tile_values(cat):
    """Given survey answers
    When a status, a yes/no and a numeric column are shaped for the map
    Then statuses are categories, yes/no become 'yes'/'no' (missing stays missing) and years are values."""
    frame = pd.DataFrame({
        "municipality_code": [CESIS, RIGA],
        "programme_status": ["developed", "not_developed"],
        "up_to_date": pd.array([True, None], dtype="boolean"),
        "start_year": pd.array([2022, None], dtype="Int64"),
    })
    assert survey_tile_values(frame).values.tolist() == [[CESIS, "developed"], [RIGA, "not_developed"]]
    assert survey_tile_values(frame, column="up_to_date")["category"].tolist() == ["yes", None]
    values = survey_tile_values(frame, column="start_year")["value"].tolist()
    assert values[0] == 2022.0 and pd.isna(values[1])


def test_tile_labels_fit_a_tile_and_the_colour_bar_names_the_unit(cat):
    """Given numbers with a unit, When the tile map is built, Then no tile text is longer than six characters,
    the hover keeps the full name, and the colour bar is titled with the unit."""
    fig = tile_figure(pd.DataFrame({"code": [CESIS, RIGA], "value": [2.0, 3.0]}), catalogue=cat, lang="lv",
                      unit="uz 1000 bērniem")
    texts = [x for trace in fig.data for x in trace.text]
    assert max(len(x) for x in texts) <= 6 and "Dienv." in texts
    assert fig.data[0].marker.colorbar.title.text == "uz 1000 bērniem"
    assert sorted(fig.data[0].customdata[:, 0].tolist()) == ["Cēsu novads", "Rīga"]
