"""The upload page's portal section: tables listed, a fetch with progress stores the figures, last retrieval shown."""

from __future__ import annotations

import pytest

from analysis.store import current_observations, init_db, make_engine
from tests.analysis.sources.pxweb_server import PxWebServer
from tests.analysis.sources.tables import ids031, ird041
from tests.dashboard.apptest_util import run_page


@pytest.mark.parametrize("lang, heading, stored", [
    ("lv", "Ielāde no Oficiālās statistikas portāla", "saglabāta jauna versija"),
    ("en", "Fetch from the Official Statistics Portal", "new version stored"),
])
def test_fetch_section_fetches_and_shows_the_last_retrieval(tmp_path, monkeypatch, lang, heading, stored):
    """Given the upload page and the loopback portal / When an analyst fetches births / Then stored, and listed as retrieved."""
    db = f"sqlite:///{tmp_path / 'fetch.sqlite'}"
    init_db(make_engine(db))
    with PxWebServer([ird041(), ids031()]) as srv:
        monkeypatch.setenv("CSP_BASE_URL", srv.base_url)
        at = run_page("app_pages/upload.py", db_url=db, lang=lang)
        assert not at.exception
        assert heading in [s.value for s in at.subheader]
        at.multiselect(key="fetch_pick").set_value(["births"]).run()
        at.button(key="fetch_go").click().run(timeout=60)
        assert not at.exception, at.exception[0].value if at.exception else ""
        assert any(stored in s.value for s in at.success)
        table = at.dataframe[0].value
        assert table.shape[0] == 5
    assert len(current_observations(make_engine(db), indicators=["births"])) == 258
    at.run()
    table = at.dataframe[0].value
    retrieved = table.iloc[:, 3].tolist()
    assert retrieved.count("nav ielādēts" if lang == "lv" else "never") == 4
