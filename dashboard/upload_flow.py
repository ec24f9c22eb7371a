"""The per-file part of the upload page: parse once, show what was understood and every issue, confirm to store."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from analysis.text import fold
from dashboard import data, downloads, fmt, i18n, login, selection, ui
from dashboard.app_pages import upload_parts
from dashboard.i18n import field, name, t

EXTENSIONS = ("xlsx", "xlsm", "xls", "ods", "csv", "txt", "px", "htm", "html")
PREVIEW_ROWS = 200
SEVERITIES = ("error", "warning", "info")
HISTORY_PICK = "history_pick"  # the upload page's version picker
LABEL_SUFFIX = "__label"  # session key beside each mapping choice holding the file's own label (not a choice)
# until IngestResult names them, the unknown labels are read back from the issue's Latvian half


def file_section(file, *, uploader: str) -> None:
    """One bordered section per dropped file: understood → choices → preview → report → confirm."""
    blob = file.getvalue()
    sha = hashlib.sha256(blob).hexdigest()
    tag = sha[:12]
    cat = data.catalogue()
    with st.container(border=True):
        # the file name is the user's text: shown as plain text, never through markdown
        st.text(t("upload.file_name", file=file.name))
        choices = {
            "municipality": st.session_state.get(f"{tag}_municipality") or None,
            "mappings": _chosen(tag, "ind"),
            "municipality_mappings": _chosen(tag, "muni"),
        }
        earlier = upload_parts.stored_upload_id(sha)  # by the file's hash, before any parsing
        if earlier is not None:
            st.info(t("upload.already_stored", n=earlier), icon=":material/info:")
            return
        with st.spinner(t("upload.parsing")):
            parsed = upload_parts.parse_upload(blob, file_name=file.name, **choices)
            if parsed.result is not None and _preselect(parsed.result, tag=tag):
                # a clear best suggestion counts as chosen, so the preview already shows what confirming stores
                choices["mappings"] = _chosen(tag, "ind")
                parsed = upload_parts.parse_upload(blob, file_name=file.name, **choices)
        if parsed.error:
            st.error(t("upload.unreadable"), icon=":material/error:")
            st.text(parsed.error[1] if i18n.lang() == "en" else parsed.error[0])
            return
        result = parsed.result
        _understood(result, cat)
        _choices(result, cat, tag=tag)
        _preview(result, cat, tag=tag)
        _report(result, tag=tag)
        _confirm(result, sha=sha, tag=tag, uploader=uploader)


def _chosen(tag: str, kind: str) -> dict[str, str]:
    """The label → catalogue mappings the user picked for this file (only real choices)."""
    prefix = f"{tag}_{kind}_"
    out = {}
    for k, v in st.session_state.items():
        if isinstance(k, str) and k.startswith(prefix) and not k.endswith(LABEL_SUFFIX) and v:
            out[st.session_state.get(f"{k}{LABEL_SUFFIX}", k[len(prefix):])] = v
    return out


def _understood(result, cat) -> None:
    """The first thing the uploader sees: which municipality, which indicators, which years."""
    rows = result.rows
    if result.survey is not None and len(result.survey):
        years = sorted(set(result.survey["survey_year"].astype(int)))
        st.success(t("upload.understood_survey", n=result.survey["municipality_code"].nunique(),
                     year=", ".join(map(str, years))), icon=":material/check_circle:")
    elif len(rows):
        codes = result.municipality_codes
        munis = ", ".join(name(cat.municipality(c)) for c in codes[:5]) + (" …" if len(codes) > 5 else "")
        years = sorted(set(rows["year"].dropna().astype(int)))
        span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "–")
        st.success(t("upload.understood", munis=munis or "–", n_ind=rows["indicator"].nunique(), years=span,
                     rows=fmt.integer(len(rows))), icon=":material/check_circle:")
    else:
        st.warning(t("upload.nothing_understood"), icon=":material/warning:")
    if result.layouts:
        kinds = pd.Series(list(result.layouts.values())).value_counts()
        st.caption(t("upload.layouts", layouts="; ".join(f"{t('layout.' + k) if ('layout.' + k) in i18n.catalogue() else k}"
                                                         f" ({n})" for k, n in kinds.items())))


def _choices(result, cat, *, tag: str) -> None:
    """Pick the municipality when the file names none; map unknown names and labels to the catalogue."""
    codes = result.report.codes()
    if "no-municipality" in codes or st.session_state.get(f"{tag}_municipality"):
        options = [""] + [m.code for m in sorted(cat.municipalities, key=lambda m: fold(m.name_lv))]
        st.selectbox(t("upload.pick_municipality"), options, key=f"{tag}_municipality",
                     format_func=lambda c: name(cat.municipality(c)) if c else t("upload.no_choice"))
    unknown = list(result.unknown_municipalities)
    # labels mapped earlier stay listed, so the choice can be seen and changed after it resolved the issue
    unknown = list(dict.fromkeys([*unknown, *_mapped_labels(tag, "muni")]))
    # only the labels the library asked about (at most 50 of each kind), never every custom label of a national file
    asked = {c.label: c for c in getattr(result, "label_choices", [])}
    custom = list(dict.fromkeys([*asked, *_mapped_labels(tag, "ind")]))
    if not unknown and not custom:
        return
    st.markdown(f"**{t('upload.map_heading')}**")
    st.caption(t("upload.map_caption"))
    for label in unknown:
        first = [m.code for s in cat.areas_index.closest(label) if (m := cat.areas_index.municipality(s))]
        rest = [m.code for m in sorted(cat.municipalities, key=lambda m: fold(m.name_lv)) if m.code not in first]
        _mapping_row(_mapping_key(tag, "muni", label), label, ["", *first, *rest], label_key="upload.map_municipality",
                     format_func=lambda c: name(cat.municipality(c)) if c else t("upload.no_choice"))
    for label in custom:
        choice = _label_choice(tag, label, asked.get(label))
        if choice is None:
            continue
        if choice.reason == KIND_MISMATCH:
            _kind_row(tag, choice, cat)
            continue
        first = list(choice.suggestions)
        rest = [i.id for i in sorted(cat.indicators, key=lambda i: fold(i.name_lv)) if i.id not in first]
        _mapping_row(_mapping_key(tag, "ind", label), label, ["", *first, *rest], label_key="upload.map_indicator",
                     format_func=lambda i: _indicator_option(cat, i) if i else t("upload.keep_custom"))
    if "unmatched-indicators-more" in codes:
        st.caption(t("upload.map_more"))


KIND_MISMATCH = "kind-mismatch"  # analysis.ingest.matching.KIND_MISMATCH, as the report codes it
KEEP_CUSTOM = "=custom"  # analysis.ingest.matching.KEEP_CUSTOM: the mapping target "keep the file's label as custom"


def _indicator_option(cat, indicator_id: str) -> str:
    """A catalogue indicator as people know it: name and unit in the page's language, never its id."""
    ind = cat.indicator(indicator_id)
    return f"{name(ind)}, {field(ind, 'unit')}" if ind else indicator_id


