"""Database tables (SQLAlchemy Core) shared by SQLite and PostgreSQL; every change to them is an Alembic revision."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

# round 1's own version marker, kept so that its databases stay recognisable; Alembic now keeps the version
schema_meta = Table(
    "schema_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", String(256), nullable=False),
)

uploads = Table(
    "uploads",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("file_name", String(512), nullable=False),
    Column("sha256", String(64), nullable=False, index=True),
    Column("size_bytes", BigInteger, nullable=False),
    Column("uploaded_at", DateTime(timezone=True), nullable=False),
    Column("uploader", String(256), nullable=False),
    # stored: values are in effect; restore: a copy of an earlier upload's values made current again
    Column("status", String(32), nullable=False),
    # indicators | survey
    Column("kind", String(32), nullable=False, server_default="indicators"),
    # a version series: uploads of the same dataset (normalised file name + municipality) share it
    Column("dataset", String(512), nullable=False),
    Column("restored_from", Integer, ForeignKey("uploads.id"), nullable=True),
    Column("n_rows", Integer, nullable=False, server_default="0"),
    Column("note", Text, nullable=True),
)

observations = Table(
    "observations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("upload_id", Integer, ForeignKey("uploads.id"), nullable=False),
    Column("municipality_code", String(16), nullable=False),
    Column("indicator", String(256), nullable=False),
    Column("year", Integer, nullable=False),
    Column("value", Float, nullable=True),
    Column("count", Float, nullable=True),
    Column("denominator", Float, nullable=True),
    # None | not_available | zero | confidential | estimate | withdrawn (the key has no current value)
    Column("status", String(32), nullable=True),
    Column("note", Text, nullable=True),
    Column("sheet", String(256), nullable=True),
    Column("source_row", Integer, nullable=True),
    Index("ix_observations_upload", "upload_id"),
)

survey_responses = Table(
    "survey_responses",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("upload_id", Integer, ForeignKey("uploads.id"), nullable=False),
    Column("survey_year", Integer, nullable=False),
    Column("municipality_code", String(16), nullable=False),
    # developed | in_other_documents | not_developed
    Column("programme_status", String(32), nullable=False),
    Column("up_to_date", Boolean, nullable=True),
    Column("start_year", Integer, nullable=True),
    Column("end_year", Integer, nullable=True),
    Column("open_ended", Boolean, nullable=False, server_default="0"),
    Column("conclusions", Boolean, nullable=False, server_default="0"),
    Column("action_plan", Boolean, nullable=False, server_default="0"),
    # complete | institutions_only | none
    Column("monitoring", String(32), nullable=False, server_default="none"),
    Column("children_views", Boolean, nullable=False, server_default="0"),
    # domain numbers covered, as ';'-joined text ("1;5;7")
    Column("domains", String(64), nullable=False, server_default=""),
    Column("comment", Text, nullable=True),
    Column("source_row", Integer, nullable=True),
    Index("ix_survey_year_muni", "survey_year", "municipality_code", "upload_id"),
)

custom_indicators = Table(
    "custom_indicators",
    metadata,
    Column("label", String(256), primary_key=True),
    # the catalogue id the user mapped this label to; None while unresolved
    Column("mapped_to", String(128), nullable=True),
    Column("first_upload_id", Integer, ForeignKey("uploads.id"), nullable=True),
)

# One row per fetch of one indicator from a statistics portal: when, from where, and what it stored (or not).
source_retrievals = Table(
    "source_retrievals",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", String(32), nullable=False),
    Column("table_id", String(32), nullable=False),
    Column("indicator", String(128), nullable=False),
    Column("url", Text, nullable=False),
    Column("retrieved_at", DateTime(timezone=True), nullable=False),
    # the portal's own "updated" time of the table, as it states it
    Column("table_updated", String(64), nullable=True),
    # stored | unchanged | restored | invalid | failed
    Column("outcome", String(16), nullable=False),
    Column("upload_id", Integer, ForeignKey("uploads.id"), nullable=True),
    Column("n_values", Integer, nullable=False, server_default="0"),
    Column("n_changes", Integer, nullable=False, server_default="0"),
    Column("actor", String(256), nullable=False),
    Column("message", Text, nullable=True),
    Index("ix_source_retrievals_indicator", "source", "indicator", "id"),
)

# --- programmes: one row per programme, its content as append-only versions --------------------------------

programmes = Table(
    "programmes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("municipality_code", String(16), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(256), nullable=False),
    Index("ix_programmes_municipality", "municipality_code"),
)

programme_versions = Table(
    "programme_versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("programme_id", Integer, ForeignKey("programmes.id"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("saved_at", DateTime(timezone=True), nullable=False),
    Column("saved_by", String(256), nullable=False),
    # the data version (analysis.store.data_version) the group saw when saving: pinned figures can be re-made
    Column("data_version", Integer, nullable=True),
    Column("note", Text, nullable=True),
    # the whole record in analysis.programme.model's JSON shape
    Column("payload", Text, nullable=False),
    UniqueConstraint("programme_id", "version", name="uq_programme_versions_version"),
)


# One row per version series (kind + dataset): the upload now in effect there and its file's sha256. Stores and
# restores lock this row (SELECT ... FOR UPDATE; SQLite's write lock), so one series changes one upload at a time.
dataset_heads = Table(
    "dataset_heads",
    metadata,
    Column("kind", String(32), nullable=False),
    Column("dataset", String(512), nullable=False),
    Column("upload_id", Integer, ForeignKey("uploads.id"), nullable=True),
    Column("sha256", String(64), nullable=True),
    PrimaryKeyConstraint("kind", "dataset", name="pk_dataset_heads"),
    Index("ix_dataset_heads_sha", "sha256", "kind"),
)


# --- accounts and the audit log (analysis.accounts manages them; analysis.store.audit writes the log) -------

# One row per person who may log in: a local password (argon2 hash, never the password) and/or an e-mail that an
# OIDC login maps to. Names and e-mails are stored folded to lower case, so 'Anna' and 'anna' are one account.
accounts = Table(
    "accounts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(128), nullable=False, unique=True),
    # analysis.access.Role values
    Column("role", String(32), nullable=False),
    Column("email", String(320), nullable=True, unique=True),
    Column("password_hash", String(256), nullable=True),
    Column("disabled", Boolean, nullable=False, server_default="0"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(256), nullable=False),
    Column("password_changed_at", DateTime(timezone=True), nullable=True),
)

# The municipalities (catalogue codes) a municipal editor looks after.
account_municipalities = Table(
    "account_municipalities",
    metadata,
    Column("account_id", Integer, ForeignKey("accounts.id"), nullable=False),
    Column("municipality_code", String(16), nullable=False),
    PrimaryKeyConstraint("account_id", "municipality_code", name="pk_account_municipalities"),
)

# Append-only: who did what, when, from which file. Failed logins are counted from here to throttle guessing, so
# the limit holds across reruns, restarts and replicas.
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    # who: the account name (or 'lokāli / local', 'cli:user'); for a failed login, the name typed
    Column("actor", String(256), nullable=False),
    Column("role", String(32), nullable=True),
    # login_success | login_failure | login_throttled | logout | upload | confirm | mapping | restore | survey |
    # account_add | account_disable | account_enable | account_password | refused
    Column("action", String(32), nullable=False),
    # what the action was about: an account name, a label mapping, a municipality
    Column("subject", String(512), nullable=True),
    Column("file_name", String(512), nullable=True),
    Column("upload_id", Integer, nullable=True),
    # the client's address as the server saw it (throttling per client)
    Column("client", String(64), nullable=True),
    Column("detail", Text, nullable=True),
    Index("ix_audit_log_action_subject_at", "action", "subject", "at"),
    Index("ix_audit_log_action_client_at", "action", "client", "at"),
)


# The value in effect for every key: the newest upload's row (a withdrawn key keeps its "withdrawn" row), kept in
# the same transaction as each store and restore, so reading today's values costs the same whatever the history.
# The key is the primary key, municipality first: one municipality's values are one index range.
current_values = Table(
    "current_values",
    metadata,
    Column("municipality_code", String(16), nullable=False),
    Column("indicator", String(256), nullable=False),
    Column("year", Integer, nullable=False),
    Column("upload_id", Integer, ForeignKey("uploads.id"), nullable=False),
    Column("value", Float, nullable=True),
    Column("count", Float, nullable=True),
    Column("denominator", Float, nullable=True),
    Column("status", String(32), nullable=True),
    Column("note", Text, nullable=True),
    Column("sheet", String(256), nullable=True),
    Column("source_row", Integer, nullable=True),
    PrimaryKeyConstraint("municipality_code", "indicator", "year", name="pk_current_values"),
    sqlite_with_rowid=False,  # SQLite keeps the rows in key order: a municipality's values are read in one range
)
