"""Pašvaldības profils / Municipality profile: one municipality, the 16 domains, trends and comparisons.

The print view (`?druka=1`) is the same page with no pickers or downloads, every domain open and charts as images.
"""

from datetime import date

import streamlit as st

from dashboard import data, downloads, fmt, printing, selection, ui
from dashboard.app_pages import profile_parts as parts
from dashboard.app_pages import profile_sources
from dashboard.i18n import lang, name, t

st.title(t("profile.title"))
st.caption(t("profile.lead"))
analysis = data.analysis()
if analysis is None or analysis.trends.empty:
    ui.empty_state("common.analysis_empty")
    st.stop()
cat = data.catalogue()
printed = printing.Charts() if printing.active() else None

# ---- select (the print view has no pickers: it prints the view it was opened from, or the one in its address)
codes = sorted(analysis.groups["municipality_code"])
if printed is None:
    left, right = st.columns([2, 3])
    with left:
        code = selection.municipality(codes, key="profile_municipality")
    with right:
        peer_group = selection.peer_group(key="profile_peer_group")
else:
    printing.controls()
    code, peer_group = selection.remembered_municipality(codes), selection.remembered_peer_group()
muni = cat.municipality(code)

# ---- compute (analysis.views.profile once per data version; words per language, shared by every session)
view = data.profile(code)
table = parts.table(code, peer_group, lang())

# ---- show: who, the headline counts, the downloads
st.subheader(name(muni))
st.caption(t("profile.facts", type=t(f"type.{muni.type}"), region=name(cat.region(muni.region)),
             band=selection.size_band_label(view.group.get("size_band", ""))))
if view.peers:
    st.caption(t("profile.peers_list", names=", ".join(name(cat.municipality(c)) for c in view.peers)))
st.page_link("app_pages/compare.py", label=t("profile.compare_link"), icon=":material/compare_arrows:")
# every indicator counts once: the five figures add up to the catalogue's indicators
m = st.columns(5)
m[0].metric(t("profile.metric_worsening"), fmt.integer(view.headline["worsening"]))
m[1].metric(t("profile.metric_improving"), fmt.integer(view.headline["improving"]))
m[2].metric(t("profile.metric_stable"), fmt.integer(view.headline["stable"]))
m[3].metric(t("profile.metric_not_assessed"), fmt.integer(view.headline["not_assessed"]),
            help=t("profile.metric_not_assessed_help"))
m[4].metric(t("profile.metric_missing"), fmt.integer(view.headline["missing"]))
st.caption(t("profile.window_note", window=analysis.settings.window))


def downloads_and_print() -> None:
    """The workbook, the values as CSV, the chapter draft and the print view; none of them on paper."""
    readme = [t("profile.readme_title", name=name(muni)), *downloads.readme_lines(
        t=t, version=data.key()[1], sample=data.provenance()["sample_rows"] > 0, today=fmt.day(date.today()),
        sheets="profile.readme_sheets", citation="profile.readme_citation")[1:]]
    sheet_names = (t("profile.sheet_profile"), t("profile.sheet_values"), t("profile.sheet_missing"))
    sheets = dict(zip(sheet_names, parts.workbook_sheets.at(*data.key(), code, peer_group, lang())))
    st.download_button(
        t("profile.download"),
        lambda: downloads.profile_workbook(sheets, readme=readme),
        file_name=f"profils_{muni.code}_{date.today().isoformat()}.xlsx", mime=downloads.XLSX_MIME,
        help=t("profile.download_help"), icon=":material/download:", on_click="ignore", key="profile_download",
    )
    st.download_button(
        t("profile.download_csv_lv"),
        lambda: downloads.csv_bytes(sheets[sheet_names[1]], latvian_excel=True),
        file_name=f"profils_{muni.code}_{date.today().isoformat()}.csv", mime=downloads.CSV_MIME,
        help=t("profile.download_csv_lv_help"), icon=":material/download:", on_click="ignore",
        key="profile_download_csv",
    )
    st.download_button(
        t("profile.download_docx"), parts.profile_document(code, lang=lang()),
        file_name=f"situacijas_analize_{muni.code}_{date.today().isoformat()}.docx", mime=downloads.DOCX_MIME,
        help=t("profile.download_docx_help"), icon=":material/description:", on_click="ignore",
        key="profile_download_docx",
    )
    printing.offer(key="profile_print")


if printed is None:
    downloads_and_print()

# ---- show: the spine chart across every indicator (printed in pieces that each fit on a page, the first kept
# with the heading)
pieces = parts.spine_pages(code, lang()) if printed is not None else []
with printing.together(key="spine"):
    st.subheader(t("profile.spine_heading"))
    st.caption(t("profile.spine_caption"))
    for piece in pieces[:1]:
        printed.add(piece, alt=t("profile.spine_heading"))
for piece in pieces[1:]:
    printed.add(piece, alt=t("profile.spine_heading"))
if printed is None and (spine := parts.spine(code, lang())) is not None:
    ui.chart_with_table(*spine, key="spine")


# ---- show: the 16 domains in the guidance's order; a domain is built when it is opened, and opening it reruns
# only that domain
@st.fragment
def domain_section(domain, rows, counts) -> None:
    box = st.expander(f"{domain.no}. {name(domain)} — {parts.domain_summary(counts)}",
                      key=f"profile_domain_{domain.no}", on_change="rerun")
    if not box.open:
        return
    selection.to_url(selection.URL_DOMAIN, domain.no)
    with box:
        domain_body(domain, rows)


def domain_body(domain, rows) -> None:
    """A domain's table, its small multiples and where its values came from, in its section on the screen."""
    domain_table(rows)
    domain_trends(domain)
    with st.popover(t("profile.sources_button"), icon=":material/info:"):  # where each value came from
        st.caption(t("profile.sources_lead"))
        found = profile_sources.sources(code, tuple(rows["indicator"]), tuple(view.years), lang())
        if found.empty:
            st.info(t("profile.sources_empty"))
        else:
            # a dataframe, not st.table: a file's name is a person's text and st.table reads cells as markdown
            st.dataframe(found, hide_index=True, key=f"sources_{domain.no}", width=760)


def domain_table(rows) -> None:
    st.table(parts.as_table_cells(rows.drop(columns=list(parts.HIDDEN))), hide_index=True, border="horizontal")
    st.caption(parts.sources_note(rows))


def domain_trends(domain) -> None:
    chart = parts.domain_chart(code, domain.no, lang())
    if chart is not None:
        with printing.together(key=f"trends_{domain.no}"):  # printed: the legend's words stay with the chart
            st.caption(t("profile.trend_caption"))
            ui.chart_with_table(*chart, key=f"trends_{domain.no}", printed=printed,
                                alt=f"{domain.no}. {name(domain)}")


if printed is not None:  # every domain open, then every chart drawn as an image in one go
    for domain in cat.domains:
        with printing.together(key=f"domain_{domain.no}"):  # a heading is never left at the foot of a page
            summary = parts.domain_summary(view.domains.loc[domain.no])
            st.subheader(f"{domain.no}. {name(domain)} — {summary}")
            domain_table(table[table["domain"] == domain.no])
        domain_trends(domain)
    printed.draw()
else:
    if selection.from_url("profile_domain_url", selection.URL_DOMAIN, [d.no for d in cat.domains], convert=int):
        st.session_state[f"profile_domain_{st.session_state['profile_domain_url']}"] = True  # a link opens it
    for domain in cat.domains:
        domain_section(domain, table[table["domain"] == domain.no], view.domains.loc[domain.no])
