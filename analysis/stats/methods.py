"""The methods page text, Latvian and English, kept beside the code it describes."""

from __future__ import annotations

from pathlib import Path

_DIR = Path(__file__).resolve().parent
LANGS = ("lv", "en")


def methods_text(lang: str = "lv") -> str:
    """The plain-language methods write-up (Markdown) for the 'Data & methods' page."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, got {lang!r}")
    return (_DIR / f"methods_{lang}.md").read_text(encoding="utf-8")
