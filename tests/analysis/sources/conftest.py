"""Fixtures: a loopback PxWeb server with the synthetic tables, a national analyst, and the catalogues."""

from __future__ import annotations

import pytest

from analysis.access import Actor, Role
from analysis.catalogue import catalogue
from analysis.catalogue.sources import sources
from tests.analysis.sources.pxweb_server import PxWebServer
from tests.analysis.sources.tables import ids031, ird041


@pytest.fixture
def server():
    """Given the portal on loopback serving IRD041 and IDS031, with a 3,000-cell limit it publishes in ?config."""
    with PxWebServer([ird041(), ids031()], published_cells=3000) as srv:
        yield srv


@pytest.fixture
def analyst() -> Actor:
    return Actor(name="analītiķe", role=Role.NATIONAL_ANALYST)


@pytest.fixture
def cats():
    return catalogue(), sources()
