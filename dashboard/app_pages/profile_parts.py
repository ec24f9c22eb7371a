"""The profile page's parts: analysis.views.profile's codes put into words and charts, each cached for all sessions."""

from __future__ import annotations

import re
from datetime import date
from functools import partial

import pandas as pd

from analysis.profile_doc import municipality_uploads, profile_docx
from analysis.sample import SAMPLE_UPLOADER
from analysis.views.profile import values
from dashboard import charts, data, fmt, meaning
from dashboard.i18n import field, name, t

HIDDEN = ("domain", "indicator", "assessment", "benchmark", "source")


def _wrap(text: str, width: int = 38) -> str:
    """Chart titles on two lines instead of running into the next chart (plotly's own line break)."""
    lines, line = [], ""
    for w in text.split():
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    lines.append(line)
    return "<br>".join(lines[:3])


_LIST_START = re.compile(r"^(\d+)\.(\s)")


def as_table_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """st.table reads cells as markdown: "4. no 9" would become a numbered list and lose its rank, so escape it."""
    return frame.map(lambda v: _LIST_START.sub(r"\1\\.\2", v) if isinstance(v, str) else v)


def _rank(rank, n) -> str:
    return "" if pd.isna(rank) else t("profile.rank_value", rank=int(rank), n=int(n))


@data.versioned(max_entries=256)
def table(url: str, version: int, code: str, peer_group: str, lang: str) -> pd.DataFrame:
    """One row per catalogue indicator in words; indicators without data stay in, marked, so the group asks."""
    view, cat = data.profile.at(url, version, code), data.catalogue()
    out = []
    for r in view.rows.to_dict("records"):
        ind = cat.indicator(r["indicator"])
        # fourteen facts in ten columns, so a domain's table fits a laptop's page: unit with the name, significance
        # with the trend, the comparison word beside the value compared, the source by its short name
        row = {"domain": r["domain"], "indicator": r["indicator"],
               t("profile.col_indicator_unit"): f"{name(ind)}, {field(ind, 'unit')}"}
        for y in view.years:
            row[str(y)] = fmt.shown(r[f"value_{y}"], r[f"display_{y}"], decimals=r["decimals"], kind=r["kind"])
        missing = r["assessment"] == "missing"
        change = "" if missing else fmt.number(r["change"], decimals=int(r["change_decimals"]), signed=True)
        if change and r["change_as_rate"]:
            change = f"{change} {field(ind, 'rate_unit')}"
        row.update({
            t("profile.col_change"): change,
            t("profile.col_trend_significance"): t("common.no_data") if missing else t(
                "profile.trend_with_significance", trend=meaning.trend_text(r["direction"], r["assessment"]),
                significance=_significance(r)),
            t("profile.col_latvia_compared"): "" if missing else _compared(
                fmt.number(r["latvia_value"], decimals=r["decimals"]), r["benchmark"]),
            t("profile.col_region_compared"): "" if missing else _compared(
                fmt.number(r["region_value"], decimals=r["decimals"]), r["benchmark_region"]),
            t("profile.col_rank"): "" if missing else _rank(r[f"rank_{peer_group}"], r[f"n_{peer_group}"]),
            "assessment": r["assessment"], "benchmark": "" if missing else r["benchmark"], "source": r["source"],
            t("profile.col_source"): t(f"source_short.{r['source']}"),
        })
        out.append(row)
    return pd.DataFrame(out)


def _compared(value: str, benchmark: str) -> str:
    """'328 961 (līdzīgi)': the value compared with and what analysis/ decided the comparison says."""
    return t("profile.value_compared", value=value, word=meaning.word(benchmark))


def sources_note(rows: pd.DataFrame) -> str:
    """The full names behind the short source names of a domain's table, in the order they first appear."""
    sources = list(dict.fromkeys(rows["source"])) if "source" in rows.columns else []
    return t("profile.sources_note", names="; ".join(t(f"source.{s}") for s in sources)) if sources else ""


def _significance(r: dict) -> str:
    """The p-value or why there is none; a trend on today's territory names the units it adds up."""
    text = meaning.word(r["basis"]) if r.get("basis") == "yes_no_change" else (
        fmt.p_value(r["p_value"]) if r["reason"] == "" else meaning.word(r["reason"]))
    if r.get("territory") == "territory_adjusted":
        text += " · " + t("profile.territory_adjusted", units=unit_names(r["territory_units"]))
    return text


