"""Pages show each viewer what they may see: the published release when not logged in, everything to an analyst."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from analysis.access import Actor, Role
from analysis.accounts import add_account
from analysis.catalogue import catalogue
from analysis.store import current_observations, list_uploads, make_engine
from dashboard import fmt
from tests.dashboard.apptest_util import run_page

ADMIN = Actor(name="admin", role=Role.ADMINISTRATOR)


def _small_cells(at) -> int:
    """How many '<5' cells the open domain's table shows."""
    return sum(str(v).startswith("<") for t in at.table for col in t.value.columns for v in t.value[col])


def _local_and_shared(sample_db: str, tmp_path: Path) -> tuple[str, str]:
    """Two copies of the sample: one with no account (the person at the machine is an analyst), one with an account
    (login on, so a visitor not logged in is the public); their URLs."""
    source = Path(sample_db.removeprefix("sqlite:///"))
    local, shared = tmp_path / "local.sqlite", tmp_path / "with_accounts.sqlite"
    shutil.copy(source, local)
    shutil.copy(source, shared)
    engine = make_engine(f"sqlite:///{shared}")
    add_account(engine, actor=ADMIN, name="bac.analyst", role="national_analyst", password="a long enough secret")
    engine.dispose()
    return f"sqlite:///{local}", f"sqlite:///{shared}"


def test_the_public_gets_small_numbers_hidden_and_the_analyst_sees_them(sample_db, tmp_path):
    """Given the sample and a small municipality's 16 domains / When the person at the machine (a national analyst, no
    accounts yet) opens it, then the same database with an account (login on, not logged in) / Then the analyst's
    table shows counts the public one hides as '<5'."""
    local, shared = _local_and_shared(sample_db, tmp_path)
    every_domain = tuple(f"profile_domain_{no}" for no in range(1, 17))
    analyst = run_page("app_pages/profile.py", db_url=local, opened=every_domain, timeout=180)
    analyst.selectbox(key="profile_municipality").set_value("LV0036000").run()
    public = run_page("app_pages/profile.py", db_url=shared, opened=every_domain, timeout=180)
    public.selectbox(key="profile_municipality").set_value("LV0036000").run()
    assert not analyst.exception and not public.exception
    assert _small_cells(analyst) == 0
    assert _small_cells(public) > 0


def test_each_value_says_where_it_came_from_one_click_away(sample_db, tmp_path):
    """Given the sample (one uploaded national file) / When the analyst and then the public open domain 1 of Cēsu
    novads and its 'Vērtību izcelsme' / Then every value of the domain's table is listed with its upload, day and
    kind of source; the analyst sees the file's name, the public only that it exists."""
    local, shared = _local_and_shared(sample_db, tmp_path)
    engine = make_engine(shared)
    cat = catalogue()
    domain_1 = [i for i in cat.indicators if i.domain == 1]
    obs = current_observations(engine)
    uploads = list_uploads(engine).set_index("id")
    engine.dispose()
    obs = obs[(obs["municipality_code"] == "LV0026000") & obs["indicator"].isin([i.id for i in domain_1])]
    years = sorted(obs["year"].unique())[-3:]
    [upload_id] = obs["upload_id"].unique()  # the sample's national file
    upload = {"id": int(upload_id), **uploads.loc[upload_id].to_dict()}
    expected_rows = [(i.name_lv, y) for i in domain_1 for y in years
                     if ((obs["indicator"] == i.id) & (obs["year"] == y)).any()]
    assert len(expected_rows) >= 9
    day = fmt.day(pd.Timestamp(upload["uploaded_at"]).date(), lang="lv")
    for url, where in ((local, f"fails {upload['file_name']}"), (shared, "augšupielādēts fails")):
        at = run_page("app_pages/profile.py", db_url=url, opened=("profile_domain_1",))
        at.selectbox(key="profile_municipality").set_value("LV0026000").run()
        assert not at.exception
        shown = next(d.value for d in at.dataframe if list(d.value.columns) == ["Rādītājs", "Gads", "Avots"])
        assert shown.to_dict("records") == [
            {"Rādītājs": ind, "Gads": int(y), "Avots": f"{where} · augšupielāde Nr. {upload['id']}, {day}"}
            for ind, y in expected_rows]


def test_the_public_comparison_hides_small_numbers_and_does_not_judge_them(sample_db, tmp_path):
    """Given Līvānu and Cēsu novads compared in out-of-family care / When the analyst at the machine and then the
    public (login on, not logged in) open the same link / Then the public table shows '<5' where the analyst sees
    numbers (marked * with a note not to quote them), and only the public judgement says that small numbers cannot be
    compared."""
    local, shared = _local_and_shared(sample_db, tmp_path)
    link = {"salidzinat": "LV0036000,LV0026000", "joma": "7"}
    analyst = run_page("app_pages/compare.py", db_url=local, query=link, timeout=180)
    public = run_page("app_pages/compare.py", db_url=shared, query=link, timeout=180)
    assert not analyst.exception and not public.exception
    small = "Nevar salīdzināt: mazi skaitļi ir slēpti"
    judged = {name: [v for t in at.table for v in t.value.get("Vērtējums", [])] for name, at in
              (("analyst", analyst), ("public", public))}
    assert _small_cells(analyst) == 0 and small not in judged["analyst"]
    assert _small_cells(public) > 0 and small in judged["public"]
    in_clear = "* — mazs skaits: jūs to redzat, bet publiski tas ir slēpts (piemēram, „<5”). Necitējiet to publiskos " \
               "dokumentos."
    assert [in_clear in [c.value for c in at.caption] for at in (analyst, public)] == [True, False]
    starred = [v for t in analyst.table for v in t.value.get("Līvānu novads", []) if str(v).endswith(" *")]
    assert starred, "the analyst's small counts are marked"
