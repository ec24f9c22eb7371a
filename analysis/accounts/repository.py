"""The accounts table: who may log in, with which role and municipalities; every change is audited in its transaction."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable

from sqlalchemy import Engine, func, insert, select
from sqlalchemy.engine import Connection

from analysis.access import Actor, Role, require_account_manager
from analysis.accounts.errors import AccountError
from analysis.accounts.passwords import hash_password
from analysis.store import write_transaction
from analysis.store.audit import record_event
from analysis.store.schema import account_municipalities, accounts

_NAME = re.compile(r"^[\w.@-]{2,64}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
LOGIN_ROLES = (Role.MUNICIPAL_EDITOR, Role.NATIONAL_ANALYST, Role.ADMINISTRATOR)


@dataclass(frozen=True)
class Account:
    """An account as anyone may see it: never its password hash, only whether it has one."""

    name: str
    role: Role
    municipalities: tuple[str, ...]
    email: str | None
    disabled: bool
    has_password: bool
    created_at: datetime
    created_by: str

    def actor(self) -> Actor:
        return Actor(name=self.name, role=self.role, municipalities=frozenset(self.municipalities))


def normalise_name(name: str) -> str:
    """Account names are compared folded to lower case, surrounding spaces ignored."""
    return (name or "").strip().casefold()


def normalise_email(email: str) -> str:
    return (email or "").strip().casefold()


def _check_name(name: str) -> str:
    folded = normalise_name(name)
    if not _NAME.match(folded):
        raise AccountError(
            lv="Konta nosaukumā drīkst būt 2–64 burti, cipari un zīmes . _ - @ (bez atstarpēm).",
            en="An account name has 2–64 letters, digits and . _ - @ (no spaces).",
        )
    return folded


def _check_role(role: str | Role, municipalities: Iterable[str]) -> tuple[Role, tuple[str, ...]]:
    try:
        role = Role(role)
    except ValueError:
        role = None
    if role not in LOGIN_ROLES:
        names = ", ".join(r.value for r in LOGIN_ROLES)
        raise AccountError(lv=f"Lomai jābūt vienai no: {names}.", en=f"The role must be one of: {names}.")
    codes = tuple(sorted(set(municipalities)))
    if role is Role.MUNICIPAL_EDITOR and not codes:
        raise AccountError(
            lv="Pašvaldības redaktoram jānorāda vismaz viena pašvaldība (--municipality).",
            en="A municipal editor needs at least one municipality (--municipality).",
        )
    if role is not Role.MUNICIPAL_EDITOR and codes:
        raise AccountError(
            lv="Pašvaldības norāda tikai pašvaldības redaktoram.",
            en="Municipalities are given to municipal editors only.",
        )
    return role, codes


def add_account(
    engine: Engine,
    *,
    actor: Actor,
    name: str,
    role: str | Role,
    municipalities: Iterable[str] = (),
    password: str | None = None,
    email: str | None = None,
) -> Account:
    """Creates an account; it needs a password (local login) or an e-mail (OIDC login), and no default exists."""
    require_account_manager(actor)
    folded = _check_name(name)
    role, codes = _check_role(role, municipalities)
    mail = normalise_email(email) if email else None
    if mail is not None and not _EMAIL.match(mail):
        raise AccountError(lv="E-pasta adrese nav derīga.", en="The e-mail address is not valid.")
    if password is None and mail is None:
        raise AccountError(
            lv="Kontam vajag paroli (--password-stdin) vai e-pastu OIDC pieteikšanās vajadzībām (--email).",
            en="An account needs a password (--password-stdin) or an e-mail for OIDC login (--email).",
        )
    hashed = hash_password(password) if password is not None else None
    now = datetime.now(timezone.utc)
    with write_transaction(engine) as conn:
        if _row(conn, name=folded) is not None:
            raise AccountError(lv=f"Konts '{folded}' jau ir.", en=f"The account '{folded}' already exists.")
        if mail is not None and conn.execute(select(accounts.c.id).where(accounts.c.email == mail)).first():
            raise AccountError(lv="Šis e-pasts jau piesaistīts citam kontam.",
                               en="This e-mail already belongs to another account.")
        account_id = conn.execute(
            insert(accounts).values(
                name=folded, role=role.value, email=mail, password_hash=hashed, disabled=False, created_at=now,
                created_by=actor.name, password_changed_at=now if hashed else None,
            )
        ).inserted_primary_key[0]
        for code in codes:
            conn.execute(insert(account_municipalities).values(account_id=account_id, municipality_code=code))
        record_event(conn, actor=actor, action="account_add", subject=folded,
                     detail=f"role={role.value}; municipalities={';'.join(codes) or '-'}; "
                            f"password={'yes' if hashed else 'no'}; email={'yes' if mail else 'no'}")
    return find_account(engine, name=folded)


def _row(conn: Connection, *, name: str):
    return conn.execute(select(accounts).where(accounts.c.name == name)).mappings().first()


def _account(conn: Connection, row) -> Account:
    codes = conn.execute(
        select(account_municipalities.c.municipality_code)
        .where(account_municipalities.c.account_id == row["id"])
        .order_by(account_municipalities.c.municipality_code)
    ).scalars().all()
    return Account(
        name=row["name"], role=Role(row["role"]), municipalities=tuple(codes), email=row["email"],
        disabled=bool(row["disabled"]), has_password=row["password_hash"] is not None,
        created_at=row["created_at"], created_by=row["created_by"],
    )


def find_account(engine: Engine, *, name: str) -> Account | None:
    with engine.connect() as conn:
        row = _row(conn, name=normalise_name(name))
        return _account(conn, row) if row is not None else None


def find_account_by_email(engine: Engine, *, email: str) -> Account | None:
    mail = normalise_email(email)
    if not mail:
        return None
    with engine.connect() as conn:
        row = conn.execute(select(accounts).where(accounts.c.email == mail)).mappings().first()
        return _account(conn, row) if row is not None else None


def password_hash_of(engine: Engine, *, name: str) -> tuple[Account | None, str | None]:
    """For the login check only: the account and its stored hash (which leaves this package never)."""
    with engine.connect() as conn:
        row = _row(conn, name=normalise_name(name))
        if row is None:
            return None, None
        return _account(conn, row), row["password_hash"]


def list_accounts(engine: Engine, *, actor: Actor) -> list[Account]:
    require_account_manager(actor)
    with engine.connect() as conn:
        rows = conn.execute(select(accounts).order_by(accounts.c.name)).mappings().all()
        return [_account(conn, r) for r in rows]


def count_accounts(engine: Engine) -> int:
    """Every account ever made, disabled ones too: once there is one, login stays on (disabling all reopens nothing)."""
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(accounts)).scalar() or 0)


def _change(engine: Engine, *, actor: Actor, name: str, values: dict, action: str, detail: str | None = None) -> Account:
    require_account_manager(actor)
    folded = normalise_name(name)
    with write_transaction(engine) as conn:
        if _row(conn, name=folded) is None:
            raise AccountError(lv=f"Konta '{folded}' nav.", en=f"There is no account '{folded}'.")
        conn.execute(accounts.update().where(accounts.c.name == folded).values(**values))
        record_event(conn, actor=actor, action=action, subject=folded, detail=detail)
    return find_account(engine, name=folded)


def disable_account(engine: Engine, *, actor: Actor, name: str) -> Account:
    """The account can no longer log in, and its open sessions end at their next rerun."""
    return _change(engine, actor=actor, name=name, values={"disabled": True}, action="account_disable")


def enable_account(engine: Engine, *, actor: Actor, name: str) -> Account:
    return _change(engine, actor=actor, name=name, values={"disabled": False}, action="account_enable")


def set_password(engine: Engine, *, actor: Actor, name: str, password: str) -> Account:
    hashed = hash_password(password)
    return _change(engine, actor=actor, name=name, action="account_password",
                   values={"password_hash": hashed, "password_changed_at": datetime.now(timezone.utc)})

