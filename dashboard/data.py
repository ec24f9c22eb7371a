"""The cache door between the pages and analysis/: the engine, the data version (read once per rerun), the cached calls.

Every result is shared by all sessions and keyed on (database, data version): 25 sessions on one municipality cost
one computation. What a number means is decided in analysis.views; the pages only put it into words and charts.
"""

from __future__ import annotations

import functools

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from analysis import store as db
from analysis import views
from analysis.access import Actor
from analysis.catalogue import Catalogue
from analysis.catalogue import catalogue as load_catalogue
from analysis.coverage.figures import status_changes
from analysis.ingest import template_bytes
from analysis.paths import database_url
from analysis.publish import analysis_for, view_of, viewer_of
from analysis.sample import SAMPLE_UPLOADER
from analysis.stats import methods_text as stats_methods_text

VERSION_KEY = "_data_key"
VIEWER_KEY = "_data_viewer"
VIEW_MARK = "#view="  # appended to the database in every cache key: what this viewer may see is part of the key


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    """One engine per database, whichever view a cache key carries."""
    if VIEW_MARK in url:
        return _engine(url.split(VIEW_MARK)[0])
    engine = db.make_engine(url)
    db.init_db(engine)
    return engine


def engine() -> Engine:
    """The database the app was started with (DATABASE_URL or the SQLite file under var/), schema ready."""
    return _engine(database_url())


@st.cache_resource(show_spinner=False)
def catalogue() -> Catalogue:
    """The catalogue is immutable data files: loaded once per process."""
    return load_catalogue()


def begin_run() -> tuple[str, int]:
    """Reads the data version once for this rerun (the router calls it first); a store or restore reads it again."""
    st.session_state[VERSION_KEY] = (database_url(), db.data_version(engine()))
    return st.session_state[VERSION_KEY]


def set_viewer(actor: Actor) -> None:
    """The router says who is looking: every cached view then holds only the figures this viewer may see."""
    st.session_state[VIEWER_KEY] = view_of(actor)


def key() -> tuple[str, int]:
    """What every cached result depends on: which database, what is stored in it at the start of this rerun, and
    what this viewer may see (so a public session never gets an analyst's cached figures)."""
    remembered = st.session_state.get(VERSION_KEY)
    url, version = remembered if remembered and remembered[0] == database_url() else begin_run()
    return f"{url}{VIEW_MARK}{st.session_state.get(VIEWER_KEY, 'public')}", version


def versioned(*, resource: bool = False, **options):
    """A cached call keyed on (database, data version) first; `.at(url, version, ...)` is the call inside others."""
    def wrap(fn):
        cached = (st.cache_resource if resource else st.cache_data)(show_spinner=False, **options)(fn)

        @functools.wraps(fn)
        def call(*args, **kwargs):
            return cached(*key(), *args, **kwargs)

        call.at = cached
        return call
    return wrap


@versioned(max_entries=4)
def observations(url: str, version: int) -> pd.DataFrame:
    """The value in effect for every (municipality, indicator, year)."""
    return db.current_observations(_engine(url))


@versioned(max_entries=4)
def uploads(url: str, version: int) -> pd.DataFrame:
    """Every upload, newest first, with its version number in its dataset."""
    return db.list_uploads(_engine(url))


@versioned(max_entries=4)
def provenance(url: str, version: int) -> dict[str, int]:
    """How many current values come from the synthetic sample loader, for the 'sample data' banner."""
    obs, ups = observations.at(url, version), uploads.at(url, version)
    sample_ids = set(ups.loc[ups["uploader"] == SAMPLE_UPLOADER, "id"].astype(int))
    return {"rows": int(len(obs)), "sample_rows": int(obs["upload_id"].isin(sample_ids).sum()) if len(obs) else 0}


