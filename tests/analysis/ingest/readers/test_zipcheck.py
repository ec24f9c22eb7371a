"""The zip scan's fast searches answer exactly what their regular expressions would, on any bytes."""

from __future__ import annotations

import random

import numpy as np
import pytest

from analysis.ingest.readers import zipcheck as z

# the characters the three patterns turn on, and a few that they do not
ALPHABET = [b" ", b"\t", b"\n", b"\x0b", b"r", b"t", b"e", b"f", b"=", b'"', b"'", b"<", b":", b">", b"/", b"x",
            b"A", b"1", b"_", b"-", b"."]


def padded(chunk: bytes):
    return np.frombuffer(chunk + bytes(z._REF_WIDTH), dtype=np.uint8)


def random_chunks(n: int, *, seed: int) -> list[bytes]:
    rng = random.Random(seed)
    return [b"".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 40))) for _ in range(n)]


WRITTEN = [
    b'<c r="A1" t="e"><v>#DIV/0!</v></c>', b"<c r='A1'/>", b'<c r = "A1"/>', b'<c\nr=\n"B2"/>', b'<c r="A1"/>',
    b"<x:f>SUM(A1)</x:f>", b"<f>1</f>", b"<ab.c-d:f/>", b"<1x:f>", b"<:f>", b"<fx>", b'<c t  =\t"e"/>',
    b'<c t="s"/><c t="e\'/>', b"t=\"e\"", b' t="e"', b"a r", b" r", b" r=", b" r='", b'"e"e"', b"",
]


@pytest.mark.parametrize("chunk", WRITTEN + random_chunks(3000, seed=12))
def test_each_fast_search_agrees_with_its_regex(chunk):
    """Given cells as spreadsheets write them, odd spellings and random bytes of the patterns' own characters,
    When the fast searches run / Then each answers as its regex does (from every start, for the r= search)."""
    data = padded(chunk)
    assert z._has_formula(data, chunk) == (z._FORMULA.search(chunk) is not None)
    assert z._has_error_type(data, chunk) == (z._ERROR_TYPE.search(chunk) is not None)
    for start in range(len(chunk) + 1):
        assert z._has_odd_ref(data, chunk, start=start) == (z._ODD_REF.search(chunk, start) is not None)


def test_many_candidates_fall_back_to_the_regex(monkeypatch):
    """Given a chunk with more candidate places than the limit, When searched / Then the answer is still exact."""
    monkeypatch.setattr(z, "_MAX_CANDIDATES", 2)
    chunk = b'<c t="e"/>' * 5 + b' r=\'A1\'' + b"<f>" * 3
    data = padded(chunk)
    assert (z._has_error_type(data, chunk), z._has_odd_ref(data, chunk, start=0), z._has_formula(data, chunk)) == (
        True, True, True)
    plain = b'"e"' * 5 + b" r=x" * 5
    assert (z._has_error_type(padded(plain), plain), z._has_odd_ref(padded(plain), plain, start=0)) == (False, False)
