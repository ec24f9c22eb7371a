"""Every label and message the dashboard shows, looked up in one catalogue (translations.yaml), Latvian first."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import streamlit as st
import yaml

LANGS = ("lv", "en")
DEFAULT_LANG = "lv"
LANG_KEY = "lang"
TRANSLATIONS = Path(__file__).resolve().parent / "translations.yaml"


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """The translation catalogue, read once per process: {key: {"lv": …, "en": …}}."""
    with TRANSLATIONS.open(encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    return {str(k): {lang: str(v[lang]) for lang in LANGS} for k, v in raw.items()}


def lang() -> str:
    """The language the user chose in the sidebar (Latvian until they switch)."""
    chosen = st.session_state.get(LANG_KEY)
    return chosen if chosen in LANGS else DEFAULT_LANG


def t(key: str, **params: Any) -> str:
    """The text for key in the current language; a missing key shows itself so a test can catch it."""
    entry = catalogue().get(key)
    if entry is None:
        return f"⟨{key}⟩"
    text = entry[lang()]
    return text.format(**params) if params else text


def name(record: Any) -> str:
    """A catalogue record's name (domain, indicator, municipality, area) in the current language."""
    if record is None:
        return "–"
    return getattr(record, f"name_{lang()}") or record.name_lv


def field(record: Any, stem: str) -> str:
    """A bilingual field of a catalogue record (definition, unit, description) in the current language."""
    value = getattr(record, f"{stem}_{lang()}", None) or getattr(record, f"{stem}_lv", None)
    return value or ""


def domain_short(domain: Any) -> str:
    """'7. Ārpusģimenes aprūpe': the guidance's number and a short name, for a chart axis (hover has the full name)."""
    return f"{domain.no}. {t(f'domain_short.{domain.no}')}"


def short_place(full: str) -> str:
    """'Ādažu novads' → 'Ādažu', 'Ādaži municipality' → 'Ādaži' for a narrow axis; city names stay whole."""
    return full.removesuffix(" novads").removesuffix(" municipality")
