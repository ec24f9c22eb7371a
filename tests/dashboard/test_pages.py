"""Every page renders on the sample database without an exception and shows its key elements, in both languages."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.catalogue import catalogue
from analysis.stats import analyse
from analysis.store import current_observations, make_engine
from tests.dashboard.apptest_util import run_page

WORKBOOK = Path(__file__).resolve().parents[2] / "sample_municipalities" / "workbooks" / "cesu_novads_sintetiski.xlsx"


def _frame_with(at, column: str):
    """The shown table that has this column (AppTest does not find dataframes by key)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _table_with(at, column: str):
    """The st.table that has this column."""
    return next(d.value for d in at.table if column in d.value.columns)


def _zip_without_workbook() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("readme.txt", "not a spreadsheet")
    return buffer.getvalue()


def _texts(at) -> str:
    parts = [e.value for kind in ("title", "subheader", "caption", "info", "warning", "success", "markdown")
             for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("page", ["overview", "profile", "compare", "indicators", "coverage", "upload", "methods"])
@pytest.mark.parametrize("lang", ["lv", "en"])
def test_every_page_renders_without_exception(sample_db, page, lang):
    """Given the sample database, When a page renders in a language, Then no exception and no missing translation."""
    at = run_page(f"app_pages/{page}.py", db_url=sample_db, lang=lang)
    assert not at.exception, at.exception[0].value if at.exception else ""
    assert "⟨" not in _texts(at)


def test_overview_shows_heatmap_worst_and_gaps(sample_db):
    """Given the sample, When the overview renders, Then headline, assessment heatmap and gap register are there."""
    at = run_page("app_pages/overview.py", db_url=sample_db)
    assert [m.label for m in at.metric] == ["Pašvaldības ar datiem", "Jaunākais gads", "Ar programmu (2024. g. aptauja)"]
    assert at.metric[2].value == "8 + 11 no 43"
    headings = [s.value for s in at.subheader]
    assert headings[0] == "Kur situācija pasliktinās: pašvaldības × jomas"
    assert headings[1] == "Skaidrāk pasliktinās (tikai statistiski būtiski)"
    assert headings[2].startswith("Datu pilnīgums")
    assert len(at.get("plotly_chart")) == 2  # the values-per-year chart is built when its section is opened
    at.session_state["overview_values"] = True
    at.run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 3


def test_profile_shows_sixteen_domains_with_arrows_and_download(sample_db):
    """Given the sample, When a municipality profile renders, Then 16 domain sections, trend words and a download."""
    at = run_page("app_pages/profile.py", db_url=sample_db)
    assert not at.table, "a domain is built only when it is opened"
    at.session_state["profile_domain_1"] = True
    at.run()
    labels = [e.label for e in at.expander if e.label[:2].rstrip(".").isdigit()]
    assert [int(lbl.split(".")[0]) for lbl in labels] == list(range(1, 17))
    assert [m.label for m in at.metric] == ["Pasliktinās", "Uzlabojas", "Būtiskas izmaiņas nav", "Nav vērtēts",
                                            "Rādītāji bez datiem"]
    first = at.table[0].value  # domain 1
    assert "Tendence (nozīmīgums)" in first.columns and "Latvija (salīdzinājumā)" in first.columns
    assert [b.label for b in at.get("download_button")] == [
        "Lejupielādēt profilu (XLSX)", "Lejupielādēt vērtības (CSV Excel ar latviešu iestatījumiem)",
        "Lejupielādēt analīzes nodaļas sagatavi (DOCX)"]


@pytest.mark.parametrize("code", ["LV0055000", "LV0001000"])
def test_profile_headline_counts_add_up_to_every_indicator(sample_db, code):
    """Given the sample, When a small and a large municipality's profile renders, Then worsening + improving +
    stable + not assessed + without data is the catalogue's indicator count, and "Nav vērtēts" says why."""
    from analysis.catalogue import catalogue

    at = run_page("app_pages/profile.py", db_url=sample_db)
    at.selectbox(key="profile_municipality").set_value(code).run()
    assert not at.exception
    figures = {m.label: int(m.value.replace("\u00a0", "")) for m in at.metric}
    assert sum(figures.values()) == len(catalogue().indicators)
    assert figures["Nav vērtēts"] > 0
    [not_assessed] = [m for m in at.metric if m.label == "Nav vērtēts"]
    assert "skaits bez saucēja" in not_assessed.help and "„<5”" in not_assessed.help


def test_profile_in_english_offers_the_chapter_draft(sample_db):
    """Given the English interface, When the profile renders, Then the metric and the DOCX button are English."""
    at = run_page("app_pages/profile.py", db_url=sample_db, lang="en")
    assert "Not assessed" in [m.label for m in at.metric]
    assert "Download the analysis-chapter draft (DOCX)" in [b.label for b in at.get("download_button")]


def test_profile_follows_the_chosen_municipality(sample_db):
    """Given the profile, When the user picks Cēsu novads, Then the heading names it and the choice is remembered."""
    at = run_page("app_pages/profile.py", db_url=sample_db)
    at.selectbox(key="profile_municipality").set_value("LV0026000").run()
    assert not at.exception
    assert at.subheader[0].value == "Cēsu novads"
    assert at.session_state["chosen_municipality"] == "LV0026000"


COMPARE_LINK = {"salidzinat": "LV0001000,LV0026000", "joma": "7"}  # Rīga and Cēsu novads, out-of-family care
COMPARE_JUDGED = {
    "lv": [("Bērni ārpusģimenes aprūpē uz 1000 bērniem", "Rīga — Cēsu novads",
            "Skaidri atšķiras — augstāks: Rīga; labāk: Cēsu novads"),
           ("Bērni institucionālajā aprūpē", "Rīga — Cēsu novads", "Skaidras atšķirības nav: intervāli pārklājas"),
           ("Bērni, kuru vecākiem pārtrauktas aizgādības tiesības", "Rīga — Cēsu novads",
            "Skaidras atšķirības nav: intervāli pārklājas")],
    "en": [("Children in out-of-family care per 1,000 children", "Riga — Cēsis municipality",
            "Clear difference — higher: Riga; better: Cēsis municipality"),
           ("Children in institutional care", "Riga — Cēsis municipality", "No clear difference: the intervals overlap"),
           ("Children whose parents' custody rights were suspended", "Riga — Cēsis municipality",
            "No clear difference: the intervals overlap")],
}


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_compare_opens_the_linked_comparison(sample_db, lang):
    """Given a copied link naming Rīga, Cēsu novads and domain 7, When the compare page opens in a language, Then
    those two and that domain are chosen, each rate or share has its chart, and every pair is judged in words."""
    at = run_page("app_pages/compare.py", db_url=sample_db, lang=lang, query=COMPARE_LINK)
    assert not at.exception, at.exception[0].value if at.exception else ""
    assert "⟨" not in _texts(at)
    assert at.multiselect(key="compare_municipalities").value == ["LV0001000", "LV0026000"]
    assert at.selectbox(key="compare_domain").value == 7
    assert dict(at.query_params) == {**COMPARE_LINK, "valoda": lang}
    assert at.subheader[0].value == ("7. Ārpusģimenes aprūpe" if lang == "lv" else "7. Out-of-family care")
    assert len(at.get("plotly_chart")) == 3  # the rate and two shares; counts are not put side by side
    judged = _table_with(at, "Vērtējums" if lang == "lv" else "Judgement")
    assert [tuple(r) for r in judged.itertuples(index=False)] == COMPARE_JUDGED[lang]
    assert [c.value for c in at.caption if c.value in {j for *_, j in COMPARE_JUDGED[lang]}] == [
        j for *_, j in COMPARE_JUDGED[lang]]  # under each chart, the same words
    values = _table_with(at, "Latvija" if lang == "lv" else "Latvia")
    assert len(values) == 7  # every indicator of the domain, counts included


def test_compare_follows_the_choice_into_the_address_bar(sample_db):
    """Given the linked comparison, When a third municipality and another domain are chosen, Then the address bar
    says so (a copied link reopens it) and the charts say where each pair stands apart."""
    at = run_page("app_pages/compare.py", db_url=sample_db, query=COMPARE_LINK)
    at.multiselect(key="compare_municipalities").select("LV0038000").run()
    at.selectbox(key="compare_domain").set_value(8).run()
    assert not at.exception
    assert at.query_params["salidzinat"] == "LV0001000,LV0026000,LV0038000"
    assert at.query_params["joma"] == "8"
    assert at.subheader[0].value == "8. Likumpārkāpumi un prevencija"
    judged = _table_with(at, "Vērtējums")
    assert len(judged) == 5 * 3  # five rates in domain 8, three pairs each


@pytest.mark.parametrize("link", ["LV0001000", "", "LV9999999,nav"])
def test_compare_with_fewer_than_two_says_what_to_do(sample_db, link):
    """Given a link with one, none or unknown municipalities, Then the page asks for two to four, draws nothing."""
    at = run_page("app_pages/compare.py", db_url=sample_db, query={"salidzinat": link})
    assert not at.exception
    assert [i.value for i in at.main.info] == ["Izvēlieties vismaz divas pašvaldības (ne vairāk kā četras), lai tās "
                                               "salīdzinātu."]
    assert not at.get("plotly_chart") and not at.table


def test_profile_links_to_the_comparison(sample_db):
    """Given a municipality's profile, Then one link leads to the comparison (which opens with it and its peer)."""
    at = run_page("app_pages/profile.py", db_url=sample_db)
    assert [(p.label, p.proto.page) for p in at.get("page_link")] == [
        ("Salīdzināt ar citām pašvaldībām", "compare")]


def test_compare_opens_with_the_chosen_municipality_and_its_nearest_peer(sample_db):
    """Given no link, When the page opens after the profile chose Cēsu novads, Then Cēsu novads and its most similar
    municipality are compared."""
    at = run_page("app_pages/compare.py", db_url=sample_db, query={"pasvaldiba": "LV0026000"})
    assert not at.exception
    chosen = at.multiselect(key="compare_municipalities").value
    assert chosen[0] == "LV0026000" and len(chosen) == 2
    engine = make_engine(sample_db)
    near = analyse(current_observations(engine), catalogue=catalogue(), window=3).neighbours
    engine.dispose()
    assert chosen[1] == near[near["municipality_code"] == "LV0026000"]["peer_code"].iloc[0]


WIDGETS = ("selectbox", "radio", "multiselect", "text_input", "date_input", "checkbox", "toggle", "slider",
           "number_input", "download_button", "file_uploader", "expander", "tabs", "dataframe")


def _widgets(at) -> dict[str, int]:
    """How many of each widget (and interactive section or grid) the page shows, the kinds it has at all."""
    return {kind: len(at.get(kind)) for kind in WIDGETS if len(at.get(kind))}


@pytest.mark.parametrize(("lang", "back", "cesis"), [("lv", "Atpakaļ uz interaktīvo skatu", "Cēsu novads"),
                                                    ("en", "Back to the interactive view", "Cēsis municipality")])
def test_profile_print_view_has_every_domain_open_and_no_widgets(sample_db, lang, back, cesis):
    """Given a copied link to the profile's print view of Cēsu novads / When it renders in a language / Then the
    sidebar is empty, no picker, download or closed section is shown (only the way back), all 16 domains follow
    one another in the guidance's order with their tables, and every chart is an image."""
    from analysis.catalogue import catalogue

    at = run_page("app_pages/profile.py", db_url=sample_db, lang=lang,
                  query={"druka": "1", "pasvaldiba": "LV0026000"})
    assert not at.exception, at.exception[0].value if at.exception else ""
    assert "⟨" not in _texts(at)
    assert len(at.sidebar.children) == 0
    assert _widgets(at) == {}
    assert [b.label for b in at.button] == [back]
    headings = [s.value for s in at.subheader]
    assert headings[0] == cesis
    assert [h.split(" — ")[0] for h in headings[2:]] == [
        f"{d.no}. {getattr(d, f'name_{lang}')}" for d in catalogue().domains]
    assert len(at.table) == 16
    assert len(at.get("image")) == 16 + 5  # one per domain, and the spine chart in pieces that each fit a page
    assert len(at.get("plotly_chart")) == 0


def test_coverage_print_view_has_every_list_open_and_no_widgets(sample_db):
    """Given a copied link to the coverage page's print view of the 2024 survey / When it renders / Then no picker,
    download or closed section is shown (only the way back), the headline is the report's, every list is open with
    its count, and the nine charts are images."""
    at = run_page("app_pages/coverage.py", db_url=sample_db, query={"druka": "1", "gads": "2024"})
    assert not at.exception, at.exception[0].value if at.exception else ""
    assert len(at.sidebar.children) == 0
    assert _widgets(at) == {}
    assert [b.label for b in at.button] == ["Atpakaļ uz interaktīvo skatu"]
    assert {m.label: m.value for m in at.metric} == {
        "Aptaujātās pašvaldības": "43", "Ar programmu vai tās elementiem": "19", "Bez programmas": "24"}
    lists = [m.value for m in at.markdown if m.value.startswith("**") and m.value.endswith(")**")]
    assert lists[-8:] == ["**Bez programmas (24)**", "**Programmā nav secinājumu (10)**",
                          "**Programmā nav rīcības plāna (10)**", "**Uzraudzībai norādītas tikai iestādes (4)**",
                          "**Nav uzraudzības kārtības (6)**", "**Programma nav aktualizēta (3)**",
                          "**Programma bez termiņa (1)**", "**Bez bērnu viedokļa (4)**"]
    assert len(at.get("image")) == 9
    assert len(at.get("plotly_chart")) == 0


def test_print_button_opens_the_print_view_of_the_same_choice_and_back(sample_db):
    """Given the profile with Cēsu novads chosen / When "Drukāt / PDF" is pressed, then the way back / Then the
    print view of Cēsu novads is in the address and on the page in this session, and the way back restores the
    pickers with the same choice."""
    at = run_page("app_pages/profile.py", db_url=sample_db)
    at.selectbox(key="profile_municipality").set_value("LV0026000").run()
    at.button(key="profile_print").click().run()
    assert not at.exception
    assert (at.query_params.get("druka"), at.query_params.get("pasvaldiba")) == ("1", "LV0026000")
    assert (at.subheader[0].value, _widgets(at)) == ("Cēsu novads", {})
    at.button(key="print_back").click().run()
    assert not at.exception
    assert "druka" not in at.query_params
    assert at.selectbox(key="profile_municipality").value == "LV0026000"
    assert [b.label for b in at.button] == ["Drukāt / PDF"]


def test_coverage_offers_the_print_view_of_the_chosen_round(sample_db):
    """Given the coverage page / When the 2022 round is chosen / Then the round is in the address and the page
    offers the print view."""
    at = run_page("app_pages/coverage.py", db_url=sample_db)
    at.selectbox(key="coverage_year").set_value(2022).run()
    assert not at.exception
    assert at.query_params.get("gads") == "2022"
    assert [b.label for b in at.button] == ["Drukāt / PDF"]


def test_indicator_explorer_shows_ranking_map_and_trends(sample_db):
    """Given the sample, When the explorer renders, Then ranked bars, the tile map and trend lines are shown."""
    at = run_page("app_pages/indicators.py", db_url=sample_db)
    assert [s.value for s in at.subheader][1:] == ["Karte", "Tendences"]
    assert len(at.get("plotly_chart")) == 3
    at.radio(key="explorer_group").set_value("region").run()
    assert not at.exception


def test_coverage_reproduces_the_2024_report(sample_db):
    """Given the sample survey, When the coverage page renders 2024, Then 8 / 11 / 24 of 43 as in the BAC report."""
    at = run_page("app_pages/coverage.py", db_url=sample_db)
    assert not at.dataframe or "Skaits" not in at.dataframe[0].value.columns, "tables are sent when opened"
    at = run_page("app_pages/coverage.py", db_url=sample_db, opened=("table_open_diagram_1",))
    assert {m.label: m.value for m in at.metric} == {
        "Aptaujātās pašvaldības": "43", "Ar programmu vai tās elementiem": "19", "Bez programmas": "24"}
    first = at.dataframe[0].value
    assert first["Skaits"].tolist() == [8, 11, 24]
    assert first["%"].tolist() == ["18,6", "25,6", "55,8"]


def test_upload_parses_confirms_and_lists_the_new_version(tmp_path):
    """Given a fresh database, When a group workbook is dropped and confirmed, Then it is stored and in the history."""
    from tests.dashboard.apptest_util import build_sample_db

    db = build_sample_db(tmp_path / "upload.sqlite")
    at = run_page("app_pages/upload.py", db_url=db)
    at.file_uploader(key="upload_files").upload(WORKBOOK.name, WORKBOOK.read_bytes()).run()
    assert not at.exception
    from sample_municipalities.territory import YEARS

    assert at.success[0].value.startswith(f"Saprasts: Cēsu novads · rādītāji: 106 · gadi: {YEARS[0]}–{YEARS[-1]}")
    [confirm] = [b for b in at.button if (b.key or "").endswith("_confirm")]
    confirm.click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Saglabāts kā augšupielāde Nr.")
    assert at.text[0].value == "cesu_novads_sintetiski.xlsx"
    assert at.info[0].value.startswith("Šis fails jau ir saglabāts")
    history = _frame_with(at, "Fails")
    assert history["Fails"].iloc[0] == "cesu_novads_sintetiski.xlsx"


def test_upload_of_an_unreadable_file_says_why(sample_db):
    """Given the upload page, When a file that is not a spreadsheet is dropped, Then one clear error, no traceback."""
    at = run_page("app_pages/upload.py", db_url=sample_db)
    at.file_uploader(key="upload_files").upload("dati.xlsx", _zip_without_workbook()).run()
    assert not at.exception
    assert len(at.error) == 1 and at.error[0].value.startswith("Failu nevar nolasīt")


def test_methods_page_has_catalogue_methods_and_downloads(sample_db):
    """Given the sample, When Data & methods renders, Then the catalogue, the methods text and four downloads."""
    at = run_page("app_pages/methods.py", db_url=sample_db)
    assert len(_frame_with(at, "Identifikators")) >= 96
    assert [b.label for b in at.get("download_button")] == [
        "Lejupielādēt CSV", "Lejupielādēt Excel (XLSX)", "Lejupielādēt veidni (XLSX)"]
    at.text_input(key="methods_query").set_value("bērnu skaits").run()
    assert 0 < len(_frame_with(at, "Identifikators")) < 10


@pytest.mark.parametrize("page", ["profile", "indicators", "coverage", "methods"])
def test_empty_database_pages_say_what_to_do(empty_db, page):
    """Given an empty database, When a page renders, Then it says what to do next instead of failing."""
    at = run_page(f"app_pages/{page}.py", db_url=empty_db)
    assert not at.exception
    assert at.info, "an empty state is shown"


def test_coverage_shows_the_open_ended_programme_apart(sample_db):
    """Given the 2024 survey (19 programmes, one open-ended), When the coverage page renders,
    Then diagram 2 has an own 'beztermiņa' bar and its bars add up to the n in its title."""
    at = run_page("app_pages/coverage.py", db_url=sample_db, opened=("table_open_diagram_2",))
    terms = _frame_with(at, "Termiņš, gadi")
    assert terms["Termiņš, gadi"].tolist() == ["2", "3", "4", "5", "6", "beztermiņa"]
    assert terms["Skaits"].sum() == 19
    assert "2. attēls. Programmas darbības ilgums gados (n = 19)" in _texts(at)
    assert any(c.value.startswith("Ar noteiktu termiņu: 18 (zilie stabiņi); beztermiņa: 1") for c in at.caption)


def test_coverage_headline_says_the_change_since_the_previous_survey(sample_db):
    """Given surveys in 2022 and 2024, When the coverage page renders 2024,
    Then the headline carries the change since 2022 with a sign and the year."""
    at = run_page("app_pages/coverage.py", db_url=sample_db)
    deltas = {m.label: m.delta for m in at.metric}
    assert deltas["Ar programmu vai tās elementiem"] == "+5"
    assert deltas["Bez programmas"] == "\u22125"


def test_coverage_lists_programmes_lacking_conclusions_plan_or_monitoring(sample_db):
    """Given the 2024 survey, When the coverage page renders, Then each gap the analyst asks about has a list."""
    at = run_page("app_pages/coverage.py", db_url=sample_db)
    labels = [e.label for e in at.expander]
    for start in ("Programmā nav secinājumu (10)", "Programmā nav rīcības plāna (10)",
                  "Uzraudzībai norādītas tikai iestādes (4)", "Nav uzraudzības kārtības (6)"):
        assert start in labels


def test_a_file_name_with_markdown_and_html_is_shown_literally(tmp_path):
    """Given a file whose name holds markdown, HTML and LaTeX characters, When it is dropped,
    Then the name is shown exactly as written, as plain text, and never inside a markdown element."""
    from tests.dashboard.apptest_util import build_sample_db

    db = build_sample_db(tmp_path / "names.sqlite")
    odd = "**bold**_x_ <b>y</b> `c` $1$ [a](b) :red[z].csv"
    body = "municipality,indicator,year,value\nLudzas novads,children_in_out_of_family_care_rate,2024,12.5\n"
    at = run_page("app_pages/upload.py", db_url=db)
    at.file_uploader(key="upload_files").upload(odd, body.encode()).run()
    assert not at.exception
    assert [e.value for e in at.text] == [f"Fails: {odd}"]
    markdown = [str(e.value) for kind in ("markdown", "caption", "success", "info", "warning", "error")
                for e in getattr(at, kind)]
    assert not [m for m in markdown if "bold" in m or "<b>" in m]


def test_mapping_an_unknown_municipality_resolves_it_and_stays_visible(tmp_path):
    """Given a file naming 'Ludzs nvads', When the page reruns and the user maps it to Ludzas novads,
    Then no invented issue appears, the error goes, and the mapping row stays to be seen or changed."""
    from tests.dashboard.apptest_util import build_sample_db

    db = build_sample_db(tmp_path / "mapping.sqlite")
    body = ("municipality,indicator,year,value\n"
            "Ludzs nvads,children_in_out_of_family_care_rate,2024,12.5\n"
            "Ludzas novads,children_in_out_of_family_care_rate,2023,11.5\n")
    at = run_page("app_pages/upload.py", db_url=db)
    at.file_uploader(key="upload_files").upload("dati.csv", body.encode()).run()
    at.run()  # a plain rerun must not turn the mapping widget's own bookkeeping into a mapping
    report = _frame_with(at, "Kods")
    assert report["Kods"].tolist() == ["unknown-municipality"]
    [mapping] = [s for s in at.selectbox if s.label == "Pašvaldība katalogā"]
    mapping.set_value("LV0037000").run()  # Ludzas novads
    assert not at.exception
    assert not any("Kods" in d.value.columns for d in at.dataframe)
    assert "“Ludzs nvads”" in [e.value for e in at.text]
    assert [s.label for s in at.selectbox].count("Pašvaldība katalogā") == 1


def test_kind_mismatch_is_asked_and_a_clear_suggestion_is_preselected(tmp_path):
    """Given counts under a rate indicator's name and a near-miss share label, When dropped, Then the counts are held
    with a choice named by indicator and unit, the near miss is pre-selected so the preview already shows it, and
    choosing 'keep as custom' stores the counts under the file's own label."""
    from tests.dashboard.apptest_util import build_sample_db

    db = build_sample_db(tmp_path / "kinds.sqlite")
    body = ("municipality,indicator,year,value\n"
            'Cēsu novads,"Skolēni, kas strādājuši vasaras darbos",2022,12\n'
            'Cēsu novads,"Skolēni, kas strādājuši vasaras darbos",2023,15\n'
            "Cēsu novads,Neattaisnoti kavējumi virs 20 h,2023,1.5\n")
    at = run_page("app_pages/upload.py", db_url=db)
    at.file_uploader(key="upload_files").upload("kinds.csv", body.encode()).run()
    assert not at.exception
    report = _frame_with(at, "Kods")
    assert report[["Rinda", "Kolonna", "Kods"]].values.tolist() == [["2", "D", "kind-mismatch"],
                                                                    ["3", "D", "kind-mismatch"]]
    assert at.success[0].value.startswith("Saprasts: Cēsu novads · rādītāji: 1 · gadi: 2023 · vērtības: 1")
    [near] = [s for s in at.selectbox if s.label == "Rādītājs katalogā"]
    assert near.value == "unexcused_absence_20h_share"
    assert near.format_func(near.value) == "Skolēni ar vairāk nekā 20 neattaisnotām kavējuma stundām semestrī, %"
    [held] = [s for s in at.selectbox if s.label == "Kā saglabāt"]
    assert held.value == ""
    assert held.options[:3] == [
        "— izvēlieties —",
        "Saglabāt kā “Skolēni, kas strādājuši vasaras darbos, uz 1000 skolēniem” (faila mērvienība ir kļūdaina)",
        "— paturēt kā savu rādītāju —",
    ]
    assert not [o for o in held.options + near.options if "_rate" in o or "_share" in o]  # never an internal id
    held.set_value("=custom").run()
    assert not at.exception
    assert not any("Kods" in d.value.columns for d in at.dataframe)
    [confirm] = [b for b in at.button if (b.key or "").endswith("_confirm")]
    confirm.click().run()
    assert at.success[0].value.startswith("Saglabāts kā augšupielāde Nr.")
    assert "(vērtības: 3)" in at.success[0].value


def test_profile_table_cells_keep_a_latvian_rank_out_of_markdown_lists():
    """Given a Latvian rank "4. no 9", When it goes to st.table (markdown cells), Then it is escaped, others not."""
    from dashboard.app_pages.profile_parts import as_table_cells

    frame = pd.DataFrame({"Vieta grupā": ["4. no 9", "4 of 9", ""], "2024": ["17,7", "<5", "2024."]})
    assert as_table_cells(frame).to_dict("list") == {"Vieta grupā": ["4\\. no 9", "4 of 9", ""],
                                                      "2024": ["17,7", "<5", "2024."]}


def test_programme_checks_keep_user_text_out_of_markdown():
    """Given a check naming a measure titled with markdown, When it goes to st.table, Then every mark is escaped."""
    from dashboard.app_pages.programme_parts import _plain

    assert _plain("Pasākumam “**Atbalsts** [x](y) :red[z] $1$” nav norādīts: termiņš") == (
        "Pasākumam “\\*\\*Atbalsts\\*\\* \\[x\\]\\(y\\) \\:red\\[z\\] \\$1\\$” nav norādīts\\: termiņš")


def test_coverage_lists_say_open_ended_and_unknown_years_in_words():
    """Given an open-ended programme and one with no years, When listed, Then words stand where a year is missing
    (st.dataframe would print an empty year as 'None')."""
    from dashboard.app_pages.coverage_parts import municipality_list

    frame = pd.DataFrame({"name_lv": ["Talsu novads", "Cēsu novads"], "name_en": ["Talsi", "Cēsis"],
                          "start_year": pd.array([2015, None], dtype="Int64"),
                          "end_year": pd.array([None, None], dtype="Int64"), "open_ended": [True, False]})
    assert municipality_list(frame).to_dict("list") == {
        "Pašvaldība": ["Talsu novads", "Cēsu novads"], "Sākums": ["2015", "gads nav norādīts"],
        "Beigas": ["bez beigu termiņa", "gads nav norādīts"]}
