"""Maps of the municipalities: a tile grid we can ship, and a choropleth when the user brings boundaries.

Real municipal boundaries are not shipped, so data/tile_grid.csv places every municipality as one tile at its
approximate geographic position (row 0 is the north, column 0 the west). Colours are colour-blind safe:
the Okabe–Ito palette for categories and the cividis scale for numbers.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from analysis.catalogue.models import Municipality
from analysis.paths import DATA_DIR
from analysis.report import IssueType, Report
from analysis.text import fold

TILE_GRID_PATH = DATA_DIR / "tile_grid.csv"

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency.
OKABE_ITO = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#F0E442",  # yellow
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#000000",  # black
)
NO_DATA_COLOUR = "#DDDDDD"
NO_DATA_LABEL = ("Nav datu", "No data")
STATUS_COLOURS = {"developed": "#009E73", "in_other_documents": "#56B4E9", "not_developed": "#D55E00"}
# cividis (Nuñez et al. 2018), sampled: a sequential scale readable with colour-vision deficiencies
CIVIDIS = ("#00224E", "#123570", "#3B496C", "#575D6D", "#707173", "#8A8779", "#A69D75", "#C4B56C", "#E4CF5B",
           "#FEE838")

UNMATCHED_FEATURE = IssueType(
    "map-feature-unmatched", "warning",
    "Kartes objekts “{value}” (īpašība “{key}”) neatbilst nevienai pašvaldībai",
    "Map feature “{value}” (property “{key}”) matches no municipality",
)
MISSING_PROPERTY = IssueType(
    "map-property-missing", "warning",
    "Kartes objektam nr. {index} nav īpašības “{key}”",
    "Map feature no. {index} has no property “{key}”",
)
NO_FEATURES = IssueType(
    "map-no-features", "error",
    "GeoJSON failā nav objektu (FeatureCollection ar features)",
    "The GeoJSON has no features (a FeatureCollection with features)",
)
MUNICIPALITY_NOT_ON_MAP = IssueType(
    "map-municipality-missing", "info",
    "Pašvaldība “{name}” kartē nav atrasta",
    "Municipality “{name}” was not found on the map",
)


# --- the grid -------------------------------------------------------------------------------------------


class TileGridError(ValueError):
    """data/tile_grid.csv is malformed; the message names the row and the problem."""


def load_tile_grid(*, catalogue, path: Path | None = None) -> pd.DataFrame:
    """The tile positions, checked: known codes, every municipality once, no two tiles on one square."""
    path = Path(path) if path is not None else TILE_GRID_PATH
    grid = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(grid.columns) != ["code", "row", "col"]:
        raise TileGridError(f"{path.name}: kolonnām jābūt / columns must be code,row,col (found {list(grid.columns)})")
    problems = []
    for line, rec in enumerate(grid.itertuples(index=False), start=2):
        if catalogue.municipality(rec.code) is None:
            problems.append(f"rinda/row {line}: nezināms kods / unknown code {rec.code!r}")
        for name in ("row", "col"):
            value = getattr(rec, name)
            if not value.isdigit():
                problems.append(f"rinda/row {line}, {name}: nav vesels skaitlis ≥ 0 / not an integer ≥ 0: {value!r}")
    if problems:
        raise TileGridError(f"{path.name}: " + "; ".join(problems))
    grid["row"] = grid["row"].astype(int)
    grid["col"] = grid["col"].astype(int)
    dup_codes = grid.loc[grid["code"].duplicated(), "code"].tolist()
    if dup_codes:
        raise TileGridError(f"{path.name}: kods atkārtojas / code repeated: {', '.join(dup_codes)}")
    dup_pos = grid[grid[["row", "col"]].duplicated(keep=False)]
    if len(dup_pos):
        cells = sorted({(int(r), int(c)) for r, c in zip(dup_pos["row"], dup_pos["col"])})
        raise TileGridError(f"{path.name}: vienā vietā vairākas flīzes / several tiles on one square: {cells}")
    absent = sorted(m.code for m in catalogue.municipalities if m.code not in set(grid["code"]))
    if absent:
        raise TileGridError(f"{path.name}: trūkst pašvaldību / municipalities missing: {', '.join(absent)}")
    return grid


def tile_label(m: Municipality) -> str:
    """A short tile label: the city's name, or the novads without the word 'novads' ('Cēsu')."""
    return m.name_lv.removesuffix(" novads")


