"""Cell values as people type them (decimal commas, '…', 'n/d', '2024.g.') turned into numbers, years and statuses.

Everything here works on whole pandas Series at once: a national workbook holds ~50,000 values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
import pandas as pd

from analysis.text import fold


class _FormulaWithoutValue:
    """Stands in for a formula cell the file saved without its computed value."""

    _instance: "_FormulaWithoutValue | None" = None

    def __new__(cls) -> "_FormulaWithoutValue":
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __str__(self) -> str:
        return ""

    def __repr__(self) -> str:
        return "FORMULA_WITHOUT_VALUE"


FORMULA_WITHOUT_VALUE = _FormulaWithoutValue()

STATUSES = ("not_available", "zero", "confidential", "estimate")

# Problems a single cell can have (the pipeline turns them into issues).
NOT_A_NUMBER = "not-a-number"
FORMULA = "formula-without-value"
NOT_A_YEAR = "not-a-year"
YEAR_OUT_OF_RANGE = "year-out-of-range"
NOT_YES_NO = "not-yes-no"
EXCEL_ERROR = "excel-error"
NOT_FINITE = "value-not-finite"
OUT_OF_RANGE = "value-out-of-range"

# what Excel shows (and calamine reads as text or blank) where a formula failed
EXCEL_ERRORS = frozenset(
    {"#DIV/0!", "#N/A", "#REF!", "#VALUE!", "#NAME?", "#NULL!", "#NUM!", "#GETTING_DATA", "#SPILL!", "#CALC!"}
)
_NOT_FINITE_TEXT = frozenset({"inf", "+inf", "-inf", "infinity", "+infinity", "-infinity", "nan", "-nan", "+nan"})

# Recognised but unusual forms (reported once per sheet and column, as info or warning).
FORM_DECIMAL_COMMA = "decimal-comma"
FORM_THOUSANDS = "thousands-separator"
FORM_PERCENT = "percent-sign"
FORM_TEXT_NUMBER = "number-as-text"
FORM_NOT_AVAILABLE = "not-available-marker"
FORM_ZERO_DASH = "zero-dash"
FORM_YEAR_SUFFIX = "year-with-suffix"
FORM_SCHOOL_YEAR = "school-year"
FORM_YEAR_FROM_DATE = "year-from-date"

MIN_YEAR, MAX_YEAR = 1950, 2100

# The largest plausible value per indicator kind: Latvia has under 2 million people, so no count of children,
# births or cases reaches ten million; a rate is at most a thousand events per person of its base; beyond 1e15 a
# float no longer holds whole numbers exactly, so no figure of any kind (shares have their own 100 % rule).
MAX_COUNT = 10_000_000
MAX_EVENTS_PER_PERSON = 1000
MAX_ANY = 1e15

# cells that are empty in all but name
BLANK_TEXT = ("", " ", "  ", "\t", "\u00a0")

# Folded text of a whole cell -> status; the value stays empty except for 'zero'.
STATUS_TOKENS: dict[str, str] = {
    "": "not_available",
    "…": "not_available",
    "..": "not_available",
    "...": "not_available",
    "n/d": "not_available",
    "nd": "not_available",
    "n.d.": "not_available",
    "nav datu": "not_available",
    "nav": "not_available",
    "n/a": "not_available",
    "na": "not_available",
    "not available": "not_available",
    "-": "zero",
    "–": "zero",
    "—": "zero",
    "c": "confidential",
    "x": "confidential",
    "konf.": "confidential",
    "konfidenciali": "confidential",
    "konfidencials": "confidential",
    "confidential": "confidential",
}

# What a status column may say (folded) -> the stored status.
STATUS_WORDS: dict[str, str | None] = {
    "": None,
    "not_available": "not_available",
    "not available": "not_available",
    "nav pieejams": "not_available",
    "nav datu": "not_available",
    "n/d": "not_available",
    "zero": "zero",
    "nulle": "zero",
    "confidential": "confidential",
    "konfidencials": "confidential",
    "konfidenciali": "confidential",
    "estimate": "estimate",
    "novertejums": "estimate",
    "aplese": "estimate",
    "provisional": "estimate",
    "provizorisks": "estimate",
}

YES_NO_WORDS: dict[str, float] = {
    "1": 1.0,
    "0": 0.0,
    "ja": 1.0,
    "ne": 0.0,
    "yes": 1.0,
    "no": 0.0,
    "true": 1.0,
    "false": 0.0,
    "ir": 1.0,
    "nav": 0.0,
    "patiess": 1.0,
    "aplams": 0.0,
}

# The same tokens as typed (lower case, with or without diacritics), for a vectorised lookup.
_TOKENS_LOWER: dict[str, str] = {
    **STATUS_TOKENS,
    "konfidenciāli": "confidential",
    "konfidenciāls": "confidential",
    "nav datu.": "not_available",
}

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_COMMA_DECIMAL = re.compile(r"^[+-]?\d*,\d+$")
_COMMA_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3}){2,}$")
_EU_MIXED = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+,\d+$")
_US_MIXED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+\.\d+$")
_YEAR_PLAIN = re.compile(r"^\s*(\d{4})\s*$")
_YEAR_SUFFIX = re.compile(r"^\s*(\d{4})\s*\.?\s*(g\.?|gads|gada|gadā|gadam|year|yr\.?)?\s*\.?\s*$", re.IGNORECASE)
_SCHOOL_YEAR = re.compile(r"^\s*(\d{4})\s*\.?\s*[/\-–]\s*(\d{2}|\d{4})\s*\.?\s*(m\.?\s*g\.?|mācību gads)?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class ParsedValues:
    """Numbers, statuses and per-cell problems and forms, aligned with the input Series."""

    value: pd.Series  # float64, NaN where there is no number
    status: pd.Series  # object: None or one of STATUSES
    problem: pd.Series  # object: None or a problem code
    form: pd.Series  # object: None or a form code
    percent: pd.Series  # bool: the cell carried a percent sign


def _types(raw: pd.Series) -> pd.Series:
    return raw.map(type, na_action=None)


def map_unique(raw: pd.Series, func) -> pd.Series:
    """Applies func once per distinct cell, not once per cell: columns of labels repeat a handful of values."""
    codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    mapped = np.empty(len(uniques) + 1, dtype=object)
    mapped[:] = [func(u) for u in uniques] + [func(None)]
    return pd.Series(mapped[codes], index=raw.index, dtype=object)


def map_unique_fields(raw: pd.Series, func, n: int) -> list[np.ndarray]:
    """Like map_unique for a func returning an n-tuple: one object array per field, aligned with raw."""
    codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    results = [func(u) for u in uniques] + [func(None)]
    take = np.where(codes < 0, len(uniques), codes)
    out = []
    for k in range(n):
        field = np.empty(len(results), dtype=object)
        field[:] = [r[k] for r in results]
        out.append(field[take])
    return out


def _is_missing(raw: pd.Series) -> pd.Series:
    return raw.isna()


def _text_numbers(text: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Numbers from text cells: (value, form, percent) with NaN where the text is not a number."""
    s = text.str.replace("\u2212", "-", regex=False)
    percent = s.str.endswith("%")
    s = s.str.removesuffix("%").str.strip()
    has_space = s.str.contains(r"\d[\s\u00a0\u202f\u2009']\d", regex=True)
    s = s.str.replace(_SPACES, "", regex=True)
    form = pd.Series(None, index=text.index, dtype=object)
    plain = s.str.match(_PLAIN)
    comma_dec = s.str.match(_COMMA_DECIMAL)
    comma_thou = s.str.match(_COMMA_THOUSANDS)
    eu_mixed = s.str.match(_EU_MIXED)
    us_mixed = s.str.match(_US_MIXED)
    out = s.copy()
    out = out.mask(comma_dec, s.str.replace(",", ".", regex=False))
    out = out.mask(comma_thou | us_mixed, s.str.replace(",", "", regex=False))
    out = out.mask(eu_mixed, s.str.replace(".", "", regex=False).str.replace(",", ".", regex=False))
    number_like = plain | comma_dec | comma_thou | eu_mixed | us_mixed
    value = pd.to_numeric(out.where(number_like), errors="coerce").astype("float64")
    form = form.mask(number_like, FORM_TEXT_NUMBER)
    form = form.mask(number_like & has_space, FORM_THOUSANDS)
    form = form.mask(comma_thou | us_mixed | eu_mixed, FORM_THOUSANDS)
    form = form.mask(comma_dec, FORM_DECIMAL_COMMA)
    form = form.mask(number_like & percent, FORM_PERCENT)
    return value, form, percent & number_like


