"""Streamlit user interface: a thin layer over the exportmcda library."""
