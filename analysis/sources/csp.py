"""Fetching the Official Statistics Portal's (CSP) tables: metadata, queries under the limits, areas mapped, and the
figures stored through the same validation and versioned store as an uploaded file."""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable, Iterable

import pandas as pd
from sqlalchemy import Engine, and_, select

from analysis.access import Actor
from analysis.access.actor import Role
from analysis.access.permissions import AccessDenied
from analysis.catalogue import Catalogue
from analysis.catalogue.sources import SourceCatalogue, SourceTable
from analysis.ingest.pipeline import ingest_workbook
from analysis.ingest.process import TIDY_COLUMNS
from analysis.ingest.raw import RawSheet, RawWorkbook
from analysis.report import Issue, Report
from analysis.sources.pxweb import Metadata, PxWebClient, SourceError, TooManyCells
from analysis.sources.query import Figure, Selection, cells_in, combine, split, year_of
from analysis.sources.responses import Cell, ResponseError, read_response
from analysis.store import diff_uploads, previous_version, restore_upload, store_upload
from analysis.store.retrievals import record_retrieval
from analysis.store.schema import uploads

DEFAULT_BASE_URL = "https://data.stat.gov.lv/api/v1"
SOURCE = "csp"
AREA, CONTENTS = "AREA", "ContentsCode"
HEADER = ["Teritoriālā vienība", "Rādītājs", "Gads", "Vērtība", "Skaits", "Saucējs", "Statuss", "Piezīme"]
_SUBUNIT = re.compile(r"^LV\d{7}$")

Progress = Callable[[float, str], None]


def base_url(explicit: str | None = None) -> str:
    """The portal's API root: the argument, else CSP_BASE_URL (a proxy or mirror), else the portal itself."""
    return (explicit or os.environ.get("CSP_BASE_URL", "").strip() or DEFAULT_BASE_URL).rstrip("/")


def require_fetch_rights(actor: Actor) -> None:
    """The portal's tables cover every municipality: national analysts fetch them."""
    if actor.role is not Role.NATIONAL_ANALYST:
        raise AccessDenied(
            lv=f"Statistikas portāla tabulas ielādē tikai nacionālais analītiķis, ne '{actor.name}'.",
            en=f"Only a national analyst fetches the statistics portal's tables, not '{actor.name}'.",
        )


@dataclass
class IndicatorFetch:
    """What fetching one indicator did: outcome, the upload in effect, counts, and what changed since last time."""

    indicator: str
    table: str
    url: str
    outcome: str  # stored | unchanged | restored | invalid | failed
    upload_id: int | None = None
    n_values: int = 0
    n_not_available: int = 0
    years: tuple[int, ...] = ()
    table_updated: str | None = None
    report: Report = field(default_factory=Report)
    changes: pd.DataFrame | None = None
    skipped_areas: dict[str, int] = field(default_factory=dict)
    message_lv: str | None = None
    message_en: str | None = None
    queries: int = 0

    @property
    def message(self) -> str | None:
        """Both languages for the retrieval log; pages show `message_lv` or `message_en`."""
        return None if self.message_lv is None else f"{self.message_lv} / {self.message_en}"

    @property
    def n_changes(self) -> int:
        return 0 if self.changes is None else len(self.changes)


@dataclass
class FetchRun:
    """Every indicator of one run, and when it ran."""

    retrieved_at: datetime
    results: list[IndicatorFetch]

    @property
    def exit_code(self) -> int:
        """As `ingest`: 0 all fine, 1 a table failed validation (nothing stored for it), 2 the portal was not usable."""
        outcomes = {r.outcome for r in self.results}
        return 2 if "failed" in outcomes else 1 if "invalid" in outcomes else 0


# --- selections --------------------------------------------------------------------------------------------------


def _fail(source: SourceTable, url: str, *, lv: str, en: str) -> SourceError:
    return SourceError(lv=f"{source.table} ({url}): {lv}", en=f"{source.table} ({url}): {en}",
                       code="source-table-changed")


