"""A programme as a viewer of the published figures meets it: what an editor pinned in clear does not leak."""

from __future__ import annotations

import pandas as pd

from analysis.catalogue import catalogue
from analysis.programme.figures import as_seen, baseline, pin
from analysis.programme.model import Conclusion, Measure, MeasureIndicator, PinnedIndicator, Programme
from analysis.stats import analyse

CESIS, VALMIERA = "LV0026000", "LV0054000"
CARE = "children_in_out_of_family_care"  # a count of children, small below 5


def _observations() -> pd.DataFrame:
    rows = [(code, CARE, year, float(n), float(n), 6000.0)
            for code, counts in ((CESIS, (8, 3, 9)), (VALMIERA, (12, 14, 11)))
            for year, n in zip((2022, 2023, 2024), counts)]
    out = pd.DataFrame(rows, columns=["municipality_code", "indicator", "year", "value", "count", "denominator"])
    return out.assign(status=None, note=None)


def _programme(clear) -> Programme:
    return Programme(
        municipality_code=CESIS,
        conclusions=(Conclusion(domain=7, text="Ārpusģimenes aprūpe",
                                indicators=(pin(clear, code=CESIS, indicator=CARE, data_version=1),
                                            PinnedIndicator(indicator=CARE, year=2023, value=3.0, shown="3",
                                                            first_year=2023, last_year=2023))),),
        measures=(Measure(key="M1", title="Audžuģimenes",
                          indicators=(baseline(clear, code=CESIS, indicator=CARE, target=5.0, target_year=2027),
                                      MeasureIndicator(indicator=CARE, baseline_year=2023, baseline=0.5))),),
    )


def test_a_public_viewer_never_gets_the_small_count_an_editor_pinned_in_clear():
    """Given Cēsis' 2023 count of 3 pinned and taken as a baseline by its editor (who sees it in clear) / When a
    viewer of the published figures opens the programme / Then the 2023 figure is blank and shown as its mark, the
    trend that read it is not repeated, the 2024 rate (9 per 6,000) stays; the editor's own view is unchanged."""
    cat = catalogue()
    clear = analyse(_observations(), catalogue=cat, window=3, show_unsuppressed=True)
    public = analyse(_observations(), catalogue=cat, window=3)
    written = _programme(clear)
    seen = as_seen(written, analysis=public)
    latest, small = seen.conclusions[0].indicators
    pinned = written.conclusions[0].indicators[0]
    assert (latest.year, latest.value, latest.shown, latest.assessment) == (2024, 1.5, "1,5", None)
    assert (pinned.value, pinned.assessment) == (1.5, "no_significant_change")  # the editor's, read in clear
    assert (small.year, small.value, small.shown, small.assessment) == (2023, None, "<5", None)
    assert [(m.baseline_year, m.baseline, m.target) for m in seen.measures[0].indicators] == [
        (2024, written.measures[0].indicators[0].baseline, 5.0), (2023, None, None)]
    assert as_seen(written, analysis=clear) == written


def test_without_any_analysis_every_pinned_figure_is_blank():
    """Given no data at all for the viewer / Then nothing pinned is shown rather than something unchecked."""
    written = _programme(analyse(_observations(), catalogue=catalogue(), window=3, show_unsuppressed=True))
    seen = as_seen(written, analysis=None)
    assert [(p.value, p.shown, p.assessment) for p in seen.conclusions[0].indicators] == [(None, "", None)] * 2
    assert [m.baseline for m in seen.measures[0].indicators] == [None, None]
