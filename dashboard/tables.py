"""Display tables: catalogue codes turned into words in the viewer's language, numbers formatted the Latvian way."""

from __future__ import annotations

import pandas as pd

from analysis.catalogue import Catalogue
from analysis.text import fold
from dashboard.i18n import field, name, t


def indicator_catalogue(cat: Catalogue, *, domain_no: int | None = None, query: str = "") -> pd.DataFrame:
    """The catalogue browser's table: one row per indicator with its meaning, unit, polarity and source."""
    needle = fold(query)
    rows = []
    for ind in cat.indicators:
        if domain_no is not None and ind.domain != domain_no:
            continue
        if needle and needle not in fold(f"{ind.id} {ind.name_lv} {ind.name_en}"):
            continue
        denominator = cat.indicator(ind.denominator) if ind.denominator else None
        rows.append(
            {
                t("common.domain"): ind.domain,
                t("methods.col_id"): ind.id,
                t("methods.col_name"): name(ind),
                t("methods.col_definition"): field(ind, "definition"),
                t("methods.col_unit"): field(ind, "unit"),
                t("methods.col_kind"): t(f"kind.{ind.kind}"),
                t("methods.col_polarity"): t(f"polarity.{ind.polarity}"),
                t("methods.col_source"): t(f"source.{ind.source}"),
                t("methods.col_denominator"): name(denominator) if denominator else "",
                t("methods.col_threshold"): ind.small_n_threshold,
            }
        )
    return pd.DataFrame(rows)


def upload_history(uploads: pd.DataFrame, *, fmt_moment, fmt_integer=str) -> pd.DataFrame:
    """The history table: which file, which version of its dataset, when, by whom, how many rows."""
    def status(row) -> str:
        if row["status"] == "restore" and pd.notna(row["restored_from"]):
            return t("upload.status_restore", n=int(row["restored_from"]))
        return t("upload.status_stored")

    return pd.DataFrame(
        {
            t("upload.col_id"): uploads["id"].astype(int),
            t("upload.col_file"): uploads["file_name"],
            t("upload.col_version"): uploads["version"].astype(int),
            t("upload.col_kind"): [t(f"upload.kind_{k}") for k in uploads["kind"]],
            t("upload.col_when"): [fmt_moment(x) for x in uploads["uploaded_at"]],
            t("upload.col_who"): uploads["uploader"],
            t("upload.col_rows"): [fmt_integer(n) for n in uploads["n_rows"]],
            t("upload.col_status"): [status(r) for _, r in uploads.iterrows()],
        }
    )


def upload_diff(diff: pd.DataFrame, cat: Catalogue, *, fmt_number) -> pd.DataFrame:
    """Added / changed / removed values between two versions, with names instead of codes."""
    def muni(code: str) -> str:
        return name(cat.municipality(code)) if cat.municipality(code) else code

    def indicator(code: str) -> str:
        return name(cat.indicator(code)) if cat.indicator(code) else code

    return pd.DataFrame(
        {
            t("upload.col_change"): [t(f"upload.change_{c}") for c in diff["change"]],
            t("common.municipality"): [muni(c) for c in diff["municipality_code"]],
            t("common.indicator"): [indicator(c) for c in diff["indicator"]],
            t("common.year"): diff["year"].astype(int),
            t("upload.col_old"): [fmt_number(v, decimals=2) for v in diff["value_old"]],
            t("upload.col_new"): [fmt_number(v, decimals=2) for v in diff["value_new"]],
        }
    )


# ---------------------------------------------------------------- the municipality profile

KIND_DECIMALS = {"count": 0, "rate": 1, "proportion": 1, "amount": 2, "yes_no": 0}


def profile_years(analysis) -> list[int]:
    """The columns of the profile: the latest `window` calendar years with data anywhere."""
    end = int(analysis.trends["window_end"].max())
    return list(range(end - analysis.settings.window + 1, end + 1))


def measure_of(trend_row, ind) -> tuple[int, str]:
    """Decimals and unit of what a trend row shows: a count tested as its rate is shown per its base."""
    if ind is not None and trend_row["measure"] == "rate":
        return 1, field(ind, "rate_unit") or ""
    kind = ind.kind if ind is not None else trend_row["kind"]
    return KIND_DECIMALS.get(kind, 1), field(ind, "unit") if ind is not None else ""


