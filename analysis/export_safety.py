"""Text we write for people to open in Excel must not run as a formula (CSV/formula injection)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pandas only for frames: the command line neutralises single cells before it loads pandas
    import pandas as pd

# A cell starting with one of these is taken as a formula by Excel, LibreOffice and Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")


def neutralise(text: Any) -> Any:
    """Prefixes an apostrophe to text that would start a formula; numbers (also '-5' as text) pass unchanged."""
    if not isinstance(text, str) or not text.startswith(FORMULA_STARTS):
        return text
    if _NUMBER.match(text.strip()):
        return text
    return "'" + text


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of the frame with every text cell neutralised; numeric columns are left as they are."""
    import pandas as pd

    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise, na_action="ignore")
    return out
