"""The first draft of a programme's situation-analysis chapter for one municipality, as a Word document.

The cooperation group writes its programme every three years; the guidance asks for 16 domains, at least three
years of data and conclusions at the end of each domain. This document lays that out from `analyse(...)`: per
domain a table of the last years' figures with the assessment words the dashboard shows, the indicators still
to be asked for, and an empty "Secinājumi:" paragraph for the group. Everything it says about a number
(assessment, benchmark, '<5') was decided in analysis.stats; here it is only written down.
"""

from __future__ import annotations

import copy
import io
import math
import re
from dataclasses import dataclass
from datetime import date

import pandas as pd
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from analysis.catalogue import Catalogue
from analysis.catalogue.models import Indicator
from analysis.stats import labels as L
from analysis.stats.formatting import YES_NO, kind_decimals, number
from analysis.stats.result import Analysis
from analysis.territory import last_data_year

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DASH = "–"
# Characters XML 1.0 cannot hold: user text (file names, uploader names) loses them instead of breaking the file.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

# The data holders, as the dashboard names them (tests keep the two lists equal).
SOURCE_NAMES: dict[str, tuple[str, str]] = {
    "csp": ("Centrālā statistikas pārvalde (CSP)", "Official Statistics Portal (CSP)"),
    "viis": ("Valsts izglītības informācijas sistēma (VIIS)", "State Education Information System (VIIS)"),
    "nvd": ("Nacionālais veselības dienests (NVD)", "National Health Service (NVD)"),
    "spkc": ("Slimību profilakses un kontroles centrs (SPKC)", "Centre for Disease Prevention and Control (SPKC)"),
    "state_police": ("Valsts policija", "State Police"),
    "municipal_police": ("Pašvaldības policija", "Municipal police"),
    "orphans_court": ("Bāriņtiesa", "Orphan's court"),
    "social_service": ("Sociālais dienests", "Social service"),
    "municipality": ("Pašvaldība", "Municipality"),
    "bac": (
        "Valsts bērnu tiesību aizsardzības centrs (BAC)",
        "State Inspectorate for Protection of Children's Rights (BAC)",
    ),
    "nva": ("Nodarbinātības valsts aģentūra (NVA)", "State Employment Agency (NVA)"),
    "vugd": ("Valsts ugunsdzēsības un glābšanas dienests (VUGD)", "State Fire and Rescue Service (VUGD)"),
}

