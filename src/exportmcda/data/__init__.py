"""The study's data: taxonomy, database (read, validated), overview tables, countries.

Nothing here knows about weights or ranking; the model and the exports read from it.
"""
