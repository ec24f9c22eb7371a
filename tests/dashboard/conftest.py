"""Fixtures for the dashboard tests: one sample database per session, an empty one per test."""

from __future__ import annotations

import pytest

from tests.dashboard.accounts import accounts_database
from tests.dashboard.apptest_util import NATIONAL_SAMPLE, build_sample_db, wait_for


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory) -> str:
    """Given the national synthetic sample loaded into a fresh SQLite file (its URL)."""
    if not wait_for(NATIONAL_SAMPLE, seconds=600):
        pytest.fail(f"{NATIONAL_SAMPLE} is missing: run `make sample` / paraugdati trūkst")
    return build_sample_db(tmp_path_factory.mktemp("dashboard") / "sample.sqlite")


@pytest.fixture
def empty_db(tmp_path) -> str:
    """Given a database with no uploads at all."""
    return f"sqlite:///{tmp_path / 'empty.sqlite'}"



@pytest.fixture
def accounts_db(tmp_path) -> str:
    """Given a database with a Cēsu editor and a national analyst (both with PASSWORD)."""
    return accounts_database(tmp_path / "accounts.sqlite")
