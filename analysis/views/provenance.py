"""Where each value of a municipality came from (the upload's number, file and date, or the fetched table), so the
profile can say it one click away; the uploader's account name is never part of it (the page may be public)."""

from __future__ import annotations

import pandas as pd

COLUMNS = ["indicator", "year", "upload_id", "file_name", "date", "source", "table_id"]


def provenance(observations: pd.DataFrame, uploads: pd.DataFrame, fetched: pd.DataFrame, *, code: str,
               years: list[int], file_names: bool) -> pd.DataFrame:
    """One row per value of `code` in `years`: its upload (number, file name, day stored) and, when it was fetched
    from a statistics portal, the source and table id (None for a file someone uploaded). A file's name is a
    person's own text, so only a viewer who sees the municipality in clear gets it (`file_names`)."""
    obs = observations[(observations["municipality_code"] == code) & observations["year"].isin(years)]
    out = obs[["indicator", "year", "upload_id"]].astype({"indicator": str, "year": int, "upload_id": int})
    ups = uploads[["id", "file_name", "uploaded_at"]].rename(columns={"id": "upload_id"})
    ups = ups.assign(date=pd.to_datetime(ups["uploaded_at"], utc=True).dt.date).drop(columns="uploaded_at")
    tables = fetched.drop_duplicates("upload_id")[["upload_id", "source", "table_id"]]
    out = out.merge(ups, on="upload_id", how="left").merge(tables, on="upload_id", how="left")
    out = out.astype({"source": object, "table_id": object}).where(out.notna(), None)
    if not file_names:
        out["file_name"] = None
    return out[COLUMNS].sort_values(["indicator", "year"]).reset_index(drop=True)