def plan_selection(meta: Metadata, source: SourceTable, *, from_year: int | None, url: str) -> Selection:
    """Every variable of the table given an item list: areas and years all, the catalogue's codes for the rest."""
    wanted: dict[str, list[str]] = {}
    for part in (source.selection, source.denominator_selection):
        for var, codes in part:
            wanted.setdefault(var, [])
            wanted[var] += [c for c in codes if c not in wanted[var]]
    if meta.variable(AREA) is None:
        raise _fail(source, url, lv="tabulai nav mainīgā AREA", en="the table has no AREA variable")
    time_var = meta.time_variable
    if time_var is None:
        raise _fail(source, url, lv="tabulai nav laika mainīgā", en="the table has no time variable")
    selection: Selection = {}
    for var in meta.variables:
        if var.code == AREA:
            selection[var.code] = var.values
        elif var.code == time_var.code:
            years = [v for v in var.values if year_of(v) is not None and (from_year is None or year_of(v) >= from_year)]
            selection[var.code] = tuple(years)
        elif var.code == CONTENTS:
            selection[var.code] = (source.contents_code,)
        elif var.code in wanted:
            selection[var.code] = tuple(wanted[var.code])
        elif not var.elimination:
            raise _fail(source, url, lv=f"katalogā nav atlases mainīgajam {var.code}",
                        en=f"the catalogue selects nothing for variable {var.code}")
        unknown = [c for c in selection.get(var.code, ()) if c not in var.values]
        if unknown:
            raise _fail(source, url, lv=f"mainīgajam {var.code} nav kodu {', '.join(unknown[:5])}",
                        en=f"variable {var.code} has no codes {', '.join(unknown[:5])}")
    missing = [v for v in wanted if v not in selection]
    if missing:
        raise _fail(source, url, lv=f"tabulai nav mainīgo {', '.join(missing)}",
                    en=f"the table has no variables {', '.join(missing)}")
    return selection


