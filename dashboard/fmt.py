"""Numbers as people in Latvia write them: decimal comma, a (no-break) space between thousands."""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

import pandas as pd

from dashboard import i18n

NBSP = "\u00a0"
MINUS = "\u2212"
DASH = "–"
# plotly's `separators`: the decimal mark, then the thousands separator
PLOTLY_SEPARATORS = {"lv": "," + NBSP, "en": ".,"}


def _missing(x: Any) -> bool:
    if x is None or x is pd.NA or x is pd.NaT:
        return True
    try:
        return bool(isinstance(x, float) and math.isnan(x))
    except TypeError:
        return False


def number(x: Any, *, decimals: int = 0, lang: str | None = None, signed: bool = False) -> str:
    """1234.5 → '1 234,5' in Latvian, '1,234.5' in English; missing values show as a dash."""
    if _missing(x):
        return DASH
    lang = lang or i18n.lang()
    value = float(x)
    if value == 0:
        value = 0.0  # no "-0"
    text = f"{abs(value):,.{decimals}f}"
    if lang == "lv":
        text = text.replace(",", NBSP).replace(".", ",")
    rounded_zero = float(f"{abs(value):.{decimals}f}") == 0
    if value < 0 and not rounded_zero:
        text = MINUS + text
    elif signed and value > 0 and not rounded_zero:
        text = "+" + text
    elif signed and rounded_zero:
        text = "±" + text
    return text


def percent(x: Any, *, decimals: int = 1, lang: str | None = None, signed: bool = False) -> str:
    """A share already in percent (12.5 → '12,5 %' / '12.5%')."""
    if _missing(x):
        return DASH
    lang = lang or i18n.lang()
    body = number(x, decimals=decimals, lang=lang, signed=signed)
    return f"{body}{NBSP}%" if lang == "lv" else f"{body}%"


def arrow_of(change: float) -> str:
    """The metric arrow that matches the sign of a change analysis/ computed ('up', 'down', 'off' for none)."""
    return "up" if change > 0 else "down" if change < 0 else "off"


def integer(x: Any, *, lang: str | None = None) -> str:
    return number(x, decimals=0, lang=lang)


def day(x: Any, *, lang: str | None = None) -> str:
    """A date as 31.12.2024. in Latvian, 2024-12-31 in English."""
    if _missing(x):
        return DASH
    if isinstance(x, str):
        x = pd.Timestamp(x)
    if isinstance(x, (pd.Timestamp, datetime)):
        x = x.date() if not isinstance(x, date) or isinstance(x, datetime) else x
    lang = lang or i18n.lang()
    return f"{x.day:02d}.{x.month:02d}.{x.year}." if lang == "lv" else x.isoformat()


def moment(x: Any, *, lang: str | None = None) -> str:
    """A timestamp to the minute, in the viewer's language."""
    if _missing(x):
        return DASH
    ts = pd.Timestamp(x)
    lang = lang or i18n.lang()
    return f"{day(ts, lang=lang)} {ts:%H:%M}"


def _words(key: str, lang: str | None) -> str:
    return i18n.catalogue()[key][lang or i18n.lang()]


def year(x: Any, *, lang: str | None = None) -> str:
    """A programme's start or end year, or words for a year nobody gave (never 'None', never '?')."""
    return _words("common.year_not_given", lang) if _missing(x) else str(int(x))


def end_year(x: Any, *, open_ended: Any = False, lang: str | None = None) -> str:
    """An end year; an open-ended programme has none, and says so."""
    return _words("common.open_ended", lang) if not _missing(open_ended) and bool(open_ended) else year(x, lang=lang)


def period(start: Any, end: Any, *, open_ended: Any = False, lang: str | None = None) -> str:
    """'2022–2024', '2022–open-ended', 'year not given–2024'; or one phrase when neither end is known."""
    if _missing(start) and _missing(end) and (_missing(open_ended) or not open_ended):
        return _words("common.period_not_given", lang)
    return f"{year(start, lang=lang)}–{end_year(end, open_ended=open_ended, lang=lang)}"


def plotly_separators(lang: str | None = None) -> str:
    return PLOTLY_SEPARATORS[lang or i18n.lang()]


def shown(value: Any, display: Any, *, decimals: int = 1, kind: str = "", lang: str | None = None) -> str:
    """A value as analysis/ decided to show it: '<5' or 'x' when hidden, else formatted in the viewer's language."""
    if isinstance(display, str) and (display.startswith("<") or display == "x"):
        return display
    if _missing(value):
        return DASH
    if kind == "yes_no":
        return i18n.t("common.yes") if float(value) > 0 else i18n.t("common.no")
    return number(value, decimals=int(decimals), lang=lang)


def p_value(p: Any, *, lang: str | None = None) -> str:
    if _missing(p):
        return ""
    if float(p) < 0.001:
        return i18n.t("common.p_small")
    return i18n.t("common.p_value", p=number(p, decimals=3, lang=lang))

