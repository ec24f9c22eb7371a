"""The only door from the pages to the database and analysis/: every result cached, keyed on the data version."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from analysis.catalogue import Catalogue
from analysis.catalogue import catalogue as load_catalogue
from analysis.paths import database_url
from analysis.store import current_observations, data_version, init_db, list_uploads, make_engine
from analysis.store.sample import SAMPLE_UPLOADER
from analysis.text import fold

# ---------------------------------------------------------------- resources (one per process)


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    engine = make_engine(url)
    init_db(engine)
    return engine


def engine() -> Engine:
    """The database the app was started with (DATABASE_URL or the SQLite file under var/), schema ready."""
    return _engine(database_url())


@st.cache_resource(show_spinner=False)
def catalogue() -> Catalogue:
    """The catalogue is immutable data files: loaded once per process."""
    return load_catalogue()


def key() -> tuple[str, int]:
    """What every cached result depends on: which database, and what is stored in it now."""
    return database_url(), data_version(engine())


# ---------------------------------------------------------------- observations and uploads


@st.cache_data(show_spinner=False, max_entries=4)
def _observations(url: str, version: int) -> pd.DataFrame:
    return current_observations(_engine(url))


def observations() -> pd.DataFrame:
    """The value in effect for every (municipality, indicator, year)."""
    return _observations(*key())


@st.cache_data(show_spinner=False, max_entries=4)
def _uploads(url: str, version: int) -> pd.DataFrame:
    return list_uploads(_engine(url))


def uploads() -> pd.DataFrame:
    """Every upload, newest first, with its version number in its dataset."""
    return _uploads(*key())


@st.cache_data(show_spinner=False, max_entries=4)
def _provenance(url: str, version: int) -> dict[str, int]:
    obs = _observations(url, version)
    ups = _uploads(url, version)
    sample_ids = set(ups.loc[ups["uploader"] == SAMPLE_UPLOADER, "id"].astype(int))
    from_sample = int(obs["upload_id"].isin(sample_ids).sum()) if len(obs) else 0
    return {"rows": int(len(obs)), "sample_rows": from_sample}


def provenance() -> dict[str, int]:
    """How many current values come from the synthetic sample loader, for the 'sample data' banner."""
    return _provenance(*key())


# ---------------------------------------------------------------- what is there (foundation overview)


def municipality_names() -> dict[str, str]:
    """Code → Latvian name for every unit in the catalogue, ordered alphabetically the way people look them up."""
    cat = catalogue()
    items = sorted(((m.code, m.name_lv) for m in cat.municipalities), key=lambda kv: fold(kv[1]))
    return dict(items)


@st.cache_data(show_spinner=False, max_entries=4)
def _values_by_year(url: str, version: int) -> pd.DataFrame:
    obs = _observations(url, version)
    if obs.empty:
        return pd.DataFrame()
    present = obs[obs["value"].notna() | obs["status"].notna()]
    table = present.groupby(["municipality_code", "year"]).size().unstack("year", fill_value=0)
    return table.sort_index(axis=1)


def values_by_year() -> pd.DataFrame:
    """Municipality code × year: how many values are stored (the first answer to 'what data do we have')."""
    return _values_by_year(*key())


# ---------------------------------------------------------------- catalogue tables and the tidy export


@st.cache_data(show_spinner=False)
def indicator_table() -> pd.DataFrame:
    """The indicator catalogue as one row per indicator, domain order (the metadata sheet of every download)."""
    cat = catalogue()
    rows = [
        {
            "domain": i.domain,
            "domain_lv": cat.domain(i.domain).name_lv,
            "domain_en": cat.domain(i.domain).name_en,
            "indicator": i.id,
            "name_lv": i.name_lv,
            "name_en": i.name_en,
            "definition_lv": i.definition_lv,
            "definition_en": i.definition_en,
            "unit_lv": i.unit_lv,
            "unit_en": i.unit_en,
            "kind": i.kind,
            "per": i.per,
            "polarity": i.polarity,
            "denominator": i.denominator,
            "source": i.source,
            "small_n_threshold": i.small_n_threshold,
        }
        for i in sorted(cat.indicators, key=lambda i: i.domain)
    ]
    return pd.DataFrame(rows)


@st.cache_data(show_spinner=False, max_entries=2)
def _tidy(url: str, version: int) -> pd.DataFrame:
    obs = _observations(url, version)
    ups = _uploads(url, version)
    cat = catalogue()
    out = obs.copy()
    out.insert(1, "municipality_lv", out["municipality_code"].map(lambda c: getattr(cat.municipality(c), "name_lv", c)))
    meta = indicator_table()[["indicator", "domain", "name_lv", "name_en", "unit_lv", "unit_en"]]
    meta = meta.rename(columns={"name_lv": "indicator_lv", "name_en": "indicator_en"})
    out = out.merge(meta, on="indicator", how="left")
    src = ups[["id", "file_name", "uploaded_at", "uploader"]].rename(columns={"id": "upload_id"})
    out = out.merge(src, on="upload_id", how="left")
    columns = [
        "municipality_code", "municipality_lv", "domain", "indicator", "indicator_lv", "indicator_en",
        "year", "value", "count", "denominator", "unit_lv", "unit_en", "status", "note",
        "upload_id", "file_name", "uploaded_at", "uploader",
    ]
    out["uploaded_at"] = out["uploaded_at"].astype(str)
    return out[columns].sort_values(["municipality_lv", "domain", "indicator", "year"]).reset_index(drop=True)


def tidy_data() -> pd.DataFrame:
    """Every current value with names, units and its source upload: one row per municipality, indicator, year."""
    return _tidy(*key())


# ---------------------------------------------------------------- analysis parts that may not be installed yet


def _optional(module: str, attribute: str):
    """An analysis function if its module exists yet, else None (the page then says 'not available')."""
    import importlib

    try:
        return getattr(importlib.import_module(module), attribute)
    except (ImportError, AttributeError):
        return None


@st.cache_data(show_spinner=False)
def methods_text(lang: str) -> str | None:
    """The plain-language methods (trend test, intervals, suppression, benchmarking) from analysis.stats."""
    fn = _optional("analysis.stats", "methods_text")
    return fn(lang) if fn else None


@st.cache_data(show_spinner=False)
def upload_template() -> bytes | None:
    """The empty upload workbook from analysis.ingest, built once per process."""
    fn = _optional("analysis.ingest", "template_bytes")
    return fn(catalogue=catalogue()) if fn is not None else None


# ---------------------------------------------------------------- upload history (versions, diffs, restore)


@st.cache_data(show_spinner=False, max_entries=32)
def _diff(url: str, version: int, upload_id: int) -> pd.DataFrame | None:
    from analysis.store import diff_uploads, previous_version

    previous = previous_version(_engine(url), upload_id=upload_id)
    if previous is None:
        return None
    return diff_uploads(_engine(url), upload_id=upload_id, previous_id=previous)


def upload_diff(upload_id: int) -> pd.DataFrame | None:
    """What an upload changed against the previous version of the same dataset (None for a first version)."""
    return _diff(*key(), upload_id)


def restore(upload_id: int, *, actor) -> int:
    """Makes an earlier version current again (as a new upload, so nothing is lost); returns the new upload id."""
    from analysis.store import restore_upload

    return restore_upload(engine(), upload_id=upload_id, actor=actor).upload_id


def ingest_api():
    """The ingestion entry point if analysis.ingest provides it yet."""
    return _optional("analysis.ingest", "ingest_workbook")


def is_latest_version(upload_id: int) -> bool:
    """Restoring the version already in effect would change nothing, so the button is off for it."""
    ups = uploads()
    row = ups[ups["id"] == upload_id]
    if row.empty:
        return False
    same = ups[(ups["dataset"] == row["dataset"].iloc[0]) & (ups["kind"] == row["kind"].iloc[0])]
    return int(same["id"].max()) == int(upload_id)


# ---------------------------------------------------------------- the analysis (trends, benchmarks, suppression)


@st.cache_resource(show_spinner=False, max_entries=4)
def _analysis(url: str, version: int, window: int):
    analyse = _optional("analysis.stats", "analyse")
    obs = _observations(url, version)
    if analyse is None or obs.empty:
        return None
    return analyse(obs, catalogue=catalogue(), window=window)


def analysis(window: int = 3):
    """Every trend, interval, benchmark and suppression flag (analysis.stats.analyse), shared read-only.

    A resource, not a copy per rerun: the frames are large and pandas copy-on-write keeps them unchanged.
    """
    return _analysis(*key(), window)


def stats_available() -> bool:
    return _optional("analysis.stats", "analyse") is not None


# ---------------------------------------------------------------- page views: everything one page shows, cached


@dataclass(frozen=True)
class ProfileView:
    """All a municipality profile shows, built once per (data version, municipality, peer group, language)."""

    table: pd.DataFrame
    values: pd.DataFrame
    spine: object | None
    spine_table: pd.DataFrame
    domains: dict[int, tuple[object, pd.DataFrame] | None]
    counts: dict[str, int]


@st.cache_resource(show_spinner=False, max_entries=64)
def _profile_view(url: str, version: int, code: str, peer_group: str, lang: str, window: int) -> ProfileView:
    from dashboard import charts, meaning, tables
    from dashboard.i18n import name, t

    a = _analysis(url, version, window)
    cat = catalogue()
    table = tables.profile(a, cat, code=code, peer_group=peer_group)
    points = tables.spine_points(a, cat, code=code)
    spine = None
    if len(points):
        legend = {c: meaning.word(c) for c in meaning.BENCHMARK_ORDER}
        spine = charts.spine(points, x_title=t("profile.spine_x"), legend=legend, colours=meaning.BENCHMARK_COLOURS)
    muni = cat.municipality(code)
    domains: dict[int, tuple[object, pd.DataFrame] | None] = {}
    for domain in cat.domains:
        series, titles, units = tables.trend_series(a, cat, code=code, domain_no=domain.no)
        if not titles:
            domains[domain.no] = None
            continue
        fig = charts.small_multiples(
            series, tables.comparable_national(a.national, cat, list(titles)), titles=titles, units=units,
            name_local=name(muni), name_latvia=t("common.latvia"), x_title=t("common.year"),
        )
        domains[domain.no] = (fig, tables.trend_table(series, titles))
    return ProfileView(
        table=table,
        values=tables.profile_values(a, cat, code=code),
        spine=spine,
        spine_table=tables.spine_table(points),
        domains=domains,
        counts=headline_counts(table["assessment"]),
    )


# The profile's headline: every indicator falls in exactly one group, so the figures add up to the catalogue.
HEADLINE = {
    "worsening": ("worsening",),
    "improving": ("improving",),
    "stable": ("no_significant_change",),
    "not_assessed": ("not_tested", "no_judgement"),
    "missing": ("missing",),
}


def headline_counts(assessment: pd.Series) -> dict[str, int]:
    """Worsening / improving / stable / not assessed / without data: a significant change with no good
    direction (no_judgement) is not called better or worse either, so it counts as not assessed."""
    counts = assessment.value_counts()
    return {group: int(sum(counts.get(code, 0) for code in codes)) for group, codes in HEADLINE.items()}


def profile_view(code: str, *, peer_group: str, window: int = 3) -> ProfileView:
    """The municipality profile's tables and charts (shared read-only between sessions)."""
    from dashboard.i18n import lang

    return _profile_view(*key(), code, peer_group, lang(), window)


