"""The print view (`?druka=1`): a page laid out for A4 with no sidebar and no widgets, every section open, charts as
PNG images drawn by kaleido, so the browser's "Save as PDF" (or Chromium's page.pdf) gives the page as a document.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis.programme.charts import ChartsNotDrawn, render_png
from dashboard.i18n import t

URL_PRINT = "druka"
CONTROLS_KEY = "print_controls"  # the print view's own buttons: on the screen, never on paper
KEEP = "print_keep_"  # containers kept whole on one page

# fixed style sheets (no user text). Every page: printed on A4 without the app's chrome, the scrolling main area
# laid out at full length (else only its first screen is printed), tables and charts kept whole on a page.
PRINT_CSS = """<style>
@media print {
  @page { size: A4; margin: 12mm; }
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
  [data-testid="stBottom"], .stApp .st-key-print_controls { display: none !important; }
  html, body, #root, .stApp, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"],
  [data-testid="stAppScrollToBottomContainer"] {
    height: auto !important; min-height: 0 !important; overflow: visible !important; position: static !important; }
  [data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: none !important; }
  [data-testid="stTable"], [data-testid="stTable"] > div { overflow: visible !important; }
  [data-testid="stTable"] table { width: 100%; font-size: 7.5pt; }
  [data-testid="stTable"] th, [data-testid="stTable"] td { padding: 2px 3px !important; overflow-wrap: anywhere; }
  [data-testid="stVerticalBlock"] { display: block !important; }
  [data-testid="stVerticalBlock"] > * { margin-bottom: 0.6rem; }
  [data-testid="stTable"] tr, [data-testid="stImage"], [data-testid="stMetric"], [data-testid="stHeading"] {
    break-inside: avoid; }
  [data-testid="stHeading"], [data-testid="stMarkdown"]:has(strong:only-child) { break-after: avoid; }
  [class*="st-key-print_keep_"] { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
</style>"""
# the print view on the screen: as wide as the paper, so what is seen is what is printed
SCREEN_CSS = """<style>
@media screen { [data-testid="stMainBlockContainer"] { max-width: 210mm; } }
</style>"""


def active() -> bool:
    """The address asks for the print view (a copied link opens it too)."""
    return st.query_params.get(URL_PRINT) == "1"


def styles() -> None:
    """The print style sheet on every page (Ctrl+P prints any page cleanly), and the paper width in the print view."""
    st.html(PRINT_CSS + (SCREEN_CSS if active() else ""))


def _open() -> None:
    st.query_params[URL_PRINT] = "1"


def _close() -> None:
    st.query_params.pop(URL_PRINT, None)


def offer(*, key: str) -> None:
    """The "Print / PDF" button: the same view in this session (a logged-in user stays logged in), laid out for A4."""
    st.button(t("print.open"), on_click=_open, icon=":material/print:", help=t("print.open_help"), key=key)


def controls() -> None:
    """What to press next and the way back: shown on the screen above the print view, left off the paper."""
    with st.container(key=CONTROLS_KEY):
        st.info(t("print.hint"), icon=":material/print:")
        st.button(t("print.back"), on_click=_close, icon=":material/arrow_back:", key="print_back")


def together(*, key: str):
    """A section kept on one page when printed (a heading with its table, a chart's title with the chart)."""
    return st.container(key=f"{KEEP}{key}")


def table(frame: pd.DataFrame) -> None:
    """A whole table as static rows (an interactive grid prints only what fits in its box); cells as text, so a
    year column with a gap stays '2026' and the gap is blank."""
    st.table(frame.astype("string").fillna(""), hide_index=True, border="horizontal")


class Charts:
    """A print view's charts: each takes its place when shown, and all are drawn as PNG in one browser session."""

    def __init__(self) -> None:
        self._slots: list[tuple[object, go.Figure, str]] = []

    def add(self, fig: go.Figure, *, alt: str) -> None:
        self._slots.append((st.empty(), fig, alt))

    def draw(self) -> None:
        """Fills every place with its image (cached on the figures' content: a second print costs nothing)."""
        if not self._slots:
            return
        figures = tuple(fig for _slot, fig, _alt in self._slots)
        digest = hashlib.sha256("\n".join(f.to_json() for f in figures).encode()).hexdigest()
        with st.spinner(t("print.drawing")):
            try:
                images = _png(digest, figures)
            except ChartsNotDrawn:
                st.warning(t("print.charts_missing"), icon=":material/warning:")
                return
        for (slot, _fig, alt), png in zip(self._slots, images):
            slot.image(png, width="stretch", alt=alt)


@st.cache_data(max_entries=32, show_spinner=False)
def _png(digest: str, _figures: tuple[go.Figure, ...]) -> list[bytes]:
    """The figures as PNG, keyed on the digest of their content (the figures themselves are not hashed)."""
    return render_png(list(_figures))
