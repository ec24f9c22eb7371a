"""Child-rights situation analysis: the library behind the dashboard (no Streamlit here, ever)."""

__version__ = "0.1.0"
