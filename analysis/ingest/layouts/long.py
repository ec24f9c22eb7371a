"""Long tables: one value per row, with municipality, indicator and year columns (or an indicator per value column)."""

from __future__ import annotations

from typing import Any, Callable

import pandas as pd

from analysis.ingest.layouts.common import (
    COLUMN_IGNORED,
    FRAME_COLUMNS,
    LINES_IGNORED,
    Extraction,
    blank_mask,
    column_letter,
    empty_frame,
    header_role,
    municipality_line,
    to_frame,
)
from analysis.ingest.values import parse_values
from analysis.report import Report
from analysis.text import clean_label

Resolver = Callable[[object], object]


def territorial_column(body: pd.DataFrame, candidates: list[int], *, resolve: Resolver) -> int | None:
    """The column whose labels mostly name municipalities or aggregates, found by content when the header says nothing."""
    best, best_ratio = None, 0.0
    for c in candidates:
        col = body[c]
        labels = [v for v in pd.unique(col.dropna()) if isinstance(v, str) and v.strip()][:300]
        if not labels:
            continue
        ratio = sum(1 for v in labels if resolve(v) is not None) / len(labels)
        if ratio >= 0.6 and ratio > best_ratio:
            best, best_ratio = c, ratio
    return best


def numeric_column(col: pd.Series) -> bool:
    """Mostly numbers (or the portal's markers for missing and zero): a column of values, not of labels."""
    sample = col.dropna().head(200)
    if not len(sample):
        return False
    parsed = parse_values(sample.astype(object), text_source=True)
    ok = parsed.problem.isna() & ~(parsed.status.eq("not_available") & parsed.value.isna() & (parsed.form.isna()))
    return bool(ok.mean() >= 0.6)


def extract_long(
    rows: list[list[Any]],
    *,
    header: int,
    sheet_name: str,
    report: Report,
    resolve: Resolver,
    layout: str = "long",
) -> Extraction | None:
    """Cuts a long table below `header` (0-based) into value cells, one per row (or per value column)."""
    width = max((len(r) for r in rows[header:]), default=0)
    head = list(rows[header]) + [None] * (width - len(rows[header]))
    roles: dict[str, int] = {}
    ignored: list[int] = []
    for j, cell in enumerate(head):
        role = header_role(cell)
        if role is None:
            continue
        if role in roles:
            ignored.append(j)
        else:
            roles[role] = j
    body = to_frame(rows[header + 1 :], width)
    free = [j for j in range(width) if j not in roles.values() and j not in ignored and not _blank_header(head[j])]

    if "municipality" not in roles:
        found = territorial_column(body, free, resolve=resolve)
        if found is not None:
            roles["municipality"] = found
            free.remove(found)
    value_says = None
    if "value" not in roles and "count" in roles:
        roles["value"] = roles.pop("count")
        value_says = _text(head[roles["value"]])  # 'Skaits': the header says these are counts

    value_cols: list[int] = []
    if "value" in roles:
        value_cols = [roles["value"]]
    else:
        value_cols = [j for j in free if numeric_column(body[j])]
        if "indicator" in roles and value_cols:
            value_cols = value_cols[:1]
    if not value_cols:
        return None
    for j in value_cols:
        if j in free:
            free.remove(j)
    for j in ignored + free:
        report.add(COLUMN_IGNORED, sheet=sheet_name, row=header + 1, column=column_letter(j), header=_text(head[j]))

    label, label_row = (None, None)
    if "municipality" not in roles:
        label, label_row = municipality_line(rows, before=header)

    key_cols = [roles[r] for r in ("year", "count") if r in roles] + value_cols
    if not len(body) or not key_cols:
        return Extraction(layout, empty_frame(), header + 1, label, label_row, {"roles": roles})
    blanks = blank_mask(body[key_cols])
    keep = ~blanks.all(axis=1)
    rest = body[~keep]
    dropped = ~blank_mask(rest).all(axis=1) if len(rest) else pd.Series(dtype=bool)
    if dropped.any():
        first = int(dropped.idxmax()) + header + 2
        report.add(LINES_IGNORED, sheet=sheet_name, row=first, column=None, n=int(dropped.sum()))
    body = body[keep]
    source_row = body.index.to_numpy() + header + 2

    parts = []
    for j in value_cols:
        part: dict[str, Any] = {
            "source_row": source_row,
            "value": body[j].to_numpy(dtype=object),
            "value_col": column_letter(j),
        }
        if "indicator" in roles:
            part["indicator"] = body[roles["indicator"]].to_numpy(dtype=object)
            part["indicator_col"] = column_letter(roles["indicator"])
        else:
            part["indicator"] = clean_label(head[j])
            part["indicator_col"] = column_letter(j)
        for role in ("municipality", "year", "count", "denominator", "status", "note"):
            if role in roles:
                part[role] = body[roles[role]].to_numpy(dtype=object)
                part[f"{role}_col"] = column_letter(roles[role])
        if "unit" in roles:
            part["unit"] = body[roles["unit"]].to_numpy(dtype=object)
        elif value_says:
            part["unit"] = value_says
        parts.append(pd.DataFrame(part, index=body.index))
    frame = pd.concat(parts, ignore_index=True) if parts else empty_frame()
    for c in FRAME_COLUMNS:
        if c not in frame.columns:
            frame[c] = None
    frame["year_row"] = frame["source_row"]
    frame = frame[list(FRAME_COLUMNS)]
    return Extraction(layout, frame, header + 1, label, label_row, {"roles": roles, "has_year": "year" in roles})


def _blank_header(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _text(cell: object) -> str:
    return clean_label(cell) if cell is not None else ""
