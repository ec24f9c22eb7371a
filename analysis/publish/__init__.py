"""The published release: what a viewer who is not logged in sees and downloads, and what each actor may see.

`release(observations, catalogue=...)` protects the small numbers (analysis.stats.suppression) and lays out the
public cells and totals; `release_files(...)` gives the exact bytes of tidy.csv, totals.csv and release.xlsx
(`python -m analysis publish` and the dashboard's public downloads); `analysis_for(...)` and
`published_observations(...)` give each actor the figures their role allows.
"""

from analysis.publish.files import RELEASE_FILES, release_files
from analysis.publish.release import TIDY_COLUMNS, TOTALS_COLUMNS, Release, information_loss, release
from analysis.publish.visibility import (
    analysis_for,
    published_observations,
    sees_in_clear,
    view_of,
    viewer_of,
)

__all__ = [
    "RELEASE_FILES",
    "TIDY_COLUMNS",
    "TOTALS_COLUMNS",
    "Release",
    "analysis_for",
    "information_loss",
    "published_observations",
    "sees_in_clear",
    "view_of",
    "viewer_of",
    "release",
    "release_files",
]
