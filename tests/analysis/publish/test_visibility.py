"""Each actor sees what their role allows: the public the release, an editor their own in clear, analysts all."""

from __future__ import annotations

import pandas as pd

from analysis.access import LOCAL_ANALYST, PUBLIC, Actor, Role
from analysis.catalogue import catalogue
from analysis.publish import analysis_for, published_observations, release, sees_in_clear

RIGA, DAUGAVPILS, JELGAVA, CESIS = "LV0001000", "LV0002000", "LV0003000", "LV0026000"
CARE, SHARE = "children_in_out_of_family_care", "children_in_institutional_care_share"
EDITOR = Actor(name="cesis.editor", role=Role.MUNICIPAL_EDITOR, municipalities={CESIS})


def _observations() -> pd.DataFrame:
    """Children in out-of-family care: Cēsis 3, Jelgava 2 (both small), Rīga 900, Daugavpils 60; the share in
    institutions over those counts as its denominator."""
    care = {RIGA: 900, DAUGAVPILS: 60, JELGAVA: 2, CESIS: 3}
    inst = {RIGA: 90, DAUGAVPILS: 6, JELGAVA: 0, CESIS: 1}
    rows = [(c, "children_0_17", 2024, 3000.0, None, None) for c in care]
    rows += [(c, CARE, 2024, float(n), None, None) for c, n in care.items()]
    rows += [(c, SHARE, 2024, 100.0 * inst[c] / care[c], float(inst[c]), float(care[c])) for c in care]
    frame = pd.DataFrame(rows, columns=["municipality_code", "indicator", "year", "value", "count", "denominator"])
    return frame.assign(status=None, note=None)


def _shown(frame: pd.DataFrame, indicator: str) -> dict[str, object]:
    f = frame[frame["indicator"] == indicator]
    return dict(zip(f["municipality_code"], f["value"].where(f["value"].notna(), f["status"])))


def test_the_public_sees_the_release_and_an_editor_only_their_own_in_clear():
    """Given two small counts (Cēsis 3, Jelgava 2) / When read as public, as the Cēsis editor and as an analyst /
    Then the public sees '<5' for both and 'x' for the shares over them, the editor Cēsis' own figures but not
    Jelgava's, and the analyst everything."""
    cat = catalogue()
    obs = _observations()
    public = published_observations(obs, catalogue=cat, actor=PUBLIC)
    assert _shown(public, CARE) == {RIGA: 900.0, DAUGAVPILS: 60.0, JELGAVA: "<5", CESIS: "<5"}
    # Jelgava's share is over a hidden denominator; Rīga's 90 is hidden so that Cēsis' 1 cannot be worked out
    assert _shown(public, SHARE) == {RIGA: "x", DAUGAVPILS: 10.0, JELGAVA: "x", CESIS: "<5"}
    assert public.loc[public["status"].isin(["<5", "x"]), ["count", "denominator"]].isna().all().all()
    editor = published_observations(obs, catalogue=cat, actor=EDITOR)
    assert _shown(editor, CARE) == {RIGA: 900.0, DAUGAVPILS: 60.0, JELGAVA: "<5", CESIS: 3.0}
    assert published_observations(obs, catalogue=cat, actor=LOCAL_ANALYST).equals(obs)


def test_analysis_for_an_editor_shows_their_own_small_count_only():
    """Given the same data / When analysed for the Cēsis editor / Then Cēsis' count is shown, Jelgava's is '<5',
    and Latvia's total stays as published."""
    cat = catalogue()
    v = analysis_for(_observations(), catalogue=cat, actor=EDITOR).values
    v = v[v["indicator"] == CARE].set_index("municipality_code")
    assert v.loc[[CESIS, JELGAVA], "display_value"].tolist() == ["3", "<5"]
    pub = analysis_for(_observations(), catalogue=cat, actor=PUBLIC).values
    assert pub[pub["indicator"] == CARE].set_index("municipality_code").loc[CESIS, "display_value"] == "<5"


def test_the_release_has_latvia_and_each_region_with_their_members():
    """Given the four municipalities / When released / Then totals.csv rows name Latvia and each region with the
    municipalities summed, and a total over a hidden cell is not left alone to give it away."""
    rel = release(_observations(), catalogue=catalogue())
    care = rel.totals[rel.totals["indicator"] == CARE]
    assert care.loc[care["area"] == "LV", "members"].item() == ";".join(sorted([RIGA, DAUGAVPILS, JELGAVA, CESIS]))
    assert set(care["area"]) == {"LV", "RIGA", "LATGALE", "ZEMGALE", "VIDZEME"}
    assert care.loc[care["area"] == "VIDZEME", "status"].item() in ("<5", "x")


def test_who_sees_a_municipalitys_own_text_in_clear():
    """Given the four kinds of viewer, Then the analyst sees every municipality, an editor only their own, the
    public none."""
    editor = Actor(name="e", role=Role.MUNICIPAL_EDITOR, municipalities=frozenset({"LV0026000"}))
    analyst = Actor(name="a", role=Role.NATIONAL_ANALYST)
    got = {(who, code): sees_in_clear(actor, code=code) for who, actor in
           (("analyst", analyst), ("editor", editor), ("public", PUBLIC)) for code in ("LV0026000", "LV0001000")}
    assert got == {("analyst", "LV0026000"): True, ("analyst", "LV0001000"): True,
                   ("editor", "LV0026000"): True, ("editor", "LV0001000"): False,
                   ("public", "LV0026000"): False, ("public", "LV0001000"): False}