def profile(analysis, cat: Catalogue, *, code: str, peer_group: str) -> pd.DataFrame:
    """One row per catalogue indicator (domain order), with the codes analysis/ decided turned into words.

    Indicators without data stay in the table, marked, so the group sees what to ask for.
    """
    from dashboard import fmt, meaning

    years = profile_years(analysis)
    trends = analysis.trends[analysis.trends["municipality_code"] == code].set_index("indicator")
    vals = analysis.values[
        (analysis.values["municipality_code"] == code) & analysis.values["year"].isin(years)
    ]
    cells = {(str(r.indicator), int(r.year)): r for r in vals.itertuples()}
    rows = []
    for domain in cat.domains:
        for ind in cat.indicators_of(domain.no):
            dec = KIND_DECIMALS.get(ind.kind, 1)
            row = {
                "domain": domain.no,
                "indicator": ind.id,
                t("profile.col_indicator"): name(ind),
                t("profile.col_unit"): field(ind, "unit"),
            }
            for y in years:
                c = cells.get((ind.id, y))
                row[str(y)] = fmt.shown(c.value, c.display_value, decimals=dec, kind=ind.kind) if c else fmt.DASH
            tr = trends.loc[ind.id] if ind.id in trends.index else None
            if tr is None:
                row.update({t("profile.col_change"): "", t("profile.col_trend"): t("common.no_data"),
                            t("profile.col_significance"): "", t("profile.col_latvia"): "",
                            t("profile.col_vs_latvia"): "", t("profile.col_region"): "",
                            t("profile.col_vs_region"): "", t("profile.col_rank"): "", "assessment": "missing",
                            "benchmark": ""})
            else:
                hidden = bool(tr["suppressed"])
                significance = fmt.p_value(tr["p_value"]) if tr["reason"] == "" else meaning.word(tr["reason"])
                rank, n = tr[f"rank_{peer_group}"], tr[f"n_{peer_group}"]
                change_dec, change_unit = measure_of(tr, ind)
                change = fmt.number(tr["change"], decimals=change_dec, signed=True)
                if change and tr["measure"] == "rate":
                    change = f"{change} {change_unit}"
                row.update(
                    {
                        t("profile.col_change"): "" if hidden else change,
                        t("profile.col_trend"): meaning.trend_text(tr["direction"], tr["assessment"]),
                        t("profile.col_significance"): significance,
                        t("profile.col_latvia"): fmt.number(tr["latvia_value"], decimals=dec),
                        t("profile.col_vs_latvia"): meaning.word(tr["benchmark"]),
                        t("profile.col_region"): fmt.number(tr["region_value"], decimals=dec),
                        t("profile.col_vs_region"): meaning.word(tr["benchmark_region"]),
                        t("profile.col_rank"): "" if pd.isna(rank)
                        else t("profile.rank_value", rank=int(rank), n=int(n)),
                        "assessment": tr["assessment"],
                        "benchmark": tr["benchmark"],
                    }
                )
            row[t("profile.col_source")] = t(f"source.{ind.source}")
            rows.append(row)
    return pd.DataFrame(rows)


PROFILE_HIDDEN = ("domain", "indicator", "assessment", "benchmark")


def profile_values(analysis, cat: Catalogue, *, code: str) -> pd.DataFrame:
    """Every year's value of one municipality (the profile download's second sheet)."""
    from dashboard import fmt

    vals = analysis.values[analysis.values["municipality_code"] == code]
    order = {i.id: n for n, i in enumerate(ind for d in cat.domains for ind in cat.indicators_of(d.no))}
    vals = vals.assign(_o=vals["indicator"].astype(str).map(order)).sort_values(["_o", "year"])
    return pd.DataFrame(
        {
            t("profile.col_domain"): vals["domain"].to_numpy(),
            t("profile.col_indicator"): [name(cat.indicator(str(i))) if cat.indicator(str(i)) else str(i)
                                         for i in vals["indicator"]],
            t("profile.col_year"): vals["year"].to_numpy(),
            t("common.value"): [fmt.shown(v, d, decimals=dc, kind=k) for v, d, dc, k in
                                zip(vals["value"], vals["display_value"], vals["decimals"], vals["kind"])],
            t("profile.col_lower"): vals["lower"].round(3).to_numpy(),
            t("profile.col_upper"): vals["upper"].round(3).to_numpy(),
            t("profile.col_status"): vals["status"].to_numpy(),
            t("profile.col_note"): vals["note"].to_numpy(),
        }
    )


def _wrap(text: str, width: int = 38) -> str:
    """Chart titles on two lines instead of running into the next chart (plotly's own line break)."""
    words, lines, line = text.split(), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    lines.append(line)
    return "<br>".join(lines[:3])


