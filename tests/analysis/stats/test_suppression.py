"""Small numbers are hidden, and no published total gives a hidden one away."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.stats import analyse
from analysis.stats.suppression import primary, protect
from tests.analysis.publish.attack import attack_group
from tests.analysis.stats.parameters import CESIS, DAUGAVPILS, JELGAVA, RIGA, SECONDARY_CASES, frame


def test_primary_hides_one_to_threshold_minus_one_and_shows_zero():
    """Given counts 0..6, a missing one, threshold 5 (and 0 for another indicator) / When checked / Then 1–4
    are hidden, 0, 5, 6 and missing shown, and a threshold of 0 hides nothing."""
    got = primary([0, 1, 2, 3, 4, 5, 6, np.nan, 3], [5, 5, 5, 5, 5, 5, 5, 5, 0])
    assert got.tolist() == [False, True, True, True, True, False, False, False, False]


def _protect(counts, region, n_regions):
    c = np.array(counts, dtype=float)
    return c, protect(
        top=np.zeros(c.size, dtype="int64"),
        sub=np.array(region, dtype="int64"),
        sub_parent=np.zeros(n_regions, dtype="int64"),
        n_top=1,
        count=c,
        primary_mask=primary(c, 5),
        threshold=np.full(c.size, 5.0),
    )


def _published(counts, region, result):
    """The cells and totals as the public sees them, in the attacker's terms."""
    status = np.where(result.primary, "<5", np.where(result.secondary, "x", ""))
    cells = pd.DataFrame({"municipality": [f"m{i}" for i in range(len(counts))], "count": counts,
                          "status": status, "threshold": 5.0})
    totals = []
    for area, members, hidden, small in [
        ("LV", list(cells["municipality"]), result.hidden_totals[0][0], result.small_totals[0][0]),
        *[(f"R{r}", [f"m{i}" for i, g in enumerate(region) if g == r], result.hidden_totals[1][r],
           result.small_totals[1][r]) for r in range(len(result.hidden_totals[1]))],
    ]:
        count = float(sum(counts[int(m[1:])] for m in members))
        totals.append((area, members, None if hidden else count, ("<5" if small else "x") if hidden else ""))
    return cells, pd.DataFrame(totals, columns=["area", "members", "count", "status"])


@pytest.mark.parametrize(
    "name, counts, region, want_primary, want_secondary, region_hidden, national_hidden",
    SECONDARY_CASES,
    ids=[c[0] for c in SECONDARY_CASES],
)
def test_secondary_suppression(
    name, counts, region, want_primary, want_secondary, region_hidden, national_hidden
):
    """Given the cells of one indicator and year in their regions / When suppression runs / Then the hidden
    cells and hidden totals are exactly the cheapest safe ones, and the LP attacker narrows no '<5'."""
    c, result = _protect(counts, region, len(region_hidden))
    assert result.primary.astype(int).tolist() == want_primary
    assert result.secondary.astype(int).tolist() == want_secondary
    assert result.hidden_totals[1].tolist() == region_hidden
    assert result.hidden_totals[0].tolist() == [national_hidden]
    assert attack_group(*_published(list(c), region, result)) == []


def test_a_small_latvia_total_over_two_small_cells_reads_x():
    """Given 1 and 2 in one region (Latvia's total 3) / When protected / Then both totals are hidden as 'x',
    since '<5' on a total of 3 over two '<5' cells would cap each at 3."""
    c, result = _protect([1, 2, 0], [0, 0, 0], 1)
    assert (result.hidden_totals[0].tolist(), result.small_totals[0].tolist()) == ([True], [False])
    assert (result.hidden_totals[1].tolist(), result.small_totals[1].tolist()) == ([True], [False])


def test_published_tables_hide_what_the_rules_say(scat):
    """Given four municipalities in three regions, one with 3 victims / When analysed for publication /
    Then its cell shows '<5', the next smallest cell (hidden so Latvia's total cannot give it away) 'x',
    their values and intervals are blank, and neither feeds a rank or a benchmark."""
    obs = frame(
        [(c, "children_0_17", 2024, 3000) for c in (RIGA, CESIS, DAUGAVPILS, JELGAVA)]
        + [
            (RIGA, "victims_rate", 2024, None, 3),
            (CESIS, "victims_rate", 2024, None, 12),
            (DAUGAVPILS, "victims_rate", 2024, None, 40),
            (JELGAVA, "victims_rate", 2024, None, 25),
        ]
    )
    result = analyse(obs, catalogue=scat)
    v = result.values[result.values["indicator"] == "victims_rate"].set_index("municipality_code")
    got = v.loc[
        [RIGA, CESIS, DAUGAVPILS, JELGAVA],
        ["display_value", "suppression", "suppressed", "small_n", "benchmark", "rank_national"],
    ]
    assert got.astype(object).where(got.notna(), None).values.tolist() == [
        ["<5", "small_count", True, True, "not_compared", None],
        ["x", "secondary", True, False, "not_compared", None],
        ["13,3", "", False, False, "worse", 2.0],
        ["8,3", "", False, False, "similar", 1.0],
    ]
    assert v.loc[[RIGA, CESIS], ["value", "count", "lower", "upper"]].isna().all().all()
    national = result.national[result.national["indicator"] == "victims_rate"].iloc[0]
    assert (national["count"], national["display_value"], bool(national["suppressed"])) == (
        80.0,
        "6,7",
        False,
    )
    regions = result.regions[result.regions["indicator"] == "victims_rate"]
    assert regions[["region", "display_value", "suppressed"]].values.tolist() == [
        ["LATGALE", "13,3", False],
        ["RIGA", "<5", True],
        ["VIDZEME", "x", True],
        ["ZEMGALE", "8,3", False],
    ]


def test_unsuppressed_view_shows_everything_but_keeps_the_flags(scat):
    """Given the same data / When analysed with show_unsuppressed=True / Then every value shows, the flag
    small_n still marks the small count, and nothing is 'suppressed'."""
    obs = frame(
        [(c, "children_0_17", 2024, 3000) for c in (RIGA, CESIS)]
        + [(RIGA, "victims_rate", 2024, None, 3), (CESIS, "victims_rate", 2024, None, 12)]
    )
    v = analyse(obs, catalogue=scat, show_unsuppressed=True).values
    v = v[v["indicator"] == "victims_rate"]
    assert v["display_value"].tolist() == ["1,0", "4,0"]
    assert v["small_n"].tolist() == [True, False]
    assert v["suppression"].astype(str).tolist() == ["small_count", "secondary"]
    assert not v["suppressed"].any()


def test_a_small_national_total_is_hidden(scat):
    """Given one municipality with 2 children in care in all of Latvia / When analysed / Then Latvia's
    total for that year shows '<5' with no number."""
    obs = frame([(CESIS, "care_count", 2024, 2)])
    national = analyse(obs, catalogue=scat).national
    row = national[national["indicator"] == "care_count"].iloc[0]
    assert (row["display_value"], bool(row["suppressed"])) == ("<5", True)
    assert np.isnan(row["value"]) and np.isnan(row["count"])
