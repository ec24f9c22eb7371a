"""The territorial crosswalk: units with validity dates and the changes since 2009, checked as data."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from analysis.catalogue import CatalogueError, catalogue
from analysis.paths import DATA_DIR
from analysis.territory import load_territory, territory


def test_units_in_force_follow_the_2021_reform_and_the_2025_merger():
    """Given the crosswalk, When counting units in force on a day, Then 119 before the reform (110 novadi and
    9 republic cities), 43 after it, 42 from the Varakļāni merger — counted from validity dates."""
    t = territory()
    before = t.units_on(date(2021, 6, 30))
    assert len(before) == 119
    assert sum(u.type == "novads" for u in before) == 110 and sum(u.type == "republic_city" for u in before) == 9
    assert len(t.units_on(date(2021, 7, 1))) == len(catalogue().municipalities) == 43
    assert {u.code for u in t.units_on(date(2025, 7, 1))} == {
        m.code for m in catalogue().municipalities_valid_on(date(2025, 7, 1))}
    assert len(t.units_on(date(2025, 7, 1))) == 42


def test_every_pre_reform_unit_goes_into_a_2021_unit_and_every_2021_unit_has_predecessors():
    """Given the 2021 reform, Then each of the 119 old units has a successor among the 43, each of the 43 is
    formed from at least one old unit, and the one split unit (Inčukalna novads) is named as split."""
    t = territory()
    reform = [c for c in t.changes if c.kind == "reform"]
    old = {u.code for u in t.units_on(date(2021, 6, 30))}
    new = {u.code for u in t.units_on(date(2021, 7, 1))}
    assert {c.predecessor for c in reform} == old
    assert {c.successor for c in reform} == new
    split = {c.predecessor for c in reform if c.part == "part"}
    assert {t.unit(code).name_lv for code in split} == {"Inčukalna novads"}
    assert {t.unit(c.successor).name_lv for c in reform if c.part == "part"} == {"Siguldas novads", "Ropažu novads"}
    cesis = next(g for g in t.groups() if g.successor == "LV0026000" and g.date.year == 2021)
    assert sorted(t.unit(p).name_lv for p in cesis.predecessors) == sorted([
        "Amatas novads", "Cēsu novads", "Jaunpiebalgas novads", "Līgatnes novads", "Pārgaujas novads",
        "Priekuļu novads", "Vecpiebalgas novads"])
    assert t.unit(cesis.continuing).name_lv == "Cēsu novads"


def test_the_2025_merger_sums_varaklani_into_madona_from_2025():
    """Given the 2025 merger, Then Madonas novads is formed from itself (continuing) and Varakļānu novads, the
    first year on the new territory is 2025, and old Varakļāni units lead to Madona today."""
    t = territory()
    [g] = [g for g in t.groups() if g.date == date(2025, 7, 1)]
    assert (g.successor, g.predecessors, g.continuing, g.first_data_year) == (
        "LV0038000", ("LV0038000", "LV0055000"), "LV0038000", 2025)
    assert t.successor_today("LV-102") == "LV0038000"  # pre-2021 Varakļānu novads
    assert t.successor_today("LV-075") == "LV0026000"  # Priekuļu novads
    assert t.successor_today("LV-037") is None  # Inčukalna novads was split


def test_units_not_sure_of_say_so_in_the_note():
    """Given the units recalled rather than checked, Then their note says to check them (no silent guesses)."""
    t = territory()
    for name in ("Inčukalna novads", "Apes novads", "Strenču novads", "Mērsraga novads"):
        [unit] = [u for u in t.units if u.name_lv == name]
        assert unit.note and "check" in unit.note


@pytest.mark.parametrize("edit, where", [
    (("territorial_changes.csv", "LV-075,LV0026000", "LV-999,LV0026000"), "'predecessor'"),
    (("territorial_units.csv", "2009-07-01,2021-06-30,", "2009-07-01,2008-06-30,"), "'valid_to'"),
    (("territorial_changes.csv", "2025-07-01,2025,merger", "2025-07-01,2027,merger"), "'first_data_year'"),
])
def test_a_broken_crosswalk_names_file_row_and_column(tmp_path, edit, where):
    """Given a crosswalk with an unknown code, an end before its start or an impossible first year, When loaded,
    Then CatalogueError names the file, the row and the column in Latvian and English."""
    for name in ("territorial_units.csv", "territorial_changes.csv"):
        shutil.copy(DATA_DIR / name, tmp_path / name)
    name, old, new = edit
    path = tmp_path / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CatalogueError) as err:
        load_territory(tmp_path)
    assert name in str(err.value) and "rinda/row" in str(err.value) and where in str(err.value)
