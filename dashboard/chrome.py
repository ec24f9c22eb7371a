"""Streamlit's and plotly's own words (skip link, toolbar and modebar buttons) in the page's language.

Streamlit draws them in English with no option to change it; a screen reader reads them out and a hover shows them,
so on a Latvian page they are one more language leak. One constant script (the pairs come from translations.yaml
under `chrome.`, never from user text) puts <html lang> right and swaps those exact strings as they appear.
"""

from __future__ import annotations

import json

import streamlit as st

from dashboard.i18n import LANGS, catalogue

ATTRIBUTES = ("aria-label", "title", "data-title", "placeholder")
SCRIPT = """<script>
(() => {
  const doc = document;
  const pairs = __PAIRS__, prefixes = __PREFIXES__, attrs = __ATTRS__;
  // our own content (and anything a user typed) is never touched, only Streamlit's and plotly's chrome
  const ours = "[data-testid=stMarkdown], [data-testid=stTable], [data-testid=stCaptionContainer], " +
    "[data-testid=stAlert], [data-testid=stHeading], [data-testid=stMetric], [data-testid=stExpander] summary";
  doc.documentElement.lang = "__LANG__";
  const swap = (s) => {
    const k = s.trim();
    if (Object.prototype.hasOwnProperty.call(pairs, k)) return s.replace(k, pairs[k]);
    for (const [from, to] of prefixes) if (k.startsWith(from)) return s.replace(from, to);
    return s;
  };
  const fix = () => {
    for (const el of doc.querySelectorAll(attrs.map((a) => `[${a}]`).join(","))) {
      for (const a of attrs) {
        const v = el.getAttribute(a);
        if (v) { const n = swap(v); if (n !== v) el.setAttribute(a, n); }
      }
    }
    const walk = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const v = n.nodeValue;
      if (!v || !v.trim() || v.length > 80 || !n.parentElement || n.parentElement.closest(ours)) continue;
      const s = swap(v);
      if (s !== v) n.nodeValue = s;
    }
  };
  const w = doc.defaultView;
  w.__chromeFix = fix;
  if (!w.__chromeObserver) {
    let queued = false;
    w.__chromeObserver = new w.MutationObserver(() => {
      if (queued) return;
      queued = true;
      w.requestAnimationFrame(() => { queued = false; w.__chromeFix(); });
    });
    w.__chromeObserver.observe(doc.body, {subtree: true, childList: true, characterData: true,
                                          attributes: true, attributeFilter: attrs});
  }
  fix();
})();
</script>"""


def pairs(code: str) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """({whole string: its words in `code`}, [(prefix, its words)]) from the other language into `code`."""
    other = next(c for c in LANGS if c != code)
    whole, prefixes = {}, []
    for key, entry in catalogue().items():
        if key.startswith("chrome.prefix."):
            prefixes.append((entry[other], entry[code]))
        elif key.startswith("chrome."):
            whole[entry[other]] = entry[code]
    return whole, prefixes


def page_language(code: str, *, sidebar: bool) -> None:
    """Sets <html lang> and Streamlit's own words to `code` (a code from LANGS, never user text); the script sits in
    the sidebar, or on the page when there is none (print)."""
    if code not in LANGS:
        return
    whole, prefixes = pairs(code)
    script = (SCRIPT.replace("__PAIRS__", json.dumps(whole)).replace("__PREFIXES__", json.dumps(prefixes))
              .replace("__ATTRS__", json.dumps(list(ATTRIBUTES))).replace("__LANG__", code))
    (st.sidebar if sidebar else st).html(script, unsafe_allow_javascript=True)
