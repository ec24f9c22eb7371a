"""Units and kinds are part of matching: a count never lands in a rate or share, nor the reverse, without a choice."""

from __future__ import annotations

from analysis.ingest.kinds import agrees, count_units, said_by_words
from analysis.ingest.matching import KEEP_CUSTOM, KIND_MISMATCH, UNMATCHED, LabelChoice
from tests.analysis.ingest.parameters import CESIS

HEAD = [["Pašvaldība: Cēsu novads"], ["Rādītājs", "Mērvienība", 2022, 2023]]
SUMMER_JOBS = "Skolēni, kas strādājuši vasaras darbos"  # the catalogue's rate per 1000 pupils, by its own name


def test_count_rows_matching_a_rate_by_name_are_held_until_chosen(ingest_rows, tuples):
    """Given '… skaits' rows whose name is a rate indicator's / When ingested / Then kind-mismatch at each cell, nothing
    of them stored, and the page is asked to choose."""
    result = ingest_rows([*HEAD, [SUMMER_JOBS, "skaits", 12, 15], ["Dzimušo skaits", "dzimušie", 300, 290]])
    assert result.report.flatten(["code", "severity", "row", "column"]) == [
        ["kind-mismatch", "error", 3, "C"],
        ["kind-mismatch", "error", 3, "D"],
    ]
    assert tuples(result) == [(CESIS, "births", 2022, 300.0, None), (CESIS, "births", 2023, 290.0, None)]
    assert result.label_choices == [
        LabelChoice(label=SUMMER_JOBS, reason=KIND_MISMATCH, suggestions=result.label_choices[0].suggestions,
                    preselect=None, matched="summer_jobs_pupils_rate", said="count"),
    ]
    message = result.report.issues[0].message
    assert "Skolēni, kas strādājuši vasaras darbos' ir koeficients (uz 1000 skolēniem)" in message
    assert "'Pupils in summer jobs' is a rate (per 1,000 pupils)" in message


def test_each_choice_stores_what_was_chosen(ingest_rows, tuples):
    """Given the held rows / When the user keeps the catalogue indicator, keeps a custom one or maps elsewhere / Then
    exactly that is stored and nothing is asked again."""
    rows = [*HEAD, [SUMMER_JOBS, "skaits", 12, 15]]
    as_catalogue = ingest_rows(rows, mappings={SUMMER_JOBS: "summer_jobs_pupils_rate"})
    as_custom = ingest_rows(rows, mappings={SUMMER_JOBS: KEEP_CUSTOM})
    elsewhere = ingest_rows(rows, mappings={SUMMER_JOBS: "pupils_total"})
    assert [r.report.codes() for r in (as_catalogue, as_custom, elsewhere)] == [[], [], []]
    assert tuples(as_catalogue) == [(CESIS, "summer_jobs_pupils_rate", 2022, 12.0, None),
                                    (CESIS, "summer_jobs_pupils_rate", 2023, 15.0, None)]
    assert tuples(as_custom) == [(CESIS, SUMMER_JOBS, 2022, 12.0, None), (CESIS, SUMMER_JOBS, 2023, 15.0, None)]
    assert as_custom.custom_indicators == [SUMMER_JOBS]
    assert tuples(elsewhere) == [(CESIS, "pupils_total", 2022, 12.0, None), (CESIS, "pupils_total", 2023, 15.0, None)]
    assert [r.label_choices for r in (as_catalogue, as_custom, elsewhere)] == [[], [], []]


def test_a_plain_integer_column_says_count(ingest_rows, tuples):
    """Given a rate indicator's name with whole numbers and no unit / When ingested / Then held; the same numbers with
    'uz 1000 skolēniem' are a rate and stored."""
    result = ingest_rows([*HEAD, ["Vardarbības gadījumi izglītības iestādēs", None, 3, 5],
                          ["Vasaras darbi", "uz 1000 skolēniem", 3, 5]])
    assert result.report.flatten(["code", "row", "column"]) == [["kind-mismatch", 3, "C"], ["kind-mismatch", 3, "D"]]
    assert tuples(result) == [(CESIS, "summer_jobs_pupils_rate", 2022, 3.0, None),
                              (CESIS, "summer_jobs_pupils_rate", 2023, 5.0, None)]


