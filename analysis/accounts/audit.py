"""The audit log as national analysts read and download it: newest first, no cell that a spreadsheet would run."""

from __future__ import annotations

import io

import pandas as pd
from sqlalchemy import Engine

from analysis.access import Actor, require_audit_reader
from analysis.export_safety import neutralise_frame
from analysis.store.audit import AUDIT_FIELDS, read_events

EXPORT_COLUMNS = ("at", "actor", "role", "action", "subject", "file_name", "upload_id", "client", "detail")


def audit_log(engine: Engine, *, actor: Actor, limit: int | None = None, days: int | None = None) -> pd.DataFrame:
    """The log for an actor allowed to read it (AccessDenied otherwise); columns as stored, `at` in UTC."""
    require_audit_reader(actor)
    return read_events(engine, limit=limit, days=days)


def _export_frame(events: pd.DataFrame) -> pd.DataFrame:
    """Times as ISO text (UTC) and every text cell neutralised: names, labels and file names are users' text."""
    out = events.loc[:, [c for c in EXPORT_COLUMNS if c in AUDIT_FIELDS]].copy()
    out["at"] = out["at"].dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    text = neutralise_frame(out.drop(columns="upload_id").astype(object))
    ids = [None if pd.isna(v) else int(v) for v in events["upload_id"]]
    text.insert(list(EXPORT_COLUMNS).index("upload_id"), "upload_id", pd.Series(ids, index=out.index, dtype=object))
    return text


def audit_csv(events: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so Excel shows Latvian letters."""
    return _export_frame(events).to_csv(index=False).encode("utf-8-sig")


def audit_xlsx(events: pd.DataFrame) -> bytes:
    """One sheet; strings are written as strings (never as formulas or links)."""
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        _export_frame(events).to_excel(writer, sheet_name="audit", index=False)
        writer.sheets["audit"].freeze_panes(1, 0)
    return buffer.getvalue()
