"""Matching labels to the catalogue: spellings, the Jelgava pair, aggregates, validity, unknown names, mappings."""

from __future__ import annotations

from tests.analysis.ingest.parameters import AUGSDAUGAVA, CESIS, JELGAVA, JELGAVAS_NOVADS, VARAKLANI


def test_municipality_spellings_aggregates_and_validity(ingest_file, tuples):
    """Given municipality labels of every kind / When ingested / Then each is matched, left out or reported at its row."""
    result = ingest_file("municipalities.csv")
    assert result.report.flatten(["code", "severity", "row", "column"]) == [
        ["aggregate-row", "info", 6, "A"],
        ["aggregate-row", "info", 7, "A"],
        ["municipality-not-valid-for-year", "error", 9, "A"],
        ["unknown-municipality", "error", 11, "A"],
        ["missing-municipality", "error", 12, "A"],
    ]
    assert tuples(result) == [
        (CESIS, "births", 2023, 300.0, None),
        (CESIS, "births", 2022, 290.0, None),
        (JELGAVA, "births", 2023, 400.0, None),
        (JELGAVAS_NOVADS, "births", 2023, 190.0, None),
        (VARAKLANI, "births", 2024, 20.0, None),
        (AUGSDAUGAVA, "births", 2015, 200.0, None),
    ]


def test_unknown_municipality_lists_the_closest_names(ingest_file):
    """Given 'Cēsu novds' / When ingested / Then the error names Cēsu novads as the closest match."""
    issue = next(i for i in ingest_file("municipalities.csv").report.issues if i.code == "unknown-municipality")
    assert "'Cēsu novds'" in issue.message and "Cēsu novads" in issue.message.split("varbūt domāta:")[1]


def test_successor_is_named_for_a_unit_that_ended(ingest_file):
    """Given Varakļānu novads in 2026 / When ingested / Then the message names Madonas novads as the successor."""
    issue = next(i for i in ingest_file("municipalities.csv").report.issues if i.code.startswith("municipality-not"))
    assert "Madonas novads" in issue.message


def test_an_ended_unit_is_named_in_each_language(ingest_file):
    """Given Varakļānu novads in 2026 / When ingested / Then the English message calls both places by their English
    names, the Latvian one by their Latvian names."""
    issue = next(i for i in ingest_file("municipalities.csv").report.issues if i.code.startswith("municipality-not"))
    assert (issue.message_lv, issue.message_en) == (
        "Varakļānu novads 2026. gadā vairs nepastāvēja (līdz 2025-06-30); dati jānorāda par Madonas novads",
        "Varakļāni municipality no longer existed in 2026 (until 2025-06-30); report the data for Madona municipality",
    )


def test_indicators_by_id_name_and_alias(ingest_file, tuples):
    """Given indicator labels by id, Latvian and English name, alias, unknown and blank / When ingested / Then matched or kept as custom."""
    result = ingest_file("indicators.csv")
    assert result.report.flatten(["code", "severity", "row", "column"]) == [
        ["unmatched-indicator", "warning", 6, "B"],
        ["missing-indicator", "error", 7, "B"],
    ]
    assert tuples(result) == [
        (CESIS, "births", 2023, 300.0, None),
        (CESIS, "births", 2022, 290.0, None),
        (CESIS, "population_total", 2023, 40000.0, None),
        (CESIS, "children_0_17", 2023, 8000.0, None),
        (CESIS, "Bibliotēku apmeklējumi", 2023, 5000.0, None),
    ]
    assert result.custom_indicators == ["Bibliotēku apmeklējumi"]


def test_user_mapping_resolves_a_custom_label(ingest_file, tuples):
    """Given the user mapped 'Bibliotēku apmeklējumi' to public_libraries / When ingested / Then no warning, catalogue id kept."""
    result = ingest_file("indicators.csv", mappings={"bibliotēku  APMEKLĒJUMI": "public_libraries"})
    assert result.report.flatten(["code", "row"]) == [["missing-indicator", 7]]
    assert tuples(result)[4] == (CESIS, "public_libraries", 2023, 5000.0, None)


def test_user_municipality_mapping(ingest_file, tuples):
    """Given the user mapped 'Cēsu novds' to LV0026000 / When ingested / Then the typo row is Cēsu novads'."""
    result = ingest_file("municipalities.csv", municipality_mappings={"Cēsu novds": CESIS})
    assert "unknown-municipality" not in result.report.codes()
    assert (CESIS, "births", 2023, 1.0, None) not in tuples(result)  # conflicts with row 2's 300
    assert result.report.flatten(["code", "row"]) == [
        ["conflicting-duplicate", 2],
        ["aggregate-row", 6],
        ["aggregate-row", 7],
        ["municipality-not-valid-for-year", 9],
        ["conflicting-duplicate", 11],
        ["missing-municipality", 12],
    ]


