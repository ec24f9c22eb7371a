"""The command line imports only what the chosen subcommand needs: `ingest` never pays for SciPy or openpyxl."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.cli import COMMANDS, build_parser

REPO = Path(__file__).resolve().parents[2]
# what a whole-process `ingest` of an indicator file must not load (statistics, survey reader, Excel writer, UI)
NOT_FOR_INGEST = ("scipy", "statsmodels", "analysis.stats", "analysis.coverage.survey", "openpyxl", "streamlit",
                  "alembic", "docx", "plotly")

_CHILD = """
import json, sys
from analysis.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _run(*argv: str) -> dict:
    out = subprocess.run([sys.executable, "-c", _CHILD, *argv], capture_output=True, text=True, cwd=REPO,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def _loaded(modules: list[str], names: tuple[str, ...]) -> list[str]:
    return sorted({n for n in names for m in modules if m == n or m.startswith(n + ".")})


def test_ingest_into_a_new_database_loads_no_statistics_survey_reader_or_openpyxl(tmp_path):
    """Given a CSV with a status column / When `ingest F --db NEW` runs / Then it stores and loads none of those."""
    f = tmp_path / "dati.csv"
    f.write_text("municipality,indicator,year,value,status\nCēsu novads,population_total,2023,41000,\n",
                 encoding="utf-8")
    db = tmp_path / "fresh.sqlite"
    got = _run("ingest", str(f), "--db", f"sqlite:///{db}")
    assert got["code"] == 0
    assert _loaded(got["modules"], NOT_FOR_INGEST) == []
    again = _run("ingest", str(f), "--db", f"sqlite:///{db}")  # a database at head: still no Alembic
    assert (again["code"], _loaded(again["modules"], NOT_FOR_INGEST)) == (0, [])


def test_top_level_help_imports_no_command_module():
    """Given `python -m analysis --help` / Then every subcommand is listed and none of their modules is imported."""
    out = subprocess.run(
        [sys.executable, "-c", "import sys\nfrom analysis.cli import main\ntry:\n    main(['--help'])\n"
         "except SystemExit:\n    pass\nprint(sorted(m for m in sys.modules if m.startswith('analysis.')))"],
        capture_output=True, text=True, cwd=REPO, timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert all(f"    {name}" in out.stdout for name in COMMANDS)
    assert out.stdout.strip().splitlines()[-1] == "['analysis.cli']"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_command_is_registered_by_its_module_with_the_listed_help(name):
    """Given a subcommand of the table / When its module registers it / Then its parser is real and its help the same."""
    parser = build_parser(name)
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    helps = {a.dest: a.help for a in sub._choices_actions}
    assert sub.choices[name].get_default("func") is not None
    assert helps[name] == COMMANDS[name].help