def _parse_text(
    raw_text: pd.Series,
    *,
    value: pd.Series,
    status: pd.Series,
    problem: pd.Series,
    form: pd.Series,
    percent: pd.Series,
    text_source: bool,
) -> None:
    """The slow path for text that is not a plain number: markers ('…', '-', 'n/d') and Latvian number forms."""
    text = raw_text.astype(str).str.replace("\u00a0", " ", regex=False).str.strip()
    token = text.str.lower().map(_TOKENS_LOWER)
    has_token = token.notna()
    status[token.index[has_token]] = token[has_token]
    tok_form = token.map({"not_available": FORM_NOT_AVAILABLE, "zero": FORM_ZERO_DASH})
    tok_form[text == ""] = None
    form[tok_form.index[has_token]] = tok_form[has_token]
    zero = token == "zero"
    value[zero.index[zero]] = 0.0
    rest = text[~has_token]
    if len(rest):
        v, f, p = _text_numbers(rest)
        value[rest.index] = v
        if text_source:
            f = f.mask(f == FORM_TEXT_NUMBER, None)
        form[rest.index] = f
        percent[rest.index] = p
        bad = v.isna()
        problem[bad.index[bad]] = NOT_A_NUMBER
        error = rest.str.upper().isin(EXCEL_ERRORS)
        problem[error.index[error]] = EXCEL_ERROR
        infinite = rest.str.lower().isin(_NOT_FINITE_TEXT)
        problem[infinite.index[infinite]] = NOT_FINITE


