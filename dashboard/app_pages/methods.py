"""Dati un metodes / Data & methods: what every indicator means, how trends are judged, and the downloads."""

from datetime import date

import streamlit as st

from analysis.publish import RELEASE_FILES
from dashboard import data, downloads, fmt, ui
from dashboard.app_pages.methods_parts import indicator_catalogue, public_release, sees_everything, viewer
from dashboard.i18n import field, lang, name, t

st.title(t("methods.title"))
st.caption(t("methods.lead"))
cat = data.catalogue()
tab_catalogue, tab_methods, tab_downloads = st.tabs(
    [t("methods.tab_catalogue"), t("methods.tab_methods"), t("methods.tab_downloads")]
)

# ---- the catalogue browser
with tab_catalogue:
    st.subheader(t("methods.domains_heading"))
    domains = [{"#": d.no, t("common.domain"): name(d), t("methods.col_description"): field(d, "description")}
               for d in cat.domains]
    st.dataframe(domains, hide_index=True, key="domains")

    st.subheader(t("methods.indicators_heading"))
    left, right = st.columns([2, 3])
    domain_no = left.selectbox(
        t("methods.domain_filter"),
        [None, *[d.no for d in cat.domains]],
        format_func=lambda no: t("common.all") if no is None else f"{no}. {name(cat.domain(no))}",
        key="methods_domain",
    )
    query = right.text_input(t("common.search"), help=t("methods.search_help"), key="methods_query")
    table = indicator_catalogue(cat, domain_no=domain_no, query=query)
    st.caption(t("methods.indicator_count", n=len(table)))
    st.dataframe(table, hide_index=True, key="indicators")

# ---- the methods in plain language
with tab_methods:
    st.markdown(data.methods_text(lang()))

# ---- downloads
with tab_downloads:
    st.subheader(t("methods.downloads_heading"))
    st.caption(t("methods.downloads_caption"))
    tidy = data.tidy_data()
    if tidy.empty:
        ui.empty_state("downloads.no_data")
    elif not sees_everything(viewer()):
        st.caption(t("methods.public_release_caption"))
        for col, file in zip(st.columns(len(RELEASE_FILES)), RELEASE_FILES):
            col.download_button(
                t(f"methods.download_{file.replace('.', '_')}"), lambda file=file: public_release()[file],
                file_name=f"bernu_tiesibas_{file}", mime=downloads.XLSX_MIME if file.endswith("xlsx") else
                downloads.CSV_MIME, key=f"download_public_{file}", icon=":material/download:", on_click="ignore",
            )
    else:
        st.caption(t("methods.analyst_downloads_caption"))
        today = fmt.day(date.today())
        readme = downloads.readme_lines(
            t=t, version=data.key()[1], sample=data.provenance()["sample_rows"] > 0, today=today
        )
        stamp = date.today().isoformat()
        c1, c2 = st.columns(2)
        c1.download_button(
            t("common.download_csv"), lambda: downloads.csv_bytes(tidy), file_name=f"bernu_tiesibas_dati_{stamp}.csv",
            mime=downloads.CSV_MIME, key="download_csv", icon=":material/download:", on_click="ignore",
        )
        c2.download_button(
            t("common.download_xlsx"),
            lambda: downloads.data_workbook(tidy, indicators=data.indicator_table(), uploads=data.uploads(),
                                            readme=readme),
            file_name=f"bernu_tiesibas_dati_{stamp}.xlsx",
            mime=downloads.XLSX_MIME, key="download_xlsx", icon=":material/download:", on_click="ignore",
        )
        st.subheader(t("methods.citation_heading"))
        st.code(readme[-1], language=None)

    st.subheader(t("methods.template_heading"))
    st.caption(t("methods.template_caption"))
    st.download_button(
        t("methods.template_button"), data.upload_template(), file_name="bernu_tiesibas_veidne.xlsx",
        mime=downloads.XLSX_MIME, key="download_template", icon=":material/download:",
    )