TEXT: dict[str, tuple[str, str]] = {
    "title": ("{name}: bērnu tiesību situācijas analīze, {years}", "{name}: child-rights situation analysis, {years}"),
    "synthetic": (
        "SINTĒTISKI DATI: šie skaitļi ir izdomāti paraugdati programmas demonstrācijai. Tos nedrīkst citēt "
        "vai izmantot lēmumiem.",
        "SYNTHETIC DATA: these figures are invented sample data for demonstrating the tool. Do not quote them "
        "or base decisions on them.",
    ),
    "draft": (
        "Sagatave bērnu tiesību aizsardzības programmas situācijas analīzes nodaļai. Izveidota {today} no "
        "datiem, kas bija pieejami analīzes rīkā; sadarbības grupa to papildina ar savu vērtējumu.",
        "A draft of the situation-analysis chapter of the child-rights protection programme. Created on {today} "
        "from the data held in the analysis tool; the cooperation group completes it with its own judgement.",
    ),
    "method_heading": ("Metode", "Method"),
    "method_scope": (
        "Analīze aptver 16 jomas vadlīnijās noteiktajā secībā. Katram rādītājam norādītas pēdējo {window} gadu "
        "({years}) vērtības, izmaiņa periodā, tendences vērtējums un salīdzinājums ar Latviju un reģionu.",
        "The analysis covers the 16 domains in the order the guidance lists them. Each indicator shows its "
        "values for the last {window} years ({years}), the change over the period, the assessment of its trend "
        "and the comparison with Latvia and the region.",
    ),
    "method_trend": (
        "Tendenci pārbauda ar hī kvadrāta testu tendencei (nozīmīguma līmenis {alpha}). „Uzlabojas” vai "
        "„pasliktinās” raksta tikai tad, ja izmaiņa ir statistiski nozīmīga, ņemot vērā, vai rādītājam labāk ir "
        "augstāka vai zemāka vērtība; citādi — „būtiskas izmaiņas nav”. Ja testu nevar veikt (skaits bez saucēja, "
        "dati tikai par vienu gadu, mazi skaitļi), rādītājs nav vērtēts, un aiz kola norādīts iemesls.",
        "The trend is checked with a chi-squared test for trend (significance level {alpha}). “Improving” or "
        "“worsening” is written only when the change is statistically significant, read through whether a "
        "higher or a lower value is better; otherwise “no significant change”. Where the test cannot be run "
        "(a count without a denominator, a single year, small numbers) the indicator is not assessed and the "
        "reason follows the colon.",
    ),
    "method_benchmark": (
        "Salīdzinājums ar Latviju un statistisko reģionu balstās uz {level} ticamības intervālu pārklāšanos "
        "(labāk / līdzīgi / sliktāk; augstāk / zemāk, ja virziens netiek vērtēts). Iekavās — Latvijas vai "
        "reģiona vērtība pēdējā gadā.",
        "The comparison with Latvia and the statistical region uses the overlap of {level} confidence intervals "
        "(better / similar / worse; higher / lower where no direction is judged). In brackets: the value for "
        "Latvia or the region in the latest year.",
    ),
    "method_small": (
        "Mazi skaitļi: skaits, kas mazāks par rādītāja slieksni (parasti 5), parādīts kā „<5”, lai nevarētu "
        "atpazīt konkrētus bērnus un ģimenes; „x” nozīmē, ka vērtība paslēpta, lai slēpto skaitli nevarētu "
        "aprēķināt no citiem. Šādiem rādītājiem tendence netiek vērtēta.",
        "Small numbers: a count below the indicator's threshold (usually 5) is shown as “<5” so that no child "
        "or family can be recognised; “x” means the value is hidden so that a hidden count cannot be worked "
        "out from the others. The trend of such indicators is not assessed.",
    ),
    "method_missing": (
        "Katras jomas beigās: „Trūkst datu” — rādītāji, par kuriem periodā nav datu, un kur tos pieprasīt; "
        "„Secinājumi” — vieta sadarbības grupas secinājumiem, kā to prasa vadlīnijas.",
        "At the end of each domain: “Missing data” — the indicators with no data for the period and whom to ask "
        "for them; “Conclusions” — room for the cooperation group's conclusions, as the guidance requires.",
    ),
    "col_indicator": ("Rādītājs", "Indicator"),
    "col_unit": ("Mērvienība", "Unit"),
    "col_change": ("Izmaiņa", "Change"),
    "col_assessment": ("Vērtējums", "Assessment"),
    "col_latvia": ("Pret Latviju", "vs Latvia"),
    "col_region": ("Pret reģionu", "vs region"),
    "no_data": ("nav datu", "no data"),
    "missing_heading": (
        "Trūkst datu (jāpieprasa datu turētājam):",
        "Missing data (to ask the data holder for):",
    ),
    "missing_item": ("{name} — {source}", "{name} — {source}"),
    "missing_last": ("{name} — {source} (pēdējie dati: {year})", "{name} — {source} (latest data: {year})"),
    "none_missing": ("Trūkst datu: nav — par visiem jomas rādītājiem ir dati.", "Missing data: none."),
    "conclusions": ("Secinājumi:", "Conclusions:"),
    "sources_heading": ("Avoti", "Sources"),
    "sources_lead": ("Rādītāju avoti (pēc rādītāju kataloga):", "Sources of the indicators (from the catalogue):"),
    "uploads_lead": ("Dati ielādēti no šiem failiem:", "The data were loaded from these files:"),
    "upload_item": ("{file} — augšupielādēts {when}, {who}", "{file} — uploaded {when} by {who}"),
    "citation": (
        "Atsauce: Bērnu tiesību situācijas analīze pašvaldībās: {name}, {years}. Izveidots {today}",
        "Citation: Child-rights situation analysis for Latvian municipalities: {name}, {years}. Created {today}.",
    ),
    "period": ("{start}–{end}", "{start}–{end}"),
}


def text(key: str, lang: str = "lv", **values: object) -> str:
    """One of the document's sentences in Latvian or English, with its placeholders filled."""
    lv, en = TEXT[key]
    return (en if lang == "en" else lv).format(**values)


def source_name(code: str, lang: str = "lv") -> str:
    """The data holder's name ('' codes pass through so a new source never breaks the document)."""
    lv, en = SOURCE_NAMES.get(code, (code, code))
    return en if lang == "en" else lv


def clean(value: object) -> str:
    """User text as plain characters: python-docx escapes markup, this drops what XML cannot hold at all."""
    return _NOT_XML.sub("", str(value))


