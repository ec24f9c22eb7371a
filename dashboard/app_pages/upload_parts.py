"""The upload page's parts: parse a dropped file once per content, store or restore it, the history in words."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analysis import store as db
from analysis.access import Actor
from analysis.ingest import saved_mappings, store_result
from analysis.ingest.worker import ParseJob, parse
from dashboard import data, fmt, login
from dashboard.i18n import name, t


@dataclass(frozen=True)
class Parsed:
    """One dropped file understood (result) or refused as unreadable (error: Latvian and English, kept apart)."""

    result: object | None
    error: tuple[str, str] | None


@st.cache_data(show_spinner=False, max_entries=32)
def _parse(sha256: str, file_name: str, _blob: bytes, municipality: str | None,
           mappings: tuple[tuple[str, str], ...], municipality_mappings: tuple[tuple[str, str], ...],
           actor: Actor) -> Parsed:
    # in a worker process with memory and time limits: a hostile file ends its own parse, never the server
    parsed = parse(ParseJob(file_name=file_name, data=_blob, municipality=municipality, mappings=dict(mappings),
                            municipality_mappings=dict(municipality_mappings), actor=actor))
    return Parsed(result=parsed.result, error=parsed.error)


def parse_upload(blob: bytes, *, file_name: str, municipality: str | None = None,
                 mappings: dict[str, str] | None = None, municipality_mappings: dict[str, str] | None = None) -> Parsed:
    """Reads and checks a dropped file once per content and choices (keyed on its sha256, never re-read on rerun)."""
    remembered = {**saved_mappings(data.engine()), **(mappings or {})}  # earlier uploads' mappings; this one's win
    sha = hashlib.sha256(blob).hexdigest()
    login.audit_upload(file_name=file_name, sha256=sha)
    # parsed for the uploader: an editor's rows for other municipalities are dropped with a warning per row
    return _parse(sha, file_name, blob, municipality, tuple(sorted(remembered.items())),
                  tuple(sorted((municipality_mappings or {}).items())), login.current_actor())


def stored_upload_id(sha256: str) -> int | None:
    """The upload in effect that already holds exactly this file, if any (storing it again would change nothing)."""
    return db.current_upload_with_sha(data.engine(), sha256=sha256)


def store(result, *, actor, accept_valid_rows: bool = False):
    """Stores a parsed file in one transaction; the data version changes, so every cached view refreshes."""
    stored = store_result(data.engine(), result, actor=actor, accept_valid_rows=accept_valid_rows)
    data.begin_run()
    return stored


def restore(upload_id: int, *, actor) -> int:
    """Makes an earlier version current again (as a new upload, so nothing is lost); returns the new upload id."""
    new_id = db.restore_upload(data.engine(), upload_id=upload_id, actor=actor).upload_id
    data.begin_run()
    return new_id


def is_latest_version(upload_id: int) -> bool:
    """Restoring the version already in effect would change nothing, so the button is off for it."""
    ups = data.uploads()
    row = ups[ups["id"] == upload_id]
    if row.empty:
        return False
    same = ups[(ups["dataset"] == row["dataset"].iloc[0]) & (ups["kind"] == row["kind"].iloc[0])]
    return int(same["id"].max()) == int(upload_id)


def upload_history(uploads: pd.DataFrame) -> pd.DataFrame:
    """The history table: which file, which version of its dataset, when, by whom, how many rows."""
    def status(row) -> str:
        if row["status"] == "restore" and pd.notna(row["restored_from"]):
            return t("upload.status_restore", n=int(row["restored_from"]))
        return t("upload.status_stored")

    return pd.DataFrame(
        {
            t("upload.col_id"): uploads["id"].astype(int),
            t("upload.col_file"): uploads["file_name"],
            t("upload.col_version"): uploads["version"].astype(int),
            t("upload.col_kind"): [t(f"upload.kind_{k}") for k in uploads["kind"]],
            t("upload.col_when"): [fmt.moment(x) for x in uploads["uploaded_at"]],
            t("upload.col_who"): uploads["uploader"],
            t("upload.col_rows"): [fmt.integer(n) for n in uploads["n_rows"]],
            t("upload.col_status"): [status(r) for _, r in uploads.iterrows()],
        }
    )


def diff_table(diff: pd.DataFrame) -> pd.DataFrame:
    """Added / changed / removed values between two versions, with names instead of codes."""
    cat = data.catalogue()

    def muni(code: str) -> str:
        return name(cat.municipality(code)) if cat.municipality(code) else code

    def indicator(code: str) -> str:
        return name(cat.indicator(code)) if cat.indicator(code) else code

    return pd.DataFrame(
        {
            t("upload.col_change"): [t(f"upload.change_{c}") for c in diff["change"]],
            t("common.municipality"): [muni(c) for c in diff["municipality_code"]],
            t("common.indicator"): [indicator(c) for c in diff["indicator"]],
            t("common.year"): diff["year"].astype(int),
            t("upload.col_old"): [fmt.number(v, decimals=2) for v in diff["value_old"]],
            t("upload.col_new"): [fmt.number(v, decimals=2) for v in diff["value_new"]],
        }
    )
