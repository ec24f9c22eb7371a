"""A real PxWeb v1 server on loopback: metadata GETs, json-stat2 and json POSTs, `?config`, limits and scripted faults.

Responses follow the shapes the portal publishes (variables with code/text/values/valueTexts/time/elimination;
json-stat2 datasets with id/size/dimension/value/status; json with columns/data/metadata).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import product
from typing import Any, Callable

Value = float | int | str  # a number or a symbol ('..', '.', '-')


@dataclass
class FakeTable:
    """A table: its variables (code → (texts, codes)), and a function giving each cell's value."""

    path: str
    title: str
    variables: list[dict[str, Any]]
    value: Callable[[dict[str, str]], Value]
    updated: str = "2026-03-20T08:00:00Z"


@dataclass
class Fault:
    """A scripted answer for the next matching request (status, body, headers)."""

    status: int
    body: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    method: str = "POST"


class PxWebServer:
    """Serves FakeTables under /api/v1/{lang}/OSP_PUB/...; counts cells and refuses queries above `enforced_cells`."""

    def __init__(self, tables: list[FakeTable], *, published_cells: int = 10_000, enforced_cells: int | None = None,
                 config: bool = True) -> None:
        self.tables = {t.path: t for t in tables}
        self.published_cells = published_cells
        self.enforced_cells = enforced_cells or published_cells
        self.config = config
        self.faults: list[Fault] = []
        self.log: list[tuple[str, str, Any, int]] = []
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/api/v1"

    def __enter__(self) -> "PxWebServer":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=10)

    def posts(self, path: str | None = None) -> list[Any]:
        return [body for method, p, body, status in self.log
                if method == "POST" and status == 200 and (path is None or p.endswith(path))]

    # --- responses ------------------------------------------------------------------------------------------------

    def _metadata(self, table: FakeTable) -> dict[str, Any]:
        return {"title": table.title, "variables": table.variables}

    def _data(self, table: FakeTable, query: dict[str, Any]) -> tuple[int, Any]:
        chosen: dict[str, list[str]] = {q["code"]: list(q["selection"]["values"]) for q in query["query"]}
        dims = []
        for var in table.variables:
            if var["code"] in chosen:
                unknown = [c for c in chosen[var["code"]] if c not in var["values"]]
                if unknown:
                    return 400, f"Unknown value(s) {unknown} for variable {var['code']}"
                dims.append((var, chosen[var["code"]]))
            elif not var.get("elimination"):
                return 400, f"Variable {var['code']} must be selected"
        n = 1
        for _, codes in dims:
            n *= len(codes)
        if n > self.enforced_cells:
            return 400, f"Too many cells selected ({n} > {self.enforced_cells})"
        fmt = (query.get("response") or {}).get("format", "json").casefold()
        combos = [dict(zip([v["code"] for v, _ in dims], combo)) for combo in product(*[c for _, c in dims])]
        raw = [table.value(c) for c in combos]
        if fmt == "json-stat2":
            values, status = [], {}
            for i, v in enumerate(raw):
                if isinstance(v, str):
                    values.append(None)
                    status[str(i)] = v
                else:
                    values.append(v)
            dimension = {}
            for var, codes in dims:
                texts = dict(zip(var["values"], var["valueTexts"]))
                dimension[var["code"]] = {
                    "label": var["text"],
                    "category": {"index": {c: k for k, c in enumerate(codes)}, "label": {c: texts[c] for c in codes}},
                }
            body = {"class": "dataset", "label": table.title, "source": "Centrālā statistikas pārvalde",
                    "updated": table.updated, "id": [v["code"] for v, _ in dims], "size": [len(c) for _, c in dims],
                    "dimension": dimension, "value": values, "role": {"time": ["TIME"], "metric": ["ContentsCode"]}}
            if status:
                body["status"] = status
            return 200, body
        keys = [(v, c) for v, c in dims if v["code"] != "ContentsCode"]
        contents = next((c for v, c in dims if v["code"] == "ContentsCode"), ["value"])
        columns = [{"code": v["code"], "text": v["text"], "type": "t" if v.get("time") else "d"} for v, _ in keys]
        columns += [{"code": c, "text": table.title, "type": "c"} for c in contents]
        data = []
        for combo in product(*[c for _, c in keys]):
            base = dict(zip([v["code"] for v, _ in keys], combo))
            vals = [table.value({**base, "ContentsCode": c}) for c in contents]
            data.append({"key": list(combo), "values": [str(v) if isinstance(v, str) else f"{v:g}" for v in vals]})
        return 200, {"columns": columns, "comments": [], "data": data,
                     "metadata": [{"infofile": "None", "updated": table.updated, "label": table.title,
                                   "source": "Centrālā statistikas pārvalde"}]}

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def _send(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
                data = (body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8" if not isinstance(body, str)
                                 else "text/plain; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def _route(self, method: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"null") if length else None
                path = self.path
                with server._lock:
                    fault = next((f for f in server.faults if f.method == method), None)
                    if fault is not None and "config" not in path:
                        server.faults.remove(fault)
                if fault is not None and "config" not in path:
                    server.log.append((method, path, body, fault.status))
                    return self._send(fault.status, fault.body, fault.headers)
                if path.endswith("/?config"):
                    if not server.config:
                        return self._send(404, "Not found")
                    return self._send(200, {"apiVersion": "1.1.0", "languages": [{"id": "lv"}, {"id": "en"}],
                                            "defaultLanguage": "lv", "maxValues": server.published_cells,
                                            "maxCalls": 30, "timeWindow": 10, "CORS": True})
                prefix = "/api/v1/lv/OSP_PUB/"
                table = server.tables.get(path[len(prefix):]) if path.startswith(prefix) else None
                if table is None:
                    server.log.append((method, path, body, 404))
                    return self._send(404, "Not found")
                if method == "GET":
                    status, payload = 200, server._metadata(table)
                else:
                    status, payload = server._data(table, body)
                server.log.append((method, path, body, status))
                self._send(status, payload)

            def do_GET(self) -> None:
                self._route("GET")

            def do_POST(self) -> None:
                self._route("POST")

        return Handler
