"""Next year's file in minutes: a label mapped once is applied automatically to the next upload."""

from __future__ import annotations

from analysis.access import Actor, Role
from analysis.ingest import ingest_path
from analysis.store import current_observations, custom_labels

HEADER = "municipality,indicator,year,value\n"


def test_mapping_made_once_is_remembered_for_next_file(tmp_path, engine, cat):
    """Given a file whose label is mapped by the user / When next year's file uses the label / Then it maps itself."""
    first = tmp_path / "cesis_2023.csv"
    first.write_text(HEADER + "Cēsu novads,Jaundzimušo skaits,2023,310\n", encoding="utf-8")
    result, stored = ingest_path(
        first, engine=engine, catalogue=cat, actor=Actor(name="t", role=Role.NATIONAL_ANALYST), mappings={"Jaundzimušo skaits": "births"}
    )
    assert stored is not None and result.report.valid
    assert custom_labels(engine)[["label", "mapped_to"]].values.tolist() == [["Jaundzimušo skaits", "births"]]

    second = tmp_path / "cesis_2024.csv"
    second.write_text(HEADER + "Cēsu novads,Jaundzimušo skaits,2024,298\n", encoding="utf-8")
    result, stored = ingest_path(second, engine=engine, catalogue=cat, actor=Actor(name="t", role=Role.NATIONAL_ANALYST))
    assert stored is not None and result.custom_indicators == []
    cur = current_observations(engine)
    assert cur[["municipality_code", "indicator", "year", "value"]].values.tolist() == [
        ["LV0026000", "births", 2023, 310.0],
        ["LV0026000", "births", 2024, 298.0],
    ]


def test_unknown_municipality_names_are_listed_for_mapping(tmp_path, cat):
    """Given a file naming a municipality that does not exist / When read / Then its name is listed once, in order."""
    path = tmp_path / "typos.csv"
    path.write_text(
        HEADER + "Cēsu nvads,births,2023,310\nCēsu nvads,births,2024,300\nLudzs,births,2024,90\n", encoding="utf-8"
    )
    result, stored = ingest_path(path, engine=None, catalogue=cat, actor=Actor(name="t", role=Role.NATIONAL_ANALYST))
    assert stored is None and not result.report.valid
    assert result.unknown_municipalities == ["Cēsu nvads", "Ludzs"]
