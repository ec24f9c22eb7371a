"""Streamlit's file uploader in the page's language, without its own English words ("Drag and drop", "50MB per file",
"Upload"): the instructions are hidden by a style sheet scoped to our uploaders with our caption in their place, and
the button's word is swapped like the rest of Streamlit's chrome."""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard.i18n import t

SCOPE = "bta-drop"  # a container key: Streamlit gives the container the class st-key-<key>

# a constant style sheet: Streamlit's "Drag and drop … / Limit 50MB per file" give way to our caption, which says
# the same in the page's language; the button's own word is swapped by dashboard/chrome.py, so it keeps a real name
STYLE = """<style>
[class*="st-key-%s"] [data-testid="stFileUploaderDropzoneInstructions"] { display: none; }
</style>""" % SCOPE


def file_uploader(label: str, *, key: str, types: list[str] | tuple[str, ...], multiple: bool = False,
                  limit_mb: float | None = None) -> Any:
    """st.file_uploader with our words: what to do, which types, how large (the server's limit unless smaller)."""
    server_mb = float(st.get_option("server.maxUploadSize"))
    limit = min(server_mb, limit_mb) if limit_mb else server_mb
    with st.container(key=f"{SCOPE}-{key}"):
        st.html(STYLE)
        files = st.file_uploader(label, type=list(types), accept_multiple_files=multiple, key=key)
        st.caption(t("uploader.hint_many" if multiple else "uploader.hint_one",
                     types=", ".join(f".{x}" for x in types), limit=f"{limit:g}"))
    return files
