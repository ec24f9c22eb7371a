"""Latvia and regional totals, interval-overlap benchmarks, ranks, quintiles and peer groups."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.stats import analyse, peers
from analysis.stats.benchmark import compare, rank_within, size_band
from analysis.stats.intervals import rate_interval
from tests.analysis.stats.parameters import CESIS, COMPARE_CASES, DAUGAVPILS, JELGAVA, RIGA, frame


@pytest.mark.parametrize("mine, ref, polarity, expected", COMPARE_CASES)
def test_compare_by_interval_overlap_through_polarity(mine, ref, polarity, expected):
    """Given a municipality's interval, the reference's and the polarity / When compared / Then the label."""
    got = compare([mine[0]], [mine[1]], [ref[0]], [ref[1]], np.array([polarity]))
    assert got.tolist() == [expected]


def test_latvia_is_the_sum_of_counts_over_the_sum_of_denominators(scat):
    """Given three municipalities' victims and children / When analysed / Then Latvia's rate is Σ victims /
    Σ children × 1,000 with the rate interval of those sums, and each municipality is compared with it."""
    obs = frame(
        [
            (RIGA, "children_0_17", 2024, 100_000),
            (CESIS, "children_0_17", 2024, 7000),
            (DAUGAVPILS, "children_0_17", 2024, 12_000),
        ]
        + [
            (RIGA, "victims_rate", 2024, None, 180),
            (CESIS, "victims_rate", 2024, None, 70),
            (DAUGAVPILS, "victims_rate", 2024, None, 36),
        ]
    )
    result = analyse(obs, catalogue=scat)
    national = result.national[result.national["indicator"] == "victims_rate"].iloc[0]
    lower, upper = rate_interval(286, 119_000, 1000)
    assert (national["value"], national["lower"], national["upper"], national["n_municipalities"]) == (
        pytest.approx(286 / 119),
        pytest.approx(float(lower)),
        pytest.approx(float(upper)),
        3,
    )
    bench = result.trends[result.trends["indicator"] == "victims_rate"].set_index("municipality_code")
    assert bench.loc[[RIGA, CESIS, DAUGAVPILS], "benchmark"].tolist() == ["better", "worse", "similar"]
    assert bench.loc[[RIGA, CESIS, DAUGAVPILS], "rank_national"].tolist() == [1.0, 3.0, 2.0]


def test_a_supplied_national_value_wins(scat):
    """Given Latvia's official rate 10.0 (8.0–12.0) supplied / When analysed / Then the national row is the
    supplied one and municipalities are compared with it."""
    obs = frame([(CESIS, "children_0_17", 2024, 7000), (CESIS, "victims_rate", 2024, None, 21)])
    official = pd.DataFrame(
        {"indicator": ["victims_rate"], "year": [2024], "value": [10.0], "lower": [8.0], "upper": [12.0]}
    )
    result = analyse(obs, catalogue=scat, national=official)
    row = result.national[result.national["indicator"] == "victims_rate"].iloc[0]
    assert (row["value"], row["lower"], row["upper"], row["source"]) == (10.0, 8.0, 12.0, "supplied")
    assert result.trends.set_index("indicator").loc["victims_rate", "benchmark"] == "better"


def test_rank_ties_quintiles_and_missing():
    """Given keys 1, 2, 2, 4, NaN, 5 in one group and 7 alone in another / When ranked / Then ranks 1, 2, 2,
    4, –, 5 of 5 with quintiles 1, 2, 2, 4, –, 5, and 1 of 1 (quintile 1)."""
    rank, size, quintile = rank_within(
        np.array([0, 0, 0, 0, 0, 0, 1]), np.array([1, 2, 2, 4, np.nan, 5, 7], dtype=float)
    )
    assert np.nan_to_num(rank, nan=-1).tolist() == [1, 2, 2, 4, -1, 5, 1]
    assert np.nan_to_num(size, nan=-1).tolist() == [5, 5, 5, 5, -1, 5, 1]
    assert np.nan_to_num(quintile, nan=-1).tolist() == [1, 2, 2, 4, -1, 5, 1]


def test_rank_respects_polarity(scat):
    """Given check-up coverage (higher is better) and victims (lower is better) in two municipalities /
    When analysed / Then rank 1 goes to the higher coverage and to the fewer victims."""
    obs = frame(
        [(c, "children_0_17", 2024, 1000) for c in (RIGA, CESIS)]
        + [
            (RIGA, "checkup_share", 2024, None, 900),
            (CESIS, "checkup_share", 2024, None, 600),
            (RIGA, "victims_rate", 2024, None, 30),
            (CESIS, "victims_rate", 2024, None, 10),
        ]
    )
    t = analyse(obs, catalogue=scat).trends.set_index(["indicator", "municipality_code"])
    assert t.loc[
        [("checkup_share", RIGA), ("checkup_share", CESIS), ("victims_rate", RIGA), ("victims_rate", CESIS)],
        "rank_national",
    ].tolist() == [1.0, 2.0, 2.0, 1.0]


def test_size_bands():
    """Given child populations / When banded / Then the bands' lower bounds are inclusive."""
    assert size_band([500, 2999, 3000, 9999, 10000, np.nan]).tolist() == [
        "<3000",
        "<3000",
        "3000-5999",
        "6000-9999",
        "10000+",
        "",
    ]