TILE_TEXT_LIMIT = 6


def tile_text(label: str, *, limit: int = TILE_TEXT_LIMIT) -> str:
    """What fits on a tile without touching the next one: 'Dienvidkurzemes' → 'Dienv.' (the hover has the name)."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "."


# --- colours --------------------------------------------------------------------------------------------


def category_colours(categories: list[str]) -> dict[str, str]:
    """Okabe–Ito colours in order of first appearance; programme statuses keep their fixed colours."""
    out: dict[str, str] = {}
    others = [c for c in OKABE_ITO if c not in STATUS_COLOURS.values()]
    for cat in categories:
        if cat in out:
            continue
        if cat in STATUS_COLOURS:
            out[cat] = STATUS_COLOURS[cat]
        else:
            out[cat] = others[sum(1 for k in out if k not in STATUS_COLOURS) % len(others)]
    return out


def sequential_colour(value: float, *, low: float, high: float) -> str:
    """The cividis colour of a value between low and high (the middle colour when they are equal)."""
    if value is None or pd.isna(value):
        return NO_DATA_COLOUR
    t = 0.5 if high <= low else min(1.0, max(0.0, (value - low) / (high - low)))
    return CIVIDIS[min(len(CIVIDIS) - 1, int(round(t * (len(CIVIDIS) - 1))))]


# --- figure data ----------------------------------------------------------------------------------------


def tile_figure_data(
    values: pd.DataFrame, *, catalogue, on_date: date | None = None, grid: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per tile (x, y, label, names, region, value or category, colour) for any plotting library.

    values: columns code and either value (numbers) or category (text); municipalities without a row are
    shown as 'no data'. on_date keeps only the units in force that day (Varakļānu novads ends 2025-06-30).
    """
    grid = load_tile_grid(catalogue=catalogue) if grid is None else grid
    numeric = "value" in values.columns
    by_code = values.drop_duplicates("code", keep="last").set_index("code")
    rows = []
    for rec in grid.itertuples(index=False):
        m = catalogue.municipality(rec.code)
        if on_date is not None and not m.valid_on(on_date):
            continue
        row = {
            "code": m.code, "name_lv": m.name_lv, "name_en": m.name_en, "region": m.region,
            "label": tile_label(m), "row": int(rec.row), "col": int(rec.col),
            "x": int(rec.col), "y": -int(rec.row),
        }
        if numeric:
            v = by_code["value"].get(m.code) if m.code in by_code.index else None
            row["value"] = None if v is None or pd.isna(v) else float(v)
        else:
            c = by_code["category"].get(m.code) if m.code in by_code.index else None
            row["category"] = None if c is None or pd.isna(c) else str(c)
        rows.append(row)
    out = pd.DataFrame(rows)
    if numeric:
        present = out["value"].dropna()
        low, high = (float(present.min()), float(present.max())) if len(present) else (0.0, 0.0)
        out["colour"] = [sequential_colour(v, low=low, high=high) for v in out["value"]]
        out["has_data"] = out["value"].notna()
    else:
        out["category"] = out["category"].astype(object).where(out["category"].notna(), None)
        colours = category_colours([c for c in out["category"] if c is not None])
        out["colour"] = [NO_DATA_COLOUR if c is None else colours[c] for c in out["category"]]
        out["has_data"] = out["category"].notna()
    return out


def survey_tile_values(frame: pd.DataFrame, *, column: str = "programme_status") -> pd.DataFrame:
    """A survey column shaped for the tile map: statuses and monitoring as categories, yes/no as 'yes'/'no'."""
    out = pd.DataFrame({"code": frame["municipality_code"].astype(str).to_numpy()})
    series = frame[column].reset_index(drop=True)
    if column in ("start_year", "end_year", "term_years", "domains_count"):
        out["value"] = pd.to_numeric(series, errors="coerce").astype("float64").to_numpy()
    elif str(series.dtype) in ("bool", "boolean"):
        out["category"] = pd.Series([None if pd.isna(v) else ("yes" if v else "no") for v in series], dtype=object)
    else:
        out["category"] = pd.Series([None if pd.isna(v) else str(v) for v in series], dtype=object)
    return out


