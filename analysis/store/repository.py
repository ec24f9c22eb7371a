"""Reading and writing uploads: every store is one transaction, history is append-only, the newest upload wins per key."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Iterable, Sequence

import pandas as pd
from sqlalchemy import Engine, and_, func, insert, select
from sqlalchemy.engine import Connection

from analysis.access import AccessDenied, Actor, require_municipalities, require_survey_rights
from analysis.store.audit import record_event
from analysis.store.engine import write_transaction
from analysis.store.schema import (
    current_values,
    custom_indicators,
    dataset_heads,
    observations,
    survey_responses,
    uploads,
)
from analysis.text import fold

OBSERVATION_FIELDS = (
    "municipality_code",
    "indicator",
    "year",
    "value",
    "count",
    "denominator",
    "status",
    "note",
    "sheet",
    "source_row",
)
KEY = ["municipality_code", "indicator", "year"]
WITHDRAWN = "withdrawn"
SURVEY_FIELDS = tuple(c.name for c in survey_responses.columns if c.name not in {"id", "upload_id"})
_CURRENT_VALUES_LOCK = 1_204_2026  # PostgreSQL advisory lock key of the current_values step


@dataclass(frozen=True)
class StoreResult:
    """What a store did: the new upload, or the earlier identical one it recognised."""

    upload_id: int
    duplicate: bool
    n_rows: int


def dataset_key(*, file_name: str, municipality_code: str | None = None) -> str:
    """The version series an upload belongs to: same file name (ignoring case, accents, dates in it) and municipality."""
    stem = re.sub(r"\.[A-Za-z0-9]{2,5}$", "", file_name.strip())
    stem = re.sub(r"[\s_\-.()]*(v\d+|\d{8}[-_]?\d{0,6}|\(\d+\))$", "", fold(stem))
    return f"{stem}|{municipality_code or ''}"


def _column_values(series: pd.Series) -> list[Any]:
    """Plain Python values with None for every kind of missing value, so the database holds NULL, never NaN."""
    if series.dtype.kind in "mM":  # dates: NaT stays NaT through to_numpy, so it is replaced after
        values = series.astype(object).where(series.notna(), None).tolist()
    else:
        values = series.to_numpy(dtype=object, na_value=None).tolist()
    if series.dtype == object and any(hasattr(t, "item") for t in set(map(type, values))):
        values = [v.item() if hasattr(v, "item") else v for v in values]  # numpy scalars the driver cannot bind
    return values


def _insert_frame(conn: Connection, table, frame: pd.DataFrame, fields: Sequence[str], upload_id: int) -> None:
    """Bulk insert at the driver's speed: PostgreSQL's COPY (psycopg 3), else executemany of prepared rows.

    SQLAlchemy's per-row parameter processing costs more than the insert itself at 50,000 rows, so rows go to the
    driver as plain tuples; the statements come from SQLAlchemy Core (executemany) or psycopg's sql composition
    (COPY), so no SQL is assembled from strings. A column that is empty in every row and would be NULL anyway is
    left out (binding it costs as much as a filled one). Rows are zipped as the driver takes them, never held as
    one list: a 500,000-value file would double in memory.
    """
    if frame is None or not len(frame):
        return
    columns = {c: _column_values(frame[c]) for c in fields if c in frame.columns}
    columns = {c: v for c, v in columns.items() if not _null_anyway(table.c[c], v)}
    columns["upload_id"] = [upload_id] * len(frame)
    driver = conn.connection.driver_connection
    if conn.dialect.name == "postgresql" and conn.dialect.driver == "psycopg":
        _copy(driver, table=table.name, columns=columns)
        return
    compiled = insert(table).compile(dialect=conn.dialect, column_keys=list(columns))
    order = compiled.positiontup if compiled.positional else None
    if order is not None:
        rows: Iterable[Any] = zip(*(columns[k] for k in order))
    else:
        keys = list(columns)
        rows = (dict(zip(keys, vals)) for vals in zip(*(columns[k] for k in keys)))
    cursor = driver.cursor()
    try:
        cursor.executemany(str(compiled), rows)
    finally:
        cursor.close()


def _null_anyway(column, values: list[Any]) -> bool:
    """True when leaving the column out stores the same: nullable, no default, and None in every row."""
    return (column.nullable and column.default is None and column.server_default is None
            and values.count(None) == len(values))


def _copy(driver, *, table: str, columns: dict[str, list[Any]]) -> None:
    """PostgreSQL COPY ... FROM STDIN through psycopg 3, in the connection's open transaction."""
    from psycopg import sql

    stmt = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(sql.Identifier(c) for c in columns)
    )
    with driver.cursor() as cursor, cursor.copy(stmt) as copy:
        for row in zip(*columns.values()):
            copy.write_row(row)


