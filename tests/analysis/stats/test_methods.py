"""The methods page says what the code does: its example and its words are checked against the code."""

from __future__ import annotations

import re

import numpy as np
import pytest

from analysis.stats import SIZE_BANDS, methods_text
from analysis.stats import labels as L
from analysis.stats.trend import cochran_armitage


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_worked_example_matches_the_trend_test(lang):
    """Given the 3,000-children example table in the methods text / When its counts are tested / Then the
    p-values printed there are the test's, rounded as printed."""
    text = methods_text(lang)
    rows = re.findall(r"^\| [^|]+\| (\d+) \| (\d+) \| (\d+) \| ([0-9.,]+) \|", text, flags=re.M)
    assert len(rows) == 2
    counts = np.array([[int(a), int(b), int(c)] for a, b, c, _ in rows]).ravel()
    result = cochran_armitage([0, 0, 0, 1, 1, 1], [2022, 2023, 2024] * 2, counts, [3000] * 6)
    printed = [float(p.replace(",", ".")) for *_, p in rows]
    decimals = [len(p.replace(",", ".").split(".")[1]) for *_, p in rows]
    assert printed == [round(float(p), d) for p, d in zip(result.p_value, decimals)]


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_every_verdict_word_is_explained(lang):
    """Given the words the pages show for directions, verdicts and comparisons / When the methods text is
    read / Then each of them appears in it."""
    text = methods_text(lang).casefold()
    codes = L.DIRECTIONS + L.ASSESSMENTS + L.BENCHMARKS
    missing = [c for c in codes if L.label(c, lang).casefold() not in text]
    assert missing == []


def test_both_languages_have_the_same_sections_and_the_size_bands():
    """Given the two texts / When their headings are compared / Then they have the same structure, and both
    name the size bands' limits."""
    lv, en = methods_text("lv"), methods_text("en")
    heads = [re.findall(r"^#+ ", t, flags=re.M) for t in (lv, en)]
    assert heads[0] == heads[1] and len(heads[0]) >= 8
    for lo, hi, _ in SIZE_BANDS[1:]:
        assert f"{int(lo):,}" in en
        assert f"{int(lo)}" in lv.replace(" ", "")
    with pytest.raises(ValueError):
        methods_text("de")
