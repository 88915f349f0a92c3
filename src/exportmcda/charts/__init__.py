"""Altair chart specifications (pure: data in, chart out); the app only displays them."""
