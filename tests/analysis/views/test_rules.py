"""One rule per indicator question: every view and the Word chapter ask the same functions."""

from __future__ import annotations

import numpy as np

from analysis.stats.formatting import KIND_DECIMALS, decimals
from analysis.views.rules import comparable
from analysis.views.rules import decimals as indicator_decimals


def test_decimals_are_one_rule_for_scalars_and_columns(cat):
    """Given every catalogue indicator, When its decimals are asked one by one and as a column, Then they agree
    and follow the kind (counts 0, rates and shares 1, amounts 2)."""
    kinds = [i.kind for i in cat.indicators]
    assert [indicator_decimals(i) for i in cat.indicators] == decimals(np.array(kinds)).tolist()
    assert {k: KIND_DECIMALS[k] for k in set(kinds)} == {k: v for k, v in
                                                        {"count": 0, "rate": 1, "proportion": 1, "amount": 2,
                                                         "yes_no": 0}.items() if k in set(kinds)}
    assert all(indicator_decimals(i, as_rate=True) == 1 for i in cat.indicators)


def test_comparable_with_latvia_is_having_a_numerator(cat):
    """Given every indicator, Then Latvia's line compares exactly where the value is a count over a denominator."""
    assert [comparable(i) for i in cat.indicators] == [i.has_numerator for i in cat.indicators]
    assert comparable(None) is False
