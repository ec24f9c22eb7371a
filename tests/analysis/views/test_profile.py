"""The profile view in codes: one row per catalogue indicator, headline groups that add up, spine, series."""

from __future__ import annotations

from analysis.views.profile import GROUP_OF, domain_series, group_members, profile, profile_years, values
from analysis.views.rules import comparable

VARAKLANI = "LV0055000"


def test_profile_has_every_indicator_once_in_guidance_order(sample):
    """Given the sample, When a municipality's profile is built, Then every catalogue indicator is a row in the
    guidance's order, each in exactly one headline group, and the groups add up to the catalogue."""
    analysis, cat, _ = sample
    view = profile(analysis, cat, code=VARAKLANI)
    expected = [i.id for d in cat.domains for i in cat.indicators_of(d.no)]
    assert view.rows["indicator"].tolist() == expected
    assert view.rows["headline"].notna().all()
    assert view.rows["headline"].map(lambda g: g in GROUP_OF.values()).all()
    assert sum(view.headline.values()) == len(cat.indicators)
    assert view.headline == view.rows["headline"].value_counts().reindex(list(view.headline), fill_value=0).to_dict()
    # Varakļānu novads merged into Madonas novads on 2025-07-01: its profile ends with its last year, 2024.
    assert view.years == profile_years(analysis, until=2024) and view.years[-1] == 2024 < profile_years(analysis)[-1]
    madona = profile(analysis, cat, code="LV0038000")
    assert madona.years == profile_years(analysis)
    births = madona.rows.set_index("indicator").loc["births"]
    assert (births["territory"], births["territory_units"]) == ("territory_adjusted", "LV0038000;LV0055000")
    assert view.domains["indicators"].tolist() == [len(cat.indicators_of(d.no)) for d in cat.domains]
    assert view.domains["missing"].sum() == view.headline["missing"]
    assert view.domains["worsening"].sum() == view.headline["worsening"]
    assert {f"value_{y}" for y in view.years} <= set(view.rows.columns)


def test_spine_positions_are_national_ranks_on_0_to_100(sample):
    """Given the profile, Then the spine is 100 for the best rank and 0 for the last, one dot per ranked indicator."""
    analysis, cat, _ = sample
    spine = profile(analysis, cat, code=VARAKLANI).spine
    assert len(spine) > 0 and spine["position"].between(0, 100).all()
    expected = (100 * (1 - (spine["rank"] - 1) / (spine["n"] - 1))).round(1)
    assert spine["position"].tolist() == expected.tolist()


def test_peers_and_group_members(sample):
    """Given a municipality, Then its peers are its nearest neighbours and a group holds the municipality itself."""
    analysis, cat, _ = sample
    view = profile(analysis, cat, code=VARAKLANI)
    near = analysis.neighbours[analysis.neighbours["municipality_code"] == VARAKLANI]["peer_code"].tolist()
    assert view.peers == near
    assert group_members(analysis, group="peers", code=VARAKLANI) == [VARAKLANI, *near]
    region = group_members(analysis, group="region", code=VARAKLANI)
    groups = analysis.groups.set_index("municipality_code")
    assert VARAKLANI in region and set(groups.loc[region, "region"]) == {view.group["region"]}
    assert group_members(analysis, group="all", code=VARAKLANI) is None


def test_domain_series_draws_latvia_only_where_it_compares(sample):
    """Given every domain, Then Latvia's series is there only for comparable indicators, never for yes/no."""
    analysis, cat, _ = sample
    for domain in cat.domains:
        part = domain_series(analysis, cat, code=VARAKLANI, domain_no=domain.no)
        assert all(cat.indicator(i).kind != "yes_no" for i in part.indicators)
        assert set(part.national["indicator"]) <= {i for i in part.indicators if comparable(cat.indicator(i))}
        assert set(part.series["indicator"]) == set(part.indicators)


def test_values_are_the_municipalitys_in_guidance_order(sample):
    analysis, cat, _ = sample
    vals = values(analysis, cat, code=VARAKLANI)
    assert len(vals) == int((analysis.values["municipality_code"] == VARAKLANI).sum())
    order = {i.id: n for n, i in enumerate(i for d in cat.domains for i in cat.indicators_of(d.no))}
    assert vals["indicator"].map(order).is_monotonic_increasing
