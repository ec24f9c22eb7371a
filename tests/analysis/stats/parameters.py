"""Tables of cases and small builders shared by the statistics tests."""

from __future__ import annotations

import csv
import shutil

import pandas as pd

from analysis.catalogue.loader import INDICATOR_COLUMNS
from analysis.paths import DATA_DIR

# id, domain, kind, per, polarity, denominator, threshold, structural
INDICATORS = [
    ("children_0_17", 1, "count", "", "no_judgement", "", 0, "true"),
    ("victims_rate", 8, "rate", 1000, "lower_is_better", "children_0_17", 5, ""),
    ("checkup_share", 5, "proportion", 100, "higher_is_better", "children_0_17", 5, ""),
    ("mental_rate", 5, "rate", 1000, "no_judgement", "children_0_17", 5, ""),
    ("care_count", 7, "count", "", "lower_is_better", "", 5, ""),
    ("victims_count", 8, "count", 1000, "lower_is_better", "children_0_17", 5, ""),
    ("spending", 6, "amount", "", "higher_is_better", "", 0, ""),
    ("youth_council", 11, "yes_no", "", "higher_is_better", "", 0, ""),
    ("unemployment", 6, "proportion", 100, "lower_is_better", "", 0, "true"),
]

RIGA, DAUGAVPILS, JELGAVA, CESIS, VARAKLANI = "LV0001000", "LV0002000", "LV0003000", "LV0026000", "LV0055000"


def write_catalogue(target) -> None:
    """Writes a catalogue directory: the project's domains and territory, the indicators above."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("domains.csv", "municipalities.csv", "regions.csv"):
        shutil.copy(DATA_DIR / name, target / name)
    header = [c.name for c in INDICATOR_COLUMNS]
    with (target / "indicators.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        for ident, domain, kind, per, polarity, den, thr, structural in INDICATORS:
            row = {
                "id": ident,
                "domain": domain,
                "name_lv": f"{ident} lv",
                "name_en": f"{ident} en",
                "definition_lv": "d",
                "definition_en": "d",
                "unit_lv": "u",
                "unit_en": "u",
                "kind": kind,
                "per": per,
                "polarity": polarity,
                "denominator": den,
                "rate_unit_lv": "uz 1000 bērniem" if kind == "count" and den else "",
                "rate_unit_en": "per 1,000 children" if kind == "count" and den else "",
                "source": "csp",
                "small_n_threshold": thr,
                "structural": structural,
                "aliases": "",
            }
            w.writerow([row.get(c, "") for c in header])


def frame(rows) -> pd.DataFrame:
    """Observations in the shape of current_observations()."""
    cols = ["municipality_code", "indicator", "year", "value", "count", "denominator", "status", "note"]
    out = pd.DataFrame([list(r) + [None] * (len(cols) - len(r)) for r in rows], columns=cols)
    for c in ("value", "count", "denominator"):
        out[c] = pd.to_numeric(out[c]).astype("float64")
    out["year"] = out["year"].astype("int64")
    return out


# Benchmark by interval overlap: municipality (lower, upper), reference (lower, upper), polarity → label.
COMPARE_CASES = [
    ((5.0, 7.0), (3.0, 4.0), "lower_is_better", "worse"),
    ((5.0, 7.0), (3.0, 4.0), "higher_is_better", "better"),
    ((5.0, 7.0), (3.0, 4.0), "no_judgement", "higher"),
    ((1.0, 2.0), (3.0, 4.0), "lower_is_better", "better"),
    ((1.0, 2.0), (3.0, 4.0), "higher_is_better", "worse"),
    ((1.0, 2.0), (3.0, 4.0), "no_judgement", "lower"),
    ((2.0, 3.5), (3.0, 4.0), "lower_is_better", "similar"),
    ((1.0, 3.0), (3.0, 4.0), "higher_is_better", "similar"),  # touching limits overlap
    ((4.5, 4.5), (4.5, 4.5), "no_judgement", "similar"),  # a reference given as a point
    ((float("nan"), 2.0), (3.0, 4.0), "lower_is_better", "not_compared"),
    ((1.0, 2.0), (float("nan"), float("nan")), "higher_is_better", "not_compared"),
]

# Secondary suppression: counts of one indicator and year, their regions, threshold 5 →
# (primary, secondary, region totals hidden, national total hidden).
SECONDARY_CASES = [
    (
        "one small cell: the next smallest goes too",
        [3, 12, 40, 0, 25],
        [0, 0, 0, 0, 0],
        [1, 0, 0, 0, 0],
        [0, 1, 0, 0, 0],
        [False],
        False,
    ),
    (
        "two small cells adding up to under 5: one more",
        [1, 2, 30, 50],
        [0, 0, 0, 0],
        [1, 1, 0, 0],
        [0, 0, 1, 0],
        [False],
        False,
    ),
    (
        "two small cells adding up to 7: the total pins each to 3..4, so one more",
        [3, 4, 30],
        [0, 0, 0],
        [1, 1, 0],
        [0, 0, 1],
        [False],
        False,
    ),
    ("a small total is itself hidden", [1, 2, 0], [0, 0, 0], [1, 1, 0], [0, 0, 0], [True], True),
    (
        "a small regional total: another region and one of its cells hide, so both can move",
        [3, 20, 30],
        [0, 1, 1],
        [1, 0, 0],
        [0, 1, 0],
        [True, True],
        False,
    ),
    (
        "nothing else to hide: the region's total goes",
        [40, 0, 3, 0],
        [0, 0, 1, 1],
        [0, 0, 1, 0],
        [1, 0, 0, 0],
        [True, True],
        False,
    ),
    (
        "two small regional totals adding up to 7: a third region and its smaller cell hide too",
        [3, 4, 20, 30],
        [0, 1, 2, 2],
        [1, 1, 0, 0],
        [0, 0, 1, 0],
        [True, True, True],
        False,
    ),
    (
        "a small cell and zeros: Latvia's total is small itself",
        [3, 0, 0],
        [0, 1, 1],
        [1, 0, 0],
        [0, 0, 0],
        [True, False],
        True,
    ),
]
