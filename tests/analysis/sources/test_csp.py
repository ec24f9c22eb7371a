"""Fetching from a real loopback PxWeb v1 server: values stored, limits respected, versions kept, areas mapped."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.access import Actor, Role
from analysis.access.permissions import AccessDenied
from analysis.sources.csp import fetch_indicators
from analysis.sources.pxweb import MAX_ATTEMPTS, PxWebClient
from analysis.store import current_observations, list_uploads
from analysis.store.retrievals import last_retrievals
from tests.analysis.sources.pxweb_server import Fault, PxWebServer
from tests.analysis.sources.tables import (
    BIRTH_YEARS,
    MUNICIPALITIES,
    YEARS,
    births,
    children,
    ids031,
    ird041,
    population,
)

ENDED = {("LV0055000", 2026)}  # Varakļānu novads ended on 2025-06-30: no figure for the start of 2026


def _fetch(engine, server, cats, actor, **kw):
    cat, src = cats
    return fetch_indicators(engine, cat=cat, sources=src, actor=actor, url=server.base_url, **kw)


def _expected(fn, years) -> list[tuple[str, int, float]]:
    return sorted((code, int(y), float(fn(code, int(y)))) for code, _ in MUNICIPALITIES for y in years
                  if (code, int(y)) not in ENDED)


def _expected_births() -> list[tuple[str, int, float]]:
    return sorted((code, int(y), float(births(code, int(y)))) for code, _ in MUNICIPALITIES for y in BIRTH_YEARS
                  if isinstance(births(code, int(y)), int))


def _stored(engine, indicator: str, column: str = "value") -> list[tuple[str, int, float]]:
    obs = current_observations(engine, indicators=[indicator])
    return sorted((r.municipality_code, int(r.year), float(getattr(r, column)))
                  for r in obs.itertuples() if getattr(r, column) == getattr(r, column))


def test_fetch_stores_every_municipality_and_year(engine, server, cats, analyst):
    """Given IRD041 by single year of age / When every indicator is fetched / Then 0–17 and totals are exact for all units."""
    run = _fetch(engine, server, cats, analyst)

    assert [(r.indicator, r.outcome) for r in run.results] == [
        ("population_total", "stored"), ("children_0_17", "stored"), ("children_0_6", "stored"),
        ("children_share", "stored"), ("births", "stored")]
    assert run.exit_code == 0
    assert _stored(engine, "children_0_17") == _expected(children, YEARS)
    assert _stored(engine, "children_0_6") == _expected(lambda c, y: children(c, y, top=6), YEARS)
    assert _stored(engine, "population_total") == _expected(population, YEARS)
    assert _stored(engine, "children_share", "count") == _expected(children, YEARS)
    assert _stored(engine, "children_share", "denominator") == _expected(population, YEARS)
    share = current_observations(engine, indicators=["children_share"])
    assert (share["value"] - share["count"] / share["denominator"] * 100).abs().max() < 1e-9


def test_aggregates_and_sub_units_are_never_stored(engine, server, cats, analyst):
    """Given Latvia, regions, a parish and Madona's new code in AREA / Then only catalogue municipalities are stored."""
    run = _fetch(engine, server, cats, analyst, indicators=["children_0_17"])

    codes = set(current_observations(engine)["municipality_code"])
    assert codes == {c for c, _ in MUNICIPALITIES}
    skipped = run.results[0].skipped_areas
    assert skipped["aggregate:LV"] == len(YEARS) and skipped["sub-unit"] == len(YEARS)
    assert skipped["superseded:LV0038001"] == len(YEARS) - 1  # the merged unit's code counts from 2026 only
    madona_2026 = _stored(engine, "children_0_17")
    assert ("LV0038000", 2026, float(children("LV0038000", 2026))) in madona_2026


def test_missing_values_keep_their_meaning(engine, server, cats, analyst):
    """Given '..' (Rīga 2020) and '.' (Daugavpils 2021) / Then both are not available, each noted with its meaning."""
    _fetch(engine, server, cats, analyst, indicators=["births"])

    obs = current_observations(engine, indicators=["births"])
    gaps = obs[obs["value"].isna()][["municipality_code", "year", "status", "note"]].values.tolist()
    assert gaps == [
        ["LV0001000", 2020, "not_available", "CSP “..”: dati nav pieejami / data not available"],
        ["LV0002000", 2021, "not_available", "CSP “.”: nav piemērojams / not applicable"],
    ]
    assert _stored(engine, "births") == _expected_births()