def find_upload_by_sha(conn: Connection, *, sha256: str, kind: str) -> int | None:
    """The upload in effect that holds exactly this file, in any series; None when it is not current anywhere."""
    row = conn.execute(
        select(dataset_heads.c.upload_id)
        .where(and_(dataset_heads.c.sha256 == sha256, dataset_heads.c.kind == kind))
        .order_by(dataset_heads.c.upload_id.desc())
    ).first()
    return int(row[0]) if row and row[0] is not None else None


def _lock_head(conn: Connection, *, kind: str, dataset: str):
    """Takes the series' lock row (made on first use) FOR UPDATE and returns it: (kind, dataset, upload_id, sha256)."""
    dialect_insert = _dialect_insert(conn)
    conn.execute(dialect_insert(dataset_heads).values(kind=kind, dataset=dataset).on_conflict_do_nothing())
    where = and_(dataset_heads.c.kind == kind, dataset_heads.c.dataset == dataset)
    return conn.execute(select(dataset_heads).where(where).with_for_update()).mappings().one()


def _set_head(conn: Connection, *, kind: str, dataset: str, upload_id: int, sha256: str) -> None:
    where = and_(dataset_heads.c.kind == kind, dataset_heads.c.dataset == dataset)
    conn.execute(dataset_heads.update().where(where).values(upload_id=upload_id, sha256=sha256))


def _dialect_insert(conn: Connection):
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert


def store_upload(
    engine: Engine,
    *,
    file_name: str,
    sha256: str,
    size_bytes: int,
    actor: Actor,
    rows: pd.DataFrame | None = None,
    survey: pd.DataFrame | None = None,
    kind: str = "indicators",
    dataset: str | None = None,
    note: str | None = None,
    custom_labels: Sequence[str] = (),
    label_mappings: dict[str, str] | None = None,
) -> StoreResult:
    """Stores an upload and its rows atomically; the file already in effect (by sha256) is recognised, not duplicated.

    Stores of one series are serialised on its head row, so concurrent stores of one file give one upload. A file
    that is no longer current (a restore went back past it) is stored again as a new version and becomes current.

    Unmatched indicator labels and the user's label → catalogue mappings are remembered in the same transaction,
    so next year's file with the same labels needs no mapping again. The actor must look after every municipality
    in the rows (a survey: be a national analyst), else AccessDenied and nothing is written.
    """
    try:
        _require_rights(actor, rows=rows, survey=survey, kind=kind)
    except AccessDenied as exc:
        record_event(engine, actor=actor, action="refused", file_name=file_name, detail=exc.en)
        raise
    dataset = dataset or dataset_key(file_name=file_name)
    with write_transaction(engine) as conn:
        head = _lock_head(conn, kind=kind, dataset=dataset)
        earlier = head["upload_id"] if head["sha256"] == sha256 else find_upload_by_sha(conn, sha256=sha256, kind=kind)
        if earlier is not None:
            return StoreResult(upload_id=int(earlier), duplicate=True, n_rows=0)
        n_rows = (0 if rows is None else len(rows)) + (0 if survey is None else len(survey))
        upload_id = conn.execute(
            insert(uploads).values(
                file_name=file_name,
                sha256=sha256,
                size_bytes=size_bytes,
                uploaded_at=datetime.now(timezone.utc),
                uploader=actor.name,
                status="stored",
                kind=kind,
                dataset=dataset,
                n_rows=n_rows,
                note=note,
            )
        ).inserted_primary_key[0]
        _set_head(conn, kind=kind, dataset=dataset, upload_id=upload_id, sha256=sha256)
        _insert_frame(conn, observations, rows, OBSERVATION_FIELDS, upload_id)
        _keep_current(conn, upload_id=upload_id, unique_keys=rows is None or not rows.duplicated(KEY).any())
        _insert_frame(conn, survey_responses, survey, SURVEY_FIELDS, upload_id)
        _remember_labels(conn, custom_labels=custom_labels, mappings=label_mappings or {}, upload_id=upload_id)
        _audit_store(conn, actor=actor, kind=kind, file_name=file_name, upload_id=int(upload_id), n_rows=n_rows,
                     mappings=label_mappings or {})
        return StoreResult(upload_id=int(upload_id), duplicate=False, n_rows=n_rows)


