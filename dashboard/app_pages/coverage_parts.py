"""The coverage page's parts: analysis.coverage's figures as diagrams, the tile map, lists and the change in words."""

from __future__ import annotations

import pandas as pd

from analysis.coverage.figures import STATUS_LABELS, compare_years, round_pct
from analysis.coverage.tilemap import survey_tile_values, tile_figure
from dashboard import charts, data, fmt
from dashboard.charts import OKABE_ITO
from dashboard.i18n import lang, name, t


def status_label(status: str, lang_: str) -> str:
    return STATUS_LABELS[status][1 if lang_ == "en" else 0] if status in STATUS_LABELS else status


@data.versioned(resource=True, max_entries=8)
def tiles(url: str, version: int, year: int, lang_: str):
    """The programme-status tile map and its table."""
    figures = data.coverage.at(url, version, year)
    labels = {k: status_label(k, lang_) for k in STATUS_LABELS}
    fig = tile_figure(survey_tile_values(figures.table), catalogue=data.catalogue(), lang=lang_, category_labels=labels)
    fig.update_layout(separators=fmt.plotly_separators(lang_), height=520)
    table = pd.DataFrame({t("common.municipality"): figures.table[f"name_{lang_}"].to_numpy(),
                          t("coverage.col_status"): [labels.get(s, s) for s in figures.table["programme_status"]]})
    return fig, table


@data.versioned(resource=True, max_entries=8)
def compare(url: str, version: int, lang_: str):
    """Status shares per survey round with the change since the previous one (None for a single round)."""
    frame = data.survey.at(url, version)
    if frame["survey_year"].nunique() < 2:
        return None
    cmp = compare_years(frame)
    bars = []
    for i, (year, part) in enumerate(cmp.groupby("survey_year")):
        bars.append({"type": "bar", "name": str(year), "x": part[f"label_{lang_}"].tolist(),
                     "y": [round_pct(p) for p in part["pct"]], "marker": {"color": charts.COLORWAY[i % 8]},
                     "text": [fmt.percent(round_pct(p)) for p in part["pct"]], "textposition": "outside"})
    fig = charts.figure(bars, charts.layout(y_title=t("coverage.share_axis"), height=400, barmode="group"))
    table = pd.DataFrame({
        t("coverage.col_year"): cmp["survey_year"].to_numpy(),
        t("coverage.col_status"): cmp[f"label_{lang_}"].to_numpy(),
        t("coverage.col_count"): cmp["count"].to_numpy(),
        t("coverage.col_pct"): [fmt.number(round_pct(p), decimals=1) for p in cmp["pct"]],
        t("coverage.col_change"): [fmt.number(v, signed=True) for v in cmp["change_count"]],
        t("coverage.col_change_pp"): [fmt.number(v, decimals=1, signed=True) for v in cmp["change_pp"]],
    })
    return fig, table


@data.versioned(max_entries=8)
def changes(url: str, version: int, lang_: str) -> pd.DataFrame:
    """Who changed status between rounds, in words."""
    frame, cat = data.coverage_status_changes.at(url, version), data.catalogue()
    return pd.DataFrame({
        t("common.municipality"): [name(cat.municipality(c)) for c in frame["municipality_code"]],
        t("coverage.col_year"): [f"{a} → {b}" for a, b in zip(frame["from_year"], frame["to_year"])],
        t("coverage.col_from"): [status_label(s, lang_) for s in frame["from_status"]],
        t("coverage.col_to"): [status_label(s, lang_) for s in frame["to_status"]],
    })


def share_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """A survey diagram's rows: the label in the viewer's language, count, the report's rounded percent, interval."""
    label = frame[f"label_{lang()}"]
    pct = [round_pct(p) for p in frame["pct"]]
    out = pd.DataFrame({
        t("coverage.col_answer"): label.to_numpy(),
        t("coverage.col_count"): frame["count"].astype(int).to_numpy(),
        t("coverage.col_pct"): [fmt.number(p, decimals=1) for p in pct],
    })
    if "ci_low" in frame.columns:
        out[t("coverage.col_ci")] = [f"{fmt.number(round_pct(a), decimals=1)}–{fmt.number(round_pct(b), decimals=1)}"
                                     for a, b in zip(frame["ci_low"], frame["ci_high"])]
    out["_pct"] = pct
    out["_text"] = [f"{c} ({fmt.percent(p)})" for c, p in zip(frame["count"].astype(int), pct)]
    return out


