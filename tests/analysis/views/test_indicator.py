"""One indicator everywhere: what is hidden is never shown, ranked or drawn; Latvia only where it compares."""

from __future__ import annotations

from analysis.views.indicator import choices, first_comparable, indicator
from analysis.views.rules import comparable


def test_hidden_values_are_not_ranked_nor_drawn(sample):
    """Given every charted indicator in its latest year, Then a suppressed municipality is in `hidden` only."""
    analysis, cat, _ = sample
    seen_hidden = False
    for ids in choices(analysis, cat).values():
        for ind in ids:
            year = int(analysis.values.loc[analysis.values["indicator"] == ind, "year"].max())
            view = indicator(analysis, cat, indicator=ind, year=year, members=None)
            hidden = set(view.hidden["municipality_code"])
            seen_hidden |= bool(hidden)
            assert not hidden & set(view.ranked["municipality_code"])
            now = view.series[view.series["year"] == year]
            assert not hidden & set(now["municipality_code"])
            assert (view.latvia is not None) <= comparable(cat.indicator(ind))
            assert (view.latvia_series is not None) == comparable(cat.indicator(ind))
    assert seen_hidden, "the sample has small numbers that are hidden"


def test_members_limit_the_ranking_and_the_first_choice_compares(sample):
    analysis, cat, _ = sample
    ids = choices(analysis, cat)[1]
    ind = first_comparable(cat, ids)
    assert comparable(cat.indicator(ind))
    year = int(analysis.values["year"].max())
    some = ["LV0055000", "LV0026000"]
    view = indicator(analysis, cat, indicator=ind, year=year, members=some)
    assert set(view.ranked["municipality_code"]) | set(view.hidden["municipality_code"]) <= set(some)