def fetch_cells(
    client: PxWebClient, source: SourceTable, *, selection: Selection, time_var: str,
    response_format: str, on_query: Callable[[int, int], None] | None = None,
) -> tuple[list[Cell], str | None, int]:
    """All cells of the selection, in as many queries as the cell limit needs; a query refused as too large is halved."""
    order = (AREA, time_var)
    pending = split(selection, max_cells=client.limits.max_cells, order=order)
    done, cells, updated = 0, [], None
    while pending:
        part = pending.pop(0)
        try:
            payload = client.query(source.path, selection=part, response_format=response_format)
        except TooManyCells:
            smaller = split(part, max_cells=max(1, cells_in(part) // 2), order=order)
            if len(smaller) == 1:
                raise SourceError(
                    lv=f"{source.table}: portāls atsaka pat vienas šūnas vaicājumu kā pārāk lielu.",
                    en=f"{source.table}: the portal refuses even a one-cell query as too large.",
                    code="source-too-many-cells",
                ) from None
            pending = smaller + pending
            continue
        try:
            table = read_response(payload)
        except ResponseError as exc:
            raise SourceError(lv=f"{source.table}: atbilde nav PxWeb formā ({exc}).",
                              en=f"{source.table}: the answer is not in the PxWeb shape ({exc}).",
                              code="source-bad-response") from None
        cells += table.cells
        updated = table.updated or updated
        done += 1
        if on_query is not None:
            on_query(done, done + len(pending))
    return cells, updated, done


# --- areas ---------------------------------------------------------------------------------------------------------


def map_areas(
    figures: dict[tuple[str, str], Figure], *, cat: Catalogue, sources: SourceCatalogue
) -> tuple[list[tuple[str, int, Figure]], dict[str, int]]:
    """(municipality code, year, figure) for municipal figures; aggregates and sub-units counted, never stored.

    A unit that had ended before the year (Varakļāni in 2026) has no figure to store when the portal publishes none.
    """
    kept: dict[tuple[str, int], tuple[Figure, bool]] = {}
    skipped: dict[str, int] = {}

    def skip(why: str) -> None:
        skipped[why] = skipped.get(why, 0) + 1

    for (area, period), fig in sorted(figures.items()):
        year = year_of(period)
        if year is None:
            skip("not-yearly")
            continue
        mapped = sources.area(area)
        if mapped is not None and mapped.kind == "aggregate":
            skip(f"aggregate:{mapped.target}")
            continue
        code = area
        if mapped is not None:
            if mapped.from_year is not None and year < mapped.from_year:
                skip(f"superseded:{area}")
                continue
            code = mapped.target
        muni = cat.municipality(code)
        if muni is None and _SUBUNIT.match(area) and not area.endswith("000"):
            skip("sub-unit")
            continue
        if muni is not None and not muni.valid_for_year(year) and fig.value is None:
            skip(f"ended:{code}")
            continue
        renamed = code != area
        earlier = kept.get((code, year))
        if earlier is not None:
            # a unit under two codes in one year (Madona before and after the merger): the published figure wins,
            # and between two published ones the unit's newer code
            mine = (fig.value is not None, renamed)
            theirs = (earlier[0].value is not None, earlier[1])
            skip(f"duplicate:{area if mine < theirs else code}")
            if mine < theirs:
                continue
        kept[(code, year)] = (fig, renamed)
    return [(c, y, f) for (c, y), (f, _) in sorted(kept.items())], skipped


# --- rows, as an upload ------------------------------------------------------------------------------------------


def _rows(source: SourceTable, count: list[tuple[str, int, Figure]],
          denominator: dict[tuple[str, int], Figure] | None, *, per: int | None) -> list[list[object]]:
    rows: list[list[object]] = []
    for code, year, fig in count:
        if denominator is None:
            rows.append([code, source.indicator, year, fig.value, None, None, fig.status, fig.note])
            continue
        den = denominator.get((code, year))
        num, d = fig.value, den.value if den else None
        if num is not None and d:
            rows.append([code, source.indicator, year, num / d * (per or 1), num, d, None, None])
        else:
            gap = fig if num is None else den
            status = gap.status if gap is not None and gap.status else "not_available"
            note = gap.note if gap is not None else None
            rows.append([code, source.indicator, year, None, num, d, status, note])
    return rows


def as_workbook(source: SourceTable, rows: list[list[object]]) -> RawWorkbook:
    """The figures as a one-sheet long table, identified by their content so that the same figures are the same file."""
    canonical = json.dumps([source.dataset, rows], ensure_ascii=False, default=str, sort_keys=True).encode("utf-8")
    return RawWorkbook(
        file_name=f"CSP {source.table} {source.indicator}",
        sheets=[RawSheet(name=source.table, rows=[list(HEADER), *rows], source_format="json")],
        sha256=hashlib.sha256(canonical).hexdigest(),
        size_bytes=len(canonical),
    )


def _latest_in_dataset(engine: Engine, *, dataset: str) -> tuple[int, str] | None:
    with engine.connect() as conn:
        row = conn.execute(
            select(uploads.c.id, uploads.c.sha256)
            .where(and_(uploads.c.dataset == dataset, uploads.c.kind == "indicators"))
            .order_by(uploads.c.id.desc())
        ).first()
    return (int(row[0]), str(row[1])) if row else None


def _earlier_with(engine: Engine, *, dataset: str, sha256: str) -> int | None:
    with engine.connect() as conn:
        row = conn.execute(
            select(uploads.c.id)
            .where(and_(uploads.c.dataset == dataset, uploads.c.sha256 == sha256, uploads.c.status == "stored"))
            .order_by(uploads.c.id.desc())
        ).first()
    return int(row[0]) if row else None


def store_figures(
    engine: Engine, wb: RawWorkbook, *, source: SourceTable, cat: Catalogue, actor: Actor, note: str
) -> IndicatorFetch:
    """Validates like an upload; stores a new version only when the figures differ from the dataset's current one."""
    result = ingest_workbook(wb, catalogue=cat)
    fetch = IndicatorFetch(indicator=source.indicator, table=source.table, url="", outcome="invalid",
                           report=result.report)
    if not result.report.valid:
        return fetch
    latest = _latest_in_dataset(engine, dataset=source.dataset)
    if latest is not None and latest[1] == wb.sha256:
        fetch.outcome, fetch.upload_id = "unchanged", latest[0]
        return fetch
    earlier = _earlier_with(engine, dataset=source.dataset, sha256=wb.sha256)
    if earlier is not None:  # the portal went back to figures it published before: that version is current again
        stored = restore_upload(engine, upload_id=earlier, actor=actor)
        fetch.outcome = "restored"
    else:
        stored = store_upload(
            engine, file_name=wb.file_name, sha256=wb.sha256, size_bytes=wb.size_bytes, actor=actor,
            rows=result.rows[list(TIDY_COLUMNS)], kind="indicators", dataset=source.dataset, note=note,
        )
        fetch.outcome = "unchanged" if stored.duplicate else "stored"
    fetch.upload_id = stored.upload_id
    if fetch.outcome != "unchanged":
        prev = previous_version(engine, upload_id=stored.upload_id)
        if prev is not None:
            fetch.changes = diff_uploads(engine, upload_id=stored.upload_id, previous_id=prev)
    return fetch


# --- one run -------------------------------------------------------------------------------------------------------


def fetch_indicators(
    engine: Engine,
    *,
    cat: Catalogue,
    sources: SourceCatalogue,
    actor: Actor,
    indicators: Iterable[str] | None = None,
    from_year: int | None = None,
    url: str | None = None,
    response_format: str = "json-stat2",
    progress: Progress | None = None,
    client: PxWebClient | None = None,
) -> FetchRun:
    """Fetches each indicator's table and stores what changed; one indicator's failure is reported, not fatal."""
    require_fetch_rights(actor)
    wanted = list(indicators) if indicators else [t.indicator for t in sources.tables]
    unknown = [i for i in wanted if sources.table_for(i) is None]
    if unknown:
        raise SourceError(
            lv=f"Avotu katalogā nav rādītāju: {', '.join(unknown)}",
            en=f"Not in the source catalogue: {', '.join(unknown)}",
            code="source-unknown-indicator",
        )
    run = FetchRun(retrieved_at=datetime.now(timezone.utc), results=[])
    own = client is None
    client = client or PxWebClient(base_url=base_url(url))
    try:
        client.load_limits()
        metas: dict[str, Metadata] = {}
        blocked: IndicatorFetch | None = None
        for i, indicator in enumerate(wanted):
            source = sources.table_for(indicator)
            assert source is not None
            step = 1 / len(wanted)

            def on_query(done: int, total: int, *, i: int = i, indicator: str = indicator) -> None:
                if progress is not None:
                    progress(min(1.0, (i + done / max(total, 1)) * step), indicator)

            if progress is not None:
                progress(i * step, indicator)
            if blocked is not None:  # the portal is down or refusing: asking again for every table would not help
                result = IndicatorFetch(indicator=indicator, table=source.table, url=client.table_url(source.path),
                                        outcome="failed", message_lv=blocked.message_lv,
                                        message_en=blocked.message_en, report=blocked.report)
            else:
                result = _fetch_one(engine, client=client, source=source, cat=cat, sources=sources, actor=actor,
                                    from_year=from_year, response_format=response_format, metas=metas,
                                    retrieved_at=run.retrieved_at, on_query=on_query)
                if result.outcome == "failed" and set(result.report.codes()) & {"source-unreachable", "source-busy"}:
                    blocked = result
            run.results.append(result)
            record_retrieval(
                engine, source=SOURCE, table_id=source.table, indicator=indicator, url=result.url,
                retrieved_at=run.retrieved_at, table_updated=result.table_updated, outcome=result.outcome,
                upload_id=result.upload_id, n_values=result.n_values, n_changes=result.n_changes,
                actor=actor.name, message=result.message,
            )
        if progress is not None:
            progress(1.0, "")
    finally:
        if own:
            client.close()
    return run


def _fetch_one(
    engine: Engine, *, client: PxWebClient, source: SourceTable, cat: Catalogue, sources: SourceCatalogue,
    actor: Actor, from_year: int | None, response_format: str, metas: dict[str, Metadata],
    retrieved_at: datetime, on_query: Callable[[int, int], None],
) -> IndicatorFetch:
    url = client.table_url(source.path)
    before = client.requests
    try:
        meta = metas.get(source.path) or client.metadata(source.path)
        metas[source.path] = meta
        selection = plan_selection(meta, source, from_year=from_year, url=url)
        time_var = meta.time_variable.code  # type: ignore[union-attr]
        cells, updated, _ = fetch_cells(client, source, selection=selection, time_var=time_var,
                                        response_format=response_format, on_query=on_query)
        count = combine(cells, wanted=dict(source.selection), sum_over=source.sum_over, area=AREA, period=time_var)
        kept, skipped = map_areas(count, cat=cat, sources=sources)
        den = None
        if source.denominator_selection:
            den_figs = combine(cells, wanted=dict(source.denominator_selection), sum_over=source.sum_over
                               if source.sum_over in dict(source.denominator_selection) else None,
                               area=AREA, period=time_var)
            den_kept, _ = map_areas(den_figs, cat=cat, sources=sources)
            den = {(c, y): f for c, y, f in den_kept}
        ind = cat.indicator(source.indicator)
        rows = _rows(source, kept, den, per=ind.per if ind else None)
    except SourceError as exc:
        return IndicatorFetch(indicator=source.indicator, table=source.table, url=url, outcome="failed",
                              message_lv=exc.lv, message_en=exc.en, queries=client.requests - before,
                              report=Report(issues=[Issue(exc.code, "error", None, None, None, exc.lv, exc.en)]))
    except ValueError as exc:
        lv = f"{source.table}: atbildes šūnas neatbilst atlasei ({exc})"
        en = f"{source.table}: the answer's cells do not match the selection ({exc})"
        return IndicatorFetch(indicator=source.indicator, table=source.table, url=url, outcome="failed",
                              message_lv=lv, message_en=en, queries=client.requests - before,
                              report=Report(issues=[Issue("source-bad-response", "error", None, None, None, lv, en)]))
    stamp = retrieved_at.strftime("%Y-%m-%d %H:%M UTC")
    note = (f"Avots: CSP {source.table} ({url}), iegūts {stamp}, tabula atjaunināta {updated or '—'} / "
            f"Source: CSP {source.table} ({url}), retrieved {stamp}, table updated {updated or '—'}")
    wb = as_workbook(source, rows)
    fetch = store_figures(engine, wb, source=source, cat=cat, actor=actor, note=note)
    fetch.url, fetch.table_updated, fetch.skipped_areas = url, updated, skipped
    fetch.n_values = sum(1 for r in rows if r[3] is not None)
    fetch.n_not_available = sum(1 for r in rows if r[3] is None)
    fetch.years = tuple(sorted({int(r[2]) for r in rows}))
    fetch.queries = client.requests - before
    if fetch.outcome == "invalid":
        fetch.message_lv = f"{source.table}: {fetch.report.count('error')} kļūdas, nekas nav saglabāts"
        fetch.message_en = f"{source.table}: {fetch.report.count('error')} errors, nothing stored"
    return fetch
