"""The public API the dashboard calls: names, settings, labels, one municipality's view."""

from __future__ import annotations

import pytest

import analysis.stats as stats
from analysis.stats import Settings, analyse, label
from analysis.stats import labels as L
from tests.analysis.stats.parameters import CESIS, RIGA, frame


def test_public_names():
    """Given the package / When its public names are listed / Then they are the documented API."""
    assert sorted(stats.__all__) == sorted(
        [
            "Analysis",
            "CHILDREN_POPULATION",
            "DEFAULT_ALPHA",
            "DEFAULT_LEVEL",
            "DEFAULT_WINDOW",
            "HIGH_LEVEL",
            "SIZE_BANDS",
            "SIZE_BAND_LABELS",
            "Settings",
            "analyse",
            "completeness_matrix",
            "display_text",
            "label",
            "methods_text",
            "peers",
        ]
    )
    assert stats.CHILDREN_POPULATION == "children_0_17"


def test_settings_and_one_municipality(scat):
    """Given two municipalities / When analysed at 99.8 % with a 4-year window / Then the result says so and
    municipality() returns only the asked one's rows."""
    obs = frame([(c, "children_0_17", y, 1000) for c in (RIGA, CESIS) for y in (2023, 2024)])
    result = analyse(obs, catalogue=scat, level=0.998, window=4)
    assert result.settings == Settings(
        window=4, level=0.998, alpha=0.05, show_unsuppressed=False, end_year=None, k=5
    )
    assert set(result.municipality(CESIS)["municipality_code"]) == {CESIS}
    with pytest.raises(ValueError, match="alpha"):
        analyse(obs, catalogue=scat, alpha=5)


def test_every_code_has_words_in_both_languages():
    """Given every code the statistics produce / When labelled / Then Latvian and English words exist."""
    codes = L.DIRECTIONS + L.ASSESSMENTS + L.REASONS + L.BENCHMARKS + (L.SMALL_COUNT, L.SECONDARY)
    assert all(label(c, "lv") and label(c, "en") for c in codes)
    assert (label(L.WORSENING), label(L.WORSENING, "en"), label("")) == ("pasliktinās", "worsening", "")