def tile_figure(
    values: pd.DataFrame,
    *,
    catalogue,
    on_date: date | None = None,
    lang: str = "lv",
    category_labels: dict[str, str] | None = None,
    title: str | None = None,
    unit: str | None = None,
):
    """A plotly tile map: square tiles with short labels, one legend entry per category (or a colour bar).

    unit titles the colour bar; it lies under the map so a phone keeps the width for the tiles.
    """
    import plotly.graph_objects as go

    data = tile_figure_data(values, catalogue=catalogue, on_date=on_date)
    data["text"] = [tile_text(x) for x in data["label"]]
    name_col = "name_lv" if lang == "lv" else "name_en"
    fig = go.Figure()
    # the tiles are shapes in axis units, so they shrink with a phone's screen instead of overlapping; the markers
    # on top (the tile's own colour) carry the hover, the legend symbol and the colour bar
    common = dict(mode="markers+text", textposition="middle center", textfont={"size": 9},
                  marker_symbol="square", marker_size=14, marker_line={"width": 0})
    tiles = [{"type": "rect", "xref": "x", "yref": "y", "x0": x - 0.47, "x1": x + 0.47, "y0": y - 0.47,
              "y1": y + 0.47, "fillcolor": c, "line": {"width": 0}, "layer": "below"}
             for x, y, c in zip(data["x"], data["y"], data["colour"])]
    no_data = NO_DATA_LABEL[0] if lang == "lv" else NO_DATA_LABEL[1]
    if "value" in data.columns:
        shown = data[data["has_data"]]
        fig.add_trace(go.Scatter(
            x=shown["x"], y=shown["y"], text=shown["text"], customdata=shown[[name_col, "value"]],
            hovertemplate="%{customdata[0]}: %{customdata[1]}" + (f" {unit}" if unit else "") + "<extra></extra>",
            marker={"color": shown["value"], "colorscale": [[i / 9, c] for i, c in enumerate(CIVIDIS)],
                    "showscale": True, "opacity": 0,
                    "colorbar": {"title": {"text": unit or "", "side": "top"}, "orientation": "h", "thickness": 12,
                                 "x": 0, "xanchor": "left", "y": 0, "yref": "container", "yanchor": "bottom"}},
            showlegend=False, **{**common, "textfont": {"size": 9, "color": [
                "#FFFFFF" if c in CIVIDIS[:5] else "#000000" for c in shown["colour"]]}},
        ))
        missing = data[~data["has_data"]]
        if len(missing):
            fig.add_trace(_plain_trace(go, missing, name=no_data, colour=NO_DATA_COLOUR, name_col=name_col,
                                       common=common))
    else:
        order = [c for c in dict.fromkeys(data["category"]) if c is not None]
        for category in order + [None]:
            part = data[data["category"].isna()] if category is None else data[data["category"] == category]
            if not len(part):
                continue
            label = no_data if category is None else (category_labels or {}).get(category, category)
            fig.add_trace(_plain_trace(go, part, name=label, colour=str(part["colour"].iloc[0]), name_col=name_col,
                                       common=common))
    fig.update_xaxes(visible=False, range=[data["x"].min() - 0.7, data["x"].max() + 0.7])
    fig.update_yaxes(visible=False, range=[data["y"].min() - 0.7, data["y"].max() + 0.7], scaleanchor="x")
    fig.update_layout(shapes=tiles, title=title, plot_bgcolor="#FFFFFF", margin={"l": 10, "r": 10, "t": 40 if title else 10,
                                                                  "b": 80 if "value" in data.columns else 10},
                      legend={"orientation": "h"})
    return fig


