"""The statistics portal's (CSP, PxWeb) exports: a quoted title line, a blank line, then the header."""

from __future__ import annotations

import re
from typing import Any

from analysis.ingest.layouts.common import is_blank, nonblank_count

# "… by Territorial unit, Indicator and Time period" / "… - Teritoriālā vienība, Rādītāji un Laika periods"
_EN_DIMS = re.compile(r"\s+by\s+[^()]*?\band\s+time\s+period\s*$", re.IGNORECASE)
_LV_DIMS = re.compile(r"\s+[-–]\s+[^()]*?\bun\s+laika\s+periods\s*$", re.IGNORECASE)


def is_csp(rows: list[list[Any]], *, header: int) -> bool:
    """A single title cell on the first line, a blank line, then the header on the third."""
    if header != 2 or len(rows) < 3:
        return False
    first = [c for c in rows[0] if not is_blank(c)]
    return len(first) == 1 and isinstance(first[0], str) and nonblank_count(rows[1]) == 0


def title_of(rows: list[list[Any]]) -> str:
    """The table's title without the portal's list of dimensions, e.g. 'Iedzīvotāju skaits gada sākumā'."""
    cell = next(c for c in rows[0] if not is_blank(c))
    text = str(cell).replace("\ufeff", "").strip().strip('"').strip()
    text = _EN_DIMS.sub("", text)
    text = _LV_DIMS.sub("", text)
    return text.strip()