@versioned(resource=True, max_entries=4)
def analysis(url: str, version: int, window: int = 3):
    """Every trend, interval, benchmark and suppression flag, shared read-only (None before any data)."""
    obs = observations.at(url, version)
    if obs.empty:
        return None
    return analysis_for(obs, catalogue=catalogue(), actor=viewer_of(url.split(VIEW_MARK)[-1]), window=window)


@versioned(resource=True, max_entries=128)
def profile(url: str, version: int, code: str, window: int = 3) -> views.profile.Profile:
    """One municipality's profile in codes, computed once per data version for every session."""
    return views.profile.profile(analysis.at(url, version, window), catalogue(), code=code)


@versioned(resource=True, max_entries=512)
def domain_series(url: str, version: int, code: str, domain_no: int, window: int = 3) -> views.profile.DomainSeries:
    """One domain's series for one municipality, computed when someone opens that domain."""
    return views.profile.domain_series(analysis.at(url, version, window), catalogue(), code=code, domain_no=domain_no)


@versioned(resource=True, max_entries=4)
def overview(url: str, version: int, window: int = 3) -> views.overview.Overview | None:
    a = analysis.at(url, version, window)
    return None if a is None else views.overview.overview(a, catalogue())


@versioned(resource=True, max_entries=64)
def indicator(url: str, version: int, indicator: str, year: int, members: tuple[str, ...] | None, window: int = 3):
    """One indicator among `members` (a tuple, None = all), computed once for every session."""
    return views.indicator.indicator(analysis.at(url, version, window), catalogue(), indicator=indicator, year=year,
                                    members=list(members) if members is not None else None)


@versioned(max_entries=4)
def values_by_year(url: str, version: int) -> pd.DataFrame:
    """Municipality code × year: how many values are stored (the first answer to 'what data do we have')."""
    return views.overview.values_by_year(observations.at(url, version))


@versioned(max_entries=4)
def survey(url: str, version: int) -> pd.DataFrame:
    """Every municipality's answer in every survey round (newest upload wins)."""
    return db.current_survey(_engine(url))


@versioned(resource=True, max_entries=8)
def coverage(url: str, version: int, year: int | None = None):
    """The BAC report's figures for one survey round (the latest by default), or None without survey data."""
    frame = survey.at(url, version)
    rounds = views.coverage.rounds(frame)
    return views.coverage.figures(frame, catalogue(), year=year or rounds[0]) if rounds else None


@versioned(max_entries=8)
def coverage_change(url: str, version: int, year: int) -> tuple[int, dict[str, int]] | None:
    """The previous survey round and the change in counts since it ({status: change}), if any."""
    return views.coverage.change_since_previous(survey.at(url, version), year=int(year))


@versioned(max_entries=4)
def coverage_status_changes(url: str, version: int) -> pd.DataFrame:
    """Municipalities whose programme status changed between rounds (codes)."""
    return status_changes(survey.at(url, version), catalogue=catalogue())


@versioned(max_entries=2)
def tidy_data(url: str, version: int) -> pd.DataFrame:
    """Every current value with names, units and its source upload: one row per municipality, indicator, year."""
    return views.downloads.tidy(observations.at(url, version), uploads.at(url, version), catalogue())


@versioned(max_entries=32)
def upload_diff(url: str, version: int, upload_id: int) -> pd.DataFrame | None:
    """What an upload changed against the previous version of the same dataset (None for a first version)."""
    previous = db.previous_version(_engine(url), upload_id=upload_id)
    return None if previous is None else db.diff_uploads(_engine(url), upload_id=upload_id, previous_id=previous)


@st.cache_data(show_spinner=False)
def indicator_table() -> pd.DataFrame:
    return views.downloads.indicator_table(catalogue())


@st.cache_data(show_spinner=False)
def methods_text(lang: str) -> str:
    return stats_methods_text(lang)


@st.cache_data(show_spinner=False)
def upload_template() -> bytes:
    """The empty upload workbook, built once per process."""
    return template_bytes(catalogue=catalogue())