def test_plain_json_gives_the_same_figures_as_json_stat2(tmp_path, server, cats, analyst):
    """Given the same table as json and as json-stat2 / Then the stored figures are identical."""
    from analysis.store import init_db, make_engine

    got = []
    for fmt in ("json-stat2", "json"):
        eng = make_engine(f"sqlite:///{tmp_path / fmt}.sqlite")
        init_db(eng)
        _fetch(eng, server, cats, analyst, indicators=["births", "children_0_17"], response_format=fmt)
        got.append(current_observations(eng).drop(columns=["upload_id"]))
        eng.dispose()
    assert any(body["response"]["format"] == "json" for body in server.posts())
    pd.testing.assert_frame_equal(got[0], got[1])


def test_a_429_is_waited_out_as_retry_after_says(engine, server, cats, analyst):
    """Given a 429 with Retry-After: 2 on the first query / Then the client waits 2 s, retries, and stores."""
    server.faults.append(Fault(429, "Too Many Requests", {"Retry-After": "2"}))
    waits: list[float] = []
    with PxWebClient(base_url=server.base_url, sleep=waits.append) as client:
        run = _fetch(engine, server, cats, analyst, indicators=["births"], client=client)
        assert client.retries == 1
    assert run.results[0].outcome == "stored"
    assert waits == [2.0]
    assert [s for m, _, _, s in server.log if m == "POST"][:2] == [429, 200]


def test_a_portal_that_stays_busy_gets_a_clear_message(engine, server, cats, analyst):
    """Given 503 on every query / Then a bounded number of tries with backoff, one LV/EN message, exit code 2."""
    server.faults += [Fault(503, "Service Unavailable") for _ in range(20)]
    waits: list[float] = []
    with PxWebClient(base_url=server.base_url, sleep=waits.append) as client:
        run = _fetch(engine, server, cats, analyst, client=client)
    assert run.exit_code == 2
    assert {r.outcome for r in run.results} == {"failed"}
    assert sum(1 for m, _, _, s in server.log if m == "POST") == MAX_ATTEMPTS  # later tables do not ask again
    assert waits == [0.5, 1.0, 2.0, 4.0]
    lv, en = run.results[0].message_lv, run.results[0].message_en
    assert lv.startswith("Statistikas portāls 5 reizes atbildēja “503”") and "mēģiniet vēlāk" in lv
    assert en.startswith("The statistics portal answered “503” 5 times") and "try again later" in en
    assert len(list_uploads(engine)) == 0


def test_a_query_above_the_published_limit_is_split(engine, cats, analyst):
    """Given a 1,000-cell limit in ?config / Then every POST stays under it and the figures are complete."""
    with PxWebServer([ird041()], published_cells=1000) as srv:
        run = _fetch(engine, srv, cats, analyst, indicators=["children_0_17"])
        sizes = [_cells(body) for body in srv.posts()]
    assert run.results[0].outcome == "stored"
    assert len(sizes) > 1 and max(sizes) <= 1000
    assert sum(sizes) == len(ird041().variables[0]["values"]) * 18 * len(YEARS)
    assert _stored(engine, "children_0_17") == _expected(children, YEARS)


def test_a_400_for_too_many_cells_halves_the_query(engine, cats, analyst):
    """Given a service that publishes 10,000 but refuses above 2,500 with 400 / Then the query is halved until it passes."""
    with PxWebServer([ird041()], published_cells=10_000, enforced_cells=2500) as srv:
        run = _fetch(engine, srv, cats, analyst, indicators=["children_0_17"])
        refused = [s for m, _, _, s in srv.log if m == "POST" and s == 400]
        passed = [_cells(b) for b in srv.posts()]
    assert refused and max(passed) <= 2500
    assert run.results[0].outcome == "stored"
    assert _stored(engine, "children_0_17") == _expected(children, YEARS)


def _cells(body) -> int:
    n = 1
    for q in body["query"]:
        n *= len(q["selection"]["values"])
    return n


