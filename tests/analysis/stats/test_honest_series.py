"""Honest series: every series with counts and denominators is tested, and shown as the quantity tested."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats
from statsmodels.stats.contingency_tables import Table

from analysis.stats import analyse
from tests.analysis.stats.parameters import CESIS, DAUGAVPILS, JELGAVA, RIGA, frame


def children(code, years=(2022, 2023, 2024), n=3000):
    return [(code, "children_0_17", y, n) for y in years]


def trend(result, code, indicator) -> dict:
    rows = result.trends[
        (result.trends["municipality_code"] == code) & (result.trends["indicator"] == indicator)
    ]
    assert len(rows) == 1
    return rows.iloc[0].to_dict()


def armitage_p(counts, denominators, years=(2022, 2023, 2024)) -> float:
    """Mantel's linear-by-linear test (statsmodels), rescaled from N − 1 to N: Armitage's chi-squared."""
    x, n = np.asarray(counts, float), np.asarray(denominators, float)
    res = Table(np.c_[x, n - x], shift_zeros=False).test_ordinal_association(
        row_scores=np.asarray(years, float), col_scores=np.array([1.0, 0.0])
    )
    return float(stats.chi2.sf(float(res.zscore) ** 2 * n.sum() / (n.sum() - 1), 1))


def test_custom_series_with_counts_and_denominators_is_tested(scat):
    """Given three indicators outside the catalogue, each with a count and a denominator in every row /
    When analysed / Then all three are tested, the p-value is Armitage's, a significant one is 'no judgement'
    (its polarity is unknown), and the value shown is the rate its own values are on."""
    rows = []
    series = {
        "Bērni ģimenes asistenta aprūpē": ([20, 40, 60], [2000, 2000, 2000], [1.0, 2.0, 3.0]),
        "Vietējais rādītājs": ([10, 11, 12], [3000, 3000, 3000], [10.0, 11.0, 12.0]),
        "Īpatsvars %": ([300, 290, 310], [1000, 1000, 1000], [30.0, 29.0, 31.0]),
    }
    for name, (x, n, v) in series.items():
        rows += [(CESIS, name, y, vv, xx, nn) for y, xx, nn, vv in zip((2022, 2023, 2024), x, n, v)]
    result = analyse(frame(children(CESIS) + rows), catalogue=scat)
    got = {name: trend(result, CESIS, name) for name in series}
    for name, (x, n, _) in series.items():
        assert got[name]["reason"] == ""
        assert got[name]["p_value"] == pytest.approx(armitage_p(x, n), rel=1e-9)
    first = got["Bērni ģimenes asistenta aprūpē"]
    assert (first["assessment"], first["direction"], first["measure"], first["measure_per"]) == (
        "no_judgement", "increasing", "rate", 100.0,
    )
    # Values equal to the counts are not a rate: the count is shown per 1,000 of its denominator.
    local = got["Vietējais rādītājs"]
    assert (local["first_value"], local["measure_per"]) == (pytest.approx(10 / 3), 1000.0)
    assert got["Īpatsvars %"]["assessment"] == "no_significant_change"


def test_a_count_with_a_denominator_is_shown_and_judged_as_its_rate(scat):
    """Given child victims 30 → 45 → 61 among 3,000 children (the issue's example) / When analysed / Then
    the trend is shown as the rate per 1,000 children (10 → 20.3), increasing and worsening, never
    'decreasing, improving'."""
    obs = frame(
        children(DAUGAVPILS)
        + [(DAUGAVPILS, "victims_count", y, c) for y, c in ((2022, 30), (2023, 45), (2024, 61))]
    )
    row = trend(analyse(obs, catalogue=scat), DAUGAVPILS, "victims_count")
    got = {k: row[k] for k in ("measure", "measure_per", "direction", "assessment", "reason")}
    assert got == {
        "measure": "rate",
        "measure_per": 1000.0,
        "direction": "increasing",
        "assessment": "worsening",
        "reason": "",
    }
    assert (row["first_value"], row["last_value"], row["change"]) == pytest.approx((10.0, 61 / 3, 61 / 3 - 10))
    assert row["p_value"] == pytest.approx(armitage_p([30, 45, 61], [3000] * 3), rel=1e-9)
    assert (row["first_display"], row["last_display"]) == ("10,0", "20,3")


def test_direction_is_the_sign_of_the_fitted_slope_of_what_is_shown(scat):
    """Given a flat count (300 a year) over a population falling from 3,000 to 1,000 / When analysed /
    Then the rate shown rises 100 → 300 per 1,000 and the direction says 'increasing', as the change."""
    obs = frame(
        [(JELGAVA, "children_0_17", y, n) for y, n in ((2022, 3000), (2023, 2000), (2024, 1000))]
        + [(JELGAVA, "victims_count", y, 300) for y in (2022, 2023, 2024)]
    )
    row = trend(analyse(obs, catalogue=scat), JELGAVA, "victims_count")
    assert (row["first_value"], row["last_value"]) == pytest.approx((100.0, 300.0))
    assert (row["direction"], row["assessment"]) == ("increasing", "worsening")
    assert row["slope"] > 0 and row["change"] > 0


def test_a_cell_hidden_for_another_municipality_makes_the_series_not_published(scat):
    """Given Cēsis with 3 victims in 2024 (a small number) and Jelgava with 8, 9, 10 (the smallest other
    cell, hidden so Cēsis cannot be worked out from Latvia's total) / When analysed for publication / Then
    Cēsis is 'small numbers' and Jelgava 'not published', a different reason; shown to those who may see
    everything, both are tested."""
    rows = children(CESIS) + children(JELGAVA) + children(RIGA, n=100000)
    rows += [(CESIS, "victims_count", y, c) for y, c in ((2022, 6), (2023, 7), (2024, 3))]
    rows += [(JELGAVA, "victims_count", y, c) for y, c in ((2022, 8), (2023, 9), (2024, 10))]
    rows += [(RIGA, "victims_count", y, c) for y, c in ((2022, 500), (2023, 520), (2024, 540))]
    obs = frame(rows)
    published = analyse(obs, catalogue=scat)
    assert [trend(published, c, "victims_count")["reason"] for c in (CESIS, JELGAVA, RIGA)] == [
        "small_numbers",
        "not_published",
        "",
    ]
    everything = analyse(obs, catalogue=scat, show_unsuppressed=True)
    assert [trend(everything, c, "victims_count")["reason"] for c in (CESIS, JELGAVA)] == ["", ""]


def test_a_fitted_trend_the_end_years_contradict_is_mixed_and_not_judged(scat):
    """Given victims 10, 60, 90, 120, 9 among 3,000 children over a five-year window (the fitted line rises, the
    last year is below the first) / When analysed / Then the direction is 'mixed', never 'increasing' beside a
    negative change, and the significant test gets no judgement."""
    years = (2020, 2021, 2022, 2023, 2024)
    counts = (10, 60, 90, 120, 9)
    obs = frame(children(RIGA, years=years) + [(RIGA, "victims_count", y, c) for y, c in zip(years, counts)])
    row = trend(analyse(obs, catalogue=scat, window=5), RIGA, "victims_count")
    assert row["slope"] > 0 and row["change"] < 0
    assert row["p_value"] == pytest.approx(armitage_p(counts, [3000] * 5, years=years), rel=1e-9) and row["p_value"] < 0.05
    assert (row["direction"], row["assessment"], row["reason"]) == ("mixed", "no_judgement", "")


def test_a_custom_series_given_as_counts_and_denominators_only_is_tested(scat):
    """Given an indicator outside the catalogue with a count and a denominator in every row but no value /
    When analysed / Then it is not dropped: it is tested (Armitage's p) and shown as its rate per 1,000."""
    x, n = [20, 40, 60], [2000, 2000, 2000]
    rows = [(CESIS, "Bērni ģimenes asistenta aprūpē", y, None, xx, nn) for y, xx, nn in zip((2022, 2023, 2024), x, n)]
    row = trend(analyse(frame(children(CESIS) + rows), catalogue=scat), CESIS, "Bērni ģimenes asistenta aprūpē")
    assert (row["reason"], row["assessment"], row["measure"], row["measure_per"]) == (
        "", "no_judgement", "rate", 1000.0)
    assert (row["first_value"], row["last_value"]) == pytest.approx((10.0, 30.0))
    assert row["p_value"] == pytest.approx(armitage_p(x, n), rel=1e-9)
