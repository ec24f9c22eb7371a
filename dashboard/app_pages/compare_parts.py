"""The comparison page's parts: analysis.views.compare's codes put into words and charts, each cached for all sessions."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import views
from analysis.views.compare import COUNT, DIFFERS, NOT_COMPARABLE
from dashboard import charts, data, fmt, selection
from dashboard.app_pages.profile_parts import _wrap
from dashboard.i18n import field, name, short_place, t


@data.versioned(resource=True, max_entries=256)
def comparison(url: str, version: int, codes: tuple[str, ...], domain_no: int,
               window: int = 3) -> views.compare.Comparison:
    """One domain for the chosen municipalities in codes, computed once per data version for every session."""
    return views.compare.compare(data.analysis.at(url, version, window), data.catalogue(), codes=list(codes),
                                 domain_no=domain_no)


def default_codes(options: list[str]) -> list[str]:
    """The municipality chosen on another page (or the first) and its most similar one, so the page opens useful."""
    remembered = st.session_state.get(selection.CHOSEN_MUNICIPALITY) or st.query_params.get(selection.URL_MUNICIPALITY)
    first = remembered if remembered in options else options[0]
    peers = views.profile.group_members(data.analysis(), group="peers", code=first) or []
    other = next((c for c in [*peers[1:], *options] if c != first and c in options), None)
    return [first, other] if other else [first]


def _shown(row: dict) -> str:
    """'13,5 (12,8–14,3)': the figure with its interval, or '<5' / 'x' / '–' as analysis/ decided."""
    text = fmt.shown(row["value"], row["display"], decimals=row["decimals"], kind=row["kind"])
    if pd.notna(row["value"]) and pd.notna(row["lower"]) and pd.notna(row["upper"]):
        lo, up = (fmt.number(row[k], decimals=row["decimals"]) for k in ("lower", "upper"))
        text = f"{text} ({lo}–{up})"
    return f"{text} *" if row["small_n"] and pd.notna(row["value"]) else text  # a small count this viewer may see


def _latvia(view: views.compare.Comparison, indicator: str) -> tuple[int | None, float | None]:
    """(year, Latvia's value) of the one reference line analysis.views.compare chose for this indicator."""
    ref = view.latvia[view.latvia["indicator"] == indicator]
    return (None, None) if ref.empty else (int(ref["year"].iloc[0]), ref["value"].iloc[0])


def judgement(pair: dict) -> str:
    """A pair's judgement as one sentence in the viewer's language."""
    cat = data.catalogue()
    if pair["judgement"] == DIFFERS:
        higher = name(cat.municipality(pair["higher"]))
        if pair["better"]:
            return t("compare.judgement.differs_better", higher=higher, better=name(cat.municipality(pair["better"])))
        return t("compare.judgement.differs", higher=higher)
    if pair["judgement"] == NOT_COMPARABLE:
        return t(f"compare.why.{pair['why']}")
    return t(f"compare.judgement.{pair['judgement']}")


def pair_label(pair: dict) -> str:
    cat = data.catalogue()
    return f"{name(cat.municipality(pair['a']))} — {name(cat.municipality(pair['b']))}"


@data.versioned(resource=True, max_entries=1024)
def chart(url: str, version: int, codes: tuple[str, ...], domain_no: int, indicator: str, lang: str):
    """One indicator's dots and whiskers per municipality with Latvia's line, and the judgements to put under it."""
    cat = data.catalogue()
    view = comparison.at(url, version, codes, domain_no)
    ind = cat.indicator(indicator)
    rows = view.rows[view.rows["indicator"] == indicator].to_dict("records")
    unit = field(ind, "unit")
    points = pd.DataFrame({
        "label": [short_place(name(cat.municipality(r["municipality_code"]))) for r in rows],
        "value": [r["value"] for r in rows], "lower": [r["lower"] for r in rows], "upper": [r["upper"] for r in rows],
        "hover": [f"{name(cat.municipality(r['municipality_code']))}, {r['year'] if pd.notna(r['year']) else '–'}: "
                  f"{_shown(r)} {unit}" for r in rows],
        "mark": [r["display"] or (t("common.no_data") if r["mark"] == "no_data" else "") for r in rows],
    })
    latest, latvia = _latvia(view, indicator)
    fig = charts.side_by_side(points, title=_wrap(name(ind), width=48), y_title=unit, reference=latvia,
                              reference_label=t("compare.latvia_year", year=latest) if latest else "")
    pairs = view.pairs[view.pairs["indicator"] == indicator].to_dict("records")
    if len(codes) == 2:
        return fig, [judgement(p) for p in pairs]
    # three or four: the clear differences under the chart, every other pair in the judgement table
    clear = [f"{pair_label(p)}: {judgement(p)}" for p in pairs if p["judgement"] == DIFFERS]
    return fig, clear + [t("compare.others_in_table") if clear else t("compare.none_clear")]


@data.versioned(max_entries=256)
def values_table(url: str, version: int, codes: tuple[str, ...], domain_no: int, lang: str) -> pd.DataFrame:
    """Every indicator of the domain: each municipality's latest figure with its interval, the year(s), Latvia."""
    cat = data.catalogue()
    view = comparison.at(url, version, codes, domain_no)
    out = []
    for indicator, part in view.rows.groupby("indicator", sort=False):
        ind, rows = cat.indicator(indicator), part.to_dict("records")
        years = list(dict.fromkeys(str(r["year"]) for r in rows if pd.notna(r["year"])))
        row = {t("compare.col_indicator_unit"): charts.with_unit(name(ind), field(ind, "unit")),
               t("profile.col_year"): " / ".join(years) or "–"}
        row.update({name(cat.municipality(r["municipality_code"])): _shown(r) for r in rows})
        row[t("common.latvia")] = fmt.number(_latvia(view, indicator)[1], decimals=rows[0]["decimals"])
        out.append(row)
    return pd.DataFrame(out)


@data.versioned(max_entries=256)
def judgements_table(url: str, version: int, codes: tuple[str, ...], domain_no: int, lang: str) -> pd.DataFrame:
    """One row per indicator and pair: the judgement in words (counts left out: they are never compared)."""
    cat = data.catalogue()
    pairs = comparison.at(url, version, codes, domain_no).pairs
    pairs = pairs[pairs["why"] != COUNT]
    return pd.DataFrame({
        t("profile.col_indicator"): [name(cat.indicator(i)) for i in pairs["indicator"]],
        t("compare.col_pair"): [pair_label(p) for p in pairs.to_dict("records")],
        t("compare.col_judgement"): [judgement(p) for p in pairs.to_dict("records")],
    })