# ---------------------------------------------------------------- the programme survey (analysis.coverage)


@st.cache_data(show_spinner=False, max_entries=4)
def _survey(url: str, version: int) -> pd.DataFrame:
    from analysis.store import current_survey

    return current_survey(_engine(url))


def survey() -> pd.DataFrame:
    """Every municipality's answer in every survey round (newest upload wins)."""
    return _survey(*key())


def coverage_available() -> bool:
    return _optional("analysis.coverage.figures", "coverage_figures") is not None


@st.cache_resource(show_spinner=False, max_entries=8)
def _coverage(url: str, version: int, year: int):
    figures = _optional("analysis.coverage.figures", "coverage_figures")
    frame = _survey(url, version)
    if figures is None or frame.empty or year not in set(frame["survey_year"].astype(int)):
        return None
    return figures(frame, catalogue=catalogue(), survey_year=year, intervals=True)


def coverage(year: int | None = None):
    """The BAC report's figures for one survey round (the latest by default), or None without survey data."""
    frame = survey()
    if frame.empty:
        return None
    return _coverage(*key(), int(year if year is not None else frame["survey_year"].max()))


@st.cache_data(show_spinner=False, max_entries=8)
def _coverage_change(url: str, version: int, year: int) -> tuple[int, dict[str, int]] | None:
    compare_years = _optional("analysis.coverage.figures", "compare_years")
    frame = _survey(url, version)
    if compare_years is None or frame.empty:
        return None
    earlier = sorted(y for y in set(frame["survey_year"].astype(int)) if y < year)
    if not earlier:
        return None
    cmp = compare_years(frame)
    now = cmp[(cmp["survey_year"] == year) & cmp["change_count"].notna()]
    return earlier[-1], {str(k): int(v) for k, v in zip(now["status"], now["change_count"])}


