"""PxWeb v1 data responses (json-stat2 and plain json) read into one cell per combination of codes."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product
from typing import Any


class ResponseError(ValueError):
    """A response that is not the json-stat2 or json shape PxWeb v1 publishes."""


@dataclass(frozen=True)
class Cell:
    """One published figure: the code of every variable, the number (None when missing) and the portal's symbol."""

    codes: tuple[tuple[str, str], ...]
    value: float | None
    symbol: str | None

    def code(self, variable: str) -> str:
        return dict(self.codes)[variable]


@dataclass(frozen=True)
class Table:
    """A data response: its cells, and the table's title and update time as the portal states them."""

    cells: tuple[Cell, ...]
    title: str | None
    updated: str | None


def _number(raw: Any) -> tuple[float | None, str | None]:
    """A published value: a number, or the portal's symbol for a missing one ('..', '.', '-', …)."""
    if raw is None:
        return None, None
    if isinstance(raw, bool):
        raise ResponseError(f"value {raw!r} is not a number")
    if isinstance(raw, (int, float)):
        return float(raw), None
    text = str(raw).strip()
    try:
        return float(text), None
    except ValueError:
        return None, text


def _categories(dimension: dict[str, Any], name: str) -> list[str]:
    index = (dimension.get("category") or {}).get("index")
    if isinstance(index, list):
        return [str(c) for c in index]
    if isinstance(index, dict):
        return [c for c, _ in sorted(index.items(), key=lambda kv: int(kv[1]))]
    labels = (dimension.get("category") or {}).get("label")
    if isinstance(labels, dict) and len(labels) == 1:
        return list(labels)
    raise ResponseError(f"dimension {name!r} has no category index")


def _at(container: Any, i: int) -> Any:
    if isinstance(container, list):
        return container[i] if i < len(container) else None
    if isinstance(container, dict):
        return container.get(str(i))
    return container  # a single status for every cell


def read_jsonstat2(payload: dict[str, Any]) -> Table:
    """A json-stat2 dataset: row-major values over `id`/`size`; `status` gives the symbol of a missing value."""
    if payload.get("class") != "dataset" or "id" not in payload or "value" not in payload:
        raise ResponseError("not a json-stat2 dataset (class, id, value)")
    ids = [str(i) for i in payload["id"]]
    dims = payload.get("dimension") or {}
    codes = [_categories(dims.get(i) or {}, i) for i in ids]
    sizes = [int(s) for s in payload.get("size") or [len(c) for c in codes]]
    if sizes != [len(c) for c in codes]:
        raise ResponseError("json-stat2 size does not match its dimensions")
    values, status = payload["value"], payload.get("status")
    n = 1
    for s in sizes:
        n *= s
    if isinstance(values, list) and len(values) != n:
        raise ResponseError(f"json-stat2 has {len(values)} values for {n} cells")
    cells = []
    for i, combo in enumerate(product(*codes)):
        value, symbol = _number(_at(values, i))
        if value is None and symbol is None:
            marker = _at(status, i)
            symbol = str(marker).strip() if marker not in (None, "") else ".."
        cells.append(Cell(codes=tuple(zip(ids, combo)), value=value, symbol=symbol))
    return Table(cells=tuple(cells), title=payload.get("label"), updated=payload.get("updated"))


def read_json(payload: dict[str, Any]) -> Table:
    """PxWeb's plain json: `columns` (d, t and c types) and `data` rows of keys and values, strings throughout."""
    columns = payload.get("columns")
    if not isinstance(columns, list) or not isinstance(payload.get("data"), list):
        raise ResponseError("not a PxWeb json response (columns, data)")
    keys = [str(c["code"]) for c in columns if c.get("type") in ("d", "t")]
    contents = [str(c["code"]) for c in columns if c.get("type") == "c"]
    cells = []
    for row in payload["data"]:
        key, vals = list(row.get("key") or []), list(row.get("values") or [])
        if len(key) != len(keys) or len(vals) != len(contents):
            raise ResponseError("a json data row does not match its columns")
        for content, raw in zip(contents, vals):
            value, symbol = _number(raw)
            # each 'c' column is one contents code; it stands in for the ContentsCode variable
            codes = tuple(zip(keys, map(str, key))) + (("ContentsCode", content),)
            cells.append(Cell(codes=codes, value=value, symbol=symbol))
    meta = (payload.get("metadata") or [{}])[0] if payload.get("metadata") else {}
    return Table(cells=tuple(cells), title=meta.get("label"), updated=meta.get("updated"))


def read_response(payload: Any) -> Table:
    """Either published shape, told apart by its keys."""
    if not isinstance(payload, dict):
        raise ResponseError("the response is not a JSON object")
    if payload.get("class") == "dataset":
        return read_jsonstat2(payload)
    return read_json(payload)
