"""The names of the model's own codes (status, document kind, answers …) in Latvian and English, decided once.

The workbook and the programme document write these; the dashboard has the same words in translations.yaml
(a test keeps them equal). Catalogue lists (measure types, methods …) carry their names in data/.
"""

from __future__ import annotations

from analysis.programme.catalogues import ProgrammeCatalogues

STATUS = {"draft": ("Melnraksts", "Draft"), "adopted": ("Pieņemta", "Adopted")}
DOCUMENT_KIND = {
    "programme": ("Atsevišķa programma", "Standalone programme"),
    "other_document": ("Citā plānošanas dokumentā", "In another planning document"),
}
MONITORING_STATUS = {
    "planned": ("Plānots", "Planned"),
    "in_progress": ("Notiek", "In progress"),
    "done": ("Izpildīts", "Done"),
    "not_done": ("Nav izpildīts", "Not done"),
}
ANSWER = {
    "yes": ("Jā", "Yes"),
    "partly": ("Daļēji", "Partly"),
    "no": ("Nē", "No"),
    "not_applicable": ("Nav attiecināms", "Not applicable"),
}
YES_NO = {True: ("Jā", "Yes"), False: ("Nē", "No")}

# The model's fixed code lists by the name the workbook and the document use for them.
FIXED = {"status": STATUS, "document_kind": DOCUMENT_KIND, "monitoring_status": MONITORING_STATUS, "answer": ANSWER}
# The catalogue lists (analysis.programme.catalogues) by the same kind of name.
LISTED = {
    "measure_type": "measure_types",
    "monitoring_type": "monitoring_types",
    "method": "methods",
    "age_band": "age_bands",
    "group": "groups",
    "good_practice": "good_practice",
}


def choices(kind: str, *, lists: ProgrammeCatalogues) -> list[tuple[str, str, str]]:
    """(key, Latvian name, English name) of every value a field of this kind may hold, in the lists' order."""
    if kind in FIXED:
        return [(k, lv, en) for k, (lv, en) in FIXED[kind].items()]
    return [(c.key, c.name_lv, c.name_en) for c in getattr(lists, LISTED[kind])]


def label(kind: str, key: str | None, *, lang: str, lists: ProgrammeCatalogues) -> str:
    """A code's name in the language ('' for none; an unknown code shows itself, never breaks a document)."""
    if key is None or key == "":
        return ""
    for k, lv, en in choices(kind, lists=lists):
        if k == key:
            return en if lang == "en" else lv
    return str(key)


def yes_no(value: bool, *, lang: str) -> str:
    lv, en = YES_NO[bool(value)]
    return en if lang == "en" else lv
