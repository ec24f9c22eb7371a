"""The BAC survey figures, defined exactly as the 2024 report defines them, so the dashboard reproduces it.

Definitions (the 2024 report, second half):
- Diagram 1: programme status as shares of ALL municipalities in the survey (n = answers in the round).
- Diagrams 3–5: shares of the municipalities with a programme OR programme elements in other planning
  documents (status developed + in_other_documents; "the 19" in 2024).
- Diagram 2: the distribution of term lengths in years over the same municipalities. A term is counted as
  end year minus start year (a programme for 2022–2027 has a term of 5 years); open-ended programmes are
  counted apart, as are rows missing a start or end year ("unknown").
- Outdated: status developed and not up to date. Children's views missing: of the 19, views not included.
- Every share carries its count and n; Wilson intervals are added on request.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from analysis.coverage.cells import MONITORING, STATUSES
from analysis.stats.intervals import wilson
from analysis.text import fold

STATUS_LABELS = {
    "developed": ("Izstrādāta", "Developed"),
    "in_other_documents": ("Iekļauta citos plānošanas dokumentos", "In other planning documents"),
    "not_developed": ("Nav izstrādāta", "Not developed"),
}
MONITORING_LABELS = {
    "complete": ("Pilna uzraudzības kārtība", "Complete monitoring procedure"),
    "institutions_only": ("Norādītas tikai iestādes", "Institutions named only"),
    "none": ("Nav uzraudzības kārtības", "No monitoring procedure"),
}
ITEM_LABELS = {
    "conclusions": ("Secinājumi iekļauti", "Conclusions included"),
    "action_plan": ("Rīcības plāns iekļauts", "Action plan included"),
    "monitoring_any": ("Uzraudzības kārtība noteikta", "Monitoring procedure set"),
    "monitoring_complete": MONITORING_LABELS["complete"],
    "monitoring_institutions_only": MONITORING_LABELS["institutions_only"],
    "monitoring_none": MONITORING_LABELS["none"],
    "children_views": ("Bērnu viedoklis iekļauts", "Children's views included"),
    "children_views_missing": ("Bērnu viedoklis nav iekļauts", "Children's views not included"),
    "outdated": ("Izstrādāta, bet nav aktualizēta", "Developed but not up to date"),
}
YES_NO_LABELS = {"yes": ("Ir", "Yes"), "no": ("Nav", "No")}
WITH_PROGRAMME = ("developed", "in_other_documents")
DOMAIN_NUMBERS = tuple(range(1, 17))


# --- small helpers --------------------------------------------------------------------------------------


def round_pct(value: float | None, digits: int = 1) -> float | None:
    """Half-up rounding as people do it by hand (18.65 → 18.7), never banker's rounding."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    q = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(float(value))).quantize(q, rounding=ROUND_HALF_UP))


