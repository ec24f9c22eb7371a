"""The methods page's parts: the indicator catalogue browser in the viewer's language, and the public release."""

from __future__ import annotations

import pandas as pd

from analysis.access import Actor, Role
from analysis.catalogue import Catalogue
from analysis.publish.files import stored_release_files
from analysis.text import fold
from dashboard import data, login
from dashboard.i18n import field, name, t


def sees_everything(actor: Actor) -> bool:
    """National analysts download the stored figures in clear; everyone else the public release."""
    return actor.role is Role.NATIONAL_ANALYST


def viewer() -> Actor:
    """Who takes the downloads: the session's actor (dashboard.login: public unless logged in or local at the machine)."""
    return login.current_actor()


@data.versioned(resource=True, max_entries=2)
def public_release(url: str, version: int) -> dict[str, bytes]:
    """The public release of this data version: byte for byte what `python -m analysis publish` writes."""
    return stored_release_files(data.engine(), catalogue=data.catalogue())


def indicator_catalogue(cat: Catalogue, *, domain_no: int | None = None, query: str = "") -> pd.DataFrame:
    """The catalogue browser's table: one row per indicator with its meaning, unit, polarity and source."""
    needle = fold(query)
    rows = []
    for ind in cat.indicators:
        if domain_no is not None and ind.domain != domain_no:
            continue
        if needle and needle not in fold(f"{ind.id} {ind.name_lv} {ind.name_en}"):
            continue
        denominator = cat.indicator(ind.denominator) if ind.denominator else None
        rows.append(
            {
                t("common.domain"): ind.domain,
                t("methods.col_id"): ind.id,
                t("methods.col_name"): name(ind),
                t("methods.col_definition"): field(ind, "definition"),
                t("methods.col_unit"): field(ind, "unit"),
                t("methods.col_kind"): t(f"kind.{ind.kind}"),
                t("methods.col_polarity"): t(f"polarity.{ind.polarity}"),
                t("methods.col_source"): t(f"source.{ind.source}"),
                t("methods.col_denominator"): name(denominator) if denominator else "",
                t("methods.col_threshold"): ind.small_n_threshold,
            }
        )
    return pd.DataFrame(rows)
