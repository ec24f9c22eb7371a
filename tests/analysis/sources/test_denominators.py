"""With children 0–17 fetched from the portal, the count indicators that use it as denominator are judged as rates."""

from __future__ import annotations

import pandas as pd

from analysis.catalogue import catalogue
from analysis.sources.csp import fetch_indicators
from analysis.stats import analyse
from analysis.store import current_observations, store_upload
from tests.analysis.sources.tables import children

# a rate indicator is judged on its counts once the catalogue's denominator is present; count indicators with a
# catalogue denominator (helper h11's catalogue work) are judged the same way
RATE_WITH_COUNTS = "children_in_out_of_family_care_rate"


def _using_children() -> list[str]:
    cat = catalogue()
    counts = [i.id for i in cat.indicators if i.kind == "count" and i.denominator == "children_0_17"]
    return [*counts, RATE_WITH_COUNTS]


def test_fetched_children_make_counts_rates_on_the_profile(engine, server, cats, analyst):
    """Given children 0–17 fetched and an upload of counts only / Then the profile tests them as rates per children."""
    cat, src = cats
    fetch_indicators(engine, cat=cat, sources=src, actor=analyst, indicators=["children_0_17"], url=server.base_url)
    wanted = _using_children()
    rows = pd.DataFrame(
        [
            {"municipality_code": "LV0001000", "indicator": ind, "year": year, "value": None,
             "count": float(40 + 5 * k), "denominator": None, "status": None, "note": None, "sheet": "s",
             "source_row": k + 2}
            for ind in wanted
            for k, year in enumerate(range(2020, 2026))
        ]
    )
    store_upload(engine, file_name="counts.csv", sha256="c" * 64, size_bytes=1, actor=analyst, rows=rows)

    result = analyse(current_observations(engine), catalogue=cat)
    trends = result.trends[(result.trends["municipality_code"] == "LV0001000")
                           & result.trends["indicator"].isin(wanted)].set_index("indicator")
    assert sorted(trends.index) == sorted(wanted)
    # tested (a chi-squared test for trend on counts and fetched denominators), shown per 1,000 children
    assert (trends["reason"] == "").all() and trends["p_value"].notna().all()
    kinds = {i: cat.indicator(i).kind for i in wanted}
    assert {i: m for i, m in trends["measure"].items()} == {i: "rate" if k == "count" else "value"
                                                            for i, k in kinds.items()}
    den_2025 = children("LV0001000", 2025)
    for ind, row in trends.iterrows():
        per = cat.indicator(ind).per or row["measure_per"]
        assert abs(row["last_value"] - 65.0 / den_2025 * per) < 1e-9, ind
    values = result.values[(result.values["municipality_code"] == "LV0001000")
                           & result.values["indicator"].isin(wanted)]
    assert values["denominator_from_catalogue"].all()
    fetched = current_observations(engine, indicators=["children_0_17"]).set_index(["municipality_code", "year"])
    assert values.set_index("year")["denominator"].to_dict() == {
        y: fetched.loc[("LV0001000", y), "value"] for y in values["year"]}
