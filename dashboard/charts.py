"""Plotly figures in one style: the Okabe–Ito colour-blind-safe palette, axis titles with units, local number marks.

Figures are built from plain dicts in one go (no plotly template, no incremental updates): plotly validates
every update, and building a profile's sixteen charts the incremental way took seconds.
"""

from __future__ import annotations

from typing import Any, Sequence

import pandas as pd
import plotly.graph_objects as go

from dashboard import fmt

# Okabe & Ito (2008): distinguishable with every common colour-vision deficiency.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
}
COLORWAY = [OKABE_ITO[k] for k in ("blue", "orange", "green", "vermillion", "purple", "sky_blue", "yellow", "black")]
# sequential scales: white to one Okabe–Ito hue
BLUES = [[0.0, "#FFFFFF"], [0.0001, "#DCEBF5"], [1.0, OKABE_ITO["blue"]]]
REDS = [[0.0, "#FFFFFF"], [0.0001, "#FBE3D3"], [1.0, OKABE_ITO["vermillion"]]]
FONT = "Source Sans Pro, Arial, sans-serif"
GRID = "#E6E6E6"
BAND = "rgba(0,114,178,0.15)"


def axis(title: str | None = None, **extra: Any) -> dict[str, Any]:
    """An axis in the house style; the title carries the unit."""
    out: dict[str, Any] = {"gridcolor": GRID, "zeroline": False, "linecolor": "#BBBBBB", "automargin": True}
    if title is not None:
        out["title"] = {"text": title, "font": {"size": 12}}
    out.update(extra)
    return out


def layout(*, x_title: str | None = None, y_title: str | None = None, height: int | None = None,
           **extra: Any) -> dict[str, Any]:
    """The house layout: white, Okabe–Ito colours, the viewer's decimal mark, the legend above the plot."""
    out: dict[str, Any] = {
        "template": None,
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "colorway": COLORWAY,
        "separators": fmt.plotly_separators(),
        "font": {"family": FONT, "size": 13, "color": "#262730"},
        "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        "hoverlabel": {"font": {"family": FONT}},
        "xaxis": axis(x_title),
        "yaxis": axis(y_title),
    }
    if height:
        out["height"] = height
    for k, v in extra.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = {**out[k], **v}
        else:
            out[k] = v
    return out


def with_unit(title: str, unit: str) -> str:
    """'Name, unit' once: names that already end in their unit ('… uz 1000 bērniem') are not repeated."""
    if not unit or title.rstrip().casefold().endswith(unit.strip().casefold()):
        return title
    return f"{title}, {unit}" if title else unit


def year_ticks(*year_lists: Sequence) -> dict[str, Any]:
    """Every year of the data as a tick, whole years only (plotly's own ticks skip some and add 2023,5)."""
    years = sorted({int(y) for ys in year_lists for y in ys if pd.notna(y)})
    out: dict[str, Any] = {"tickmode": "array", "tickvals": years, "ticktext": [str(y) for y in years]}
    if years:  # half a year either side, so the first and the last year's labels are not dropped at the edge
        out["range"] = [years[0] - 0.5, years[-1] + 0.5]
    return out


def shorten(label: str, *, limit: int) -> str:
    """A label cut at a word boundary with '…' so a narrow screen keeps the plot; the full text goes to the hover."""
    if len(label) <= limit:
        return label
    cut = label[: limit - 1].rsplit(" ", 1)[0] if " " in label[: limit - 1] else label[: limit - 1]
    return cut.rstrip(" ,.–-") + "…"


def figure(data: list[dict[str, Any]], lay: dict[str, Any]) -> go.Figure:
    """One validation pass for the whole figure."""
    return go.Figure(data=data, layout=lay)


