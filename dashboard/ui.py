"""Building blocks every page shares: the language switch, the sample banner, empty states, chart + table."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis.access import may_upload
from dashboard import chrome, data, fmt, login, printing
from dashboard.i18n import DEFAULT_LANG, LANG_KEY, LANGS, t

LANG_LABELS = {"lv": "Latviešu", "en": "English"}
UPLOAD_PAGE = "app_pages/upload.py"


URL_LANG = "valoda"


def language_switch(*, show: bool = True) -> None:
    """Latvian by default; the choice lives in session_state (every page and rerun sees it) and in the address bar
    as `valoda`, so a reload or a copied link keeps it. The print view (show=False) keeps it without the switch."""
    if LANG_KEY not in st.session_state:
        chosen = st.query_params.get(URL_LANG)
        st.session_state[LANG_KEY] = chosen if chosen in LANGS else DEFAULT_LANG
    if show:
        st.sidebar.radio("Valoda / Language", LANGS, format_func=LANG_LABELS.get, key=LANG_KEY, horizontal=True)
    else:
        st.session_state[LANG_KEY] = st.session_state[LANG_KEY]  # kept while its switch is not drawn
    if st.query_params.get(URL_LANG) != st.session_state[LANG_KEY]:
        st.query_params[URL_LANG] = st.session_state[LANG_KEY]
    chrome.page_language(st.session_state[LANG_KEY], sidebar=show)


# a fixed style sheet (no user text): long link labels wrap on a phone instead of running off the screen
NARROW_SCREEN_CSS = """<style>
[data-testid="stPageLink-NavLink"] { height: auto; max-width: 100%; }
[data-testid="stPageLink-NavLink"] p, [data-testid="stPageLink-NavLink"] span {
  white-space: normal; overflow-wrap: anywhere; }
</style>"""


def narrow_screen_style() -> None:
    """Applies NARROW_SCREEN_CSS once per run (st.html with only a style sheet takes no room on the page)."""
    st.html(NARROW_SCREEN_CSS)


def sample_banner() -> None:
    """Says plainly when the numbers shown are synthetic, so nobody quotes them."""
    prov = data.provenance()
    if not prov["sample_rows"]:
        return
    if prov["sample_rows"] == prov["rows"]:
        st.warning(t("banner.sample_only"), icon=":material/science:")
    else:
        st.warning(
            t("banner.sample_mixed", n=fmt.integer(prov["sample_rows"]), total=fmt.integer(prov["rows"])),
            icon=":material/science:",
        )


def empty_state(message_key: str, *, upload_link: bool = True, **params) -> None:
    """An empty page says what to do next instead of showing nothing."""
    st.info(t(message_key, **params), icon=":material/info:")
    if upload_link and may_upload(login.current_actor()):  # the public has no upload page to link to
        st.page_link(UPLOAD_PAGE, label=t("nav.upload"), icon=":material/upload_file:")


def chart_with_table(fig: go.Figure, table: pd.DataFrame, *, key: str, hide_index: bool = True,
                     printed: printing.Charts | None = None, alt: str = "") -> None:
    """Every chart has its numbers one click away, for screen readers and for copying into a report; in the print
    view (`printed`) it is an image described by `alt`, and its numbers are in the page's own tables."""
    if printed is not None:
        printed.add(fig, alt=alt)
        return
    st.plotly_chart(fig, key=f"chart_{key}", config={"displaylogo": False})
    table_behind(table, key=key, hide_index=hide_index)


@st.fragment
def table_behind(table: pd.DataFrame, *, key: str, hide_index: bool = True) -> None:
    """The table is sent when its section is opened, and opening it reruns only this section."""
    box = st.expander(t("common.table_behind_chart"), key=f"table_open_{key}", on_change="rerun")
    if box.open:
        with box:
            st.dataframe(table, hide_index=hide_index, key=f"table_{key}")


FLASH_KEY = "_flash"


def flash(message: str, *, detail: str = "") -> None:
    """A confirmation that survives the rerun which refreshes the page after a store or a restore.

    `detail` is the user's own text (a file name): shown as plain text under the message, never as markdown.
    """
    st.session_state[FLASH_KEY] = (message, detail)


def show_flash() -> None:
    message, detail = st.session_state.pop(FLASH_KEY, None) or ("", "")
    if message:
        st.success(message, icon=":material/check_circle:")
        if detail:
            st.text(detail)
