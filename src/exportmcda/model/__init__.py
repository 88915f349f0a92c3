"""The study's decision model: criteria, measures, scenarios, selection, explanation, comparison.

It turns the data into decision matrices and calls the engines (ahp, rank, robustness).
"""
