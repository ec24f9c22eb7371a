"""The programme page (AppTest): an editor writes and saves versions; others see adopted programmes only."""

from __future__ import annotations

import shutil

import pytest

from analysis.access import PUBLIC, Actor, Role
from analysis.catalogue import catalogue
from analysis.programme.store import latest_programmes
from analysis.sample import SAMPLE_ACTOR
from analysis.stats import analyse
from analysis.store import current_observations, make_engine
from dashboard import login
from tests.dashboard.apptest_util import run_page

PAGE = "app_pages/programme.py"
CESIS = "LV0026000"
EDITOR = Actor(name="cesis.editor", role=Role.MUNICIPAL_EDITOR, municipalities={CESIS})


@pytest.fixture
def db(sample_db, tmp_path) -> str:
    """Given a private copy of the sample database (the programmes written here stay here)."""
    source = sample_db.removeprefix("sqlite:///")
    target = tmp_path / "programme.sqlite"
    shutil.copy(source, target)
    return f"sqlite:///{target}"


def _as(monkeypatch, actor: Actor) -> None:
    monkeypatch.setattr(login, "current_actor", lambda: actor, raising=False)


def _by_label(widgets, label: str):
    found = [w for w in widgets if w.label == label]
    assert found, f"no widget labelled {label!r}: {[w.label for w in widgets]}"
    return found[0]


def test_an_editor_writes_a_conclusion_and_a_measure(db, monkeypatch):
    """Given Cēsis' editor and no programme / When a conclusion for domain 2 is written with an indicator pinned,
    then a measure linked to an indicator / Then two versions, the pin holding the profile's value and trend."""
    _as(monkeypatch, EDITOR)
    at = run_page(PAGE, db_url=db, timeout=300)
    assert not at.exception, at.exception
    assert at.selectbox(key="programme_municipality").value == CESIS
    at.selectbox(key=f"programme_domain_{CESIS}").set_value(2)
    at.run()
    _by_label(at.text_area, "Secinājumi").input("Neattaisnoti kavējumi pieaug")
    _by_label(at.text_area, "Konstatētās problēmas (katra savā rindā)").input("Kavējumi\nNav skolas psihologa")
    _by_label(at.multiselect, "Rādītāji, uz kuriem secinājumi balstās").select("unexcused_absence_20h_share")
    [b for b in at.button if b.label == "Saglabāt"][1].click()
    at.run()
    assert not at.exception, at.exception
    engine = make_engine(db)
    stored = latest_programmes(engine, actor=EDITOR, municipality_code=CESIS)
    assert [(s.version, s.saved_by) for s in stored] == [(1, "cesis.editor")]
    c = stored[0].programme.conclusion(2)
    a = analyse(current_observations(engine), catalogue=catalogue())
    tr = a.trends[(a.trends["municipality_code"] == CESIS) & (a.trends["indicator"] == "unexcused_absence_20h_share")].iloc[0]
    assert (c.text, c.problems) == ("Neattaisnoti kavējumi pieaug", ("Kavējumi", "Nav skolas psihologa"))
    assert [(p.indicator, p.year, p.shown, p.assessment) for p in c.indicators] == [
        ("unexcused_absence_20h_share", int(tr["last_year"]), tr["last_display"], tr["assessment"])]

    _by_label(at.text_input, "Pasākums").input("Skolas sociālais pedagogs")
    [w for w in at.text_area if w.label == "Mērķis"][1].input("Mazināt kavējumus")  # [0] is the programme's
    _by_label(at.text_input, "Atbildīgie").input("Izglītības pārvalde")
    _by_label(at.multiselect, "Rādītāji, pēc kuriem vērtēt").select("unexcused_absence_20h_share")
    _by_label(at.button, "Saglabāt pasākumu").click()
    at.run()
    assert not at.exception, at.exception
    stored = latest_programmes(engine, actor=EDITOR, municipality_code=CESIS)
    m = stored[0].programme.measures
    assert stored[0].version == 2
    assert [(x.key, x.title, x.goal, x.responsible, [i.indicator for i in x.indicators]) for x in m] == [
        ("M1", "Skolas sociālais pedagogs", "Mazināt kavējumus", "Izglītības pārvalde", ["unexcused_absence_20h_share"])]
    assert m[0].indicators[0].baseline_year == int(tr["last_year"])
    # st.table wraps the checks; its cells are markdown-escaped, so the user's title shows as typed
    shown = [m.replace("\\", "") for d in at.table if "Pārbaude" in d.value.columns for m in d.value["Pārbaude"]]
    assert "Pasākumam “Skolas sociālais pedagogs” nav norādīts: termiņš" in shown
    engine.dispose()


def test_the_public_sees_no_draft(db, monkeypatch):
    """Given a draft saved by the editor / When the public opens the page / Then the empty state, not the draft."""
    from analysis.programme.model import Programme
    from analysis.programme.store import save_programme

    engine = make_engine(db)
    save_programme(engine, actor=EDITOR, programme=Programme(municipality_code=CESIS, goal="Slepens melnraksts"),
                   catalogue=catalogue())
    engine.dispose()
    _as(monkeypatch, PUBLIC)
    at = run_page(PAGE, db_url=db, timeout=300)
    at.selectbox(key="programme_municipality").set_value(CESIS)
    at.run()
    assert not at.exception
    assert any(i.value.startswith("Šai pašvaldībai nav publicētas") for i in at.info)
    assert "Slepens melnraksts" not in str([d.value for d in [*at.dataframe, *at.table]])


def test_an_adopted_programme_is_read_only_for_another_editor(db, monkeypatch):
    """Given a sample municipality's adopted programme / When Cēsis' editor opens it / Then no forms, only tables."""
    engine = make_engine(db)
    code = latest_programmes(engine, actor=SAMPLE_ACTOR)[0].municipality_code
    engine.dispose()
    _as(monkeypatch, EDITOR)
    at = run_page(PAGE, db_url=db, timeout=300)
    at.selectbox(key="programme_municipality").set_value(code)
    at.run()
    assert not at.exception
    assert "Saglabāt" not in [b.label for b in at.button]
    assert any(c.value.startswith("Jūs skatāt pieņemto programmu") for c in at.caption)
