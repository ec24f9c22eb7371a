"""The gap register: for each municipality and domain, the share of the domain's indicators with a value.

Years: the last `years` calendar years up to the latest year in the data. Municipalities: every unit in
force for that year (a unit with no data at all shows 0). An indicator counts as reported when it has a
value (a zero counts; "not available" and confidential cells do not). Only catalogue indicators count.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.catalogue import Catalogue
from analysis.stats.prepare import Prepared, text_column

DEFAULT_YEARS = 3


def completeness(prep: Prepared, cat: Catalogue, *, years: int = DEFAULT_YEARS) -> pd.DataFrame:
    """Long table municipality_code × domain × year: n_indicators, n_reported, share (0–1)."""
    columns = ["municipality_code", "municipality", "domain", "year", "n_indicators", "n_reported", "share"]
    inds = prep.indicators
    in_cat = inds.in_catalogue[prep.ind]
    rows = np.flatnonzero(prep.has_data & in_cat)
    if rows.size == 0:
        return pd.DataFrame({c: [] for c in columns})
    last = int(prep.year[rows].max())
    year_list = np.arange(last - years + 1, last + 1)
    domains = np.array(sorted(d.no for d in cat.domains))
    per_domain = np.array([len(cat.indicators_of(int(d))) for d in domains], dtype="int64")
    dom_pos = np.searchsorted(domains, inds.domain[prep.ind[rows]])
    yr = prep.year[rows]
    keep = yr >= year_list[0]
    rows, dom_pos, yr = rows[keep], dom_pos[keep], yr[keep]
    n_m, n_d, n_y = len(prep.municipalities.codes), domains.size, years
    cell = (prep.muni[rows] * n_d + dom_pos) * n_y + (yr - year_list[0])
    reported = np.bincount(cell, minlength=n_m * n_d * n_y).reshape(n_m, n_d, n_y)

    m_idx, d_idx, y_idx = np.meshgrid(np.arange(n_m), np.arange(n_d), np.arange(n_y), indexing="ij")
    m_idx, d_idx, y_idx = m_idx.ravel(), d_idx.ravel(), y_idx.ravel()
    valid = np.array([[m.valid_for_year(int(y)) for y in year_list] for m in cat.municipalities])
    keep = valid[m_idx, y_idx]
    m_idx, d_idx, y_idx = m_idx[keep], d_idx[keep], y_idx[keep]
    n_rep = reported[m_idx, d_idx, y_idx]
    n_ind = per_domain[d_idx]
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(n_ind > 0, n_rep / n_ind, np.nan)
    return pd.DataFrame(
        {
            "municipality_code": text_column(prep.municipalities.codes, m_idx),
            "municipality": text_column(prep.municipalities.name_lv, m_idx),
            "domain": domains[d_idx],
            "year": year_list[y_idx],
            "n_indicators": n_ind,
            "n_reported": n_rep,
            "share": share,
        }
    )


def completeness_matrix(frame: pd.DataFrame, *, year: int | None = None) -> pd.DataFrame:
    """Municipality (rows) × domain (columns) shares for one year (default: the latest)."""
    if frame.empty:
        return pd.DataFrame()
    y = int(frame["year"].max()) if year is None else int(year)
    sub = frame[frame["year"] == y]
    return sub.pivot(index="municipality", columns="domain", values="share")