def coverage_change(year: int) -> tuple[int, dict[str, int]] | None:
    """The previous survey round and analysis.coverage's change in counts since it ({status: change}), if any."""
    return _coverage_change(*key(), int(year))


# ---------------------------------------------------------------- the overview


@dataclass(frozen=True)
class OverviewView:
    """All the overview shows: headline numbers, the assessment heatmap, the worst trends and the gap register."""

    municipalities: int
    latest_year: int
    heatmap: object
    heatmap_table: pd.DataFrame
    worst: pd.DataFrame
    gaps: object
    gaps_table: pd.DataFrame
    gaps_year: int


@st.cache_resource(show_spinner=False, max_entries=8)
def _overview_view(url: str, version: int, lang: str, window: int) -> OverviewView | None:
    from dashboard import charts, tables
    from dashboard.i18n import name, t

    a = _analysis(url, version, window)
    if a is None or a.trends.empty:
        return None
    cat = catalogue()
    worse, text = tables.assessment_matrix(a, cat)
    rows = [name(cat.municipality(c)) for c in worse.index]
    cols = [f"{d.no}. {name(d)}" for d in cat.domains]
    short = [str(d.no) for d in cat.domains]
    heat = charts.count_heatmap(worse.set_axis(short, axis=1), row_labels=rows, x_title=t("common.domain"),
                                y_title=t("common.municipality"), colorbar_title=t("overview.heatmap_unit"),
                                scale=charts.REDS, text=text.to_numpy().tolist())
    heat.update_traces(colorbar_dtick=1)  # whole indicators: no 0,5 ticks
    heat_table = text.set_axis(cols, axis=1).set_axis(rows, axis=0).rename_axis(t("common.municipality"))
    gaps, gaps_year = tables.completeness(a, cat)
    gap_rows = [name(cat.municipality(c)) for c in gaps.index]
    gap_fig = charts.count_heatmap(gaps.set_axis(short, axis=1), row_labels=gap_rows, x_title=t("common.domain"),
                                   y_title=t("common.municipality"), colorbar_title=t("overview.gaps_unit"),
                                   zmax=100)
    gap_table = gaps.set_axis(cols, axis=1).set_axis(gap_rows, axis=0).rename_axis(t("common.municipality"))
    return OverviewView(
        municipalities=int(a.trends["municipality_code"].nunique()),
        latest_year=int(a.trends["last_year"].max()),
        heatmap=heat,
        heatmap_table=heat_table.reset_index(),
        worst=tables.worst(a, cat),
        gaps=gap_fig,
        gaps_table=gap_table.reset_index(),
        gaps_year=gaps_year,
    )


