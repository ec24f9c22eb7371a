"""The programme page's helpers: who edits, saving a version, the checks and tables in words, the downloads.

The analysis layer decides (analysis.programme: records, checks, figures, workbook, document); this module only
turns its codes into the reader's words and keeps the page script short.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pandas as pd
import streamlit as st

from analysis.access import AccessDenied, Actor, sees_unsuppressed
from analysis.programme import labels as L
from analysis.programme.catalogues import programme_catalogues
from analysis.programme.checks import check_programme
from analysis.programme.figures import as_seen, progress
from analysis.programme.model import MeasureIndicator, Programme
from analysis.programme.store import ProgrammeInvalid, latest_programmes, may_edit, save_programme
from analysis.programme.xlsx_import import MAX_BYTES as IMPORT_MAX_BYTES
from dashboard import data, fmt, meaning, ui
from dashboard.i18n import lang, name, t

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
IMPORT_LIMIT_MB = IMPORT_MAX_BYTES / (1024 * 1024)  # what read_programme_workbook accepts
SECTION_KEYS = ("programme", "conclusions", "measures", "monitoring", "participation", "self_assessment")


def editable(actor: Actor, code: str) -> bool:
    return may_edit(actor, municipality_code=code)


def stored_of(code: str, actor: Actor):
    """The programmes of the municipality the actor may see (drafts only for its editors), newest period first."""
    found = latest_programmes(data.engine(), actor=actor, municipality_code=code)
    if not sees_unsuppressed(actor, municipality_code=code):  # the figures an editor pinned in clear stay hidden
        seen = data.analysis()
        found = [replace(s, programme=as_seen(s.programme, analysis=seen)) for s in found]
    return sorted(found, key=lambda s: (s.programme.start_year or 0, s.id), reverse=True)


def label(kind: str, key) -> str:
    return L.label(kind, key, lang=lang(), lists=programme_catalogues())


def options(kind: str) -> list[str]:
    return [k for k, _lv, _en in L.choices(kind, lists=programme_catalogues())]


def save(programme: Programme, *, programme_id: int | None, actor: Actor, note: str) -> None:
    """One new version (nothing when unchanged); errors are listed, never a traceback, nothing half-saved."""
    try:
        stored = save_programme(data.engine(), actor=actor, programme=programme, catalogue=data.catalogue(),
                                programme_id=programme_id, note=note)
    except ProgrammeInvalid as exc:
        st.error(t("programme.not_saved"), icon=":material/error:")
        show_issues(exc.report.issues)
        return
    except AccessDenied as exc:
        st.error(exc.en if lang() == "en" else exc.lv, icon=":material/block:")
        return
    st.session_state["programme_selected"] = stored.id
    ui.flash(t("programme.unchanged") if stored.duplicate else t("programme.saved", version=stored.version))
    st.rerun()


def issue_table(issues) -> pd.DataFrame:
    """Issues as a table of plain text (user text inside messages is never rendered as markdown)."""
    sections = {k: t(f"programme.tab_{k}") for k in SECTION_KEYS}
    rows = [{
        t("programme.col_severity"): t(f"programme.severity_{i.severity}"),
        t("programme.col_where"): " · ".join(x for x in (sections.get(i.sheet, i.sheet or ""),
                                                          t("programme.row", n=i.row) if i.row else "") if x),
        t("programme.col_check"): i.text(lang()),
    } for i in issues]
    return pd.DataFrame(rows, columns=[t("programme.col_severity"), t("programme.col_where"), t("programme.col_check")])


def show_issues(issues) -> None:
    """The issue table, wrapped so a long check reads whole (a data grid cuts it off at the column's edge); its
    stable code is for logs and tests, not for readers. st.table reads cells as markdown, so every cell is escaped:
    a measure's title inside a message stays the user's plain text."""
    st.table(issue_table(issues).map(_plain), hide_index=True, border="horizontal")


_MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def _plain(value):
    """Text that markdown shows as written: every ASCII punctuation mark backslash-escaped (CommonMark allows it)."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", value) if isinstance(value, str) else value


def checks(programme: Programme):
    return check_programme(programme, catalogue=data.catalogue())


def listing(present, table, *, empty: str) -> None:
    """A section's table when it has entries (`table` is built only then), else a line saying there are none."""
    if present:
        st.dataframe(table(), hide_index=True)
    else:
        st.caption(t(empty))


def show_checks(report, section: str) -> None:
    """The guidance's checks for one section, as the group works on it."""
    found = [i for i in report.issues if i.sheet == section]
    if not found:
        st.caption(t("programme.checks_none_here"))
        return
    with st.expander(t("programme.checks_here", n=len(found)), expanded=True):
        show_issues(found)