def test_second_fetch_stores_nothing_new(engine, server, cats, analyst):
    """Given a fetched table / When it is fetched again unchanged / Then no upload is added, but the retrieval is recorded."""
    first = _fetch(engine, server, cats, analyst)
    n_uploads = len(list_uploads(engine))
    second = _fetch(engine, server, cats, analyst)

    assert {r.outcome for r in second.results} == {"unchanged"}
    assert [r.upload_id for r in second.results] == [r.upload_id for r in first.results]
    assert len(list_uploads(engine)) == n_uploads == 5
    last = last_retrievals(engine, source="csp")
    assert last["outcome"].tolist() == ["unchanged"] * 5
    by_indicator = {r.indicator: r.upload_id for r in first.results}
    assert last["upload_id"].tolist() == [by_indicator[i] for i in last["indicator"]]
    first_time = first.retrieved_at.replace(tzinfo=None)
    assert [pd.Timestamp(t).tz_localize(None) for t in last["last_change"]] == [pd.Timestamp(first_time)] * 5
    assert [pd.Timestamp(t).tz_localize(None) for t in last["retrieved_at"]] == [
        pd.Timestamp(second.retrieved_at.replace(tzinfo=None))] * 5


def test_a_revised_table_becomes_a_new_version_with_its_differences(engine, cats, analyst):
    """Given births revised for two keys between fetches / Then a new version whose differences are exactly those keys."""
    with PxWebServer([ids031()]) as srv:
        first = _fetch(engine, srv, cats, analyst, indicators=["births"])
        srv.tables["POP/ID/IDS/IDS031"] = ids031(revised={("LV0003000", 2024): 999, ("LV0001000", 2020): 1234})
        second = _fetch(engine, srv, cats, analyst, indicators=["births"])
        srv.tables["POP/ID/IDS/IDS031"] = ids031()
        third = _fetch(engine, srv, cats, analyst, indicators=["births"])

    r = second.results[0]
    assert r.outcome == "stored" and r.upload_id != first.results[0].upload_id
    changes = r.changes[["municipality_code", "year", "value_old", "value_new", "status_old", "status_new", "change"]]
    assert changes.astype(object).where(changes.notna(), None).values.tolist() == [
        ["LV0001000", 2020, None, 1234.0, "not_available", None, "changed"],
        ["LV0003000", 2024, float(births("LV0003000", 2024)), 999.0, None, None, "changed"],
    ]
    uploads = list_uploads(engine)
    assert uploads["dataset"].unique().tolist() == ["csp:IDS031:births"]
    assert sorted(uploads["version"].tolist()) == [1, 2, 3]
    # the portal went back to its first figures: that version is current again, as a restore
    assert third.results[0].outcome == "restored" and third.results[0].n_changes == 2
    assert _stored(engine, "births")[0][:2] != ("LV0001000", 2020)


def test_upload_records_the_table_and_retrieval_time(engine, server, cats, analyst):
    """Given a fetch / Then its upload names the table, its address and the retrieval time, and the analyst."""
    run = _fetch(engine, server, cats, analyst, indicators=["births"])
    up = list_uploads(engine).iloc[0]
    stamp = run.retrieved_at.strftime("%Y-%m-%d %H:%M UTC")
    assert up["file_name"] == "CSP IDS031 births"
    assert up["uploader"] == "analītiķe"
    assert f"Source: CSP IDS031 ({server.base_url}/lv/OSP_PUB/POP/ID/IDS/IDS031), retrieved {stamp}" in up["note"]
    assert "table updated 2026-03-20T08:00:00Z" in up["note"]


def test_only_national_analysts_fetch(engine, server, cats):
    """Given a municipal editor / Then the fetch is refused before any request is made."""
    editor = Actor(name="redaktors", role=Role.MUNICIPAL_EDITOR, municipalities={"LV0001000"})
    with pytest.raises(AccessDenied):
        _fetch(engine, server, cats, editor)
    assert server.log == []


def test_a_table_that_lost_a_catalogue_code_fails_clearly(engine, cats, analyst):
    """Given IRD041 without the age code Y17 / Then that table fails naming the variable and code, others still run."""
    table = ird041()
    age = table.variables[1]
    i = age["values"].index("Y17")
    del age["values"][i], age["valueTexts"][i]
    with PxWebServer([table, ids031()]) as srv:
        run = _fetch(engine, srv, cats, analyst, indicators=["children_0_17", "births"])
    assert [r.outcome for r in run.results] == ["failed", "stored"]
    assert "variable AGE has no codes Y17" in run.results[0].message
    assert run.results[0].report.codes() == ["source-table-changed"]
    assert run.exit_code == 2
