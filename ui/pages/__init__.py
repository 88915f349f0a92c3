"""App pages, one module each; ``app.py`` wires them with ``st.navigation``."""