def _structural(rows):
    return frame(
        [(code, "children_0_17", 2024, kids) for code, kids, _ in rows]
        + [(code, "unemployment", 2024, u) for code, _, u in rows]
    )


def test_nearest_peers_on_structural_indicators(scat):
    """Given four municipalities where Jelgava's child population and unemployment are closest to Cēsis'
    / When asked for Cēsis' 2 nearest peers / Then Jelgava first, then the next closest."""
    obs = _structural(
        [(CESIS, 7000, 6.0), (JELGAVA, 7200, 6.2), (DAUGAVPILS, 12_000, 9.0), (RIGA, 100_000, 5.0)]
    )
    got = peers(obs, catalogue=scat, municipality_code=CESIS, k=2)
    assert got[["peer_rank", "municipality_code", "municipality"]].values.tolist() == [
        [1, JELGAVA, "Jelgava"],
        [2, DAUGAVPILS, "Daugavpils"],
    ]
    assert got["distance"].is_monotonic_increasing
    with pytest.raises(ValueError, match="unknown municipality"):
        peers(obs, catalogue=scat, municipality_code="LV9999999")


def test_groups_and_neighbours_tables(scat):
    """Given structural data for four municipalities / When analysed with k=1 / Then each has its region,
    type, size band and its single nearest neighbour."""
    obs = _structural(
        [(CESIS, 7000, 6.0), (JELGAVA, 7200, 6.2), (DAUGAVPILS, 12_000, 9.0), (RIGA, 100_000, 5.0)]
    )
    result = analyse(obs, catalogue=scat, k=1)
    groups = result.groups.set_index("municipality_code").loc[[RIGA, CESIS]]
    assert groups[["region", "type", "size_band", "children"]].values.tolist() == [
        ["RIGA", "state_city", "10000+", 100_000.0],
        ["VIDZEME", "novads", "6000-9999", 7000.0],
    ]
    pairs = result.neighbours.set_index("municipality_code")["peer_code"].to_dict()
    # z-scores (log10 children, unemployment): Riga is 2.5 from Cēsis, 3.3 from Daugavpils.
    assert pairs == {RIGA: CESIS, DAUGAVPILS: JELGAVA, JELGAVA: CESIS, CESIS: JELGAVA}


def test_rank_among_nearest_peers(scat):
    """Given four municipalities, each with one nearest peer (k=1), and victims per 1,000 children /
    When analysed / Then each is ranked 1 or 2 of 2 against its own peer (fewer victims is better)."""
    obs = _structural(
        [(CESIS, 7000, 6.0), (JELGAVA, 7200, 6.2), (DAUGAVPILS, 12_000, 9.0), (RIGA, 100_000, 5.0)]
    )
    victims = {CESIS: 10, JELGAVA: 30, DAUGAVPILS: 60, RIGA: 100}
    obs = pd.concat([obs, frame([(c, "victims_rate", 2024, None, n) for c, n in victims.items()])])
    t = analyse(obs, catalogue=scat, k=1).trends
    t = t[t["indicator"] == "victims_rate"].set_index("municipality_code")
    got = t.loc[[RIGA, DAUGAVPILS, JELGAVA, CESIS], ["rank_peers", "n_peers"]].values.tolist()
    # Peers: Rīga → Cēsis (1.0 vs 1.43), Daugavpils → Jelgava (5.0 vs 4.17), Jelgava ↔ Cēsis.
    assert got == [[1.0, 2.0], [2.0, 2.0], [2.0, 2.0], [1.0, 2.0]]
