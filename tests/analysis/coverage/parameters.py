"""Tables of cases for the survey reader: headings, yes/no spellings, statuses, years and the bad-cell fixture."""

from __future__ import annotations

# Every heading spelling of every template column, Latvian and English, in several cases and without diacritics.
HEADINGS = [
    ("Pašvaldība", "municipality"),
    ("Municipality", "municipality"),
    ("PASVALDIBA", "municipality"),
    ("Pašvaldība / Municipality", "municipality"),
    ("Programmas statuss", "programme_status"),
    ("Programme status", "programme_status"),
    ("programmas statuss:", "programme_status"),
    ("PROGRAMME STATUS *", "programme_status"),
    ("Programma aktualizēta", "up_to_date"),
    ("Programme up to date", "up_to_date"),
    ("programma aktualizeta", "up_to_date"),
    ("Darbības sākuma gads", "start_year"),
    ("Start year", "start_year"),
    ("darbibas sakuma gads", "start_year"),
    ("Darbības beigu gads", "end_year"),
    ("End year", "end_year"),
    ("Darbības beigu gads (vai “beztermiņa”)", "end_year"),
    ("Secinājumi", "conclusions"),
    ("Conclusions", "conclusions"),
    ("SECINAJUMI", "conclusions"),
    ("Rīcības plāns", "action_plan"),
    ("Action plan", "action_plan"),
    ("ricibas plans", "action_plan"),
    ("Uzraudzības kārtība", "monitoring"),
    ("Monitoring", "monitoring"),
    ("UZRAUDZIBAS KARTIBA", "monitoring"),
    ("Bērnu viedoklis iekļauts", "children_views"),
    ("Children's views included", "children_views"),
    ("Children’s views included", "children_views"),
    ("bernu viedoklis ieklauts", "children_views"),
    ("Aptvertās jomas", "domains"),
    ("Domains covered", "domains"),
    ("aptvertas jomas", "domains"),
    ("Komentārs", "comment"),
    ("Comment", "comment"),
    ("KOMENTARS", "comment"),
]

# Headings of one yes/no column per domain: number, Latvian or English name, 'Joma n', 'Domain n', 'n. name'.
DOMAIN_HEADINGS = [
    (1, 1),
    (16.0, 16),
    ("2", 2),
    ("Izglītības sistēma un iespējas", 2),
    ("Education", 2),
    ("3. Brīvā laika pavadīšanas iespējas", 3),
    ("Joma 5", 5),
    ("Domain 6", 6),
    ("Out-of-family care", 7),
    ("ārpusģimenes aprūpe", 7),
    ("8. Offences and prevention", 8),
    ("Cilvēktirdzniecība", 16),
]

YES_SPELLINGS = ["Jā", "jā", "JĀ", "Ja", "yes", "Yes", "YES", "x", "X", "1", 1, 1.0, "y", "Y", "true", "TRUE", True]
NO_SPELLINGS = ["Nē", "nē", "NĒ", "Ne", "no", "No", "NO", "0", 0, 0.0, "n", "N", "false", "False", False, None, "",
                "  "]
BAD_YES_NO = ["daļēji", "maybe", "2", 2, "-", "?", "jā un nē"]

STATUS_SPELLINGS = [
    ("Izstrādāta", "developed"),
    ("izstradata", "developed"),
    ("Developed", "developed"),
    ("Programma izstrādāta", "developed"),
    ("developed", "developed"),
    ("Iekļauta citos plānošanas dokumentos", "in_other_documents"),
    ("iekļauta citos dokumentos", "in_other_documents"),
    ("In other planning documents", "in_other_documents"),
    ("in_other_documents", "in_other_documents"),
    ("Nav izstrādāta", "not_developed"),
    ("NAV IZSTRADATA", "not_developed"),
    ("Not developed", "not_developed"),
    ("not_developed", "not_developed"),
]
BAD_STATUSES = ["Varbūt", "drīzumā", "2024"]

MONITORING_SPELLINGS = [
    ("Pilna", "complete"),
    ("pilna", "complete"),
    ("Complete", "complete"),
    ("complete", "complete"),
    ("Tikai iestādes", "institutions_only"),
    ("tikai iestades", "institutions_only"),
    ("Institutions only", "institutions_only"),
    ("Only institutions named", "institutions_only"),
    ("Nav", "none"),
    ("None", "none"),
    ("", "none"),
    (None, "none"),
]

YEARS = [
    (2024, (2024, False)),
    (2024.0, (2024, False)),
    ("2024", (2024, False)),
    ("2024.", (2024, False)),
    ("2024. g.", (2024, False)),
    (None, (None, False)),
    ("", (None, False)),
]
OPEN_ENDED_SPELLINGS = ["beztermiņa", "Beztermiņa", "BEZTERMINA", "bez termiņa", "open-ended", "Open ended"]
BAD_YEARS = ["divtūkstoš", "20x4", 1850, 2024.5, "24", "beztermiņa"]  # open-ended only in the end-year column

DOMAIN_LISTS = [
    ("1;5;7", "1;5;7"),
    ("7; 5; 1", "1;5;7"),
    ("1, 5, 7", "1;5;7"),
    ("16,2", "2;16"),
    (3, "3"),
    (3.0, "3"),
    ("1;1;2", "1;2"),
    ("", ""),
    (None, ""),
]

# survey_bad_cells.xlsx: header on row 3; one mistake per row (see tests/fixtures/coverage/make_fixtures.py)
BAD_CELLS_EXPECTED = [
    ["survey-unknown-municipality", 5, "A"],
    ["survey-bad-status", 6, "B"],
    ["survey-bad-yes-no", 7, "C"],
    ["survey-end-before-start", 8, "E"],
    ["survey-bad-year", 9, "D"],
    ["survey-bad-monitoring", 10, "H"],
    ["survey-bad-domain", 11, "J"],
    ["survey-bad-domain", 11, "J"],
    ["survey-duplicate-municipality", 12, "A"],
    ["survey-missing-municipality", 13, "A"],
    ["survey-missing-status", 14, "B"],
    ["survey-aggregate-row", 15, "A"],
    ["survey-note-row", 17, "A"],
    ["survey-municipality-absent", None, None],
]

# The BAC 2024 report's published figures (second half of the seed document).
BAC_2024 = {
    "n": 43,
    "programme_status_n": {"developed": 8, "in_other_documents": 11, "not_developed": 24},
    "programme_status_pct": {"developed": 18.6, "in_other_documents": 25.6, "not_developed": 55.8},
    "with_programme_or_elements": 19,
    "of_those_pct": {
        "conclusions": 47.4,
        "action_plan": 47.4,
        "monitoring_any": 68.4,
        "monitoring_institutions_only": 21.1,
    },
    "children_views_missing": 4,
    "outdated": 3,
}
