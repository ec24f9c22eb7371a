"""Shared fixtures: a real SQLite database per test, the catalogue, and paths to shared test material."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from analysis.catalogue import catalogue as project_catalogue
from analysis.store import init_db, make_engine

pytest_plugins = ["tests.strict_skips"]

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
REALDATA = SHARED / "realdata"


@pytest.fixture
def engine(tmp_path):
    """Given a fresh, initialised SQLite database file."""
    eng = make_engine(f"sqlite:///{tmp_path / 'test.sqlite'}")
    init_db(eng)
    yield eng
    eng.dispose()


@pytest.fixture(scope="session")
def postgres_server():
    """A real PostgreSQL server for the whole run (one per parallel worker), or a clean skip where none can be
    started."""
    from tests.pg import postgres_url

    with postgres_url(os.environ.get("PYTEST_XDIST_WORKER")) as url:
        if url is None:
            pytest.skip("PostgreSQL nav pieejams / not available (set TEST_POSTGRES_URL or install postgresql)")
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_engine(request, tmp_path):
    """Given a fresh database of each supported kind: the same code must work on SQLite and PostgreSQL."""
    if request.param == "sqlite":
        eng = make_engine(f"sqlite:///{tmp_path / 'test.sqlite'}")
    else:
        from sqlalchemy import text

        url = request.getfixturevalue("postgres_server")
        eng = make_engine(url)
        with eng.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    init_db(eng)
    yield eng
    eng.dispose()


@pytest.fixture(scope="session")
def cat():
    return project_catalogue()


@pytest.fixture(scope="session")
def realdata() -> Path:
    """The shared real files; tests that need them skip cleanly when ../shared is absent."""
    if not REALDATA.is_dir():
        pytest.skip("../shared/realdata nav pieejams / not available")
    return REALDATA



# a browser module whose tests may run on two parallel workers at once, each with its own server and Chromium: the
# journeys (the longest module), split by the language of their tab (the id "lv-desktop"); every other module's
# tests stay on one worker, as they share its module- and session-scoped servers, databases and Chromium
SPLIT = {"tests/dashboard/test_journeys_browser.py": re.compile(r"\[(lv|en)-")}


def _scope(nodeid: str) -> str:
    """The unit of work a parallel worker takes whole: the test's module, or the part of a split module."""
    module, _, rest = nodeid.partition("::")
    part = SPLIT[module].search(rest) if module in SPLIT else None
    return f"{module}:{part.group(1)}" if part else module


def pytest_xdist_make_scheduler(config, log):
    """`--dist loadscope` with modules as units, the journeys in two (xdist's own loadgroup cannot be used: it
    renames node ids, which pytest 9 no longer lets it do), handed out in collection order: the browser modules,
    the longest, first (see below)."""
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ModuleScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return _scope(nodeid)

    config.option.loadscopereorder = False
    return ModuleScheduling(config, log)


def pytest_collection_modifyitems(config, items):
    """Tests that start a PostgreSQL server or drive Chromium are marked so `make test-fast` can leave them out.
    Under pytest-xdist the browser tests are collected first, the journeys first of all: they are the longest, and
    a long module handed out last would be waited for alone."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if "postgres_server" in names:
            item.add_marker(pytest.mark.postgres)
        if "browser" in names or "browser" in item.module.__name__.rsplit(".", 1)[-1]:
            item.add_marker(pytest.mark.browser)
    if os.environ.get("PYTEST_XDIST_WORKER"):  # stable sorts: a module's tests stay together, in their order
        items.sort(key=lambda item: item.nodeid.partition("::")[0] not in SPLIT)
        items.sort(key=lambda item: item.get_closest_marker("browser") is None)
