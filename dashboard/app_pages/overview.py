"""Sākums / Overview: the national picture at a glance — what data there is, where things are getting worse."""

import streamlit as st

from dashboard import data, fmt, ui
from dashboard.app_pages import overview_parts as parts
from dashboard.app_pages.profile_parts import as_table_cells
from dashboard.i18n import lang, t

st.title(t("overview.title"))
st.caption(t("overview.lead"))

# ---- select: nothing to choose; the whole country
matrix = data.values_by_year()
if matrix.empty:
    ui.empty_state("overview.empty")
    st.stop()

# ---- compute (analysis.views once per data version, shared by every session)
view = data.overview()
figures = data.coverage()

# ---- show: headline figures
cols = st.columns(3)
cols[0].metric(t("overview.metric_municipalities"), fmt.integer(len(matrix.index)))
cols[1].metric(t("overview.metric_latest_year"), str(int(matrix.columns.max())))
if figures is not None:
    status = figures.status.set_index("key")["count"]
    change = data.coverage_change(figures.survey_year)  # analysis.coverage's change since the previous survey
    since = {} if change is None or "with_programme_or_elements" not in change[1] else {
        "delta": fmt.number(change[1]["with_programme_or_elements"], signed=True), "delta_color": "off",
        "delta_arrow": fmt.arrow_of(change[1]["with_programme_or_elements"]),
        "delta_description": t("coverage.since", year=change[0])}
    cols[2].metric(
        t("overview.metric_programmes", year=figures.survey_year),
        t("overview.metric_programmes_value", developed=int(status.get("developed", 0)),
          other=int(status.get("in_other_documents", 0)), n=figures.n),
        help=t("overview.metric_programmes_help"), **since,
    )
    st.page_link("app_pages/coverage.py", label=t("overview.to_coverage"), icon=":material/checklist:")
else:
    cols[2].metric(t("overview.metric_programmes", year="–"), t("overview.no_survey"))

if view is not None:
    # ---- show: where it gets worse, and is it real
    st.subheader(t("overview.heatmap_heading"))
    st.caption(t("overview.heatmap_caption", window=3))
    ui.chart_with_table(*parts.heatmap(lang()), key="assessments")

    st.subheader(t("overview.worst_heading"))
    st.caption(t("overview.worst_caption"))
    if view.worst.empty:
        st.info(t("overview.worst_none"), icon=":material/info:")
    else:
        # st.table wraps its cells: every column stays on the page, on a phone too (st.dataframe would cut them off)
        st.table(as_table_cells(parts.worst(lang())), hide_index=True, border="horizontal")

    # ---- show: the gap register
    st.subheader(t("overview.gaps_heading", year=view.gaps_year))
    st.caption(t("overview.gaps_caption"))
    ui.chart_with_table(*parts.gaps(lang()), key="gaps")

# ---- show: what is stored, per year (built when opened)
box = st.expander(t("overview.values_expander"), expanded=view is None, key="overview_values", on_change="rerun")
if box.open:
    with box:
        st.caption(t("overview.values_caption"))
        ui.chart_with_table(*parts.values_by_year(lang()), key="values_by_year")
