"""Files people take away (CSV, XLSX): safe to open in Excel, with sources, definitions and a citation inside."""

from __future__ import annotations

import io
from typing import Mapping, Sequence

import pandas as pd

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


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so Excel shows ā, ē, ī, ū, š, ž, ņ, ļ, ķ, ģ, č correctly."""
    return safe_frame(frame).to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(sheets: Mapping[str, pd.DataFrame], *, readme: Sequence[str] = ()) -> bytes:
    """One workbook: a README sheet first (what, where from, how to cite), then each table on its own sheet."""
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False, "nan_inf_to_errors": False}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        book = writer.book
        bold = book.add_format({"bold": True})
        if readme:
            ws = book.add_worksheet("README")
            ws.set_column(0, 0, 110)
            for i, line in enumerate(readme):
                ws.write_string(i, 0, str(neutralise(line)), bold if i == 0 else None)
        for name, frame in sheets.items():
            sheet = _sheet_name(name)
            safe = safe_frame(frame)
            safe.to_excel(writer, sheet_name=sheet, index=False)
            ws = writer.sheets[sheet]
            ws.freeze_panes(1, 0)
            for i, col in enumerate(safe.columns):
                width = min(60, max(10, len(str(col)) + 2))
                ws.set_column(i, i, width)
    return buffer.getvalue()


def _sheet_name(name: str) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet name."""
    for ch in "[]:*?/\\":
        name = name.replace(ch, " ")
    return name[:31]


def readme_lines(*, t, version: int, sample: bool, today: str) -> list[str]:
    """What a downloaded workbook says about itself: what it is, which sheets, the citation, synthetic or not."""
    lines = [t("readme.title"), t("readme.generated", when=today, version=version), "", t("readme.sheets"),
             t("readme.status"), ""]
    if sample:
        lines += [t("readme.sample"), ""]
    lines.append(t("readme.citation", date=today))
    return lines


def data_workbook(
    tidy: pd.DataFrame, *, indicators: pd.DataFrame, uploads: pd.DataFrame, readme: Sequence[str]
) -> bytes:
    """The current data as a workbook: README, data, indicator metadata, and the uploads they came from."""
    ups = uploads.drop(columns=[c for c in ("sha256",) if c in uploads.columns]).copy()
    if "uploaded_at" in ups.columns:
        ups["uploaded_at"] = ups["uploaded_at"].astype(str)
    return xlsx_bytes({"data": tidy, "indicators": indicators, "uploads": ups}, readme=readme)


def profile_workbook(
    profile: pd.DataFrame, values: pd.DataFrame, *, readme: Sequence[str], sheet_names: Sequence[str]
) -> bytes:
    """The municipality profile as a workbook to start the programme's analysis chapter from."""
    internal = [c for c in ("indicator", "assessment", "benchmark") if c in profile.columns]
    shown = profile.drop(columns=internal)
    missing = profile[profile.get("assessment", pd.Series(dtype=object)) == "missing"].drop(columns=internal)
    return xlsx_bytes(dict(zip(sheet_names, (shown, values, missing))), readme=readme)
