"""Programma / Programme: the cooperation group writes its child-rights protection programme, step by step.

Editors of the municipality (and national analysts) write; every form saves a new attributed version through
analysis.programme.store. Everyone else reads adopted programmes only (public documents); drafts stay private.
"""

from dataclasses import replace
from datetime import date

import pandas as pd
import streamlit as st

from analysis.programme.catalogues import programme_catalogues
from analysis.programme.figures import baseline, pin
from analysis.programme.model import (
    STATUSES,
    Conclusion,
    Measure,
    MonitoringEntry,
    Participation,
    Programme,
    SelfAssessment,
)
from dashboard import data, fmt, login, selection, ui
from dashboard.app_pages import profile_parts
from dashboard.app_pages import programme_parts as P
from dashboard.i18n import lang, name, t
from dashboard.uploader import file_uploader

st.title(t("programme.title"))
st.caption(t("programme.lead"))
ui.show_flash()
cat = data.catalogue()
lists = programme_catalogues()
actor = login.current_actor()

# ---- select: municipality, then which of its programmes
codes = [m.code for m in cat.municipalities_valid_on(date.today())]
if actor.municipalities and st.session_state.get("programme_opened_for") != actor.name:
    own = sorted(c for c in actor.municipalities if c in codes)  # an editor starts at their own, also after a switch
    if own:
        st.session_state["programme_municipality"] = own[0]
    st.session_state["programme_opened_for"] = actor.name
code = selection.municipality(codes, key="programme_municipality")
can_edit = P.editable(actor, code)
stored = P.stored_of(code, actor)
ids = [s.id for s in stored]
chosen_id = st.session_state.get("programme_selected")
if stored:
    choices = ids + ([None] if can_edit else [])
    index = choices.index(chosen_id) if chosen_id in choices else 0

    def _title(pid):
        if pid is None:
            return t("programme.new_programme")
        s = next(x for x in stored if x.id == pid)
        period = fmt.period(s.programme.start_year, s.programme.end_year, open_ended=s.programme.open_ended)
        return t("programme.pick_label", period=period, status=P.label("status", s.programme.status),
                 version=s.version)

    chosen_id = st.selectbox(t("programme.pick"), choices, index=index, format_func=_title,
                             key=f"programme_pick_{code}")
else:
    chosen_id = None
current = next((s for s in stored if s.id == chosen_id), None)
programme = current.programme if current else Programme(municipality_code=code)
stamp = f"{code}_{current.id}_{current.version}" if current else f"{code}_new"

if current is None and not can_edit:
    ui.empty_state("programme.none_public", upload_link=False)
    st.stop()
if current is None:
    st.info(t("programme.none_yet"), icon=":material/edit_note:")
else:
    st.caption(t("programme.version_note", version=current.version, who=current.saved_by,
                 when=fmt.moment(current.saved_at), data=current.data_version if current.data_version else "–"))
if not can_edit:
    st.caption(t("programme.read_only"))

report = P.checks(programme)


def save(new: Programme, note: str) -> None:
    P.save(new, programme_id=current.id if current else None, actor=actor, note=note)


# ---- summary of the guidance's checks
warn = report.count("warning")
m = st.columns(4)
m[0].metric(t("programme.metric_conclusions"), f"{sum(1 for c in programme.conclusions if c.text.strip())} / 16")
m[1].metric(t("programme.metric_measures"), fmt.integer(len(programme.measures)))
m[2].metric(t("programme.metric_monitoring"), fmt.integer(len(programme.monitoring)))
m[3].metric(t("programme.metric_checks"), fmt.integer(warn))

tabs = st.tabs([t(f"programme.tab_{k}") for k in (*P.SECTION_KEYS, "checks", "files")])

