"""Text normalisation shared by every matcher, so that 'Cēsu novads' and 'CESU  NOVADS' meet."""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")
_PUNCT = re.compile(r"[\"'`´’‘“”„«»]")
# hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar, minus: people type any of them
_DASH = re.compile(r"\s*[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212]\s*")


# every combining mark of the Basic Multilingual Plane, dropped in one C-level pass after decomposition
_MARKS = re.compile("[" + "".join(re.escape(chr(c)) for c in range(0x10000) if unicodedata.combining(chr(c))) + "]")


def fold(text: object) -> str:
    """Case-, diacritic-, quote-, dash- and whitespace-insensitive key: 'Bērni - cietušie' meets 'Bērni – cietušie'."""
    if text is None:
        return ""
    s = str(text)
    if not s.isascii():
        s = _MARKS.sub("", unicodedata.normalize("NFKD", s))
    s = _DASH.sub("-", _PUNCT.sub("", s).casefold())
    return " ".join(s.split())


def clean_label(text: object) -> str:
    """A label as shown to people: hierarchy dots, stray quotes and outer blanks removed."""
    if text is None:
        return ""
    s = str(text).replace("\u00a0", " ").strip()
    s = s.lstrip(".").strip()
    return _SPACE.sub(" ", s)
