"""Sessions that cost the server what a browser's costs, without a browser: for many people at once on one machine.

Each one fetches the page (and, for a new visitor, every file its HTML names, over six kept-alive connections as a
browser does; a returning visitor's browser holds those files, which Streamlit marks immutable), asks for the health
and host-config the frontend asks for, opens Streamlit's websocket and asks for the page's run exactly as the
frontend does (a BackMsg `rerun_script` naming the page), then reads the server's messages until the first chart
element arrives. The server runs the same script, sends the same deltas and serves the same files; what is left out
is the drawing, which happens on each person's own computer. The client speaks plain HTTP/1.1 on asyncio streams:
its own work shares this machine's two cores with the server, and a library client cost as much CPU as the server.
"""

from __future__ import annotations

import asyncio
import os
import re
import statistics
import time
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

_ASSET = re.compile(r"""(?:src|href)=["']([^"']+\.(?:js|css))["']""")
_CONNECTIONS = 6  # a browser's connections to one host
_FRONTEND_ASKS = ("_stcore/health", "_stcore/host-config")


async def first_chart(url: str, *, start: float, timeout: float, new_visitor: bool = True) -> float | None:
    """Seconds from `start` until the page at `url` has sent its first chart; None when none came in time."""
    try:
        return await asyncio.wait_for(_first_chart(url, start=start, new_visitor=new_visitor), timeout=timeout)
    except Exception:  # noqa: BLE001 - a session without a chart in time is the measurement
        return None


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, *, host: str, path: str) -> bytes:
    """One GET on a kept-alive connection: the body (Streamlit answers with a length, never chunked here)."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept-Encoding: identity\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
    if length is None:
        raise RuntimeError(f"{path}: no content-length in {head[:200]!r}")
    return await reader.readexactly(int(length.group(1)))


async def _fetch_all(host: str, port: int, paths: list[str]) -> list[bytes]:
    """The paths over up to six connections, each taking the next path when its last answer is in."""
    queue = list(enumerate(paths))
    out: list[bytes] = [b""] * len(paths)

    async def connection() -> None:
        reader, writer = await asyncio.open_connection(host, port)
        try:
            while queue:
                i, path = queue.pop(0)
                out[i] = await _get(reader, writer, host=f"{host}:{port}", path=path)
        finally:
            writer.close()

    await asyncio.gather(*(connection() for _ in range(min(_CONNECTIONS, len(paths)) or 1)))
    return out


async def _first_chart(url: str, *, start: float, new_visitor: bool) -> float | None:
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    parts = urlsplit(url)
    base = f"{parts.scheme}://{parts.netloc}"
    page = parts.path.strip("/")
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    html = (await _fetch_all(host, port, [parts.path or "/"]))[0].decode()
    assets = [urlsplit(urljoin(url, a)).path for a in dict.fromkeys(_ASSET.findall(html))] if new_visitor else []
    await _fetch_all(host, port, assets + [f"/{p}" for p in _FRONTEND_ASKS])
    ws_url = f"{'wss' if parts.scheme == 'https' else 'ws'}://{parts.netloc}/_stcore/stream"
    async with websockets.connect(ws_url, subprotocols=["streamlit"], origin=base, max_size=None) as ws:
        back = BackMsg()
        back.rerun_script.query_string = parts.query
        back.rerun_script.page_name = page
        await ws.send(back.SerializeToString())
        async for data in ws:
            msg = ForwardMsg()
            msg.ParseFromString(data)
            if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element" \
                    and msg.delta.new_element.WhichOneof("type") == "plotly_chart":
                return time.perf_counter() - start
    return None


async def many(urls: list[str], *, timeout: float, new_visitor: bool = True) -> list[float | None]:
    """Every url asked for at the same moment: seconds to each one's first chart."""
    start = time.perf_counter()
    return list(await asyncio.gather(*(first_chart(u, start=start, timeout=timeout, new_visitor=new_visitor)
                                       for u in urls)))


