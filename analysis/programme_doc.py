"""The programme as a Word document: situation analysis (tables and chart images), conclusions, action plan,
monitoring, children's participation, self-assessment and the checks still open — in the guidance's order.

The domain tables are analysis.profile_doc's own (the same words and numbers as the profile and its chapter draft);
the charts are PNG images (analysis.programme.charts). The document is stamped with the data version, the
programme version and the day, and holds no other clock: the same inputs give the same document again.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

from docx.shared import Cm, RGBColor

from analysis.catalogue import Catalogue
from analysis.profile_doc import (
    BULLET,
    HEADING,
    TITLE,
    _Body,
    _day,
    _new_document,
    clean,
    domain_parts,
    header,
    profile_years,
)
from analysis.programme import labels as L
from analysis.programme.catalogues import ProgrammeCatalogues, programme_catalogues
from analysis.programme.charts import ChartsNotDrawn, domain_figure, render_png
from analysis.programme.checks import check_programme
from analysis.programme.figures import progress
from analysis.programme.model import Programme
from analysis.stats import labels as SL
from analysis.stats.formatting import number

TEXT: dict[str, tuple[str, str]] = {
    "title": ("{name}: bērnu tiesību aizsardzības programma {period}", "{name}: child-rights protection programme {period}"),
    "stamp": ("Izveidots {today} no analīzes rīka datiem (datu versija {version}; programmas ieraksts: {saved}). "
              "Ar tiem pašiem datiem un ierakstu dokumentu var izveidot atkārtoti tieši tādu pašu.",
              "Created on {today} from the analysis tool's data (data version {version}; programme record: {saved}). "
              "With the same data and record the document can be made again exactly."),
    "charts_missing": ("Diagrammas šoreiz neizdevās uzzīmēt; tabulas un skaitļi dokumentā ir pilnīgi. Lejupielādējiet "
                       "dokumentu vēlreiz, lai iegūtu diagrammas.",
                       "The charts could not be drawn this time; the tables and figures in the document are complete. "
                       "Download the document again to get the charts."),
    "synthetic": ("SINTĒTISKI DATI: skaitļi ir izdomāti paraugdati; tos nedrīkst citēt vai izmantot lēmumiem.",
                  "SYNTHETIC DATA: the figures are invented sample data; do not quote them or base decisions on them."),
    "h_goal": ("1. Programmas mērķis un darbības periods", "1. Goal and period of the programme"),
    "h_analysis": ("2. Situācijas analīze", "2. Situation analysis"),
    "analysis_lead": ("Katras jomas tabulā — pēdējo gadu rādītāji ar tendences vērtējumu un salīdzinājumu; "
                      "attēlā — rādītāju vērtības pa gadiem (pašvaldība un Latvija; mazi skaitļi netiek attēloti). "
                      "Jomas beigās — sadarbības grupas secinājumi.",
                      "Each domain's table gives the last years' figures with the trend assessment and comparisons; "
                      "the chart shows the values over the years (the municipality and Latvia; small numbers are "
                      "not drawn). Each domain ends with the cooperation group's conclusions."),
    "chart_alt": ("Rādītāju vērtības pa gadiem: {domain}", "Indicator values over the years: {domain}"),
    "conclusions": ("Secinājumi:", "Conclusions:"),
    "no_conclusion": ("Secinājumi vēl nav uzrakstīti.", "No conclusions written yet."),
    "problems": ("Konstatētās problēmas:", "Problems found:"),
    "pinned": ("Secinājumi balstās uz šiem rādītājiem (vērtības secinājumu rakstīšanas brīdī):",
               "The conclusions rest on these indicators (values when the conclusions were written):"),
    "h_plan": ("3. Rīcības plāns", "3. Action plan"),
    "h_monitoring": ("4. Uzraudzības kārtība", "4. Monitoring procedure"),
    "h_progress": ("Pasākumu rādītāji: bāzes vērtība → pēdējā vērtība → mērķis",
                   "Measure indicators: baseline → latest value → target"),
    "h_participation": ("5. Bērnu līdzdalība", "5. Children's participation"),
    "h_self": ("6. Pašnovērtējums pēc labās prakses", "6. Self-assessment against good practice"),
    "h_checks": ("7. Vadlīniju pārbaudes: kas vēl jāpapildina", "7. The guidance's checks: what is still open"),
    "checks_clear": ("Visas vadlīniju pārbaudes izpildītas.", "Every check of the guidance is met."),
    "none": ("Nav ierakstu.", "No entries."),
    "open_ended": ("beztermiņa", "open-ended"),
    "year_unset": ("gads nav norādīts", "year not given"),
    "period_unset": ("periods nav norādīts", "period not given"),
    "small": ("mazi skaitļi", "small numbers"),
    "no_data": ("nav datu", "no data"),
}
FACTS = (
    ("period", "Darbības periods", "Period"), ("status", "Statuss", "Status"),
    ("decision_date", "Domes lēmuma datums", "Council decision date"),
    ("document_kind", "Dokumenta veids", "Kind of document"), ("document_title", "Nosaukums", "Title"),
    ("document_link", "Saite", "Link"), ("goal", "Mērķis", "Goal"),
    ("data_years", "Situācijas analīzes dati", "Data of the situation analysis"),
)
COLS = {
    "field": ("Lauks", "Field"), "value": ("Vērtība", "Value"), "indicator": ("Rādītājs", "Indicator"),
    "year": ("Gads", "Year"), "trend": ("Tendence", "Trend"), "data_version": ("Datu versija", "Data version"),
    "key": ("Nr.", "No."), "measure": ("Pasākums", "Measure"), "goal": ("Mērķis", "Goal"),
    "tasks": ("Uzdevumi", "Tasks"), "deadline": ("Termiņš", "Deadline"), "responsible": ("Atbildīgie", "Responsible"),
    "resources": ("Resursi", "Resources"), "funding": ("Finansējums", "Funding"), "type": ("Veids", "Type"),
    "domains": ("Jomas", "Domains"), "activity": ("Darbība", "Activity"), "status": ("Izpilde", "Status"),
    "measures": ("Pasākumi", "Measures"), "baseline": ("Bāzes vērtība", "Baseline"),
    "latest": ("Pēdējā vērtība", "Latest value"), "target": ("Mērķis", "Target"), "method": ("Metode", "Method"),
    "date": ("Datums", "Date"), "ages": ("Vecums", "Ages"), "children": ("Bērnu skaits", "Children"),
    "groups": ("Grupas", "Groups"), "fed_back": ("Atgriezeniskā saite", "Fed back"),
    "summary": ("Kopsavilkums", "Summary"), "item": ("Labā prakse", "Good practice"),
    "answer": ("Vērtējums", "Answer"), "note": ("Piezīme", "Note"), "check": ("Pārbaude", "Check"),
}


def _t(key: str, lang: str, **values) -> str:
    lv, en = TEXT[key]
    return (en if lang == "en" else lv).format(**values)


def _c(key: str, lang: str) -> str:
    lv, en = COLS[key]
    return en if lang == "en" else lv


def _num(value, lang: str) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "–"
    return number(float(value), 0 if float(value).is_integer() else 1, lang)


def _period(p: Programme, lang: str) -> str:
    """'2024–2027', '2024–open-ended', 'year not given–2027' or 'period not given' (the dashboard's words): never a
    '…' where a year is missing."""
    end = _t("open_ended", lang) if p.open_ended else (str(p.end_year) if p.end_year else None)
    if not p.start_year and end is None:
        return _t("period_unset", lang)
    return f"{p.start_year or _t('year_unset', lang)}–{end or _t('year_unset', lang)}"


def chart_figures(programme: Programme, *, analysis, catalogue: Catalogue, lang: str) -> dict[int, object]:
    """Each domain's chart (None where nothing can be drawn), from the same values the profile shows."""
    if analysis is None or analysis.values.empty:
        return {}
    code = programme.municipality_code
    en = lang == "en"
    vals = analysis.values[analysis.values["municipality_code"] == code]
    muni = catalogue.municipality(code)
    out = {}
    for d in catalogue.domains:
        titles = {i.id: (i.name_en if en else i.name_lv) for i in catalogue.indicators_of(d.no)}
        part = vals[vals["indicator"].isin(list(titles))]
        nat = analysis.national[analysis.national["indicator"].isin(list(titles))]
        out[d.no] = domain_figure(part, nat, titles=titles, name_local=(muni.name_en if en else muni.name_lv),
                                  name_latvia="Latvia" if en else "Latvija", separators=".," if en else ", ")
    return out


def programme_docx(
    *,
    programme: Programme,
    analysis,
    catalogue: Catalogue,
    lang: str = "lv",
    data_version: int | None = None,
    today: date | None = None,
    saved: str | None = None,
    synthetic: bool = False,
    lists: ProgrammeCatalogues | None = None,
) -> bytes:
    """The programme document as .docx bytes (Latvian by default, English on request)."""
    lists = lists or programme_catalogues()
    p = programme
    muni = catalogue.municipality(p.municipality_code)
    if muni is None:
        raise ValueError(f"unknown municipality code {p.municipality_code!r}")
    en = lang == "en"
    today = today or date.today()
    day = _day(today, lang)

    # Load: every word and number decided before the document is written.
    has_data = analysis is not None and not analysis.trends.empty
    parts = domain_parts(analysis, catalogue, code=p.municipality_code, lang=lang) if has_data else []
    head = header(profile_years(analysis), lang) if has_data else []
    figures = chart_figures(p, analysis=analysis, catalogue=catalogue, lang=lang) if has_data else {}
    drawn = [d for d, f in figures.items() if f is not None]
    try:
        images = dict(zip(drawn, render_png([figures[d] for d in drawn])))
    except ChartsNotDrawn:
        images = {}
    report = check_programme(p, catalogue=catalogue)
    moves = progress(p, analysis) if has_data else None

    # Process: the document in the guidance's order.
    doc = _new_document(lang)
    body = _Body(doc)
    body.para(clean(_t("title", lang, name=muni.name_en if en else muni.name_lv, period=_period(p, lang))),
              style=TITLE)
    if drawn and not images:
        body.para("").add_run(_t("charts_missing", lang)).bold = True
    if synthetic:
        run = body.para("").add_run(_t("synthetic", lang))
        run.bold = True
        run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    body.para(clean(_t("stamp", lang, today=day, version=data_version if data_version is not None else "–",
                       saved=saved or "–")))

    body.para(_t("h_goal", lang), style=HEADING)
    first, last = p.data_years()
    facts = {
        "period": _period(p, lang), "status": L.label("status", p.status, lang=lang, lists=lists),
        "decision_date": _day(p.decision_date, lang) if p.decision_date else "–",
        "document_kind": L.label("document_kind", p.document_kind, lang=lang, lists=lists),
        "document_title": p.document_title or "–", "document_link": p.document_link or "–", "goal": p.goal or "–",
        "data_years": f"{first}–{last}" if first and last else "–",
    }
    _table(doc, [_c("field", lang), _c("value", lang)],
           [(en_ if en else lv_, facts[k]) for k, lv_, en_ in FACTS])

    body.para(_t("h_analysis", lang), style=HEADING)
    body.para(_t("analysis_lead", lang))
    for d in catalogue.domains:
        part = parts[d.no - 1] if parts else None
        body.para(clean(part.heading if part else f"{d.no}. {d.name_en if en else d.name_lv}"), style=HEADING)
        if part is not None:
            body.table(head, [r.cells for r in part.rows])
        if d.no in images:
            inline = doc.add_paragraph().add_run().add_picture(io.BytesIO(images[d.no]), width=Cm(20))
            inline._inline.docPr.set("descr", clean(_t("chart_alt", lang, domain=d.name_en if en else d.name_lv)))
        body.para("").add_run(_t("conclusions", lang)).bold = True
        c = p.conclusion(d.no)
        if c is None or not (c.text or c.problems):
            body.para(_t("no_conclusion", lang)).runs[0].italic = True
        else:
            for line in c.text.splitlines() or [""]:
                body.para(clean(line))
            if c.problems:
                body.para(_t("problems", lang))
                for problem in c.problems:
                    body.para(clean(problem), style=BULLET)
        if c is not None and c.indicators:
            body.para(_t("pinned", lang))
            _table(doc, [_c("indicator", lang), _c("year", lang), _c("value", lang), _c("trend", lang),
                         _c("data_version", lang)],
                   [(_indicator(catalogue, x.indicator, en), str(x.year or "–"),
                     x.shown or _num(x.value, lang), SL.label(x.assessment, lang) if x.assessment else "–",
                     x.data_version or "–") for x in c.indicators])

    body.para(_t("h_plan", lang), style=HEADING)
    if p.measures:
        _table(doc, [_c(k, lang) for k in ("key", "measure", "goal", "tasks", "deadline", "responsible", "resources",
                                           "funding", "type", "domains")],
               [(m.key, m.title, m.goal, m.tasks, _day(m.deadline, lang) if m.deadline else "–", m.responsible,
                 m.resources, m.funding_source, L.label("measure_type", m.measure_type, lang=lang, lists=lists),
                 ", ".join(str(x) for x in m.domains)) for m in p.measures])
    else:
        body.para(_t("none", lang))

    body.para(_t("h_monitoring", lang), style=HEADING)
    if p.monitoring:
        _table(doc, [_c(k, lang) for k in ("key", "type", "activity", "deadline", "responsible", "status",
                                           "measures")],
               [(e.key, L.label("monitoring_type", e.monitoring_type, lang=lang, lists=lists) or "–", e.activity,
                 _day(e.deadline, lang) if e.deadline else "–", e.responsible,
                 L.label("monitoring_status", e.status, lang=lang, lists=lists), ", ".join(e.measures))
                for e in p.monitoring])
    else:
        body.para(_t("none", lang))
    if moves is not None and len(moves):
        body.para("").add_run(_t("h_progress", lang)).bold = True
        _table(doc, [_c(k, lang) for k in ("key", "indicator", "baseline", "latest", "target", "trend")],
               [_progress_row(r, catalogue=catalogue, lang=lang) for r in moves.itertuples(index=False)])

    body.para(_t("h_participation", lang), style=HEADING)
    if p.participation:
        _table(doc, [_c(k, lang) for k in ("method", "date", "ages", "children", "groups", "fed_back", "summary")],
               [(L.label("method", x.method, lang=lang, lists=lists), _day(x.held_on, lang) if x.held_on else "–",
                 ", ".join(L.label("age_band", b, lang=lang, lists=lists) for b in x.age_bands),
                 _num(x.children, lang), "; ".join(L.label("group", g, lang=lang, lists=lists) for g in x.groups),
                 L.yes_no(x.fed_back, lang=lang), x.summary) for x in p.participation])
    else:
        body.para(_t("none", lang))

    body.para(_t("h_self", lang), style=HEADING)
    if p.self_assessment:
        _table(doc, [_c(k, lang) for k in ("item", "answer", "note")],
               [(L.label("good_practice", s.item, lang=lang, lists=lists),
                 L.label("answer", s.answer, lang=lang, lists=lists), s.note) for s in p.self_assessment])
    else:
        body.para(_t("none", lang))

    body.para(_t("h_checks", lang), style=HEADING)
    open_checks = [i for i in report.issues if i.severity != "error"]
    if open_checks:
        for issue in open_checks:
            body.para(clean(issue.text(lang)), style=BULLET)
    else:
        body.para(_t("checks_clear", lang))

    # Save, with the document's own dates set to the stamped day (no wall clock inside).
    stamp = datetime(today.year, today.month, today.day)
    props = doc.core_properties
    props.created = props.modified = stamp
    props.last_modified_by = props.author = "analysis"
    props.revision = 1
    buffer = io.BytesIO()
    doc.save(buffer)
    return _fixed_zip(buffer.getvalue(), stamp)


def _indicator(catalogue: Catalogue, indicator_id: str, en: bool) -> str:
    ind = catalogue.indicator(indicator_id)
    return (ind.name_en if en else ind.name_lv) if ind is not None else indicator_id


def _progress_row(r, *, catalogue: Catalogue, lang: str) -> tuple[str, ...]:
    def at(value, year):
        return "–" if value is None else f"{_num(value, lang)} ({year})" if year else _num(value, lang)

    if r.small_numbers:
        latest = f"{r.latest_shown} ({r.latest_year}), {_t('small', lang)}"
    elif r.latest is None:
        latest = _t("no_data", lang)
    else:
        latest = at(r.latest, r.latest_year)
        if r.lower is not None and r.upper is not None:
            latest += f" [{_num(r.lower, lang)}; {_num(r.upper, lang)}]"
    trend = SL.label(r.assessment, lang) if r.assessment else "–"
    return (r.measure, _indicator(catalogue, r.indicator, lang == "en"), at(r.baseline, r.baseline_year), latest,
            at(r.target, r.target_year), trend)


def _table(doc, head: list[str], rows: list[tuple]) -> None:
    """A plain grid table with a bold header row (user text as text, never markup)."""
    table = doc.add_table(rows=1, cols=len(head))
    table._tbl.tblPr.style = "TableGrid"
    for cell, text in zip(table.rows[0].cells, head):
        cell.paragraphs[0].add_run(clean(text)).bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values):
            cell.paragraphs[0].add_run(clean("" if value is None else value))


def _fixed_zip(blob: bytes, stamp: datetime) -> bytes:
    """The same parts rewritten with one fixed timestamp, so equal content gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


__all__ = ["programme_docx", "chart_figures"]
