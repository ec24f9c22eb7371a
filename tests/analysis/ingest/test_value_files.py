"""Value forms and year forms in fixture files: the exact issues and the values stored."""

from __future__ import annotations

import pytest

from tests.analysis.ingest.parameters import VALUE_CASES


@pytest.mark.parametrize("name,issues,rows", VALUE_CASES, ids=[c[0] for c in VALUE_CASES])
def test_value_forms(ingest_file, name, issues, rows):
    """Given a file of value or year forms / When ingested / Then forms are noted, bad cells are errors, values are right."""
    result = ingest_file(name)
    assert result.report.flatten(["code", "severity", "row", "column"]) == issues
    got = [(ind, year, val, status) for _, ind, year, val, status in _tuples(result)]
    assert got == rows


def _tuples(result):
    out = []
    for rec in result.rows.itertuples(index=False):
        value = None if rec.value != rec.value else rec.value
        out.append((rec.municipality_code, rec.indicator, int(rec.year), value, rec.status))
    return out
