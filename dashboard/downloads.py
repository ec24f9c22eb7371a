"""Files people take away (CSV, XLSX): safe to open in Excel, with sources, definitions and a citation inside."""

from __future__ import annotations

import io
import math
from typing import Mapping, Sequence

import numpy as np
import pandas as pd
import xlsxwriter

from analysis.export_safety import neutralise

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIME = "text/csv"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells can never start a formula (user text: file names, labels, notes)."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(lambda v: neutralise(v) if isinstance(v, str) else v).astype(object)
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def csv_bytes(frame: pd.DataFrame, *, latvian_excel: bool = False) -> bytes:
    """UTF-8 with a byte-order mark, so Excel shows ā, ē, ī, ū, š, ž, ņ, ļ, ķ, ģ, č correctly; `latvian_excel` uses
    ';' between fields and a decimal comma, which is what Excel with Latvian regional settings splits and reads."""
    if not latvian_excel:
        return safe_frame(frame).to_csv(index=False).encode("utf-8-sig")
    per_column = frame.attrs.get(DECIMALS, {})
    out = safe_frame(frame)
    for j, col in enumerate(frame.columns):
        decimals = per_column.get(col, [None] * len(frame))
        out[out.columns[j]] = [_comma_number(v, d) for v, d in zip(frame[col].tolist(), decimals)]
    return out.to_csv(index=False, sep=";").encode("utf-8-sig")


def _comma_number(value, decimals: int | None):
    """A number with a decimal comma and its decimals (no grouping, so Excel reads it as a number); text unchanged."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
        return neutralise(value) if isinstance(value, str) else value
    if not math.isfinite(float(value)):
        return ""
    if decimals is None:
        text = f"{int(value)}" if float(value).is_integer() else repr(float(value))
    else:
        text = f"{float(value):.{int(decimals)}f}"
    return text.replace(".", ",")


DECIMALS = "decimals"  # frame.attrs key: {column: per-row decimals}, so each value gets its indicator's format


def xlsx_bytes(sheets: Mapping[str, pd.DataFrame], *, readme: Sequence[str] = ()) -> bytes:
    """One workbook: a README sheet first (what, where from, how to cite), then each table on its own sheet, numbers
    as numbers; `frame.attrs['decimals'] = {column: per_row}` gives those columns each row's decimals."""
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False, "nan_inf_to_errors": False,
               "in_memory": True}
    book = xlsxwriter.Workbook(buffer, options)
    bold = book.add_format({"bold": True})
    formats: dict[int, object] = {}

    def number_format(decimals: int | None):
        key = -1 if decimals is None else int(decimals)
        if key not in formats:
            formats[key] = book.add_format({"num_format": "General" if key < 0 else
                                            "#,##0" + ("." + "0" * key if key else "")})
        return formats[key]

    if readme:
        ws = book.add_worksheet("README")
        ws.set_column(0, 0, 110)
        for i, line in enumerate(readme):
            ws.write_string(i, 0, str(neutralise(line)), bold if i == 0 else None)
    for name, frame in sheets.items():
        ws = book.add_worksheet(_sheet_name(name))
        per_column = frame.attrs.get(DECIMALS, {})
        decimals = [per_column.get(c) for c in frame.columns]
        safe = safe_frame(frame)
        for j, col in enumerate(safe.columns):
            ws.write_string(0, j, str(col), bold)
            ws.set_column(j, j, min(60, max(10, len(str(col)) + 2)))
        for i, row in enumerate(safe.itertuples(index=False), start=1):
            for j, value in enumerate(row):
                dec = None if decimals[j] is None else decimals[j][i - 1]
                _write(ws, i, j, value, number_format(dec))
        ws.freeze_panes(1, 0)
    book.close()
    return buffer.getvalue()


def _write(ws, row: int, col: int, value, number_format) -> None:
    """A number stays a number (never '40 969' as text); a missing value is an empty cell, text is text."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
        return
    if isinstance(value, (bool, np.bool_)):
        ws.write_boolean(row, col, bool(value))
    elif isinstance(value, (int, float, np.integer, np.floating)):
        if math.isfinite(float(value)):
            ws.write_number(row, col, float(value), number_format)
    else:
        ws.write_string(row, col, str(value))


def _sheet_name(name: str) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet name."""
    for ch in "[]:*?/\\":
        name = name.replace(ch, " ")
    return name[:31]


def readme_lines(*, t, version: int, sample: bool, today: str, sheets: str = "readme.sheets",
                 citation: str = "readme.citation") -> list[str]:
    """What a downloaded workbook says about itself: what it is, which sheets, the citation, synthetic or not
    (`sheets` and `citation` are the translation keys that describe this workbook's own sheets)."""
    lines = [t("readme.title"), t("readme.generated", when=today, version=version), "", t(sheets),
             t("readme.status"), ""]
    if sample:
        lines += [t("readme.sample"), ""]
    lines.append(t(citation, date=today))
    return lines


def data_workbook(
    tidy: pd.DataFrame, *, indicators: pd.DataFrame, uploads: pd.DataFrame, readme: Sequence[str]
) -> bytes:
    """The current data as a workbook: README, data, indicator metadata, and the uploads they came from."""
    ups = uploads.drop(columns=[c for c in ("sha256",) if c in uploads.columns]).copy()
    if "uploaded_at" in ups.columns:
        ups["uploaded_at"] = ups["uploaded_at"].astype(str)
    return xlsx_bytes({"data": tidy, "indicators": indicators, "uploads": ups}, readme=readme)


def profile_workbook(sheets: Mapping[str, pd.DataFrame], *, readme: Sequence[str]) -> bytes:
    """The municipality profile as a workbook to start the programme's analysis chapter from (numbers as numbers)."""
    return xlsx_bytes(sheets, readme=readme)
