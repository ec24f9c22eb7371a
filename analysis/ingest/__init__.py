"""Ingestion: files people really have, read into raw sheets, understood, checked and stored atomically.

Public API (imported lazily so that `analysis.ingest.raw` stays light for the readers):
ingest_workbook, ingest_path, store_result, saved_mappings, IngestResult, TIDY_COLUMNS, write_template,
template_bytes.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "IngestResult": "analysis.ingest.pipeline",
    "TIDY_COLUMNS": "analysis.ingest.pipeline",
    "ingest_path": "analysis.ingest.storing",
    "ingest_workbook": "analysis.ingest.pipeline",
    "saved_mappings": "analysis.ingest.storing",
    "store_result": "analysis.ingest.storing",
    "template_bytes": "analysis.ingest.template",
    "write_template": "analysis.ingest.template",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'analysis.ingest' has no attribute {name!r}")