def test_a_share_or_rate_never_lands_in_a_count(ingest_rows, tuples):
    """Given births with '%' as unit, a '12,5 %' cell and a rate unit / When ingested / Then held, the '%' cell named."""
    result = ingest_rows([*HEAD, ["Dzimušo skaits", "%", 8, 9], ["Bērni 0-17", None, 300, "12,5 %"],
                          ["Population", "uz 1000 iedzīvotājiem", 7.5, 7.1]], name="Dati")
    assert result.report.flatten(["code", "severity", "row", "column"]) == [
        ["kind-mismatch", "error", 3, "C"],
        ["kind-mismatch", "error", 3, "D"],
        ["kind-mismatch", "error", 4, "C"],
        ["percent-sign", "info", 4, "D"],
        ["percent-on-count", "warning", 4, "D"],
        ["kind-mismatch", "error", 4, "D"],
        ["fraction-on-count", "warning", 5, "C"],
        ["kind-mismatch", "error", 5, "C"],
        ["fraction-on-count", "warning", 5, "D"],
        ["kind-mismatch", "error", 5, "D"],
    ]
    assert tuples(result) == []
    assert [(c.label, c.matched, c.said) for c in result.label_choices] == [
        ("Dzimušo skaits", "births", "proportion"), ("Bērni 0-17", "children_0_17", "proportion"),
        ("Population", "population_total", "rate"),
    ]


def test_long_table_headed_skaits_is_a_count(ingest_rows, tuples):
    """Given a long table whose only number column is 'Skaits' / When a row names a share / Then that row is held."""
    result = ingest_rows([["Pašvaldība", "Rādītājs", "Gads", "Skaits"],
                          ["Cēsu novads", "Bērnu īpatsvars", 2023, 21],
                          ["Cēsu novads", "Dzimušie", 2023, 290]])
    assert result.report.flatten(["code", "row", "column"]) == [["kind-mismatch", 2, "D"]]
    assert tuples(result) == [(CESIS, "births", 2023, 290.0, None)]


def test_ambiguous_numbers_are_warnings_with_their_cell(ingest_rows, tuples):
    """Given '1,234' and '12,5' for a count / When ingested / Then stored the Latvian way, each cell warned."""
    result = ingest_rows([*HEAD, ["Bērnu skaits (0–17 gadi)", "bērni", "1,234", "12,5"]])
    assert result.report.flatten(["code", "severity", "row", "column"]) == [
        ["ambiguous-number", "warning", 3, "C"],
        ["decimal-comma", "info", 3, "C"],
        ["fraction-on-count", "warning", 3, "C"],
        ["decimal-comma", "info", 3, "D"],
        ["fraction-on-count", "warning", 3, "D"],
    ]
    assert result.report.issues[0].message.split(" / ")[1] == (
        "'1,234' read as a decimal with a decimal comma, not as 1234; if 1234 was meant, correct the file"
    )
    assert tuples(result) == [(CESIS, "children_0_17", 2022, 1.234, None), (CESIS, "children_0_17", 2023, 12.5, None)]


def test_catalogue_names_and_units_say_their_own_kind(cat):
    """Given every indicator's names and units / When read as a file's words / Then none contradicts its kind."""
    units = count_units(cat)
    wrong = [
        (i.id, text)
        for i in cat.indicators
        for text, as_unit in ((i.name_lv, False), (i.name_en, False), (i.unit_lv, True), (i.unit_en, True))
        if (said := said_by_words(text, count_units=units if as_unit else frozenset())) and not agrees(said, i)
    ]
    assert wrong == []


def test_unmatched_labels_suggest_their_kind(ingest_rows):
    """Given an unknown label with whole numbers / When suggestions are ranked / Then no rate or share is offered."""
    result = ingest_rows([*HEAD, ["Skolēni vasaras darbos (pašvaldības dati)", None, 3, 5],
                          ["Skolēni vasaras darbos (pēc aptaujas)", "uz 1000 skolēniem", 3.5, 5.1]])
    assert [(c.reason, c.said, c.suggestions[:2], c.preselect) for c in result.label_choices] == [
        (UNMATCHED, "count", ("pupils_total", "municipal_public_buildings"), None),
        (UNMATCHED, "rate", ("summer_jobs_pupils_rate",), None),
    ]
