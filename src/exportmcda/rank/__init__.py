"""Ranking, generic: directions, input checks, method registry, TOPSIS via pymcdm, ranks.

An engine: matrices in, scores and ranks out; it never imports the study's data or model.
"""
