"""Rādītāji / Indicator explorer: one indicator across all municipalities — ranked with intervals, map, trends."""

import streamlit as st

from analysis.views import indicator as indicator_view
from analysis.views.profile import group_members
from dashboard import data, selection, ui
from dashboard.app_pages.indicator_parts import parts
from dashboard.i18n import field, lang, name, t

st.title(t("indicators.title"))
st.caption(t("indicators.lead"))
analysis = data.analysis()
if analysis is None or analysis.values.empty:
    ui.empty_state("common.analysis_empty")
    st.stop()
cat = data.catalogue()

# ---- select: domain, indicator, year, the municipality to highlight and its group
choices = indicator_view.choices(analysis, cat)
domains = list(choices)
c1, c2, c3 = st.columns([2, 3, 1])
wanted = st.query_params.get(selection.URL_INDICATOR)
if "explorer_domain" not in st.session_state and any(wanted in ids for ids in choices.values()):
    st.session_state["explorer_domain"] = next(no for no, ids in choices.items() if wanted in ids)
domain_no = c1.selectbox(t("indicators.pick_domain"), domains, key="explorer_domain",
                         format_func=lambda no: f"{no}. {name(cat.domain(no))}")
ids = choices[domain_no]
first = indicator_view.first_comparable(cat, ids)
seeded = selection.from_url("explorer_indicator", selection.URL_INDICATOR, ids)
indicator = c2.selectbox(t("indicators.pick_indicator"), ids, key="explorer_indicator",
                         format_func=lambda i: name(cat.indicator(i)),
                         **({} if seeded or "explorer_indicator" in st.session_state else {"index": ids.index(first)}))
if indicator not in ids:  # the domain changed under a remembered indicator
    indicator = first
selection.to_url(selection.URL_INDICATOR, indicator)
years = sorted(analysis.values.loc[analysis.values["indicator"] == indicator, "year"].unique().tolist())
year = c3.selectbox(t("indicators.pick_year"), years[::-1], key="explorer_year")
c4, c5 = st.columns([2, 3])
with c4:
    code = selection.municipality(sorted(analysis.groups["municipality_code"]), key="explorer_municipality")
muni = cat.municipality(code)
group_labels = {
    "all": t("indicators.filter_all"),
    "region": t("indicators.filter_region", region=name(cat.region(muni.region))),
    "type": t("indicators.filter_type", type=t(f"type.{muni.type}")),
    "size_band": t("indicators.filter_size_band"),
    "peers": t("indicators.filter_peers"),
}
group = c5.radio(t("indicators.filter_group"), list(group_labels), format_func=group_labels.get, horizontal=True,
                 key="explorer_group")

# ---- compute (analysis.views.indicator once per data version and choice, shared by every session)
ind = cat.indicator(indicator)
members = group_members(analysis, group=group, code=code)
view = parts(indicator, int(year), tuple(members) if members is not None else None, code, lang())

# ---- show
st.caption(t("indicators.definition", text=field(ind, "definition")))
st.caption(t("indicators.meta", unit=field(ind, "unit"),
             polarity=t(f"polarity.{ind.polarity}"), source=t(f"source.{ind.source}")))
st.subheader(t("indicators.ranked_heading", year=year))
st.caption(t("indicators.ranked_caption"))
if view["ranked"] is None:
    st.info(t("indicators.no_values"), icon=":material/info:")
else:
    ui.chart_with_table(view["ranked"], view["ranked_table"], key="ranked")
if view["hidden"]:
    st.caption(t("indicators.hidden_note", names=", ".join(view["hidden"])))
map_col, trend_col = st.columns(2)
with map_col:
    st.subheader(t("indicators.map_heading"))
    st.caption(t("indicators.map_caption"))
    ui.chart_with_table(view["tiles"], view["tiles_table"], key="tiles")
with trend_col:
    st.subheader(t("indicators.trend_heading"))
    st.caption(t("indicators.trend_caption"))
    if view["trends"] is not None:
        ui.chart_with_table(view["trends"], view["trends_table"], key="lines")
