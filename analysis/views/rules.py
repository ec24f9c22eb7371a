"""One answer per indicator question, used by every view: how many decimals, whether Latvia's line compares."""

from __future__ import annotations

from analysis.catalogue.models import Indicator
from analysis.stats.formatting import kind_decimals


def comparable(ind: Indicator | None) -> bool:
    """Latvia's figure is on the municipality's scale only for a count over a denominator (rates, shares)."""
    return ind is not None and ind.has_numerator


def decimals(ind: Indicator | None, *, kind: str = "", as_rate: bool = False) -> int:
    """Decimals a value of this indicator is shown with (as_rate: a count judged as its rate)."""
    return kind_decimals(ind.kind if ind is not None else kind, as_rate=as_rate)


def unit_field(*, as_rate: bool) -> str:
    """Which bilingual unit field names what a row shows: the rate's base unit for a count judged as its rate."""
    return "rate_unit" if as_rate else "unit"
