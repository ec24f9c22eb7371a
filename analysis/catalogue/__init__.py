"""The catalogues under data/: domains, indicators, territorial units, aggregates."""

from analysis.catalogue.loader import Catalogue, catalogue, load_catalogue
from analysis.catalogue.models import Area, Domain, Indicator, Municipality
from analysis.catalogue.schema import CatalogueError

__all__ = [
    "Area",
    "Catalogue",
    "CatalogueError",
    "Domain",
    "Indicator",
    "Municipality",
    "catalogue",
    "load_catalogue",
]
