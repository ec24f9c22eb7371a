"""One read file's valid rows into the database in one transaction, and the saved label mappings it reuses."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from analysis.access import Actor
from analysis.catalogue import Catalogue
from analysis.ingest.pipeline import TIDY_COLUMNS, IngestResult, ingest_workbook
from analysis.store import StoreResult, dataset_key, label_mappings, store_upload


def store_result(
    engine: Engine, result: IngestResult, *, actor: Actor, accept_valid_rows: bool = False
) -> StoreResult | None:
    """Stores the file's valid rows in one transaction, or nothing (None) when it has errors and that was not accepted."""
    if not result.report.valid and not accept_valid_rows:
        return None
    rows = result.rows
    survey = result.survey
    if not len(rows) and (survey is None or not len(survey)):
        return None
    codes = result.municipality_codes
    if survey is not None and len(survey) and not len(rows):
        kind = "survey"
    else:
        kind = "indicators"
    dataset = dataset_key(file_name=result.file_name, municipality_code=codes[0] if len(codes) == 1 else None)
    note = None if result.report.valid else "tikai derīgās rindas / valid rows only"
    return store_upload(
        engine,
        file_name=result.file_name,
        sha256=result.sha256,
        size_bytes=result.size_bytes,
        actor=actor,
        rows=rows[list(TIDY_COLUMNS)] if len(rows) else None,
        survey=survey,
        kind=kind,
        dataset=dataset,
        note=note,
        custom_labels=result.custom_indicators,
        label_mappings=result.mappings,
    )


def saved_mappings(engine: Engine) -> dict[str, str]:
    """Custom labels the users already mapped to catalogue ids, for the next upload (the store owns the query)."""
    return label_mappings(engine)


def ingest_path(
    path: str | Path,
    *,
    engine: Engine | None,
    catalogue: Catalogue,
    actor: Actor,
    municipality: str | None = None,
    dry_run: bool = False,
    accept_valid_rows: bool = False,
    mappings: dict[str, str] | None = None,
) -> tuple[IngestResult, StoreResult | None]:
    """Read, validate and (unless a dry run) store one file; raises UnreadableFile when it cannot be read at all."""
    from analysis.ingest.readers import read_file

    wb = read_file(Path(path))
    if mappings is None and engine is not None:
        mappings = saved_mappings(engine)
    result = ingest_workbook(wb, catalogue=catalogue, municipality=municipality, mappings=mappings, actor=actor)
    if dry_run or engine is None:
        return result, None
    return result, store_result(engine, result, actor=actor, accept_valid_rows=accept_valid_rows)


__all__ = ["ingest_path", "saved_mappings", "store_result"]