def _label_choice(tag: str, label: str, choice):
    """The question asked about a label, kept for the session: once answered, the file no longer asks it."""
    key = f"{tag}_indchoice_{_mapping_key(tag, 'ind', label)}"
    if choice is not None:
        st.session_state[key] = choice
    return st.session_state.get(key)


def _preselect(result, *, tag: str) -> bool:
    """Seeds each clear best suggestion as the label's choice, once (a person's own choice, even 'keep', stays)."""
    seeded = False
    for choice in getattr(result, "label_choices", []):
        key = _mapping_key(tag, "ind", choice.label)
        if choice.preselect and key not in st.session_state:
            _label_choice(tag, choice.label, choice)
            st.session_state[key] = choice.preselect
            st.session_state[f"{key}{LABEL_SUFFIX}"] = choice.label
            seeded = True
    return seeded


def _kind_row(tag: str, choice, cat) -> None:
    """A label whose name is a catalogue indicator but whose unit says another kind: nothing stored until chosen."""
    matched = cat.indicator(choice.matched)
    st.caption(t("upload.kind_mismatch", said=t(f"upload.said_{choice.said}"), indicator=name(matched),
                 unit=field(matched, "unit")))
    others = [i.id for i in sorted(cat.indicators, key=lambda i: fold(i.name_lv))
              if i.id not in choice.suggestions and i.id != choice.matched]
    options = ["", choice.matched, KEEP_CUSTOM, *choice.suggestions, *others]

    def label_of(option: str) -> str:
        if not option:
            return t("upload.no_choice")
        if option == choice.matched:
            return t("upload.kind_store_as", indicator=_indicator_option(cat, option))
        if option == KEEP_CUSTOM:
            return t("upload.keep_custom")
        return t("upload.kind_map_to", indicator=_indicator_option(cat, option))

    _mapping_row(_mapping_key(tag, "ind", choice.label), choice.label, options, label_key="upload.map_kind",
                 format_func=label_of)