# ---------------------------------------------------------------- what the document says (no docx here)


@dataclass(frozen=True)
class Row:
    """One indicator's line in a domain table, already in words."""

    indicator: str
    cells: tuple[str, ...]


@dataclass(frozen=True)
class DomainPart:
    """A domain's heading, table, missing indicators and (empty) conclusions."""

    heading: str
    description: str
    rows: tuple[Row, ...]
    missing: tuple[str, ...]


def profile_years(analysis: Analysis, *, until: int | None = None) -> list[int]:
    """The table's year columns: the last `window` calendar years with data anywhere (as the profile page),
    ending no later than `until` (the last year of a unit that merged away)."""
    end = int(analysis.trends["window_end"].max()) if len(analysis.trends) else date.today().year - 1
    end = min(end, until) if until is not None else end
    return list(range(end - analysis.settings.window + 1, end + 1))


def _unit_years(analysis: Analysis, catalogue: Catalogue, code: str) -> list[int]:
    muni = catalogue.municipality(code)
    return profile_years(analysis, until=last_data_year(muni.valid_to) if muni is not None else None)


def municipality_uploads(observations: pd.DataFrame, uploads: pd.DataFrame, *, code: str) -> pd.DataFrame:
    """The uploads that hold the municipality's current values (file, when, who), oldest first."""
    ids = observations.loc[observations["municipality_code"] == code, "upload_id"].dropna().unique()
    used = uploads[uploads["id"].isin(ids)]
    return used[["id", "file_name", "uploaded_at", "uploader"]].sort_values("uploaded_at").reset_index(drop=True)


def _value(value: float, display: object, *, kind: str, lang: str) -> str:
    """A value as analysis decided to show it: '<5' / 'x' when hidden, else in the reader's number format."""
    if isinstance(display, str) and (display.startswith("<") or display == L.SECONDARY_MARK):
        return display
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return DASH
    if kind == "yes_no":
        no, yes = YES_NO["en" if lang == "en" else "lv"]
        return yes if value > 0 else no
    return number(value, kind_decimals(kind), lang)


def _signed(value: float, *, kind: str, lang: str, rate_unit: str = "") -> str:
    """A change with its sign ('+3', '−1,2'); a count judged as its rate says the rate's unit ('+0,9 uz 1000
    bērniem'), since the values beside it are counts; empty where there is none to show."""
    if value is None or math.isnan(value) or kind == "yes_no":
        return ""
    places = kind_decimals(kind, as_rate=bool(rate_unit))
    body = number(value, places, lang)
    body = "+" + body if round(value, places) > 0 else body
    return f"{body} {rate_unit}" if rate_unit else body


def _assessment(tr, *, years: list[int], lang: str) -> str:
    """The assessment word, with the reason when not tested and the period when it is not the table's."""
    words = L.label(tr.assessment, lang)
    if tr.assessment == L.NOT_TESTED and tr.reason:
        words = f"{words}: {L.label(tr.reason, lang)}"
    if int(tr.window_end) != years[-1]:
        words = f"{words}, {text('period', lang, start=int(tr.window_start), end=int(tr.window_end))}"
    return words


def _benchmark(code: str, value: float, *, kind: str, lang: str) -> str:
    if not code or code == L.NOT_COMPARED:
        return DASH
    word = L.label(code, lang)
    if value is None or math.isnan(value):
        return word
    return f"{word} ({_value(value, None, kind=kind, lang=lang)})"


