"""The zip scan's fast searches answer exactly what their regular expressions would, on any bytes."""

from __future__ import annotations

import random

import numpy as np

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


def test_each_fast_search_agrees_with_its_regex():
    """Given cells as spreadsheets write them, odd spellings and 3,000 random strings of the patterns' own
    characters / When the fast searches run / Then each answers as its regex does (from every start, for r=)."""
    disagree = []
    for chunk in WRITTEN + random_chunks(3000, seed=12):
        data = padded(chunk)
        got = [z._has_formula(data, chunk), z._has_error_type(data, chunk),
               [z._has_odd_ref(data, chunk, start=i) for i in range(len(chunk) + 1)]]
        want = [z._FORMULA.search(chunk) is not None, z._ERROR_TYPE.search(chunk) is not None,
                [z._ODD_REF.search(chunk, i) is not None for i in range(len(chunk) + 1)]]
        if got != want:
            disagree.append(chunk)
    assert disagree == []


def test_many_candidates_fall_back_to_the_regex(monkeypatch):
    """Given a chunk with more candidate places than the limit, When searched / Then the answer is still exact."""
    monkeypatch.setattr(z, "_MAX_CANDIDATES", 2)
    chunk = b'<c t="e"/>' * 5 + b' r=\'A1\'' + b"<f>" * 3
    data = padded(chunk)
    assert (z._has_error_type(data, chunk), z._has_odd_ref(data, chunk, start=0), z._has_formula(data, chunk)) == (
        True, True, True)
    plain = b'"e"' * 5 + b" r=x" * 5
    assert (z._has_error_type(padded(plain), plain), z._has_odd_ref(padded(plain), plain, start=0)) == (False, False)
