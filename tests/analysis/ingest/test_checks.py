"""Each plausibility rule on its fixture row: the exact code, severity, row and column, and what is kept."""

from __future__ import annotations

import pandas as pd

from analysis.ingest.checks.outliers import check_outliers
from tests.analysis.ingest.parameters import CESIS


def test_every_rule_fires_on_its_row(ingest_file):
    """Given one row breaking each rule / When ingested / Then every problem is reported in one pass, in row order."""
    result = ingest_file("checks.csv")
    assert result.report.flatten(["code", "severity", "row", "column"]) == [
        ["conflicting-duplicate", "error", 2, "D"],
        ["conflicting-duplicate", "error", 3, "D"],
        ["duplicate-row", "info", 5, "D"],
        ["negative-count", "error", 6, "D"],
        ["count-above-denominator", "error", 7, "E"],
        ["percentage-above-100", "error", 8, "D"],
        ["not-yes-no", "error", 9, "D"],
        ["outlier", "warning", 16, "D"],
    ]
    stats = result.report.stats
    assert (stats["rows_read"], stats["rows_accepted"], stats["rows_rejected"], stats["rows_skipped"]) == (16, 9, 6, 1)


def test_identical_duplicates_are_kept_once_and_outliers_still_stored(ingest_file):
    """Given an exact repeat and an outlier / When ingested / Then the repeat is stored once and the outlier is kept."""
    rows = ingest_file("checks.csv").rows
    births = rows[rows["indicator"] == "births"]
    assert births[["year", "value", "source_row"]].values.tolist() == [[2022, 290.0, 4]]
    assert 3960.0 in rows["value"].tolist()


def test_percent_sign_above_100_on_a_custom_indicator_is_a_warning(ingest_rows):
    """Given '150%' for a label not in the catalogue / When ingested / Then it is a warning, and the row is kept."""
    result = ingest_rows(
        [["Pašvaldība", "Rādītājs", "Gads", "Vērtība"], ["Cēsu novads", "Pieaugums", 2023, "150%"]]
    )
    assert result.report.flatten(["code", "severity", "row"]) == [
        ["unmatched-indicator", "warning", 2],
        ["percent-sign", "info", 2],
        ["percentage-above-100", "warning", 2],
    ]
    assert len(result.rows) == 1


def test_small_counts_are_not_outliers():
    """Given a small count series 0,1,0,1,0,4 / When checked / Then chance variation is not flagged."""
    frame = pd.DataFrame(
        {
            "sheet": "s",
            "source_row": range(2, 8),
            "value_col": "D",
            "municipality_code": CESIS,
            "indicator": "children_drowned",
            "year": range(2018, 2024),
            "value": [0.0, 1.0, 0.0, 1.0, 0.0, 4.0],
            "status": None,
        }
    )
    assert check_outliers(frame=frame).issues == []


def test_the_conflict_message_names_both_values_and_rows(ingest_file):
    """Given two different values for the same key / When ingested / Then the message lists the values and rows."""
    issue = ingest_file("checks.csv").report.issues[0]
    assert "(300, 310)" in issue.message and "2, 3" in issue.message


def test_a_lasting_change_is_not_an_outlier():
    """Given a series that steps up and stays up / When checked / Then no year is flagged: a trend break is not a typo."""
    frame = pd.DataFrame(
        {
            "sheet": "s",
            "source_row": range(2, 12),
            "value_col": "D",
            "municipality_code": CESIS,
            "indicator": "shelters",
            "year": range(2015, 2025),
            "value": [70.0] * 7 + [140.0, 233.0, 303.0],
            "status": None,
        }
    )
    assert check_outliers(frame=frame).issues == []
