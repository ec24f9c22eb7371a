"""The programme's chart images: a Chromium session that hangs or fails is ended and tried once more, then said."""

from __future__ import annotations

import asyncio

import kaleido
import plotly.graph_objects as go
import pytest

from analysis.programme import charts


class _Hangs:
    """A kaleido session whose browser never answers (as kaleido 1.5 does when its start races under load)."""

    started = 0

    def __init__(self, *args, **kwargs) -> None:
        type(self).started += 1

    async def __aenter__(self):
        await asyncio.sleep(3600)

    async def __aexit__(self, *exc) -> None:
        return None


def test_a_hanging_browser_is_ended_tried_again_and_then_said(monkeypatch):
    """Given a browser that never answers / When the charts are drawn with a short limit / Then two sessions were
    started, each ended at the limit, and ChartsNotDrawn says it was a timeout."""
    monkeypatch.setattr(kaleido, "Kaleido", _Hangs)
    with pytest.raises(charts.ChartsNotDrawn, match="TimeoutError"):
        charts.render_png([go.Figure(go.Bar(x=[1], y=[2]))], timeout=0.2)
    assert _Hangs.started == 2


def test_a_second_try_that_draws_returns_the_images(monkeypatch):
    """Given a browser that fails once and then draws / When the charts are drawn / Then the images come back."""
    calls = []

    class _FailsOnce:
        def __init__(self, *args, **kwargs) -> None:
            calls.append(1)

        async def __aenter__(self):
            if len(calls) == 1:
                raise RuntimeError("ReferenceError: kaleido_scopes is not defined")
            return self

        async def __aexit__(self, *exc) -> None:
            return None

        async def calc_fig(self, fig, opts):
            return b"\x89PNG drawn"

    monkeypatch.setattr(kaleido, "Kaleido", _FailsOnce)
    assert charts.render_png([go.Figure(), go.Figure()], timeout=5) == [b"\x89PNG drawn", b"\x89PNG drawn"]
    assert len(calls) == 2
