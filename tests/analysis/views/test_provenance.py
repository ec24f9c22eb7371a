"""A value's provenance in codes: upload number, file name and day, and the portal table for a fetched value."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pandas as pd

from analysis.views.provenance import COLUMNS, provenance


def test_each_value_names_its_upload_or_fetched_table():
    """Given a value from upload 3 (a workbook), one from fetched upload 7 (CSP table BER010) and another
    municipality's value, When the provenance of one municipality's years is built, Then each value shows its
    upload's number, file name and day, the fetched one its table, and nothing of the uploader's account."""
    obs = pd.DataFrame({
        "upload_id": [3, 7, 3, 7], "municipality_code": ["LV0001000", "LV0001000", "LV0002000", "LV0001000"],
        "indicator": ["absences", "births", "absences", "births"], "year": [2024, 2023, 2024, 2019],
        "value": [1.0, 2.0, 3.0, 4.0],
    })
    uploads = pd.DataFrame({
        "id": [3, 7], "file_name": ["skola_2024.xlsx", "csp_BER010.json"], "uploader": ["anna.b", "csp-fetch"],
        "uploaded_at": [datetime(2026, 2, 1, 9, 30, tzinfo=timezone.utc),
                        datetime(2026, 3, 4, 23, 0, tzinfo=timezone.utc)],
    })
    fetched = pd.DataFrame({"upload_id": [7, 7], "source": ["csp", "csp"], "table_id": ["BER010", "BER010"]})
    got = provenance(obs, uploads, fetched, code="LV0001000", years=[2022, 2023, 2024], file_names=True)
    assert list(got.columns) == COLUMNS
    assert got.to_dict("records") == [
        {"indicator": "absences", "year": 2024, "upload_id": 3, "file_name": "skola_2024.xlsx",
         "date": date(2026, 2, 1), "source": None, "table_id": None},
        {"indicator": "births", "year": 2023, "upload_id": 7, "file_name": "csp_BER010.json",
         "date": date(2026, 3, 4), "source": "csp", "table_id": "BER010"},
    ]
    hidden = provenance(obs, uploads, fetched, code="LV0001000", years=[2022, 2023, 2024], file_names=False)
    assert hidden.to_dict("records") == [{**r, "file_name": None} for r in got.to_dict("records")]
