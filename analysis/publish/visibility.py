"""What each actor may see: the public and editors the release (editors their own municipalities in clear),
national analysts everything. Every page and download reads through here, so no view forgets the rule."""

from __future__ import annotations

import pandas as pd

from analysis.access import PUBLIC, Actor, Role
from analysis.catalogue import Catalogue
from analysis.publish.release import release
from analysis.stats import Analysis, analyse
from analysis.stats.labels import SECONDARY_MARK


def _in_clear(actor: Actor) -> tuple[bool, frozenset[str]]:
    """(everything unsuppressed, municipality codes shown in clear) for this actor."""
    if actor.role is Role.NATIONAL_ANALYST:
        return True, frozenset()
    if actor.role is Role.MUNICIPAL_EDITOR:
        return False, actor.municipalities
    return False, frozenset()


def sees_in_clear(actor: Actor, *, code: str) -> bool:
    """Whether this actor sees `code`'s own figures and the people's text around them (file names, notes)."""
    everything, own = _in_clear(actor)
    return everything or code in own


def analysis_for(observations: pd.DataFrame, *, catalogue: Catalogue, actor: Actor, **kwargs) -> Analysis:
    """`analyse` as this actor may see it: published figures, an editor's own municipalities in clear."""
    everything, own = _in_clear(actor)
    return analyse(
        observations, catalogue=catalogue, show_unsuppressed=everything, unsuppressed_municipalities=own, **kwargs
    )


def published_observations(observations: pd.DataFrame, *, catalogue: Catalogue, actor: Actor) -> pd.DataFrame:
    """The observations frame with every figure this actor may not see blank and its status '<5' or 'x'."""
    everything, own = _in_clear(actor)
    if everything:
        return observations
    cells = release(observations, catalogue=catalogue).cells
    status = cells["status"].astype(str)
    hidden = cells[(status == SECONDARY_MARK) | status.str.startswith("<")]
    hidden = hidden[~hidden["municipality_code"].isin(own)][["municipality_code", "indicator", "year", "status"]]
    key = ["municipality_code", "indicator", "year"]
    out = observations.copy()
    marks = out[key].astype({"municipality_code": str, "indicator": str}).merge(
        hidden.rename(columns={"status": "_mark"}), on=key, how="left"
    )["_mark"].to_numpy()
    blank = pd.notna(marks)
    for col in ("value", "count", "denominator"):
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("float64").mask(blank)
    out["status"] = out["status"].astype(object).where(~blank, marks)
    return out


def view_of(actor: Actor) -> str:
    """What this actor may see, as a short code for a cache key: 'all', 'own:CODE,CODE' or 'public'."""
    everything, own = _in_clear(actor)
    return "all" if everything else (f"own:{','.join(sorted(own))}" if own else "public")


def viewer_of(view: str) -> Actor:
    """An actor who may see exactly what `view_of` coded (who it is does not matter, only what is in clear)."""
    if view == "all":
        return Actor(name="view", role=Role.NATIONAL_ANALYST)
    if view.startswith("own:"):
        return Actor(name="view", role=Role.MUNICIPAL_EDITOR, municipalities=frozenset(view[4:].split(",")))
    return PUBLIC
