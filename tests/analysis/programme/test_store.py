"""Programmes in the database: append-only attributed versions, rights checked in the library, drafts kept private."""

from __future__ import annotations

from dataclasses import replace

import pytest

from analysis.access import PUBLIC, AccessDenied, Actor, Role
from analysis.programme.model import Conclusion
from analysis.programme.store import (
    ProgrammeInvalid,
    adopted_programmes,
    latest_programmes,
    programme_history,
    save_programme,
)
from tests.analysis.programme.parameters import CESIS, VALMIERA, complete, gaps

EDITOR = Actor(name="cesis.editor", role=Role.MUNICIPAL_EDITOR, municipalities={CESIS})
ANALYST = Actor(name="bac.analyst", role=Role.NATIONAL_ANALYST)


def test_each_save_is_a_new_attributed_version(any_engine, cat):
    """Given an editor's draft / When saved, changed and saved again by an analyst / Then two versions, both kept."""
    first = save_programme(any_engine, actor=EDITOR, programme=gaps(), catalogue=cat)
    changed = gaps().with_conclusion(Conclusion(domain=1, text="Bērnu skaits sarūk"))
    second = save_programme(any_engine, actor=ANALYST, programme=changed, catalogue=cat, programme_id=first.id)
    history = programme_history(any_engine, programme_id=first.id, actor=EDITOR)
    assert [(h.version, h.saved_by, h.programme) for h in history] == [
        (1, "cesis.editor", gaps()), (2, "bac.analyst", changed)]
    assert second.version == 2 and history[1].saved_at >= history[0].saved_at


def test_the_same_content_twice_adds_no_version(engine, cat):
    """Given a saved programme / When saved unchanged / Then the existing version is returned, marked duplicate."""
    first = save_programme(engine, actor=EDITOR, programme=complete(), catalogue=cat)
    again = save_programme(engine, actor=EDITOR, programme=complete(), catalogue=cat, programme_id=first.id)
    assert (again.version, again.duplicate) == (1, True)
    assert len(programme_history(engine, programme_id=first.id, actor=EDITOR)) == 1


@pytest.mark.parametrize("actor", [
    Actor(name="valmiera.editor", role=Role.MUNICIPAL_EDITOR, municipalities={VALMIERA}),
    PUBLIC,
    Actor(name="admin", role=Role.ADMINISTRATOR),
])
def test_only_the_municipalitys_editors_and_analysts_write(engine, cat, actor):
    """Given another municipality's editor, the public, an administrator / When saving Cēsis' programme / Refused."""
    with pytest.raises(AccessDenied) as err:
        save_programme(engine, actor=actor, programme=complete(), catalogue=cat)
    assert CESIS in err.value.lv and CESIS in err.value.en
    assert latest_programmes(engine, actor=ANALYST) == []


def test_an_editor_cannot_edit_anothers_stored_programme(engine, cat):
    """Given Valmiera's programme / When Cēsis' editor saves over it (even relabelled) / Then refused, nothing added."""
    stored = save_programme(engine, actor=ANALYST, programme=complete(VALMIERA), catalogue=cat)
    with pytest.raises(AccessDenied):
        save_programme(engine, actor=EDITOR, programme=complete(CESIS), catalogue=cat, programme_id=stored.id)
    assert len(programme_history(engine, programme_id=stored.id, actor=ANALYST)) == 1


def test_an_invalid_record_is_refused_with_its_report(engine, cat):
    """Given an unknown measure type / When saved / Then ProgrammeInvalid carries the report and nothing is stored."""
    bad = replace(complete(), measures=(replace(complete().measures[0], measure_type="party"),))
    with pytest.raises(ProgrammeInvalid) as err:
        save_programme(engine, actor=EDITOR, programme=bad, catalogue=cat)
    assert err.value.report.flatten(("code", "sheet", "row", "column")) == [
        ["programme-bad-choice", "measures", 1, "measure_type"]]
    assert latest_programmes(engine, actor=ANALYST) == []


def test_drafts_are_private_and_a_draft_revision_keeps_the_adopted_version(engine, cat):
    """Given an adopted programme revised as a draft / Then the public sees the adopted one, coverage counts it."""
    stored = save_programme(engine, actor=EDITOR, programme=complete(), catalogue=cat)
    draft = replace(complete(), status="draft", goal="Jauna redakcija")
    save_programme(engine, actor=EDITOR, programme=draft, catalogue=cat, programme_id=stored.id)
    assert [s.programme.goal for s in latest_programmes(engine, actor=EDITOR)] == ["Jauna redakcija"]
    assert latest_programmes(engine, actor=PUBLIC) == []
    assert [(s.version, s.programme) for s in adopted_programmes(engine)] == [(1, complete())]
    assert [h.version for h in programme_history(engine, programme_id=stored.id, actor=PUBLIC)] == [1]
