"""One translation catalogue: every key used in dashboard/ exists with a Latvian and an English text."""

from __future__ import annotations

import re
from pathlib import Path

from dashboard import i18n

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"
KEY = re.compile(r"""\bt\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']""")


def test_every_used_key_is_translated():
    """Given the dashboard sources, When the t("…") keys are collected, Then each has non-empty lv and en texts."""
    used = {k for path in DASHBOARD.rglob("*.py") for k in KEY.findall(path.read_text(encoding="utf-8"))}
    catalogue = i18n.catalogue()
    missing = sorted(k for k in used if k not in catalogue)
    assert missing == []
    assert [k for k, v in catalogue.items() if not v["lv"].strip() or not v["en"].strip()] == []


def test_no_page_uses_unsafe_html():
    """Given the dashboard sources, When searched, Then no element is rendered with unsafe_allow_html."""
    offenders = [p.name for p in DASHBOARD.rglob("*.py") if "unsafe_allow_html" in p.read_text(encoding="utf-8")]
    assert offenders == []