def _person(url: str, *, others: list[str], timeout: float) -> tuple[float | None, list[float | None]]:
    """One person in Chromium (a fresh context) while the `others` sessions ask at the same moment."""
    import threading

    from tests.bench.browser import VIEWPORT
    from tests.dashboard.browser_util import CHART, chromium

    box: list[list[float | None]] = []
    with chromium() as browser:
        ctx = browser.new_context(viewport=VIEWPORT)
        try:
            page = ctx.new_page()
            load = threading.Thread(target=lambda: box.append(asyncio.run(many(others, timeout=timeout))))
            start = time.perf_counter()
            load.start()
            try:
                page.goto(url, timeout=timeout * 1000)
                page.wait_for_selector(CHART, timeout=timeout * 1000)
                seconds: float | None = time.perf_counter() - start
            except Exception:  # noqa: BLE001 - no chart in time is the measurement
                seconds = None
            load.join()
        finally:
            ctx.close()
    return seconds, box[0] if box else []


def _chromium_alone(urls: dict[str, str], *, rounds: int, timeout: float) -> dict[str, dict[str, float]]:
    """Navigation → first chart in Chromium, one person alone: a new visitor (fresh context) and a returning one (a
    context that holds Streamlit's files), medians of `rounds` alternating visits."""
    from tests.bench.browser import VIEWPORT
    from tests.dashboard.browser_util import CHART, chromium

    seconds: dict[str, dict[str, list[float]]] = {"new": {k: [] for k in urls}, "returning": {k: [] for k in urls}}
    with chromium() as browser:
        cached = browser.new_context(viewport=VIEWPORT)
        for url in urls.values():
            page = cached.new_page()
            page.goto(url, timeout=timeout * 1000)
            page.wait_for_selector(CHART, timeout=timeout * 1000)
            page.close()
        for _ in range(rounds):
            for what, url in urls.items():
                for kind in ("new", "returning"):
                    ctx = browser.new_context(viewport=VIEWPORT) if kind == "new" else cached
                    page = ctx.new_page()
                    start = time.perf_counter()
                    page.goto(url, timeout=timeout * 1000)
                    page.wait_for_selector(CHART, timeout=timeout * 1000)
                    seconds[kind][what].append(time.perf_counter() - start)
                    page.close()
                    if kind == "new":
                        ctx.close()
        cached.close()
    return {kind: {k: statistics.median(v) for k, v in by.items()} for kind, by in seconds.items()}