def _audit_store(
    conn: Connection, *, actor: Actor, kind: str, file_name: str, upload_id: int, n_rows: int, mappings: dict[str, str]
) -> None:
    """The store's audit rows, inside its transaction: the upload confirmed and every label mapping it saved."""
    action = "survey" if kind == "survey" else "confirm"
    record_event(conn, actor=actor, action=action, file_name=file_name, upload_id=upload_id, detail=f"rows={n_rows}")
    for label, target in sorted(mappings.items()):
        record_event(conn, actor=actor, action="mapping", subject=label, file_name=file_name, upload_id=upload_id,
                     detail=f"-> {target}")


def _require_rights(actor: Actor, *, rows: pd.DataFrame | None, survey: pd.DataFrame | None, kind: str) -> None:
    if kind == "survey" or (survey is not None and len(survey)):
        require_survey_rights(actor)
    codes = rows["municipality_code"].unique().tolist() if rows is not None and len(rows) else []
    require_municipalities(actor, codes=codes)


def _remember_labels(
    conn: Connection, *, custom_labels: Sequence[str], mappings: dict[str, str], upload_id: int
) -> None:
    """Adds new custom labels (unresolved) and records each mapping the user made, newest choice winning."""
    wanted = {label: None for label in custom_labels} | dict(mappings)
    if not wanted:
        return
    known = {
        label: target
        for label, target in conn.execute(
            select(custom_indicators.c.label, custom_indicators.c.mapped_to).where(
                custom_indicators.c.label.in_(list(wanted))
            )
        )
    }
    new = [{"label": label, "mapped_to": target, "first_upload_id": upload_id}
           for label, target in wanted.items() if label not in known]
    if new:  # one executemany: a national file brings a thousand labels of its own
        conn.execute(insert(custom_indicators), new)
    for label, target in wanted.items():
        if label in known and target is not None and known[label] != target:
            conn.execute(
                custom_indicators.update().where(custom_indicators.c.label == label).values(mapped_to=target)
            )


def custom_labels(engine: Engine) -> pd.DataFrame:
    """Every indicator label that did not match the catalogue, and what users mapped it to (None while unresolved)."""
    cols = ["label", "mapped_to", "first_upload_id"]
    with engine.connect() as conn:
        return _frame(conn, select(custom_indicators).order_by(custom_indicators.c.label), cols)


def _frame(conn: Connection, stmt, columns: Iterable[str]) -> pd.DataFrame:
    result = conn.execute(stmt)
    return pd.DataFrame(result.fetchall(), columns=list(columns))


def current_observations(
    engine: Engine,
    *,
    municipality_codes: Sequence[str] | None = None,
    indicators: Sequence[str] | None = None,
) -> pd.DataFrame:
    """The value in effect for every key (the newest upload's row, unless it withdrew the key), from current_values.

    Its cost follows the values in effect, not the versions ever stored; one municipality reads its own key range.
    """
    cols = ["upload_id", *OBSERVATION_FIELDS]
    cv = current_values.c
    stmt = select(*[cv[c] for c in cols]).where(func.coalesce(cv.status, "") != WITHDRAWN)
    if municipality_codes is not None:
        stmt = stmt.where(cv.municipality_code.in_(list(municipality_codes)))
    if indicators is not None:
        stmt = stmt.where(cv.indicator.in_(list(indicators)))
    with engine.connect() as conn:
        frame = _frame(conn, stmt.order_by(cv.municipality_code, cv.indicator, cv.year), cols)
    return _typed(frame)


