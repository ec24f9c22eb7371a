"""The gap register: who reports what, per domain, in each of the last three years."""

from __future__ import annotations

import pandas as pd

from analysis.stats import analyse, completeness_matrix
from tests.analysis.stats.parameters import CESIS, RIGA, VARAKLANI, frame


def test_share_of_domain_indicators_reported_per_year(scat):
    """Given Cēsis reporting both health indicators in 2024 but one in 2023 and none in 2022, and a 'not
    available' cell / When analysed / Then the health domain (5) shows 0, ½ and 1 for 2022–2024, and a
    municipality without data shows 0."""
    obs = frame(
        [(CESIS, "children_0_17", y, 3000) for y in (2022, 2023, 2024)]
        + [
            (CESIS, "checkup_share", 2023, 50.0),
            (CESIS, "checkup_share", 2024, 55.0),
            (CESIS, "mental_rate", 2024, 3.0),
            (CESIS, "mental_rate", 2023, None, None, None, "not_available"),
        ]
    )
    table = analyse(obs, catalogue=scat).completeness
    health = table[(table["domain"] == 5) & table["municipality_code"].isin([CESIS, RIGA])]
    got = health[["municipality_code", "year", "n_indicators", "n_reported", "share"]].reset_index(drop=True)
    expected = pd.DataFrame(
        {
            "municipality_code": [RIGA] * 3 + [CESIS] * 3,
            "year": [2022, 2023, 2024] * 2,
            "n_indicators": [2] * 6,
            "n_reported": [0, 0, 0, 0, 1, 2],
            "share": [0.0, 0.0, 0.0, 0.0, 0.5, 1.0],
        }
    )
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_every_unit_in_force_and_every_domain_is_listed(scat):
    """Given data up to 2024 / When the register is built / Then 43 municipalities × 16 domains × 3 years,
    Varakļānu novads included (it exists until mid-2025)."""
    obs = frame([(CESIS, "children_0_17", 2024, 3000)])
    table = analyse(obs, catalogue=scat).completeness
    assert len(table) == 43 * 16 * 3
    assert VARAKLANI in set(table["municipality_code"])
    matrix = completeness_matrix(table)
    assert matrix.shape == (43, 16)
    assert (matrix.loc["Cēsu novads", 1], matrix.loc["Cēsu novads", 8]) == (1.0, 0.0)