def overview_view(window: int = 3) -> OverviewView | None:
    from dashboard.i18n import lang

    return _overview_view(*key(), lang(), window)


# ---------------------------------------------------------------- the analysis-chapter draft (Word)


@st.cache_data(show_spinner=False, max_entries=16)
def _profile_document(url: str, version: int, code: str, lang: str, window: int, today: str) -> bytes:
    from datetime import date

    from analysis.profile_doc import municipality_uploads, profile_docx

    a = _analysis(url, version, window)
    used = municipality_uploads(_observations(url, version), _uploads(url, version), code=code)
    return profile_docx(analysis=a, catalogue=catalogue(), municipality_code=code, lang=lang,
                        synthetic=bool((used["uploader"] == SAMPLE_UPLOADER).any()), uploads=used,
                        today=date.fromisoformat(today))


def profile_document(code: str, *, window: int = 3):
    """A function that builds the municipality's chapter draft (analysis.profile_doc) when the user clicks.

    Everything it depends on (data version, language, today) is read now: the download runs later in a
    thread with no session, and gets the same bytes for the same data version and day from the cache.
    """
    from datetime import date
    from functools import partial

    from dashboard.i18n import lang

    return partial(_profile_document, *key(), code, lang(), window, date.today().isoformat())


# ---------------------------------------------------------------- uploads: parse once per file content, then store


