"""The architecture rule that import-linter enforces, checked here too so pytest alone catches a drift."""

from __future__ import annotations

import ast
from pathlib import Path

ANALYSIS = Path(__file__).resolve().parents[1] / "analysis"


def test_analysis_never_imports_streamlit_or_dashboard():
    """Given every module under analysis/ / When its imports are read / Then none is streamlit or dashboard."""
    offenders = []
    for path in sorted(ANALYSIS.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offenders += [
                f"{path.relative_to(ANALYSIS.parent)}:{node.lineno} {n}"
                for n in names
                if n.split(".")[0] in {"streamlit", "dashboard"}
            ]
    assert offenders == []