def domain_parts(analysis: Analysis, catalogue: Catalogue, *, code: str, lang: str = "lv") -> list[DomainPart]:
    """Every domain's content in the guidance's order: rows for all catalogue indicators, the missing ones."""
    years = _unit_years(analysis, catalogue, code)
    trends = {r.indicator: r for r in analysis.municipality(code).itertuples(index=False)}
    vals = analysis.values[(analysis.values["municipality_code"] == code) & analysis.values["year"].isin(years)]
    cells = {
        (str(i), int(y)): (v, d)
        for i, y, v, d in zip(vals["indicator"], vals["year"], vals["value"], vals["display_value"])
    }
    en = lang == "en"
    parts = []
    for domain in catalogue.domains:
        rows, missing = [], []
        for ind in catalogue.indicators_of(domain.no):
            shown = [_value(*cells[(ind.id, y)], kind=ind.kind, lang=lang) if (ind.id, y) in cells else DASH
                     for y in years]
            tr = trends.get(ind.id)
            if tr is None:
                tail = (DASH, text("no_data", lang), DASH, DASH)
            else:
                tail = (
                    "" if tr.suppressed else _signed(
                        tr.change, kind=ind.kind, lang=lang,
                        rate_unit=(ind.rate_unit_en if en else ind.rate_unit_lv) or "" if tr.measure == "rate"
                        and ind.kind not in ("rate", "proportion") else ""),
                    _assessment(tr, years=years, lang=lang),
                    _benchmark(tr.benchmark, tr.latvia_value, kind=ind.kind, lang=lang),
                    _benchmark(tr.benchmark_region, tr.region_value, kind=ind.kind, lang=lang),
                )
            rows.append(Row(ind.id, (_name(ind, en), ind.unit_en if en else ind.unit_lv, *shown, *tail)))
            if all(s == DASH for s in shown):
                missing.append(_missing_line(ind, tr, lang=lang))
        parts.append(
            DomainPart(
                heading=f"{domain.no}. {domain.name_en if en else domain.name_lv}",
                description=domain.description_en if en else domain.description_lv,
                rows=tuple(rows),
                missing=tuple(missing),
            )
        )
    return parts


def _name(ind: Indicator, en: bool) -> str:
    return ind.name_en if en else ind.name_lv


def _missing_line(ind: Indicator, tr, *, lang: str) -> str:
    name, source = _name(ind, lang == "en"), source_name(ind.source, lang)
    if tr is not None:
        return text("missing_last", lang, name=name, source=source, year=int(tr.last_year))
    return text("missing_item", lang, name=name, source=source)


def header(years: list[int], lang: str = "lv") -> list[str]:
    """The header row of every domain table."""
    return [
        text("col_indicator", lang),
        text("col_unit", lang),
        *(str(y) for y in years),
        text("col_change", lang),
        text("col_assessment", lang),
        text("col_latvia", lang),
        text("col_region", lang),
    ]


# ---------------------------------------------------------------- the Word document


def profile_docx(
    *,
    analysis: Analysis,
    catalogue: Catalogue,
    municipality_code: str,
    lang: str = "lv",
    synthetic: bool = False,
    uploads: pd.DataFrame | None = None,
    today: date | None = None,
) -> bytes:
    """The chapter draft as .docx bytes: title, method, 16 domains (table, missing, conclusions), sources.

    `uploads` (file_name, uploaded_at, uploader; see `municipality_uploads`) lists where the values came from;
    `synthetic=True` marks the whole document as invented sample data.
    """
    muni = catalogue.municipality(municipality_code)
    if muni is None:
        raise ValueError(f"unknown municipality code {municipality_code!r}")
    en = lang == "en"
    today = today or date.today()
    years = _unit_years(analysis, catalogue, municipality_code)
    span = text("period", lang, start=years[0], end=years[-1])
    name = muni.name_en if en else muni.name_lv
    day = _day(today, lang)

    # Load: what to say, decided before any docx object exists.
    parts = domain_parts(analysis, catalogue, code=municipality_code, lang=lang)

    # Process: write the document in the guidance's order.
    doc = _new_document(lang)
    body = _Body(doc)
    body.para(clean(text("title", lang, name=name, years=span)), style=TITLE)
    if synthetic:
        run = body.para("").add_run(text("synthetic", lang))
        run.bold = True
        run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    body.para(text("draft", lang, today=day))
    body.para(text("method_heading", lang), style=HEADING)
    settings = analysis.settings
    level = f"{round(settings.level * 100):g}" + ("%" if en else "\u00a0%")
    alpha = number(settings.alpha, 2, lang)
    for key in ("method_scope", "method_trend", "method_benchmark", "method_small", "method_missing"):
        body.para(text(key, lang, window=settings.window, years=span, alpha=alpha, level=level))

    head = header(years, lang)
    for part in parts:
        body.para(clean(part.heading), style=HEADING)
        if part.description:
            body.para(clean(part.description)).runs[0].italic = True
        body.table(head, [r.cells for r in part.rows])
        if part.missing:
            body.para(text("missing_heading", lang)).runs[0].bold = True
            for line in part.missing:
                body.para(clean(line), style=BULLET)
        else:
            body.para(text("none_missing", lang))
        body.para("").add_run(text("conclusions", lang)).bold = True

    body.para(text("sources_heading", lang), style=HEADING)
    body.para(text("sources_lead", lang))
    by_source: dict[str, list[str]] = {}
    for ind in catalogue.indicators:
        by_source.setdefault(ind.source, []).append(_name(ind, en))
    for source, names in by_source.items():
        para = body.para("", style=BULLET)
        para.add_run(source_name(source, lang) + ": ").bold = True
        para.add_run(clean("; ".join(names)))
    if uploads is not None and len(uploads):
        body.para(text("uploads_lead", lang))
        for up in uploads.itertuples(index=False):
            line = text("upload_item", lang, file=up.file_name, when=_day(up.uploaded_at, lang), who=up.uploader)
            body.para(clean(line), style=BULLET)
    body.para(clean(text("citation", lang, name=name, years=span, today=day)))

    # Save.
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _day(value: object, lang: str) -> str:
    """A date as 31.12.2024. in Latvian, 2024-12-31 in English (a dash when unknown)."""
    if value is None or value is pd.NaT:
        return DASH
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        return clean(value)
    if pd.isna(stamp):
        return DASH
    d = stamp.date()
    return f"{d.day:02d}.{d.month:02d}.{d.year}." if lang != "en" else d.isoformat()


