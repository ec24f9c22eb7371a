"""Reading one survey answer cell: yes/no, status, monitoring, years and domain lists, in Latvian or English."""

from __future__ import annotations

import re

from analysis.text import fold

STATUSES = ("developed", "in_other_documents", "not_developed")
MONITORING = ("complete", "institutions_only", "none")
YES = frozenset({"ja", "yes", "x", "1", "y", "true", "ir", "j", "patiess"})
NO = frozenset({"ne", "no", "0", "n", "false", "nav", "nepatiess"})
OPEN_ENDED = frozenset(
    {
        "beztermina",
        "bez termina",
        "beztermina dokuments",
        "nav termina",
        "nenoteikts",
        "open-ended",
        "open ended",
        "openended",
        "indefinite",
        "unlimited",
        "no end",
    }
)
MIN_YEAR, MAX_YEAR = 1990, 2100

# --- cells ----------------------------------------------------------------------------------------------


class Bad:
    """A cell that could not be read; the caller reports it."""


BAD = Bad()


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:
        return True
    return isinstance(value, str) and not value.strip()


def show_cell(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_yes_no(value: object) -> bool | Bad:
    """Jā/Nē, yes/no, x, 1/0, y/n, true/false in any case; blank is no."""
    if is_blank(value):
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return {1: True, 0: False}.get(value, BAD)  # type: ignore[arg-type]
    key = fold(value).strip(" .!")
    if key in YES:
        return True
    if key in NO:
        return False
    return BAD


def parse_status(value: object) -> str | None | Bad:
    """One of STATUSES from the Latvian or English wording (or close variants); None when blank."""
    if is_blank(value):
        return None
    key = fold(value).replace("_", " ").strip(" .")
    if key in STATUSES or key.replace(" ", "_") in STATUSES:
        return key.replace(" ", "_")
    if "citos" in key or "cita" in key.split() or "other" in key:
        return "in_other_documents"
    if re.match(r"^(nav|not|no|none|ne)\b", key) or "nav izstrad" in key:
        return "not_developed"
    if "izstrad" in key or "develop" in key or key in {"ir", "yes", "ja"}:
        return "developed"
    return BAD


def parse_monitoring(value: object) -> str | Bad:
    """complete / institutions_only / none from 'Pilna', 'Tikai iestādes', 'Nav' and their English; blank is none."""
    if is_blank(value):
        return "none"
    key = fold(value).replace("_", " ").strip(" .")
    if key.replace(" ", "_") in MONITORING:
        return key.replace(" ", "_")
    if "iestad" in key or "institution" in key:
        return "institutions_only"
    if key in {"pilna", "complete", "full", "pilniga", "ir pilna"}:
        return "complete"
    if key in {"nav", "none", "no", "ne", "nav noteikta", "not defined"}:
        return "none"
    return BAD


def parse_year(value: object, *, open_ended_allowed: bool = False) -> tuple[int | None, bool] | Bad:
    """(year, open_ended); a blank is (None, False); 'beztermiņa' is (None, True) where allowed."""
    if is_blank(value):
        return (None, False)
    if isinstance(value, bool):
        return BAD
    if isinstance(value, (int, float)):
        if float(value).is_integer() and MIN_YEAR <= int(value) <= MAX_YEAR:
            return (int(value), False)
        return BAD
    key = fold(value).strip()
    if open_ended_allowed and key.strip(" .") in OPEN_ENDED:
        return (None, True)
    m = re.match(r"^(\d{4})\s*\.?\s*(?:g\.?|gads)?$", key)
    if m and MIN_YEAR <= int(m.group(1)) <= MAX_YEAR:
        return (int(m.group(1)), False)
    return BAD


def parse_domain_list(value: object) -> tuple[list[int], list[str]]:
    """Domain numbers from '1;5;7' or '1, 5, 7' (or one number); the tokens that are not 1–16 come back apart."""
    if is_blank(value):
        return [], []
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        tokens = [show_cell(value)]
    else:
        tokens = [t for t in re.split(r"[;,\s]+", str(value).strip()) if t]
    good: list[int] = []
    bad: list[str] = []
    for t in tokens:
        t = t.strip().rstrip(".")
        if t.isdigit() and 1 <= int(t) <= 16:
            good.append(int(t))
        else:
            bad.append(t)
    return sorted(set(good)), bad
