"""Text written for spreadsheets never runs as a formula; numbers stay numbers."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.export_safety import neutralise, neutralise_frame


@pytest.mark.parametrize(
    "given,expected",
    [
        ("=SUM(A1:A2)", "'=SUM(A1:A2)"),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\t=1", "'\t=1"),
        ("Cēsu novads", "Cēsu novads"),
        ("-5", "-5"),
        ("+3,5", "+3,5"),
        (-5, -5),
        (1.5, 1.5),
        (None, None),
    ],
)
def test_neutralise(given, expected):
    """Given a cell / When neutralised / Then formula-like text gets an apostrophe and numbers are untouched."""
    assert neutralise(given) == expected


def test_neutralise_frame_leaves_numeric_columns():
    """Given a frame of text and numbers / When neutralised / Then only the text column changes."""
    frame = pd.DataFrame({"label": ["=1+1", "ok"], "value": [-1.0, 2.0]})
    out = neutralise_frame(frame)
    assert out["label"].tolist() == ["'=1+1", "ok"]
    assert out["value"].tolist() == [-1.0, 2.0]