def unit_names(codes: object) -> str:
    """'Madonas novads + Varakļānu novads' for the unit codes a trend sums (past units from the crosswalk)."""
    from analysis.territory import territory

    units = [territory().unit(c) for c in str(codes).split(";") if c]
    return " + ".join(field(u, "name") for u in units if u is not None)


@data.versioned(resource=True, max_entries=256)
def spine(url: str, version: int, code: str, lang: str):
    """The spine chart (every ranked indicator's national position) and its table, or None without ranks."""
    points = data.profile.at(url, version, code).spine
    if points.empty:
        return None
    frame, shown = _spine_frame(points)
    return _spine_figure(frame), shown


@data.versioned(resource=True, max_entries=64)
def spine_pages(url: str, version: int, code: str, lang: str, rows: int = 26) -> list:
    """The spine chart cut between domains into pieces of about `rows` indicators at most, so each fits on an
    A4 page of the print view instead of being sliced through a row."""
    points = data.profile.at(url, version, code).spine
    if points.empty:
        return []
    frame, _shown = _spine_frame(points)
    pieces, start = [], 0
    domains = points["domain"].tolist()
    ends = [i for i in range(1, len(domains) + 1) if i == len(domains) or domains[i] != domains[i - 1]]
    for end, after in zip(ends, [*ends[1:], None]):
        if after is None or after - start > rows:
            pieces.append(_spine_figure(frame.iloc[start:end]))
            start = end
    return pieces


def _spine_figure(frame: pd.DataFrame):
    legend = {c: meaning.word(c) for c in meaning.BENCHMARK_ORDER}
    return charts.spine(frame, x_title=t("profile.spine_x"), legend=legend, colours=meaning.BENCHMARK_COLOURS)