def municipality_list(frame: pd.DataFrame, *, with_years: bool = True) -> pd.DataFrame:
    out = pd.DataFrame({t("common.municipality"): frame[f"name_{lang()}"].to_numpy()})
    if with_years:
        # words where a year is missing: st.dataframe would print an empty Int64 cell as "None"
        out[t("coverage.col_start")] = [fmt.year(y) for y in frame["start_year"]]
        open_ended = frame["open_ended"] if "open_ended" in frame.columns else [False] * len(frame)
        out[t("coverage.col_end")] = [fmt.end_year(y, open_ended=o) for y, o in zip(frame["end_year"], open_ended)]
    return out


def term_rows(terms: pd.DataFrame, *, open_ended: int, unknown: int) -> pd.DataFrame:
    """Diagram 2's bars: every programme counted once — terms in years, then open-ended and unknown apart."""
    labels = [str(int(y)) for y in terms["term_years"]]
    counts = [int(c) for c in terms["count"]]
    colours = [OKABE_ITO["blue"]] * len(labels)
    for n, key, colour in ((open_ended, "coverage.term_open", OKABE_ITO["orange"]),
                           (unknown, "coverage.term_unknown", OKABE_ITO["grey"])):
        if n:
            labels.append(t(key))
            counts.append(int(n))
            colours.append(colour)
    return pd.DataFrame({t("coverage.years_axis"): labels, t("coverage.col_count"): counts, "_label": labels,
                         "_count": counts, "_colour": colours})


def _share_sheet(frame: pd.DataFrame) -> pd.DataFrame:
    """A diagram's rows for the workbook: the answer in words, then count, n, percent and interval as numbers."""
    out = pd.DataFrame({t("coverage.col_answer"): frame[f"label_{lang()}"].to_numpy(),
                        t("coverage.col_count"): frame["count"].astype(int).to_numpy(),
                        "n": frame["n"].astype(int).to_numpy(),
                        t("coverage.col_pct"): [round_pct(p) for p in frame["pct"]]})
    columns = [t("coverage.col_pct")]
    if "ci_low" in frame.columns:
        out[t("coverage.col_ci_low")] = [round_pct(p) for p in frame["ci_low"]]
        out[t("coverage.col_ci_high")] = [round_pct(p) for p in frame["ci_high"]]
        columns += [t("coverage.col_ci_low"), t("coverage.col_ci_high")]
    out.attrs["decimals"] = {c: [1] * len(out) for c in columns}
    return out


def workbook_sheets(figures, lists: list[tuple[str, pd.DataFrame, bool]]) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """Every figure of the page and every list as sheets (numbers as numbers), and the README lines naming them."""
    sheets: dict[str, pd.DataFrame] = {}
    described: list[str] = []
    terms = figures.diagram(2)
    for no in range(1, 6):
        sheets[t("coverage.sheet_diagram", no=no)] = pd.DataFrame({
            t("coverage.col_term"): terms["term_years"].astype(int).to_numpy(),
            t("coverage.col_count"): terms["count"].astype(int).to_numpy(),
        }) if no == 2 else _share_sheet(figures.diagram(no, intervals=True))
    sheets[t("coverage.sheet_domains")] = _share_sheet(
        figures.domain_counts.assign(**{f"label_{lang()}": [f"{d}. {x}" for d, x in zip(
            figures.domain_counts["domain"], figures.domain_counts[f"label_{lang()}"])]}))
    for i, (key, frame, years_too) in enumerate(lists, start=1):
        name = t("coverage.sheet_list", no=i)
        sheets[name] = municipality_list(frame, with_years=years_too)
        described.append(f"{name}: {t(key, n=len(frame))}")
    return sheets, described
