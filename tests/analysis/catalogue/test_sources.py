"""The source catalogue (data/csp_tables.csv, data/csp_areas.csv): schema-checked and cross-checked with the catalogue."""

from __future__ import annotations

import csv
import shutil

import pytest

from analysis.catalogue import CatalogueError, catalogue
from analysis.catalogue.sources import load_sources, selection, sources
from analysis.paths import DATA_DIR
from tests.conftest import REALDATA


def test_project_source_catalogue_loads_and_covers_the_denominators():
    """Given data/ / Then every CSP catalogue indicator that is a denominator of another indicator can be fetched."""
    cat, src = catalogue(), sources()
    denominators = {i.denominator for i in cat.indicators if i.denominator}
    csp_denominators = {d for d in denominators if cat.indicator(d).source == "csp"}
    # children with a disability: no municipal CSP table is known to us (README, "Not fetched")
    assert csp_denominators - {"children_with_disability"} <= {t.indicator for t in src.tables}
    assert {"children_0_17", "population_total", "births"} <= {t.indicator for t in src.tables}


def test_selection_syntax_expands_ranges():
    assert selection("SEX=T;AGE=Y0..Y3,TOTAL") == (("SEX", ("T",)), ("AGE", ("Y0", "Y1", "Y2", "Y3", "TOTAL")))
    with pytest.raises(ValueError):
        selection("SEX")


def _copy(tmp_path):
    for name in ("csp_tables.csv", "csp_areas.csv"):
        shutil.copy(DATA_DIR / name, tmp_path / name)
    return tmp_path


def _edit(path, row: int, column: str, value: str) -> None:
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[row - 2][column] = value
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


@pytest.mark.parametrize(
    "file, column, value, message",
    [
        ("csp_tables.csv", "indicator", "no_such_thing", "csp_tables.csv, rinda/row 3, kolonna/column 'indicator'"),
        ("csp_tables.csv", "selection", "SEX=T;AGE=Y0..Y17", "kolonna/column 'selection': vairākas vērtības"),
        ("csp_tables.csv", "sum_over", "REGION", "kolonna/column 'sum_over'"),
        ("csp_tables.csv", "selection", "SEX", "kolonna/column 'selection': nederīga vērtība"),
        ("csp_areas.csv", "target", "NOWHERE", "csp_areas.csv, rinda/row 3, kolonna/column 'target'"),
        ("csp_areas.csv", "code", "LV0001000", "kolonna/column 'code': jau ir pašvaldības kods"),
    ],
)
def test_a_bad_row_is_named_by_file_row_and_column(tmp_path, file, column, value, message):
    """Given one bad cell in row 3 / Then loading stops with a message naming the file, row and column."""
    base = _copy(tmp_path)
    row = 3 if not (file == "csp_tables.csv" and column in ("selection",) and value.startswith("SEX=T;")) else 2
    if column == "sum_over":
        row = 3
    _edit(base / file, row, column, value)
    with pytest.raises(CatalogueError, match=message.replace("(", r"\(")):
        load_sources(data_dir=base)


def test_region_names_of_the_real_portal_export_resolve_to_the_mapped_aggregates():
    """Given the portal's real TRS020 export (EN) / Then each statistical region in it is an aggregate of csp_areas.csv."""
    path = REALDATA / "latvia_csp" / "TRS020_20251218-012055.csv"
    if not path.exists():
        pytest.skip("../shared/realdata nav pieejams / not available")
    cat, src = catalogue(), sources()
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))[3:]
    labels = {r[0].strip() for r in rows if r and "region" in r[0]}
    resolved = {cat.areas_index.resolve(label).code for label in labels}
    mapped = {a.target for a in src.areas if a.kind == "aggregate"}
    assert resolved and resolved <= mapped
    # every municipality in the real Latvian export is a catalogue unit whose code the portal's AREA uses as is
    lv = REALDATA / "latvia_csp" / "TRS020_20251218-165232.csv"
    names = [r[0] for r in list(csv.reader(lv.open(encoding="utf-8-sig")))[3:] if r]
    assert all(cat.areas_index.municipality(n) is not None for n in names) and len(names) == 36
