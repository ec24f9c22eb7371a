"""What a programme record says, decided once: coverage flags, term, data years, up to date on a day."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from analysis.programme.model import Conclusion, MonitoringEntry, Programme
from tests.analysis.programme.parameters import complete, gaps


def test_json_round_trip_is_exact():
    """Given a full record / When written to JSON and read back / Then it is equal, dates and tuples included."""
    p = complete()
    assert Programme.from_dict(json.loads(json.dumps(p.to_dict()))) == p


def test_flags_of_a_complete_and_a_gappy_programme():
    """Given the two shared records / Then conclusions, action plan, monitoring level and views read as BAC counts."""
    full, gap = complete(), gaps()
    assert (full.has_conclusions(), full.has_action_plan(), full.monitoring_level(), full.has_children_views()) == (
        True, True, "complete", True)
    assert (gap.has_conclusions(), gap.has_action_plan(), gap.monitoring_level(), gap.has_children_views()) == (
        True, True, "institutions_only", False)
    assert replace(gap, monitoring=()).monitoring_level() == "none"
    assert gap.term_years() == 7 and gap.covered_domains() == (2,)


def test_data_years_fall_back_to_the_pinned_indicators():
    """Given no stated data years / Then the span of the pinned indicators' series is used."""
    p = replace(complete(), data_from_year=None, data_to_year=None)
    assert p.data_years() == (2021, 2023)
    assert replace(p, conclusions=()).data_years() == (None, None)


def test_up_to_date_on_a_day():
    """Given terms / Then in force counts, an ended one does not, open-ended only within three years of its start."""
    day = date(2024, 10, 1)
    base = Programme(municipality_code="LV0026000", status="adopted", decision_date=date(2014, 12, 1))
    assert replace(base, start_year=2023, end_year=2027).up_to_date_on(day)
    assert not replace(base, start_year=2019, end_year=2023).up_to_date_on(day)
    assert not replace(base, start_year=2015, open_ended=True).up_to_date_on(day)
    assert replace(base, start_year=2022, open_ended=True).up_to_date_on(day)
    assert replace(base, start_year=2025, end_year=2027).up_to_date_on(day)  # adopted ahead of its start


def test_items_are_replaced_by_key_and_new_keys_never_reused():
    """Given a measure list / When an item with a known key is added / Then it replaces the old one."""
    p = gaps()
    p2 = p.with_item("monitoring", MonitoringEntry(key="U2", responsible="Bāriņtiesa"))
    assert [e.responsible for e in p2.monitoring] == ["Izglītības pārvalde", "Bāriņtiesa"]
    assert p2.next_key("measures", "M") == "M2"
    assert p.with_conclusion(Conclusion(domain=1, text="A")).conclusions[0].domain == 1
