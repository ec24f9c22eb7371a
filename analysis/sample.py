"""Loads the synthetic sample into a database through the same ingestion path users take."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from analysis.access import Actor, Role
from analysis.paths import SAMPLE_DIR

SAMPLE_UPLOADER = "paraugdati / sample data"
# The sample covers every municipality and the survey rounds: it is loaded as a national analyst.
SAMPLE_ACTOR = Actor(name=SAMPLE_UPLOADER, role=Role.NATIONAL_ANALYST)
SAMPLE_FILES = (
    "national_long_sintetiski.csv",
    "survey_2022_sintetiski.xlsx",
    "survey_2024_sintetiski.xlsx",
)


def load_sample(engine: Engine, *, sample_dir: Path = SAMPLE_DIR) -> list[tuple[str, str]]:
    """Ingests each sample file once (re-running recognises them by sha256); returns (file, outcome) pairs."""
    from analysis.catalogue import catalogue
    from analysis.ingest import ingest_path

    outcomes: list[tuple[str, str]] = []
    for name in SAMPLE_FILES:
        path = sample_dir / name
        if not path.exists():
            outcomes.append((name, "missing"))
            continue
        result, stored = ingest_path(path, engine=engine, catalogue=catalogue(), actor=SAMPLE_ACTOR)
        if stored is None:
            outcomes.append((name, f"not stored: {result.report.count('error')} errors"))
        elif stored.duplicate:
            outcomes.append((name, "already loaded"))
        else:
            outcomes.append((name, f"stored as upload {stored.upload_id} ({stored.n_rows} rows)"))
    added, have = load_sample_programmes(engine)  # the programme records behind the 2024 survey
    outcomes.append(("programmes", f"{added} stored, {have} already there"))
    return outcomes


def load_sample_programmes(engine: Engine) -> tuple[int, int]:
    """(stored, already there): the synthetic programme records; municipalities that have one are skipped."""
    from analysis.catalogue import catalogue
    from analysis.programme.store import latest_programmes, save_programme
    from sample_municipalities.programmes import sample_programmes

    cat = catalogue()
    have = {s.municipality_code for s in latest_programmes(engine, actor=SAMPLE_ACTOR)}
    added = 0
    for p in sample_programmes(catalogue=cat):
        if p.municipality_code in have:
            continue
        save_programme(engine, actor=SAMPLE_ACTOR, programme=p, catalogue=cat, note="paraugdati / sample")
        added += 1
    return added, len(have)
