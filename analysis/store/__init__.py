"""The database: uploads, versioned observations and survey answers (SQLite by default, PostgreSQL alike).

The repository needs pandas, so its names load when first asked for: the command line opens the database and asks
its first questions (:mod:`analysis.store.lookups`) while its parse is still reading, before pandas is loaded.
"""

from __future__ import annotations

from typing import Any

from analysis.store.engine import SchemaVersionError, head_revision, init_db, make_engine, write_transaction
from analysis.store.lookups import current_upload_with_sha, label_mappings

_REPOSITORY = (
    "KEY",
    "OBSERVATION_FIELDS",
    "SURVEY_FIELDS",
    "StoreResult",
    "current_observations",
    "current_survey",
    "custom_labels",
    "data_version",
    "dataset_key",
    "diff_uploads",
    "find_upload_by_sha",
    "list_uploads",
    "previous_version",
    "restore_upload",
    "store_upload",
    "upload_observations",
)

__all__ = [
    "KEY",
    "OBSERVATION_FIELDS",
    "SURVEY_FIELDS",
    "SchemaVersionError",
    "StoreResult",
    "current_observations",
    "current_upload_with_sha",
    "current_survey",
    "custom_labels",
    "data_version",
    "dataset_key",
    "diff_uploads",
    "find_upload_by_sha",
    "head_revision",
    "init_db",
    "label_mappings",
    "list_uploads",
    "make_engine",
    "previous_version",
    "restore_upload",
    "store_upload",
    "upload_observations",
    "write_transaction",
]


def __getattr__(name: str) -> Any:
    if name in _REPOSITORY:
        from analysis.store import repository

        return getattr(repository, name)
    raise AttributeError(f"module 'analysis.store' has no attribute {name!r}")
