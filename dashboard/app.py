"""The dashboard's entry point: only a router (language switch, login, sample banner, navigation between pages)."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `streamlit run dashboard/app.py` puts only dashboard/ on the path
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from analysis.access import may_upload  # noqa: E402
from dashboard import data, login, printing, ui  # noqa: E402
from dashboard.i18n import t  # noqa: E402

# (file, translation key of the title, icon); the url path is the file name, stable across languages
PAGES = (
    ("app_pages/overview.py", "nav.overview", ":material/dashboard:"),
    ("app_pages/profile.py", "nav.profile", ":material/location_city:"),
    ("app_pages/compare.py", "nav.compare", ":material/compare_arrows:"),
    ("app_pages/indicators.py", "nav.indicators", ":material/bar_chart:"),
    ("app_pages/programme.py", "nav.programme", ":material/edit_note:"),
    ("app_pages/coverage.py", "nav.coverage", ":material/checklist:"),
    ("app_pages/upload.py", "nav.upload", ":material/upload_file:"),
    ("app_pages/methods.py", "nav.methods", ":material/menu_book:"),
)

# a file, not a Material icon: Streamlit fetches a Material favicon from fonts.gstatic.com, and nothing may leave
st.set_page_config(page_title="Bērnu tiesību situācija", page_icon=str(ROOT / "dashboard" / "assets" / "favicon.png"),
                   layout="wide")
data.begin_run()  # the data version, read once for this whole rerun
printed = printing.active()  # the print view (`?druka=1`): no sidebar at all, so nothing of it reaches the paper
ui.language_switch(show=not printed)
ui.narrow_screen_style()
printing.styles()
actor = login.gate(sidebar=not printed)  # who is asking: decides which pages exist (the library checks again)
data.set_viewer(actor)  # and which figures every cached view holds for this session
pages = [
    st.Page(path, title=t(title), icon=icon, url_path=Path(path).stem, default=(i == 0))
    for i, (path, title, icon) in enumerate(PAGES)
    if path != ui.UPLOAD_PAGE or may_upload(actor)
]
navigation = st.navigation(pages, position="hidden" if printed else "sidebar")
if not printed:
    st.sidebar.caption(t("app.sidebar_note"))
ui.sample_banner()
navigation.run()
