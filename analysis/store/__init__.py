"""The database: uploads, versioned observations and survey answers (SQLite by default, PostgreSQL alike)."""

from analysis.store.engine import SchemaVersionError, init_db, make_engine
from analysis.store.repository import (
    KEY,
    OBSERVATION_FIELDS,
    SURVEY_FIELDS,
    StoreResult,
    current_observations,
    current_survey,
    custom_labels,
    data_version,
    dataset_key,
    diff_uploads,
    find_upload_by_sha,
    list_uploads,
    previous_version,
    restore_upload,
    store_upload,
    upload_observations,
)

__all__ = [
    "KEY",
    "OBSERVATION_FIELDS",
    "SURVEY_FIELDS",
    "SchemaVersionError",
    "StoreResult",
    "current_observations",
    "current_survey",
    "custom_labels",
    "data_version",
    "dataset_key",
    "diff_uploads",
    "find_upload_by_sha",
    "init_db",
    "list_uploads",
    "make_engine",
    "previous_version",
    "restore_upload",
    "store_upload",
    "upload_observations",
]
