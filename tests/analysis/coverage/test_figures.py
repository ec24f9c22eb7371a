"""The BAC figures, exactly as the 2024 report defines them, from the fixture surveys and from the database."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.access import Actor, Role
from analysis.coverage.figures import compare_years, coverage_figures, round_pct, status_changes
from analysis.coverage.survey import parse_survey_workbook
from analysis.store import current_survey
from tests.analysis.coverage.parameters import BAC_2024
from tests.analysis.coverage.sheets import FIXTURES, SAMPLES, raw_workbook


def _survey(cat, name: str) -> pd.DataFrame:
    path = SAMPLES / name if name.endswith("_sintetiski.xlsx") else FIXTURES / name
    frame, report = parse_survey_workbook(raw_workbook(path), catalogue=cat)
    assert report.valid, report.flatten(["code", "row", "column"])
    return frame


@pytest.fixture(scope="module")
def survey_2024(cat):
    return _survey(cat, "survey_2024_lv.xlsx")


@pytest.fixture(scope="module")
def figures_2024(cat, survey_2024):
    return coverage_figures(survey_2024, catalogue=cat, intervals=True)


def _pcts(frame: pd.DataFrame, keys) -> dict[str, float]:
    by_key = frame.set_index("key")
    return {k: round_pct(by_key.at[k, "pct"]) for k in keys}


@pytest.mark.parametrize(
    "name",
    [
        "survey_2024_lv.xlsx",
        "survey_2024_en_shuffled.xlsx",
        "survey_2024_lv.csv",
        "survey_2024_sintetiski.xlsx",
        "survey_2024_en_sintetiski.xlsx",
    ],
)
def test_bac_2024_figures_are_reproduced(cat, name):
    """Given a 2024 survey: our fixtures (Latvian xlsx or ';'-separated CSV, English with shuffled headings and
    mixed yes/no spellings) and the committed samples in sample_municipalities/ (Latvian and English)
    When the figures are computed
    Then they equal the published ones: 18.6 / 25.6 / 55.8 % of 43; of 19: 47.4, 47.4, 68.4 and 21.1 %."""
    fig = coverage_figures(_survey(cat, name), catalogue=cat)
    got = {
        "n": fig.n,
        "programme_status_n": dict(zip(fig.status["key"], fig.status["count"].tolist())),
        "programme_status_pct": _pcts(fig.status, ["developed", "in_other_documents", "not_developed"]),
        "with_programme_or_elements": fig.with_programme_or_elements,
        "of_those_pct": _pcts(
            fig.of_those, ["conclusions", "action_plan", "monitoring_any", "monitoring_institutions_only"]
        ),
        "children_views_missing": len(fig.children_views_missing),
        "outdated": len(fig.outdated),
    }
    assert got == BAC_2024


def test_counts_and_n_stand_beside_every_share(figures_2024):
    """Given the 2024 figures
    When the 'of those' table is read
    Then each share has its count and n = 19."""
    rows = figures_2024.of_those[["key", "count", "n"]].values.tolist()
    assert rows == [
        ["conclusions", 9, 19],
        ["action_plan", 9, 19],
        ["monitoring_any", 13, 19],
        ["monitoring_complete", 9, 19],
        ["monitoring_institutions_only", 4, 19],
        ["monitoring_none", 6, 19],
        ["children_views", 15, 19],
        ["children_views_missing", 4, 19],
    ]


def test_wilson_intervals_on_request(cat, survey_2024, figures_2024):
    """Given the 2024 figures with intervals requested
    When the developed share (8 of 43) is read
    Then its 95 % Wilson interval is 9.7–32.6 %; without the request there are no interval columns."""
    row = figures_2024.status.set_index("key").loc["developed"]
    assert (round_pct(row["ci_low"]), round_pct(row["ci_high"])) == (9.7, 32.6)
    plain = coverage_figures(survey_2024, catalogue=cat)
    assert "ci_low" not in plain.status.columns


def test_term_lengths_and_open_ended(figures_2024):
    """Given the 2024 figures
    When Diagram 2 is built (term = end year − start year)
    Then terms run 2 to 6 years over 18 documents, and the one open-ended programme (since 2015) stands apart."""
    assert figures_2024.term_lengths.values.tolist() == [[2, 3], [3, 4], [4, 4], [5, 3], [6, 4]]
    assert (figures_2024.term_open_ended, figures_2024.term_unknown) == (1, 0)
    assert figures_2024.open_ended[["name_lv", "start_year"]].values.tolist() == [["Talsu novads", 2015]]
    assert figures_2024.diagram(2).equals(figures_2024.term_lengths)


def test_outdated_and_children_views_missing(figures_2024):
    """Given the 2024 figures
    When the lists are read
    Then the three outdated programmes and the four without children's views are named."""
    assert figures_2024.outdated["name_lv"].tolist() == ["Bauskas novads", "Ludzas novads", "Talsu novads"]
    assert figures_2024.children_views_missing["name_lv"].tolist() == [
        "Dobeles novads", "Ludzas novads", "Madonas novads", "Ogres novads",
    ]


