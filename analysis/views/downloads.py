"""The tables behind the data downloads: the indicator catalogue and every current value with its source."""

from __future__ import annotations

import pandas as pd

from analysis.catalogue import Catalogue

TIDY_COLUMNS = [
    "municipality_code", "municipality_lv", "domain", "indicator", "indicator_lv", "indicator_en",
    "year", "value", "count", "denominator", "unit_lv", "unit_en", "status", "note",
    "upload_id", "file_name", "uploaded_at", "uploader",
]


def indicator_table(catalogue: Catalogue) -> pd.DataFrame:
    """One row per indicator in domain order (the metadata sheet of every download)."""
    rows = [
        {"domain": i.domain, "domain_lv": catalogue.domain(i.domain).name_lv,
         "domain_en": catalogue.domain(i.domain).name_en, "indicator": i.id, "name_lv": i.name_lv,
         "name_en": i.name_en, "definition_lv": i.definition_lv, "definition_en": i.definition_en,
         "unit_lv": i.unit_lv, "unit_en": i.unit_en, "kind": i.kind, "per": i.per, "polarity": i.polarity,
         "denominator": i.denominator, "source": i.source, "small_n_threshold": i.small_n_threshold}
        for i in sorted(catalogue.indicators, key=lambda i: i.domain)
    ]
    return pd.DataFrame(rows)


def tidy(observations: pd.DataFrame, uploads: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """Every current value with names, units and its source upload: one row per municipality, indicator, year."""
    out = observations.copy()
    out.insert(1, "municipality_lv",
               out["municipality_code"].map(lambda c: getattr(catalogue.municipality(c), "name_lv", c)))
    meta = indicator_table(catalogue)[["indicator", "domain", "name_lv", "name_en", "unit_lv", "unit_en"]]
    out = out.merge(meta.rename(columns={"name_lv": "indicator_lv", "name_en": "indicator_en"}), on="indicator",
                    how="left")
    src = uploads[["id", "file_name", "uploaded_at", "uploader"]].rename(columns={"id": "upload_id"})
    out = out.merge(src, on="upload_id", how="left")
    out["uploaded_at"] = out["uploaded_at"].astype(str)
    return out[TIDY_COLUMNS].sort_values(["municipality_lv", "domain", "indicator", "year"]).reset_index(drop=True)
