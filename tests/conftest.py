"""Shared fixtures: a real SQLite database per test, the catalogue, and paths to shared test material."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.catalogue import catalogue as project_catalogue
from analysis.store import init_db, make_engine

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
def cat():
    return project_catalogue()


@pytest.fixture(scope="session")
def realdata() -> Path:
    """The shared real files; tests that need them skip cleanly when ../shared is absent."""
    if not REALDATA.is_dir():
        pytest.skip("../shared/realdata nav pieejams / not available")
    return REALDATA
