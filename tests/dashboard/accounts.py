"""The accounts the login tests log in as: a Cēsu editor and a national analyst, made by an administrator."""

from __future__ import annotations

from pathlib import Path

from analysis.access import Actor, Role
from analysis.accounts import add_account
from analysis.store import init_db, make_engine

ADMIN = Actor(name="cli:root", role=Role.ADMINISTRATOR)
PASSWORD = "correct horse battery staple"


def accounts_database(path: Path) -> str:
    """A new database at path with the two accounts; its URL."""
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    init_db(engine)
    add_account(engine, actor=ADMIN, name="cesis.editor", role="municipal_editor", municipalities=["LV0026000"],
                password=PASSWORD)
    add_account(engine, actor=ADMIN, name="bac.analyst", role="national_analyst", password=PASSWORD)
    engine.dispose()
    return url
