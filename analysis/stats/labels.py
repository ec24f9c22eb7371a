"""The words for every code the statistics produce, Latvian and English, so no page invents its own."""

from __future__ import annotations

# Trend direction: the sign of the fitted (least-squares) slope of the shown value over the window; mixed when
# the fitted line and the change from the first to the last year disagree (one rises, the other is flat or falls) (a window of four or more
# years can do that; over three years the slope is half the change).
INCREASING, DECREASING, UNCHANGED, MIXED = "increasing", "decreasing", "unchanged", "mixed"
DIRECTIONS = (INCREASING, DECREASING, UNCHANGED, MIXED)

# Trend assessment, read through the indicator's polarity.
IMPROVING = "improving"
WORSENING = "worsening"
NO_SIGNIFICANT_CHANGE = "no_significant_change"
NOT_TESTED = "not_tested"
NO_JUDGEMENT = "no_judgement"
ASSESSMENTS = (IMPROVING, WORSENING, NO_SIGNIFICANT_CHANGE, NOT_TESTED, NO_JUDGEMENT)

# Why a trend was not tested (the `reason` column); empty when it was.
SINGLE_YEAR = "single_year"
SMALL_NUMBERS = "small_numbers"
NO_COUNTS = "no_counts"
NO_DENOMINATOR = "no_denominator"
COUNT_EXCEEDS_DENOMINATOR = "count_exceeds_denominator"
# A cell of the series is hidden to protect another figure (secondary suppression): its own counts are not
# small, but the trend cannot be published without giving that cell away.
NOT_PUBLISHED = "not_published"
# The window crosses a territorial change (analysis.territory) and a year cannot be put on today's
# territory: a predecessor's figure is missing, only its rate is known (no count), or a unit was split, or
# the figure cannot be added up at all (a yes/no answer, an amount per child).
TERRITORY_PREDECESSOR_MISSING = "territory_predecessor_missing"
TERRITORY_RATES_ONLY = "territory_rates_only"
TERRITORY_SPLIT = "territory_split"
TERRITORY_NOT_ADDITIVE = "territory_not_additive"
TERRITORY_REASONS = (TERRITORY_PREDECESSOR_MISSING, TERRITORY_RATES_ONLY, TERRITORY_SPLIT, TERRITORY_NOT_ADDITIVE)
REASONS = (
    SINGLE_YEAR, SMALL_NUMBERS, NOT_PUBLISHED, NO_COUNTS, NO_DENOMINATOR, COUNT_EXCEEDS_DENOMINATOR,
    *TERRITORY_REASONS,
)

# The `territory` column of a trend: computed on today's territory with predecessors' figures summed
# (the units are in `territory_units`), or crossing a change it could not be adjusted for (see `reason`).
TERRITORY_ADJUSTED = "territory_adjusted"
TERRITORY_NOT_ADJUSTED = "territory_not_adjusted"
TERRITORY_STATES = (TERRITORY_ADJUSTED, TERRITORY_NOT_ADJUSTED)

# How the assessment was reached (the `basis` column): the chi-squared test for trend on counts and
# denominators, or (yes/no indicators) the recorded answers themselves, which need no test.
BASIS_TEST = "trend_test"
BASIS_YES_NO = "yes_no_change"
BASES = (BASIS_TEST, BASIS_YES_NO)

# Comparison with a reference (Latvia, the region) by confidence-interval overlap.
BETTER, SIMILAR, WORSE = "better", "similar", "worse"
HIGHER, LOWER = "higher", "lower"
NOT_COMPARED = "not_compared"
BENCHMARKS = (BETTER, SIMILAR, WORSE, HIGHER, LOWER, NOT_COMPARED)

# Why a value is hidden (the `suppression` column).
SMALL_COUNT = "small_count"
SECONDARY = "secondary"

LABELS: dict[str, tuple[str, str]] = {
    INCREASING: ("pieaug", "increasing"),
    DECREASING: ("samazinās", "decreasing"),
    UNCHANGED: ("nemainās", "unchanged"),
    MIXED: ("nevienozīmīgs", "mixed"),
    IMPROVING: ("uzlabojas", "improving"),
    WORSENING: ("pasliktinās", "worsening"),
    NO_SIGNIFICANT_CHANGE: ("būtiskas izmaiņas nav", "no significant change"),
    NOT_TESTED: ("nav pārbaudīts", "not tested"),
    NO_JUDGEMENT: ("būtiski mainās (bez vērtējuma)", "significant change (no judgement)"),
    SINGLE_YEAR: ("dati tikai par vienu gadu", "data for one year only"),
    SMALL_NUMBERS: ("mazi skaitļi (slēpti)", "small numbers (hidden)"),
    NO_COUNTS: ("nav skaitītāja un saucēja", "no counts and denominators"),
    NO_DENOMINATOR: ("skaitam nav saucēja", "a count without a denominator"),
    COUNT_EXCEEDS_DENOMINATOR: ("skaits pārsniedz saucēju", "count exceeds its denominator"),
    NOT_PUBLISHED: (
        "nav publicējams: slēpts, lai aizsargātu citu skaitli",
        "not published: hidden to protect another figure",
    ),
    TERRITORY_PREDECESSOR_MISSING: (
        "teritorija mainījusies, un trūkst kādas priekšteces pašvaldības datu",
        "the territory changed and a predecessor's figures are missing",
    ),
    TERRITORY_RATES_ONLY: (
        "teritorija mainījusies, un kādam gadam ir tikai rādītājs bez skaita",
        "the territory changed and a year has only a rate, not its count",
    ),
    TERRITORY_SPLIT: (
        "teritorija mainījusies: pašvaldība sadalīta, tās daļu datu nav",
        "the territory changed: a unit was split and its parts' figures are not known",
    ),
    TERRITORY_NOT_ADDITIVE: (
        "teritorija mainījusies, un šo rādītāju nevar saskaitīt",
        "the territory changed and this figure cannot be added up",
    ),
    TERRITORY_ADJUSTED: ("aprēķināts pašreizējai teritorijai", "computed on today's territory"),
    TERRITORY_NOT_ADJUSTED: (
        "teritorija mainījusies: nav pārbaudīts pāri izmaiņai",
        "territory changed: not tested across the change",
    ),
    BASIS_TEST: ("tendences tests", "trend test"),
    BASIS_YES_NO: ("atbilde jā/nē mainījusies vai nē", "the yes/no answer changed or not"),
    BETTER: ("labāk", "better"),
    SIMILAR: ("līdzīgi", "similar"),
    WORSE: ("sliktāk", "worse"),
    HIGHER: ("augstāk", "higher"),
    LOWER: ("zemāk", "lower"),
    NOT_COMPARED: ("nav salīdzināts", "not compared"),
    SMALL_COUNT: ("mazs skaits: parādīts kā „<N”", "small count: shown as “<N”"),
    SECONDARY: (
        "slēpts, lai nevarētu aprēķināt citu slēptu skaitli",
        "hidden so that another hidden figure cannot be worked out",
    ),
}

# Shown instead of a value hidden by secondary suppression.
SECONDARY_MARK = "x"


def label(code: str | None, lang: str = "lv") -> str:
    """The words for a code in Latvian ('lv') or English ('en'); an empty string for no code."""
    if not code:
        return ""
    lv, en = LABELS[code]
    return en if lang == "en" else lv


def small_mark(threshold: float | int) -> str:
    """The text that replaces a count below the threshold, e.g. '<5'."""
    return f"<{int(threshold)}"