def bench(tmp: Path) -> dict[str, Any]:
    """Many people at once, as each meets it: the dashboard (half overview, half profile) and the one-chart floor.

    Alone, each page is timed in Chromium and as a session without a browser; the difference is the browser's own
    drawing, which happens on each person's computer. BENCH_SESSIONS people then ask at the same moment (sessions
    without a browser, so the server does all of their work while this machine does none of their drawing); a
    person's wait is their session's time plus their own browser's drawing, and the median of those is set against
    one person alone in Chromium. New visitors fetch every file; returning visitors' browsers hold them. Lastly one
    real person in Chromium among the others."""
    from analysis.sample import load_sample
    from analysis.store import init_db, make_engine
    from tests.bench.browser import FLOOR_APP, SESSIONS, TIMEOUT_MS, summary
    from tests.dashboard.browser_util import streamlit_server

    db = f"sqlite:///{tmp / 'sessions.sqlite'}"
    engine = make_engine(db)
    init_db(engine)
    load_sample(engine)
    engine.dispose()
    rounds = int(os.environ.get("BENCH_ROUNDS", "5"))
    timeout = TIMEOUT_MS / 1000
    out: dict[str, Any] = {"rounds": rounds}
    with streamlit_server(db) as app, streamlit_server(db, script=FLOOR_APP) as floor:
        urls = {"overview": f"{app}/", "profile": f"{app}/profile", "floor": f"{floor}/"}
        for url in urls.values():  # the first visit after start computes; people mostly arrive later
            asyncio.run(many([url], timeout=timeout))
        browser_alone = _chromium_alone(urls, rounds=rounds, timeout=timeout)
        for kind, new_visitor in (("new", True), ("returning", False)):
            alone: dict[str, list[float]] = {k: [] for k in urls}
            for _ in range(rounds):
                for what, url in urls.items():
                    t = asyncio.run(many([url], timeout=timeout, new_visitor=new_visitor))[0]
                    if t is not None:
                        alone[what].append(t)
            session = {k: statistics.median(v) for k, v in alone.items() if v}
            drawing = {k: max(browser_alone[kind][k] - session[k], 0.0) for k in session}
            for what in urls:
                out[f"{kind}.{what}.session_alone_s"] = round(session.get(what, float("nan")), 3)
                out[f"{kind}.{what}.chromium_alone_s"] = round(browser_alone[kind][what], 3)
            for n in SESSIONS:
                mix = ["overview" if i % 2 == 0 else "profile" for i in range(n)]
                for app_name, whats in (("dashboard", mix), ("floor", ["floor"] * n)):
                    times = asyncio.run(many([urls[w] for w in whats], timeout=timeout, new_visitor=new_visitor))
                    waits = [t + drawing[w] if t is not None else None for t, w in zip(times, whats)]
                    one = statistics.median(browser_alone[kind][w] for w in set(whats))
                    got = summary(waits)
                    got["median_vs_alone"] = round(got["median_s"] / one, 2) if got["median_s"] else None
                    got["sessions_median_s"] = summary(times)["median_s"]
                    out[f"{kind}.{app_name}_{n}"] = got
                    print(f"bench: {n} {kind} visitors of the {app_name} at once: {got}", flush=True)
        for n in SESSIONS:
            mix = [urls["overview"] if i % 2 == 0 else urls["profile"] for i in range(n)]
            person, others = _person(urls["profile"], others=mix[1:], timeout=timeout)
            out[f"person_among_{n}"] = {"chromium_s": round(person, 2) if person else None, **summary(others)}
            print(f"bench: one person in Chromium among {n}: {out[f'person_among_{n}']}", flush=True)
    text = table(out)
    print(text, flush=True)
    results = Path(__file__).resolve().parents[2] / "bench-results"
    results.mkdir(exist_ok=True)
    (results / "sessions.md").write_text(text + "\n", encoding="utf-8")
    return out


def table(out: dict[str, Any]) -> str:
    """The measures as a Markdown table: one person alone, then people at once (their median wait ÷ one alone)."""
    lines = ["| visitors | page | alone in Chromium s | alone as a session s |", "|---|---|---|---|"]
    for kind in ("new", "returning"):
        for what in ("overview", "profile", "floor"):
            lines.append(f"| {kind} | {what} | {out.get(f'{kind}.{what}.chromium_alone_s')} | "
                         f"{out.get(f'{kind}.{what}.session_alone_s')} |")
    lines += ["", "| at once | people | with chart | sessions' median s | median wait s | slowest wait s | "
              "median wait ÷ alone |", "|---|---|---|---|---|---|---|"]
    for key, got in out.items():
        if isinstance(got, dict) and "median_vs_alone" in got:
            lines.append(f"| {key} | {got['sessions']} | {got['with_chart']} | {got['sessions_median_s']} | "
                         f"{got['median_s']} | {got['max_s']} | {got['median_vs_alone']} |")
    lines += ["", "| one person in Chromium among | Chromium s | the others' median s |", "|---|---|---|"]
    for key, got in out.items():
        if isinstance(got, dict) and "chromium_s" in got:
            lines.append(f"| {got['sessions'] + 1} | {got['chromium_s']} | {got['median_s']} |")
    return "\n".join(lines)