def test_domain_matrix_and_counts(figures_2024):
    """Given the 2024 figures
    When the municipality × domain matrix is read
    Then it has the 19 municipalities by 16 domains and the published per-domain counts (7: 7, 8: 8, 5: 9)."""
    matrix = figures_2024.domain_matrix
    assert matrix.shape == (19, 4 + 16)
    counts = dict(zip(figures_2024.domain_counts["domain"], figures_2024.domain_counts["count"].tolist()))
    assert counts == {1: 17, 2: 17, 3: 6, 4: 1, 5: 9, 6: 13, 7: 7, 8: 8, 9: 2, 10: 9, 11: 4, 12: 3, 13: 1,
                      14: 1, 15: 1, 16: 1}
    assert {k: int(matrix[k].sum()) for k in range(1, 17)} == counts
    liepaja = matrix.set_index("name_lv").loc["Liepāja", list(range(1, 17))].tolist()
    assert liepaja == [True] * 16


def test_the_five_diagrams(figures_2024):
    """Given the 2024 figures
    When the rows behind diagrams 1, 3, 4 and 5 are asked for
    Then each has counts, n and shares in the report's categories."""
    def rows(no):
        d = figures_2024.diagram(no)
        return [[k, c, n, round_pct(p)] for k, c, n, p in d[["key", "count", "n", "pct"]].values.tolist()]

    assert rows(1) == [["developed", 8, 43, 18.6], ["in_other_documents", 11, 43, 25.6],
                       ["not_developed", 24, 43, 55.8]]
    assert rows(3) == [["yes", 9, 19, 47.4], ["no", 10, 19, 52.6]]
    assert rows(4) == [["yes", 9, 19, 47.4], ["no", 10, 19, 52.6]]
    assert rows(5) == [["complete", 9, 19, 47.4], ["institutions_only", 4, 19, 21.1], ["none", 6, 19, 31.6]]
    with pytest.raises(ValueError):
        figures_2024.diagram(6)


def test_figures_from_the_database_equal_figures_from_the_file(engine, cat, survey_2024):
    """Given the 2024 survey stored and read back through current_survey
    When the figures are computed from the database rows
    Then they equal those computed from the parsed file."""
    from analysis.ingest.storing import ingest_path

    ingest_path(FIXTURES / "survey_2024_lv.xlsx", engine=engine, catalogue=cat,
                actor=Actor(name="tester", role=Role.NATIONAL_ANALYST))
    a = coverage_figures(survey_2024, catalogue=cat)
    b = coverage_figures(current_survey(engine), catalogue=cat)
    for name in ("status", "of_those", "monitoring", "term_lengths", "domain_counts"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), check_dtype=False)
    assert b.outdated["name_lv"].tolist() == a.outdated["name_lv"].tolist()


