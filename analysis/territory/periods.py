"""Which years' figures a territorial unit can have: a unit that ends mid-year has none of its own for that year."""

from __future__ import annotations

from datetime import date


def last_data_year(valid_to: date | None) -> int | None:
    """The last calendar year a unit reports for itself (None while it is in force).

    Annual figures describe the territory at the year's end, so a unit ending on 2025-06-30 (Varakļānu novads,
    merged into Madonas novads) last reports for 2024; one ending on 31 December reports for that year.
    """
    if valid_to is None:
        return None
    return valid_to.year if (valid_to.month, valid_to.day) == (12, 31) else valid_to.year - 1
