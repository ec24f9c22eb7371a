"""The dashboard stays a thin layer: data.py only the cache door, no 'is this module installed' guards."""

from __future__ import annotations

import ast

from tests.dashboard.apptest_util import REPO

DASHBOARD = REPO / "dashboard"


def test_the_cache_door_is_small():
    assert len((DASHBOARD / "data.py").read_text(encoding="utf-8").splitlines()) < 200


def test_no_page_imports_by_name_at_run_time():
    """Given every dashboard module, Then none imports through importlib (no scaffolding for missing modules)."""
    offenders = []
    for path in sorted(DASHBOARD.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
                if any(n.split(".")[0] == "importlib" for n in names):
                    offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []
