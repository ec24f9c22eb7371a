"""The profile page's Word download, built the way the button builds it: through the cached data layer."""

from __future__ import annotations

import io

from docx import Document


def test_chapter_draft_download_is_a_synthetic_marked_word_document(sample_db, monkeypatch):
    """Given the sample database, When the profile's DOCX download runs (bound now, called later, as on click),
    Then it is a Word document for that municipality, marked as synthetic data, with 16 domain tables."""
    monkeypatch.setenv("DATABASE_URL", sample_db)
    from dashboard.app_pages import profile_parts

    build = profile_parts.profile_document("LV0055000", lang="lv")
    doc = Document(io.BytesIO(build()))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0].startswith("Varakļānu novads: bērnu tiesību situācijas analīze, ")
    assert texts[1].startswith("SINTĒTISKI DATI:")
    assert len(doc.tables) == 16
    assert texts.count("Secinājumi:") == 16
    assert build() == build()  # the second click is served from the cache
