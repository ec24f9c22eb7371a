"""Pages show each viewer what they may see: the published release when not logged in, everything to an analyst."""

from __future__ import annotations

import shutil
from pathlib import Path

from analysis.access import Actor, Role
from analysis.accounts import add_account
from analysis.store import make_engine
from tests.dashboard.apptest_util import run_page

ADMIN = Actor(name="admin", role=Role.ADMINISTRATOR)


def _small_cells(at) -> int:
    """How many '<5' cells the open domain's table shows."""
    return sum(str(v).startswith("<") for t in at.table for col in t.value.columns for v in t.value[col])


def test_the_public_gets_small_numbers_hidden_and_the_analyst_sees_them(sample_db, tmp_path):
    """Given the sample and a small municipality's 16 domains / When the person at the machine (a national analyst, no
    accounts yet) opens it, then the same database with an account (login on, not logged in) / Then the analyst's
    table shows counts the public one hides as '<5'."""
    source = Path(sample_db.removeprefix("sqlite:///"))
    local, shared = tmp_path / "local.sqlite", tmp_path / "with_accounts.sqlite"
    shutil.copy(source, local)
    shutil.copy(source, shared)
    engine = make_engine(f"sqlite:///{shared}")
    add_account(engine, actor=ADMIN, name="bac.analyst", role="national_analyst", password="a long enough secret")
    engine.dispose()
    every_domain = tuple(f"profile_domain_{no}" for no in range(1, 17))
    analyst = run_page("app_pages/profile.py", db_url=f"sqlite:///{local}", opened=every_domain, timeout=180)
    analyst.selectbox(key="profile_municipality").set_value("LV0036000").run()
    public = run_page("app_pages/profile.py", db_url=f"sqlite:///{shared}", opened=every_domain, timeout=180)
    public.selectbox(key="profile_municipality").set_value("LV0036000").run()
    assert not analyst.exception and not public.exception
    assert _small_cells(analyst) == 0
    assert _small_cells(public) > 0