def _int(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _float(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def links(edited: pd.DataFrame) -> tuple[MeasureIndicator, ...]:
    """A measure's indicators as edited in the targets table (baselines are the data's, not typed)."""
    return tuple(
        MeasureIndicator(indicator=r.indicator, baseline_year=_int(r.baseline_year), baseline=_float(r.baseline),
                         target_year=_int(r.target_year), target=_float(r.target))
        for r in edited.itertuples(index=False)
    )


def indicator_name(indicator: str) -> str:
    ind = data.catalogue().indicator(indicator)
    return name(ind) if ind is not None else indicator


def pins_table(conclusion) -> pd.DataFrame:
    rows = [{
        t("programme.col_indicator"): indicator_name(p.indicator),
        t("common.year"): p.year,
        t("programme.col_value"): p.shown or (fmt.number(p.value, decimals=1) if p.value is not None else "–"),
        t("programme.col_trend"): meaning.word(p.assessment) if p.assessment else "–",
        t("programme.col_years"): f"{p.first_year}–{p.last_year}" if p.first_year else "–",
        t("programme.col_data_version"): p.data_version or "–",
    } for p in conclusion.indicators]
    return pd.DataFrame(rows)


def measures_table(programme: Programme) -> pd.DataFrame:
    rows = [{
        t("programme.col_key"): m.key,
        t("programme.f_title"): m.title,
        t("programme.f_goal"): m.goal,
        t("programme.f_tasks"): m.tasks,
        t("programme.f_deadline"): fmt.day(m.deadline) if m.deadline else "–",
        t("programme.f_responsible"): m.responsible,
        t("programme.f_resources"): m.resources,
        t("programme.f_funding"): m.funding_source,
        t("programme.f_measure_type"): label("measure_type", m.measure_type) or "–",
        t("programme.f_domains"): ", ".join(str(d) for d in m.domains),
        t("programme.f_answers"): ", ".join(str(d) for d in m.answers),
        t("programme.f_indicators"): "; ".join(indicator_name(i.indicator) for i in m.indicators),
    } for m in programme.measures]
    return pd.DataFrame(rows)


def monitoring_table(programme: Programme) -> pd.DataFrame:
    rows = [{
        t("programme.col_key"): e.key,
        t("programme.f_monitoring_type"): label("monitoring_type", e.monitoring_type) or t("programme.type_none"),
        t("programme.f_activity"): e.activity,
        t("programme.f_deadline"): fmt.day(e.deadline) if e.deadline else "–",
        t("programme.f_responsible"): e.responsible,
        t("programme.f_status"): label("monitoring_status", e.status),
        t("programme.f_measures"): ", ".join(e.measures),
    } for e in programme.monitoring]
    return pd.DataFrame(rows)


def participation_table(programme: Programme) -> pd.DataFrame:
    rows = [{
        "#": n,
        t("programme.f_method"): label("method", x.method),
        t("programme.f_held_on"): fmt.day(x.held_on) if x.held_on else "–",
        t("programme.f_age_bands"): ", ".join(label("age_band", b) for b in x.age_bands),
        t("programme.f_children"): fmt.integer(x.children) if x.children is not None else "–",
        t("programme.f_groups"): "; ".join(label("group", g) for g in x.groups),
        t("programme.f_fed_back"): L.yes_no(x.fed_back, lang=lang()),
        t("programme.f_summary"): x.summary,
    } for n, x in enumerate(programme.participation, start=1)]
    return pd.DataFrame(rows)


def _value(value, year) -> str:
    if value is None:
        return "–"
    return f"{fmt.number(value, decimals=1)} ({year})" if year else fmt.number(value, decimals=1)


def progress_table(programme: Programme) -> pd.DataFrame:
    """Baseline → latest value (with its interval; small numbers as the profile shows them) → target."""
    frame = progress(programme, data.analysis())
    rows = []
    for r in frame.itertuples(index=False):
        if r.small_numbers:
            latest = f"{r.latest_shown} ({r.latest_year}) — {t('programme.small_numbers')}"
        elif r.latest is None:
            latest = t("programme.no_data")
        else:
            latest = _value(r.latest, r.latest_year)
            if r.lower is not None and r.upper is not None:
                latest += " " + t("programme.interval", low=fmt.number(r.lower, decimals=1),
                                  high=fmt.number(r.upper, decimals=1))
        rows.append({
            t("programme.col_key"): r.measure,
            t("programme.col_indicator"): indicator_name(r.indicator),
            t("programme.col_baseline"): _value(r.baseline, r.baseline_year),
            t("programme.col_latest"): latest,
            t("programme.col_target"): _value(r.target, r.target_year),
            t("programme.col_trend"): meaning.word(r.assessment) if r.assessment else "–",
        })
    return pd.DataFrame(rows)


# ---------------------------------------------------------------- downloads (built when clicked, cached per content)


@st.cache_data(show_spinner=False, max_entries=16)
def _workbook(payload: str, lang_code: str, version: int, today: str) -> bytes:
    import json

    from analysis.programme.workbook import programme_workbook

    return programme_workbook(Programme.from_dict(json.loads(payload)), catalogue=data.catalogue(),
                              lang=lang_code, data_version=version, today=date.fromisoformat(today))


def workbook(programme: Programme):
    """A function the download button calls: the programme as the XLSX template (same content, same bytes)."""
    import json
    from functools import partial

    payload = json.dumps(programme.to_dict(), ensure_ascii=False, sort_keys=True)
    return partial(_workbook, payload, lang(), data.key()[1], date.today().isoformat())


@st.cache_data(show_spinner=False, max_entries=8)
def _document(url: str, version: int, payload: str, lang_code: str, today: str, saved: str) -> bytes:
    import json

    from analysis.programme_doc import programme_docx
    from analysis.sample import SAMPLE_UPLOADER

    a = data.analysis.at(url, version)  # bound values: the click runs in a thread without a session
    uploads = data.uploads.at(url, version)
    return programme_docx(programme=Programme.from_dict(json.loads(payload)), analysis=a,
                          catalogue=data.catalogue(), lang=lang_code, data_version=version,
                          today=date.fromisoformat(today), saved=saved or None,
                          synthetic=bool((uploads.get("uploader", pd.Series(dtype=object)) == SAMPLE_UPLOADER).any()))


def document(programme: Programme, *, saved: str | None):
    """A function the download button calls: the programme document (DOCX with chart images)."""
    import json
    from functools import partial

    payload = json.dumps(programme.to_dict(), ensure_ascii=False, sort_keys=True)
    url, version = data.key()
    return partial(_document, url, version, payload, lang(), date.today().isoformat(), saved or "")