def spine_points(analysis, cat: Catalogue, *, code: str) -> pd.DataFrame:
    """Where the municipality stands among all municipalities per indicator: analysis's national rank on 0–100."""
    from dashboard import fmt, meaning

    tr = analysis.trends[(analysis.trends["municipality_code"] == code) & analysis.trends["rank_national"].notna()]
    tr = tr[tr["n_national"] > 1]
    order = {i.id: n for n, i in enumerate(ind for d in cat.domains for ind in cat.indicators_of(d.no))}
    tr = tr.assign(_o=tr["indicator"].map(order)).sort_values("_o")
    position = 100 * (1 - (tr["rank_national"] - 1) / (tr["n_national"] - 1))
    labels = [f"{d}. {name(cat.indicator(i))}" for d, i in zip(tr["domain"], tr["indicator"])]
    hover = [
        f"{fmt.shown(v, dsp, decimals=1 if ms == 'rate' else KIND_DECIMALS.get(k, 1), kind=k)} · "
        + t("profile.rank_value", rank=int(r), n=int(n)) + f" · {meaning.word(b)}"
        for v, dsp, k, ms, r, n, b in zip(tr["last_value"], tr["last_display"], tr["kind"], tr["measure"],
                                          tr["rank_national"], tr["n_national"], tr["benchmark"])
    ]
    return pd.DataFrame({"label": labels, "position": position.round(1).to_numpy(), "benchmark": tr["benchmark"],
                         "hover": hover, "indicator": tr["indicator"], "rank": tr["rank_national"],
                         "n": tr["n_national"], "value": tr["last_display"]})


def spine_table(points: pd.DataFrame) -> pd.DataFrame:
    from dashboard import meaning

    return pd.DataFrame({
        t("profile.col_indicator"): points["label"],
        t("common.value"): points["value"],
        t("profile.col_rank"): [t("profile.rank_value", rank=int(r), n=int(n))
                                for r, n in zip(points["rank"], points["n"])],
        t("profile.col_vs_latvia"): [meaning.word(b) for b in points["benchmark"]],
    })


def trend_series(analysis, cat: Catalogue, *, code: str, domain_no: int):
    """The yearly values (with intervals) of one municipality's indicators in one domain, for small multiples."""
    vals = analysis.values[(analysis.values["municipality_code"] == code) & (analysis.values["domain"] == domain_no)]
    titles, units = {}, {}
    for ind in cat.indicators_of(domain_no):
        if ind.kind == "yes_no" or not (vals["indicator"] == ind.id).any():
            continue
        titles[ind.id] = _wrap(name(ind))
        units[ind.id] = field(ind, "unit")
    series = vals[["indicator", "year", "value", "lower", "upper"]].astype({"indicator": str})
    return series[series["indicator"].isin(list(titles))], titles, units


def comparable_national(national: pd.DataFrame, cat: Catalogue, ids: list[str]) -> pd.DataFrame:
    """Latvia's line only where it is on the municipality's scale (rates and proportions, not totals)."""
    keep = [i for i in ids if cat.indicator(i) and cat.indicator(i).kind in ("rate", "proportion")]
    return national[national["indicator"].isin(keep)][["indicator", "year", "value"]]


def trend_table(series: pd.DataFrame, titles: dict[str, str]) -> pd.DataFrame:
    from dashboard import fmt

    return pd.DataFrame({
        t("profile.col_indicator"): [titles[i].replace("<br>", " ") for i in series["indicator"]],
        t("profile.col_year"): series["year"].to_numpy(),
        t("common.value"): [fmt.number(v, decimals=2) for v in series["value"]],
        t("profile.col_lower"): [fmt.number(v, decimals=2) for v in series["lower"]],
        t("profile.col_upper"): [fmt.number(v, decimals=2) for v in series["upper"]],
    })


# ---------------------------------------------------------------- the overview


def municipality_order(cat: Catalogue, codes) -> list[str]:
    """Alphabetical by Latvian name, the way people look a municipality up."""
    present = set(codes)
    return [m.code for m in sorted(cat.municipalities, key=lambda m: fold(m.name_lv)) if m.code in present]


