"""Every value cell of a file at once: labels matched, years and values parsed, rules checked, rows kept or not."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analysis.catalogue import Catalogue
from analysis.catalogue.resolve import clear_best
from analysis.ingest import kinds as kd
from analysis.ingest import matching as mt
from analysis.ingest import values as vl
from analysis.ingest.checks import Findings
from analysis.ingest.checks.count_above_denominator import check_count_above_denominator
from analysis.ingest.checks.duplicates import check_duplicates
from analysis.ingest.checks.negative_counts import check_negative_counts
from analysis.ingest.checks.outliers import check_outliers
from analysis.ingest.checks.percentage_above_100 import check_percentage_above_100
from analysis.ingest.checks.yes_no import check_yes_no
from analysis.ingest.issues import (
    BAD_YEAR,
    EXCEL_ERROR,
    FORMULA_WITHOUT_VALUE,
    MAX_SUGGESTIONS,
    NOT_A_NUMBER,
    NOT_FINITE,
    OUT_OF_RANGE,
    UNKNOWN_STATUS,
    YEAR_OUT_OF_RANGE,
    IssueCollector,
    cell_text,
    first_of_groups,
    per_cell,
    pick,
    report_forms,
)

# the rows ingestion hands to the store: the store's observation fields (a test holds them equal), named here so
# that the parse worker never imports the store and SQLAlchemy
TIDY_COLUMNS = (
    "municipality_code", "indicator", "year", "value", "count", "denominator", "status", "note", "sheet", "source_row",
)


@dataclass
class _Run:
    """One processing run: the cells, what the report says, and which rows are rejected or left out."""

    work: pd.DataFrame
    catalogue: Catalogue
    issues: IssueCollector
    bad: pd.Series  # rejected: an error names the row
    skip: pd.Series  # left out without blame: aggregates (Latvia, regions)

    @property
    def live(self) -> pd.Series:
        return ~self.skip


def process(
    work: pd.DataFrame,
    *,
    catalogue: Catalogue,
    issues: IssueCollector,
    ind_map: dict[str, str],
    muni_map: dict[str, str],
    sheet_stats: dict[str, dict[str, Any]],
) -> pd.DataFrame:
    """Matches, parses and checks every value cell at once; returns the rows that may be stored."""
    run = _Run(
        work=work,
        catalogue=catalogue,
        issues=issues,
        bad=work["sheet_problem"].isin(["no-municipality", "missing-year"]),
        skip=pd.Series(False, index=work.index),
    )
    del work  # the run holds the only reference, so the raw cells can be freed once the tidy frame exists
    _municipalities(run, mapped=muni_map)
    _indicators(run, mapped=ind_map)
    _years(run)
    _values(run)
    _kinds(run)
    _counts(run)
    _statuses(run)
    _validity(run)
    tidy, sheets, missing_year = _tidy(run)
    drop = _checks(run, tidy, missing_year=missing_year)
    return _accepted(run, tidy, drop=drop, sheets=sheets, sheet_stats=sheet_stats)


def _municipalities(run: _Run, *, mapped: dict[str, str]) -> None:
    """Codes for municipality labels; aggregates are left out and reported, unknown names are errors."""
    work, issues = run.work, run.issues
    sheet_problem = work["sheet_problem"]
    munis = mt.resolve_municipalities(work["municipality"], catalogue=run.catalogue, mapped=mapped)
    work["municipality_code"] = munis.code
    blank = munis.blank & sheet_problem.isna()
    per_cell(issues, mt.MISSING_MUNICIPALITY, pick(work, blank, ["sheet", "source_row", "municipality_col"]),
             row="source_row", column="municipality_col")
    run.bad |= munis.blank
    aggregate = munis.aggregate.notna()
    run.skip |= aggregate
    agg_mask = aggregate & (sheet_problem != "national")
    agg = work.loc[agg_mask, ["sheet", "municipality", "municipality_row", "municipality_col"]]
    agg = first_of_groups(agg.assign(agg_name=munis.aggregate[agg_mask]), ["sheet", "municipality"])
    for rec in agg.itertuples(index=False):
        issues.add(mt.AGGREGATE, sheet=rec.sheet, row=rec.municipality_row, column=rec.municipality_col,
                   label=str(rec.municipality).strip(), name=rec.agg_name, n=rec.n)
    unknown = ~munis.blank & ~aggregate & munis.code.isna()
    run.bad |= unknown
    unk = first_of_groups(
        pick(work, unknown, ["sheet", "municipality", "municipality_row", "municipality_col"]), ["sheet", "municipality"]
    )
    labels = unk["municipality"].map(lambda v: str(v).strip()) if len(unk) else unk["municipality"]
    shown_labels = pd.unique(labels)[:MAX_SUGGESTIONS].tolist()
    is_shown = labels.isin(shown_labels)
    for rec, label in zip(unk[is_shown].itertuples(index=False), labels[is_shown]):
        closest = ", ".join(run.catalogue.areas_index.closest(rec.municipality))
        issues.add(mt.UNKNOWN_MUNICIPALITY, sheet=rec.sheet, row=rec.municipality_row, column=rec.municipality_col,
                   label=label, n=rec.n, closest=closest or "—")
    known = set(issues.unknown_municipalities)
    issues.unknown_municipalities.extend(x for x in shown_labels if x not in known)
    rest = unk[~is_shown].assign(label=labels[~is_shown])
    if len(rest):
        per_sheet = rest.groupby("sheet", sort=False).agg(n=("label", "nunique"), values=("n", "sum"))
        for rec in rest.drop_duplicates("sheet").itertuples(index=False):
            issues.add(mt.MORE_UNKNOWN_MUNICIPALITIES, sheet=rec.sheet, row=rec.municipality_row,
                       column=rec.municipality_col, n=int(per_sheet.at[rec.sheet, "n"]),
                       values=int(per_sheet.at[rec.sheet, "values"]), label=rec.label)


def _indicators(run: _Run, *, mapped: dict[str, str]) -> None:
    """Catalogue ids for indicator labels; unmatched labels are kept as custom indicators with a warning."""
    work, issues, catalogue = run.work, run.issues, run.catalogue
    inds = mt.resolve_indicators(work["indicator"], alternatives=work["indicator_alt"], catalogue=catalogue,
                                 mapped=mapped)
    work["indicator_key"] = inds.indicator
    work["matched"] = inds.matched
    per_cell(issues, mt.MISSING_INDICATOR, pick(work, inds.blank & run.live, ["sheet", "source_row", "indicator_col"]),
             row="source_row", column="indicator_col")
    run.bad |= inds.blank
    work["chosen"] = inds.chosen
    kinds = {i.id: i.kind for i in catalogue.indicators}
    pers = {i.id: i.per for i in catalogue.indicators}
    # looked up once per distinct label: a national file repeats a hundred labels fifty thousand times
    kind = vl.map_unique(work["indicator_key"], kinds.get)
    work["kind"] = kind.where(work["matched"] & kind.notna(), None)
    work["per"] = pd.to_numeric(vl.map_unique(work["indicator_key"], pers.get).where(work["matched"], None),
                                errors="coerce")


def _suggested(catalogue: Catalogue, ids: list[str], *, lang: str) -> str:
    return "; ".join(mt.shown(catalogue.indicator(i), lang=lang) for i in ids)


def _unmatched(run: _Run) -> None:
    """The first distinct unmatched labels with ranked suggestions (names and units), of the kind the file says;
    the rest as one issue a sheet."""
    work, catalogue, issues = run.work, run.catalogue, run.issues
    custom = ~work["matched"] & ~work["chosen"] & work["indicator_key"].notna() & run.live
    cus = first_of_groups(
        pick(work, custom, ["sheet", "indicator_key", "source_row", "indicator_col"]), ["sheet", "indicator_key"]
    )
    shown_labels = pd.unique(cus["indicator_key"])[:MAX_SUGGESTIONS].tolist()
    is_shown = cus["indicator_key"].isin(shown_labels)
    said = _said(run, custom & work["indicator_key"].isin(shown_labels)).dropna()
    said_of = said.groupby(work.loc[said.index, "indicator_key"], sort=False).first().to_dict() if len(said) else {}
    listed: dict[str, tuple[str, ...]] = {}
    for label in shown_labels:
        kinds = kd.compatible_kinds(said_of[label]) if label in said_of else None
        found = catalogue.indicators_index.suggest(label, kinds=kinds)
        listed[label] = tuple(x.id for x in found)
        issues.label_choices.append(mt.LabelChoice(label=label, reason=mt.UNMATCHED, suggestions=listed[label],
                                                   preselect=clear_best(found),
                                                   said=said_of[label][0] if label in said_of else None))
    for rec in cus[is_shown].itertuples(index=False):
        closest = list(listed[rec.indicator_key])
        issues.add(
            mt.UNMATCHED_INDICATOR, sheet=rec.sheet, row=rec.source_row, column=rec.indicator_col,
            label=rec.indicator_key, n=rec.n,
            closest_lv=f" (varbūt: {_suggested(catalogue, closest, lang='lv')})" if closest else "",
            closest_en=f" (perhaps: {_suggested(catalogue, closest, lang='en')})" if closest else "",
        )
    rest = cus[~is_shown]
    if len(rest):
        # one issue per sheet, at the first label not listed: counting stays vectorised for 100,000 labels
        per_sheet = rest.groupby("sheet", sort=False).agg(n=("indicator_key", "nunique"), values=("n", "sum"))
        for rec in rest.drop_duplicates("sheet").itertuples(index=False):
            issues.add(mt.MORE_UNMATCHED, sheet=rec.sheet, row=rec.source_row, column=rec.indicator_col,
                       n=int(per_sheet.at[rec.sheet, "n"]), values=int(per_sheet.at[rec.sheet, "values"]),
                       label=rec.indicator_key)


def _said(run: _Run, rows: pd.Series) -> pd.Series:
    """What the file says the chosen rows are: unit cell, header or label words, else the numbers of the label."""
    sub = run.work.loc[rows, ["sheet", "indicator", "indicator_key", "unit", "value_num", "percent"]]
    said = kd.row_said(sub, units=kd.count_units(run.catalogue))
    group = sub.groupby(["sheet", "indicator_key", "unit"], sort=False, dropna=False).ngroup()
    return said.where(said.notna(), kd.said_by_values(sub["value_num"], sub["percent"], group))


def _years(run: _Run) -> None:
    """Years from cells or headers; the same wrong year down a column is one problem, at its first row."""
    work, issues = run.work, run.issues
    years = vl.parse_years(work["year"])
    work["year_value"] = years.year
    checked = (work["sheet_problem"] != "missing-year") & run.live
    for code, kind in ((vl.NOT_A_YEAR, BAD_YEAR), (vl.YEAR_OUT_OF_RANGE, YEAR_OUT_OF_RANGE)):
        sub = pick(work, (years.problem == code) & checked, ["sheet", "year", "year_row", "year_col"])
        bad_years = first_of_groups(sub.assign(year_text=sub["year"].map(cell_text)), ["sheet", "year_col", "year_text"])
        per_cell(issues, kind, bad_years, row="year_row", column="year_col", raw="year", low=vl.MIN_YEAR,
                 high=vl.MAX_YEAR)
    run.bad |= years.year.isna()
    report_forms(issues, work, years.form, years.form.notna() & run.live, row="year_row", column="year_col")


def _values(run: _Run) -> None:
    """Numbers and statuses from value cells; yes/no indicators read their own words."""
    work, issues = run.work, run.issues
    yes_no = work["kind"] == "yes_no"
    parsed = vl.parse_values(work["value"])
    if yes_no.any():
        yn = vl.parse_yes_no(work.loc[yes_no, "value"])
        at = np.flatnonzero(yes_no.to_numpy())  # by position: both come from the same rows, in order
        for name in ("value", "status", "problem", "form", "percent"):
            getattr(parsed, name).iloc[at] = getattr(yn, name).to_numpy()
    form = parsed.form.mask(work["text_source"] & (parsed.form == vl.FORM_TEXT_NUMBER), None)
    work["value_num"] = parsed.value
    work["value_status"] = parsed.status
    work["value_problem"] = parsed.problem
    work["percent"] = parsed.percent
    _out_of_range(run, parsed)
    for code, kind in _CELL_PROBLEMS:
        m = (parsed.problem == code) & run.live
        per_cell(issues, kind, pick(work, m, ["sheet", "source_row", "value_col", "value"]), row="source_row",
                 column="value_col", raw="value")
    _ambiguous(run, form == vl.FORM_DECIMAL_COMMA)
    # yes/no words that are neither are reported by their own rule, but the row is rejected either way
    run.bad |= parsed.problem.notna()
    report_forms(issues, work, form, form.notna() & run.live, row="source_row", column="value_col")


_THOUSANDS_OR_DECIMAL = r"^\s*[+-]?\d{1,3},\d{3}\s*$"


def _ambiguous(run: _Run, decimal_comma: pd.Series) -> None:
    """'1,234' is 1.234 to a Latvian and 1234 to a spreadsheet in English: read the Latvian way, with a warning."""
    mask = decimal_comma & run.live
    if not mask.any():
        return
    d = run.work.loc[mask, ["sheet", "source_row", "value_col", "value"]]
    d = d[d["value"].astype(str).str.match(_THOUSANDS_OR_DECIMAL)]
    for sheet, row, column, raw in d.itertuples(index=False, name=None):
        text = str(raw).strip()
        run.issues.add(kd.AMBIGUOUS_NUMBER, sheet=sheet, row=row, column=column, text=text, other=text.replace(",", ""))


def _kinds(run: _Run) -> None:
    """A count never lands in a rate or share, nor the reverse: words, units and numbers against the catalogue's kind.

    Where they disagree and no person has chosen, the label's rows are held (kind-mismatch) and the page asks.
    """
    work, issues, catalogue = run.work, run.issues, run.catalogue
    value = work["value_num"]
    counts = (work["kind"] == kd.COUNT) & run.live & value.notna()
    percent = work["percent"].astype(bool)
    _named_cells(run, kd.PERCENT_ON_COUNT, counts & percent)
    _named_cells(run, kd.FRACTION_ON_COUNT, counts & ~percent & (np.floor(value) != value))
    _unmatched(run)
    checked = work["matched"] & ~work["chosen"] & run.live & ~run.bad & work["kind"].isin(kd.CHECKED_KINDS)
    if not checked.any():
        return
    sub = work.loc[checked, ["sheet", "source_row", "value_col", "value", "indicator", "indicator_key"]]
    said = _said(run, checked)
    pair = sub["indicator_key"].astype(str) + "\x1f" + said.map(_said_code, na_action="ignore").fillna("")
    fits = {p: _fits(p, catalogue) for p in pd.unique(pair)}
    wrong = ~pair.map(fits).astype(bool)
    if not wrong.any():
        return
    held = sub[wrong].assign(label=vl.map_unique(sub.loc[wrong, "indicator"], mt.custom_key), said=said[wrong])
    asked: dict[str, None] = {}
    for (ind_id, code), d in held.groupby([held["indicator_key"], pair[wrong]], sort=False):
        ind = catalogue.indicator(ind_id)
        said_kind, per = d["said"].iloc[0]
        params = {
            "said_lv": kd.SAID_LV[said_kind].format(per=per), "said_en": kd.SAID_EN[said_kind].format(per=per),
            "name_lv": ind.name_lv, "name_en": ind.name_en, "kind_lv": kd.KIND_LV[ind.kind],
            "kind_en": kd.KIND_EN[ind.kind], "unit_lv": ind.unit_lv, "unit_en": ind.unit_en,
        }
        for label, cells in d.groupby("label", sort=False):
            per_cell(issues, kd.KIND_MISMATCH, cells, row="source_row", column="value_col", label=label, **params)
            if label in asked or len(asked) >= MAX_SUGGESTIONS:
                continue
            asked[label] = None
            found = catalogue.indicators_index.suggest(label, n=4, kinds=kd.compatible_kinds((said_kind, per)))
            issues.label_choices.append(mt.LabelChoice(
                label=label, reason=mt.KIND_MISMATCH, suggestions=tuple(x.id for x in found if x.id != ind_id)[:3],
                matched=ind_id, said=said_kind,
            ))
    run.bad[held.index] = True


def _said_code(said: tuple) -> str:
    return f"{said[0]}:{said[1] or ''}"


def _fits(pair: str, catalogue: Catalogue) -> bool:
    """Whether what the file says (coded as 'kind:per') fits the indicator: nothing said fits anything."""
    ind_id, code = pair.split("\x1f")
    if not code:
        return True
    kind, per = code.split(":")
    return kd.agrees((kind, int(per) if per else None), catalogue.indicator(ind_id))


def _named_cells(run: _Run, kind, mask: pd.Series) -> None:
    """A warning per cell that names the catalogue indicator it was read for (name and unit in each language)."""
    if not mask.any():
        return
    d = run.work.loc[mask, ["sheet", "source_row", "value_col", "value", "indicator_key"]]
    for ind_id, cells in d.groupby("indicator_key", sort=False):
        ind = run.catalogue.indicator(ind_id)
        per_cell(run.issues, kind, cells, row="source_row", column="value_col", raw="value", name_lv=ind.name_lv,
                 name_en=ind.name_en, unit_lv=ind.unit_lv, unit_en=ind.unit_en)


_CELL_PROBLEMS = (
    (vl.NOT_A_NUMBER, NOT_A_NUMBER),
    (vl.FORMULA, FORMULA_WITHOUT_VALUE),
    (vl.EXCEL_ERROR, EXCEL_ERROR),
    (vl.NOT_FINITE, NOT_FINITE),
)
_KIND_WORDS = {
    "count": {"kind_lv": "skaits", "kind_en": "a count"},
    "rate": {"kind_lv": "koeficients", "kind_en": "a rate"},
    None: {"kind_lv": "neviens skaitlis", "kind_en": "no figure"},
}


def _limit_text(limit: float) -> str:
    return f"{limit:,.0f}".replace(",", " ") if limit < 1e12 else f"{limit:g}"


def _out_of_range(run: _Run, parsed: vl.ParsedValues) -> None:
    """1e308 births: a magnitude no indicator of its kind can have is a problem with its cell, not a value."""
    value = parsed.value.to_numpy()
    limit = vl.plausible_limits(run.work["kind"], run.work["per"])
    over = np.abs(value) > limit  # NaN compares False
    if not over.any():
        return
    parsed.value[over] = np.nan
    parsed.problem[over] = vl.OUT_OF_RANGE
    run.work.loc[over, "value_num"] = np.nan
    run.work.loc[over, "value_problem"] = vl.OUT_OF_RANGE
    kinds = run.work["kind"].where(run.work["kind"].isin(["count", "rate"]), None)
    flagged = pd.Series(over, index=run.work.index) & run.live
    for (kind, bound), cells in run.work.assign(_kind=kinds, _limit=limit)[flagged].groupby(
        ["_kind", "_limit"], dropna=False, sort=False
    ):
        per_cell(run.issues, OUT_OF_RANGE, cells[["sheet", "source_row", "value_col", "value"]], row="source_row",
                 column="value_col", raw="value", **_KIND_WORDS[kind if isinstance(kind, str) else None],
                 limit=_limit_text(bound))


def _counts(run: _Run) -> None:
    """The optional count and denominator columns: numbers or nothing."""
    work, issues = run.work, run.issues
    live = run.live.to_numpy()
    for name in ("count", "denominator"):
        cells = work[name]
        present = cells.notna() & ~cells.isin(vl.BLANK_TEXT)
        num = np.full(len(work), np.nan)
        if present.any():
            p = vl.parse_values(cells[present])
            at = np.flatnonzero(present.to_numpy())  # positions of the parsed cells, in order
            num[at] = p.value.to_numpy()
            problem = np.full(len(work), None, dtype=object)
            problem[at] = p.problem.to_numpy()
            wrong = np.zeros(len(work), dtype=bool)
            wrong[at] = (p.problem.notna() & ~(p.status.eq("not_available"))).to_numpy()
            wrong &= live
            over = np.zeros(len(work), dtype=bool)
            over[at] = np.abs(p.value.to_numpy()) > vl.MAX_COUNT  # a count or denominator is a count
            num[over] = np.nan
            problem[over] = vl.OUT_OF_RANGE
            wrong |= over & live
            per_cell(issues, OUT_OF_RANGE, pick(work, pd.Series(over & live, index=work.index),
                                                ["sheet", "source_row", f"{name}_col", name]),
                     row="source_row", column=f"{name}_col", raw=name, **_KIND_WORDS["count"],
                     limit=_limit_text(vl.MAX_COUNT))
            for code, kind in _CELL_PROBLEMS:
                m = pd.Series(wrong & (problem == code), index=work.index)
                per_cell(issues, kind, pick(work, m, ["sheet", "source_row", f"{name}_col", name]),
                         row="source_row", column=f"{name}_col", raw=name)
            run.bad |= wrong
        work[f"{name}_num"] = num


def _statuses(run: _Run) -> None:
    """A status column wins over what the value cell implied; a number is never 'not available'."""
    work = run.work
    status = work["value_status"].copy()
    if work["status"].notna().any():
        given, unknown = vl.parse_statuses(work["status"])
        per_cell(run.issues, UNKNOWN_STATUS, pick(work, unknown & run.live, ["sheet", "source_row", "status_col", "status"]),
                 row="source_row", column="status_col", raw="status")
        status = given.where(given.notna(), status)
    work["status_final"] = status.where(~(status.eq("not_available") & work["value_num"].notna()), None)


def _validity(run: _Run) -> None:
    """A unit that had ended before the year began cannot have data for it (Varakļānu novads in 2026)."""
    work, catalogue = run.work, run.catalogue
    known = work["municipality_code"].notna() & work["year_value"].notna()
    invalid = pd.Series(False, index=work.index)
    invalid[known] = mt.invalid_for_year(work.loc[known, "municipality_code"], work.loc[known, "year_value"],
                                         catalogue=catalogue)
    inv = first_of_groups(
        pick(work, invalid, ["sheet", "municipality_code", "year_value", "source_row", "municipality_col", "year_col"]),
        ["sheet", "municipality_code", "year_value"],
    )
    for rec in inv.itertuples(index=False):
        m = catalogue.municipality(rec.municipality_code)
        run.issues.add(mt.NOT_VALID_FOR_YEAR, sheet=rec.sheet, row=rec.source_row,
                       column=rec.municipality_col or rec.year_col,
                       **mt.validity_params(m, int(rec.year_value), catalogue=catalogue))
    run.bad |= invalid


def _tidy(run: _Run) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    """The parsed values in the shape the rules and the store use; the raw cells are let go here."""
    work = run.work
    tidy = pd.DataFrame(
        {
            "sheet": work["sheet"],
            "source_row": work["source_row"],
            "value_col": work["value_col"],
            "count_col": work["count_col"],
            "denominator_col": work["denominator_col"],
            "municipality_code": work["municipality_code"],
            "indicator": work["indicator_key"],
            "year": work["year_value"],
            "value": work["value_num"],
            "count": work["count_num"],
            "denominator": work["denominator_num"],
            "status": work["status_final"],
            "note": vl.map_unique(work["note"], lambda v: cell_text(v) or None),
            "percent": work["percent"],
            "kind": work["kind"],
            "per": work["per"],
            "matched": work["matched"],
            "value_problem": work["value_problem"],
            "value_raw": work["value"],
        }
    )
    sheets = work["sheet"]
    missing_year = work["sheet_problem"] == "missing-year"
    run.work = None  # type: ignore[assignment]
    return tidy, sheets, missing_year


def _checks(run: _Run, tidy: pd.DataFrame, *, missing_year: pd.Series) -> pd.Series:
    """Runs every plausibility rule; returns the exact repeats to leave out."""
    names = {m.code: m.name_lv for m in run.catalogue.municipalities}
    # rows whose year could not be read are not duplicates of each other; a table without years still is
    dated = tidy["year"].notna() | missing_year
    keyed = tidy["municipality_code"].notna() & tidy["indicator"].notna() & dated & run.live
    dup = check_duplicates(frame=_subset(tidy, keyed), names=names)
    _apply(dup, run)
    drop = pd.Series(False, index=tidy.index)
    if dup.drop is not None:
        drop[dup.drop.index[dup.drop]] = True
    _apply(check_yes_no(frame=tidy[run.live & (tidy["kind"] == "yes_no")]), run)
    candidates = _subset(tidy, ~run.bad & run.live & ~drop)
    for findings in (
        check_negative_counts(frame=candidates),
        check_count_above_denominator(frame=candidates),
        check_percentage_above_100(frame=candidates),
    ):
        _apply(findings, run)
    del candidates
    _apply(check_outliers(frame=_subset(tidy, ~run.bad & run.live & ~drop)), run)
    return drop


def _accepted(
    run: _Run, tidy: pd.DataFrame, *, drop: pd.Series, sheets: pd.Series, sheet_stats: dict[str, dict[str, Any]]
) -> pd.DataFrame:
    """Counts per sheet, and the rows that may be stored, typed for the store."""
    accepted = ~run.bad & run.live & ~drop
    by_sheet = pd.DataFrame(
        {"sheet": sheets, "read": 1, "acc": accepted, "rej": run.bad & run.live, "skip": run.skip | drop}
    )
    for name, s in by_sheet.groupby("sheet", sort=False).sum().iterrows():
        sheet_stats.setdefault(name, {}).update(
            rows_read=int(s["read"]), rows_accepted=int(s["acc"]), rows_rejected=int(s["rej"]),
            rows_skipped=int(s["skip"]),
        )
    out = tidy.loc[accepted, list(TIDY_COLUMNS) + ["matched"]].copy()
    out["year"] = out["year"].astype("int64")
    for c in ("value", "count", "denominator"):
        out[c] = out[c].astype("float64")
    out["source_row"] = out["source_row"].astype("int64")
    out["status"] = out["status"].astype(object).where(out["status"].notna(), None)
    return out.reset_index(drop=True)


def _subset(frame: pd.DataFrame, mask: pd.Series) -> pd.DataFrame:
    """The rows a rule looks at; no copy when that is every row (the usual case for a clean national file)."""
    return frame if bool(mask.all()) else frame[mask]


def _apply(findings: Findings, run: _Run) -> None:
    run.issues.extend(findings.issues)
    if findings.reject is not None and len(findings.reject):
        run.bad[findings.reject.index[findings.reject]] = True
