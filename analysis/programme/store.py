"""Programmes in the database: every save is a new attributed version, nothing is overwritten, rights are checked here.

A municipality's editors write its programmes; national analysts write any. Adopted programmes are public
documents (the guidance asks for that); drafts are shown only to those who may edit them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import Engine, func, insert, select

from analysis.access import AccessDenied, Actor, Role
from analysis.programme.model import Programme
from analysis.programme.validate import validate
from analysis.report import Report
from analysis.store import data_version, write_transaction
from analysis.store.schema import programme_versions, programmes


class ProgrammeInvalid(ValueError):
    """The record has structural errors; `report` lists every one of them."""

    def __init__(self, report: Report) -> None:
        super().__init__("; ".join(i.code for i in report.issues if i.severity == "error"))
        self.report = report


@dataclass(frozen=True)
class StoredProgramme:
    """One version of a programme as stored: who saved it, when, against which data."""

    id: int
    municipality_code: str
    version: int
    saved_at: datetime
    saved_by: str
    data_version: int | None
    note: str | None
    programme: Programme
    duplicate: bool = False


def may_edit(actor: Actor, *, municipality_code: str) -> bool:
    """National analysts edit every programme; an editor only their own municipality's."""
    if actor.role is Role.NATIONAL_ANALYST:
        return True
    return actor.role is Role.MUNICIPAL_EDITOR and municipality_code in actor.municipalities


def require_editor(actor: Actor, *, municipality_code: str) -> None:
    if not may_edit(actor, municipality_code=municipality_code):
        raise AccessDenied(
            lv=f"Lietotājs '{actor.name}' (loma: {actor.role.value}) nedrīkst rakstīt pašvaldības {municipality_code} "
            "programmu.",
            en=f"User '{actor.name}' (role: {actor.role.value}) may not write the programme of {municipality_code}.",
        )


def _payload(programme: Programme) -> str:
    return json.dumps(programme.to_dict(), ensure_ascii=False, sort_keys=True)


def save_programme(
    engine: Engine,
    *,
    actor: Actor,
    programme: Programme,
    catalogue,
    programme_id: int | None = None,
    note: str | None = None,
) -> StoredProgramme:
    """Appends a version (a new programme when `programme_id` is None); the same content twice adds nothing."""
    require_editor(actor, municipality_code=programme.municipality_code)
    report = validate(programme, catalogue=catalogue)
    if not report.valid:
        raise ProgrammeInvalid(report)
    payload = _payload(programme)
    version_of_data = data_version(engine)
    now = datetime.now(timezone.utc)
    with write_transaction(engine) as conn:
        if programme_id is None:
            programme_id = conn.execute(
                insert(programmes).values(
                    municipality_code=programme.municipality_code, created_at=now, created_by=actor.name
                )
            ).inserted_primary_key[0]
            last = None
        else:
            owner = conn.execute(
                select(programmes.c.municipality_code).where(programmes.c.id == programme_id)
            ).scalar()
            if owner is None:
                raise KeyError(f"programme {programme_id} does not exist")
            require_editor(actor, municipality_code=owner)
            if owner != programme.municipality_code:
                raise AccessDenied(
                    lv=f"Programma {programme_id} pieder pašvaldībai {owner}; to nevar pārcelt uz citu.",
                    en=f"Programme {programme_id} belongs to {owner}; it cannot be moved to another municipality.",
                )
            last = conn.execute(
                select(programme_versions)
                .where(programme_versions.c.programme_id == programme_id)
                .order_by(programme_versions.c.version.desc())
                .limit(1)
            ).mappings().first()
        if last is not None and last["payload"] == payload:
            return _stored(last, municipality_code=programme.municipality_code, duplicate=True)
        version = (last["version"] + 1) if last is not None else 1
        values = dict(
            programme_id=int(programme_id), version=version, saved_at=now, saved_by=actor.name,
            data_version=version_of_data, note=note, payload=payload,
        )
        conn.execute(insert(programme_versions).values(**values))
    return StoredProgramme(
        id=int(programme_id), municipality_code=programme.municipality_code, version=version, saved_at=now,
        saved_by=actor.name, data_version=version_of_data, note=note, programme=programme,
    )


def _stored(row, *, municipality_code: str, duplicate: bool = False) -> StoredProgramme:
    saved_at = row["saved_at"]
    if saved_at is not None and saved_at.tzinfo is None:  # SQLite hands back naive UTC
        saved_at = saved_at.replace(tzinfo=timezone.utc)
    return StoredProgramme(
        id=int(row["programme_id"]), municipality_code=municipality_code, version=int(row["version"]),
        saved_at=saved_at, saved_by=row["saved_by"], data_version=row["data_version"], note=row["note"],
        programme=Programme.from_dict(json.loads(row["payload"])), duplicate=duplicate,
    )


def _visible(actor: Actor, stored: StoredProgramme) -> bool:
    return stored.programme.status == "adopted" or may_edit(actor, municipality_code=stored.municipality_code)


def latest_programmes(
    engine: Engine, *, actor: Actor, municipality_code: str | None = None
) -> list[StoredProgramme]:
    """The newest version of every programme the actor may see (adopted ones for everybody, drafts for editors)."""
    newest = (
        select(programme_versions.c.programme_id, func.max(programme_versions.c.version).label("version"))
        .group_by(programme_versions.c.programme_id)
        .subquery()
    )
    query = (
        select(programme_versions, programmes.c.municipality_code)
        .join(newest, (newest.c.programme_id == programme_versions.c.programme_id)
              & (newest.c.version == programme_versions.c.version))
        .join(programmes, programmes.c.id == programme_versions.c.programme_id)
        .order_by(programmes.c.municipality_code, programme_versions.c.programme_id)
    )
    if municipality_code is not None:
        query = query.where(programmes.c.municipality_code == municipality_code)
    with engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    found = [_stored(r, municipality_code=r["municipality_code"]) for r in rows]
    return [s for s in found if _visible(actor, s)]


def programme_history(engine: Engine, *, programme_id: int, actor: Actor) -> list[StoredProgramme]:
    """Every version of one programme, oldest first: who changed what and when."""
    query = (
        select(programme_versions, programmes.c.municipality_code)
        .join(programmes, programmes.c.id == programme_versions.c.programme_id)
        .where(programme_versions.c.programme_id == programme_id)
        .order_by(programme_versions.c.version)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    found = [_stored(r, municipality_code=r["municipality_code"]) for r in rows]
    if found and not may_edit(actor, municipality_code=found[0].municipality_code):
        found = [s for s in found if s.programme.status == "adopted"]
    return found


def adopted_programmes(engine: Engine) -> list[StoredProgramme]:
    """The newest adopted version of every programme: a draft revision does not hide what the council adopted."""
    query = (
        select(programme_versions, programmes.c.municipality_code)
        .join(programmes, programmes.c.id == programme_versions.c.programme_id)
        .order_by(programme_versions.c.programme_id, programme_versions.c.version.desc())
    )
    found: dict[int, StoredProgramme] = {}
    with engine.connect() as conn:
        for row in conn.execute(query).mappings():
            if row["programme_id"] in found:
                continue
            stored = _stored(row, municipality_code=row["municipality_code"])
            if stored.programme.status == "adopted":
                found[stored.id] = stored
    return list(found.values())
