"""Rule: the same municipality, indicator and year given twice with different values is a conflict the user must settle."""

from __future__ import annotations

import pandas as pd

from analysis.ingest.checks import Findings, fmt, issue
from analysis.report import IssueType

CONFLICTING_DUPLICATE = IssueType(
    "conflicting-duplicate",
    "error",
    "Pašvaldībai {municipality}, rādītājam '{indicator}', {year_lv} ir vairākas atšķirīgas vērtības ({values}); "
    "rindas: {rows}",
    "{municipality}, indicator '{indicator}', {year_en} is given more than once with different values "
    "({values}); rows: {rows}",
)
EXACT_DUPLICATE = IssueType(
    "duplicate-row",
    "info",
    "Atkārtota rinda ar tādu pašu vērtību (kā rindā {first}) tiek saglabāta vienreiz",
    "A repeated row with the same value (as row {first}) is stored once",
)

KEY = ["municipality_code", "indicator", "year"]
MAX_LISTED = 10  # rows and values named in one message


def check_duplicates(*, frame: pd.DataFrame, names: dict[str, str]) -> Findings:
    """Conflicting repeats are errors on every row involved; identical repeats are kept once, with a note."""
    reject = pd.Series(False, index=frame.index)
    drop = pd.Series(False, index=frame.index)
    if not len(frame):
        return Findings([], reject, drop)
    dup = frame.duplicated(KEY, keep=False)
    if not dup.any():
        return Findings([], reject, drop)
    d = frame.loc[dup, [*KEY, "sheet", "source_row", "value_col", "value", "status"]].copy()
    value = d["value"].astype("float64").round(9)
    d["_sig"] = value.astype(str).where(value.notna(), "∅") + "|" + d["status"].fillna("").astype(str)
    d["_group"] = d.groupby(KEY, dropna=False, sort=False).ngroup()
    conflicting = d.groupby("_group")["_sig"].transform("nunique") > 1
    reject[d.index[conflicting]] = True
    several_sheets = frame["sheet"].nunique() > 1

    issues = []
    conf = d[conflicting]
    if len(conf):
        where = (conf["sheet"].astype(str) + ":" if several_sheets else "") + conf["source_row"].astype(str)
        rows_of = where.groupby(conf["_group"]).agg(lambda s: ", ".join(s.iloc[:MAX_LISTED]) + (" …" if len(s) > MAX_LISTED else ""))
        shown = conf["value"].map(lambda v: fmt(v) if pd.notna(v) else "—")
        values_of = shown.groupby(conf["_group"]).agg(lambda s: ", ".join(dict.fromkeys(s.iloc[:MAX_LISTED])))
        cols = ["sheet", "source_row", "value_col", "_group", *KEY]
        for sheet, row, col, group, code, indicator, year in conf[cols].itertuples(index=False, name=None):
            issues.append(
                issue(
                    CONFLICTING_DUPLICATE,
                    sheet=sheet,
                    row=row,
                    column=col,
                    municipality=names.get(code, code),
                    indicator=indicator,
                    # a missing year is said in words, never as "?. gadam"
                    year_lv="bez norādīta gada" if pd.isna(year) else f"{int(year)}. gadam",
                    year_en="without a year" if pd.isna(year) else f"year {int(year)}",
                    values=values_of[group],
                    rows=rows_of[group],
                )
            )
    same = d[~conflicting]
    if len(same):
        repeat = same.duplicated("_group", keep="first")
        first_row = same.groupby("_group")["source_row"].transform("first")
        drop[same.index[repeat]] = True
        for sheet, row, col, first in same.loc[repeat, ["sheet", "source_row", "value_col"]].assign(
            first=first_row[repeat]
        ).itertuples(index=False, name=None):
            issues.append(issue(EXACT_DUPLICATE, sheet=sheet, row=row, column=col, first=first))
    return Findings(issues, reject, drop)
