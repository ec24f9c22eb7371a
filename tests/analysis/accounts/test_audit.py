"""The audit log as analysts read and download it: only they may, and no downloaded cell runs as a formula."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from analysis.access import PUBLIC, AccessDenied, Actor, Role
from analysis.accounts import audit_csv, audit_log, audit_xlsx, authenticate
from analysis.store.audit import record_event

ANALYST = Actor(name="bac", role=Role.NATIONAL_ANALYST)
EDITOR = Actor(name="cesis.editor", role=Role.MUNICIPAL_EDITOR, municipalities={"LV0026000"})
ADMIN = Actor(name="admin", role=Role.ADMINISTRATOR)


@pytest.mark.parametrize("actor", [PUBLIC, EDITOR], ids=["public", "municipal_editor"])
def test_only_analysts_and_administrators_read_the_log(engine, actor):
    with pytest.raises(AccessDenied, match="Only a national analyst or an administrator sees the audit log"):
        audit_log(engine, actor=actor)
    assert audit_log(engine, actor=ANALYST).empty and audit_log(engine, actor=ADMIN).empty


def test_downloads_hold_every_event_and_no_cell_starts_a_formula(engine):
    """Given a failed login typed as a formula and a file named like one / Then CSV and XLSX hold them as text."""
    authenticate(engine, name="=HYPERLINK(\"http://evil\")", password="x", client="10.0.0.1")
    record_event(engine, actor=EDITOR, action="confirm", file_name="+cmd|' /C calc'!A0.xlsx", upload_id=7,
                 detail="rows=2")
    events = audit_log(engine, actor=ANALYST)
    rows = list(csv.reader(io.StringIO(audit_csv(events).decode("utf-8-sig"))))
    assert rows[0] == ["at", "actor", "role", "action", "subject", "file_name", "upload_id", "client", "detail"]
    body = [r[1:] for r in rows[1:]]
    assert body == [
        ["cesis.editor", "municipal_editor", "confirm", "", "'+cmd|' /C calc'!A0.xlsx", "7", "", "rows=2"],
        ["'=hyperlink(\"http://evil\")", "", "login_failure", "'=hyperlink(\"http://evil\")", "", "", "10.0.0.1",
         "no_account"],
    ]
    assert all(len(r[0]) == 20 and r[0].endswith("Z") for r in rows[1:])
    sheet = openpyxl.load_workbook(io.BytesIO(audit_xlsx(events))).active
    cells = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert [r[1:] for r in cells] == [
        [("" if v == "" else (int(v) if v.isdigit() else v)) or None for v in r] for r in body]
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
