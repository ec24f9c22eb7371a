"""Datu augšupielāde / Upload: drop files, see what was understood and what is wrong, confirm; versions and restore."""

import streamlit as st

from analysis.access import may_read_audit, may_upload
from dashboard import data, login, ui, upload_audit, upload_fetch, upload_flow
from dashboard.app_pages import upload_parts
from dashboard.i18n import t
from dashboard.uploader import file_uploader

st.title(t("upload.title"))
actor = login.current_actor()
if not may_upload(actor):  # the router hides this page from them; a direct address gets this, and the library refuses
    st.warning(t("login.upload_needs_login"), icon=":material/lock:")
    st.stop()
st.caption(t("upload.lead"))
ui.show_flash()

# ---- select: files (stored in the name of the logged-in account)
uploader = actor.name
files = file_uploader(t("upload.files"), types=upload_flow.EXTENSIONS, multiple=True, key="upload_files")

# ---- compute + show: one section per file (parsed once per file content)
for file in files or []:
    upload_flow.file_section(file, uploader=uploader)

# ---- the statistics portal's tables, for national analysts
st.divider()
upload_fetch.section(actor)

# ---- who did what: the audit log, for national analysts
if may_read_audit(actor):
    st.divider()
    upload_audit.section(actor)

# ---- history: versions, what changed, restore
st.divider()
st.subheader(t("upload.history_heading"))
history = data.uploads()
if history.empty:
    st.info(t("upload.history_empty"), icon=":material/info:")
    st.stop()
st.caption(t("upload.history_caption"))
st.dataframe(upload_parts.upload_history(history), hide_index=True,
             key="history")

labels = {int(r.id): f"{int(r.id)} · {r.file_name} · v{int(r.version)}" for r in history.itertuples()}
if st.session_state.get(upload_flow.HISTORY_PICK) not in labels:
    st.session_state.pop(upload_flow.HISTORY_PICK, None)  # a stale choice (another database): start at the newest
chosen = st.selectbox(t("upload.pick_version"), list(labels), format_func=labels.get, key=upload_flow.HISTORY_PICK)
st.markdown(f"**{t('upload.diff_heading')}**")
diff = data.upload_diff(chosen)
if diff is None:
    st.caption(t("upload.diff_first"))
elif diff.empty:
    st.caption(t("upload.diff_none"))
else:
    counts = diff["change"].value_counts()
    st.caption(t("upload.diff_summary", **{k: int(counts.get(k, 0)) for k in ("added", "changed", "removed")}))
    st.dataframe(upload_parts.diff_table(diff), hide_index=True, key="diff")
latest = upload_parts.is_latest_version(chosen)
st.button(t("upload.restore_button"), help=t("upload.restore_help"), key="restore", icon=":material/history:",
          disabled=latest, on_click=upload_flow.restore, args=(chosen,), kwargs={"uploader": uploader})
if latest:
    st.caption(t("upload.restore_latest"))
