"""Robustness, generic: weight spaces, one-at-a-time intervals, pair flips, SMAA-2, cross-checks.

An engine over the rank engine; the model builds its weight space from a selection.
"""
