"""Salīdzināt pašvaldības / Compare municipalities: two to four side by side per domain, with intervals and Latvia."""

import streamlit as st

from dashboard import data, selection, ui
from dashboard.app_pages import compare_parts as parts
from dashboard.app_pages.profile_parts import as_table_cells
from dashboard.i18n import lang, name, t

st.title(t("compare.title"))
st.caption(t("compare.lead"))
analysis = data.analysis()
if analysis is None or analysis.trends.empty:
    ui.empty_state("common.analysis_empty")
    st.stop()
cat = data.catalogue()

# ---- select (the address bar holds the choice: salidzinat=CODE,CODE&joma=N, so a copied link opens the same)
options = sorted(analysis.groups["municipality_code"])
left, right = st.columns([3, 2])
with left:
    codes = selection.municipalities(options, key="compare_municipalities", default=parts.default_codes(options),
                                     most=4)
with right:
    domains = [d.no for d in cat.domains]
    selection.from_url("compare_domain", selection.URL_DOMAIN, domains, convert=int)
    domain_no = st.selectbox(t("common.domain"), domains, key="compare_domain",
                             format_func=lambda n: f"{n}. {name(cat.domain(n))}")
    selection.to_url(selection.URL_DOMAIN, domain_no)
if len(codes) < 2:
    ui.empty_state("compare.pick_more", upload_link=False)
    st.stop()

# ---- compute (analysis.views.compare once per data version; words per language, shared by every session)
chosen = tuple(codes)
view = parts.comparison(chosen, domain_no)

# ---- show: one small chart per indicator on a common scale, the judgement under it
st.subheader(f"{domain_no}. {name(cat.domain(domain_no))}")
st.caption(t("compare.how_to_read"))
if not view.charted:
    st.info(t("compare.nothing_charted"), icon=":material/info:")
for n, indicator in enumerate(view.charted):
    if n % 2 == 0:  # a row of two per pair, so a phone stacks them in the guidance's order
        columns = st.columns(2)
    fig, lines = parts.chart(chosen, domain_no, indicator, lang())
    with columns[n % 2]:
        st.plotly_chart(fig, key=f"compare_chart_{indicator}", config={"displaylogo": False})
        for line in lines:
            st.caption(line)

# ---- show: every indicator's figures, and every pair's judgement in words
st.subheader(t("compare.values_heading"))
st.caption(t("compare.counts_note"))
if view.small_in_clear:
    st.caption(t("compare.small_in_clear"))
# st.table wraps long indicator names on a phone instead of cutting them (its cells escaped as on the profile)
st.table(as_table_cells(parts.values_table(chosen, domain_no, lang())), hide_index=True, border="horizontal")
st.subheader(t("compare.judgements_heading"))
st.table(as_table_cells(parts.judgements_table(chosen, domain_no, lang())), hide_index=True, border="horizontal")
