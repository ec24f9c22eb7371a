"""The one mapping from the codes analysis/ decides (direction, assessment, benchmark) to arrows, words and colours.

Pages never decide whether a change is good or real: they look the code up here, and the words come from
analysis.stats.labels so the dashboard and the downloads say the same thing.
"""

from __future__ import annotations

from analysis.stats import labels as L
from dashboard.charts import OKABE_ITO
from dashboard.i18n import lang

ARROWS = {L.INCREASING: "↑", L.DECREASING: "↓", L.UNCHANGED: "→", L.MIXED: "↕"}

ASSESSMENT_COLOURS = {
    L.IMPROVING: OKABE_ITO["green"],
    L.WORSENING: OKABE_ITO["vermillion"],
    L.NO_SIGNIFICANT_CHANGE: OKABE_ITO["grey"],
    L.NO_JUDGEMENT: OKABE_ITO["sky_blue"],
    L.NOT_TESTED: "#E5E5E5",
}
# ordered worst first: the order of legends and of the overview's heatmap scale
ASSESSMENT_ORDER = (L.WORSENING, L.NO_SIGNIFICANT_CHANGE, L.IMPROVING, L.NO_JUDGEMENT, L.NOT_TESTED)

BENCHMARK_COLOURS = {
    L.BETTER: OKABE_ITO["blue"],
    L.SIMILAR: OKABE_ITO["yellow"],
    L.WORSE: OKABE_ITO["vermillion"],
    L.HIGHER: OKABE_ITO["sky_blue"],
    L.LOWER: OKABE_ITO["purple"],
    L.NOT_COMPARED: "#E5E5E5",
}
BENCHMARK_ORDER = (L.WORSE, L.SIMILAR, L.BETTER, L.HIGHER, L.LOWER, L.NOT_COMPARED)


def word(code: object) -> str:
    """The analysis label for a code in the viewer's language ('' for none)."""
    if not isinstance(code, str) or not code:
        return ""
    return L.label(code, lang()) if code in L.LABELS else code


def arrow(direction: object) -> str:
    return ARROWS.get(direction, "") if isinstance(direction, str) else ""


def trend_text(direction: object, assessment: object) -> str:
    """'↑ pasliktinās': the arrow shows which way the figure moves, the word whether that is good and real."""
    parts = [arrow(direction) if assessment not in (L.NOT_TESTED, None) else "", word(assessment)]
    return " ".join(p for p in parts if p)


def assessment_colour(code: object) -> str:
    return ASSESSMENT_COLOURS.get(code, ASSESSMENT_COLOURS[L.NOT_TESTED])


def benchmark_colour(code: object) -> str:
    return BENCHMARK_COLOURS.get(code, BENCHMARK_COLOURS[L.NOT_COMPARED])
