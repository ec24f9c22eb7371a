"""The rows the uploading actor may store: a municipal editor's file keeps its own municipalities' rows only."""

from __future__ import annotations

import pandas as pd

from analysis.access import Actor, foreign_codes, may_upload_surveys
from analysis.catalogue import Catalogue
from analysis.ingest.issues import IssueCollector
from analysis.report import IssueType

OTHER_MUNICIPALITY_ROW = IssueType(
    "other-municipality-row",
    "warning",
    "Rinda attiecas uz '{name}', bet lietotājs '{user}' drīkst saglabāt datus tikai par: {own}; rinda netiek saglabāta",
    "The row is for '{name}', but user '{user}' may store data only for: {own}; the row is not stored",
)
SURVEY_NOT_PERMITTED = IssueType(
    "survey-not-permitted",
    "error",
    "BAC aptaujas datus drīkst ielādēt tikai nacionālais analītiķis; lapa netiek saglabāta",
    "Only a national analyst may load BAC survey data; the sheet is not stored",
)


def keep_permitted(
    rows: pd.DataFrame, *, actor: Actor, catalogue: Catalogue, issues: IssueCollector
) -> pd.DataFrame:
    """The rows the actor may write; every other row is dropped with one warning per source row."""
    if not len(rows):
        return rows
    other = set(foreign_codes(actor, rows["municipality_code"].dropna().unique()))
    if not other:
        return rows
    foreign = rows["municipality_code"].isin(other)
    own = ", ".join(_name(c, catalogue) for c in sorted(actor.municipalities)) or "—"
    for sheet, row, code in rows.loc[foreign, ["sheet", "source_row", "municipality_code"]].itertuples(index=False):
        issues.add(OTHER_MUNICIPALITY_ROW, sheet=sheet, row=row, column=None,
                   name=_name(code, catalogue), user=actor.name, own=own)
    return rows.loc[~foreign].reset_index(drop=True)


def survey_permitted(actor: Actor | None, *, sheet: str, issues: IssueCollector) -> bool:
    if actor is None or may_upload_surveys(actor):
        return True
    issues.add(SURVEY_NOT_PERMITTED, sheet=sheet, row=None, column=None)
    return False


def _name(code: str, catalogue: Catalogue) -> str:
    m = catalogue.municipality(code)
    return m.name_lv if m is not None else code
