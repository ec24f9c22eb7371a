"""Trends across a territorial change are computed on today's territory, or say why they cannot be."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis.catalogue import catalogue
from analysis.paths import SAMPLE_DIR
from analysis.stats import analyse
from analysis.stats import labels as L
from analysis.stats.tidy import read_tidy
from analysis.stats.trend import cochran_armitage
from analysis.territory import territory

MADONA, VARAKLANI, CESIS = "LV0038000", "LV0055000", "LV0026000"


@pytest.fixture(scope="module")
def observations():
    return read_tidy(SAMPLE_DIR / "national_long_sintetiski.csv", catalogue=catalogue()).observations


def _trend(obs: pd.DataFrame, code: str, indicator: str, **kw) -> pd.Series:
    t = analyse(obs, catalogue=catalogue(), **kw).trends
    [row] = t[(t.municipality_code == code) & (t.indicator == indicator)].itertuples(index=False)
    return pd.Series(row._asdict())


def _years(obs, code, indicator):
    rows = obs[(obs.municipality_code == code) & (obs.indicator == indicator)]
    return rows.set_index("year")


def test_madona_2023_2025_is_computed_on_the_merged_territory_and_marked(observations):
    """Given the sample through 2025 (Madona's 2025 figures include Varakļāni), When Madona's births trend is
    computed, Then 2023–2024 add Varakļāni's births and population to Madona's, the rate shown and the p-value come
    from those sums, and the trend is marked territory_adjusted with both units' codes."""
    row = _trend(observations, MADONA, "births")
    assert (row.window_start, row.window_end) == (2023, 2025)
    assert row.territory == L.TERRITORY_ADJUSTED and row.territory_units == f"{MADONA};{VARAKLANI}"
    assert row.reason == "" and row.basis == L.BASIS_TEST
    births = {c: _years(observations, c, "births").value for c in (MADONA, VARAKLANI)}
    denominator = catalogue().indicator("births").denominator
    kids = {c: _years(observations, c, denominator).value for c in (MADONA, VARAKLANI)}
    x = np.array([births[MADONA][y] + births[VARAKLANI].get(y, 0) for y in (2023, 2024, 2025)])
    n = np.array([kids[MADONA][y] + kids[VARAKLANI].get(y, 0) for y in (2023, 2024, 2025)])
    assert VARAKLANI and 2025 not in births[VARAKLANI].index  # the merged unit reports 2025 alone
    per = catalogue().indicator("births").per
    assert math.isclose(row.first_value, x[0] / n[0] * per, rel_tol=1e-12)
    assert math.isclose(row.last_value, x[2] / n[2] * per, rel_tol=1e-12)
    expected = cochran_armitage(np.zeros(3, dtype=int), np.arange(3), x, n).p_value[0]
    assert math.isclose(row.p_value, expected, rel_tol=1e-9)
    # Varakļāni's own series is its own territory: it ends with 2024 and is not adjusted.
    own = _trend(observations, VARAKLANI, "births")
    assert own.window_end == 2024 and own.territory == ""


def test_without_varaklani_counts_the_trend_is_not_tested_across_the_merger(observations):
    """Given the same series without Varakļāni's 2023 births, When analysed, Then Madona's trend is not tested,
    says a predecessor is missing, is marked territory_not_adjusted and shows no change or direction (it would
    compare two territories)."""
    drop = (observations.municipality_code == VARAKLANI) & (observations.indicator == "births") & (
        observations.year == 2023)
    row = _trend(observations[~drop], MADONA, "births")
    assert (row.assessment, row.reason, row.territory) == (
        L.NOT_TESTED, L.TERRITORY_PREDECESSOR_MISSING, L.TERRITORY_NOT_ADJUSTED)
    assert math.isnan(row.p_value) and math.isnan(row.change) and row.direction == ""


def test_a_year_with_only_a_rate_is_not_summed(observations):
    """Given Varakļāni's 2024 out-of-family-care rate without its count, When Madona's trend is computed, Then
    it is not tested across the merger because that year has only a rate."""
    obs = observations.copy()
    hit = (obs.municipality_code == VARAKLANI) & (obs.indicator == "children_in_out_of_family_care_rate") & (
        obs.year == 2024)
    assert hit.sum() == 1
    obs.loc[hit, ["count", "denominator"]] = np.nan
    row = _trend(obs, MADONA, "children_in_out_of_family_care_rate", show_unsuppressed=True)
    assert (row.reason, row.territory) == (L.TERRITORY_RATES_ONLY, L.TERRITORY_NOT_ADJUSTED)


def test_a_window_before_the_merger_is_not_adjusted(observations):
    """Given a window that ends before 2025, Then Madona's trend is on its own territory, unmarked."""
    row = _trend(observations, MADONA, "births", end_year=2024)
    assert row.territory == "" and row.territory_units == "" and row.reason == ""


def _pre_reform_file(tmp_path, *, drop: str | None = None):
    """Births and population of the seven units that formed Cēsu novads, 2018–2020, then Cēsu novads 2021–2022."""
    t = territory()
    [group] = [g for g in t.groups() if g.successor == CESIS and g.date.year == 2021]
    rows = []
    for n, code in enumerate(group.predecessors):
        name = t.unit(code).name_lv
        for year in (2018, 2019, 2020):
            if name == drop and year == 2019:
                continue
            rows.append((name, "population_total", year, 1000 + 100 * n))
            rows.append((name, "births", year, 10 + n + 2 * (year - 2018)))
    for year in (2021, 2022):
        rows.append(("Cēsu novads", "population_total", year, 7 * 1000 + 2100))
        rows.append(("Cēsu novads", "births", year, 7 * 10 + 21 + 14 * (year - 2018)))
    path = tmp_path / "tidy.csv"
    pd.DataFrame(rows, columns=["municipality", "indicator", "year", "value"]).to_csv(path, index=False)
    return read_tidy(path, catalogue=catalogue()), group


def test_a_pre_2021_units_series_is_carried_into_its_2021_successor(tmp_path):
    """Given 2018–2020 figures for the seven units that became Cēsu novads (named as before 2021), When the trend
    2018–2022 is computed, Then the earlier years are the sums of the seven, the series is Cēsu novads', marked
    territory_adjusted with the seven codes, and tested on the summed counts."""
    read, group = _pre_reform_file(tmp_path)
    assert not [i for i in read.report.issues if i.code == "stats-unknown-area"]
    row = _trend(read.observations, CESIS, "births", window=5)
    assert (row.first_year, row.last_year, row.n_years) == (2018, 2022, 5)
    assert row.territory == L.TERRITORY_ADJUSTED
    assert set(row.territory_units.split(";")) == set(group.predecessors)
    per = catalogue().indicator("births").per
    x0 = sum(10 + n for n in range(7))
    n0 = sum(1000 + 100 * n for n in range(7))
    assert math.isclose(row.first_value, x0 / n0 * per, rel_tol=1e-12)
    assert row.basis == L.BASIS_TEST and row.p_value < 0.05


def test_a_missing_predecessor_before_2021_says_why(tmp_path):
    """Given the same file without Amatas novads' 2019 figures, Then Cēsu novads' 2018–2022 trend is not tested:
    a predecessor is missing."""
    read, _ = _pre_reform_file(tmp_path, drop="Amatas novads")
    row = _trend(read.observations, CESIS, "births", window=5)
    assert (row.reason, row.territory) == (L.TERRITORY_PREDECESSOR_MISSING, L.TERRITORY_NOT_ADJUSTED)
