"""Schema check for the catalogue files: a malformed catalogue stops the app with a message naming file, row and column."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Callable


class CatalogueError(ValueError):
    """A catalogue file under data/ does not match its schema."""


@dataclass(frozen=True)
class Column:
    """One column of a catalogue file and how to read it."""

    name: str
    parse: Callable[[str], Any]
    required: bool = True


def text(value: str) -> str:
    return value.strip()


def optional_text(value: str) -> str | None:
    value = value.strip()
    return value or None


def integer(value: str) -> int:
    return int(value.strip())


def optional_integer(value: str) -> int | None:
    value = value.strip()
    return int(value) if value else None


def optional_float(value: str) -> float | None:
    value = value.strip()
    return float(value) if value else None


def iso_date(value: str) -> date:
    return date.fromisoformat(value.strip())


def optional_date(value: str) -> date | None:
    value = value.strip()
    return date.fromisoformat(value) if value else None


def flag(value: str) -> bool:
    v = value.strip().casefold()
    if v in {"", "0", "false", "no", "nē", "ne"}:
        return False
    if v in {"1", "true", "yes", "jā", "ja"}:
        return True
    raise ValueError(f"expected true/false, got {value!r}")


def semicolon_list(value: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in value.split(";") if p.strip())


def one_of(*allowed: str) -> Callable[[str], str]:
    def parse(value: str) -> str:
        v = value.strip()
        if v not in allowed:
            raise ValueError(f"expected one of {', '.join(allowed)}; got {v!r}")
        return v

    return parse


def optional_one_of(*allowed: str) -> Callable[[str], str | None]:
    strict = one_of(*allowed)

    def parse(value: str) -> str | None:
        return strict(value) if value.strip() else None

    return parse


def matching(pattern: str) -> Callable[[str], str]:
    rx = re.compile(pattern)

    def parse(value: str) -> str:
        v = value.strip()
        if not rx.fullmatch(v):
            raise ValueError(f"{v!r} does not match {pattern}")
        return v

    return parse


def read_table(path: Path, columns: list[Column]) -> list[dict[str, Any]]:
    """Parsed rows of a UTF-8 CSV catalogue; every cell is checked and the first bad one is named precisely."""
    if not path.exists():
        raise CatalogueError(f"Katalogs nav atrasts / Catalogue not found: {path}")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header = reader.fieldnames or []
        missing = [c.name for c in columns if c.name not in header]
        if missing:
            raise CatalogueError(
                f"{path.name}: trūkst kolonnu / missing columns: {', '.join(missing)}"
            )
        rows: list[dict[str, Any]] = []
        for line_no, raw in enumerate(reader, start=2):
            if None in raw:
                raise CatalogueError(
                    f"{path.name}, rinda/row {line_no}: par daudz šūnu / too many cells"
                )
            row: dict[str, Any] = {}
            for col in columns:
                cell = raw.get(col.name) or ""
                if col.required and not cell.strip():
                    raise CatalogueError(
                        f"{path.name}, rinda/row {line_no}, kolonna/column '{col.name}': "
                        "tukša obligāta šūna / required cell is empty"
                    )
                try:
                    row[col.name] = col.parse(cell)
                except ValueError as exc:
                    raise CatalogueError(
                        f"{path.name}, rinda/row {line_no}, kolonna/column '{col.name}': "
                        f"nederīga vērtība / invalid value ({exc})"
                    ) from None
            rows.append(row)
    return rows


def require_unique(path: Path, rows: list[dict[str, Any]], key: str) -> None:
    seen: dict[Any, int] = {}
    for i, row in enumerate(rows, start=2):
        if row[key] in seen:
            raise CatalogueError(
                f"{path.name}, rinda/row {i}, kolonna/column '{key}': "
                f"atkārtota vērtība / duplicate value {row[key]!r} (also row {seen[row[key]]})"
            )
        seen[row[key]] = i
