"""Territory over time: the units that existed since 2009, how they changed, and series on today's borders."""

from analysis.territory.crosswalk import Change, Group, Territory, Unit, load_territory, territory
from analysis.territory.periods import last_data_year

__all__ = ["Change", "Group", "Territory", "Unit", "last_data_year", "load_territory", "territory"]
