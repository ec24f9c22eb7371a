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
        t("sources.col_upload"): [t("sources.upload_no", no=int(n)) for n in frame["upload_id"]],
        t("sources.col_file"): [f if f else t("sources.file_hidden") for f in frame["file_name"]],
        t("sources.col_date"): [fmt.day(d) for d in frame["date"]],
        t("sources.col_table"): [t("sources.table", source=t(f"source.{s}"), table=tb) if tb else
                                 t("sources.uploaded") for s, tb in zip(frame["source"], frame["table_id"])],
    })
