"""Charts for the programme document, drawn as PNG images by kaleido on Debian's Chromium (nothing downloaded).

The browser is the system's (`BROWSER_PATH`, default /usr/bin/chromium); MathJax is off, plotly.js is the one
installed with plotly, so rendering needs no network. All figures of a document are rendered in one browser
session.
"""

from __future__ import annotations

import asyncio
import os

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

CHROMIUM = "/usr/bin/chromium"
WIDTH, HEIGHT_PER_ROW = 900, 230
MAX_PANELS = 6
COLOUR_LOCAL, COLOUR_LATVIA = "#1f5fa8", "#8c8c8c"


def browser_path() -> str:
    """The Chromium kaleido drives: BROWSER_PATH when set (as choreographer reads it), else Debian's."""
    return os.environ.get("BROWSER_PATH") or CHROMIUM


def domain_figure(
    values: pd.DataFrame,
    national: pd.DataFrame,
    *,
    titles: dict[str, str],
    name_local: str,
    name_latvia: str,
    separators: str,
) -> go.Figure | None:
    """Small multiples of a domain's indicators over the years: the municipality's line and Latvia's, hidden
    small numbers left out (a gap, never a made-up point). None when no indicator has a shown value."""
    shown = values.dropna(subset=["value"])
    ids = [i for i in titles if (shown["indicator"] == i).any()][:MAX_PANELS]
    if not ids:
        return None
    cols = 2 if len(ids) > 1 else 1
    rows = (len(ids) + cols - 1) // cols
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=[_wrap(titles[i]) for i in ids],
                        horizontal_spacing=0.12, vertical_spacing=0.25 / rows + 0.08)
    for n, ind in enumerate(ids):
        r, c = n // cols + 1, n % cols + 1
        own = shown[shown["indicator"] == ind].sort_values("year")
        fig.add_trace(go.Scatter(x=own["year"], y=own["value"], mode="lines+markers", name=name_local,
                                 line={"color": COLOUR_LOCAL, "width": 2}, showlegend=n == 0), row=r, col=c)
        lv = national[(national["indicator"] == ind)].dropna(subset=["value"]).sort_values("year")
        if len(lv):
            fig.add_trace(go.Scatter(x=lv["year"], y=lv["value"], mode="lines", name=name_latvia,
                                     line={"color": COLOUR_LATVIA, "dash": "dot"}, showlegend=n == 0), row=r, col=c)
        fig.update_xaxes(dtick=1, row=r, col=c)
    fig.update_layout(width=WIDTH, height=90 + HEIGHT_PER_ROW * rows, margin={"l": 50, "r": 20, "t": 60, "b": 30},
                      template="plotly_white", separators=separators, font={"size": 11},
                      legend={"orientation": "h", "y": 1.0 + 0.25 / rows, "x": 0})
    fig.update_annotations(font_size=11)
    return fig


def _wrap(text: str, width: int = 55) -> str:
    words, lines, line = text.split(), [], ""
    for w in words:
        if line and len(line) + len(w) + 1 > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    lines.append(line)
    return "<br>".join(lines[:2])


RENDER_SECONDS = 180.0  # one kaleido session for a document's charts: about 2 minutes at load 20 on two cores


class ChartsNotDrawn(RuntimeError):
    """Chromium did not draw the charts (twice): the caller goes on without the images and says so."""


def render_png(figures: list[go.Figure], *, timeout: float = RENDER_SECONDS, attempts: int = 2) -> list[bytes]:
    """Every figure as PNG bytes, rendered in one kaleido session on the system Chromium; a session that fails or
    hangs past `timeout` (kaleido 1.5's start can race under load, and then waits forever) is ended and tried once
    more, then ChartsNotDrawn: a person waiting for a document never waits without end."""
    if not figures:
        return []
    import kaleido

    async def run() -> list[bytes]:
        async with kaleido.Kaleido(n=1, mathjax=False, path=browser_path()) as k:
            out = []
            for fig in figures:
                out.append(await k.calc_fig(fig, opts={"format": "png", "width": fig.layout.width or WIDTH,
                                                       "height": fig.layout.height or 400, "scale": 1.5}))
            return out

    async def bounded() -> list[bytes]:
        return await asyncio.wait_for(run(), timeout=timeout)

    failure: Exception | None = None
    for _ in range(attempts):
        try:
            return _in_own_loop(bounded)
        except Exception as exc:  # noqa: BLE001 — a browser that failed or hung: once more, then said
            failure = exc
    raise ChartsNotDrawn(f"{type(failure).__name__}: {failure}") from failure


def _in_own_loop(work) -> list[bytes]:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(work())
    from concurrent.futures import ThreadPoolExecutor  # called from inside an event loop: render beside it

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, work()).result()