def parse_values(raw: pd.Series, *, text_source: bool = False) -> ParsedValues:
    """Reads a column of cells as numbers; text_source (CSV) means text numbers are normal, not a form to report."""
    raw = raw.astype(object) if raw.dtype != object else raw
    n = len(raw)
    idx = raw.index
    value = pd.Series(np.nan, index=idx, dtype="float64")
    status = pd.Series(None, index=idx, dtype=object)
    problem = pd.Series(None, index=idx, dtype=object)
    form = pd.Series(None, index=idx, dtype=object)
    percent = pd.Series(False, index=idx, dtype=bool)
    if n == 0:
        return ParsedValues(value, status, problem, form, percent)

    kind = pd.api.types.infer_dtype(raw, skipna=True)
    if kind in ("floating", "integer", "mixed-integer-float", "empty"):
        # only numbers and gaps (an Excel column of figures): one conversion, no per-cell look
        value[:] = pd.to_numeric(raw, errors="coerce").astype("float64")
        status[raw.isna()] = "not_available"
        _refuse_infinite(value, problem)
        return ParsedValues(value, status, problem, form, percent)
    types = _types(raw)
    # empty cells arrive as None or as '' (calamine fills a sheet's used range with empty strings)
    missing = _is_missing(raw) | raw.isin(BLANK_TEXT)
    is_str = types.isin([str]) & ~missing
    is_bool = types.isin([bool, np.bool_])
    is_formula = types.isin([_FormulaWithoutValue])
    is_num = ~(missing | is_str | is_bool | is_formula) & types.isin(
        [int, float, np.int64, np.float64, np.int32, np.float32]
    )
    other = ~(missing | is_str | is_bool | is_formula | is_num)

    if is_num.any():
        value[is_num] = pd.to_numeric(raw[is_num], errors="coerce").astype("float64")
    status[missing] = "not_available"
    problem[is_formula] = FORMULA
    problem[is_bool | other] = NOT_A_NUMBER

    if is_str.any():
        text = raw[is_str]
        # fast path: plain numbers written as text (every cell of a CSV) parse in one C-level pass
        fast = pd.to_numeric(text, errors="coerce")
        fast = fast.where(np.isfinite(fast.astype("float64")))
        plain = fast.notna()
        value[plain.index[plain]] = fast[plain].astype("float64")
        if not text_source:
            form[plain.index[plain]] = FORM_TEXT_NUMBER
        slow = text[~plain]
        if len(slow):
            _parse_text(slow, value=value, status=status, problem=problem, form=form, percent=percent,
                        text_source=text_source)
    _refuse_infinite(value, problem)
    return ParsedValues(value, status, problem, form, percent)


def _refuse_infinite(value: pd.Series, problem: pd.Series) -> None:
    """1e309 reads as infinity: a problem with its cell, never a stored value."""
    infinite = np.isinf(value.to_numpy())
    if infinite.any():
        problem[infinite] = NOT_FINITE
        value[infinite] = np.nan


