"""Trends, intervals, benchmarks and small-number rules: what every number means, decided once for all pages.

The dashboard calls `analyse(observations, catalogue=...)` and shows the ready columns of the result
(`assessment`, `direction`, `benchmark`, `display_value`, `suppressed`, ...); `label(code, lang)` gives the
words for any code, `methods_text(lang)` the plain-language methods page, `peers(...)` the municipalities
most like a given one, `completeness_matrix(...)` the gap register as a municipality × domain table.
"""

from __future__ import annotations

from analysis.stats.benchmark import SIZE_BAND_LABELS, SIZE_BANDS, peers
from analysis.stats.completeness import completeness_matrix
from analysis.stats.formatting import display_text
from analysis.stats.intervals import DEFAULT_LEVEL, HIGH_LEVEL
from analysis.stats.labels import label
from analysis.stats.methods import methods_text
from analysis.stats.prepare import CHILDREN_POPULATION
from analysis.stats.result import Analysis, Settings, analyse
from analysis.stats.series import DEFAULT_WINDOW
from analysis.stats.trend import DEFAULT_ALPHA

__all__ = [
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