@dataclass(frozen=True)
class Parsed:
    """One dropped file understood (result) or refused as unreadable (error: Latvian and English, kept apart)."""

    result: object | None
    error: tuple[str, str] | None


@st.cache_data(show_spinner=False, max_entries=32)
def _parse(sha256: str, file_name: str, _blob: bytes, municipality: str | None,
           mappings: tuple[tuple[str, str], ...], municipality_mappings: tuple[tuple[str, str], ...]) -> Parsed:
    from analysis.ingest import ingest_workbook
    from analysis.ingest.raw import UnreadableFile
    from analysis.ingest.readers import read_bytes

    try:
        workbook = read_bytes(_blob, file_name=file_name)
    except UnreadableFile as exc:
        return Parsed(result=None, error=(exc.lv, exc.en))
    result = ingest_workbook(workbook, catalogue=catalogue(), municipality=municipality, mappings=dict(mappings),
                             municipality_mappings=dict(municipality_mappings))
    return Parsed(result=result, error=None)


def parse_upload(blob: bytes, *, file_name: str, municipality: str | None = None,
                 mappings: dict[str, str] | None = None,
                 municipality_mappings: dict[str, str] | None = None) -> Parsed:
    """Reads and checks a dropped file once per content and choices (keyed on its sha256, never re-read on rerun)."""
    import hashlib

    from analysis.ingest import saved_mappings

    sha = hashlib.sha256(blob).hexdigest()
    # labels mapped in earlier uploads apply by themselves; this upload's own choices win
    remembered = {**saved_mappings(engine()), **(mappings or {})}
    return _parse(sha, file_name, blob, municipality, tuple(sorted(remembered.items())),
                  tuple(sorted((municipality_mappings or {}).items())))


def stored_upload_id(sha256: str) -> int | None:
    """The upload in effect that already holds exactly this file, if any (storing it again would change nothing)."""
    from analysis.store import current_upload_with_sha

    return current_upload_with_sha(engine(), sha256=sha256)


def store(result, *, actor, accept_valid_rows: bool = False):
    """Stores a parsed file in one transaction; the data version changes, so every cached view refreshes."""
    from analysis.ingest import store_result

    return store_result(engine(), result, actor=actor, accept_valid_rows=accept_valid_rows)


# ---------------------------------------------------------------- the indicator explorer


@dataclass(frozen=True)
class IndicatorView:
    """One indicator across municipalities: ranked bars, the tile map and trend lines, each with its table."""

    ranked: object | None
    ranked_table: pd.DataFrame
    hidden: list[str]
    tiles: object | None
    tiles_table: pd.DataFrame
    trends: object | None
    trends_table: pd.DataFrame


def group_members(group: str, *, code: str) -> list[str] | None:
    """The municipalities in the chosen municipality's group (None = all): region, type, size band or peers."""
    a = analysis()
    if a is None or group == "all":
        return None
    if group == "peers":
        peers = a.neighbours[a.neighbours["municipality_code"] == code]["peer_code"].tolist()
        return [code, *peers]
    groups = a.groups.set_index("municipality_code")
    if code not in groups.index:
        return None
    return groups.index[groups[group] == groups.at[code, group]].tolist()


@st.cache_resource(show_spinner=False, max_entries=32)
def _indicator_view(url: str, version: int, indicator: str, year: int, members: tuple[str, ...] | None,
                    highlight: str, lang: str, window: int) -> IndicatorView:
    from dashboard import charts, tables

    a = _analysis(url, version, window)
    cat = catalogue()
    vals = a.values[a.values["indicator"] == indicator]
    if members is not None:
        vals = vals[vals["municipality_code"].isin(list(members))]
    return IndicatorView(**tables.indicator_parts(vals, a.national, cat, indicator=indicator, year=year,
                                                  highlight=highlight, charts=charts))


def indicator_view(indicator: str, *, year: int, members: list[str] | None, highlight: str,
                   window: int = 3) -> IndicatorView:
    from dashboard.i18n import lang

    return _indicator_view(*key(), indicator, year, tuple(members) if members else None, highlight, lang(), window)


