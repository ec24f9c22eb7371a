"""PC-Axis files expand to one long table with their notes kept."""

from __future__ import annotations

import pytest

from analysis.ingest.raw import UnreadableFile
from analysis.ingest.readers import read_bytes, read_file
from tests.analysis.ingest.readers.parameters import FORMATS, REALDATA

PXWEB = REALDATA / "pxweb_examples"


def test_keywords_become_meta():
    """Given a .px with a two-line TITLE and NOTE, When read, Then the joined texts and CODES are in meta."""
    meta = read_file(FORMATS / "sample.px").sheets[0].meta
    assert meta["title"] == "Bērni ārpusģimenes aprūpē pēc pašvaldības, dzimuma un gada"
    assert meta["note"] == "Dati ir sintētiski. '..' nozīmē, ka dati nav pieejami."
    assert (meta["stub"], meta["heading"]) == (["Pašvaldība"], ["Dzimums", "Gads"])
    assert meta["codes"] == {"Pašvaldība": ["0740201", "0760201"]}
    assert (meta["encoding"], meta["codepage"]) == ("cp1257", "windows-1257")


def test_data_count_mismatch_is_a_warning():
    """Given DATA with fewer cells than the dimensions need, When read, Then the cells present are read and
    a px-data-count warning says how many."""
    px = b'STUB="a";\nHEADING="b";\nVALUES("a")="x","y";\nVALUES("b")="1","2";\nDATA=\n1 2 3;\n'
    workbook = read_bytes(px, file_name="t.px")
    assert workbook.sheets[0].rows == [["a", "b", "value"], ["x", "1", "1"], ["x", "2", "2"], ["y", "1", "3"]]
    assert workbook.report.flatten(["code", "severity", "sheet"]) == [["px-data-count", "warning", "t"]]


def test_other_languages_are_ignored():
    """Given keywords for a second language, When read, Then the default language's labels are used."""
    px = (
        'LANGUAGE="lv";\nLANGUAGES=("lv","en");\nSTUB="Gads";\nSTUB[en]="Year";\nHEADING="Rādītājs";\n'
        'VALUES("Gads")="2024";\nVALUES[en]("Year")="2024";\nVALUES("Rādītājs")="Bērni";\nDATA=\n7;\n'
    ).encode()
    assert read_bytes(px, file_name="t.px").sheets[0].rows == [["Gads", "Rādītājs", "value"], ["2024", "Bērni", "7"]]


def test_missing_values_keyword_is_refused():
    """Given a .px whose variable has no VALUES, When read, Then it is refused as damaged."""
    with pytest.raises(UnreadableFile) as caught:
        read_bytes(b'STUB="a";\nHEADING="b";\nVALUES("a")="x";\nDATA=\n1;\n', file_name="t.px")
    assert caught.value.code == "corrupt-file"


@pytest.mark.parametrize(
    ("name", "rows", "header", "missing", "codes"),
    [
        ("ine_27067.px", 813, ["Comunidades y Ciudades Autónomas", "Divisiones", "Índice y tasas", "Periodo",
                               "value"], 208, []),
        ("ine_14001.px", 8065, ["Comunidad Autónoma de residencia del matrimonio", "edad de los cónyuges",
                                "sexo ", "estado civil anterior de los cónyuges", "value"], None, []),
        ("ine_1001.px", 505, ["Sector econ\ufffdmico", "Sexo", "Periodo", "value"], 0,
         ["replacement-characters"]),
    ],
)
def test_real_px_files(name, rows, header, missing, codes):
    """Given a real INE .px file, When read, Then the long table has one row per cell, '..' kept, and the
    corrupted-encoding file is read with a warning."""
    path = PXWEB / name
    if not path.exists():
        pytest.skip("realdata nav pieejami / not available")
    workbook = read_file(path)
    sheet = workbook.sheets[0]
    assert (len(sheet.rows), sheet.rows[0]) == (rows, header)
    if missing is not None:
        assert sum(row[-1] == ".." for row in sheet.rows) == missing
    assert workbook.report.codes() == codes


def test_real_px_note_is_kept():
    """Given ine_27067.px with a NOTE explaining '(..)', When read, Then the note is in meta."""
    path = PXWEB / "ine_27067.px"
    if not path.exists():
        pytest.skip("realdata nav pieejami / not available")
    assert read_file(path).sheets[0].meta["note"].startswith("(..) Dato no disponible por secreto estadístico")