def _spine_frame(points: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The spine's points in words (label, position, benchmark, hover) and the table behind the chart."""
    cat = data.catalogue()
    labels = [f"{d}. {name(cat.indicator(i))}" for d, i in zip(points["domain"], points["indicator"])]
    ranks = [_rank(r, n) for r, n in zip(points["rank"], points["n"])]
    hover = [f"{fmt.shown(v, dsp, decimals=dc, kind=k)} · {rk} · {meaning.word(b)}" for v, dsp, dc, k, rk, b in
             zip(points["value"], points["display"], points["decimals"], points["kind"], ranks, points["benchmark"])]
    frame = pd.DataFrame({"label": labels, "position": points["position"], "benchmark": points["benchmark"],
                          "hover": hover})
    shown = pd.DataFrame({t("profile.col_indicator"): labels, t("common.value"): points["display"],
                          t("profile.col_rank"): ranks,
                          t("profile.col_vs_latvia"): [meaning.word(b) for b in points["benchmark"]]})
    return frame, shown


@data.versioned(resource=True, max_entries=1024)
def domain_chart(url: str, version: int, code: str, domain_no: int, lang: str):
    """One domain's small multiples (municipality with interval band, Latvia where it compares) and table."""
    cat = data.catalogue()
    part = data.domain_series.at(url, version, code, domain_no)
    if not part.indicators:
        return None
    titles = {i: _wrap(name(cat.indicator(i))) for i in part.indicators}
    units = {i: field(cat.indicator(i), "unit") for i in part.indicators}
    fig = charts.small_multiples(part.series, part.national, titles=titles, units=units,
                                 name_local=name(cat.municipality(code)), name_latvia=t("common.latvia"),
                                 x_title=t("common.year"))
    shown = pd.DataFrame({
        t("profile.col_indicator"): [titles[i].replace("<br>", " ") for i in part.series["indicator"]],
        t("profile.col_year"): part.series["year"].to_numpy(),
        t("common.value"): [fmt.number(v, decimals=2) for v in part.series["value"]],
        t("profile.col_lower"): [fmt.number(v, decimals=2) for v in part.series["lower"]],
        t("profile.col_upper"): [fmt.number(v, decimals=2) for v in part.series["upper"]],
    })
    return fig, shown


def domain_summary(counts) -> str:
    """'n indicators, ↑ improving, ↓ worsening, without data' of one domain (analysis.views.profile counted them)."""
    return t("profile.domain_summary", n=int(counts["indicators"]), up=int(counts["improving"]),
             down=int(counts["worsening"]), missing=int(counts["missing"]))


def _cell(value, display, kind):
    """A workbook cell: the number itself, '<5' or 'x' where hidden, yes/no in words; never the formatted text."""
    if isinstance(display, str) and (display.startswith("<") or display == "x"):
        return display
    if value is None or pd.isna(value):
        return None
    if kind == "yes_no":
        return t("common.yes") if float(value) > 0 else t("common.no")
    return float(value)


@data.versioned(max_entries=64)
def workbook_sheets(url: str, version: int, code: str, peer_group: str, lang: str) -> tuple[pd.DataFrame, ...]:
    """The profile download's sheets with numbers as numbers and each row's decimals (profile, values, missing)."""
    view, cat = data.profile.at(url, version, code), data.catalogue()
    rows, decimals, change_decimals = [], [], []
    for r in view.rows.to_dict("records"):
        ind = cat.indicator(r["indicator"])
        missing = r["assessment"] == "missing"
        row = {t("profile.col_domain"): r["domain"], t("profile.col_indicator"): name(ind),
               t("profile.col_unit"): field(ind, "unit")}
        for y in view.years:
            row[str(y)] = _cell(r[f"value_{y}"], r[f"display_{y}"], r["kind"])
        row.update({
            t("profile.col_change"): None if missing or pd.isna(r["change"]) else float(r["change"]),
            t("profile.col_change_unit"): "" if missing else field(ind, "rate_unit" if r["change_as_rate"] else "unit"),
            t("profile.col_trend"): t("common.no_data") if missing else meaning.trend_text(r["direction"],
                                                                                           r["assessment"]),
            t("profile.col_significance"): "" if missing else (
                fmt.p_value(r["p_value"]) if r["reason"] == "" else meaning.word(r["reason"])),
            t("profile.col_latvia"): None if missing else _cell(r["latvia_value"], None, r["kind"]),
            t("profile.col_vs_latvia"): "" if missing else meaning.word(r["benchmark"]),
            t("profile.col_region"): None if missing else _cell(r["region_value"], None, r["kind"]),
            t("profile.col_vs_region"): "" if missing else meaning.word(r["benchmark_region"]),
            t("profile.col_rank"): "" if missing else _rank(r[f"rank_{peer_group}"], r[f"n_{peer_group}"]),
            t("profile.col_source"): t(f"source.{r['source']}"),
        })
        rows.append(row)
        decimals.append(int(r["decimals"]))
        change_decimals.append(int(r["change_decimals"]) if pd.notna(r["change_decimals"]) else None)
    profile = pd.DataFrame(rows)
    numbers = [*map(str, view.years), t("profile.col_latvia"), t("profile.col_region")]
    profile.attrs["decimals"] = {**{c: decimals for c in numbers}, t("profile.col_change"): change_decimals}
    missing_rows = [i for i, r in enumerate(view.rows["assessment"]) if r == "missing"]
    gaps = profile.iloc[missing_rows].reset_index(drop=True)
    gaps.attrs["decimals"] = {c: [d[i] for i in missing_rows] for c, d in profile.attrs["decimals"].items()}
    vals = values(data.analysis.at(url, version), cat, code=code)
    per_year = pd.DataFrame({
        t("profile.col_domain"): vals["domain"].to_numpy(),
        t("profile.col_indicator"): [name(cat.indicator(i)) if cat.indicator(i) else i for i in vals["indicator"]],
        t("profile.col_year"): vals["year"].to_numpy(),
        t("common.value"): [_cell(v, d, k) for v, d, k in zip(vals["value"], vals["display_value"], vals["kind"])],
        t("profile.col_lower"): vals["lower"].to_numpy(),
        t("profile.col_upper"): vals["upper"].to_numpy(),
        t("profile.col_status"): vals["status"].to_numpy(),
        t("profile.col_note"): vals["note"].to_numpy(),
    })
    row_decimals = [None if pd.isna(d) else int(d) for d in vals["decimals"]]
    per_year.attrs["decimals"] = {c: row_decimals for c in (t("common.value"), t("profile.col_lower"),
                                                            t("profile.col_upper"))}
    return profile, per_year, gaps


@data.versioned(max_entries=16)
def _profile_document(url: str, version: int, code: str, lang: str, window: int, today: str) -> bytes:
    used = municipality_uploads(data.observations.at(url, version), data.uploads.at(url, version), code=code)
    return profile_docx(analysis=data.analysis.at(url, version, window), catalogue=data.catalogue(),
                        municipality_code=code, lang=lang, synthetic=bool((used["uploader"] == SAMPLE_UPLOADER).any()),
                        uploads=used, today=date.fromisoformat(today))


def profile_document(code: str, *, lang: str, window: int = 3):
    """The chapter draft's builder, bound now (version, language, today) and run on click, served from the cache."""
    return partial(_profile_document.at, *data.key(), code, lang, window, date.today().isoformat())