def _plain_trace(go, part: pd.DataFrame, *, name: str, colour: str, name_col: str, common: dict):
    dark = colour in ("#000000", "#0072B2", "#00224E", "#123570", "#3B496C", "#D55E00")
    return go.Scatter(
        x=part["x"], y=part["y"], text=part["text"], name=name, customdata=part[[name_col]],
        hovertemplate="%{customdata[0]}<extra>" + name + "</extra>", marker={"color": colour},
        **{**common, "textfont": {"size": 9, "color": "#FFFFFF" if dark else "#000000"}},
    )


# --- real boundaries ------------------------------------------------------------------------------------

CODE_PROPERTY = "_bt_code"


@dataclass(frozen=True)
class ChoroplethResult:
    """The figure, the features matched to municipality codes, and what did not match."""

    figure: object
    matched: dict[int, str]
    report: Report


def match_features(geojson: dict, *, feature_key: str, catalogue) -> tuple[dict[int, str], Report]:
    """Which municipality each feature is, by a property holding a code (LV0026000, 0026000, LV-CE) or a name."""
    report = Report()
    features = geojson.get("features") if isinstance(geojson, dict) else None
    if not features:
        report.add(NO_FEATURES)
        return {}, report
    matched: dict[int, str] = {}
    for index, feature in enumerate(features):
        props = (feature or {}).get("properties") or {}
        if feature_key not in props:
            report.add(MISSING_PROPERTY, row=index + 1, column=feature_key, index=index + 1, key=feature_key)
            continue
        raw = props[feature_key]
        m = _resolve_feature(raw, catalogue=catalogue)
        if m is None:
            report.add(UNMATCHED_FEATURE, row=index + 1, column=feature_key, value=str(raw), key=feature_key)
            continue
        matched[index] = m.code
    return matched, report


def _resolve_feature(raw: object, *, catalogue) -> Municipality | None:
    if raw is None:
        return None
    text = str(int(raw)) if isinstance(raw, float) and raw.is_integer() else str(raw)
    m = catalogue.areas_index.municipality(text)
    if m is None and text.strip().isdigit():
        m = catalogue.areas_index.municipality(text.strip().zfill(7))
    if m is None:
        iso = fold(text).upper()
        m = next((x for x in catalogue.municipalities if x.iso_3166_2 == iso), None)
    return m


def choropleth_figure(
    geojson: dict,
    values: pd.DataFrame,
    *,
    feature_key: str,
    catalogue=None,
    lang: str = "lv",
    title: str | None = None,
) -> ChoroplethResult:
    """A choropleth on the user's boundaries; values has code and value (numbers) or category (text)."""
    import plotly.express as px

    if catalogue is None:
        from analysis.catalogue import catalogue as project_catalogue

        catalogue = project_catalogue()

    matched, report = match_features(geojson, feature_key=feature_key, catalogue=catalogue)
    shaped = copy.deepcopy(geojson) if matched else {"type": "FeatureCollection", "features": []}
    for index, code in matched.items():
        shaped["features"][index].setdefault("properties", {})[CODE_PROPERTY] = code
    on_map = set(matched.values())
    for m in catalogue.municipalities:
        if m.code in set(values["code"]) and m.code not in on_map:
            report.add(MUNICIPALITY_NOT_ON_MAP, name=m.name_lv)
    frame = values.copy()
    frame["name"] = [
        (catalogue.municipality(c).name_lv if lang == "lv" else catalogue.municipality(c).name_en)
        if catalogue.municipality(c) else c
        for c in frame["code"]
    ]
    common = dict(geojson=shaped, locations="code", featureidkey=f"properties.{CODE_PROPERTY}",
                  hover_name="name", title=title)
    if "value" in frame.columns:
        fig = px.choropleth(frame, color="value",
                            color_continuous_scale=[[i / 9, c] for i, c in enumerate(CIVIDIS)], **common)
    else:
        cats = [str(c) for c in frame["category"].dropna()]
        fig = px.choropleth(frame, color="category", color_discrete_map=category_colours(cats), **common)
    fig.update_geos(fitbounds="locations", visible=False)
    fig.update_layout(margin={"l": 0, "r": 0, "t": 40 if title else 0, "b": 0})
    return ChoroplethResult(figure=fig, matched=matched, report=report)