def _wilson(count: int, n: int, *, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score limits (fractions 0–1) from the shared statistics module, so every page agrees."""
    low, high = wilson(count, n, level=confidence)
    return float(low), float(high)


def _share_rows(
    items: list[tuple[str, int]], *, n: int, labels: dict[str, tuple[str, str]], intervals: bool, confidence: float
) -> pd.DataFrame:
    """Tidy rows: key, labels, count, n, pct (0–100) and, on request, the Wilson interval in percent."""
    rows = []
    for key, count in items:
        lv, en = labels.get(key, (key, key))
        row = {"key": key, "label_lv": lv, "label_en": en, "count": int(count), "n": int(n)}
        row["pct"] = 100.0 * count / n if n else math.nan
        if intervals:
            low, high = _wilson(int(count), int(n), confidence=confidence)
            row["ci_low"], row["ci_high"] = 100.0 * low, 100.0 * high
        rows.append(row)
    columns = ["key", "label_lv", "label_en", "count", "n", "pct"] + (["ci_low", "ci_high"] if intervals else [])
    return pd.DataFrame(rows, columns=columns)


def _bool(series: pd.Series) -> pd.Series:
    """True/False whatever the source (bool, 0/1 from SQLite, nullable boolean); missing counts as no."""
    return series.astype("boolean").fillna(False).astype(bool)


def domain_set(text: object) -> set[int]:
    """The domain numbers of a stored '1;5;7' cell."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return set()
    return {int(t) for t in str(text).replace(",", ";").split(";") if t.strip().isdigit()}


# --- the per-municipality table -------------------------------------------------------------------------


def survey_table(frame: pd.DataFrame, *, catalogue) -> pd.DataFrame:
    """One row per answer with names, region and derived flags: the table analysts filter and download."""
    out = frame.copy()
    munis = [catalogue.municipality(c) for c in out["municipality_code"]]
    out["name_lv"] = [m.name_lv if m else c for m, c in zip(munis, out["municipality_code"])]
    out["name_en"] = [m.name_en if m else c for m, c in zip(munis, out["municipality_code"])]
    out["region"] = [m.region if m else None for m in munis]
    for name in ("open_ended", "conclusions", "action_plan", "children_views"):
        out[name] = _bool(out[name])
    out["up_to_date"] = out["up_to_date"].astype("boolean")
    out["start_year"] = pd.to_numeric(out["start_year"], errors="coerce").astype("Int64")
    out["end_year"] = pd.to_numeric(out["end_year"], errors="coerce").astype("Int64")
    out["with_programme"] = out["programme_status"].isin(WITH_PROGRAMME)
    out["term_years"] = (out["end_year"] - out["start_year"]).astype("Int64")
    out["outdated"] = (out["programme_status"] == "developed") & ~out["up_to_date"].fillna(False).astype(bool)
    out["monitoring_any"] = out["monitoring"].isin(("complete", "institutions_only"))
    out["children_views_missing"] = out["with_programme"] & ~out["children_views"]
    out["domains_count"] = [len(domain_set(d)) for d in out["domains"]]
    return out.sort_values("name_lv", key=lambda s: s.map(fold)).reset_index(drop=True)


# --- the figures ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CoverageFigures:
    """Everything the survey pages show for one round, each share with its count and n."""

    survey_year: int
    n: int
    status: pd.DataFrame
    with_programme_or_elements: int
    of_those: pd.DataFrame
    monitoring: pd.DataFrame
    term_lengths: pd.DataFrame
    term_open_ended: int
    term_unknown: int
    open_ended: pd.DataFrame
    outdated: pd.DataFrame
    children_views_missing: pd.DataFrame
    domain_matrix: pd.DataFrame
    domain_counts: pd.DataFrame
    table: pd.DataFrame

    def share(self, key: str) -> float:
        """A share of the 19 (or of n for a status) in percent, unrounded."""
        for frame in (self.status, self.of_those):
            hit = frame.loc[frame["key"] == key, "pct"]
            if len(hit):
                return float(hit.iloc[0])
        raise KeyError(key)

    def diagram(self, no: int, *, intervals: bool = False, confidence: float = 0.95) -> pd.DataFrame:
        """The rows behind one of the report's five diagrams (key, labels, count, n, pct)."""
        if no == 1:
            items = list(zip(self.status["key"], self.status["count"]))
            return _share_rows(items, n=self.n, labels=STATUS_LABELS, intervals=intervals, confidence=confidence)
        if no == 2:
            return self.term_lengths.copy()
        if no in (3, 4):
            key = "conclusions" if no == 3 else "action_plan"
            count = int(self.of_those.loc[self.of_those["key"] == key, "count"].iloc[0])
            items = [("yes", count), ("no", self.with_programme_or_elements - count)]
            return _share_rows(
                items, n=self.with_programme_or_elements, labels=YES_NO_LABELS, intervals=intervals,
                confidence=confidence,
            )
        if no == 5:
            items = list(zip(self.monitoring["key"], self.monitoring["count"]))
            return _share_rows(
                items, n=self.with_programme_or_elements, labels=MONITORING_LABELS, intervals=intervals,
                confidence=confidence,
            )
        raise ValueError(f"diagram {no} does not exist (1–5)")


def coverage_figures(
    frame: pd.DataFrame,
    *,
    catalogue,
    survey_year: int | None = None,
    intervals: bool = False,
    confidence: float = 0.95,
) -> CoverageFigures:
    """The report's figures for one survey round (the only round in the frame, or the one named)."""
    years = sorted(int(y) for y in pd.unique(frame["survey_year"]))
    if survey_year is None:
        if len(years) > 1:
            raise ValueError(f"one survey year expected, found {years}; pass survey_year")
        survey_year = years[0] if years else 0
    data = frame[frame["survey_year"] == survey_year] if len(frame) else frame
    table = survey_table(data, catalogue=catalogue)
    n = len(table)
    shares = {"intervals": intervals, "confidence": confidence}

    status_counts = [(s, int((table["programme_status"] == s).sum())) for s in STATUSES]
    status = _share_rows(status_counts, n=n, labels=STATUS_LABELS, **shares)

    those = table[table["with_programme"]]
    m = len(those)
    monitoring_counts = {k: int((those["monitoring"] == k).sum()) for k in MONITORING}
    items = [
        ("conclusions", int(those["conclusions"].sum())),
        ("action_plan", int(those["action_plan"].sum())),
        ("monitoring_any", monitoring_counts["complete"] + monitoring_counts["institutions_only"]),
        ("monitoring_complete", monitoring_counts["complete"]),
        ("monitoring_institutions_only", monitoring_counts["institutions_only"]),
        ("monitoring_none", monitoring_counts["none"]),
        ("children_views", int(those["children_views"].sum())),
        ("children_views_missing", int((~those["children_views"]).sum())),
    ]
    of_those = _share_rows(items, n=m, labels=ITEM_LABELS, **shares)
    monitoring = _share_rows(list(monitoring_counts.items()), n=m, labels=MONITORING_LABELS, **shares)

    terms = those[~those["open_ended"]]["term_years"].dropna().astype(int)
    term_lengths = (
        terms.value_counts().sort_index().rename_axis("term_years").reset_index(name="count")
        if len(terms)
        else pd.DataFrame({"term_years": pd.Series(dtype="int64"), "count": pd.Series(dtype="int64")})
    )
    term_open_ended = int(those["open_ended"].sum())
    term_unknown = int((~those["open_ended"] & those["term_years"].isna()).sum())

    person = ["municipality_code", "name_lv", "name_en", "region", "programme_status", "start_year", "end_year",
              "open_ended"]
    open_ended = those.loc[those["open_ended"], person].reset_index(drop=True)
    outdated = table.loc[table["outdated"], person].reset_index(drop=True)
    views_missing = those.loc[those["children_views_missing"], person].reset_index(drop=True)

    matrix = domain_matrix(those)
    counts = [(no, int(matrix[no].sum()) if len(matrix) else 0) for no in DOMAIN_NUMBERS]
    domain_labels = {d.no: (d.name_lv, d.name_en) for d in catalogue.domains}
    domain_counts = _share_rows(counts, n=m, labels=domain_labels, **shares).rename(columns={"key": "domain"})

    return CoverageFigures(
        survey_year=int(survey_year),
        n=n,
        status=status,
        with_programme_or_elements=m,
        of_those=of_those,
        monitoring=monitoring,
        term_lengths=term_lengths,
        term_open_ended=term_open_ended,
        term_unknown=term_unknown,
        open_ended=open_ended,
        outdated=outdated,
        children_views_missing=views_missing,
        domain_matrix=matrix,
        domain_counts=domain_counts,
        table=table,
    )


def domain_matrix(table: pd.DataFrame) -> pd.DataFrame:
    """Municipality × 16 domains (True where the programme covers the domain), names first."""
    head = table[["municipality_code", "name_lv", "name_en", "programme_status"]].reset_index(drop=True)
    sets = [domain_set(d) for d in table["domains"]]
    cells = pd.DataFrame({no: [no in s for s in sets] for no in DOMAIN_NUMBERS}, dtype=bool)
    return pd.concat([head, cells], axis=1)


# --- several survey rounds ------------------------------------------------------------------------------


def compare_years(survey_all_years: pd.DataFrame, *, intervals: bool = False, confidence: float = 0.95) -> pd.DataFrame:
    """Status shares per survey round and the change since the previous round (counts and percentage points)."""
    rows = []
    for year in sorted(int(y) for y in pd.unique(survey_all_years["survey_year"])):
        part = survey_all_years[survey_all_years["survey_year"] == year]
        n = len(part)
        counts = [(s, int((part["programme_status"] == s).sum())) for s in STATUSES]
        counts.append(("with_programme_or_elements", int(part["programme_status"].isin(WITH_PROGRAMME).sum())))
        shares = _share_rows(
            counts, n=n, labels={**STATUS_LABELS, "with_programme_or_elements": (
                "Ir programma vai tās elementi", "Programme or its elements")},
            intervals=intervals, confidence=confidence,
        )
        shares.insert(0, "survey_year", year)
        rows.append(shares)
    columns = ["survey_year", "status", "label_lv", "label_en", "count", "n", "pct"]
    if not rows:
        return pd.DataFrame(columns=columns + ["change_count", "change_pp"])
    out = pd.concat(rows, ignore_index=True).rename(columns={"key": "status"})
    out = out.sort_values(["status", "survey_year"], kind="stable")
    out["change_count"] = out.groupby("status")["count"].diff().astype("Int64")
    out["change_pp"] = out.groupby("status")["pct"].diff()
    order = {s: i for i, s in enumerate((*STATUSES, "with_programme_or_elements"))}
    out = out.sort_values(["survey_year", "status"], key=lambda s: s.map(order) if s.name == "status" else s)
    return out.reset_index(drop=True)


def status_changes(survey_all_years: pd.DataFrame, *, catalogue) -> pd.DataFrame:
    """Municipalities whose programme status differs between consecutive survey rounds, round by round."""
    columns = ["municipality_code", "name_lv", "from_year", "to_year", "from_status", "to_status"]
    years = sorted(int(y) for y in pd.unique(survey_all_years["survey_year"]))
    rows = []
    for before, after in zip(years, years[1:]):
        a = survey_all_years[survey_all_years["survey_year"] == before].set_index("municipality_code")
        b = survey_all_years[survey_all_years["survey_year"] == after].set_index("municipality_code")
        for code in sorted(set(a.index) & set(b.index)):
            old, new = a.at[code, "programme_status"], b.at[code, "programme_status"]
            if old != new:
                m = catalogue.municipality(code)
                rows.append([code, m.name_lv if m else code, before, after, old, new])
    return pd.DataFrame(rows, columns=columns)
