"""The views are read on the real sample, analysed the way the dashboard does (one database per session)."""

from __future__ import annotations

import pytest

from analysis.catalogue import catalogue as project_catalogue
from analysis.paths import SAMPLE_DIR
from analysis.sample import load_sample
from analysis.stats import analyse
from analysis.store import current_observations, current_survey, init_db, make_engine


@pytest.fixture(scope="session")
def sample(tmp_path_factory):
    """Given the synthetic sample loaded through ingest: (analysis, catalogue, survey frame)."""
    if not (SAMPLE_DIR / "national_long_sintetiski.csv").exists():
        pytest.fail("the committed sample is missing: run `make sample`")
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('views') / 'sample.sqlite'}")
    init_db(engine)
    load_sample(engine)
    obs, survey = current_observations(engine), current_survey(engine)
    engine.dispose()
    cat = project_catalogue()
    return analyse(obs, catalogue=cat, window=3), cat, survey
