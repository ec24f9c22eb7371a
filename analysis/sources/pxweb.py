"""A PxWeb API v1 client: table metadata, data queries, the service's limits and polite retries."""

from __future__ import annotations

import email.utils
import time
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable

import httpx

DEFAULT_MAX_CELLS = 10_000
RETRY_STATUSES = (429, 503)
MAX_ATTEMPTS = 5
MAX_WAIT_SECONDS = 60.0


class SourceError(RuntimeError):
    """The portal could not be used; `lv` and `en` say why, kept apart, naming the address."""

    def __init__(self, *, lv: str, en: str, code: str) -> None:
        super().__init__(f"{lv} / {en}")
        self.lv, self.en, self.code = lv, en, code


class TooManyCells(Exception):
    """The service refused a query as too large; the caller splits it."""


@dataclass(frozen=True)
class Variable:
    """A table variable as the metadata GET publishes it."""

    code: str
    text: str
    values: tuple[str, ...]
    value_texts: tuple[str, ...]
    time: bool
    elimination: bool


@dataclass(frozen=True)
class Metadata:
    title: str
    variables: tuple[Variable, ...]

    def variable(self, code: str) -> Variable | None:
        return next((v for v in self.variables if v.code == code), None)

    @property
    def time_variable(self) -> Variable | None:
        return next((v for v in self.variables if v.time), None) or self.variable("TIME")


@dataclass(frozen=True)
class Limits:
    """The service's published limits (`?config`): cells per query, and calls per time window."""

    max_cells: int = DEFAULT_MAX_CELLS
    max_calls: int = 30
    time_window: float = 10.0


def _retry_after(response: httpx.Response, *, attempt: int) -> float:
    """Seconds to wait: the server's Retry-After (seconds or a date) when given, else exponential backoff."""
    header = response.headers.get("Retry-After")
    if header:
        header = header.strip()
        if header.isdigit():
            return min(float(header), MAX_WAIT_SECONDS)
        try:
            when = email.utils.parsedate_to_datetime(header)
            return max(0.0, min((when - datetime.now(timezone.utc)).total_seconds(), MAX_WAIT_SECONDS))
        except (TypeError, ValueError):
            pass
    return min(0.5 * 2**attempt, MAX_WAIT_SECONDS)


def _too_many_cells(response: httpx.Response) -> bool:
    """PxWeb answers an oversized query with 400 or 403 and a text saying so."""
    if response.status_code not in (400, 403):
        return False
    text = response.text.casefold()
    return any(w in text for w in ("too many", "cells", "maxvalues", "max values", "pārāk daudz"))


