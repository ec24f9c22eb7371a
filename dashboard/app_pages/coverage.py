"""Programmu pārklājums / Programme coverage: the BAC survey figures 1–5, domains covered, the map, the change.

The print view (`?druka=1`) is a survey round's page with no pickers or downloads, every list open, charts as images.
"""

from datetime import date

import streamlit as st

from dashboard import charts, data, downloads, fmt, printing, selection, ui
from dashboard.app_pages import coverage_parts as parts
from dashboard.app_pages import coverage_records as live
from dashboard.i18n import domain_short, lang, name, short_place, t

st.title(t("coverage.title"))
st.caption(t("coverage.lead"))
survey = data.survey()
printed = printing.Charts() if printing.active() else None

# ---- select: a survey round, or the programme records as they stand on a date (the print view: the round in the
# address, no pickers)
years = sorted(survey["survey_year"].astype(int).unique().tolist(), reverse=True) if len(survey) else []
source = "survey" if printed is not None else st.radio(
    t("coverage.source"), ("survey", "records"), format_func=lambda k: t(f"coverage.source_{k}"), horizontal=True,
    key="coverage_source")
if source == "survey" and not years:
    ui.empty_state("coverage.empty")
    st.stop()
if printed is not None:
    printing.controls()
    year = selection.remembered_year(years)
elif source == "survey":
    selection.from_url("coverage_year", selection.URL_YEAR, years, convert=int)
    year = st.selectbox(t("coverage.pick_year"), years, key="coverage_year")
    selection.to_url(selection.URL_YEAR, year)
else:
    on = st.date_input(t("coverage.on_date"), value=date.today(), format="DD.MM.YYYY", key="coverage_on",
                       min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))
    year = on.year
    st.caption(t("coverage.records_note"))

# ---- compute (the figures and the changes are analysis.coverage's)
figures = data.coverage(year) if source == "survey" else live.figures_on(on)
status = figures.status.set_index("key")["count"]
change = data.coverage_change(year) if source == "survey" else None


def delta(key: str) -> dict:
    """The change since the previous survey as the metric's delta (grey: the page does not judge it)."""
    if change is None or key not in change[1]:
        return {}
    return {"delta": fmt.number(change[1][key], signed=True), "delta_color": "off",
            "delta_arrow": fmt.arrow_of(change[1][key]),
            "delta_description": t("coverage.since", year=change[0])}


# ---- show: headline, with the change since the previous survey
m = st.columns(3)
m[0].metric(t("coverage.metric_n"), fmt.integer(figures.n))
m[1].metric(t("coverage.metric_with"), fmt.integer(figures.with_programme_or_elements),
            **delta("with_programme_or_elements"))
m[2].metric(t("coverage.metric_without"), fmt.integer(int(status.get("not_developed", 0))), **delta("not_developed"))


def share_chart(no: int, title_key: str, n: int) -> None:
    with printing.together(key=f"diagram_{no}"):  # printed: the title stays with its chart
        share_bars(no, title_key, n)


def share_bars(no: int, title_key: str, n: int) -> None:
    rows = parts.share_rows(figures.diagram(no, intervals=True))
    st.markdown(f"**{t(title_key, n=n)}**")
    fig = charts.bars(rows, x=t("coverage.col_answer"), y="_pct", text="_text", x_title="",
                      y_title=t("coverage.share_axis"), horizontal=True, height=120 + 45 * len(rows),
                      range_max=110)
    fig.update_layout(xaxis_title_text=t("coverage.share_axis"), yaxis_title_text="")
    ui.chart_with_table(fig, rows.drop(columns=["_pct", "_text"]), key=f"diagram_{no}", printed=printed,
                        alt=t(title_key, n=n))


# ---- show: diagrams 1–5 (in print one under another, each as wide as the paper)
left, right = st.columns(2) if printed is None else (st.container(), st.container())
with left:
    share_chart(1, "coverage.diagram1", figures.n)
    share_chart(3, "coverage.diagram3", figures.with_programme_or_elements)
    share_chart(5, "coverage.diagram5", figures.with_programme_or_elements)
with right:
    # every programme of the n is a bar: the terms in years, then open-ended and unknown apart, in other colours
    terms = parts.term_rows(figures.diagram(2), open_ended=figures.term_open_ended, unknown=figures.term_unknown)
    with printing.together(key="diagram_2"):
        title = t("coverage.diagram2", n=figures.with_programme_or_elements)
        st.markdown(f"**{title}**")
        if len(terms):
            fig = charts.bars(terms, x="_label", y="_count", text="_count", colours=terms["_colour"].tolist(),
                              x_title=t("coverage.years_axis"), y_title=t("coverage.count_axis"))
            ui.chart_with_table(fig, terms.drop(columns=["_label", "_count", "_colour"]), key="diagram_2",
                                printed=printed, alt=title)
    st.caption(t("coverage.diagram2_note", with_term=int(figures.diagram(2)["count"].sum()),
                 open=figures.term_open_ended, unknown=figures.term_unknown))
    share_chart(4, "coverage.diagram4", figures.with_programme_or_elements)

