"""The upload page's audit section: who did what, when, from which file — read and downloaded by national analysts."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.access import Actor
from analysis.accounts import audit_csv, audit_log, audit_xlsx
from dashboard import data, downloads, fmt
from dashboard.i18n import catalogue, t

SHOWN_ROWS = 500


def _action(code: str) -> str:
    key = f"audit.action_{code}"
    return t(key) if key in catalogue() else code


def table(events: pd.DataFrame) -> pd.DataFrame:
    """The log in words; names, labels and file names are users' text, shown only as table cells."""
    def text(col: str) -> list[str]:
        return ["" if v is None else str(v) for v in events[col]]

    return pd.DataFrame({
        t("audit.col_when"): [fmt.moment(x) for x in events["at"]],
        t("audit.col_who"): text("actor"),
        t("audit.col_role"): [t(f"login.role_{r}") if r else "" for r in events["role"]],
        t("audit.col_action"): [_action(a) for a in events["action"]],
        t("audit.col_subject"): text("subject"),
        t("audit.col_file"): text("file_name"),
        t("audit.col_upload"): ["" if pd.isna(v) else str(int(v)) for v in events["upload_id"]],
        t("audit.col_client"): text("client"),
        t("audit.col_detail"): text("detail"),
    })


def section(actor: Actor) -> None:
    """The newest events on the page, the whole log as CSV or XLSX (no cell can start a formula)."""
    st.subheader(t("audit.heading"))
    events = audit_log(data.engine(), actor=actor)
    if events.empty:
        st.info(t("audit.empty"), icon=":material/info:")
        return
    st.caption(t("audit.caption", n=fmt.integer(min(SHOWN_ROWS, len(events))), total=fmt.integer(len(events))))
    st.dataframe(table(events.head(SHOWN_ROWS)), hide_index=True, key="audit_table")
    left, right = st.columns(2)
    left.download_button(t("common.download_csv"), lambda: audit_csv(events), file_name="audita_zurnals.csv",
                         mime=downloads.CSV_MIME, key="audit_csv", on_click="ignore", icon=":material/download:")
    right.download_button(t("common.download_xlsx"), lambda: audit_xlsx(events), file_name="audita_zurnals.xlsx",
                          mime=downloads.XLSX_MIME, key="audit_xlsx", on_click="ignore", icon=":material/download:")