def count_heatmap(
    matrix: pd.DataFrame,
    *,
    row_labels: Sequence[str],
    x_title: str,
    y_title: str,
    colorbar_title: str,
    scale: list | None = None,
    zmax: float | None = None,
    text: list[list[str]] | None = None,
    row_names: Sequence[str] | None = None,
    column_names: Sequence[str] | None = None,
) -> go.Figure:
    """Rows × columns of counts or shares, darker = more; zero cells stay white so gaps stand out.

    row_names / column_names are the full names for the hover when the axis shows short labels; the colour bar
    lies under the plot so that on a phone the cells keep the width.
    """
    rows_full = list(row_names or row_labels)
    cols_full = list(column_names or [str(c) for c in matrix.columns])
    trace: dict[str, Any] = {
        "type": "heatmap",
        "z": matrix.to_numpy().tolist(),
        "x": [str(c) for c in matrix.columns],
        "y": list(row_labels),
        "colorscale": scale or BLUES,
        "zmin": 0,
        "xgap": 1,
        "ygap": 1,
        "colorbar": {"title": {"text": colorbar_title, "side": "top"}, "orientation": "h", "thickness": 12,
                     "len": 1, "lenmode": "fraction", "x": 0, "xanchor": "left", "yref": "container", "y": 0,
                     "yanchor": "bottom"},
        "customdata": [[[r, c] for c in cols_full] for r in rows_full],
        "hovertemplate": "%{customdata[0]} · %{customdata[1]}: %{z}<extra></extra>",
    }
    if zmax is not None:
        trace["zmax"] = zmax
    if text is not None:
        trace.update({"text": text, "texttemplate": "%{text}", "textfont": {"size": 10},
                      "hovertemplate": "%{customdata[0]} · %{customdata[1]}: %{text}<extra></extra>"})
    long_columns = max((len(str(c)) for c in matrix.columns), default=0) > 4
    lay = layout(
        x_title=x_title, y_title=y_title, height=max(300, 18 * len(row_labels) + (230 if long_columns else 150)),
        xaxis={"type": "category", "side": "top", "tickangle": -60 if long_columns else 0, "tickfont": {"size": 10}},
        yaxis={"autorange": "reversed", "type": "category", "tickfont": {"size": 11}},
    )
    lay["margin"] = {**lay["margin"], "b": 70}  # room for the colour bar under the plot
    return figure([trace], lay)


def spine(points: pd.DataFrame, *, x_title: str, legend: dict[str, str], colours: dict[str, str]) -> go.Figure:
    """Each indicator's position among municipalities (0–100, right = better), dots coloured by benchmark.

    `points` has columns label, position, benchmark, hover; rows in display order (top to bottom). Labels are
    shortened so a phone keeps room for the dots (the full label is in the hover and the table).
    """
    short = {x: shorten(x, limit=30) for x in points["label"]}
    cuts = list(short.values())
    short = {x: x if cuts.count(s) > 1 else s for x, s in short.items()}  # two cut to one text: keep those whole
    data = []
    for code, label in legend.items():
        part = points[points["benchmark"] == code]
        if part.empty:
            continue
        data.append({
            "type": "scatter", "x": part["position"].tolist(), "y": [short[x] for x in part["label"]],
            "mode": "markers",
            "name": label, "marker": {"color": colours[code], "size": 11, "line": {"color": "#333333", "width": 1}},
            "customdata": part[["label", "hover"]].to_numpy().tolist(),
            "hovertemplate": "%{customdata[0]}<br>%{customdata[1]}<extra></extra>",
        })
    shapes = [  # quintile bands, alternating, so the eye reads 'bottom fifth' … 'top fifth'
        {"type": "rect", "xref": "x", "yref": "paper", "x0": q * 20, "x1": (q + 1) * 20, "y0": 0, "y1": 1,
         "fillcolor": "#F2F2F2", "line": {"width": 0}, "layer": "below"}
        for q in (0, 2, 4)
    ]
    shapes.append({"type": "line", "xref": "x", "yref": "paper", "x0": 50, "x1": 50, "y0": 0, "y1": 1,
                   "line": {"color": OKABE_ITO["grey"], "dash": "dot", "width": 1}})
    lay = layout(
        x_title=x_title, height=max(320, 20 * len(points) + 110), shapes=shapes,
        xaxis={"range": [-2, 102], "dtick": 20},
        yaxis={"type": "category", "categoryorder": "array",
               "categoryarray": [short[x] for x in points["label"]][::-1], "gridcolor": "#F5F5F5",
               "tickfont": {"size": 11}},
    )
    return figure(data, lay)


