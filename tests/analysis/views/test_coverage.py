"""Programme coverage rounds: the figures of a round and the change since the round before it."""

from __future__ import annotations

from analysis.views.coverage import change_since_previous, figures, rounds


def test_rounds_and_the_change_since_the_previous_one(sample):
    _, cat, survey = sample
    assert rounds(survey) == [2024, 2022]
    previous, change = change_since_previous(survey, year=2024)
    assert previous == 2022
    assert change["with_programme_or_elements"] == 5 and change["not_developed"] == -5
    assert change_since_previous(survey, year=2022) is None
    assert figures(survey, cat, year=2024).n == 43
    assert figures(survey, cat, year=1999) is None