def _keep_current(conn: Connection, *, upload_id: int, unique_keys: bool) -> None:
    """Makes the upload's rows the values in effect for their keys, in the caller's transaction.

    A key stays with a newer upload that committed first (uploads of other datasets store concurrently); within
    one upload the last row of a key wins. On PostgreSQL the step takes one transaction lock, so two uploads
    sharing keys cannot deadlock on them (SQLite's write lock already serialises writers).
    """
    if conn.dialect.name == "postgresql":
        conn.execute(select(func.pg_advisory_xact_lock(_CURRENT_VALUES_LOCK)))
    o = observations.c
    cols = ["municipality_code", "indicator", "year", "upload_id", *OBSERVATION_FIELDS[3:]]
    rows = select(*[o[c] for c in cols]).where(o.upload_id == upload_id)
    if not unique_keys:
        rows = rows.where(o.id.in_(select(func.max(o.id)).where(o.upload_id == upload_id).group_by(*[o[k] for k in KEY])))
    stmt = _dialect_insert(conn)(current_values).from_select(cols, rows)
    stmt = stmt.on_conflict_do_update(
        index_elements=KEY,
        set_={c: stmt.excluded[c] for c in cols if c not in KEY},
        where=current_values.c.upload_id < stmt.excluded.upload_id,
    )
    conn.execute(stmt)


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    for c in ("value", "count", "denominator"):
        frame[c] = pd.to_numeric(frame[c], errors="coerce").astype("float64")
    frame["year"] = frame["year"].astype("int64")
    frame["upload_id"] = frame["upload_id"].astype("int64")
    return frame


def upload_observations(engine: Engine, *, upload_id: int) -> pd.DataFrame:
    cols = ["upload_id", *OBSERVATION_FIELDS]
    stmt = select(*[observations.c[c] for c in cols]).where(observations.c.upload_id == upload_id)
    with engine.connect() as conn:
        return _typed(_frame(conn, stmt.order_by(observations.c.id), cols))


def list_uploads(engine: Engine, *, kind: str | None = None) -> pd.DataFrame:
    """Every upload, newest first, with its version number inside its dataset."""
    cols = [c.name for c in uploads.columns]
    stmt = select(uploads).order_by(uploads.c.id.desc())
    if kind is not None:
        stmt = stmt.where(uploads.c.kind == kind)
    with engine.connect() as conn:
        frame = _frame(conn, stmt, cols)
    if len(frame):
        frame["version"] = frame.groupby("dataset")["id"].rank(method="first").astype(int)
    else:
        frame["version"] = pd.Series(dtype="int64")
    return frame


def previous_version(engine: Engine, *, upload_id: int) -> int | None:
    """The upload before this one in the same dataset, for 'what changed' views."""
    with engine.connect() as conn:
        row = conn.execute(select(uploads.c.dataset, uploads.c.kind).where(uploads.c.id == upload_id)).first()
        if row is None:
            return None
        prev = conn.execute(
            select(func.max(uploads.c.id)).where(
                and_(uploads.c.dataset == row[0], uploads.c.kind == row[1], uploads.c.id < upload_id)
            )
        ).scalar()
    return int(prev) if prev is not None else None


def diff_uploads(engine: Engine, *, upload_id: int, previous_id: int) -> pd.DataFrame:
    """Keys added, removed or changed between two uploads (value, count, denominator or status)."""
    new = upload_observations(engine, upload_id=upload_id)
    old = upload_observations(engine, upload_id=previous_id)
    fields = ["value", "count", "denominator", "status"]
    merged = old[KEY + fields].merge(
        new[KEY + fields], on=KEY, how="outer", suffixes=("_old", "_new"), indicator=True
    )
    change = pd.Series("unchanged", index=merged.index)
    change[merged["_merge"] == "left_only"] = "removed"
    change[merged["_merge"] == "right_only"] = "added"
    both = merged["_merge"] == "both"
    differs = pd.Series(False, index=merged.index)
    for f in fields:
        a, b = merged[f"{f}_old"], merged[f"{f}_new"]
        differs |= ~((a == b) | (a.isna() & b.isna()))
    change[both & differs] = "changed"
    merged["change"] = change
    merged = merged.drop(columns="_merge")
    return merged[merged["change"] != "unchanged"].sort_values(KEY).reset_index(drop=True)


def restore_upload(engine: Engine, *, upload_id: int, actor: Actor) -> StoreResult:
    """Makes an earlier upload's values current again, as a new upload, so history stays append-only.

    Keys that later versions of the same dataset added, and this version lacked, are withdrawn. The actor must
    look after every municipality the dataset's versions touch; a refusal is written to the audit log.
    """
    try:
        return _restore(engine, upload_id=upload_id, actor=actor)
    except AccessDenied as exc:  # the write transaction is over (rolled back): the refusal gets its own
        record_event(engine, actor=actor, action="refused", upload_id=upload_id, detail=f"restore: {exc.en}")
        raise


