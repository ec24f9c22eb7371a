"""Sessions that cost the server what a browser's costs, without a browser: for many people at once on one machine.

Each one fetches the page and the files its HTML names, as a browser does, opens Streamlit's websocket and asks for
the page's run exactly as the frontend does (a BackMsg `rerun_script` naming the page), then reads the server's
messages until the first chart element arrives. The server runs the same script, sends the same deltas and serves
the same files; what is left out is the drawing, which happens on each person's own computer.
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


async def first_chart(url: str, *, start: float, timeout: float) -> float | None:
    """Seconds from `start` until the page at `url` has sent its first chart; None when none came in time."""
    try:
        return await asyncio.wait_for(_first_chart(url, start=start), timeout=timeout)
    except Exception:  # noqa: BLE001 - a session without a chart in time is the measurement
        return None


async def _first_chart(url: str, *, start: float) -> float | None:
    import httpx
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    parts = urlsplit(url)
    base = f"{parts.scheme}://{parts.netloc}"
    page = parts.path.strip("/")
    async with httpx.AsyncClient(timeout=None) as http:
        html = (await http.get(url)).text
        await asyncio.gather(*(http.get(urljoin(url, a)) for a in dict.fromkeys(_ASSET.findall(html))))
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


async def many(urls: list[str], *, timeout: float) -> list[float | None]:
    """Every url asked for at the same moment: seconds to each one's first chart."""
    start = time.perf_counter()
    return list(await asyncio.gather(*(first_chart(u, start=start, timeout=timeout) for u in urls)))


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


def bench(tmp: Path) -> dict[str, Any]:
    """The server's share of many people at once: the dashboard (half overview, half profile) and the one-chart
    floor, each alone (median of BENCH_ROUNDS) and BENCH_SESSIONS at once; then one person in Chromium among them."""
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
        alone: dict[str, list[float]] = {k: [] for k in urls}
        for _ in range(rounds):
            for what, url in urls.items():
                t = asyncio.run(many([url], timeout=timeout))[0]
                if t is not None:
                    alone[what].append(t)
        for what, xs in alone.items():
            out[f"{what}.alone_s"] = round(statistics.median(xs), 3) if xs else None
        single = statistics.median(alone["overview"] + alone["profile"])
        for n in SESSIONS:
            mix = [urls["overview"] if i % 2 == 0 else urls["profile"] for i in range(n)]
            for what, batch in (("dashboard", mix), ("floor", [urls["floor"]] * n)):
                got = summary(asyncio.run(many(batch, timeout=timeout)))
                ref = single if what == "dashboard" else out["floor.alone_s"]
                got["median_vs_alone"] = round(got["median_s"] / ref, 2) if got["median_s"] and ref else None
                out[f"{what}_{n}"] = got
                print(f"bench: {n} {what} sessions at once: {got}", flush=True)
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
    """The measures as a Markdown table."""
    lines = ["| what | sessions | with chart | median s | max s | median ÷ alone |", "|---|---|---|---|---|---|"]
    for what in ("overview", "profile", "floor"):
        lines.append(f"| {what} alone (median of {out['rounds']}) | 1 | | {out.get(f'{what}.alone_s')} | | |")
    for key, got in out.items():
        if isinstance(got, dict) and "sessions" in got:
            extra = f" (Chromium {got['chromium_s']} s)" if "chromium_s" in got else ""
            lines.append(f"| {key}{extra} | {got['sessions']} | {got['with_chart']} | {got['median_s']} | "
                         f"{got['max_s']} | {got.get('median_vs_alone', '')} |")
    return "\n".join(lines)
