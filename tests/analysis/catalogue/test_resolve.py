"""Every spelling people use for a municipality resolves to the right unit; the ambiguous pairs never mix."""

from __future__ import annotations

import pytest

from analysis.catalogue.models import Area, Municipality
from analysis.text import fold


def _spellings(m: Municipality) -> list[str]:
    return [m.name_lv, m.name_en, m.code, m.atvk, m.iso_3166_2, *m.aliases]


def test_every_official_name_code_and_alias_resolves(cat):
    """Given each unit's names, codes and aliases / When resolved in odd case and without diacritics / Then the same unit."""
    for m in cat.municipalities:
        for text in _spellings(m):
            for variant in (text, text.upper(), fold(text), f"  {text.lower()}  "):
                assert cat.areas_index.municipality(variant) == m, (variant, m.name_lv)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jelgava", "Jelgava"),
        ("Jelgavas novads", "Jelgavas novads"),
        ("Jelgava municipality", "Jelgavas novads"),
        ("JELGAVAS", "Jelgavas novads"),
        ("Jelgavas valstspilsēta", "Jelgava"),
        ("Rēzekne", "Rēzekne"),
        ("Rezeknes novads", "Rēzeknes novads"),
        ("Rēzekne municipality", "Rēzeknes novads"),
        ("Ventspils", "Ventspils"),
        ("Ventspils novads", "Ventspils novads"),
        ("ventspils municipality", "Ventspils novads"),
        ("Ventspils city", "Ventspils"),
        ("Daugavpils", "Daugavpils"),
        ("Daugavpils novads", "Augšdaugavas novads"),
        ("Augsdaugava municipality", "Augšdaugavas novads"),
        ("Cesis municipality", "Cēsu novads"),
        ("Cēsu nov.", "Cēsu novads"),
        ("Riga", "Rīga"),
        ("RIGAS VALSTSPILSETA", "Rīga"),
        ("LV0026000", "Cēsu novads"),
        ("0026000 Cēsu novads", "Cēsu novads"),
        ("LV-022", "Cēsu novads"),
        ("Varakļāni municipality", "Varakļānu novads"),
    ],
)
def test_spellings_and_ambiguous_pairs(cat, text, expected):
    """Given a label as exports and people write it / When resolved / Then the expected unit, never its namesake."""
    assert cat.areas_index.municipality(text).name_lv == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Latvija", "LV"),
        ("Latvia", "LV"),
        ("Kurzeme statistical region (before 01.01.2024.)", "KURZEME_2023"),
        ("Kurzeme statistical region (from 01.01.2024.)", "KURZEME"),
        ("Riga statistical region (Riga) (before 01.01.2024.)  ", "RIGA_2023"),
        ("Pierīgas statistiskais reģions", "PIERIGA_2023"),
        ("Zemgale statistical region", "ZEMGALE"),
    ],
)
def test_aggregates_are_areas_not_municipalities(cat, text, code):
    """Given an aggregate row label / When resolved / Then an Area, which is not a municipality."""
    hit = cat.areas_index.resolve(text)
    assert isinstance(hit, Area) and hit.code == code
    assert cat.areas_index.municipality(text) is None


def test_unknown_name_gets_closest_matches(cat):
    """Given a misspelt name / When resolved / Then nothing, and the closest official names are offered."""
    assert cat.areas_index.resolve("Cēsu nvads") is None
    assert cat.areas_index.closest("Cēsu nvads")[0] == "Cēsu novads"


def test_suggestions_rank_near_misses_and_respect_kinds(cat):
    """Given near misses / When suggested / Then the intended indicator first, only of the kinds asked, clear ones
    pre-selectable and vague ones not."""
    from analysis.catalogue.resolve import clear_best

    ix = cat.indicators_index
    near = ix.suggest("Zīdaiņu mirstība pēc SPKC datiem")
    assert near[0].id == "infant_mortality_rate" and clear_best(near) == "infant_mortality_rate"
    vague = ix.suggest("Bibliotēku apmeklējumi")
    assert vague[0].id == "public_libraries" and clear_best(vague) is None
    counts = ix.suggest("Bērnu skaits uz 1000 iedz.", kinds=("rate", "proportion"))
    assert "children_0_17" not in [s.id for s in counts]
    assert ix.suggest("", n=3) == []