def parse_yes_no(raw: pd.Series) -> ParsedValues:
    """Reads yes/no answers (1/0, jā/nē, yes/no, true/false); anything else is a problem, never a guess."""
    raw = raw.astype(object) if raw.dtype != object else raw
    base = parse_values(raw)
    value = base.value.copy()
    problem = base.problem.copy()
    types = _types(raw)
    is_bool = types.isin([bool, np.bool_])
    if is_bool.any():
        value[is_bool] = raw[is_bool].astype(bool).astype("float64")
        problem[is_bool] = None
    is_str = types.isin([str])
    if is_str.any():
        words = map_unique(raw[is_str], lambda v: YES_NO_WORDS.get(fold(v)))
        known = words.notna()
        value[words.index[known]] = words[known].astype("float64")
        problem[words.index[known]] = None
    numeric_bad = value.notna() & ~value.isin([0.0, 1.0]) & base.status.ne("zero")
    problem[numeric_bad] = NOT_YES_NO
    value[numeric_bad] = np.nan
    problem[problem == NOT_A_NUMBER] = NOT_YES_NO
    return ParsedValues(value, base.status, problem, base.form.where(base.form != FORM_TEXT_NUMBER, None), base.percent)


@dataclass(frozen=True)
class ParsedYears:
    """Years as integers (nullable), with per-cell problems and forms."""

    year: pd.Series  # Int64
    problem: pd.Series
    form: pd.Series


def year_of(cell: object) -> tuple[int | None, str | None, str | None]:
    """One cell as a year: (year, problem, form)."""
    if cell is None or cell is FORMULA_WITHOUT_VALUE or isinstance(cell, bool):
        return None, NOT_A_YEAR, None
    year: int | None = None
    form: str | None = None
    if isinstance(cell, (int, float, np.integer, np.floating)):
        if cell != cell or not float(cell).is_integer():
            return None, NOT_A_YEAR, None
        year = int(cell)
    elif isinstance(cell, (datetime, date)):
        year, form = cell.year, FORM_YEAR_FROM_DATE
    elif isinstance(cell, str):
        text = cell.replace("\u00a0", " ").strip()
        if m := _YEAR_PLAIN.match(text):
            year = int(m.group(1))
        elif m := _YEAR_SUFFIX.match(text):
            year, form = int(m.group(1)), FORM_YEAR_SUFFIX
        elif m := _SCHOOL_YEAR.match(text):
            start, end_txt = int(m.group(1)), m.group(2)
            end = int(end_txt) if len(end_txt) == 4 else (start // 100) * 100 + int(end_txt)
            if end != start + 1:
                return None, NOT_A_YEAR, None
            year, form = end, FORM_SCHOOL_YEAR
        else:
            return None, NOT_A_YEAR, None
    else:
        return None, NOT_A_YEAR, None
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None, YEAR_OUT_OF_RANGE, None
    return year, None, form


def parse_years(raw: pd.Series) -> ParsedYears:
    """'2024', 2024.0 and '2024.g.' are 2024; a school year '2023/2024' is its end year; words and 1850 are errors."""
    raw = raw.astype(object) if raw.dtype != object else raw
    year, problem, form = map_unique_fields(raw, year_of, 3)
    return ParsedYears(
        year=pd.Series(pd.array(year, dtype="Int64"), index=raw.index),
        problem=pd.Series(problem, index=raw.index, dtype=object),
        form=pd.Series(form, index=raw.index, dtype=object),
    )


def parse_statuses(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """A status column's words as stored statuses: (status, unknown) where unknown marks words we do not know."""
    raw = raw.astype(object) if raw.dtype != object else raw
    mapped = map_unique(raw, lambda v: STATUS_WORDS.get(fold(v) if v is not None else "", "?"))
    unknown = mapped == "?"
    return mapped.where(~unknown, None).astype(object), unknown


def plausible_limits(kind: pd.Series, per: pd.Series) -> np.ndarray:
    """Each row's largest plausible absolute value, from its indicator's kind (and a rate's base)."""
    k = kind.to_numpy(dtype=object)
    limit = np.full(len(k), MAX_ANY)
    limit[k == "count"] = MAX_COUNT
    base = pd.to_numeric(per, errors="coerce").to_numpy(dtype="float64")
    rate = (k == "rate") & ~np.isnan(base)
    limit[rate] = base[rate] * MAX_EVENTS_PER_PERSON
    return limit

