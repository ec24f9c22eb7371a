"""The overview in codes: the municipality × domain tallies match the trends, the surest worsening first."""

from __future__ import annotations

import pandas as pd

from analysis.views.overview import overview, values_by_year


def test_tallies_count_every_significant_trend_once(sample):
    analysis, cat, _ = sample
    view = overview(analysis, cat)
    tr = analysis.trends
    assert int(view.worsening.to_numpy().sum()) == int((tr["assessment"] == "worsening").sum())
    assert int(view.improving.to_numpy().sum()) == int((tr["assessment"] == "improving").sum())
    assert list(view.worsening.columns) == [d.no for d in cat.domains]
    assert list(view.gaps.index) == list(view.worsening.index)
    assert view.municipalities == tr["municipality_code"].nunique()


def test_worst_is_worsening_only_surest_first(sample):
    analysis, cat, _ = sample
    worst = overview(analysis, cat).worst
    assert len(worst) > 0 and set(worst["assessment"]) == {"worsening"}
    assert worst["p_value"].is_monotonic_increasing
    assert set(worst["decimals"]) <= {0, 1, 2}


def test_values_by_year_counts_what_is_stored():
    obs = pd.DataFrame({"municipality_code": ["A", "A", "B"], "year": [2023, 2024, 2024],
                        "value": [1.0, None, 2.0], "status": [None, "zero", None]})
    assert values_by_year(obs).to_dict() == {2023: {"A": 1, "B": 0}, 2024: {"A": 1, "B": 1}}