def _restore(engine: Engine, *, upload_id: int, actor: Actor) -> StoreResult:
    with write_transaction(engine) as conn:
        src = conn.execute(select(uploads).where(uploads.c.id == upload_id)).mappings().first()
        if src is None:
            raise LookupError(f"upload {upload_id} not found")
        _lock_head(conn, kind=src["kind"], dataset=src["dataset"])
        cols = ["upload_id", *OBSERVATION_FIELDS]
        rows = _frame(
            conn, select(*[observations.c[c] for c in cols]).where(observations.c.upload_id == upload_id), cols
        )
        later_ids = [
            r[0]
            for r in conn.execute(
                select(uploads.c.id).where(
                    and_(uploads.c.dataset == src["dataset"], uploads.c.kind == src["kind"], uploads.c.id > upload_id)
                )
            )
        ]
        later = _frame(
            conn,
            select(*[observations.c[c] for c in KEY]).where(observations.c.upload_id.in_(later_ids)).distinct(),
            KEY,
        )
        touched = pd.concat([rows["municipality_code"], later["municipality_code"]]).unique().tolist()
        if src["kind"] == "survey":
            require_survey_rights(actor)
        require_municipalities(actor, codes=touched)
        gone = later.merge(rows[KEY].drop_duplicates(), on=KEY, how="left", indicator=True)
        gone = gone[gone["_merge"] == "left_only"].drop(columns="_merge")
        gone["status"] = WITHDRAWN
        new_id = conn.execute(
            insert(uploads).values(
                file_name=src["file_name"],
                sha256=src["sha256"],
                size_bytes=src["size_bytes"],
                uploaded_at=datetime.now(timezone.utc),
                uploader=actor.name,
                status="restore",
                kind=src["kind"],
                dataset=src["dataset"],
                restored_from=upload_id,
                n_rows=len(rows),
                note=src["note"],
            )
        ).inserted_primary_key[0]
        _insert_frame(conn, observations, rows, OBSERVATION_FIELDS, new_id)
        _insert_frame(conn, observations, gone, OBSERVATION_FIELDS, new_id)
        _keep_current(conn, upload_id=new_id, unique_keys=not rows.duplicated(KEY).any())
        _set_head(conn, kind=src["kind"], dataset=src["dataset"], upload_id=new_id, sha256=src["sha256"])
        record_event(conn, actor=actor, action="restore", file_name=src["file_name"], upload_id=int(new_id),
                     detail=f"restored_from={upload_id}; rows={len(rows)}")
        if src["kind"] == "survey":
            srows = _frame(
                conn,
                select(*[survey_responses.c[c] for c in SURVEY_FIELDS]).where(
                    survey_responses.c.upload_id == upload_id
                ),
                SURVEY_FIELDS,
            )
            _insert_frame(conn, survey_responses, srows, SURVEY_FIELDS, new_id)
        return StoreResult(upload_id=int(new_id), duplicate=False, n_rows=len(rows))


def data_version(engine: Engine) -> int:
    """A number that changes whenever anything is stored: the key for every dashboard cache."""
    with engine.connect() as conn:
        return int(conn.execute(select(func.coalesce(func.max(uploads.c.id), 0))).scalar())


def current_survey(engine: Engine, *, survey_year: int | None = None) -> pd.DataFrame:
    """Each municipality's answer in each survey round, from the newest upload that covers it."""
    ranked = select(
        survey_responses,
        func.row_number()
        .over(
            partition_by=[survey_responses.c.survey_year, survey_responses.c.municipality_code],
            order_by=survey_responses.c.upload_id.desc(),
        )
        .label("rank"),
    )
    if survey_year is not None:
        ranked = ranked.where(survey_responses.c.survey_year == survey_year)
    sub = ranked.subquery()
    cols = ["upload_id", *SURVEY_FIELDS]
    stmt = (
        select(*[sub.c[c] for c in cols])
        .where(sub.c.rank == 1)
        .order_by(sub.c.survey_year, sub.c.municipality_code)
    )
    with engine.connect() as conn:
        return _frame(conn, stmt, cols)
