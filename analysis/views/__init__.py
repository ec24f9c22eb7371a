"""What each page shows, decided once per data version: plain tables in codes the dashboard only puts into words.

profile (one municipality), provenance (where its values came from), compare (two to four side by side), overview
(the country), indicator (one indicator everywhere), coverage (programme survey rounds); rules holds the one answer
per indicator question (decimals, comparable with Latvia).
"""

from analysis.views import compare, coverage, downloads, indicator, overview, profile, provenance, rules

__all__ = ["compare", "coverage", "downloads", "indicator", "overview", "profile", "provenance", "rules"]
