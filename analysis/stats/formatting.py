"""Display text for values: Latvian or English number format, '<5' for small counts, 'x' for secondary hiding.

Formatting works on the distinct rounded values only, so a national table costs milliseconds.
"""

from __future__ import annotations

import numpy as np

from analysis.stats import labels as L

NBSP = "\u00a0"
MINUS = "\u2212"
YES_NO = {"lv": ("nē", "jā"), "en": ("no", "yes")}


# The one rule for decimals shown per kind (counts 0, rates and percentages 1, amounts 2, yes/no as words);
# a count judged as its rate is shown with the rate's decimals.
KIND_DECIMALS = {"count": 0, "rate": 1, "proportion": 1, "amount": 2, "yes_no": 0}
RATE_DECIMALS = KIND_DECIMALS["rate"]


def kind_decimals(kind: str, *, as_rate: bool = False) -> int:
    """Decimals for one value of this kind (as_rate: a count shown as its rate per its base)."""
    return RATE_DECIMALS if as_rate else KIND_DECIMALS.get(kind, 2)


def decimals(kind) -> np.ndarray:
    """Vectorised `kind_decimals` over a column of kinds."""
    k = np.asarray(kind)
    return np.select([k == name for name in KIND_DECIMALS], list(KIND_DECIMALS.values()), default=2)


def number(value: float, places: int, lang: str = "lv") -> str:
    """1234.5 → '1 234,5' (lv) or '1,234.5' (en)."""
    return str(numbers(np.array([value]), np.array([places]), lang)[0])


def numbers(values: np.ndarray, places: np.ndarray, lang: str = "lv") -> np.ndarray:
    """Vectorised `number` (one format spec per number of decimals; no -0)."""
    v = np.asarray(values, dtype="float64")
    d = np.broadcast_to(np.asarray(places, dtype="int64"), v.shape)
    out = np.full(v.shape, "", dtype=object)
    for places_ in np.unique(d).tolist():
        sel = np.flatnonzero(d == places_)
        x = np.round(v[sel], places_)
        x[x == 0] = 0.0
        spec = f"{{:,.{places_}f}}".format
        if lang == "lv":
            texts = [spec(y).replace(",", NBSP).replace(".", ",").replace("-", MINUS) for y in x.tolist()]
        else:
            texts = [spec(y).replace("-", MINUS) for y in x.tolist()]
        out[sel] = texts
    return out


def display_text(
    values,
    kind,
    *,
    small=None,
    secondary=None,
    threshold=None,
    lang: str = "lv",
) -> np.ndarray:
    """The text a page shows for each value ('' for no value)."""
    v = np.asarray(values, dtype="float64")
    k = np.asarray(kind)
    n = v.size
    small = np.zeros(n, dtype=bool) if small is None else np.asarray(small, dtype=bool)
    secondary = np.zeros(n, dtype=bool) if secondary is None else np.asarray(secondary, dtype=bool)
    out = np.full(n, "", dtype=object)
    shown = ~np.isnan(v) & ~small & ~secondary
    yes_no = shown & (k == "yes_no")
    no, yes = YES_NO["en" if lang == "en" else "lv"]
    out[yes_no] = np.where(v[yes_no] > 0, yes, no)
    num = np.flatnonzero(shown & ~yes_no)
    if num.size:
        dec = decimals(k[num])
        scaled = np.round(v[num] * 10.0**dec).astype("int64")
        key = scaled * 4 + dec
        unique, inverse = np.unique(key, return_inverse=True)
        texts = numbers((unique >> 2) / 10.0 ** (unique & 3), unique & 3, lang)
        out[num] = texts[inverse.reshape(-1)]
    if small.any():
        thr = np.broadcast_to(np.asarray(threshold, dtype="float64"), (n,))
        marks = {t: L.small_mark(t) for t in np.unique(thr[small]).tolist()}
        out[small] = [marks[t] for t in thr[small].tolist()]
    out[secondary] = L.SECONDARY_MARK
    return out