def _mapping_key(tag: str, kind: str, label: str) -> str:
    """One widget key per file and label (not per position: the list of unknown labels shrinks as they are mapped)."""
    return f"{tag}_{kind}_{hashlib.sha1(label.encode()).hexdigest()[:10]}"


def _mapped_labels(tag: str, kind: str) -> list[str]:
    """The file's labels the user has already mapped to a catalogue entry."""
    prefix = f"{tag}_{kind}_"
    return [v for k, v in st.session_state.items() if isinstance(k, str) and k.startswith(prefix)
            and k.endswith(LABEL_SUFFIX) and st.session_state.get(k[: -len(LABEL_SUFFIX)])]


def _mapping_row(key: str, label: str, options: list[str], *, label_key: str, format_func) -> None:
    """The file's own label as plain text (never markdown: it is the user's text) beside the catalogue choice."""
    st.session_state[f"{key}{LABEL_SUFFIX}"] = label
    left, right = st.columns([2, 3], vertical_alignment="center")
    left.text(f"“{label}”")
    right.selectbox(t(label_key), options, key=key, format_func=format_func, label_visibility="collapsed")


def _preview(result, cat, *, tag: str) -> None:
    rows = result.rows
    if not len(rows):
        return
    head = rows.head(PREVIEW_ROWS)
    table = pd.DataFrame({
        t("common.municipality"): [name(cat.municipality(c)) if cat.municipality(c) else c
                                   for c in head["municipality_code"]],
        t("upload.col_indicator_label"): [name(cat.indicator(i)) if cat.indicator(i) else i for i in head["indicator"]],
        t("common.year"): head["year"].to_numpy(),
        t("upload.col_value"): [fmt.number(v, decimals=2) for v in head["value"]],
        t("upload.col_count"): [fmt.number(v) for v in head["count"]],
        t("upload.col_denominator"): [fmt.number(v) for v in head["denominator"]],
        t("upload.col_sheet"): head["sheet"].to_numpy(),
        t("upload.col_source_row"): head["source_row"].to_numpy(),
    })
    with st.expander(t("upload.preview_heading", n=min(PREVIEW_ROWS, len(rows)))):
        st.dataframe(table, hide_index=True, key=f"{tag}_preview")


def _report_table(result) -> pd.DataFrame:
    issues = result.report.issues
    return pd.DataFrame({
        t("upload.col_severity"): [t(f"upload.severity_{i.severity}") for i in issues],
        t("upload.col_sheet"): [i.sheet or "" for i in issues],
        t("upload.col_row"): ["" if i.row is None else str(i.row) for i in issues],
        t("upload.col_column"): [i.column or "" for i in issues],
        t("upload.col_message"): [i.text(i18n.lang()) for i in issues],
        t("upload.col_code"): [i.code for i in issues],
        "severity": [i.severity for i in issues],
    })


