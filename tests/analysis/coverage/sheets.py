"""Where the survey test files live, and reading them through the same readers as every upload."""

from __future__ import annotations

from pathlib import Path

from analysis.ingest.raw import RawWorkbook
from analysis.ingest.readers import read_file

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "coverage"
SAMPLES = Path(__file__).resolve().parents[3] / "sample_municipalities"


def raw_workbook(path: Path) -> RawWorkbook:
    """The workbook as ingestion hands it to the survey reader."""
    return read_file(path)