# ---- step 1: the programme's period, status and goal
with tabs[0]:
    P.show_checks(report, "programme")
    p = programme
    facts = pd.DataFrame([
        (t("programme.f_period"), fmt.period(p.start_year, p.end_year, open_ended=p.open_ended)),
        (t("programme.f_status"), P.label("status", p.status)),
        (t("programme.f_decision_date"), fmt.day(p.decision_date) if p.decision_date else "–"),
        (t("programme.f_document_kind"), P.label("document_kind", p.document_kind)),
        (t("programme.f_document_title"), p.document_title or "–"),
        (t("programme.f_document_link"), p.document_link or "–"),
        (t("programme.f_goal"), p.goal or "–"),
    ], columns=[t("programme.col_field"), t("programme.col_value")])
    st.dataframe(facts, hide_index=True)
    if can_edit:
        with st.form(f"form_programme_{stamp}"):
            c = st.columns(3)
            start = c[0].number_input(t("programme.f_start_year"), 1990, 2100, value=p.start_year, step=1)
            end = c[1].number_input(t("programme.f_end_year"), 1990, 2100, value=p.end_year, step=1)
            open_ended = c[2].checkbox(t("programme.f_open_ended"), value=p.open_ended)
            c = st.columns(3)
            status = c[0].selectbox(t("programme.f_status"), STATUSES, index=STATUSES.index(p.status),
                                    format_func=lambda k: P.label("status", k))
            decided = c[1].date_input(t("programme.f_decision_date"), value=p.decision_date,
                                      min_value=date(1990, 1, 1), max_value=date(2100, 12, 31),
                                      format="DD.MM.YYYY")
            kinds = P.options("document_kind")
            kind = c[2].selectbox(t("programme.f_document_kind"), kinds, index=kinds.index(p.document_kind),
                                  format_func=lambda k: P.label("document_kind", k))
            title = st.text_input(t("programme.f_document_title"), value=p.document_title, max_chars=500)
            link = st.text_input(t("programme.f_document_link"), value=p.document_link, max_chars=1000)
            goal = st.text_area(t("programme.f_goal"), value=p.goal, max_chars=5000)
            c = st.columns(2)
            data_from = c[0].number_input(t("programme.f_data_from"), 1990, 2100, value=p.data_from_year, step=1)
            data_to = c[1].number_input(t("programme.f_data_to"), 1990, 2100, value=p.data_to_year, step=1)
            if st.form_submit_button(t("programme.save"), type="primary"):
                save(replace(p, start_year=None if start is None else int(start),
                             end_year=None if end is None or open_ended else int(end), open_ended=open_ended,
                             status=status, decision_date=decided, document_kind=kind, document_title=title.strip(),
                             document_link=link.strip(), goal=goal.strip(),
                             data_from_year=None if data_from is None else int(data_from),
                             data_to_year=None if data_to is None else int(data_to)), "programme")

# ---- step 2: conclusions per domain, resting on indicators pinned from the profile
with tabs[1]:
    P.show_checks(report, "conclusions")
    written = {c.domain for c in programme.conclusions if c.text.strip()}
    domain_no = st.selectbox(
        t("programme.pick_domain"), [d.no for d in cat.domains], key=f"programme_domain_{code}",
        format_func=lambda n: f"{n}. {name(cat.domain(n))}" + (" ✓" if n in written else ""))
    conclusion = programme.conclusion(domain_no) or Conclusion(domain=domain_no)
    analysis = data.analysis()
    if analysis is not None and not analysis.trends.empty:
        table = profile_parts.table(code, "region", lang())
        part = table[table["domain"] == domain_no]
        with st.expander(t("programme.profile_of_domain"), expanded=not conclusion.text):
            st.dataframe(part.drop(columns=list(profile_parts.HIDDEN)), hide_index=True)
    else:
        st.caption(t("programme.no_profile"))
    if conclusion.indicators:
        st.markdown(f"**{t('programme.pinned')}**")
        st.dataframe(P.pins_table(conclusion), hide_index=True)
    if conclusion.text:
        st.text(conclusion.text)
    if can_edit:
        ids_of = [i.id for i in cat.indicators_of(domain_no)]
        with st.form(f"form_conclusion_{stamp}_{domain_no}"):
            text = st.text_area(t("programme.f_conclusion"), value=conclusion.text, max_chars=10000)
            problems = st.text_area(t("programme.f_problems"), value="\n".join(conclusion.problems), max_chars=5000)
            pinned = st.multiselect(t("programme.f_pin"), ids_of,
                                    default=[p.indicator for p in conclusion.indicators if p.indicator in ids_of],
                                    format_func=P.indicator_name)
            if st.form_submit_button(t("programme.save"), type="primary"):
                kept = {p.indicator: p for p in conclusion.indicators}
                version = data.key()[1]
                pins = tuple(kept.get(i) or pin(analysis, code=code, indicator=i, data_version=version)
                             for i in pinned)
                new = Conclusion(domain=domain_no, text=text.strip(), indicators=pins,
                                 problems=tuple(x.strip() for x in problems.splitlines() if x.strip()))
                save(programme.with_conclusion(new), f"conclusion {domain_no}")

