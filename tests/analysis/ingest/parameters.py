"""Tables of cases for the ingestion tests: fixture file -> layout, issues (code, row, column) and accepted rows."""

from __future__ import annotations

CESIS, VALMIERA, JELGAVA, JELGAVAS_NOVADS = "LV0026000", "LV0054000", "LV0003000", "LV0030000"
VARAKLANI, AUGSDAUGAVA = "LV0055000", "LV0022000"

# (fixture file, {sheet: layout}, valid, [[code, row, column], ...] in report order)
LAYOUT_CASES = [
    ("long_clean.csv", {"long_clean": "long"}, True, []),
    ("wide_column.xlsx", {"Dati": "wide"}, True, []),
    ("wide_line.xlsx", {"Dati": "wide"}, True, [["year-with-suffix", 4, "C"]]),
    ("wide_no_municipality.csv", {"wide_no_municipality": "wide"}, False, [["no-municipality", 1, None]]),
    (
        "csp_export.csv",
        {"csp_export": "csp"},
        True,
        [
            ["aggregate-row", 4, "A"],
            ["aggregate-row", 5, "A"],
            ["aggregate-row", 6, "A"],
            ["unmatched-indicator", 8, "B"],
            ["not-available-marker", 8, "D"],
            ["zero-dash", 9, "C"],
        ],
    ),
    (
        "group_workbook.xlsx",
        {"1 Demogrāfija": "group", "7 Ārpusģimenes aprūpe": "group"},
        True,
        [["notes-below-table", 7, None], ["not-available-marker", 4, "D"], ["notes-below-table", 7, None]],
    ),
    ("no_table.csv", {}, False, [["no-data", None, None], ["no-table", None, None]]),
    ("missing_year.csv", {"missing_year": "long"}, False, [["missing-year", 1, None]]),
]

# value forms: (fixture, [[code, severity, row, column]], accepted rows as (indicator, year, value, status))
VALUE_CASES = [
    (
        "value_forms.csv",
        [
            ["thousands-separator", "info", 2, "D"],
            ["decimal-comma", "info", 4, "D"],
            ["percent-sign", "info", 5, "D"],
            ["not-available-marker", "info", 6, "D"],
            ["zero-dash", "info", 12, "D"],
            ["not-a-number", "error", 13, "D"],
        ],
        [
            ("population_total", 2015, 40123.0, None),
            ("population_total", 2016, 40124.0, None),
            ("children_share", 2015, 20.5, None),
            ("children_share", 2016, 21.3, None),
            ("births", 2015, None, "not_available"),
            ("births", 2016, None, "not_available"),
            ("births", 2017, None, "not_available"),
            ("births", 2018, None, "not_available"),
            ("births", 2019, None, "not_available"),
            ("births", 2020, None, "not_available"),
            ("births", 2021, 0.0, "zero"),
        ],
    ),
    (
        "value_excel.xlsx",
        [["number-as-text", "info", 3, "D"], ["formula-without-value", "error", 4, "D"]],
        [("births", 2020, 310.0, None), ("births", 2021, 305.0, None), ("births", 2023, 290.0, None)],
    ),
    (
        "years.csv",
        [
            ["year-with-suffix", "warning", 2, "C"],
            ["not-a-year", "error", 3, "C"],
            ["year-out-of-range", "error", 4, "C"],
        ],
        [("births", 2024, 300.0, None), ("births", 2023, 299.0, None)],
    ),
]

