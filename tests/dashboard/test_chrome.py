"""Streamlit's own words are swapped into the page's language from one list in translations.yaml."""

from __future__ import annotations

from dashboard.chrome import pairs


def test_streamlit_words_go_into_the_page_language_both_ways():
    """Given the chrome entries, Then a Latvian page swaps Streamlit's English for Latvian, an English page the
    reverse (after a switch), and 'Help for X' and 'Remove X' keep their X."""
    to_lv, prefixes_lv = pairs("lv")
    to_en, prefixes_en = pairs("en")
    assert to_lv["Skip to main content"] == "Pāriet uz galveno saturu"
    assert to_lv["Download plot as a PNG"] == "Lejupielādēt attēlu (PNG)"
    assert to_en == {lv: en for en, lv in to_lv.items()}
    assert prefixes_lv == [("Help for ", "Palīdzība: "), ("Remove ", "Noņemt: ")]
    assert prefixes_en == [("Palīdzība: ", "Help for "), ("Noņemt: ", "Remove ")]
    assert all(en != lv for en, lv in to_lv.items())
