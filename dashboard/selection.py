"""The user's choices that follow them between pages (municipality, peer group), kept in session_state and the URL."""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from analysis.stats import SIZE_BAND_LABELS
from analysis.territory import territory
from analysis.text import fold
from analysis.views.profile import PEER_GROUPS
from dashboard import data, fmt
from dashboard.i18n import lang, name, t

CHOSEN_MUNICIPALITY = "chosen_municipality"
CHOSEN_PEER_GROUP = "chosen_peer_group"
URL_MUNICIPALITY = "pasvaldiba"
URL_PEER_GROUP = "grupa"
URL_DOMAIN = "joma"
URL_INDICATOR = "raditajs"
URL_COMPARE = "salidzinat"
URL_YEAR = "gads"


def from_url(key: str, param: str, options, *, convert=str) -> bool:
    """Seeds a widget from the address bar (a copied link opens the same view); True when it did."""
    if key in st.session_state or param not in st.query_params:
        return False
    try:
        value = convert(st.query_params[param])
    except (TypeError, ValueError):
        return False
    if value not in options:
        return False
    st.session_state[key] = value
    return True


def to_url(param: str, value) -> None:
    """Puts a choice in the address bar, so a copied link or a reload keeps it."""
    if st.query_params.get(param) != str(value):
        st.query_params[param] = str(value)


def municipality(codes: list[str], *, key: str) -> str:
    """A searchable municipality picker; the choice is remembered across pages and put in the address bar."""
    cat = data.catalogue()
    options = sorted(codes, key=lambda c: fold(name(cat.municipality(c)) if cat.municipality(c) else c))
    remembered = st.session_state.get(CHOSEN_MUNICIPALITY) or st.query_params.get(URL_MUNICIPALITY)
    if key not in st.session_state and remembered and remembered not in options and cat.municipality(remembered):
        successor = territory().successor_today(remembered)  # a link to a merged municipality: to where it went
        if successor in options:
            old = cat.municipality(remembered)
            since = fmt.day(old.valid_to + timedelta(days=1)) if old.valid_to else "–"
            st.info(t("selection.merged_into", old=name(old), new=name(cat.municipality(successor)), day=since),
                    icon=":material/merge:")
            remembered = successor
    if key not in st.session_state and remembered in options:
        st.session_state[key] = remembered
    chosen = st.selectbox(
        t("profile.pick"), options, key=key,
        format_func=lambda c: name(cat.municipality(c)) if cat.municipality(c) else c,
    )
    st.session_state[CHOSEN_MUNICIPALITY] = chosen
    to_url(URL_MUNICIPALITY, chosen)
    return chosen


def municipalities(codes: list[str], *, key: str, default: list[str], most: int) -> list[str]:
    """A searchable pick of several municipalities (`salidzinat=CODE,CODE` in the address bar opens the same ones)."""
    cat = data.catalogue()
    options = sorted(codes, key=lambda c: fold(name(cat.municipality(c)) if cat.municipality(c) else c))
    if key not in st.session_state:
        linked = [c for c in st.query_params.get(URL_COMPARE, "").split(",") if c in options]
        st.session_state[key] = list(dict.fromkeys(linked))[:most] if URL_COMPARE in st.query_params else default
    chosen = st.multiselect(t("compare.pick"), options, key=key, max_selections=most,
                            placeholder=t("compare.pick_placeholder"),
                            format_func=lambda c: name(cat.municipality(c)) if cat.municipality(c) else c)
    to_url(URL_COMPARE, ",".join(chosen))
    return chosen


def peer_group(*, key: str) -> str:
    """Which group ranks are computed in: region, type, size band, or the nearest municipalities."""
    remembered = st.session_state.get(CHOSEN_PEER_GROUP)
    if not from_url(key, URL_PEER_GROUP, PEER_GROUPS) and key not in st.session_state and remembered in PEER_GROUPS:
        st.session_state[key] = remembered
    chosen = st.selectbox(t("profile.peer_group"), PEER_GROUPS, key=key, format_func=lambda g: t(f"peer.{g}"))
    st.session_state[CHOSEN_PEER_GROUP] = chosen
    to_url(URL_PEER_GROUP, chosen)
    return chosen


def remembered_municipality(codes: list[str]) -> str:
    """The print view's municipality (it has no picker): the one chosen before or in the address, else the first."""
    cat = data.catalogue()
    for code in (st.session_state.get(CHOSEN_MUNICIPALITY), st.query_params.get(URL_MUNICIPALITY)):
        if code in codes:
            return code
    return min(codes, key=lambda c: fold(name(cat.municipality(c)) if cat.municipality(c) else c))


def remembered_peer_group() -> str:
    """The print view's peer group: the one chosen before or in the address, else the picker's first."""
    for group in (st.session_state.get(CHOSEN_PEER_GROUP), st.query_params.get(URL_PEER_GROUP)):
        if group in PEER_GROUPS:
            return group
    return PEER_GROUPS[0]


def remembered_year(years: list[int]) -> int:
    """The print view's survey round: the one in the address (or chosen before), else the newest."""
    for year in (st.query_params.get(URL_YEAR), st.session_state.get("coverage_year")):
        try:
            if int(year) in years:
                return int(year)
        except (TypeError, ValueError):
            continue
    return years[0]


def size_band_label(band: str) -> str:
    """The child-population band in words (analysis.stats names the bands)."""
    labels = SIZE_BAND_LABELS.get(band)
    if not labels:
        return ""
    return labels[1] if lang() == "en" else labels[0]