def _report(result, *, tag: str) -> None:
    """The whole validation report, filterable and downloadable, so every problem is fixed in one go."""
    report = result.report
    st.markdown(f"**{t('upload.report_heading')}**")
    if not report.issues:
        st.caption(t("upload.report_clean"))
        return
    st.caption(t("upload.report_counts", **{s: report.count(s) for s in SEVERITIES}))
    table = _report_table(result)
    left, right = st.columns([3, 2])
    present = [s for s in SEVERITIES if report.count(s)]
    severities = left.multiselect(t("upload.filter_severity"), present, default=present, key=f"{tag}_sev",
                                  format_func=lambda s: t(f"upload.severity_{s}"))
    sheets = sorted({i.sheet for i in report.issues if i.sheet})
    sheet = right.selectbox(t("upload.filter_sheet"), ["", *sheets], key=f"{tag}_sheet",
                            format_func=lambda s: s or t("common.all")) if sheets else ""
    shown = table[table["severity"].isin(severities)]
    if sheet:
        shown = shown[shown[t("upload.col_sheet")] == sheet]
    st.dataframe(shown.drop(columns="severity"), hide_index=True, key=f"{tag}_report")
    full = table.drop(columns="severity")
    st.download_button(t("upload.report_download"), lambda: downloads.xlsx_bytes({"report": full}),
                       file_name=f"parbaude_{tag}.xlsx", mime=downloads.XLSX_MIME, key=f"{tag}_report_dl",
                       on_click="ignore", icon=":material/download:")


def _confirm(result, *, sha: str, tag: str, uploader: str) -> None:
    """Nothing is stored until the user confirms; errors block it unless only the valid rows are wanted."""
    earlier = upload_parts.stored_upload_id(sha)
    if earlier is not None:
        st.info(t("upload.already_stored", n=earlier), icon=":material/info:")
        _profile_link(result)
        return
    accept = False
    if not result.report.valid:
        st.warning(t("upload.has_errors"), icon=":material/warning:")
        accept = st.checkbox(t("upload.accept_valid"), key=f"{tag}_accept")
    has_rows = len(result.rows) or (result.survey is not None and len(result.survey))
    if st.button(t("upload.confirm"), type="primary", key=f"{tag}_confirm", icon=":material/save:",
                 disabled=not has_rows or (not result.report.valid and not accept)):
        with st.spinner(t("upload.storing")):
            stored = upload_parts.store(result, actor=login.current_actor(), accept_valid_rows=accept)
        if stored is None:
            ui.flash(t("upload.not_stored"))
        elif stored.duplicate:
            ui.flash(t("upload.duplicate", n=stored.upload_id))
        else:
            ui.flash(t("upload.stored", n=stored.upload_id, rows=fmt.integer(stored.n_rows)), detail=result.file_name)
            st.session_state[HISTORY_PICK] = stored.upload_id  # the history opens on what just changed
            codes = result.municipality_codes
            if len(codes) == 1:
                st.session_state[selection.CHOSEN_MUNICIPALITY] = codes[0]
        st.rerun()


def restore(upload_id: int, *, uploader: str) -> None:
    """The restore button's callback: runs before the page, so the history can open on the new version."""
    restored = upload_parts.restore(upload_id, actor=login.current_actor())
    ui.flash(t("upload.restored", n=restored))
    st.session_state[HISTORY_PICK] = restored


def _profile_link(result) -> None:
    codes = result.municipality_codes
    if len(codes) == 1:
        st.session_state[selection.CHOSEN_MUNICIPALITY] = codes[0]
        st.page_link("app_pages/profile.py", label=t("upload.see_profile"), icon=":material/location_city:")