class PxWebClient:
    """One session against one base URL (…/api/v1); waits out the request limit and retries 429/503."""

    def __init__(
        self,
        *,
        base_url: str,
        language: str = "lv",
        database: str = "OSP_PUB",
        timeout: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.language = language
        self.database = database
        self._sleep = sleep
        self._calls: deque[float] = deque()
        self._http = httpx.Client(timeout=timeout, transport=transport, follow_redirects=True,
                                  headers={"User-Agent": "bernu-tiesibas/0.1 (+PxWeb v1)"})
        self.limits = Limits()
        self.requests = 0
        self.retries = 0

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> "PxWebClient":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def table_url(self, path: str) -> str:
        return f"{self.base_url}/{self.language}/{self.database}/{path.strip('/')}"

    # --- the service's limits --------------------------------------------------------------------------------------

    def load_limits(self) -> Limits:
        """Reads `?config`; a service that does not publish it keeps the usual defaults."""
        try:
            got = self._request("GET", f"{self.base_url}/{self.language}/?config")
            cfg = got.json()
            self.limits = Limits(
                max_cells=int(cfg.get("maxValues") or DEFAULT_MAX_CELLS),
                max_calls=int(cfg.get("maxCalls") or 30),
                time_window=float(cfg.get("timeWindow") or 10),
            )
        except (SourceError, ValueError, TypeError, AttributeError):
            self.limits = Limits()
        return self.limits

    def _throttle(self) -> None:
        """Never more than max_calls within time_window: wait for the oldest call to leave the window."""
        now = time.monotonic()
        window = self.limits.time_window
        while self._calls and now - self._calls[0] >= window:
            self._calls.popleft()
        if len(self._calls) >= self.limits.max_calls:
            self._sleep(max(0.0, window - (now - self._calls[0])))
            self._calls.popleft()
        self._calls.append(time.monotonic())

    # --- requests -------------------------------------------------------------------------------------------------

    def _request(self, method: str, url: str, *, json: Any = None) -> httpx.Response:
        for attempt in range(MAX_ATTEMPTS):
            self._throttle()
            self.requests += 1
            try:
                response = self._http.request(method, url, json=json)
            except httpx.HTTPError as exc:
                raise SourceError(
                    lv=f"Nevar sazināties ar statistikas portālu ({url}): {type(exc).__name__}",
                    en=f"Cannot reach the statistics portal ({url}): {type(exc).__name__}",
                    code="source-unreachable",
                ) from None
            if response.status_code in RETRY_STATUSES and attempt + 1 < MAX_ATTEMPTS:
                self.retries += 1
                self._sleep(_retry_after(response, attempt=attempt))
                continue
            if response.status_code in RETRY_STATUSES:
                raise SourceError(
                    lv=f"Statistikas portāls {MAX_ATTEMPTS} reizes atbildēja “{response.status_code}” (pārāk daudz "
                    f"pieprasījumu vai serviss nav pieejams); mēģiniet vēlāk ({url}).",
                    en=f"The statistics portal answered “{response.status_code}” {MAX_ATTEMPTS} times (too many "
                    f"requests or service unavailable); try again later ({url}).",
                    code="source-busy",
                )
            if _too_many_cells(response):
                raise TooManyCells(response.text[:200])
            if response.status_code == 404:
                raise SourceError(
                    lv=f"Tabula nav atrasta statistikas portālā ({url}); tā var būt pārdēvēta vai slēgta.",
                    en=f"Table not found on the statistics portal ({url}); it may have been renamed or closed.",
                    code="source-table-missing",
                )
            if response.status_code >= 400:
                raise SourceError(
                    lv=f"Statistikas portāls atbildēja ar kļūdu {response.status_code} ({url}).",
                    en=f"The statistics portal answered with error {response.status_code} ({url}).",
                    code="source-http-error",
                )
            return response
        raise AssertionError("unreachable")  # pragma: no cover

    def _json(self, response: httpx.Response, url: str) -> Any:
        try:
            return response.json()
        except ValueError:
            raise SourceError(
                lv=f"Statistikas portāla atbilde nav JSON ({url}).",
                en=f"The statistics portal's answer is not JSON ({url}).",
                code="source-bad-response",
            ) from None

    def metadata(self, path: str) -> Metadata:
        """The table's title and variables (GET on the table path)."""
        url = self.table_url(path)
        payload = self._json(self._request("GET", url), url)
        try:
            variables = tuple(
                Variable(
                    code=str(v["code"]),
                    text=str(v.get("text", v["code"])),
                    values=tuple(str(x) for x in v["values"]),
                    value_texts=tuple(str(x) for x in v.get("valueTexts", v["values"])),
                    time=bool(v.get("time", False)),
                    elimination=bool(v.get("elimination", False)),
                )
                for v in payload["variables"]
            )
            return Metadata(title=str(payload.get("title", "")), variables=variables)
        except (KeyError, TypeError):
            raise SourceError(
                lv=f"Tabulas apraksts nav PxWeb formā ({url}).",
                en=f"The table's metadata is not in the PxWeb shape ({url}).",
                code="source-bad-response",
            ) from None

    def query(self, path: str, *, selection: dict[str, tuple[str, ...]], response_format: str) -> Any:
        """POSTs one query (every variable with an item filter); raises TooManyCells when the service refuses its size."""
        url = self.table_url(path)
        body = {
            "query": [
                {"code": code, "selection": {"filter": "item", "values": list(values)}}
                for code, values in selection.items()
            ],
            "response": {"format": response_format},
        }
        return self._json(self._request("POST", url, json=body), url)