def small_multiples(
    series: pd.DataFrame,
    national: pd.DataFrame,
    *,
    titles: dict[str, str],
    units: dict[str, str],
    name_local: str,
    name_latvia: str,
    x_title: str,
    columns: int = 3,
) -> go.Figure:
    """One small chart per indicator: the municipality's line with its interval band, Latvia dashed."""
    ids = list(titles)
    rows = max(1, -(-len(ids) // columns))
    # in pixels: each row is a title (up to three lines), the plot, then the upright year ticks, so no title meets
    # the ticks of the row above
    row_px, title_px, ticks_px, gap_x = 330, 58, 46, 0.06
    plot_px = row_px * rows
    years = sorted({int(y) for y in series["year"]} | {int(y) for y in national["year"]})
    data: list[dict[str, Any]] = []
    extra: dict[str, Any] = {"annotations": []}
    shown_legend: set[str] = set()
    for n, ind in enumerate(ids):
        r, c = divmod(n, columns)
        suffix = "" if n == 0 else str(n + 1)
        x0, x1 = c / columns + gap_x / 2, (c + 1) / columns - gap_x / 2
        y1 = 1 - (r * row_px + title_px) / plot_px
        y0 = 1 - ((r + 1) * row_px - ticks_px) / plot_px
        xa, ya = f"x{suffix}", f"y{suffix}"
        extra[f"xaxis{suffix}"] = axis(x_title if r == rows - 1 else None, domain=[x0, x1], anchor=ya,
                                       tickfont={"size": 10}, tickangle=-90, **year_ticks(years))
        extra[f"yaxis{suffix}"] = axis(units.get(ind, ""), domain=[y0, y1], anchor=xa, rangemode="tozero")
        extra["annotations"].append({"text": titles[ind], "x": (x0 + x1) / 2, "y": y1 + 6 / plot_px, "xref": "paper",
                                     "yref": "paper", "showarrow": False, "yanchor": "bottom",
                                     "font": {"size": 12}})
        s = series[series["indicator"] == ind].sort_values("year")
        shown_years = s["year"].tolist()
        unit = units.get(ind, "")
        if s["lower"].notna().any():
            data.append({"type": "scatter", "x": shown_years + shown_years[::-1],
                         "y": s["upper"].tolist() + s["lower"].tolist()[::-1], "fill": "toself",
                         "fillcolor": BAND, "line": {"width": 0}, "hoverinfo": "skip", "showlegend": False,
                         "xaxis": xa, "yaxis": ya})
        data.append({"type": "scatter", "x": shown_years, "y": s["value"].tolist(), "mode": "lines+markers",
                     "name": name_local, "legendgroup": "local", "showlegend": "local" not in shown_legend,
                     "line": {"color": OKABE_ITO["blue"], "width": 2}, "marker": {"size": 5},
                     "hovertemplate": f"%{{x}}: %{{y}} {unit}<extra>{name_local}</extra>", "xaxis": xa, "yaxis": ya})
        shown_legend.add("local")
        nat = national[national["indicator"] == ind].sort_values("year")
        if len(nat):
            data.append({"type": "scatter", "x": nat["year"].tolist(), "y": nat["value"].tolist(), "mode": "lines",
                         "name": name_latvia, "legendgroup": "latvia", "showlegend": "latvia" not in shown_legend,
                         "line": {"color": OKABE_ITO["orange"], "width": 2, "dash": "dash"},
                         "hovertemplate": f"%{{x}}: %{{y}} {unit}<extra>{name_latvia}</extra>",
                         "xaxis": xa, "yaxis": ya})
            shown_legend.add("latvia")
    lay = layout(height=plot_px + 70, **extra)
    lay["margin"] = {"l": 10, "r": 10, "t": 60, "b": 10}
    return figure(data, lay)


def ranked_bars(
    frame: pd.DataFrame,
    *,
    x_title: str,
    colours: dict[str, str],
    legend: dict[str, str],
    reference: float | None,
    reference_label: str,
    highlight: str | None = None,
) -> go.Figure:
    """Horizontal bars, best at the top, with interval whiskers; Latvia as a dashed line.

    `frame` columns: label, value, lower, upper, benchmark, hover — already in rank order (best first).
    """
    data = []
    for code, label in legend.items():
        part = frame[frame["benchmark"] == code]
        if part.empty:
            continue
        bar: dict[str, Any] = {
            "type": "bar", "orientation": "h", "x": part["value"].tolist(), "y": part["label"].tolist(),
            "name": label, "marker": {"color": colours[code], "line": {"color": "#333333", "width": 0.5}},
            "customdata": part[["hover"]].to_numpy().tolist(),
            "hovertemplate": "%{y}: %{customdata[0]}<extra></extra>",
        }
        if part["upper"].notna().any():
            bar["error_x"] = {"type": "data", "symmetric": False, "array": (part["upper"] - part["value"]).tolist(),
                              "arrayminus": (part["value"] - part["lower"]).tolist(), "color": "#333333",
                              "thickness": 1, "width": 3}
        data.append(bar)
    shapes = []
    if reference is not None and pd.notna(reference):
        shapes.append({"type": "line", "xref": "x", "yref": "paper", "x0": reference, "x1": reference, "y0": 0,
                       "y1": 1, "line": {"color": OKABE_ITO["black"], "dash": "dash", "width": 1.5}})
    order = list(frame["label"])
    lay = layout(
        x_title=x_title, height=max(360, 19 * len(frame) + 120), shapes=shapes, barmode="overlay",
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": order[::-1]},
        annotations=[{"x": reference, "y": 1, "xref": "x", "yref": "paper", "text": reference_label,
                      "showarrow": False, "yanchor": "bottom", "font": {"size": 11}}]
        if shapes else [],
    )
    if highlight in order:
        lay["yaxis"]["tickfont"] = {"size": 12}
    return figure(data, lay)


def lines(
    frame: pd.DataFrame,
    *,
    x_title: str,
    y_title: str,
    reference: pd.DataFrame | None = None,
    reference_label: str = "",
    highlight: str | None = None,
) -> go.Figure:
    """One line per municipality over the years (grey), the chosen one and Latvia drawn on top."""
    data = []
    for label, part in frame.groupby("label", sort=True):
        strong = label == highlight
        data.append({"type": "scatter", "x": part["year"].tolist(), "y": part["value"].tolist(), "mode": "lines",
                     "name": str(label), "showlegend": strong,
                     "line": {"color": OKABE_ITO["blue"] if strong else "#C8C8C8", "width": 3 if strong else 1},
                     "hovertemplate": f"{label} %{{x}}: %{{y}}<extra></extra>"})
    data.sort(key=lambda d: d["showlegend"])  # the highlighted line last, so it is drawn on top
    if reference is not None and len(reference):
        data.append({"type": "scatter", "x": reference["year"].tolist(), "y": reference["value"].tolist(),
                     "mode": "lines", "name": reference_label,
                     "line": {"color": OKABE_ITO["orange"], "width": 3, "dash": "dash"},
                     "hovertemplate": f"{reference_label} %{{x}}: %{{y}}<extra></extra>"})
    ticks = year_ticks(frame["year"], reference["year"] if reference is not None else [])
    return figure(data, layout(x_title=x_title, y_title=y_title, height=420, xaxis=ticks))


def bars(
    frame: pd.DataFrame,
    *,
    x: str,
    y: str,
    x_title: str,
    y_title: str,
    colour: str = OKABE_ITO["blue"],
    text: str | None = None,
    horizontal: bool = False,
    height: int = 320,
    range_max: float | None = None,
    colours: Sequence[str] | None = None,
) -> go.Figure:
    """A plain bar chart (survey diagrams): one colour (or one per bar), values written on the bars."""
    trace: dict[str, Any] = {"type": "bar", "marker": {"color": list(colours) if colours else colour},
                             "cliponaxis": False}
    if horizontal:
        trace.update({"orientation": "h", "x": frame[y].tolist(), "y": frame[x].tolist()})
    else:
        trace.update({"x": frame[x].tolist(), "y": frame[y].tolist()})
    if text:
        trace.update({"text": frame[text].tolist(), "textposition": "outside"})
    lay = layout(x_title=x_title, y_title=y_title, height=height, showlegend=False)
    lay["margin"] = {**lay["margin"], "t": 20}  # no legend above: the bars start right under the heading
    value_axis = "xaxis" if horizontal else "yaxis"
    if range_max is not None:
        lay[value_axis]["range"] = [0, range_max]
    if horizontal:
        lay["yaxis"].update({"type": "category", "autorange": "reversed"})
    else:
        lay["xaxis"]["type"] = "category"
    return figure([trace], lay)


# the places compared: Okabe–Ito without orange, which is Latvia's line in every chart
PLACE_COLOURS = [OKABE_ITO[k] for k in ("blue", "green", "vermillion", "purple")]


def side_by_side(
    points: pd.DataFrame,
    *,
    title: str,
    y_title: str,
    reference: float | None,
    reference_label: str,
    height: int = 320,
) -> go.Figure:
    """Two to four municipalities' latest figures as dots with interval whiskers, Latvia as a dashed line.

    `points` columns: label (short, the axis), value, lower, upper, hover, mark ('<5' / 'x' / '' written where a
    figure is hidden or missing, so an empty place says why), in the chosen order; each place keeps its colour.
    """
    data: list[dict[str, Any]] = []
    labels = points["label"].tolist()
    for n, p in enumerate(points.to_dict("records")):
        if pd.isna(p["value"]):
            continue
        trace: dict[str, Any] = {
            "type": "scatter", "mode": "markers", "x": [p["label"]], "y": [p["value"]], "showlegend": False,
            "marker": {"color": PLACE_COLOURS[n % len(PLACE_COLOURS)], "size": 12, "line": {"color": "#333333", "width": 1}},
            "customdata": [[p["hover"]]], "hovertemplate": "%{customdata[0]}<extra></extra>",
        }
        if pd.notna(p["lower"]) and pd.notna(p["upper"]):
            trace["error_y"] = {"type": "data", "symmetric": False, "array": [p["upper"] - p["value"]],
                                "arrayminus": [p["value"] - p["lower"]], "color": PLACE_COLOURS[n % len(PLACE_COLOURS)],
                                "thickness": 2, "width": 8}
        data.append(trace)
    annotations = [{"x": p["label"], "y": 0.02, "xref": "x", "yref": "paper", "text": p["mark"], "showarrow": False,
                    "yanchor": "bottom", "font": {"size": 13, "color": OKABE_ITO["grey"]}}
                   for p in points.to_dict("records") if p["mark"]]
    shapes = []
    if reference is not None and pd.notna(reference):
        shapes.append({"type": "line", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": reference,
                       "y1": reference, "line": {"color": OKABE_ITO["orange"], "dash": "dash", "width": 2}})
        annotations.append({"x": 1, "y": reference, "xref": "paper", "yref": "y", "text": reference_label,
                            "showarrow": False, "xanchor": "right", "yanchor": "bottom",
                            "font": {"size": 11, "color": "#8A5A00"}})
    lay = layout(y_title=y_title, height=height, shapes=shapes, annotations=annotations, showlegend=False,
                 xaxis={"type": "category", "categoryorder": "array", "categoryarray": labels,
                        "range": [-0.5, len(labels) - 0.5]},
                 yaxis={"rangemode": "tozero"})
    lines = title.count("<br>") + 1
    # the title as an annotation above the plot (as in small_multiples): a plotly title of two lines loses its top
    lay["annotations"].append({"text": title, "x": 0, "xref": "paper", "xanchor": "left", "y": 1, "yref": "paper",
                               "yanchor": "bottom", "yshift": 10, "showarrow": False, "align": "left",
                               "font": {"size": 14}})
    lay["margin"] = {**lay["margin"], "t": 24 + 19 * lines}
    lay["height"] = height + 19 * (lines - 1)  # a second title line does not squeeze the plot
    return figure(data, lay)
