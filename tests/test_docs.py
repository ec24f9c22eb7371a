"""Documentation is checked like code: no subcommand or setting stays out of the README."""

from __future__ import annotations

import re
from pathlib import Path

from analysis.cli import build_parser

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
ENV = re.compile(r"""(?:environ(?:\.get)?\(\s*|environ\[\s*|getenv\(\s*)["']([A-Z][A-Z0-9_]+)["']""")


def test_readme_opens_with_the_two_commands():
    """Given the README / When its first code block is read / Then it is exactly the run and test commands."""
    block = README.split("```")[1]
    commands = [line.split("#")[0].strip() for line in block.splitlines()[1:] if line.strip()]
    assert commands == ["make run", "make test"]


def test_every_subcommand_is_documented():
    """Given the CLI's subcommands / When the README is searched / Then each appears as `python -m analysis <cmd>`."""
    sub = next(a for a in build_parser()._actions if a.__class__.__name__ == "_SubParsersAction")
    missing = [cmd for cmd in sub.choices if f"python -m analysis {cmd}" not in README]
    assert sorted(sub.choices) == ["catalogue", "coverage", "fetch", "ingest", "init-db", "programme", "publish", "template",
                                   "trends", "users"]
    assert missing == []


def test_every_environment_variable_is_documented():
    """Given every environment variable the code reads / When the README is searched / Then each is explained."""
    names = set()
    for folder in ("analysis", "dashboard", "tests"):
        for path in (REPO / folder).rglob("*.py"):
            names |= set(ENV.findall(path.read_text(encoding="utf-8")))
    names -= {"CI"}  # set by CI itself
    assert {"DATABASE_URL", "TEST_POSTGRES_URL"} <= names
    assert sorted(n for n in names if f"`{n}`" not in README) == []
