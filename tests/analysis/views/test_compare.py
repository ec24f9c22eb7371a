"""The comparison view in codes: each municipality's latest figure, Latvia's, and every pair judged honestly."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.catalogue import catalogue as project_catalogue
from analysis.stats.result import Analysis, Settings
from analysis.views.compare import LATVIA_COLUMNS, PAIR_COLUMNS, ROW_COLUMNS, compare

RIGA, CESIS, VARAKLANI = "LV0001000", "LV0026000", "LV0055000"
OOF, INST, CUSTODY, ADOPT = ("children_in_out_of_family_care_rate", "children_in_institutional_care_share",
                             "custody_rights_suspended_rate", "adoptions")
DOMAIN = 7
NA = np.nan


def _value(code, indicator, year, value, lower, upper, *, mark="", small=False):
    """An analysis.values row as a viewer gets it: a hidden cell has no number, only its mark and display."""
    hidden = mark != ""
    return {"municipality_code": code, "indicator": indicator, "domain": DOMAIN, "year": year,
            "value": NA if hidden else value, "lower": NA if hidden else lower, "upper": NA if hidden else upper,
            "display_value": {"small_count": "<5", "secondary": "x"}.get(mark, f"{value}"), "small_n": small,
            "suppression": mark, "suppressed": hidden}


def _analysis(values: list[dict], national: list[tuple]) -> Analysis:
    """A fake analysis holding only the tables the comparison reads."""
    empty = pd.DataFrame()
    vals = pd.DataFrame(values).astype({"municipality_code": "category", "indicator": "category",
                                        "suppression": "category"})
    nat = pd.DataFrame(national, columns=["indicator", "year", "value"])
    return Analysis(trends=empty, values=vals, national=nat, regions=empty, completeness=empty, groups=empty,
                    neighbours=empty, settings=Settings())


def _fake():
    return _analysis([
        # out-of-family care rate: Rīga and Cēsis 2025 apart; Varakļāni only up to 2024 (it merged away)
        _value(RIGA, OOF, 2024, 13.0, 12.3, 13.8), _value(RIGA, OOF, 2025, 13.5, 12.8, 14.3),
        _value(CESIS, OOF, 2025, 6.5, 4.7, 8.7), _value(VARAKLANI, OOF, 2024, 13.3, 5.3, 27.3),
        # institutional care share: Rīga and Cēsis overlap; Varakļāni hidden to protect another figure
        _value(RIGA, INST, 2025, 6.7, 5.5, 8.2), _value(CESIS, INST, 2025, 11.1, 4.8, 23.5),
        _value(VARAKLANI, INST, 2024, 9.0, 1.0, 30.0, mark="secondary"),
        # custody suspended: Cēsis a small count (hidden), Varakļāni never reported
        _value(RIGA, CUSTODY, 2025, 2.1, 1.8, 2.4), _value(CESIS, CUSTODY, 2025, 0.4, 0.1, 2.0, mark="small_count",
                                                           small=True),
        # adoptions: a count, never judged between municipalities of different sizes
        _value(RIGA, ADOPT, 2025, 60.0, 45.8, 77.2), _value(CESIS, ADOPT, 2025, 3.0, 0.6, 8.8, mark="small_count",
                                                            small=True),
        _value(VARAKLANI, ADOPT, 2024, 0.0, 0.0, 3.7),
    ], national=[(OOF, 2024, 13.0), (OOF, 2025, 12.7), (INST, 2025, 7.3), (CUSTODY, 2025, 1.8), (ADOPT, 2025, 500.0)])


def test_rows_hold_each_latest_figure_its_mark_and_latvia():
    """Given a domain's values for three municipalities, When compared, Then one row per indicator × municipality in
    guidance order: the latest year's figure and interval, hidden cells blank with their mark, Latvia only where it
    is on the municipalities' scale (not for counts), and indicators nobody reported marked no_data."""
    cat = project_catalogue()
    view = compare(_fake(), cat, codes=[RIGA, CESIS, VARAKLANI], domain_no=DOMAIN)
    ids = [i.id for i in cat.indicators_of(DOMAIN)]
    kinds = {i.id: (i.kind, 0 if i.kind == "count" else 1) for i in cat.indicators_of(DOMAIN)}
    given = {
        (OOF, RIGA): (2025, 13.5, 12.8, 14.3, "", "", False, 12.7),
        (OOF, CESIS): (2025, 6.5, 4.7, 8.7, "", "", False, 12.7),
        (OOF, VARAKLANI): (2024, 13.3, 5.3, 27.3, "", "", False, 13.0),
        (INST, RIGA): (2025, 6.7, 5.5, 8.2, "", "", False, 7.3),
        (INST, CESIS): (2025, 11.1, 4.8, 23.5, "", "", False, 7.3),
        (INST, VARAKLANI): (2024, NA, NA, NA, "x", "secondary", False, NA),
        (CUSTODY, RIGA): (2025, 2.1, 1.8, 2.4, "", "", False, 1.8),
        (CUSTODY, CESIS): (2025, NA, NA, NA, "<5", "small_count", True, 1.8),
        (ADOPT, RIGA): (2025, 60.0, 45.8, 77.2, "", "", False, NA),
        (ADOPT, CESIS): (2025, NA, NA, NA, "<5", "small_count", True, NA),
        (ADOPT, VARAKLANI): (2024, 0.0, 0.0, 3.7, "", "", False, NA),
    }
    nothing = (None, NA, NA, NA, "", "no_data", False, NA)
    expected = pd.DataFrame(
        [(DOMAIN, i, c, *given.get((i, c), nothing), *kinds[i]) for i in ids for c in (RIGA, CESIS, VARAKLANI)],
        columns=ROW_COLUMNS,
    ).astype({"year": "Int64"})
    pd.testing.assert_frame_equal(view.rows, expected)
    assert (view.codes, view.domain) == ([RIGA, CESIS, VARAKLANI], DOMAIN)
    assert view.charted == [OOF, INST, CUSTODY]  # rates and shares with a figure; counts are not put side by side
    # one Latvia line per rate or share: the latest year among the chosen (Varakļāni's 2024 does not pull it back)
    assert not view.small_in_clear  # every small count here is hidden, as the public gets it
    pd.testing.assert_frame_equal(view.latvia, pd.DataFrame(
        [(OOF, 2025, 12.7), (INST, 2025, 7.3), (CUSTODY, 2025, 1.8)], columns=LATVIA_COLUMNS))