@st.cache_resource(show_spinner=False, max_entries=8)
def _coverage_tiles(url: str, version: int, year: int, lang: str):
    from dashboard import fmt
    from dashboard.i18n import t

    tilemap = _optional("analysis.coverage.tilemap", "tile_figure")
    fig_data = _coverage(url, version, year)
    if tilemap is None or fig_data is None:
        return None
    from analysis.coverage.figures import STATUS_LABELS
    from analysis.coverage.tilemap import survey_tile_values

    values = survey_tile_values(fig_data.table)
    labels = {k: (v[1] if lang == "en" else v[0]) for k, v in STATUS_LABELS.items()}
    fig = tilemap(values, catalogue=catalogue(), lang=lang, category_labels=labels)
    fig.update_layout(separators=fmt.plotly_separators(lang), height=520)
    table = pd.DataFrame({t("common.municipality"): fig_data.table[f"name_{lang}"].to_numpy(),
                          t("coverage.col_status"): [labels.get(s, s) for s in fig_data.table["programme_status"]]})
    return fig, table


def coverage_tiles(year: int):
    """The programme-status tile map (analysis.coverage.tilemap) and its table."""
    from dashboard.i18n import lang

    return _coverage_tiles(*key(), year, lang())


@st.cache_resource(show_spinner=False, max_entries=8)
def _coverage_compare(url: str, version: int, lang: str):
    from dashboard import charts, fmt
    from dashboard.i18n import t

    compare_years = _optional("analysis.coverage.figures", "compare_years")
    frame = _survey(url, version)
    if compare_years is None or frame["survey_year"].nunique() < 2:
        return None
    from analysis.coverage.figures import round_pct

    cmp = compare_years(frame)
    label = cmp[f"label_{lang}"]
    data_ = []
    for i, (year, part) in enumerate(cmp.groupby("survey_year")):
        data_.append({"type": "bar", "name": str(year), "x": part[f"label_{lang}"].tolist(),
                      "y": [round_pct(p) for p in part["pct"]], "marker": {"color": charts.COLORWAY[i % 8]},
                      "text": [fmt.percent(round_pct(p)) for p in part["pct"]], "textposition": "outside"})
    fig = charts.figure(data_, charts.layout(y_title=t("coverage.share_axis"), height=400, barmode="group"))
    table = pd.DataFrame({
        t("coverage.col_year"): cmp["survey_year"].to_numpy(),
        t("coverage.col_status"): label.to_numpy(),
        t("coverage.col_count"): cmp["count"].to_numpy(),
        t("coverage.col_pct"): [fmt.number(round_pct(p), decimals=1) for p in cmp["pct"]],
        t("coverage.col_change"): [fmt.number(v, signed=True) for v in cmp["change_count"]],
        t("coverage.col_change_pp"): [fmt.number(v, decimals=1, signed=True) for v in cmp["change_pp"]],
    })
    return fig, table


def coverage_compare():
    """Status shares per survey round with the change since the previous one (analysis.coverage.compare_years)."""
    from dashboard.i18n import lang

    return _coverage_compare(*key(), lang())


@st.cache_data(show_spinner=False, max_entries=8)
def _coverage_changes(url: str, version: int, lang: str) -> pd.DataFrame | None:
    from dashboard.i18n import name, t

    changes = _optional("analysis.coverage.figures", "status_changes")
    if changes is None:
        return None
    from analysis.coverage.figures import STATUS_LABELS

    frame = changes(_survey(url, version), catalogue=catalogue())
    pick = 1 if lang == "en" else 0
    cat = catalogue()
    return pd.DataFrame({
        t("common.municipality"): [name(cat.municipality(c)) for c in frame["municipality_code"]],
        t("coverage.col_year"): [f"{a} → {b}" for a, b in zip(frame["from_year"], frame["to_year"])],
        t("coverage.col_from"): [STATUS_LABELS[s][pick] for s in frame["from_status"]],
        t("coverage.col_to"): [STATUS_LABELS[s][pick] for s in frame["to_status"]],
    })


def coverage_changes() -> pd.DataFrame | None:
    from dashboard.i18n import lang

    return _coverage_changes(*key(), lang())
