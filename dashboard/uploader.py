"""Streamlit's file uploader in the page's language: its own English words ("Drag and drop", "50MB per file",
"Upload") are hidden by a style sheet scoped to our uploaders, and our caption and button word stand in."""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard.i18n import lang, t

SCOPE = "bta-drop"  # a container key: Streamlit gives the container the class st-key-<key>

# a fixed style sheet but for the button's word, which comes from translations.yaml (never from a user)
_STYLE = """<style>
[class*="st-key-%(scope)s"] [data-testid="stFileUploaderDropzoneInstructions"] { display: none; }
[class*="st-key-%(scope)s"] [data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"]
  [data-testid="stMarkdownContainer"] { display: none; }
[class*="st-key-%(scope)s"] [data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"]
  > div > span::after { content: "%(button)s"; }
</style>"""


def _css_string(text: str) -> str:
    """Text safe inside a CSS double-quoted string (a translator's quote or backslash cannot end it)."""
    return "".join(ch if ch.isalnum() or ch in " .,:;–-()" else f"\\{ord(ch):x} " for ch in text)


def style_sheet(lang_: str) -> str:
    from dashboard.i18n import catalogue

    return _STYLE % {"scope": SCOPE, "button": _css_string(catalogue()["uploader.button"][lang_])}


def file_uploader(label: str, *, key: str, types: list[str] | tuple[str, ...], multiple: bool = False,
                  limit_mb: float | None = None) -> Any:
    """st.file_uploader with our words: what to do, which types, how large (the server's limit unless smaller)."""
    server_mb = float(st.get_option("server.maxUploadSize"))
    limit = min(server_mb, limit_mb) if limit_mb else server_mb
    with st.container(key=f"{SCOPE}-{key}"):
        st.html(style_sheet(lang()))
        files = st.file_uploader(label, type=list(types), accept_multiple_files=multiple, key=key)
        st.caption(t("uploader.hint_many" if multiple else "uploader.hint_one",
                     types=", ".join(f".{x}" for x in types), limit=f"{limit:g}"))
    return files
