"""The `catalogue --json` contract other tools read, run as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], cwd=REPO, capture_output=True, text=True)


def test_help_lists_subcommands():
    """Given the CLI / When asked for help / Then the catalogue and init-db subcommands are listed."""
    out = _run("--help")
    assert out.returncode == 0
    assert "catalogue" in out.stdout and "init-db" in out.stdout


def test_catalogue_json_shape(cat):
    """Given the catalogue / When printed as JSON / Then domains list their indicators and units their validity."""
    out = _run("catalogue", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert list(data) == ["domains", "municipalities"]
    assert [d["no"] for d in data["domains"]] == list(range(1, 17))
    assert data["domains"][6] == {
        "no": 7,
        "name_lv": "Ārpusģimenes aprūpe",
        "name_en": "Out-of-family care",
        "indicators": [i.id for i in cat.indicators_of(7)],
    }
    by_name = {m["name_lv"]: m for m in data["municipalities"]}
    assert len(by_name) == 43
    assert by_name["Varakļānu novads"] == {
        "code": "LV0055000",
        "name_lv": "Varakļānu novads",
        "name_en": "Varakļāni municipality",
        "type": "novads",
        "region": "VIDZEME",
        "valid_from": "2021-07-01",
        "valid_to": "2025-06-30",
    }
    assert by_name["Rīga"]["valid_to"] is None and by_name["Rīga"]["type"] == "state_city"
