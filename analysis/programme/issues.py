"""Every problem a programme record can have: structural errors that stop a save, and the guidance's checks."""

from __future__ import annotations

from analysis.report import IssueType

# The sections of a programme, named as the XLSX template's sheets, so a check points where the user writes.
SECTIONS: dict[str, tuple[str, str]] = {
    "programme": ("Programma", "Programme"),
    "conclusions": ("Secinājumi", "Conclusions"),
    "measures": ("Rīcības plāns", "Action plan"),
    "monitoring": ("Uzraudzība", "Monitoring"),
    "participation": ("Līdzdalība", "Participation"),
    "self_assessment": ("Pašnovērtējums", "Self-assessment"),
}

# --- structure: a record with any of these is not saved ----------------------------------------------------

UNKNOWN_MUNICIPALITY = IssueType(
    "programme-unknown-municipality", "error",
    "Nezināms pašvaldības kods “{value}”",
    "Unknown municipality code “{value}”",
)
BAD_CHOICE = IssueType(
    "programme-bad-choice", "error",
    "“{value}” nav derīga vērtība laukam “{field}” (derīgi: {allowed})",
    "“{value}” is not a valid value of “{field}” (valid: {allowed})",
)
UNKNOWN_DOMAIN = IssueType(
    "programme-unknown-domain", "error",
    "“{value}” nav jomas numurs 1–16",
    "“{value}” is not a domain number 1–16",
)
UNKNOWN_INDICATOR = IssueType(
    "programme-unknown-indicator", "error",
    "Rādītājs “{value}” nav katalogā",
    "Indicator “{value}” is not in the catalogue",
)
BAD_YEAR = IssueType(
    "programme-bad-year", "error",
    "“{value}” nav gads {low}–{high}",
    "“{value}” is not a year {low}–{high}",
)
END_BEFORE_START = IssueType(
    "programme-end-before-start", "error",
    "Beigu gads {end} ir pirms sākuma gada {start}",
    "End year {end} is before start year {start}",
)
OPEN_ENDED_WITH_END = IssueType(
    "programme-open-ended-with-end", "error",
    "Programma atzīmēta kā beztermiņa, bet tai ir beigu gads {end}",
    "The programme is marked open-ended but has an end year {end}",
)
ADOPTED_WITHOUT_DATE = IssueType(
    "programme-adopted-without-date", "error",
    "Pieņemtai programmai jānorāda domes lēmuma datums",
    "An adopted programme needs the council's decision date",
)
DUPLICATE_KEY = IssueType(
    "programme-duplicate-key", "error",
    "Ieraksts “{value}” atkārtojas",
    "Entry “{value}” appears twice",
)
BAD_COUNT = IssueType(
    "programme-bad-count", "error",
    "Bērnu skaits “{value}” nav vesels skaitlis ≥ 0",
    "Number of children “{value}” is not a whole number ≥ 0",
)
EMPTY_REQUIRED = IssueType(
    "programme-empty-required", "error",
    "Laukam “{field}” jābūt aizpildītam",
    "Field “{field}” must be filled in",
)

# --- the guidance's checks: shown as the group works, never blocking a save -------------------------------

TERM_OVER_3 = IssueType(
    "programme-term-over-3-years", "warning",
    "Programmas termiņš ir {years} gadi ({start}–{end}); īstermiņa plānošanas dokuments ir līdz 3 gadiem "
    "(Attīstības plānošanas sistēmas likuma 8. pants)",
    "The programme's term is {years} years ({start}–{end}); a short-term planning document runs up to 3 years "
    "(Development Planning System Law, art. 8)",
)
OPEN_ENDED = IssueType(
    "programme-open-ended", "warning",
    "Programma ir beztermiņa (kopš {start}); tai jābalstās uz aktuāliem datiem un aktuālu rīcības plānu",
    "The programme is open-ended (since {start}); it must rest on current data and a current action plan",
)
TERM_MISSING = IssueType(
    "programme-term-missing", "warning",
    "Nav norādīts programmas darbības sākuma un beigu gads",
    "The programme's start and end years are not given",
)
ANALYSIS_UNDER_3_YEARS = IssueType(
    "programme-analysis-under-3-years", "warning",
    "Situācijas analīze balstās uz {years} gadu datiem ({first}–{last}); tendencēm vajag vismaz pēdējos 3 gadus",
    "The situation analysis rests on {years} year(s) of data ({first}–{last}); trends need at least the last 3 years",
)
ANALYSIS_YEARS_UNKNOWN = IssueType(
    "programme-analysis-years-unknown", "warning",
    "Nav zināms, kuru gadu datos balstās situācijas analīze (piesaistiet rādītājus vai norādiet gadus)",
    "It is not known which years' data the situation analysis rests on (pin indicators or give the years)",
)
DOMAIN_WITHOUT_CONCLUSION = IssueType(
    "programme-domain-without-conclusion", "warning",
    "Jomai “{no}. {name_lv}” nav secinājumu",
    "Domain “{no}. {name_en}” has no conclusion",
)
NO_ACTION_PLAN = IssueType(
    "programme-no-action-plan", "warning",
    "Programmai nav rīcības plāna (neviena pasākuma)",
    "The programme has no action plan (no measure)",
)
NO_MONITORING = IssueType(
    "programme-no-monitoring", "warning",
    "Programmai nav uzraudzības kārtības",
    "The programme has no monitoring procedure",
)
MONITORING_INSTITUTIONS_ONLY = IssueType(
    "programme-monitoring-institutions-only", "warning",
    "Uzraudzības kārtībā norādītas tikai iestādes, bez konkrētām darbībām (pārbaudes, pašnovērtējumi, atskaites, "
    "monitorings)",
    "The monitoring procedure only names institutions, without concrete activities (checks, self-assessments, "
    "reports, monitoring)",
)
NO_CHILDREN_VIEWS = IssueType(
    "programme-no-children-views", "warning",
    "Programmā nav iekļauts bērnu viedoklis (Bērnu tiesību aizsardzības likuma 17. pants, ANO Konvencijas 12. pants)",
    "The programme does not include children's views (Protection of the Rights of the Child Law art. 17, "
    "UN Convention art. 12)",
)
NOT_FED_BACK = IssueType(
    "programme-participation-not-fed-back", "info",
    "Bērniem nav sniegta atgriezeniskā saite par viņu viedokļa izmantošanu",
    "The children were not told how their views were used",
)
NOT_ADOPTED = IssueType(
    "programme-not-adopted", "info",
    "Programma ir melnraksts: dome to vēl nav apstiprinājusi",
    "The programme is a draft: the council has not adopted it yet",
)

# One issue type per missing field of a measure or a monitoring entry, so each has its own stable code.
_FIELD_NAMES = {
    "goal": ("mērķis", "goal"),
    "deadline": ("termiņš", "deadline"),
    "responsible": ("atbildīgie", "responsible"),
    "resources": ("resursi", "resources"),
}
MEASURE_MISSING_FIELD = {
    name: IssueType(
        f"programme-measure-missing-{name}", "warning",
        f"Pasākumam “{{title}}” nav norādīts: {lv}",
        f"Measure “{{title}}” has no {en}",
    )
    for name, (lv, en) in _FIELD_NAMES.items()
}
MONITORING_MISSING_FIELD = {
    name: IssueType(
        f"programme-monitoring-missing-{name}", "warning",
        f"Uzraudzības pasākumam “{{title}}” nav norādīts: {lv}",
        f"Monitoring entry “{{title}}” has no {en}",
    )
    for name, (lv, en) in _FIELD_NAMES.items()
    if name in ("deadline", "responsible")
}
