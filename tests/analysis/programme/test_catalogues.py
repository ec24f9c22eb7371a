"""The guidance's lists as data files: read, checked, and a broken file named precisely."""

from __future__ import annotations

import shutil

import pytest

from analysis.catalogue import CatalogueError
from analysis.paths import DATA_DIR
from analysis.programme.catalogues import load_programme_catalogues

FILES = ("programme_measure_types.csv", "programme_monitoring_types.csv", "programme_participation.csv",
         "programme_good_practice.csv")


def test_lists_hold_the_guidance_choices():
    """Given data/ / When read / Then the measure and monitoring types are the guidance's, good practice per domain."""
    lists = load_programme_catalogues()
    assert lists.keys("measure_types") == (
        "education_children", "education_parents", "education_specialists", "violence_prevention",
        "support_services", "cooperation", "participation",
    )
    assert lists.keys("monitoring_types") == ("regular_check", "self_assessment", "report", "monitoring")
    assert {"survey", "discussion", "council", "campaign"} <= set(lists.keys("methods"))
    assert {"special_needs", "out_of_family_care"} <= set(lists.keys("groups"))
    assert [c.key for c in lists.good_practice_of(2)] == [
        "edu_unregistered_children", "edu_parents_compulsory", "edu_action_plan"]
    assert sorted({c.domain for c in lists.good_practice}) == [2, 5, 6, 7, 8, 10, 11, 15]
    assert lists.choice("monitoring_types", "report").name("en") == "Report"


@pytest.mark.parametrize(
    ("file", "bad", "expected"),
    [
        ("programme_good_practice.csv", "x_item,17,A,B\n", "programme_good_practice.csv, rinda/row 20, kolonna/column 'domain'"),
        ("programme_monitoring_types.csv", "report,Atkal,Again\n", "programme_monitoring_types.csv, rinda/row 6, kolonna/column 'key'"),
        ("programme_participation.csv", "colour,red,Sarkans,Red\n", "programme_participation.csv, rinda/row 19, kolonna/column 'list'"),
    ],
)
def test_a_broken_list_names_file_row_and_column(tmp_path, file, bad, expected):
    """Given one bad row appended / When read / Then CatalogueError names the file, row and column."""
    for name in FILES:
        shutil.copy(DATA_DIR / name, tmp_path / name)
    with (tmp_path / file).open("a", encoding="utf-8") as fh:
        fh.write(bad)
    with pytest.raises(CatalogueError) as err:
        load_programme_catalogues(tmp_path)
    assert expected in str(err.value)
