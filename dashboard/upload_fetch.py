"""The upload page's "Fetch from the Official Statistics Portal" section: the tables, their last retrieval, a fetch."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.access import Actor, Role
from dashboard import data, fmt
from dashboard.i18n import lang, t

OUTCOMES = ("stored", "unchanged", "restored", "invalid", "failed")


def _table(cat, src, last: pd.DataFrame) -> pd.DataFrame:
    """One row per fetchable indicator: what it is, from which table, when it was last asked and last changed."""
    by = {r.indicator: r for r in last.itertuples()} if len(last) else {}
    rows = []
    for s in src.tables:
        ind = cat.indicator(s.indicator)
        r = by.get(s.indicator)
        rows.append({
            t("fetch.col_indicator"): (ind.name_lv if lang() == "lv" else ind.name_en) if ind else s.indicator,
            t("fetch.col_table"): s.table,
            t("fetch.col_title"): s.title_lv if lang() == "lv" else s.title_en,
            t("fetch.col_retrieved"): fmt.moment(r.retrieved_at) if r else t("fetch.never"),
            t("fetch.col_outcome"): t(f"fetch.outcome_{r.outcome}") if r else "—",
            t("fetch.col_changed"): fmt.moment(r.last_change) if r is not None and r.last_change is not None
            and r.last_change == r.last_change else "—",
        })
    return pd.DataFrame(rows)


def section(actor: Actor) -> None:
    """National analysts see the tables and fetch them; everyone else learns who does."""
    st.subheader(t("fetch.heading"))
    if actor.role is not Role.NATIONAL_ANALYST:
        st.caption(t("fetch.analysts_only"))
        return
    from analysis.catalogue.sources import sources
    from analysis.sources.csp import base_url, fetch_indicators
    from analysis.store.retrievals import last_retrievals

    cat, src = data.catalogue(), sources()
    st.markdown(t("fetch.lead", url=base_url()))  # not a caption: a link drawn at 60 % fails AA contrast
    # the long table titles are cut to a narrow column (full text on hover) so that retrieval times stay in view
    st.dataframe(_table(cat, src, last_retrievals(data.engine(), source="csp")), hide_index=True, key="fetch_tables",
                 column_config={t("fetch.col_title"): st.column_config.TextColumn(width="small")})
    names = {s.indicator: (cat.indicator(s.indicator).name_lv if lang() == "lv" else cat.indicator(s.indicator).name_en)
             for s in src.tables}
    chosen = st.multiselect(t("fetch.pick"), list(names), default=list(names), format_func=names.get, key="fetch_pick")
    from_year = st.number_input(t("fetch.from_year"), min_value=1990, max_value=2100, value=2015, step=1,
                                key="fetch_from_year")
    if not st.button(t("fetch.button"), icon=":material/cloud_download:", key="fetch_go", disabled=not chosen):
        return
    bar = st.progress(0.0, text=t("fetch.progress_start"))

    def progress(fraction: float, indicator: str) -> None:
        bar.progress(min(max(fraction, 0.0), 1.0),
                     text=t("fetch.progress", name=names.get(indicator, indicator)) if indicator else t("fetch.done"))

    run = fetch_indicators(data.engine(), cat=cat, sources=src, actor=actor, indicators=chosen,
                           from_year=int(from_year), progress=progress)
    for r in run.results:
        text = t(f"fetch.result_{r.outcome}", name=names.get(r.indicator, r.indicator), table=r.table,
                 n=r.n_values, changes=r.n_changes, upload=r.upload_id or "—")
        if r.outcome in ("invalid", "failed"):
            st.error(text, icon=":material/error:")
            if r.message:
                st.caption(r.message_en if lang() == "en" else r.message_lv)
        elif r.outcome == "unchanged":
            st.info(text, icon=":material/check:")
        else:
            st.success(text, icon=":material/check_circle:")