def test_every_pair_is_judged_by_overlap_or_says_why_it_cannot_be():
    """Given the same values, When compared, Then apart intervals are `differs` (with the higher and, through the
    polarity, the better one), overlapping ones `overlap`, a '<5' `small_numbers`, an 'x' `not_published`, a missing
    figure `no_data`, different years and counts `not_comparable` with the reason."""
    cat = project_catalogue()
    view = compare(_fake(), cat, codes=[RIGA, CESIS, VARAKLANI], domain_no=DOMAIN)
    judged = {
        OOF: [("differs", "", RIGA, CESIS), ("not_comparable", "different_years", "", ""),
              ("not_comparable", "different_years", "", "")],
        INST: [("overlap", "", "", ""), ("not_published", "", "", ""), ("not_published", "", "", "")],
        CUSTODY: [("small_numbers", "", "", ""), ("no_data", "", "", ""), ("no_data", "", "", "")],
        ADOPT: [("not_comparable", "count", "", "")] * 3,
    }
    pairs = ((RIGA, CESIS), (RIGA, VARAKLANI), (CESIS, VARAKLANI))
    expected = pd.DataFrame(
        [(DOMAIN, i.id, a, b, *judged.get(i.id, [("no_data", "", "", "")] * 3)[n])
         for i in cat.indicators_of(DOMAIN) for n, (a, b) in enumerate(pairs)],
        columns=PAIR_COLUMNS,
    )
    pd.testing.assert_frame_equal(view.pairs, expected)


