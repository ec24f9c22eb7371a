"""`python -m analysis fetch csp` against the loopback portal: exit codes, CSP_BASE_URL, and what it prints."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.analysis.sources.tables import ids031
from tests.cli import run_cli

REPO = Path(__file__).resolve().parents[3]


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return run_cli("fetch", "csp", *args, env=env)


def test_fetch_through_csp_base_url_then_unchanged_then_revised(tmp_path, server):
    """Given CSP_BASE_URL pointing at the loopback portal / Then store, nothing new, then the revision's differences."""
    db = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    env = {"CSP_BASE_URL": server.base_url}
    first = _cli("--indicator", "births", "--db", db, env=env)
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[:2] == [
        "births ← CSP IDS031: saglabāts kā augšupielāde 1 / stored as upload 1",
        "  vērtības / values 256, nav pieejamas / not available 2, gadi / years 2020–2025, vaicājumi / queries 2",
    ]
    again = _cli("--indicator", "births", "--db", db, env=env)
    assert again.returncode == 0
    assert again.stdout.splitlines()[0] == "births ← CSP IDS031: nekas jauns, spēkā augšupielāde 1 / nothing new, upload 1 stays current"
    server.tables["POP/ID/IDS/IDS031"] = ids031(revised={("LV0003000", 2024): 999})
    revised = _cli("--indicator", "births", "--db", db, "--base-url", server.base_url, "--from-year", "2023")
    assert revised.returncode == 0, revised.stderr
    assert "  izmaiņas pret iepriekšējo versiju / changes against the previous version: " in revised.stdout
    assert "    changed: LV0003000 2024:" in revised.stdout and "→ 999" in revised.stdout


def test_unknown_indicator_and_unreachable_portal_exit_2(tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    unknown = _cli("--indicator", "nope", "--db", db, "--base-url", "http://127.0.0.1:9/api/v1")
    assert unknown.returncode == 2
    assert unknown.stderr.strip() == "Avotu katalogā nav rādītāju: nope / Not in the source catalogue: nope"
    down = _cli("--indicator", "births", "--db", db, "--base-url", "http://127.0.0.1:9/api/v1")
    assert down.returncode == 2
    assert "Cannot reach the statistics portal (http://127.0.0.1:9/api/v1/lv/OSP_PUB/POP/ID/IDS/IDS031)" in down.stdout
