"""The programme document on the real sample: chart images inside, the profile's figures, made again exactly."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from datetime import date

import pytest
from docx import Document

from analysis.catalogue import catalogue as project_catalogue
from analysis.profile_doc import domain_parts, header, profile_years
from analysis.programme.figures import baseline, pin
from analysis.programme.model import Conclusion, Measure, MonitoringEntry, Participation, Programme
from analysis.programme_doc import _period, programme_docx
from analysis.sample import load_sample
from analysis.stats import analyse
from analysis.store import current_observations, init_db, make_engine

CESIS = "LV0026000"
TODAY = date(2026, 12, 2)
INDICATOR = "unexcused_absence_20h_share"


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('pdoc') / 'sample.sqlite'}")
    init_db(engine)
    load_sample(engine)
    obs = current_observations(engine)
    engine.dispose()
    cat = project_catalogue()
    return analyse(obs, catalogue=cat, window=3), cat


def _programme(analysis) -> Programme:
    return Programme(
        municipality_code=CESIS, start_year=2025, end_year=2027, goal="Bērnu tiesību aizsardzība",
        conclusions=(Conclusion(domain=2, text="Kavējumi pieaug", problems=("Nav psihologa",),
                                indicators=(pin(analysis, code=CESIS, indicator=INDICATOR, data_version=3),)),),
        measures=(Measure(key="M1", title="Sociālais pedagogs", goal="Mazāk kavējumu", responsible="Skola",
                          indicators=(replace(baseline(analysis, code=CESIS, indicator=INDICATOR), target=1.0,
                                              target_year=2027),)),),
        monitoring=(MonitoringEntry(key="U1", monitoring_type="report", activity="Atskaite", responsible="Grupa"),),
        participation=(Participation(method="survey", children=40, fed_back=True),),
    )


def _tables(doc) -> list[list[list[str]]]:
    return [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]


def test_the_document_holds_chart_images_and_the_profiles_figures(sample):
    """Given Cēsis' programme on the sample / When the DOCX is made twice / Then one PNG chart per domain with data,
    the domain tables are the profile's own rows, the pinned figure is the profile's, and the bytes are equal."""
    analysis, cat = sample
    p = _programme(analysis)
    blob = programme_docx(programme=p, analysis=analysis, catalogue=cat, data_version=3, today=TODAY, saved="v1")
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
        assert media and all(z.read(n).startswith(b"\x89PNG\r\n\x1a\n") for n in media)
    with_data = {int(d) for d in analysis.values.loc[(analysis.values["municipality_code"] == CESIS)
                                                     & analysis.values["value"].notna(), "domain"]}
    assert len(media) == len(with_data)
    doc = Document(io.BytesIO(blob))
    tables = _tables(doc)
    parts = domain_parts(analysis, cat, code=CESIS, lang="lv")
    head = header(profile_years(analysis), "lv")
    profile_tables = [[head, *[list(r.cells) for r in part.rows]] for part in parts]
    assert [t for t in tables if t and t[0] == head] == profile_tables
    tr = analysis.trends[(analysis.trends["municipality_code"] == CESIS)
                         & (analysis.trends["indicator"] == INDICATOR)].iloc[0]
    pinned = next(t for t in tables if t[0][:3] == ["Rādītājs", "Gads", "Vērtība"])
    assert pinned[1] == [cat.indicator(INDICATOR).name_lv, str(int(tr["last_year"])), tr["last_display"],
                         "pasliktinās" if tr["assessment"] == "worsening" else pinned[1][3], "3"]
    text = "\n".join(par.text for par in doc.paragraphs)
    assert "datu versija 3" in text and "02.12.2026." in text and "Kavējumi pieaug" in text
    again = programme_docx(programme=p, analysis=analysis, catalogue=cat, data_version=3, today=TODAY, saved="v1")
    assert again == blob


def test_charts_that_could_not_be_drawn_leave_the_document_whole_and_say_so(sample, monkeypatch):
    """Given Chromium failing to draw / When the DOCX is made / Then no image, every domain table still there, and
    the document says the charts could not be drawn this time."""
    import analysis.programme_doc as programme_doc
    from analysis.programme.charts import ChartsNotDrawn

    def fails(figures):
        raise ChartsNotDrawn("TimeoutError: ")

    monkeypatch.setattr(programme_doc, "render_png", fails)
    analysis, cat = sample
    blob = programme_docx(programme=_programme(analysis), analysis=analysis, catalogue=cat, data_version=3,
                          today=TODAY, saved="v1")
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        assert [n for n in z.namelist() if n.startswith("word/media/")] == []
    doc = Document(io.BytesIO(blob))
    head = header(profile_years(analysis), "lv")
    assert len([t for t in _tables(doc) if t and t[0] == head]) == len(domain_parts(analysis, cat, code=CESIS,
                                                                                   lang="lv"))
    assert ("Diagrammas šoreiz neizdevās uzzīmēt; tabulas un skaitļi dokumentā ir pilnīgi. Lejupielādējiet dokumentu "
            "vēlreiz, lai iegūtu diagrammas.") in [par.text for par in doc.paragraphs]


def test_english_on_request_and_user_text_stays_text(sample):
    """Given a conclusion with markup-like text / When made in English without data / Then the text is literal."""
    _analysis, cat = sample
    p = Programme(municipality_code=CESIS, conclusions=(Conclusion(domain=1, text="<b>=1+1</b> & \x07bell"),))
    doc = Document(io.BytesIO(programme_docx(programme=p, analysis=None, catalogue=cat, lang="en", today=TODAY)))
    text = [par.text for par in doc.paragraphs]
    assert text[0] == "Cēsis municipality: child-rights protection programme period not given"
    assert "<b>=1+1</b> & bell" in text
    assert "2. Situation analysis" in text and "7. The guidance's checks: what is still open" in text


@pytest.mark.parametrize(
    ("start", "end", "open_ended", "lv", "en"),
    [
        (2024, 2027, False, "2024–2027", "2024–2027"),
        (2024, None, True, "2024–beztermiņa", "2024–open-ended"),
        (None, 2027, False, "gads nav norādīts–2027", "year not given–2027"),
        (None, None, False, "periods nav norādīts", "period not given"),
    ],
)
def test_the_documents_period_says_in_words_what_is_missing(start, end, open_ended, lv, en):
    """Given a programme whose years are partly unknown / When its period is written into the document / Then words
    stand where a year is missing (as on the dashboard), never '…'."""
    programme = replace(Programme(municipality_code="LV0026000"), start_year=start, end_year=end, open_ended=open_ended)
    assert (_period(programme, "lv"), _period(programme, "en")) == (lv, en)
