"""The release as files: tidy.csv, totals.csv and release.xlsx, byte for byte the same for the same data version."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pandas as pd

from analysis.catalogue import Catalogue
from analysis.export_safety import neutralise
from analysis.publish.release import TIDY_COLUMNS, TOTALS_COLUMNS, Release, release

RELEASE_FILES = ("tidy.csv", "totals.csv", "release.xlsx")
# xlsx files carry a creation time; a fixed one keeps the bytes a function of the data alone.
FIXED_CREATED = dt.datetime(2000, 1, 1)
DEFINITION_COLUMNS = (
    "indicator", "domain", "name_lv", "name_en", "definition_lv", "definition_en", "unit_lv", "unit_en", "kind",
    "per", "denominator", "small_n_threshold",
)


def _number(x) -> str:
    if x is None or pd.isna(x):
        return ""
    x = float(x)
    return str(int(x)) if x.is_integer() and abs(x) < 1e15 else repr(x)


def _rows(frame: pd.DataFrame, columns: tuple[str, ...], numeric: set[str]) -> list[list]:
    out = []
    for rec in frame[list(columns)].itertuples(index=False, name=None):
        out.append([
            _number(v) if c in numeric else ("" if v is None or (isinstance(v, float) and pd.isna(v)) else v)
            for c, v in zip(columns, rec)
        ])
    return out


def _csv(header: tuple[str, ...], rows: list[list]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for row in rows:
        w.writerow([neutralise(v) if isinstance(v, str) else v for v in row])
    return buf.getvalue().encode("utf-8")


def tidy_rows(rel: Release) -> list[list]:
    return _rows(rel.cells, TIDY_COLUMNS, {"value", "count", "denominator"})


def totals_rows(rel: Release) -> list[list]:
    return _rows(rel.totals, TOTALS_COLUMNS, {"count"})


def definitions(catalogue: Catalogue) -> pd.DataFrame:
    rows = [
        {"indicator": i.id, "domain": i.domain, "name_lv": i.name_lv, "name_en": i.name_en,
         "definition_lv": i.definition_lv, "definition_en": i.definition_en, "unit_lv": i.unit_lv,
         "unit_en": i.unit_en, "kind": i.kind, "per": i.per, "denominator": i.denominator or "",
         "small_n_threshold": i.small_n_threshold}
        for i in sorted(catalogue.indicators, key=lambda i: (i.domain, i.id))
    ]
    return pd.DataFrame(rows, columns=list(DEFINITION_COLUMNS))


def readme(*, version: int, sample: bool) -> list[str]:
    """What the workbook is, Latvian first and English apart; no date, so the bytes follow the data only."""
    lines = [
        "Bērnu tiesību situācija pašvaldībās: publiskā datu kopa",
        f"Datu versija: {version}.",
        "Lapas: data (pašvaldību vērtības), totals (Latvija un statistiskie reģioni), definitions (rādītāji).",
        "Statuss '<5': skaits no 1 līdz sliekšņa − 1, nav publicēts. Statuss 'x': nav publicēts, lai mazo skaitu "
        "nevarētu atrēķināt no kopsummām (skaits vismaz slieksnis; kopsummai — jebkurš).",
        "Ar slēpta skaita palīdzību aprēķinātas vērtības (rādītājs, daļa, ticamības intervāls, saucējs) arī nav "
        "publicētas.",
        "",
        "Children's rights in municipalities: the public data set",
        f"Data version: {version}.",
        "Sheets: data (municipal values), totals (Latvia and statistical regions), definitions (indicators).",
        "Status '<5': a count from 1 to threshold − 1, not published. Status 'x': not published so that a small "
        "count cannot be worked out from the totals (a count of at least the threshold; for a total, any count).",
        "Values computed from a hidden count (rate, share, interval, denominator) are not published either.",
    ]
    if sample:
        lines += ["", "Sintētiski paraugdati, nevis īsti dati.", "Synthetic sample data, not real figures."]
    return lines


def _xlsx(rel: Release, *, catalogue: Catalogue, version: int, sample: bool) -> bytes:
    import xlsxwriter

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"strings_to_formulas": False, "strings_to_urls": False,
                                     "strings_to_numbers": False, "in_memory": True})
    book.set_properties({"created": FIXED_CREATED, "title": "Bērnu tiesību situācija / Children's rights"})
    bold = book.add_format({"bold": True})
    ws = book.add_worksheet("README")
    ws.set_column(0, 0, 110)
    for i, line in enumerate(readme(version=version, sample=sample)):
        ws.write_string(i, 0, str(neutralise(line)), bold if i == 0 else None)
    defs = definitions(catalogue)
    for name, header, rows, numeric in (
        ("data", TIDY_COLUMNS, tidy_rows(rel), {"year", "value", "count", "denominator"}),
        ("totals", TOTALS_COLUMNS, totals_rows(rel), {"year", "count"}),
        ("definitions", DEFINITION_COLUMNS, _rows(defs, DEFINITION_COLUMNS, set()), {"domain", "per", "small_n_threshold"}),
    ):
        ws = book.add_worksheet(name)
        ws.freeze_panes(1, 0)
        for c, h in enumerate(header):
            ws.write_string(0, c, h, bold)
            ws.set_column(c, c, min(60, max(10, len(h) + 2)))
        for r, row in enumerate(rows, start=1):
            for c, v in enumerate(row):
                if v == "":
                    continue
                if header[c] in numeric:
                    ws.write_number(r, c, float(v))
                else:
                    ws.write_string(r, c, str(neutralise(str(v))))
    book.close()
    return buf.getvalue()


def release_files(
    observations: pd.DataFrame, *, catalogue: Catalogue, version: int, sample: bool, rel: Release | None = None
) -> dict[str, bytes]:
    """{file name: bytes} of the public release: what `publish` writes and the public downloads serve."""
    rel = rel if rel is not None else release(observations, catalogue=catalogue)
    return {
        "tidy.csv": _csv(TIDY_COLUMNS, tidy_rows(rel)),
        "totals.csv": _csv(TOTALS_COLUMNS, totals_rows(rel)),
        "release.xlsx": _xlsx(rel, catalogue=catalogue, version=version, sample=sample),
    }


def stored_release_files(engine, *, catalogue: Catalogue) -> dict[str, bytes]:
    """The release of what a database holds now (its current values, data version, sample or not)."""
    from analysis.sample import SAMPLE_UPLOADER
    from analysis.store import current_observations, data_version, list_uploads

    obs = current_observations(engine)
    ups = list_uploads(engine)
    sample_ids = set(ups.loc[ups["uploader"] == SAMPLE_UPLOADER, "id"].astype(int)) if len(ups) else set()
    sample = bool(len(obs)) and bool(obs["upload_id"].isin(sample_ids).any())
    return release_files(obs, catalogue=catalogue, version=data_version(engine), sample=sample)
