"""The audit: the linear-programming attacker works back from what `publish` wrote for the sample and finds nothing."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import openpyxl
import pandas as pd
import pytest

from analysis.catalogue import catalogue
from analysis.publish.files import stored_release_files
from analysis.sample import load_sample
from analysis.store import init_db, make_engine
from tests.analysis.publish.attack import attack, attack_group, published_from_files


def _cells(rows):
    return pd.DataFrame(rows, columns=["municipality", "count", "status"]).assign(threshold=5.0)


def _totals(rows):
    return pd.DataFrame(rows, columns=["area", "members", "count", "status"])


def test_total_of_five_with_five_small_cells_pins_each_to_one():
    """Given Latvia's total 5 and five '<5' cells (children drowned 2019) / When attacked / Then each is 1."""
    cells = _cells([(c, None, "<5") for c in "ABCDE"] + [("F", 0, "")])
    got = attack_group(cells, _totals([("LV", list("ABCDEF"), 5, "")]))
    assert got == [(c, 1.0, 1.0, 5.0) for c in "ABCDE"]


def test_hidden_total_and_a_second_hidden_cell_leave_the_full_range():
    """Given a '<5' cell, an 'x' cell and a hidden region total under a shown Latvia total / When attacked /
    Then the '<5' cell can still be anything from 1 to 4."""
    cells = _cells([("A", None, "<5"), ("B", None, "x"), ("C", 40, ""), ("D", 12, "")])
    totals = _totals([("LV", list("ABCD"), 70, ""), ("R1", ["A", "B"], None, "x"), ("R2", ["C", "D"], 52, "")])
    assert attack_group(cells, totals) == []


def test_a_single_x_beside_one_small_cell_in_a_region_is_narrowed():
    """Given region total 9 over '<5' and 'x' / When attacked / Then '<5' is 1..4 only if 'x' can be 5..8 —
    the LP allows it, so nothing narrows; with total 3, the '<5' cell is at most 3."""
    cells = _cells([("A", None, "<5"), ("B", None, "x")])
    assert attack_group(cells, _totals([("R", ["A", "B"], 9, "")])) == []
    assert attack_group(cells, _totals([("R", ["A", "B"], 3, "")])) == [("A", 1.0, 3.0, 5.0)]


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The sample stored in a real SQLite database and published by the command line, as an auditor would."""
    root = tmp_path_factory.mktemp("publish")
    url = f"sqlite:///{root / 'release.sqlite'}"
    engine = make_engine(url)
    init_db(engine)
    load_sample(engine)
    out = root / "out"
    done = subprocess.run([sys.executable, "-m", "analysis", "publish", "--out", str(out), "--db", url],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    return {"dir": out, "engine": engine, "tidy": pd.read_csv(out / "tidy.csv", keep_default_na=False,
                                                              na_values=[""]),
            "totals": pd.read_csv(out / "totals.csv", keep_default_na=False, na_values=[""])}


def test_publish_writes_the_three_files_with_the_contract_columns(published):
    """Given the published sample / When its files are read / Then tidy.csv and totals.csv have exactly the
    contract's columns and release.xlsx has README, data, totals and definitions sheets."""
    assert list(published["tidy"].columns) == ["municipality", "indicator", "year", "value", "count",
                                               "denominator", "status"]
    assert list(published["totals"].columns) == ["area", "members", "indicator", "year", "count", "status"]
    book = openpyxl.load_workbook(published["dir"] / "release.xlsx", read_only=True)
    assert book.sheetnames == ["README", "data", "totals", "definitions"]
    assert set(published["totals"]["area"]) == {"LV", "KURZEME", "LATGALE", "RIGA", "VIDZEME", "ZEMGALE"}


def test_no_hidden_cell_of_the_published_sample_is_narrowed(published):
    """Given every published cell, Latvia's and the regions' totals and the meaning of '<5' and 'x' / When the
    attacker solves each '<5' cell's range by linear programming / Then every range is the whole 1..4."""
    cat = catalogue()
    cells, totals = published_from_files(published["tidy"], published["totals"], cat)
    assert (cells["status"] == "<5").sum() > 1000  # the sample has many small counts to attack
    assert attack(cells, totals) == []


def _small(frame, count_col, cat):
    thresholds = frame["indicator"].map({i.id: float(i.small_n_threshold) for i in cat.indicators})
    c = pd.to_numeric(frame[count_col], errors="coerce")
    return frame[(thresholds > 0) & (c >= 1) & (c < thresholds)]


def _canon(frame: pd.DataFrame) -> pd.DataFrame:
    """Numbers as floats, text as text (blank for none), so a sheet and a CSV compare cell by cell."""
    out = {}
    for c in frame.columns:
        if c in ("year", "value", "count", "denominator"):
            out[c] = pd.to_numeric(frame[c]).astype("float64")
        else:
            out[c] = frame[c].map(lambda v: "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v))
    return pd.DataFrame(out).reset_index(drop=True)


def test_public_csv_and_xlsx_hold_no_small_count_and_no_hidden_value(published):
    """Given the public files / When every count (and every count-kind value) is read / Then none is from 1 to
    threshold − 1, every '<5' or 'x' row is blank, and the workbook holds the same rows as the CSVs."""
    cat = catalogue()
    kinds = {i.id: i.kind for i in cat.indicators}
    tidy, totals = published["tidy"], published["totals"]
    assert _small(tidy, "count", cat).empty
    assert _small(tidy[tidy["indicator"].map(kinds) == "count"], "value", cat).empty
    assert _small(totals, "count", cat).empty
    hidden = tidy[tidy["status"].isin(["<5", "x"])]
    assert len(hidden) > 0 and hidden[["value", "count", "denominator"]].isna().all().all()
    assert totals.loc[totals["status"].isin(["<5", "x"]), "count"].isna().all()
    book = openpyxl.load_workbook(published["dir"] / "release.xlsx", read_only=True)
    for sheet, csv_frame in (("data", tidy), ("totals", totals)):
        rows = list(book[sheet].iter_rows(values_only=True))
        xl = pd.DataFrame(rows[1:], columns=rows[0])
        assert list(xl.columns) == list(csv_frame.columns)
        assert _small(xl, "count", cat).empty
        assert _canon(xl).equals(_canon(csv_frame)), sheet


def test_a_share_over_a_hidden_denominator_reveals_nothing(published):
    """Given shares whose denominator is another indicator's count (institutional care among children in
    out-of-family care) / When that count is hidden / Then the share shows no value, count or denominator."""
    cat = catalogue()
    tidy = published["tidy"]
    ids = {i.id: i for i in cat.indicators}
    pairs = [(i.id, i.denominator) for i in cat.indicators
             if i.denominator in ids and ids[i.denominator].small_n_threshold > 0]
    checked = 0
    for share, den in pairs:
        d = tidy[(tidy["indicator"] == den) & tidy["status"].isin(["<5", "x"])][["municipality", "year"]]
        s = tidy[tidy["indicator"] == share].merge(d, on=["municipality", "year"])
        checked += len(s)
        assert s[["value", "count", "denominator"]].isna().all().all(), share
        assert s["status"].isin(["<5", "x"]).all(), share
    assert checked > 10


def test_the_same_data_publishes_the_same_bytes(published):
    """Given the database just published / When the release is built again in this process / Then every file
    is byte for byte what the command wrote."""
    again = stored_release_files(published["engine"], catalogue=catalogue())
    for name, data in again.items():
        assert (published["dir"] / name).read_bytes() == data, name
    assert np.array_equal(list(again), ["tidy.csv", "totals.csv", "release.xlsx"])
