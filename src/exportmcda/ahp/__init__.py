"""AHP, generic: judgments, priorities, consistency (named RI tables), diagnostics, expert panels.

An engine: it knows pairwise matrices, never the study's criteria (import-linter checks it).
"""