def test_mapping_to_nothing_is_an_error(ingest_file):
    """Given a mapping whose target is not in the catalogue / When ingested / Then it is reported at file level."""
    result = ingest_file("indicators.csv", mappings={"Bibliotēku apmeklējumi": "no_such_indicator"})
    assert result.report.flatten(["code", "row", "column"])[0] == ["unknown-mapping-target", None, None]


def test_unknown_chosen_municipality(ingest_file):
    """Given the uploader chose a municipality that does not exist / When ingested / Then it is an error, rows not stored."""
    result = ingest_file("wide_no_municipality.csv", municipality="Atlantīda")
    assert result.report.flatten(["code", "row"]) == [["unknown-municipality", None], ["no-municipality", 1]]
    assert len(result.rows) == 0


def test_label_variants_fold_to_the_catalogue(ingest_rows, tuples):
    """Given the portal's 'Bērni vecumā 0-17 gadi', a hyphen for the en dash, quotes and capitals / When ingested / Then
    each is the catalogue indicator."""
    result = ingest_rows([
        ["Pašvaldība: Cēsu novads"], ["Rādītājs", "Mērvienība", 2023],
        ["Bērni vecumā 0-17 gadi", "bērni", 8000],
        ["Bērni - noziedzīgos nodarījumos cietušie", "uz 1000 bērniem", 2.5],
        ["Bērni—vardarbībā ģimenē cietušie", "uz 1000 bērniem", 1.5],
        ["„DZIMUŠO  SKAITS”", "dzimušie", 290],
    ])
    assert result.report.issues == []
    assert [r[1] for r in tuples(result)] == ["children_0_17", "child_victims_crime", "child_victims_domestic_violence",
                                              "births"]


def test_clear_best_is_preselected_and_suggestions_are_named(ingest_rows):
    """Given an unknown label close to one indicator / When ingested / Then it is pre-selected, and the message names
    suggestions by name and unit in each language, never by id."""
    result = ingest_rows([["Pašvaldība: Cēsu novads"], ["Rādītājs", "Mērvienība", 2023],
                          ["Neattaisnoti kavējumi virs 20 h", "%", 1.5]])
    (choice,) = result.label_choices
    assert (choice.label, choice.preselect) == ("Neattaisnoti kavējumi virs 20 h", "unexcused_absence_20h_share")
    lv, en = result.report.issues[0].message.split(" / ")
    assert "(varbūt: Skolēni ar vairāk nekā 20 neattaisnotām kavējuma stundām semestrī, %)" in lv
    assert "(perhaps: Pupils with over 20 unexcused absence hours a semester, %)" in en
    assert "unexcused_absence_20h_share" not in lv + en


def test_labels_beyond_those_shown_are_one_issue(ingest_rows):
    """Given 60 distinct unknown labels / When ingested / Then 50 are listed with suggestions and the other 10 are one
    grouped issue at the first of them; every value is still kept as custom."""
    rows = [["Pašvaldība", "Rādītājs", "Gads", "Vērtība"]]
    rows += [["Cēsu novads", f"Pašvaldības rādītājs nr. {k}", 2023, k] for k in range(60)]
    result = ingest_rows(rows)
    assert result.report.codes().count("unmatched-indicator") == 50
    grouped = [i for i in result.report.issues if i.code == "unmatched-indicators-more"]
    assert [(i.row, i.column, i.severity) for i in grouped] == [(52, "B", "warning")]
    assert grouped[0].message.startswith("Vēl 10 rādītāji nav katalogā (10 vērt., pirmais šeit: 'Pašvaldības rādītājs nr. 50')")
    assert len(result.label_choices) == 50 and len(result.rows) == 60


def test_unknown_municipalities_beyond_those_shown_are_one_error(ingest_rows):
    """Given 60 distinct unknown municipality names / When ingested / Then 50 are named with the closest units and the
    other 10 are one grouped error; no row is stored."""
    rows = [["Pašvaldība", "Rādītājs", "Gads", "Vērtība"]]
    rows += [[f"Atlantīdas {k}. novads", "births", 2023, k] for k in range(60)]
    result = ingest_rows(rows)
    assert result.report.codes().count("unknown-municipality") == 50
    grouped = [i for i in result.report.issues if i.code == "unknown-municipalities-more"]
    assert [(i.row, i.column, i.severity) for i in grouped] == [(52, "A", "error")]
    assert grouped[0].message.startswith("Vēl 10 nezināmas pašvaldības (10 vērt., pirmā šeit: 'Atlantīdas 50. novads')")
    assert len(result.unknown_municipalities) == 50 and len(result.rows) == 0