def test_two_municipalities_give_one_pair_in_the_chosen_order():
    """Given Cēsis chosen before Rīga, Then each indicator has one pair (Cēsis, Rīga) and the higher one is named."""
    view = compare(_fake(), project_catalogue(), codes=[CESIS, RIGA], domain_no=DOMAIN)
    oof = view.pairs[view.pairs["indicator"] == OOF].to_dict("records")
    assert oof == [{"domain": DOMAIN, "indicator": OOF, "a": CESIS, "b": RIGA, "judgement": "differs", "why": "",
                    "higher": RIGA, "better": CESIS}]
    assert view.rows["municipality_code"].tolist()[:2] == [CESIS, RIGA]


def test_a_small_count_shown_in_clear_is_flagged():
    """Given a viewer who may see Cēsis' small count (its own editor), Then the figure is shown, judged by its
    interval like any other, and the comparison says a small number is in clear."""
    values = [_value(RIGA, CUSTODY, 2025, 2.1, 1.8, 2.4), _value(CESIS, CUSTODY, 2025, 0.4, 0.1, 2.0, small=True)]
    view = compare(_analysis(values, national=[]), project_catalogue(), codes=[RIGA, CESIS], domain_no=DOMAIN)
    row = view.rows[(view.rows["indicator"] == CUSTODY) & (view.rows["municipality_code"] == CESIS)].iloc[0]
    assert (row["value"], row["mark"], row["small_n"]) == (0.4, "", True)
    assert view.pairs[view.pairs["indicator"] == CUSTODY]["judgement"].tolist() == ["overlap"]
    assert view.small_in_clear


@pytest.mark.parametrize("codes", [[RIGA], [RIGA, RIGA], [RIGA, CESIS, VARAKLANI, "LV0038000", "LV0002000"]])
def test_one_or_more_than_four_or_the_same_twice_is_refused(codes):
    """Given fewer than two, more than four or a repeated municipality, Then the view refuses (the page asks first)."""
    with pytest.raises(ValueError, match="compare 2 to 4 different municipalities"):
        compare(_fake(), project_catalogue(), codes=codes, domain_no=DOMAIN)


def test_public_comparison_on_the_sample_never_holds_a_hidden_figure(sample):
    """Given the sample analysed as the public sees it, When every domain is compared for two municipalities, Then
    each row hidden in the analysis has no number, only its '<5' or 'x', and its pairs are not judged by value."""
    analysis, cat, _ = sample
    codes = [RIGA, VARAKLANI]
    hidden = analysis.values[analysis.values["suppressed"] & analysis.values["municipality_code"].isin(codes)]
    seen = 0
    for domain in cat.domains:
        view = compare(analysis, cat, codes=codes, domain_no=domain.no)
        marked = view.rows[view.rows["mark"].isin(["small_count", "secondary"])]
        seen += len(marked)
        assert marked[["value", "lower", "upper"]].isna().all().all()
        assert set(marked["display"]) <= {"x"} | {f"<{n}" for n in range(1, 20)}
        keys = set(zip(hidden["municipality_code"].astype(str), hidden["indicator"].astype(str), hidden["year"]))
        assert all((c, i, y) in keys for c, i, y in zip(marked["municipality_code"], marked["indicator"],
                                                        marked["year"]))
        blocked = view.pairs[view.pairs["a"].isin(marked["municipality_code"])
                             | view.pairs["b"].isin(marked["municipality_code"])]
        for i in marked["indicator"]:
            assert not blocked[blocked["indicator"] == i]["judgement"].isin(["differs", "overlap"]).any()
    assert seen > 0, "the sample has hidden cells for these municipalities"
