"""Roles decided in the library: a municipal editor's call for another municipality is refused there, not only hidden."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.access import (
    LOCAL_ANALYST,
    PUBLIC,
    AccessDenied,
    Actor,
    Role,
    foreign_codes,
    require_municipalities,
    sees_unsuppressed,
)
from analysis.ingest.pipeline import ingest_workbook
from analysis.ingest.raw import RawSheet, RawWorkbook
from analysis.ingest.storing import store_result
from analysis.store import current_observations, list_uploads, restore_upload, store_upload

CESIS, RIGA = "LV0026000", "LV0001000"
CESIS_EDITOR = Actor(name="cesis.editor", role=Role.MUNICIPAL_EDITOR, municipalities={CESIS})
ANALYST = Actor(name="bac.analyst", role=Role.NATIONAL_ANALYST)
ADMIN = Actor(name="admin", role=Role.ADMINISTRATOR)


def _rows(code: str, *, value: float = 100.0) -> pd.DataFrame:
    return pd.DataFrame(
        {"municipality_code": [code], "indicator": ["births"], "year": [2023], "value": [value], "count": [value],
         "denominator": [None], "status": [None], "note": [None], "sheet": ["Dati"], "source_row": [2]}
    )


def _store(engine, actor, code, *, sha="a" * 64, name="dati.csv"):
    return store_upload(engine, file_name=name, sha256=sha, size_bytes=10, actor=actor, rows=_rows(code),
                        dataset=f"dati|{code}")


def test_role_table():
    """Given each role / Then who may write which municipality and who sees small numbers is as the issue says."""
    rows = []
    for actor in (PUBLIC, CESIS_EDITOR, ANALYST, ADMIN):
        rows.append([actor.role.value, foreign_codes(actor, [CESIS, RIGA]),
                     sees_unsuppressed(actor, municipality_code=CESIS), sees_unsuppressed(actor, municipality_code=RIGA)])
    assert rows == [
        ["public", [RIGA, CESIS], False, False],
        ["municipal_editor", [RIGA], True, False],
        ["national_analyst", [], True, True],
        ["administrator", [RIGA, CESIS], False, False],
    ]
    assert LOCAL_ANALYST.role is Role.NATIONAL_ANALYST


def test_an_editor_needs_a_municipality_and_roles_are_checked():
    with pytest.raises(ValueError, match="at least one municipality"):
        Actor(name="x", role=Role.MUNICIPAL_EDITOR)
    with pytest.raises(ValueError):
        Actor(name="x", role="superuser")
    assert Actor(name="x", role="national_analyst").role is Role.NATIONAL_ANALYST


def test_refusal_names_the_municipality_in_latvian_then_english():
    with pytest.raises(AccessDenied) as err:
        require_municipalities(CESIS_EDITOR, codes=[CESIS, RIGA])
    assert (err.value.lv, err.value.en) == (
        f"Lietotājs 'cesis.editor' drīkst rakstīt tikai savas pašvaldības datus; atteikts: {RIGA}.",
        f"User 'cesis.editor' may write only their own municipality's data; refused: {RIGA}.",
    )
    assert str(err.value) == f"{err.value.lv} / {err.value.en}"


def test_store_refuses_an_editor_writing_another_municipality(any_engine):
    """Given the Cēsu editor / When the library is asked to store Rīga's rows / Then refused and nothing written."""
    with pytest.raises(AccessDenied, match="refused: LV0001000"):
        _store(any_engine, CESIS_EDITOR, RIGA)
    assert len(list_uploads(any_engine)) == 0
    stored = _store(any_engine, CESIS_EDITOR, CESIS)
    assert list_uploads(any_engine)[["id", "uploader"]].values.tolist() == [[stored.upload_id, "cesis.editor"]]


@pytest.mark.parametrize("actor", [PUBLIC, ADMIN], ids=["public", "administrator"])
def test_store_refuses_roles_that_cannot_upload(engine, actor):
    with pytest.raises(AccessDenied, match="may not upload or restore data"):
        _store(engine, actor, CESIS)
    assert len(list_uploads(engine)) == 0


