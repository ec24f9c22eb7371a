"""Pašvaldības profils / Municipality profile: one municipality, the 16 domains, trends and comparisons."""

from datetime import date

import streamlit as st

from dashboard import data, downloads, fmt, selection, tables, ui
from dashboard.i18n import name, t

st.title(t("profile.title"))
st.caption(t("profile.lead"))
if not data.stats_available():
    ui.not_available("common.stats_missing")
    st.stop()
analysis = data.analysis()
if analysis is None or analysis.trends.empty:
    ui.empty_state("common.analysis_empty")
    st.stop()
cat = data.catalogue()

# ---- select
left, right = st.columns([2, 3])
with left:
    code = selection.municipality(sorted(analysis.groups["municipality_code"]), key="profile_municipality")
with right:
    peer_group = selection.peer_group(key="profile_peer_group")
muni = cat.municipality(code)

# ---- compute (one cached view: the page only shows it)
view = data.profile_view(code, peer_group=peer_group)
group = analysis.groups.set_index("municipality_code").loc[code]
neighbours = analysis.neighbours[analysis.neighbours["municipality_code"] == code]

# ---- show: who, the headline counts, the download
st.subheader(name(muni))
st.caption(t("profile.facts", type=t(f"type.{muni.type}"), region=name(cat.region(muni.region)),
             band=selection.size_band_label(group["size_band"])))
if len(neighbours):
    st.caption(t("profile.peers_list", names=", ".join(neighbours["peer"])))
# every indicator counts once: the five figures add up to the catalogue's indicators
m = st.columns(5)
m[0].metric(t("profile.metric_worsening"), fmt.integer(view.counts["worsening"]))
m[1].metric(t("profile.metric_improving"), fmt.integer(view.counts["improving"]))
m[2].metric(t("profile.metric_stable"), fmt.integer(view.counts["stable"]))
m[3].metric(t("profile.metric_not_assessed"), fmt.integer(view.counts["not_assessed"]),
            help=t("profile.metric_not_assessed_help"))
m[4].metric(t("profile.metric_missing"), fmt.integer(view.counts["missing"]))
st.caption(t("profile.window_note", window=analysis.settings.window))
readme = [t("profile.readme_title", name=name(muni)), *downloads.readme_lines(
    t=t, version=data.key()[1], sample=data.provenance()["sample_rows"] > 0, today=fmt.day(date.today()))[1:]]
sheets = (t("profile.sheet_profile"), t("profile.sheet_values"), t("profile.sheet_missing"))
st.download_button(
    t("profile.download"),
    lambda: downloads.profile_workbook(view.table, view.values, readme=readme, sheet_names=sheets),
    file_name=f"profils_{muni.code}_{date.today().isoformat()}.xlsx", mime=downloads.XLSX_MIME,
    help=t("profile.download_help"), icon=":material/download:", on_click="ignore", key="profile_download",
)
st.download_button(
    t("profile.download_docx"), data.profile_document(code),
    file_name=f"situacijas_analize_{muni.code}_{date.today().isoformat()}.docx", mime=downloads.DOCX_MIME,
    help=t("profile.download_docx_help"), icon=":material/description:", on_click="ignore",
    key="profile_download_docx",
)

# ---- show: the spine chart across every indicator
st.subheader(t("profile.spine_heading"))
st.caption(t("profile.spine_caption"))
if view.spine is not None:
    ui.chart_with_table(view.spine, view.spine_table, key="spine")

# ---- show: the 16 domains in the guidance's order
for domain in cat.domains:
    part = view.table[view.table["domain"] == domain.no]
    summary = t("profile.domain_summary", n=len(part), up=int((part["assessment"] == "improving").sum()),
                down=int((part["assessment"] == "worsening").sum()),
                missing=int((part["assessment"] == "missing").sum()))
    with st.expander(f"{domain.no}. {name(domain)} — {summary}"):
        st.table(part.drop(columns=list(tables.PROFILE_HIDDEN)), hide_index=True, border="horizontal")
        charts_of_domain = view.domains.get(domain.no)
        if charts_of_domain is not None:
            st.caption(t("profile.trend_caption"))
            ui.chart_with_table(*charts_of_domain, key=f"trends_{domain.no}")
