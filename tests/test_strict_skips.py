"""Skips become failures under `make test` (TEST_NO_SKIPS=1) and stay skips under `make test-fast`."""

from __future__ import annotations

pytest_plugins = ["pytester"]

SKIPPING = """
import pytest

def test_needs_a_server():
    pytest.skip("no server here")

@pytest.mark.skip(reason="decided in the code")
def test_marked():
    pass
"""


def test_a_runtime_skip_fails_when_every_test_must_run(pytester, monkeypatch):
    """Given a test that skips at run time / When TEST_NO_SKIPS=1 / Then it fails naming the reason; a mark stays a skip."""
    pytester.makepyfile(SKIPPING)
    monkeypatch.setenv("TEST_NO_SKIPS", "1")
    result = pytester.runpytest("-p", "tests.strict_skips")
    result.assert_outcomes(failed=1, skipped=1)
    result.stdout.fnmatch_lines(["*must run every test: no server here*"])


def test_a_runtime_skip_is_a_skip_for_quick_work(pytester, monkeypatch):
    """Given the same test / When TEST_NO_SKIPS is not set / Then both are skips."""
    pytester.makepyfile(SKIPPING)
    monkeypatch.delenv("TEST_NO_SKIPS", raising=False)
    pytester.runpytest("-p", "tests.strict_skips").assert_outcomes(skipped=2)
