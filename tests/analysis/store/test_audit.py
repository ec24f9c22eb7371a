"""Every store, mapping, restore and refusal leaves its audit row, written in the same transaction as the change."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.access import PUBLIC, AccessDenied, Actor, Role
from analysis.store import list_uploads, restore_upload, store_upload
from analysis.store.audit import read_events, record_event

CESIS, RIGA = "LV0026000", "LV0001000"
EDITOR = Actor(name="cesis.editor", role=Role.MUNICIPAL_EDITOR, municipalities={CESIS})
ANALYST = Actor(name="bac", role=Role.NATIONAL_ANALYST)
COLS = ["actor", "role", "action", "subject", "file_name", "upload_id", "detail"]


def _rows(code: str, value: float = 1.0) -> pd.DataFrame:
    return pd.DataFrame({"municipality_code": [code], "indicator": ["births"], "year": [2023], "value": [value],
                         "count": [value], "denominator": [None], "status": [None], "note": [None],
                         "sheet": ["Dati"], "source_row": [2]})


def _events(engine) -> list[list]:
    frame = read_events(engine)[COLS]
    return [[None if pd.isna(v) else v for v in row] for row in frame.astype(object).values.tolist()][::-1]


def test_store_mapping_restore_and_refusals_are_logged(any_engine):
    first = store_upload(any_engine, file_name="cesis.xlsx", sha256="1" * 64, size_bytes=1, actor=EDITOR,
                         rows=_rows(CESIS), dataset="d", label_mappings={"Dzimušie": "births"})
    store_upload(any_engine, file_name="cesis.xlsx", sha256="2" * 64, size_bytes=1, actor=EDITOR,
                 rows=_rows(CESIS, 2.0), dataset="d")
    with pytest.raises(AccessDenied):
        store_upload(any_engine, file_name="riga.xlsx", sha256="3" * 64, size_bytes=1, actor=EDITOR,
                     rows=_rows(RIGA), dataset="r")
    restored = restore_upload(any_engine, upload_id=first.upload_id, actor=EDITOR)
    riga = store_upload(any_engine, file_name="riga.xlsx", sha256="4" * 64, size_bytes=1, actor=ANALYST,
                        rows=_rows(RIGA), dataset="r")
    with pytest.raises(AccessDenied):
        restore_upload(any_engine, upload_id=riga.upload_id, actor=EDITOR)
    with pytest.raises(AccessDenied):
        store_upload(any_engine, file_name="x.csv", sha256="5" * 64, size_bytes=1, actor=PUBLIC, rows=_rows(CESIS))
    refused_en = f"User 'cesis.editor' may write only their own municipality's data; refused: {RIGA}."
    assert _events(any_engine) == [
        ["cesis.editor", "municipal_editor", "confirm", None, "cesis.xlsx", 1, "rows=1"],
        ["cesis.editor", "municipal_editor", "mapping", "Dzimušie", "cesis.xlsx", 1, "-> births"],
        ["cesis.editor", "municipal_editor", "confirm", None, "cesis.xlsx", 2, "rows=1"],
        ["cesis.editor", "municipal_editor", "refused", None, "riga.xlsx", None, refused_en],
        ["cesis.editor", "municipal_editor", "restore", None, "cesis.xlsx", restored.upload_id,
         "restored_from=1; rows=1"],
        ["bac", "national_analyst", "confirm", None, "riga.xlsx", riga.upload_id, "rows=1"],
        ["cesis.editor", "municipal_editor", "refused", None, None, riga.upload_id, f"restore: {refused_en}"],
        ["public", "public", "refused", None, "x.csv", None,
         "User 'public' (role: public) may not upload or restore data."],
    ]


def test_a_store_that_fails_leaves_no_audit_row(engine):
    """Given a store whose rows break the schema / Then neither the upload nor its audit row remains."""
    bad = _rows(CESIS).assign(year=[None])
    with pytest.raises(Exception):
        store_upload(engine, file_name="bad.csv", sha256="6" * 64, size_bytes=1, actor=ANALYST, rows=bad)
    assert list_uploads(engine).empty and read_events(engine).empty


def test_an_unknown_action_is_refused(engine):
    with pytest.raises(ValueError, match="unknown audit action 'delete_everything'"):
        record_event(engine, actor=ANALYST, action="delete_everything")
