"""`catalogue` subcommand: the domains, indicators and territorial units as JSON for other tools."""

from __future__ import annotations

import argparse
import json
import sys

from analysis.catalogue.loader import Catalogue, load_catalogue
from analysis.catalogue.schema import CatalogueError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("catalogue", help="Katalogs / print the catalogue")
    p.add_argument("--json", action="store_true", help="JSON output (the default and only format)")
    p.set_defaults(func=run)


def as_json(cat: Catalogue) -> dict:
    """The catalogue in the shape other tools rely on (dates ISO, valid_to null while in force)."""
    return {
        "domains": [
            {
                "no": d.no,
                "name_lv": d.name_lv,
                "name_en": d.name_en,
                "indicators": [i.id for i in cat.indicators_of(d.no)],
            }
            for d in cat.domains
        ],
        "municipalities": [
            {
                "code": m.code,
                "name_lv": m.name_lv,
                "name_en": m.name_en,
                "type": m.type,
                "region": m.region,
                "valid_from": m.valid_from.isoformat(),
                "valid_to": m.valid_to.isoformat() if m.valid_to else None,
            }
            for m in cat.municipalities
        ],
    }


def run(args: argparse.Namespace) -> int:
    try:
        cat = load_catalogue()
    except CatalogueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    json.dump(as_json(cat), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0