def assessment_matrix(analysis, cat: Catalogue) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Municipality × domain tallies of the assessments analysis/ made: worsening counts and '↓n ↑m' labels."""
    tr = analysis.trends
    worse = tr[tr["assessment"] == "worsening"].groupby(["municipality_code", "domain"]).size()
    better = tr[tr["assessment"] == "improving"].groupby(["municipality_code", "domain"]).size()
    codes = municipality_order(cat, tr["municipality_code"].unique())
    domains = [d.no for d in cat.domains]
    index = pd.MultiIndex.from_product([codes, domains], names=["municipality_code", "domain"])
    w = worse.reindex(index, fill_value=0).unstack("domain")
    b = better.reindex(index, fill_value=0).unstack("domain")
    text = w.combine(b, lambda ws, bs: pd.Series(
        [" ".join(p for p in (f"↓{x}" if x else "", f"↑{y}" if y else "") if p) for x, y in zip(ws, bs)],
        index=ws.index))
    return w.loc[codes, domains], text.loc[codes, domains]


def worst(analysis, cat: Catalogue, *, limit: int = 25) -> pd.DataFrame:
    """The significant worsening trends, surest first (smallest p-value), with names and both ends of the period."""
    from dashboard import fmt, meaning

    tr = analysis.trends[analysis.trends["assessment"] == "worsening"].sort_values(["p_value", "municipality"])
    tr = tr.head(limit)
    shown = [measure_of(r, cat.indicator(r["indicator"])) for _, r in tr.iterrows()]
    dec = [d for d, _ in shown]
    from dashboard.selection import size_band_label

    # the answer first (who, what, from → to, how sure), then what helps judge it (size, period, Latvia)
    return pd.DataFrame({
        t("common.municipality"): [name(cat.municipality(c)) for c in tr["municipality_code"]],
        t("common.indicator"): [name(cat.indicator(i)) if cat.indicator(i) else i for i in tr["indicator"]],
        t("overview.col_from"): [fmt.shown(v, d, decimals=n) for v, d, n in zip(tr["first_value"],
                                                                                 tr["first_display"], dec)],
        t("overview.col_to"): [fmt.shown(v, d, decimals=n) for v, d, n in zip(tr["last_value"], tr["last_display"],
                                                                               dec)],
        t("profile.col_unit"): [u for _, u in shown],
        t("profile.col_trend"): [meaning.trend_text(d, a) for d, a in zip(tr["direction"], tr["assessment"])],
        t("profile.col_significance"): [fmt.p_value(p) for p in tr["p_value"]],
        t("overview.col_size"): [size_band_label(b) for b in tr["size_band"]],
        t("overview.col_period"): [f"{a}–{b}" for a, b in zip(tr["first_year"], tr["last_year"])],
        t("profile.col_vs_latvia"): [meaning.word(b) for b in tr["benchmark"]],
    })


def completeness(analysis, cat: Catalogue) -> tuple[pd.DataFrame, int]:
    """Municipality × domain percentage of indicators reported in the latest year (analysis.stats computes it)."""
    from analysis.stats import completeness_matrix

    frame = analysis.completeness
    year = int(frame["year"].max())
    matrix = completeness_matrix(frame, year=year)
    by_name = {m.name_lv: m.code for m in cat.municipalities}
    codes = municipality_order(cat, [by_name.get(n, n) for n in matrix.index])
    names = {by_name.get(n, n): n for n in matrix.index}
    matrix = (matrix.loc[[names[c] for c in codes]] * 100).round(0)
    matrix.index = codes
    return matrix.reindex(columns=[d.no for d in cat.domains]), year


# ---------------------------------------------------------------- the indicator explorer


def indicator_parts(vals: pd.DataFrame, national: pd.DataFrame, cat: Catalogue, *, indicator: str, year: int,
                    highlight: str, charts) -> dict:
    """Ranked bars, tiles and trend lines for one indicator; analysis/ decided benchmarks, ranks and hiding."""
    from dashboard import fmt, meaning

    ind = cat.indicator(indicator)
    unit = field(ind, "unit")
    dec = KIND_DECIMALS.get(ind.kind, 1)
    now = vals[vals["year"] == year].astype({"municipality_code": str, "benchmark": str})
    hidden = now[now["suppressed"]]
    shown = now[~now["suppressed"] & now["value"].notna()]
    shown = shown.assign(_r=shown["rank_national"].fillna(1e9), _v=-shown["value"]).sort_values(["_r", "_v"])
    labels = [name(cat.municipality(c)) for c in shown["municipality_code"]]
    hover = [f"{fmt.shown(v, d, decimals=dec)} {unit} ({fmt.number(lo, decimals=dec)}–{fmt.number(up, decimals=dec)})"
             f" · {meaning.word(b)}" for v, d, lo, up, b in zip(shown["value"], shown["display_value"],
                                                                 shown["lower"], shown["upper"], shown["benchmark"])]
    nat = national[(national["indicator"] == indicator)]
    nat_now = nat[nat["year"] == year]["value"]
    comparable = ind.kind in ("rate", "proportion")
    reference = float(nat_now.iloc[0]) if comparable and len(nat_now) else None
    bars_frame = pd.DataFrame({"label": labels, "value": shown["value"].to_numpy(), "lower": shown["lower"].to_numpy(),
                               "upper": shown["upper"].to_numpy(), "benchmark": shown["benchmark"].to_numpy(),
                               "hover": hover})
    ranked = None
    if len(bars_frame):
        ranked = charts.ranked_bars(
            bars_frame, x_title=f"{name(ind)}, {unit}", colours=meaning.BENCHMARK_COLOURS,
            legend={c: meaning.word(c) for c in meaning.BENCHMARK_ORDER}, reference=reference,
            reference_label=f"{t('common.latvia')}: {fmt.number(reference, decimals=dec)}" if reference else "",
            highlight=name(cat.municipality(highlight)) if cat.municipality(highlight) else None,
        )
    ranked_table = pd.DataFrame({
        t("common.municipality"): labels,
        t("common.value"): [fmt.shown(v, d, decimals=dec) for v, d in zip(shown["value"], shown["display_value"])],
        t("profile.col_lower"): [fmt.number(v, decimals=dec) for v in shown["lower"]],
        t("profile.col_upper"): [fmt.number(v, decimals=dec) for v in shown["upper"]],
        t("profile.col_vs_latvia"): [meaning.word(b) for b in shown["benchmark"]],
        t("profile.col_rank"): ["" if pd.isna(r) else t("profile.rank_value", rank=int(r), n=int(n))
                                for r, n in zip(shown["rank_national"], shown["n_national"])],
    })
    hidden_names = [f"{name(cat.municipality(c))} ({d})" for c, d in zip(hidden["municipality_code"],
                                                                         hidden["display_value"])]
    tiles, tiles_table = _tiles(now, cat, dec=dec, unit=unit)
    series = vals[vals["value"].notna()].astype({"municipality_code": str})
    line_frame = pd.DataFrame({"label": [name(cat.municipality(c)) for c in series["municipality_code"]],
                               "year": series["year"].to_numpy(), "value": series["value"].to_numpy()})
    trends = None
    if len(line_frame):
        trends = charts.lines(line_frame, x_title=t("common.year"), y_title=unit,
                              reference=nat[["year", "value"]] if comparable else None,
                              reference_label=t("common.latvia"),
                              highlight=name(cat.municipality(highlight)) if cat.municipality(highlight) else None)
    wide = line_frame.pivot_table(index="label", columns="year", values="value", aggfunc="first")
    wide = wide.map(lambda v: fmt.number(v, decimals=dec)).rename_axis(t("common.municipality")).reset_index()
    wide.columns = [str(c) for c in wide.columns]
    return {"ranked": ranked, "ranked_table": ranked_table, "hidden": hidden_names, "tiles": tiles,
            "tiles_table": tiles_table, "trends": trends, "trends_table": wide}


def _tiles(now: pd.DataFrame, cat: Catalogue, *, dec: int, unit: str):
    """The tile map from analysis.coverage.tilemap (None while it is not installed)."""
    from dashboard import fmt
    from dashboard.i18n import lang

    try:
        from analysis.coverage.tilemap import tile_figure
    except ImportError:
        return None, pd.DataFrame()
    shown = now[~now["suppressed"]]
    values = pd.DataFrame({"code": shown["municipality_code"].astype(str).to_numpy(),
                           "value": shown["value"].to_numpy()})
    fig = tile_figure(values, catalogue=cat, lang=lang())
    fig.update_layout(separators=fmt.plotly_separators(), height=520, coloraxis_colorbar_title_text=unit)
    table = pd.DataFrame({t("common.municipality"): [name(cat.municipality(c)) for c in values["code"]],
                          f"{t('common.value')}, {unit}": [fmt.number(v, decimals=dec) for v in values["value"]]})
    return fig, table


# ---------------------------------------------------------------- programme coverage


def share_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """A survey diagram's rows: the label in the viewer's language, count, the report's rounded percent, interval."""
    from analysis.coverage.figures import round_pct
    from dashboard import fmt
    from dashboard.i18n import lang

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
    from dashboard.i18n import lang

    out = pd.DataFrame({t("common.municipality"): frame[f"name_{lang()}"].to_numpy()})
    if with_years:
        out[t("coverage.col_start")] = frame["start_year"].astype("Int64").to_numpy()
        out[t("coverage.col_end")] = frame["end_year"].astype("Int64").to_numpy()
    return out


def term_rows(terms: pd.DataFrame, *, open_ended: int, unknown: int) -> pd.DataFrame:
    """Diagram 2's bars: every programme counted once — terms in years, then open-ended and unknown apart."""
    from dashboard.charts import OKABE_ITO

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
