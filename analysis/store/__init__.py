"""The database: uploads, versioned observations and survey answers (SQLite by default, PostgreSQL alike).

The repository needs pandas, so its names load when first asked for: the command line opens the database and asks
its first questions (:mod:`analysis.store.lookups`) while its parse is still reading, before pandas is loaded.
"""

from __future__ import annotations

from typing import Any

from analysis.store.engine import SchemaVersionError as SchemaVersionError
from analysis.store.engine import head_revision as head_revision
from analysis.store.engine import init_db as init_db
from analysis.store.engine import make_engine as make_engine
from analysis.store.engine import write_transaction as write_transaction
from analysis.store.lookups import current_upload_with_sha as current_upload_with_sha
from analysis.store.lookups import label_mappings as label_mappings

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

__all__ = sorted([
    "SchemaVersionError",
    "current_upload_with_sha",
    "head_revision",
    "init_db",
    "label_mappings",
    "make_engine",
    "write_transaction",
    *_REPOSITORY,
])


def __getattr__(name: str) -> Any:
    if name in _REPOSITORY:
        from analysis.store import repository

        return getattr(repository, name)
    raise AttributeError(f"module 'analysis.store' has no attribute {name!r}")
