"""The floor of `make bench`: the smallest Streamlit page a person can wait for — a title, one picker, one chart."""

import plotly.graph_objects as go
import streamlit as st

LANGS = {"lv": "Latviešu", "en": "English"}
TITLE = {"lv": "Grīda", "en": "Floor"}

lang = st.sidebar.radio("Valoda / Language", list(LANGS), format_func=LANGS.get, horizontal=True, key="lang")
st.title(TITLE[lang])
n = st.selectbox("Punkti / Points", [43, 42, 41], key="points")
values = [(i * 37) % 101 for i in range(n)]
st.subheader(f"{TITLE[lang]} {n}")
st.plotly_chart(go.Figure(data=[{"type": "bar", "x": list(range(n)), "y": values}]), key="chart")