def test_surveys_are_for_national_analysts_only(engine):
    survey = pd.DataFrame({"survey_year": [2024], "municipality_code": [CESIS], "programme_status": ["developed"]})
    with pytest.raises(AccessDenied, match="Only a national analyst may load BAC survey data"):
        store_upload(engine, file_name="aptauja.xlsx", sha256="s" * 64, size_bytes=1, actor=CESIS_EDITOR,
                     survey=survey, kind="survey")
    assert len(list_uploads(engine)) == 0


def test_restore_refuses_an_editor_for_another_municipality(any_engine):
    """Given Rīga's two versions stored by an analyst / When the Cēsu editor restores v1 / Then refused, nothing new."""
    first = _store(any_engine, ANALYST, RIGA, sha="1" * 64)
    _store(any_engine, ANALYST, RIGA, sha="2" * 64)
    with pytest.raises(AccessDenied, match="refused: LV0001000"):
        restore_upload(any_engine, upload_id=first.upload_id, actor=CESIS_EDITOR)
    assert len(list_uploads(any_engine)) == 2
    restored = restore_upload(any_engine, upload_id=first.upload_id, actor=ANALYST)
    assert current_observations(any_engine)["upload_id"].tolist() == [restored.upload_id]


def _cesis_and_riga() -> RawWorkbook:
    rows = [
        ["Pašvaldība", "Rādītājs", "Gads", "Vērtība"],
        ["Cēsu novads", "Dzimušo skaits", 2023, 300],
        ["Rīga", "Dzimušo skaits", 2023, 5000],
        ["Cēsu novads", "Dzimušo skaits", 2024, 290],
        ["Rīga", "Dzimušo skaits", 2024, 4900],
    ]
    return RawWorkbook(file_name="cesis_riga.xlsx", sheets=[RawSheet(name="Dati", rows=rows, source_format="xlsx")],
                       size_bytes=100, sha256="c" * 64)


def test_an_editors_file_keeps_own_rows_and_says_why_per_row(engine, cat):
    """Given a Cēsu + Rīga file / When the Cēsu editor ingests and stores it / Then only Cēsu rows, one warning per Rīga row."""
    result = ingest_workbook(_cesis_and_riga(), catalogue=cat, actor=CESIS_EDITOR)
    foreign = [i for i in result.report.issues if i.code == "other-municipality-row"]
    assert [(i.severity, i.sheet, i.row) for i in foreign] == [("warning", "Dati", 3), ("warning", "Dati", 5)]
    assert foreign[0].message == (
        "Rinda attiecas uz 'Rīga', bet lietotājs 'cesis.editor' drīkst saglabāt datus tikai par: Cēsu novads; "
        "rinda netiek saglabāta / The row is for 'Rīga', but user 'cesis.editor' may store data only for: "
        "Cēsu novads; the row is not stored"
    )
    assert result.report.valid
    stored = store_result(engine, result, actor=CESIS_EDITOR)
    assert stored.n_rows == 2
    cur = current_observations(engine)
    assert cur[["municipality_code", "year", "value"]].values.tolist() == [[CESIS, 2023, 300.0], [CESIS, 2024, 290.0]]


def test_an_analysts_file_keeps_every_municipality(engine, cat):
    result = ingest_workbook(_cesis_and_riga(), catalogue=cat, actor=ANALYST)
    assert "other-municipality-row" not in result.report.codes()
    assert store_result(engine, result, actor=ANALYST).n_rows == 4


def test_an_unfiltered_result_is_still_refused_at_the_store(engine, cat):
    """Given rows parsed without an actor / When the editor stores them / Then the store itself refuses Rīga."""
    result = ingest_workbook(_cesis_and_riga(), catalogue=cat)
    with pytest.raises(AccessDenied):
        store_result(engine, result, actor=CESIS_EDITOR)
    assert len(list_uploads(engine)) == 0
