"""Wide tables: years as columns, indicators as rows, the municipality as a column or given once for the sheet."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from analysis.ingest.layouts.common import (
    COLUMN_IGNORED,
    FRAME_COLUMNS,
    NOTES_BELOW,
    Extraction,
    blank_mask,
    column_letter,
    empty_frame,
    header_role,
    municipality_line,
    to_frame,
)
from analysis.ingest.layouts.long import Resolver, territorial_column
from analysis.ingest.values import map_unique
from analysis.report import Report
from analysis.text import clean_label

LABEL_SEPARATOR = " / "


def _labels(body: pd.DataFrame, cols: list[int]) -> pd.Series:
    """The indicator label of each row: its dimension cells, cleaned (hierarchy dots dropped) and joined."""
    if not cols:
        return pd.Series(None, index=body.index, dtype=object)
    parts = []
    for c in cols:
        parts.append(map_unique(body[c], lambda v: clean_label(v) if v is not None else ""))
    joined = parts[0]
    for p in parts[1:]:
        joined = joined.where(p == "", np.where(joined == "", p, joined + LABEL_SEPARATOR + p))
    return joined.where(joined != "", None).astype(object)


def extract_wide(
    rows: list[list[Any]],
    *,
    header: int,
    year_cols: list[tuple[int, int, str | None]],
    sheet_name: str,
    report: Report,
    resolve: Resolver,
    layout: str = "wide",
    title: str | None = None,
) -> Extraction:
    """Cuts a table with one column per year into value cells; blank cells say nothing and make no rows."""
    width = max((len(r) for r in rows[header:]), default=0)
    head = list(rows[header]) + [None] * (width - len(rows[header]))
    year_idx = {j for j, _, _ in year_cols}
    first_year = min(year_idx)
    body = to_frame(rows[header + 1 :], width)

    roles: dict[str, int] = {}
    dims: list[int] = []
    for j in range(width):
        if j in year_idx:
            continue
        role = header_role(head[j])
        if role in ("municipality", "note", "unit", "status") and role not in roles:
            roles[role] = j
        elif role == "indicator" or (j < first_year and role is None):
            if j < first_year:
                dims.append(j)
        elif head[j] is not None and str(head[j]).strip():
            report.add(COLUMN_IGNORED, sheet=sheet_name, row=header + 1, column=column_letter(j), header=clean_label(head[j]))
    if "municipality" not in roles:
        found = territorial_column(body, dims, resolve=resolve)
        if found is not None:
            roles["municipality"] = found
            dims.remove(found)
    # blank dimension columns (no header, no content) carry nothing
    label_blank = blank_mask(body[dims]) if dims else pd.DataFrame(index=body.index)
    dims = [c for c in dims if not label_blank[c].all()]

    label, label_row = (None, None)
    if "municipality" not in roles:
        label, label_row = municipality_line(rows, before=header)

    cols = sorted(year_idx)
    values = body[cols]
    vblank = blank_mask(values)
    has_value = ~vblank.all(axis=1)
    if has_value.any():
        last = int(has_value[has_value].index.max())
        below = body.loc[last + 1 :]
        text_below = ~blank_mask(below).all(axis=1) if len(below) else pd.Series(dtype=bool)
        if len(text_below) and text_below.any():
            first = int(text_below[text_below].index.min()) + header + 2
            report.add(NOTES_BELOW, sheet=sheet_name, row=first, column=None, n=int(text_below.sum()))
    labels = _labels(body, dims)
    alt = None
    if title:
        alt = map_unique(labels, lambda v: f"{title}: {v}" if v else title)
        labels = labels.where(labels.notna(), title)
    muni = body[roles["municipality"]] if "municipality" in roles else None
    note = body[roles["note"]] if "note" in roles else None
    status = body[roles["status"]] if "status" in roles else None
    unit = body[roles["unit"]] if "unit" in roles else None

    # melt in one vectorised step: np.nonzero walks row by row, column by column, as a reader would
    rr, yy = np.nonzero(~vblank[cols].to_numpy(dtype=bool))
    if not len(rr):
        return Extraction(layout, empty_frame(), header + 1, label, label_row, {"roles": roles, "has_year": True})
    letters = np.array([column_letter(j) for j in cols], dtype=object)
    head_years = np.empty(len(cols), dtype=object)
    head_years[:] = [head[j] for j in cols]
    data: dict[str, object] = {
        "source_row": body.index.to_numpy()[rr] + header + 2,
        "value": values.to_numpy(dtype=object)[rr, yy],
        "value_col": letters[yy],
        "year": head_years[yy],
        "year_row": header + 1,
        "year_col": letters[yy],
        "indicator": labels.to_numpy(dtype=object)[rr],
        "indicator_alt": alt.to_numpy(dtype=object)[rr] if alt is not None else None,
        "indicator_col": column_letter(dims[-1]) if dims else None,
    }
    if muni is not None:
        data["municipality"] = muni.to_numpy(dtype=object)[rr]
        data["municipality_col"] = column_letter(roles["municipality"])
    if note is not None:
        data["note"] = note.to_numpy(dtype=object)[rr]
    if unit is not None:
        data["unit"] = unit.to_numpy(dtype=object)[rr]
    if status is not None:
        data["status"] = status.to_numpy(dtype=object)[rr]
        data["status_col"] = column_letter(roles["status"])
    frame = pd.DataFrame(data)
    for c in FRAME_COLUMNS:
        if c not in frame.columns:
            frame[c] = None
    frame = frame[list(FRAME_COLUMNS)]
    return Extraction(
        layout,
        frame,
        header + 1,
        label,
        label_row,
        {"roles": roles, "has_year": True, "territorial": "municipality" in roles},
    )

