"""Recognising the survey's columns: template headings in Latvian or English, and one column per domain."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from analysis.ingest.raw import RawSheet
from analysis.text import fold

# --- the template ---------------------------------------------------------------------------------------

# (field, Latvian heading, English heading) in the order of the downloadable template.
TEMPLATE_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("municipality", "Pašvaldība", "Municipality"),
    ("programme_status", "Programmas statuss", "Programme status"),
    ("up_to_date", "Programma aktualizēta", "Programme up to date"),
    ("start_year", "Darbības sākuma gads", "Start year"),
    ("end_year", "Darbības beigu gads", "End year"),
    ("conclusions", "Secinājumi", "Conclusions"),
    ("action_plan", "Rīcības plāns", "Action plan"),
    ("monitoring", "Uzraudzības kārtība", "Monitoring"),
    ("children_views", "Bērnu viedoklis iekļauts", "Children's views included"),
    ("domains", "Aptvertās jomas", "Domains covered"),
    ("comment", "Komentārs", "Comment"),
)
SURVEY_YEAR_HEADINGS = ("Aptaujas gads", "Survey year")

# Further spellings people type for the same headings (compared after analysis.text.fold).
_EXTRA_HEADINGS: dict[str, tuple[str, ...]] = {
    "municipality": ("pašvaldības nosaukums", "municipality name", "novads", "pašvaldība/novads"),
    "programme_status": (
        "programmas statuss",
        "programme status",
        "program status",
        "bērnu tiesību aizsardzības programmas statuss",
        "programmas esamība",
    ),
    "up_to_date": ("aktualizēta", "programma ir aktualizēta", "up to date", "programme updated", "up-to-date"),
    "start_year": ("sākuma gads", "darbības sākums", "start", "programme start year", "from year"),
    "end_year": ("beigu gads", "darbības beigas", "end", "programme end year", "to year"),
    "conclusions": ("secinājumi iekļauti", "conclusions included"),
    "action_plan": ("rīcības plāns iekļauts", "action plan included"),
    "monitoring": ("uzraudzība", "monitoring procedure", "uzraudzības kārtība programmas izpildei"),
    "children_views": ("bērnu viedoklis", "children views included", "children's views", "childrens views"),
    "domains": ("jomas", "domains", "aptvertās jomas (nr.)", "covered domains"),
    "comment": ("komentāri", "comments"),
}
REQUIRED_FIELDS = ("municipality", "programme_status")
# fields whose presence marks a sheet as a survey (municipality and comment appear in many sheets)
_SURVEY_SPECIFIC = (
    "programme_status",
    "up_to_date",
    "start_year",
    "end_year",
    "conclusions",
    "action_plan",
    "monitoring",
    "children_views",
    "domains",
)

_HEADER_SCAN_ROWS = 30


# --- headings -------------------------------------------------------------------------------------------

_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_DOMAIN_HEADING = re.compile(r"^(?:joma|domain|jomas|d)?\s*(?:nr\.?|no\.?)?\s*(\d{1,3})\s*[.)]?\s*(.*)$")


def _key(text: object) -> str:
    """A heading as compared: folded, notes in brackets and trailing marks (':', '*', '?') removed."""
    s = fold(_PARENS.sub(" ", fold(text)))
    return s.strip(" :*?.").strip()


def _heading_aliases() -> dict[str, str]:
    out: dict[str, str] = {}
    for name, lv, en in TEMPLATE_COLUMNS:
        for alias in (lv, en, name, *_EXTRA_HEADINGS.get(name, ())):
            out[_key(alias)] = name
    for alias in SURVEY_YEAR_HEADINGS:
        out[_key(alias)] = "survey_year"
    out["survey_year"] = "survey_year"
    return out


_ALIASES = _heading_aliases()


@dataclass(frozen=True)
class _Heading:
    field: str | None = None
    domain: int | None = None
    bad_domain: str | None = None


def domain_index(catalogue) -> dict[str, int]:
    names: dict[str, int] = {}
    for d in catalogue.domains:
        for text in (d.name_lv, d.name_en, d.key, d.key.replace("_", " ")):
            names[_key(text)] = d.no
    return names


def _match_one(key: str, domain_names: dict[str, int]) -> _Heading | None:
    if not key:
        return None
    if key in _ALIASES:
        return _Heading(field=_ALIASES[key])
    if key in domain_names:
        return _Heading(domain=domain_names[key])
    m = _DOMAIN_HEADING.match(key)
    if m:
        no, rest = int(m.group(1)), m.group(2).strip(" -–:.")
        if rest and domain_names.get(_key(rest)) != no:
            return None
        if 1 <= no <= 16:
            return _Heading(domain=no)
        return _Heading(bad_domain=str(no))
    return None


def match_heading(cell: object, domain_names: dict[str, int]) -> _Heading | None:
    """What a header cell names: a template field, a domain's yes/no column, or nothing we know."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    whole = _match_one(_key(cell), domain_names)
    if whole is not None:
        return whole
    # bilingual headings: "Pašvaldība / Municipality", or one language per line
    for part in re.split(r"[/|\n]", str(cell)):
        hit = _match_one(_key(part), domain_names)
        if hit is not None:
            return hit
    return None


@dataclass
class Layout:
    header_row: int
    fields: dict[str, int] = field(default_factory=dict)
    domain_cols: dict[int, int] = field(default_factory=dict)
    unknown: list[tuple[int, str]] = field(default_factory=list)
    duplicates: list[tuple[int, str, int]] = field(default_factory=list)
    bad_domains: list[tuple[int, str]] = field(default_factory=list)

    @property
    def score(self) -> int:
        return len(self.fields) + (1 if self.domain_cols else 0)

    @property
    def specific(self) -> int:
        return sum(1 for f in _SURVEY_SPECIFIC if f in self.fields) + (1 if self.domain_cols else 0)


def _layout_of_row(row: list[Any], index: int, domain_names: dict[str, int]) -> Layout:
    layout = Layout(header_row=index)
    for col, cell in enumerate(row):
        hit = match_heading(cell, domain_names)
        if hit is None:
            if cell is not None and str(cell).strip():
                layout.unknown.append((col, str(cell).strip()))
            continue
        if hit.bad_domain is not None:
            layout.bad_domains.append((col, str(cell).strip()))
        elif hit.field is not None:
            if hit.field in layout.fields:
                layout.duplicates.append((col, str(cell).strip(), layout.fields[hit.field]))
            else:
                layout.fields[hit.field] = col
        elif hit.domain is not None:
            if hit.domain in layout.domain_cols:
                layout.duplicates.append((col, str(cell).strip(), layout.domain_cols[hit.domain]))
            else:
                layout.domain_cols[hit.domain] = col
    return layout


def find_layout(sheet: RawSheet, domain_names: dict[str, int]) -> Layout | None:
    """The header row: the first of the top rows naming the most survey columns."""
    best: Layout | None = None
    for i, row in enumerate(sheet.rows[:_HEADER_SCAN_ROWS]):
        layout = _layout_of_row(row, i, domain_names)
        if best is None or layout.score > best.score:
            best = layout
    return best


def is_survey_layout(layout: Layout | None) -> bool:
    if layout is None:
        return False
    if layout.specific >= 2:
        return True
    return "programme_status" in layout.fields and "municipality" in layout.fields


def looks_like_survey(sheet: RawSheet, *, catalogue=None) -> bool:
    """Whether ingestion should hand this sheet to the survey reader instead of the indicator readers."""
    domain_names = domain_index(catalogue) if catalogue is not None else {}
    return is_survey_layout(find_layout(sheet, domain_names))