def _new_document(lang: str):
    """A4 landscape (nine columns fit), 10 pt body text, the language set so spell-checking works."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10)
    rpr = normal.element.get_or_add_rPr()
    lang_el = rpr.find(qn("w:lang"))
    if lang_el is None:
        lang_el = rpr.makeelement(qn("w:lang"), {})
        rpr.append(lang_el)
    lang_el.set(qn("w:val"), "en-GB" if lang == "en" else "lv-LV")
    doc.core_properties.language = "en-GB" if lang == "en" else "lv-LV"
    cell = doc.styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = normal
    cell.font.size = Pt(8)
    cell.paragraph_format.space_after = Pt(0)
    cell.style_id = CELL
    return doc


# Style ids of python-docx's default template; set directly, because looking a style up by name scans them all.
TITLE, HEADING, BULLET, GRID, CELL = "Title", "Heading1", "ListBullet", "TableGrid", "TableText"
WIDTHS_CM = (6.5, 2.6, 1.5, 4.2, 2.8, 2.8)  # indicator, unit, change, assessment, vs Latvia, vs region
YEAR_CM = 1.6


class _Body:
    """Appends paragraphs and tables to the document body without python-docx's per-call style look-ups."""

    def __init__(self, doc) -> None:
        self.doc = doc
        self._template = None  # the first table's header and model row, copied for the other domains

    def para(self, content: str, *, style: str | None = None):
        paragraph = self.doc.add_paragraph(content)
        if style:
            paragraph._p.style = style
        return paragraph

    def table(self, head: list[str], rows: list[tuple[str, ...]]) -> None:
        """A domain table: the header row repeats on each page; data rows are copies of one model row."""
        if self._template is None:
            self._template = self._model(head)
        tbl = copy.deepcopy(self._template)
        self.doc.element.body.sectPr.addprevious(tbl)
        header, proto = tbl.findall(qn("w:tr"))
        _fill(header, head)
        tbl.remove(proto)
        for values in rows:
            tr = copy.deepcopy(proto)
            _fill(tr, values)
            tbl.append(tr)

    def _model(self, head: list[str]):
        """A two-row table built with python-docx (styles, widths, bold header), detached to serve as a model."""
        table = self.doc.add_table(rows=2, cols=len(head))
        table._tbl.tblPr.style = GRID
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        widths = _widths(len(head))
        for r in (0, 1):
            for c, cell in enumerate(table.rows[r].cells):
                cell.width = widths[c]
                paragraph = cell.paragraphs[0]
                paragraph._p.style = CELL
                paragraph.add_run("·").bold = r == 0 or None  # a w:t for the copies to fill
        trpr = table.rows[0]._tr.get_or_add_trPr()
        trpr.append(trpr.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"}))
        tbl = table._tbl
        tbl.getparent().remove(tbl)
        return tbl


def _fill(tr, values) -> None:
    """Writes a row's texts into its cells' w:t elements (escaped by lxml: text, never markup)."""
    for t_el, value in zip(tr.iter(qn("w:t")), values):
        t_el.text = clean(value)
        if value[:1].isspace() or value[-1:].isspace():
            t_el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _widths(n: int) -> list:
    """Column widths: fixed for the first two and last four columns, the year columns between them."""
    return [Cm(w) for w in (*WIDTHS_CM[:2], *([YEAR_CM] * (n - 6)), *WIDTHS_CM[2:])]