# ---- show: the content matrix
matrix = figures.domain_matrix
with printing.together(key="matrix"):  # printed: the heading stays with the matrix
    st.subheader(t("coverage.matrix_heading"))
    st.caption(t("coverage.matrix_caption"))
    if len(matrix):
        domains = data.catalogue().domains
        cells = matrix[list(range(1, 17))].astype(int).set_axis([domain_short(d) for d in domains], axis=1)
        names = matrix[f"name_{lang()}"].tolist()
        fig = charts.count_heatmap(
            cells, row_labels=[short_place(n) for n in names], x_title=t("common.domain"),
            y_title=t("common.municipality"), colorbar_title=t("coverage.covered"), zmax=1, row_names=names,
            column_names=[f"{d.no}. {name(d)}" for d in domains])
        fig.update_traces(showscale=False)
        table = cells.replace({1: "✓", 0: ""}).set_axis([f"{d.no}. {name(d)}" for d in domains], axis=1)
        table = table.set_axis(names, axis=0).rename_axis(t("common.municipality"))
        ui.chart_with_table(fig, table.reset_index(), key="matrix", printed=printed,
                            alt=t("coverage.matrix_heading"))
if len(matrix):
    counts = parts.share_rows(figures.domain_counts.sort_values("count"))
    fig = charts.bars(counts, x=t("coverage.col_answer"), y="_pct", text="_text", x_title=t("coverage.share_axis"),
                      y_title="", horizontal=True, height=560, range_max=115)
    ui.chart_with_table(fig, counts.drop(columns=["_pct", "_text"]), key="domain_counts", printed=printed,
                        alt=t("coverage.matrix_heading"))

# ---- show: the map (of a survey round)
if source == "survey":
    st.subheader(t("coverage.map_heading"))
    ui.chart_with_table(*parts.tiles(year, lang()), key="coverage_map", printed=printed,
                        alt=t("coverage.map_heading"))

# ---- show: where a survey round and the records disagree
if source == "records":
    st.subheader(t("coverage.disagree_heading"))
    if not years:
        st.caption(t("coverage.disagree_no_survey"))
    else:
        round_year = st.selectbox(t("coverage.disagree_pick"), years, key="coverage_disagree_year")
        differ = live.disagreement_table(survey, year=round_year, on=on)
        st.caption(t("coverage.disagree_caption", n=len(differ)))
        if len(differ):
            st.dataframe(differ, hide_index=True, key="coverage_disagreements")

# ---- show: comparison between surveys, and the lists people ask for
st.subheader(t("coverage.compare_heading"))
compare = parts.compare(lang()) if years else None
if len(years) < 2 or compare is None:
    st.caption(t("coverage.compare_single"))
else:
    ui.chart_with_table(*compare, key="compare", printed=printed, alt=t("coverage.compare_heading"))
    changes = parts.changes(lang())
    if len(changes):
        st.markdown(f"**{t('coverage.changes_heading')}**")
        if printed is not None:
            printing.table(changes)
        else:
            st.dataframe(changes, hide_index=True, key="changes")

st.subheader(t("coverage.lists_heading"))
table = figures.table  # analysis.coverage's flags per municipality; the page only filters on them
those = table[table["with_programme"]]
lists = [
    ("coverage.list_none", table[table["programme_status"] == "not_developed"], False),
    ("coverage.list_no_conclusions", those[~those["conclusions"]], True),
    ("coverage.list_no_action_plan", those[~those["action_plan"]], True),
    ("coverage.list_monitoring_institutions", those[those["monitoring"] == "institutions_only"], True),
    ("coverage.list_monitoring_none", those[those["monitoring"] == "none"], True),
    ("coverage.list_outdated", figures.outdated, True),
    ("coverage.list_open", figures.open_ended, True),
    ("coverage.list_views", figures.children_views_missing, True),
]
for key, frame, years_too in lists:
    if printed is not None:  # every list open, as rows
        st.markdown(f"**{t(key, n=len(frame))}**")
        if len(frame):
            printing.table(parts.municipality_list(frame, with_years=years_too))
        continue
    with st.expander(t(key, n=len(frame))):
        st.dataframe(parts.municipality_list(frame, with_years=years_too), hide_index=True, key=key)
if printed is not None:
    printed.draw()
    st.stop()

# ---- take away: every figure and list of this view as one workbook
sheets, described = parts.workbook_sheets(figures, lists)
what = t("coverage.readme_survey", year=year) if source == "survey" else t("coverage.readme_records", day=fmt.day(on))
readme = [t("coverage.readme_title"), what, "", t("coverage.readme_sheets"), *described, "",
          t("readme.citation", date=fmt.day(date.today()))]
st.download_button(
    t("coverage.download"), lambda: downloads.xlsx_bytes(sheets, readme=readme),
    file_name=f"programmu_parklajums_{year if source == 'survey' else on.isoformat()}.xlsx",
    mime=downloads.XLSX_MIME, icon=":material/download:", on_click="ignore", key="coverage_download")
if source == "survey":  # the print view is of a survey round
    printing.offer(key="coverage_print")
