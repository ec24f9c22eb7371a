"""The BAC programme survey rounds (2022, 2024), built so the 2024 round reproduces the published figures exactly.

BAC 2024: of 43 municipalities 8 have a programme, 11 have it in other planning documents, 24 have none.
Of those 19: 9 with conclusions, 9 with an action plan, monitoring complete in 9 and institutions-only in 4,
4 without children's views; out-of-family care (domain 7) covered by 7, offences (8) by 8, health (5) by 9;
3 of the 8 programmes are not up to date; terms run 2 to 6 years and one is open-ended (since 2015).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

DEVELOPED = "Izstrādāta"
IN_OTHER = "Iekļauta citos plānošanas dokumentos"
NONE = "Nav izstrādāta"
OPEN_ENDED = "beztermiņa"
MONITORING = ("Pilna", "Tikai iestādes", "Nav")

# (start, end) per programme; None = open-ended. Order matters: first the 8 programmes, then the 11 documents.
DEVELOPED_TERMS = [(2015, None), (2017, 2020), (2019, 2023), (2023, 2025), (2023, 2027), (2024, 2026),
                   (2021, 2026), (2021, 2027)]
OTHER_TERMS = [(2021, 2027), (2021, 2027), (2021, 2027), (2022, 2027), (2022, 2024), (2020, 2024),
               (2022, 2025), (2019, 2024), (2022, 2026), (2023, 2026), (2024, 2027)]

# Exact number of the 19 documents covering each domain (5, 7 and 8 are the published figures).
DOMAIN_COVERAGE = {1: 17, 2: 16, 3: 12, 4: 6, 5: 9, 6: 15, 7: 7, 8: 8, 9: 7, 10: 14, 11: 10, 12: 8,
                   13: 5, 14: 4, 15: 5, 16: 3}

COLUMNS_LV = [
    "Pašvaldība",
    "Programmas statuss",
    "Programma aktualizēta",
    "Darbības sākuma gads",
    "Darbības beigu gads",
    "Secinājumi",
    "Rīcības plāns",
    "Uzraudzības kārtība",
    "Bērnu viedoklis iekļauts",
    "Aptvertās jomas",
    "Komentārs",
]

COMMENTS_LV = {
    DEVELOPED: ["Programma apstiprināta domes sēdē.", "Programmu izstrādāja sadarbības grupa.",
                "Plānota aktualizācija 2025. gadā.", ""],
    IN_OTHER: ["Elementi iekļauti attīstības programmā.", "Iekļauta sociālo pakalpojumu attīstības plānā.",
               "Iekļauta jaunatnes politikas plānā.", ""],
}


@dataclass(frozen=True)
class Programme:
    """One municipality's programme (or planning document) as the 2024 survey records it."""

    municipality: str
    status: str
    start: int
    end: int | None
    conclusions: bool
    action_plan: bool
    monitoring: str
    children_views: bool
    domains: tuple[int, ...]
    comment: str

    def up_to_date(self, year: int) -> bool | None:
        """Only programmes proper are judged up to date: open-ended or expired ones are not."""
        if self.status != DEVELOPED:
            return None
        return self.end is not None and self.end >= year

    def in_force(self, year: int) -> bool:
        """In force during a year: started and not yet ended (open-ended ones never end)."""
        return self.start <= year and (self.end is None or year <= self.end)


def _exact(rng: np.random.Generator, *, n: int, k: int) -> set[int]:
    """Which k of n rows get a property, so that published counts are met exactly."""
    return set(int(i) for i in rng.choice(n, size=k, replace=False))


def programmes(municipalities: list[str], *, seed: int) -> list[Programme]:
    """The 19 municipalities with a programme or planning document in 2024, with their attributes."""
    rng = np.random.default_rng([seed, 2024])
    chosen = [municipalities[int(i)] for i in rng.permutation(len(municipalities))[:19]]
    terms = [(DEVELOPED, t) for t in DEVELOPED_TERMS] + [(IN_OTHER, t) for t in OTHER_TERMS]
    n = len(terms)
    conclusions = _exact(rng, n=n, k=9)
    action_plan = _exact(rng, n=n, k=9)
    order = rng.permutation(n)
    monitoring = {int(i): MONITORING[0] if r < 9 else MONITORING[1] if r < 13 else MONITORING[2]
                  for r, i in enumerate(order)}
    no_views = _exact(rng, n=n, k=4)
    covered = {d: _exact(rng, n=n, k=k) for d, k in DOMAIN_COVERAGE.items()}
    out = []
    for i, (name, (status, (start, end))) in enumerate(zip(chosen, terms)):
        comments = COMMENTS_LV[status]
        out.append(Programme(
            municipality=name,
            status=status,
            start=start,
            end=end,
            conclusions=i in conclusions,
            action_plan=i in action_plan,
            monitoring=monitoring[i],
            children_views=i not in no_views,
            domains=tuple(d for d in sorted(covered) if i in covered[d]),
            comment=comments[int(rng.integers(len(comments)))],
        ))
    return out