# ---- step 3: the action plan
with tabs[2]:
    P.show_checks(report, "measures")
    P.listing(programme.measures, lambda: P.measures_table(programme), empty="programme.no_measures")
    if can_edit:
        keys = [None, *[m.key for m in programme.measures]]
        key = st.selectbox(t("programme.pick_measure"), keys, key=f"programme_measure_{stamp}",
                           format_func=lambda k: t("programme.new_measure") if k is None else
                           f"{k} — {next(m.title for m in programme.measures if m.key == k)}")
        measure = next((m for m in programme.measures if m.key == key), None) or Measure(
            key=programme.next_key("measures", "M"))
        types = P.options("measure_type")
        all_ids = [i.id for i in cat.indicators]
        domains = [d.no for d in cat.domains]
        with st.form(f"form_measure_{stamp}_{measure.key}"):
            title = st.text_input(t("programme.f_title"), value=measure.title, max_chars=500)
            goal = st.text_area(t("programme.f_goal"), value=measure.goal, max_chars=5000)
            tasks = st.text_area(t("programme.f_tasks"), value=measure.tasks, max_chars=5000)
            c = st.columns(3)
            deadline = c[0].date_input(t("programme.f_deadline"), value=measure.deadline, format="DD.MM.YYYY",
                                       min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
            responsible = c[1].text_input(t("programme.f_responsible"), value=measure.responsible, max_chars=500)
            mtype = c[2].selectbox(t("programme.f_measure_type"), types,
                                   index=types.index(measure.measure_type) if measure.measure_type in types else None,
                                   format_func=lambda k: P.label("measure_type", k))
            c = st.columns(2)
            resources = c[0].text_input(t("programme.f_resources"), value=measure.resources, max_chars=500)
            funding = c[1].text_input(t("programme.f_funding"), value=measure.funding_source, max_chars=500)
            c = st.columns(2)
            mdomains = c[0].multiselect(t("programme.f_domains"), domains, default=list(measure.domains),
                                        format_func=lambda n: f"{n}. {name(cat.domain(n))}")
            answers = c[1].multiselect(t("programme.f_answers"), domains, default=list(measure.answers),
                                       format_func=lambda n: f"{n}. {name(cat.domain(n))}")
            linked = st.multiselect(t("programme.f_indicators"), all_ids,
                                    default=[i.indicator for i in measure.indicators], format_func=P.indicator_name)
            if st.form_submit_button(t("programme.save_measure"), type="primary"):
                old = {i.indicator: i for i in measure.indicators}
                links = tuple(old.get(i) or baseline(data.analysis(), code=code, indicator=i) for i in linked)
                new = replace(measure, title=title.strip(), goal=goal.strip(), tasks=tasks.strip(), deadline=deadline,
                              responsible=responsible.strip(), resources=resources.strip(),
                              funding_source=funding.strip(), measure_type=mtype, domains=tuple(sorted(mdomains)),
                              answers=tuple(sorted(answers)), indicators=links)
                save(programme.with_item("measures", new), f"measure {new.key}")
        if measure.indicators:
            st.markdown(f"**{t('programme.targets_heading')}**")
            frame = pd.DataFrame([{
                "indicator": i.indicator, "name": P.indicator_name(i.indicator), "baseline_year": i.baseline_year,
                "baseline": i.baseline, "target_year": i.target_year, "target": i.target,
            } for i in measure.indicators])
            edited = st.data_editor(
                frame, hide_index=True, disabled=["indicator", "name", "baseline_year", "baseline"],
                column_order=["name", "baseline_year", "baseline", "target_year", "target"],
                column_config={
                    "name": st.column_config.TextColumn(t("programme.col_indicator")),
                    "baseline_year": st.column_config.NumberColumn(t("programme.col_baseline_year"), format="%d"),
                    "baseline": st.column_config.NumberColumn(t("programme.col_baseline")),
                    "target_year": st.column_config.NumberColumn(t("programme.col_target_year"), min_value=1990,
                                                                 max_value=2100, step=1, format="%d"),
                    "target": st.column_config.NumberColumn(t("programme.col_target")),
                }, key=f"targets_{stamp}_{measure.key}")
            if st.button(t("programme.save_targets"), key=f"save_targets_{stamp}_{measure.key}"):
                save(programme.with_item("measures", replace(measure, indicators=P.links(edited))),
                     f"targets {measure.key}")
        if key is not None and st.button(t("programme.remove_measure"), key=f"rm_measure_{stamp}_{key}"):
            save(programme.without_item("measures", key), f"remove {key}")

# ---- step 4: monitoring, and what the data say about each measure's indicators
with tabs[3]:
    P.show_checks(report, "monitoring")
    P.listing(programme.monitoring, lambda: P.monitoring_table(programme), empty="programme.no_monitoring")
    st.markdown(f"**{t('programme.progress_heading')}**")
    st.caption(t("programme.progress_caption"))
    progress = P.progress_table(programme)
    P.listing(len(progress), lambda: progress, empty="programme.no_progress")
    if can_edit:
        keys = [None, *[e.key for e in programme.monitoring]]
        key = st.selectbox(t("programme.pick_monitoring"), keys, key=f"programme_monitoring_{stamp}",
                           format_func=lambda k: t("programme.new_monitoring") if k is None else k)
        entry = next((e for e in programme.monitoring if e.key == key), None) or MonitoringEntry(
            key=programme.next_key("monitoring", "U"))
        types = [None, *P.options("monitoring_type")]
        states = P.options("monitoring_status")
        with st.form(f"form_monitoring_{stamp}_{entry.key}"):
            c = st.columns(3)
            mtype = c[0].selectbox(t("programme.f_monitoring_type"), types, index=types.index(entry.monitoring_type),
                                   format_func=lambda k: t("programme.type_none") if k is None else
                                   P.label("monitoring_type", k))
            deadline = c[1].date_input(t("programme.f_deadline"), value=entry.deadline, format="DD.MM.YYYY",
                                       min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
            status = c[2].selectbox(t("programme.f_status"), states, index=states.index(entry.status),
                                    format_func=lambda k: P.label("monitoring_status", k))
            activity = st.text_input(t("programme.f_activity"), value=entry.activity, max_chars=500)
            responsible = st.text_input(t("programme.f_responsible"), value=entry.responsible, max_chars=500)
            measures = st.multiselect(t("programme.f_measures"), [m.key for m in programme.measures],
                                      default=[k for k in entry.measures if k in {m.key for m in programme.measures}])
            if st.form_submit_button(t("programme.save_monitoring"), type="primary"):
                new = replace(entry, monitoring_type=mtype, deadline=deadline, status=status,
                              activity=activity.strip(), responsible=responsible.strip(), measures=tuple(measures))
                save(programme.with_item("monitoring", new), f"monitoring {new.key}")
        if key is not None and st.button(t("programme.remove_monitoring"), key=f"rm_monitoring_{stamp}_{key}"):
            save(programme.without_item("monitoring", key), f"remove {key}")

# ---- children's participation
with tabs[4]:
    P.show_checks(report, "participation")
    P.listing(programme.participation, lambda: P.participation_table(programme), empty="programme.no_participation")
    if can_edit:
        with st.form(f"form_participation_{stamp}"):
            c = st.columns(3)
            method = c[0].selectbox(t("programme.f_method"), P.options("method"),
                                    format_func=lambda k: P.label("method", k))
            held = c[1].date_input(t("programme.f_held_on"), value=None, format="DD.MM.YYYY",
                                   min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
            children = c[2].number_input(t("programme.f_children"), 0, 1_000_000, value=None, step=1)
            bands = st.multiselect(t("programme.f_age_bands"), P.options("age_band"),
                                   format_func=lambda k: P.label("age_band", k))
            groups = st.multiselect(t("programme.f_groups"), P.options("group"),
                                    format_func=lambda k: P.label("group", k))
            fed_back = st.checkbox(t("programme.f_fed_back"))
            summary = st.text_area(t("programme.f_summary"), max_chars=5000)
            if st.form_submit_button(t("programme.add_participation"), type="primary"):
                new = Participation(method=method, held_on=held, age_bands=tuple(bands),
                                    children=None if children is None else int(children), groups=tuple(groups),
                                    fed_back=fed_back, summary=summary.strip())
                save(replace(programme, participation=(*programme.participation, new)), "participation")
        if programme.participation:
            n = st.selectbox(t("programme.pick_participation"), range(1, len(programme.participation) + 1),
                             key=f"rm_part_pick_{stamp}")
            if st.button(t("programme.remove_participation"), key=f"rm_part_{stamp}"):
                rest = tuple(x for i, x in enumerate(programme.participation, start=1) if i != n)
                save(replace(programme, participation=rest), "remove participation")

# ---- self-assessment against the good-practice items
with tabs[5]:
    P.show_checks(report, "self_assessment")
    answers = {s.item: s for s in programme.self_assessment}
    answer_names = {k: P.label("answer", k) for k in P.options("answer")}
    by_name = {v: k for k, v in answer_names.items()}
    frame = pd.DataFrame([{
        "item": item.key, "domain": item.domain, "name": item.name(lang()),
        "answer": answer_names.get(answers[item.key].answer) if item.key in answers else None,
        "note": answers[item.key].note if item.key in answers else "",
    } for item in lists.good_practice])
    config = {
        "domain": st.column_config.NumberColumn(t("common.domain"), format="%d"),
        "name": st.column_config.TextColumn(t("programme.col_good_practice"), width="large"),
        "answer": st.column_config.SelectboxColumn(t("programme.col_answer"), options=list(answer_names.values())),
        "note": st.column_config.TextColumn(t("programme.col_note"), max_chars=2000),
    }
    order = ["domain", "name", "answer", "note"]
    if can_edit:
        edited = st.data_editor(frame, hide_index=True, disabled=["item", "domain", "name"], column_order=order,
                                column_config=config, key=f"self_assessment_{stamp}")
        if st.button(t("programme.save_self_assessment"), key=f"save_sa_{stamp}", type="primary"):
            rows = tuple(SelfAssessment(item=r.item, answer=by_name[r.answer], note=str(r.note or "").strip())
                         for r in edited.itertuples(index=False) if r.answer in by_name)
            save(replace(programme, self_assessment=rows), "self-assessment")
    else:
        st.dataframe(frame, hide_index=True, column_order=order, column_config=config)

# ---- the checks in one place
with tabs[6]:
    st.caption(t("programme.checks_lead"))
    if report.issues:
        P.show_issues(report.issues)
    else:
        st.success(t("programme.checks_clear"), icon=":material/task_alt:")

# ---- downloads, and the offline template back in
with tabs[7]:
    stem = f"programma_{code}_{date.today().isoformat()}"
    c = st.columns(2)
    c[0].download_button(t("programme.download_docx"), P.document(programme, saved=fmt.moment(current.saved_at)
                                                                  if current else None),
                         file_name=f"{stem}.docx", mime=P.DOCX_MIME,
                         icon=":material/description:", on_click="ignore", key="programme_docx")
    c[1].download_button(t("programme.download_xlsx"), P.workbook(programme), file_name=f"{stem}.xlsx",
                         mime=P.XLSX_MIME,
                         icon=":material/table_view:", on_click="ignore", key="programme_xlsx")
    st.caption(t("programme.download_note"))
    if can_edit:
        st.markdown(f"**{t('programme.import_heading')}**")
        st.caption(t("programme.import_lead", name=name(cat.municipality(code))))
        upload = file_uploader(t("programme.import_file"), types=["xlsx"], key=f"programme_import_{code}",
                                        limit_mb=P.IMPORT_LIMIT_MB)
        if upload is not None:
            from analysis.programme.xlsx_import import read_programme_workbook, store_imported

            result = read_programme_workbook(upload.getvalue(), catalogue=cat, municipality_code=code)
            if result.report.issues:
                P.show_issues(result.report.issues)
            if result.programme is None:
                st.error(t("programme.import_errors", n=result.report.count("error")), icon=":material/error:")
            elif st.button(t("programme.import_store"), type="primary", key="programme_import_store"):
                stored_now = store_imported(data.engine(), actor=actor, result=result, catalogue=cat,
                                            note=f"XLSX: {upload.name}"[:200])
                st.session_state["programme_selected"] = stored_now.id
                ui.flash(t("programme.saved", version=stored_now.version), detail=upload.name)
                st.rerun()
    if current is not None:
        with st.expander(t("programme.history")):
            from analysis.programme.store import programme_history

            history = programme_history(data.engine(), programme_id=current.id, actor=actor)
            st.dataframe(pd.DataFrame([{
                t("programme.col_version"): h.version, t("programme.col_saved_at"): fmt.moment(h.saved_at),
                t("programme.col_saved_by"): h.saved_by, t("programme.col_note"): h.note or "",
                t("programme.col_data_version"): h.data_version,
            } for h in history]), hide_index=True)
