"""The catalogue files load, hold what the guidance asks for, and a malformed file fails with a precise message."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from analysis.catalogue import CatalogueError, load_catalogue
from analysis.paths import DATA_DIR


def test_sixteen_domains_in_guidance_order(cat):
    """Given the catalogue / When loaded / Then it has the 16 domains numbered as in the BAC guidance."""
    assert [(d.no, d.name_en) for d in cat.domains] == [
        (1, "Demography"),
        (2, "Education"),
        (3, "Leisure"),
        (4, "Accessibility"),
        (5, "Health care"),
        (6, "Social support"),
        (7, "Out-of-family care"),
        (8, "Offences and prevention"),
        (9, "Safe environment"),
        (10, "Institutions"),
        (11, "Children's participation"),
        (12, "Public and parent education"),
        (13, "Youth employment"),
        (14, "Civil protection"),
        (15, "Children with special needs"),
        (16, "Human trafficking"),
    ]


def test_every_domain_has_at_least_six_indicators(cat):
    """Given the indicator catalogue / When counted per domain / Then every domain has six or more."""
    counts = {d.no: len(cat.indicators_of(d.no)) for d in cat.domains}
    assert min(counts.values()) >= 6, counts
    assert len(cat.indicators) >= 96


def test_rates_and_proportions_name_existing_count_denominators(cat):
    """Given rate and proportion indicators / When their denominators are looked up / Then each is a count."""
    for ind in cat.indicators:
        if ind.denominator:
            assert cat.indicator(ind.denominator).kind == "count", ind.id


def test_units_counted_by_validity_dates(cat):
    """Given the territorial units / When counted on a date / Then 43 at the end of 2024 and 42 since July 2025."""
    assert len(cat.municipalities_valid_on(date(2024, 12, 31))) == 43
    assert len(cat.municipalities_valid_on(date(2025, 12, 31))) == 42
    types = [m.type for m in cat.municipalities_valid_on(date(2024, 12, 31))]
    assert (types.count("state_city"), types.count("novads")) == (7, 36)
    varaklani = cat.areas_index.municipality("Varakļānu novads")
    assert (varaklani.valid_to, varaklani.successor) == (date(2025, 6, 30), "LV0038000")


def _copy_data(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "indicators.csv",
            ",count,",
            ",counted,",
            "kolonna/column 'kind': nederīga vērtība / invalid value",
        ),
        (
            "municipalities.csv",
            "LV0026000,0026000",
            "LV26000,0026000",
            "kolonna/column 'code': nederīga vērtība / invalid value",
        ),
        (
            "indicators.csv",
            ",count,1000,no_judgement,population_total,uz 1000 iedzīvotājiem,",
            ",count,1000,no_judgement,population_total,,",
            "a count with a denominator needs 'per', 'rate_unit_lv' and 'rate_unit_en'",
        ),
        (
            "domains.csv",
            "16,trafficking",
            "17,trafficking",
            "domains.csv: jomām jābūt numurētām 1–16 / domains must be numbered 1–16",
        ),
        (
            "municipalities.csv",
            "LV0055000,0055000,Varakļānu novads,Varakļāni municipality,novads,VIDZEME,LV-102,2021-07-01,2025-06-30",
            "LV0055000,0055000,Varakļānu novads,Varakļāni municipality,novads,VIDZEME,LV-102,2021-07-01,2025-13-30",
            "municipalities.csv, rinda/row 43, kolonna/column 'valid_to': nederīga vērtība / invalid value",
        ),
    ],
)
def test_malformed_file_fails_loudly_naming_file_row_column(tmp_path, file, old, new, message):
    """Given a catalogue file with one bad cell / When loaded / Then CatalogueError names the file, row and column."""
    data = _copy_data(tmp_path)
    path = data / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CatalogueError) as err:
        load_catalogue(data)
    assert message in str(err.value)
    assert file in str(err.value)


def test_missing_column_is_named(tmp_path):
    """Given an indicator file without its polarity column / When loaded / Then the missing column is named."""
    data = _copy_data(tmp_path)
    path = data / "indicators.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].replace("polarity", "polaritate")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="indicators.csv: trūkst kolonnu / missing columns: polarity"):
        load_catalogue(data)


def test_every_count_with_a_population_behind_it_has_a_denominator(cat):
    """Given the project's catalogue / When its count indicators are listed / Then each has a denominator, a
    base and the rate's unit in both languages (so it is judged as a rate), except the population itself."""
    counts = [i for i in cat.indicators if i.kind == "count"]
    assert [i.id for i in counts if not i.denominator] == ["population_total"]
    for i in counts:
        if i.denominator:
            assert i.per in (100, 1000, 10000) and i.rate_unit_lv.startswith("uz ") and i.rate_unit_en.startswith("per ")
