"""Fixtures for ingestion tests: our fixture files, read by the real readers and run through the real pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.ingest.pipeline import IngestResult, ingest_workbook
from analysis.ingest.raw import RawSheet, RawWorkbook

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "ingest"
REPO = Path(__file__).resolve().parents[3]
SAMPLES = REPO / "sample_municipalities"


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def ingest_file(cat):
    """Reads a fixture file with the project's readers and ingests it."""

    def run(name: str | Path, **kwargs) -> IngestResult:
        from analysis.ingest.readers import read_file

        path = Path(name) if Path(name).is_absolute() else FIXTURES / name
        return ingest_workbook(read_file(path), catalogue=cat, **kwargs)

    return run


@pytest.fixture
def ingest_rows(cat):
    """Ingests a sheet built in the test from rows of cells (as a reader would hand them over)."""

    def run(rows: list[list[object]], *, name: str = "Lapa", source_format: str = "xlsx", **kwargs) -> IngestResult:
        wb = RawWorkbook(file_name=f"{name}.xlsx", sheets=[RawSheet(name=name, rows=rows, source_format=source_format)])
        return ingest_workbook(wb, catalogue=cat, **kwargs)

    return run


def _tuples(result: IngestResult) -> list[tuple]:
    out = []
    for rec in result.rows[["municipality_code", "indicator", "year", "value", "status"]].itertuples(index=False):
        value = None if rec.value != rec.value else rec.value
        out.append((rec.municipality_code, rec.indicator, int(rec.year), value, rec.status))
    return out


@pytest.fixture(scope="session")
def tuples():
    """The accepted rows as plain tuples (NaN as None) so a test can compare them whole."""
    return _tuples