def _yes(flag: bool) -> str:
    return "Jā" if flag else "Nē"


def survey_rows(municipalities: list[str], progs: list[Programme], *, year: int) -> list[dict]:
    """One row per municipality for a survey round; a programme counts if it had started by that year."""
    by_name = {p.municipality: p for p in progs if p.start <= year}
    rows = []
    for name in municipalities:
        p = by_name.get(name)
        if p is None:
            rows.append({"Pašvaldība": name, "Programmas statuss": NONE})
            continue
        up = p.up_to_date(year)
        rows.append({
            "Pašvaldība": name,
            "Programmas statuss": p.status,
            "Programma aktualizēta": None if up is None else _yes(up),
            "Darbības sākuma gads": p.start,
            "Darbības beigu gads": OPEN_ENDED if p.end is None else p.end,
            "Secinājumi": _yes(p.conclusions),
            "Rīcības plāns": _yes(p.action_plan),
            "Uzraudzības kārtība": p.monitoring,
            "Bērnu viedoklis iekļauts": _yes(p.children_views),
            "Aptvertās jomas": "; ".join(str(d) for d in p.domains),
            "Komentārs": p.comment or None,
        })
    return rows


# English variant: shuffled columns, English values, yes/no written in several ways.
COLUMNS_EN = [
    "Municipality",
    "Domains covered",
    "Programme status",
    "Start year",
    "End year",
    "Children's views included",
    "Monitoring",
    "Conclusions",
    "Programme up to date",
    "Action plan",
    "Comment",
]
LV_TO_EN_COLUMN = {
    "Pašvaldība": "Municipality",
    "Programmas statuss": "Programme status",
    "Programma aktualizēta": "Programme up to date",
    "Darbības sākuma gads": "Start year",
    "Darbības beigu gads": "End year",
    "Secinājumi": "Conclusions",
    "Rīcības plāns": "Action plan",
    "Uzraudzības kārtība": "Monitoring",
    "Bērnu viedoklis iekļauts": "Children's views included",
    "Aptvertās jomas": "Domains covered",
    "Komentārs": "Comment",
}
STATUS_EN = {DEVELOPED: "developed", IN_OTHER: "in other planning documents", NONE: "not developed"}
MONITORING_EN = {"Pilna": "complete", "Tikai iestādes": "institutions only", "Nav": "none"}
YES_SPELLINGS = ("yes", "Yes", "x", 1, "Y")
NO_SPELLINGS = ("no", "No", 0, "N")
COMMENTS_EN = {
    "Programma apstiprināta domes sēdē.": "Approved by the council.",
    "Programmu izstrādāja sadarbības grupa.": "Drafted by the cooperation group.",
    "Plānota aktualizācija 2025. gadā.": "Update planned for 2025.",
    "Elementi iekļauti attīstības programmā.": "Elements included in the development programme.",
    "Iekļauta sociālo pakalpojumu attīstības plānā.": "Included in the social services development plan.",
    "Iekļauta jaunatnes politikas plānā.": "Included in the youth policy plan.",
}


def english_rows(rows: list[dict], *, names_en: dict[str, str], seed: int) -> list[dict]:
    """The same survey in English, with yes/no spelled inconsistently as people do."""
    rng = np.random.default_rng([seed, 4242])
    out = []
    for row in rows:
        en = {}
        for lv_col, value in row.items():
            en[LV_TO_EN_COLUMN[lv_col]] = _to_english(lv_col, value, names_en=names_en, rng=rng)
        out.append(en)
    return out


def _to_english(column: str, value, *, names_en: dict[str, str], rng: np.random.Generator):
    """One cell translated; yes/no cells get a randomly chosen spelling."""
    if value is None:
        return None
    if column == "Pašvaldība":
        return names_en[value]
    if column == "Programmas statuss":
        return STATUS_EN[value]
    if column == "Uzraudzības kārtība":
        return MONITORING_EN[value]
    if column == "Darbības beigu gads" and value == OPEN_ENDED:
        return "open-ended"
    if column == "Komentārs":
        return COMMENTS_EN.get(value, value)
    if value == "Jā":
        return YES_SPELLINGS[int(rng.integers(len(YES_SPELLINGS)))]
    if value == "Nē":
        return NO_SPELLINGS[int(rng.integers(len(NO_SPELLINGS)))]
    return value
