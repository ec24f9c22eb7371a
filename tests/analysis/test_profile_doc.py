"""The situation-analysis chapter draft: opened again with python-docx and read back whole, on the real sample."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import yaml
from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

from analysis.catalogue import catalogue as project_catalogue
from analysis.profile_doc import SOURCE_NAMES, municipality_uploads, profile_docx
from analysis.sample import SAMPLE_UPLOADER, load_sample
from analysis.stats import analyse
from analysis.store import current_observations, init_db, list_uploads, make_engine

VARAKLANI = "LV0055000"  # a small novads: its counts are shown as "<5"
TODAY = date(2025, 3, 1)
TRANSLATIONS = Path(__file__).resolve().parents[2] / "dashboard" / "translations.yaml"


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """Given the national synthetic sample loaded into a fresh SQLite file, analysed as the dashboard does."""
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('doc') / 'sample.sqlite'}")
    init_db(engine)
    load_sample(engine)
    obs, ups = current_observations(engine), list_uploads(engine)
    engine.dispose()
    cat = project_catalogue()
    return analyse(obs, catalogue=cat, window=3), cat, obs, ups


def _build(sample, *, code: str = VARAKLANI, lang: str = "lv", synthetic: bool = True, uploads=None) -> Document:
    analysis, cat, obs, ups = sample
    if uploads is None:
        uploads = municipality_uploads(obs, ups, code=code)
    blob = profile_docx(analysis=analysis, catalogue=cat, municipality_code=code, lang=lang, synthetic=synthetic,
                        uploads=uploads, today=TODAY)
    return Document(io.BytesIO(blob))


def _blocks(doc) -> list[tuple[str, object]]:
    """The body in reading order: ('title'|'h1'|'bullet'|'p', text) and ('table', rows of cell texts)."""
    kinds = {"Title": "title", "Heading 1": "h1", "List Bullet": "bullet"}
    out: list[tuple[str, object]] = []
    for el in doc.element.body.iterchildren():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(el, doc)
            out.append((kinds.get(para.style.name, "p"), para.text))
        elif tag == "tbl":
            out.append(("table", [[c.text for c in row.cells] for row in Table(el, doc).rows]))
    return out


def _domains(blocks) -> dict[str, list[tuple[str, object]]]:
    """Heading text → the blocks up to the next heading."""
    sections: dict[str, list] = {}
    current = None
    for kind, content in blocks:
        if kind == "h1":
            current = content
            sections[current] = []
        elif current is not None:
            sections[current].append((kind, content))
    return sections


def test_latvian_draft_has_sixteen_domains_in_guidance_order_each_with_table_missing_and_conclusions(sample):
    """Given Varakļānu novads in the sample / When the Latvian draft is built / Then title, synthetic note and
    method come first, the 16 domains follow in the guidance's order (description, one table with every catalogue
    indicator, the missing-data note, an empty "Secinājumi:" last) and the sources close it."""
    _, cat, _, _ = sample
    blocks = _blocks(_build(sample))
    assert blocks[0] == ("title", "Varakļānu novads: bērnu tiesību situācijas analīze, 2022–2024")
    assert blocks[1][1].startswith("SINTĒTISKI DATI:")
    headings = [content for kind, content in blocks if kind == "h1"]
    assert headings == ["Metode", *(f"{d.no}. {d.name_lv}" for d in cat.domains), "Avoti"]
    sections = _domains(blocks)
    for domain in cat.domains:
        part = sections[f"{domain.no}. {domain.name_lv}"]
        kinds = [kind for kind, _ in part]
        assert part[0] == ("p", domain.description_lv)
        assert kinds[1] == "table" and kinds.count("table") == 1
        rows = part[1][1]
        assert rows[0] == ["Rādītājs", "Mērvienība", "2022", "2023", "2024", "Izmaiņa", "Vērtējums",
                           "Pret Latviju", "Pret reģionu"]
        assert [r[0] for r in rows[1:]] == [i.name_lv for i in cat.indicators_of(domain.no)]
        assert part[2][1].startswith("Trūkst datu")
        assert part[-1] == ("p", "Secinājumi:")


def test_small_counts_show_as_less_than_five_and_are_not_assessed(sample):
    """Given Varakļānu novads, where few compulsory-age children are not enrolled / When the draft is built /
    Then that row shows "<5" for each year, no change, "nav pārbaudīts: mazi skaitļi" and no comparison."""
    sections = _domains(_blocks(_build(sample)))
    rows = sections["2. Izglītības sistēma un iespējas"][1][1]
    row = next(r for r in rows if r[0] == "Izglītības iestādē nereģistrēti obligātās izglītības vecuma bērni")
    assert row == ["Izglītības iestādē nereģistrēti obligātās izglītības vecuma bērni", "%", "<5", "<5", "<5", "",
                   "nav pārbaudīts: mazi skaitļi (slēpti)", "–", "–"]


def test_missing_indicators_are_listed_with_whom_to_ask(sample):
    """Given Varakļānu novads without school-violence, camera or survey figures / When the draft is built /
    Then each domain lists exactly its missing indicators with their data holder, and a full domain says none."""
    sections = _domains(_blocks(_build(sample)))

    def missing(heading: str) -> list:
        return [content for kind, content in sections[heading] if kind == "bullet"]

    assert missing("2. Izglītības sistēma un iespējas") == ["Vardarbības gadījumi izglītības iestādēs — Pašvaldība"]
    assert missing("9. Droša vide") == ["Publiskās videonovērošanas kameras — Pašvaldības policija"]
    assert missing("11. Bērnu līdzdalība lēmumu pieņemšanā") == [
        "Bērni un jaunieši, kas piedalījušies pašvaldības aptaujās — Pašvaldība"
    ]
    education = [content for kind, content in sections["2. Izglītības sistēma un iespējas"] if kind == "p"]
    assert "Trūkst datu (jāpieprasa datu turētājam):" in education
    assert ("p", "Trūkst datu: nav — par visiem jomas rādītājiem ir dati.") in sections["1. Demogrāfiskā situācija"]
    missing_row = next(r for r in sections["2. Izglītības sistēma un iespējas"][1][1]
                       if r[0] == "Vardarbības gadījumi izglītības iestādēs")
    assert missing_row[2:] == ["–", "–", "–", "–", "nav datu", "–", "–"]


def test_sources_name_every_data_holder_the_upload_and_the_citation(sample):
    """Given the sample / When the draft is built / Then the sources list each data holder with its indicators,
    the file the values came from with its date, and the citation last."""
    _, cat, _, ups = sample
    sections = _domains(_blocks(_build(sample)))
    sources = sections["Avoti"]
    bullets = [content for kind, content in sources if kind == "bullet"]
    holders = list(dict.fromkeys(i.source for i in cat.indicators))
    for holder, line in zip(holders, bullets):
        names = [i.name_lv for i in cat.indicators if i.source == holder]
        assert line == f"{SOURCE_NAMES[holder][0]}: " + "; ".join(names)
    uploaded = ups.loc[ups["file_name"] == "national_long_sintetiski.csv", "uploaded_at"].iloc[0]
    assert bullets[len(holders):] == [
        f"national_long_sintetiski.csv — augšupielādēts {uploaded:%d.%m.%Y}., {SAMPLE_UPLOADER}"
    ]
    assert sources[-1] == (
        "p", "Atsauce: Bērnu tiesību situācijas analīze pašvaldībās: Varakļānu novads, 2022–2024. "
        "Izveidots 01.03.2025."
    )


def test_english_draft_uses_english_headings_and_words(sample):
    """Given Rīga / When the English draft is built / Then title, headings, table header, assessment words and the
    conclusions paragraph are English."""
    analysis, cat, _, _ = sample
    blocks = _blocks(_build(sample, code="LV0001000", lang="en"))
    end = int(analysis.trends["window_end"].max())
    years = [str(y) for y in range(end - 2, end + 1)]
    assert blocks[0] == ("title", f"Riga: child-rights situation analysis, {years[0]}–{years[-1]}")
    assert blocks[1][1].startswith("SYNTHETIC DATA:")
    headings = [content for kind, content in blocks if kind == "h1"]
    assert headings == ["Method", *(f"{d.no}. {d.name_en}" for d in cat.domains), "Sources"]
    sections = _domains(blocks)
    demography = sections[f"1. {cat.domain(1).name_en}"]
    assert demography[1][1][0] == ["Indicator", "Unit", *years, "Change", "Assessment", "vs Latvia", "vs region"]
    v = analysis.values
    pop = v[(v.municipality_code == "LV0001000") & (v.indicator == "population_total")].set_index("year").value
    shown = [f"{int(pop[int(y)]):,}" for y in years]
    change = int(pop[int(years[-1])] - pop[int(years[0])])
    assert demography[1][1][1] == ["Population", "persons", *shown, f"{change:+,}".replace("-", "−"),
                                   "not tested: a count without a denominator", "–", "–"]
    assert all(sections[f"{d.no}. {d.name_en}"][-1] == ("p", "Conclusions:") for d in cat.domains)


def test_real_data_carry_no_synthetic_note(sample):
    """Given data not from the sample loader (synthetic=False) / When the draft is built / Then no warning."""
    blocks = _blocks(_build(sample, synthetic=False))
    assert not any(str(content).startswith("SINTĒTISKI") for _, content in blocks)


def test_user_text_stays_text(sample):
    """Given an upload whose file name and uploader look like Word XML, with a control character / When the draft
    is built / Then the document opens and shows them literally (minus the character XML cannot hold)."""
    uploads = pd.DataFrame({"id": [1], "file_name": ["<w:p>&amp;\x01dati.xlsx"],
                            "uploaded_at": [pd.Timestamp("2025-02-03 10:00")], "uploader": ["</w:t>Anna"]})
    bullets = [c for k, c in _blocks(_build(sample, uploads=uploads)) if k == "bullet"]
    assert bullets[-1] == "<w:p>&amp;dati.xlsx — augšupielādēts 03.02.2025., </w:t>Anna"


def test_unknown_municipality_is_refused(sample):
    """Given a code not in the catalogue / When a draft is asked for / Then ValueError names it."""
    analysis, cat, _, _ = sample
    with pytest.raises(ValueError, match="LV9999999"):
        profile_docx(analysis=analysis, catalogue=cat, municipality_code="LV9999999")


def test_source_names_match_the_dashboard():
    """Given the dashboard's translations / When its source.* names are read / Then the document uses the same."""
    texts = yaml.safe_load(TRANSLATIONS.read_text(encoding="utf-8"))
    dashboard = {k.removeprefix("source."): (v["lv"], v["en"]) for k, v in texts.items() if k.startswith("source.")}
    assert SOURCE_NAMES == dashboard


def test_a_count_judged_as_its_rate_says_the_rates_unit_in_its_change(sample):
    """Given counts with a denominator (judged as their rate) / Then each change cell in the document carries the
    rate's unit, so '545, 536, 528' is never followed by a bare '0' or '+1' in another unit."""
    from analysis.profile_doc import domain_parts

    analysis, cat, _obs, _ups = sample
    tested = analysis.trends[(analysis.trends["municipality_code"] == "LV0026000")
                             & (analysis.trends["measure"] == "rate") & analysis.trends["change"].notna()]
    counts = {i for i in tested["indicator"] if cat.indicator(i).kind == "count"}
    rows = {r.indicator: r.cells for p in domain_parts(analysis, cat, code="LV0026000") for r in p.rows}
    years = len(next(iter(rows.values()))) - 6  # indicator, unit, the years, change, assessment, Latvia, region
    got = {i: rows[i][2 + years] for i in counts}
    assert counts and all(cell.endswith(cat.indicator(i).rate_unit_lv) for i, cell in got.items()), got
