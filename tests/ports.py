"""Free localhost ports for test servers (streamlit, PostgreSQL) that parallel pytest-xdist workers never share."""

from __future__ import annotations

import itertools
import os
import socket

# below Linux's ephemeral range (32768–60999): the kernel never hands these out to other connections
FIRST, PER_WORKER = 20_000, 600
_next = itertools.count()


def _bindable(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port() -> int:
    """A port nobody listens on. Outside xdist the kernel picks one; a worker (gw0, gw1, …) picks from a block of
    its own, in turn, so two workers starting servers at the same moment cannot be given the same port (a server
    started on a port already taken would fail, or its health check would answer for the other one)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker.startswith("gw"):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            return int(s.getsockname()[1])
    first = FIRST + int(worker[2:]) * PER_WORKER
    for _ in range(PER_WORKER):
        port = first + next(_next) % (PER_WORKER - 1)  # never the block's last: `make serve` also takes port + 1
        if _bindable(port):
            return port
    raise RuntimeError(f"no free port in {first}–{first + PER_WORKER - 1} for {worker}")
