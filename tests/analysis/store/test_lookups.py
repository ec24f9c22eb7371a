"""The questions an upload asks before its file is checked: answered without loading pandas."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd

from analysis.access import Actor, Role
from analysis.store import current_upload_with_sha, label_mappings, store_upload

ROOT = Path(__file__).resolve().parents[3]


def test_saved_mappings_and_the_file_in_effect(any_engine):
    """Given one upload that mapped a label and one that left another unresolved, When asked, Then only the mapped
    label comes back, and the stored file is found by its hash."""
    actor = Actor(name="tester", role=Role.NATIONAL_ANALYST)
    rows = pd.DataFrame({"municipality_code": ["0001000"], "indicator": ["births"], "year": [2024], "value": [3.0]})
    stored = store_upload(any_engine, file_name="a.xlsx", sha256="a" * 64, size_bytes=1, actor=actor, rows=rows,
                          custom_labels=["Nezināms"], label_mappings={"Dzimušie": "births"})
    assert label_mappings(any_engine) == {"Dzimušie": "births"}
    assert current_upload_with_sha(any_engine, sha256="a" * 64) == stored.upload_id
    assert current_upload_with_sha(any_engine, sha256="b" * 64) is None


def test_opening_the_database_and_asking_loads_no_pandas(tmp_path):
    """Given a fresh interpreter, When the database is created and both questions are asked, Then pandas was never
    imported: the command line asks them while its parse is still reading."""
    code = (
        "import sys\n"
        "from analysis.store import current_upload_with_sha, init_db, label_mappings, make_engine\n"
        "engine = make_engine(sys.argv[1]); init_db(engine)\n"
        "assert label_mappings(engine) == {} and current_upload_with_sha(engine, sha256='0' * 64) is None\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pandas', 'numpy', 'pyarrow')))\n"
    )
    url = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    out = subprocess.run([sys.executable, "-c", code, url], cwd=ROOT, capture_output=True, text=True)
    assert (out.returncode, out.stdout.strip()) == (0, "[]"), out.stderr
