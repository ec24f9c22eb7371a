"""Expected outcomes for every fixture in tests/fixtures/ingest/formats/ (made by make_format_fixtures.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

REPO = Path(__file__).resolve().parents[4]
FORMATS = REPO / "tests" / "fixtures" / "ingest" / "formats"
REALDATA = REPO.parent / "shared" / "realdata"

# file → the refusal's code
REFUSED = {
    "empty.csv": "file-empty",
    "garbage.xlsx": "unknown-format",
    "word_document.xlsx": "not-a-table",
    "spreadsheet_2003.xls": "unknown-format",
    "truncated.xlsx": "corrupt-file",
    "encrypted.xlsx": "encrypted-file",
    "encrypted.xls": "encrypted-file",
    "bomb_ratio.xlsx": "decompression-bomb",
    "bomb_declared.xlsx": "decompression-bomb",
    "bomb_lying.xlsx": "decompression-bomb",
    "bomb_cells.ods": "too-many-cells",
    "sparse_cells.xlsx": "too-many-cells",
    "xxe.xlsx": "xml-entities",
    "html_no_table.xls": "no-html-table",
}

# file → (sheet name, format, rows) for every sheet, and the report as [code, severity, sheet]
READ = {
    "normal.xlsx": (
        [
            (
                "Dati",
                "xlsx",
                [
                    ["municipality", "indicator", "year", "value", "date"],
                    ["Rīgas valstspilsēta", "children_total", 2024.0, 123456.0, dt.date(2024, 12, 31)],
                    ["Ogres novads", "children_total", 2024.0, 10234.5, dt.date(2024, 12, 31)],
                    ["Cēsu novads", "children_total", "2023", "1 234,5", ""],
                ],
            )
        ],
        [],
    ),
    "formula_no_value.xlsx": (
        [
            (
                "Dati",
                "xlsx",
                [
                    ["Pašvaldība", "2024", "Piezīmes"],
                    ["Rīga", 10.0, 20.0],
                    ["Ogre", 5.0, ""],
                    ["Kopā", "", ""],
                    ["Vidēji", "", ""],
                ],
            )
        ],
        [],
    ),
    "multi_sheet.xlsx": (
        [
            ("Izglītība", "xlsx", [["Rādītājs", "2024"], ["Skolu skaits", 4.0]]),
            ("Veselība", "xlsx", [["Rādītājs", "2024"], ["Ģimenes ārsti", 7.0]]),
            ("Slēpta", "xlsx", [["", ""], ["", "x"]]),
            ("Tukša", "xlsx", []),
        ],
        [["sheet-skipped", "info", "Diagramma"]],
    ),
    "normal.ods": (
        [
            (
                "Dati",
                "ods",
                [["Pārskats", "", ""], ["Pašvaldība", "2023", "2024"], ["Rīga", 1.5, 2.0], ["Līvāni", "", 3.0]],
            ),
            ("Otrā", "ods", [["", ""], ["", ""], ["", "x"]]),
        ],
        [],
    ),
    "utf8_bom_comma.csv": (
        [
            (
                "utf8_bom_comma",
                "csv",
                [
                    ["municipality", "indicator", "year", "value", "note"],
                    ["Rīgas valstspilsēta", "children_total", "2024", "123 456", ""],
                    ["Ogres novads", "children_total", "2024", "10234", "divas\r\nrindas"],
                    ["Cēsu novads", "children_total", "2024"],
                    [],
                    ["Ķekavas novads", "children_total", "2024", " 5 ", '"citāts"'],
                ],
            )
        ],
        [],
    ),
    "cp1257_semicolon.csv": (
        [
            (
                "cp1257_semicolon",
                "csv",
                [
                    ["Pašvaldība", "Rādītājs", "Gads", "Vērtība"],
                    ["Ķekavas novads", "Bērnu skaits", "2024", "1 234,5"],
                    ["Līvānu novads", "Bērnu skaits", "2024", "987,0"],
                    ["Žīguru pagasts", "Ģimeņu skaits", "2024", "12"],
                ],
            )
        ],
        [["encoding-guessed", "info", "cp1257_semicolon"]],
    ),
    "latin1_tab.tsv": (
        [
            (
                "latin1_tab",
                "csv",
                [
                    ["Kunta", "Vuosi", "Äänestäneet"],
                    ["Hämeenlinna", "2021", "35120"],
                    ["Jyväskylä", "2021", ".."],
                    ["Åland", "2021", "-"],
                ],
            )
        ],
        [["encoding-guessed", "info", "latin1_tab"]],
    ),
    "utf16_tab.txt": (
        [
            (
                "utf16_tab",
                "csv",
                [
                    ["Kunta", "Vuosi", "Äänestäneet"],
                    ["Hämeenlinna", "2021", "35120"],
                    ["Jyväskylä", "2021", ".."],
                    ["Åland", "2021", "-"],
                ],
            )
        ],
        [],
    ),
    "csv_named.xls": (
        [("csv_named", "csv", [["Pašvaldība", "2024"], ["Rīga", "1"]])],
        [["format-differs-from-extension", "info", None]],
    ),
    "html_as_xls.xls": (
        [
            (
                "Tabula 1",
                "html",
                [
                    ["Bērni ar invaliditāti", "", ""],
                    ["Pašvaldība", "2023", "2024"],
                    ["Ogres\xa0novads", "1 234", "1\xa0300"],
                    ["", "n/d", "7"],
                    ["Kopā", "", "1 307"],
                ],
            ),
            ("Tabula 2", "html", [["Avots:", "VIIS"]]),
        ],
        [["read-as-html", "info", None]],
    ),
    "sample.px": (
        [
            (
                "sample",
                "px",
                [
                    ["Pašvaldība", "Dzimums", "Gads", "value"],
                    ["Ogres novads", "Zēni", "2023", "12"],
                    ["Ogres novads", "Zēni", "2024", "14"],
                    ["Ogres novads", "Meitenes", "2023", ".."],
                    ["Ogres novads", "Meitenes", "2024", "9"],
                    ["Līvānu novads", "Zēni", "2023", "3"],
                    ["Līvānu novads", "Zēni", "2024", "-"],
                    ["Līvānu novads", "Meitenes", "2023", "4"],
                    ["Līvānu novads", "Meitenes", "2024", "5"],
                ],
            )
        ],
        [],
    ),
}

# delimiter sniffing: text → delimiter
DELIMITER_CASES = {
    "comma": ("a,b,c\n1,2,3\n", ","),
    "semicolon with decimal commas": ("Rīga;1,5;2,5\nOgre;3,5;4,5\n", ";"),
    "tab": ("a\tb\n1\t2\n", "\t"),
    "portal title line then header": ('"Title, with commas"\n\n"A","B"\n"x",1\n"y",2\n', ","),
    "semicolon with commas inside labels": ("Kommun;Nyckeltal;År\nAle;Arbetslöshet, (%);2008\nBjuv;Ohälsotal, dagar;2008\n", ";"),
    "quoted delimiters do not count": ('"a;b";"c;d"\n"1,2";"3,4"\n', ";"),
    "single column": ("Rīga\nOgre\n", ","),
}

# bytes → (encoding recorded, first cell)
ENCODING_CASES = {
    "utf-8 with BOM": ("\ufeffĀbele;1\n".encode("utf-8"), "utf-8-sig", "Ābele"),
    "utf-8": ("Ābele;1\n".encode("utf-8"), "utf-8", "Ābele"),
    "windows-1257": ("Ķekava;ūdens;1\n".encode("cp1257"), "cp1257", "Ķekava"),
    "latin-1 swedish": ("Hälsa;Åre;1\n".encode("latin-1"), "latin-1", "Hälsa"),
    "windows-1252 dash": ("Hälsa – vård;1\n".encode("cp1252"), "cp1252", "Hälsa – vård"),
    "utf-16 with BOM": ("Ābele\t1\n".encode("utf-16"), "utf-16", "Ābele"),
}
