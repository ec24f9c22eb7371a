"""A viewer's cache code says exactly what they may see, and turns back into an actor who sees the same."""

from __future__ import annotations

import pytest

from analysis.access import PUBLIC, Actor, Role
from analysis.publish import view_of, viewer_of


@pytest.mark.parametrize(("actor", "view"), [
    (Actor(name="bac", role=Role.NATIONAL_ANALYST), "all"),
    (Actor(name="cesis", role=Role.MUNICIPAL_EDITOR, municipalities={"LV0026000", "LV0001000"}),
     "own:LV0001000,LV0026000"),
    (Actor(name="admin", role=Role.ADMINISTRATOR), "public"),
    (PUBLIC, "public"),
])
def test_each_role_gets_the_view_its_rights_allow(actor, view):
    """Given an actor / When coded for a cache key and back / Then the code and what the decoded actor sees match."""
    assert view_of(actor) == view
    assert view_of(viewer_of(view)) == view
