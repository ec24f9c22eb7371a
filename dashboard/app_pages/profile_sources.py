"""Where a domain's values came from, in words: the profile's provenance, one click from the values."""

from __future__ import annotations

import pandas as pd

from analysis.publish import sees_in_clear, viewer_of
from analysis.store.retrievals import fetched_tables
from analysis.views.provenance import provenance
from dashboard import data, fmt
from dashboard.i18n import name, t


@data.versioned(max_entries=512)
def sources(url: str, version: int, code: str, indicators: tuple[str, ...], years: tuple[int, ...],
            lang: str) -> pd.DataFrame:
    """One row per value of these indicators: its upload's number, file and day, or the portal table it came from."""
    cat = data.catalogue()
    frame = provenance(data.observations.at(url, version), data.uploads.at(url, version), fetched_tables(data.engine()),
                       code=code, years=list(years),
                       file_names=sees_in_clear(viewer_of(url.split(data.VIEW_MARK)[-1]), code=code))
    frame = frame[frame["indicator"].isin(indicators)]
    order = {ind: i for i, ind in enumerate(indicators)}
    frame = frame.assign(_order=frame["indicator"].map(order)).sort_values(["_order", "year"])
    return pd.DataFrame({
        t("profile.col_indicator"): [name(cat.indicator(i)) for i in frame["indicator"]],
        t("sources.col_year"): frame["year"].astype(int).tolist(),
        t("sources.col_source"): [_source(r) for r in frame.to_dict("records")],
    })


def _source(r: dict) -> str:
    """'CSP, tabula BER010 · augšupielāde Nr. 7, 04.03.2026.' or 'fails x.xlsx · augšupielāde Nr. 3, 01.02.2026.'"""
    where = (t("sources.table", source=t(f"source.{r['source']}"), table=r["table_id"]) if r["table_id"] else
             t("sources.file", file=r["file_name"]) if r["file_name"] else t("sources.uploaded"))
    return t("sources.value", where=where, no=int(r["upload_id"]), day=fmt.day(r["date"]))
