"""The project's sample data (sample_municipalities/) ingests with zero errors, whatever its layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.ingest.pipeline import ingest_workbook
from analysis.ingest.readers import read_file

SAMPLES = Path(__file__).resolve().parents[3] / "sample_municipalities"


def _files() -> list[Path]:
    if not SAMPLES.is_dir():
        return []
    found = sorted(SAMPLES.glob("*.csv")) + sorted(SAMPLES.glob("*.xlsx")) + sorted(SAMPLES.glob("workbooks/*.xlsx"))
    return found


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_sample_file_has_no_errors(cat, path):
    """Given a sample file / When ingested / Then it has no errors and keeps rows."""
    result = ingest_workbook(read_file(path), catalogue=cat)
    errors = [i for i in result.report.issues if i.severity == "error"]
    assert errors == []
    assert len(result.rows) or (result.survey is not None and len(result.survey))


def test_there_are_samples_to_test():
    """Given the repository / When listing the sample data / Then there is a national file, workbooks and CSP exports."""
    names = {p.name for p in _files()}
    assert "national_long_sintetiski.csv" in names
    assert any(n.startswith("csp_export") for n in names)
    assert len(list(SAMPLES.glob("workbooks/*.xlsx"))) >= 1