# single cells -> (value, status, problem, form); text_source=False (an Excel cell)
CELL_CASES = [
    ("1,5", 1.5, None, None, "decimal-comma"),
    ("1 234", 1234.0, None, None, "thousands-separator"),
    ("12\u00a0345,6", 12345.6, None, None, "decimal-comma"),
    ("1.234,5", 1234.5, None, None, "thousands-separator"),
    ("1,234,567", 1234567.0, None, None, "thousands-separator"),
    ("50%", 50.0, None, None, "percent-sign"),
    ("305", 305.0, None, None, "number-as-text"),
    ("-5", -5.0, None, None, "number-as-text"),
    ("\u22123", -3.0, None, None, "number-as-text"),
    (42, 42.0, None, None, None),
    (2.5, 2.5, None, None, None),
    ("…", None, "not_available", None, "not-available-marker"),
    ("..", None, "not_available", None, "not-available-marker"),
    ("...", None, "not_available", None, "not-available-marker"),
    ("n/d", None, "not_available", None, "not-available-marker"),
    ("Nav datu", None, "not_available", None, "not-available-marker"),
    ("", None, "not_available", None, None),
    (None, None, "not_available", None, None),
    ("-", 0.0, "zero", None, "zero-dash"),
    ("x", None, "confidential", None, None),
    ("abc", None, None, "not-a-number", None),
    (True, None, None, "not-a-number", None),
]

# year cells -> (year, problem, form)
YEAR_CASES = [
    ("2024", 2024, None, None),
    (2024, 2024, None, None),
    (2024.0, 2024, None, None),
    ("2024.g.", 2024, None, "year-with-suffix"),
    ("2024. gads", 2024, None, "year-with-suffix"),
    ("2023/2024", 2024, None, "school-year"),
    ("2023./24.", 2024, None, "school-year"),
    ("2023/2025", None, "not-a-year", None),
    ("divi tūkstoši", None, "not-a-year", None),
    (1850, None, "year-out-of-range", None),
    (2024.5, None, "not-a-year", None),
    (None, None, "not-a-year", None),
]

# yes/no cells -> (value, problem)
YES_NO_CASES = [
    ("jā", 1.0, None),
    ("Nē", 0.0, None),
    ("yes", 1.0, None),
    (1, 1.0, None),
    (0, 0.0, None),
    (True, 1.0, None),
    ("1", 1.0, None),
    (2, None, "not-yes-no"),
    ("varbūt", None, "not-yes-no"),
]

# (hostile fixture in tests/fixtures/ingest/formats, its Latvian message, its English message): each message in
# its own language only, a library's English error text in the English one alone
REFUSAL_TEXT_CASES = [
    ("bomb_declared.xlsx",
     "Fails “bomb_declared.xlsx” atteikts: pēc atpakošanas tas būtu pārāk liels (arhīvs norāda 3072 MB)",
     "File “bomb_declared.xlsx” refused: unpacked it would be too large (3072 MB declared)"),
    ("bomb_lying.xlsx",
     "Fails “bomb_lying.xlsx” atteikts: pēc atpakošanas tas būtu pārāk liels "
     "(daļa xl/worksheets/sheet1.xml izplešas vairāk par 200 baitiem)",
     "File “bomb_lying.xlsx” refused: unpacked it would be too large "
     "(xl/worksheets/sheet1.xml inflates past 200 bytes)"),
    ("bomb_ratio.xlsx",
     "Fails “bomb_ratio.xlsx” atteikts: pēc atpakošanas tas būtu pārāk liels (daļa xl/worksheets/sheet1.xml "
     "saspiesta 412:1)",
     "File “bomb_ratio.xlsx” refused: unpacked it would be too large (xl/worksheets/sheet1.xml packed 412:1)"),
    ("garbage.xlsx",
     "Faila “garbage.xlsx” formāts nav atpazīts (binārs fails); derīgi ir .xlsx, .xls, .ods, .csv, .txt un .px faili",
     "The format of “garbage.xlsx” is not recognised (binary); .xlsx, .xls, .ods, .csv, .txt and .px files are read"),
    ("truncated.xlsx",
     "Failu “truncated.xlsx” nevar nolasīt, jo tas ir bojāts (ZIP arhīvs nav nolasāms)",
     "Cannot read “truncated.xlsx”: the file is damaged (zip: File is not a zip file)"),
]
