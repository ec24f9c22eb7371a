"""Text normalisation shared by every matcher, so that 'Cēsu novads' and 'CESU  NOVADS' meet."""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")
_PUNCT = re.compile(r"[\"'`´’‘“”„«»]")


def fold(text: object) -> str:
    """Case-, diacritic- and whitespace-insensitive key for matching names typed by people."""
    if text is None:
        return ""
    s = str(text).replace("\u00a0", " ").replace("\u2009", " ").replace("\u202f", " ")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = _PUNCT.sub("", s).casefold()
    return _SPACE.sub(" ", s).strip()


def clean_label(text: object) -> str:
    """A label as shown to people: hierarchy dots, stray quotes and outer blanks removed."""
    if text is None:
        return ""
    s = str(text).replace("\u00a0", " ").strip()
    s = s.lstrip(".").strip()
    return _SPACE.sub(" ", s)
