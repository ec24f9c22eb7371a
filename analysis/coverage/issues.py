"""Every problem the survey reader reports, with a stable code and a Latvian / English message."""

from __future__ import annotations

from analysis.report import IssueType

# --- issues ---------------------------------------------------------------------------------------------

NO_SURVEY_SHEET = IssueType(
    "survey-not-found", "error",
    "Failā “{file}” nav atrasta aptaujas lapa (vajag kolonnas “Pašvaldība” un “Programmas statuss”)",
    "No survey sheet found in “{file}” (columns “Municipality” and “Programme status” are needed)",
)
MISSING_COLUMN = IssueType(
    "survey-missing-column", "error",
    "Trūkst obligātās kolonnas “{lv}”",
    "The required column “{en}” is missing",
)
UNKNOWN_COLUMN = IssueType(
    "survey-unknown-column", "info",
    "Kolonna “{heading}” nav atpazīta un netiek lasīta",
    "Column “{heading}” is not recognised and is not read",
)
DUPLICATE_COLUMN = IssueType(
    "survey-duplicate-column", "error",
    "Kolonna “{heading}” atkārtojas (jau ir kolonnā {first})",
    "Column “{heading}” appears twice (already in column {first})",
)
YEAR_MISSING = IssueType(
    "survey-year-missing", "error",
    "Nav zināms aptaujas gads: norādiet to (šūnā “Aptaujas gads” vai faila nosaukumā, piem. survey_2024.xlsx)",
    "The survey year is unknown: give it (in a “Survey year” cell or in the file name, e.g. survey_2024.xlsx)",
)
YEAR_CONFLICT = IssueType(
    "survey-year-conflict", "warning",
    "Failā norādīts aptaujas gads {found}, bet izmantots {used}",
    "The file states survey year {found}, but {used} is used",
)
BAD_SURVEY_YEAR = IssueType(
    "survey-bad-survey-year", "error",
    "Aptaujas gads “{value}” nav derīgs gads",
    "Survey year “{value}” is not a valid year",
)
MIXED_SURVEY_YEAR = IssueType(
    "survey-mixed-survey-year", "error",
    "Vienā lapā vairāki aptaujas gadi ({years}); katram gadam izmantojiet savu lapu vai failu",
    "Several survey years in one sheet ({years}); use one sheet or file per survey year",
)
NO_ANSWERS = IssueType(
    "survey-no-answers", "error",
    "Aptaujas lapā zem virsraksta rindas nav nevienas atbildes",
    "The survey sheet has no answers below its header row",
)
MISSING_MUNICIPALITY = IssueType(
    "survey-missing-municipality", "error",
    "Rindā ir atbildes, bet nav norādīta pašvaldība",
    "The row has answers but no municipality",
)
UNKNOWN_MUNICIPALITY = IssueType(
    "survey-unknown-municipality", "error",
    "Nezināma pašvaldība “{value}”; varbūt: {closest}",
    "Unknown municipality “{value}”; did you mean: {closest}",
)
AGGREGATE_ROW = IssueType(
    "survey-aggregate-row", "warning",
    "“{value}” nav pašvaldība (kopsavilkuma rinda), rinda izlaista",
    "“{value}” is not a municipality (a total row); the row is skipped",
)
NOTE_ROW = IssueType(
    "survey-note-row", "info",
    "Rinda “{value}” izskatās pēc piezīmes, nevis atbildes; izlaista",
    "Row “{value}” looks like a note, not an answer; skipped",
)
DUPLICATE_MUNICIPALITY = IssueType(
    "survey-duplicate-municipality", "error",
    "Pašvaldība “{name}” jau atbildēja {first}. rindā",
    "Municipality “{name}” already answered in row {first}",
)
NOT_VALID_FOR_YEAR = IssueType(
    "survey-municipality-not-valid", "warning",
    "Pašvaldība “{name}” {year}. gadā vairs nepastāvēja (līdz {valid_to})",
    "Municipality “{name}” no longer existed in {year} (until {valid_to})",
)
MUNICIPALITY_ABSENT = IssueType(
    "survey-municipality-absent", "warning",
    "Aptaujā {year}. gadam nav atbildes no {count} pašvaldībām: {names}",
    "The {year} survey has no answer from {count} municipalities: {names}",
)
MISSING_STATUS = IssueType(
    "survey-missing-status", "error",
    "Nav norādīts programmas statuss",
    "The programme status is missing",
)
BAD_STATUS = IssueType(
    "survey-bad-status", "error",
    "Programmas statuss “{value}” nav atpazīts (derīgi: Izstrādāta; Iekļauta citos plānošanas dokumentos; "
    "Nav izstrādāta)",
    "Programme status “{value}” is not recognised (valid: developed; in other planning documents; not developed)",
)
BAD_YES_NO = IssueType(
    "survey-bad-yes-no", "error",
    "“{value}” nav jā/nē vērtība (derīgi: Jā, Nē, x, 1, 0 vai tukšs)",
    "“{value}” is not a yes/no value (valid: yes, no, x, 1, 0 or blank)",
)
BAD_YEAR = IssueType(
    "survey-bad-year", "error",
    "“{value}” nav gads (gaidīts četrciparu gads {low}–{high}{extra_lv})",
    "“{value}” is not a year (expected a four-digit year {low}–{high}{extra_en})",
)
END_BEFORE_START = IssueType(
    "survey-end-before-start", "error",
    "Beigu gads {end} ir pirms sākuma gada {start}",
    "End year {end} is before start year {start}",
)
BAD_MONITORING = IssueType(
    "survey-bad-monitoring", "error",
    "Uzraudzības kārtība “{value}” nav atpazīta (derīgi: Pilna; Tikai iestādes; Nav)",
    "Monitoring “{value}” is not recognised (valid: complete; institutions only; none)",
)
BAD_DOMAIN = IssueType(
    "survey-bad-domain", "error",
    "“{value}” nav jomas numurs 1–16",
    "“{value}” is not a domain number 1–16",
)