def test_one_region_only(cat, survey_2024):
    """Given the 2024 survey filtered to Kurzeme
    When the figures are computed
    Then n is Kurzeme's municipalities and shares are of them."""
    kurzeme = {m.code for m in cat.municipalities if m.region == "KURZEME"}
    fig = coverage_figures(survey_2024[survey_2024["municipality_code"].isin(kurzeme)], catalogue=cat)
    assert (fig.n, fig.status["count"].tolist(), fig.with_programme_or_elements) == (8, [2, 2, 4], 4)


def test_several_years_need_a_choice(cat, survey_2024):
    """Given two survey rounds in one frame
    When figures are asked without naming the year
    Then it is refused; naming the year works."""
    both = pd.concat([_survey(cat, "survey_2022_lv.xlsx"), survey_2024], ignore_index=True)
    with pytest.raises(ValueError):
        coverage_figures(both, catalogue=cat)
    assert coverage_figures(both, catalogue=cat, survey_year=2022).status["count"].tolist() == [7, 11, 25]


def test_compare_years(cat, survey_2024):
    """Given the 2022 and 2024 rounds
    When compared
    Then status counts, shares and their change since 2022 (counts and percentage points) are listed."""
    both = pd.concat([_survey(cat, "survey_2022_lv.xlsx"), survey_2024], ignore_index=True)
    table = compare_years(both)
    got = [[y, s, c, n, round_pct(p), None if pd.isna(dc) else int(dc), round_pct(pp)]
           for y, s, c, n, p, dc, pp in table[["survey_year", "status", "count", "n", "pct", "change_count",
                                               "change_pp"]].values.tolist()]
    assert got == [
        [2022, "developed", 7, 43, 16.3, None, None],
        [2022, "in_other_documents", 11, 43, 25.6, None, None],
        [2022, "not_developed", 25, 43, 58.1, None, None],
        [2022, "with_programme_or_elements", 18, 43, 41.9, None, None],
        [2024, "developed", 8, 43, 18.6, 1, 2.3],
        [2024, "in_other_documents", 11, 43, 25.6, 0, 0.0],
        [2024, "not_developed", 24, 43, 55.8, -1, -2.3],
        [2024, "with_programme_or_elements", 19, 43, 44.2, 1, 2.3],
    ]
    changes = status_changes(both, catalogue=cat)
    assert changes[["name_lv", "from_status", "to_status"]].values.tolist() == [
        ["Cēsu novads", "in_other_documents", "developed"],
        ["Madonas novads", "not_developed", "in_other_documents"],
        ["Rēzeknes novads", "developed", "not_developed"],
        ["Valmieras novads", "not_developed", "developed"],
    ]


@pytest.mark.parametrize(("value", "expected"), [(18.6046, 18.6), (18.65, 18.7), (21.05, 21.1), (0.05, 0.1),
                                                 (47.3684, 47.4), (None, None)])
def test_round_pct_is_half_up(value, expected):
    """Given a percentage on a rounding boundary
    When rounded to one decimal
    Then half goes up, as in the published report."""
    assert round_pct(value) == expected


def test_empty_survey_gives_empty_figures(cat):
    """Given no answers at all (a page opened before any survey is loaded)
    When the figures and the comparison are computed
    Then n is 0, shares are missing rather than an exception, and the tables are empty with their columns."""
    from analysis.coverage.survey import empty_survey_frame

    fig = coverage_figures(empty_survey_frame(), catalogue=cat, intervals=True)
    assert (fig.n, fig.with_programme_or_elements, fig.status["count"].tolist()) == (0, 0, [0, 0, 0])
    assert fig.status["pct"].isna().all() and fig.domain_matrix.shape == (0, 20)
    assert list(compare_years(empty_survey_frame()).columns) == [
        "survey_year", "status", "label_lv", "label_en", "count", "n", "pct", "change_count", "change_pp"]
    assert len(status_changes(empty_survey_frame(), catalogue=cat)) == 0
