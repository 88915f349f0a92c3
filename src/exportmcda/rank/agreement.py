"""Agreement between rankings of the same alternatives: the cross-check of TOPSIS.

The house style asks that TOPSIS be cross-checked against other methods and the rank
agreement reported; this is that report, one row per pair of methods.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping

import numpy as np
import pandas as pd

from exportmcda.errors import InputError
from exportmcda.rank import pymcdm_adapter
from exportmcda.rank.engine import RankResult
from exportmcda.rank.ranks import kendall_tau_b, top_n_overlap

__all__ = ["rank_agreement"]


def rank_agreement(results: Mapping[str, RankResult], *, top_n: int = 3) -> pd.DataFrame:
    """Pairwise agreement of rankings of the same alternatives (a cross-check of TOPSIS).

    One row per pair with Spearman's rho (``pymcdm.correlations.spearman`` on average
    ranks, i.e. Pearson on ranks, NaN when a ranking is constant), Kendall's tau-b
    (:func:`~exportmcda.rank.ranks.kendall_tau_b`) and the top-``top_n`` overlap share.

    Raises
    ------
    InputError
        If the results do not rank the same alternatives in the same order.
    """
    names = list(results)
    rows = []
    for a_pos, a in enumerate(names):
        for b in names[a_pos + 1 :]:
            ra, rb = results[a], results[b]
            if ra.alternatives != rb.alternatives:
                raise InputError.single(
                    "ranking.agreement_alternatives",
                    f"results '{a}' and '{b}' rank different alternatives",
                )
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)  # constant ranking -> NaN below
                with np.errstate(invalid="ignore", divide="ignore"):
                    rho = pymcdm_adapter.spearman(ra.ranks, rb.ranks)
            rows.append(
                {
                    "method_a": a,
                    "method_b": b,
                    "spearman": rho,
                    "kendall_tau_b": kendall_tau_b(ra.ranks, rb.ranks),
                    "top_n": min(top_n, len(ra.ranks)),
                    "top_n_overlap": top_n_overlap(ra.ranks, rb.ranks, min(top_n, len(ra.ranks))),
                }
            )
    columns = ["method_a", "method_b", "spearman", "kendall_tau_b", "top_n", "top_n_overlap"]
    return pd.DataFrame(rows, columns=columns)
