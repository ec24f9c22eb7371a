"""A small, fixed indicator catalogue for the statistics tests (real domains and municipalities)."""

from __future__ import annotations

import pytest

from analysis.catalogue import load_catalogue
from tests.analysis.stats.parameters import write_catalogue


@pytest.fixture(scope="session")
def scat(tmp_path_factory):
    """Given a small catalogue: 9 indicators of every kind and polarity, the real 43 municipalities."""
    target = tmp_path_factory.mktemp("catalogue")
    write_catalogue(target)
    return load_catalogue(target)
