"""Fingerprints of floating-point results that every CPU reproduces, for frozen-value tests.

Why not a SHA-256 of the float64 bytes: NumPy and OpenBLAS choose their kernels by the CPU
they run on (NumPy's SIMD dispatch, ``np.show_runtime()``; OpenBLAS's core types such as
Haswell or SkylakeX). The AVX-512 kernels round some sums, products and logarithms
differently in the last bit from the AVX2 ones. A digest of the bytes froze one machine's
bits, and the same code then failed on an AVX-512 host (4 December 2026: 16 frozen cases,
every value equal to about 1e-16).

What a fingerprint keeps is what a refactor must not change: the shape, where the NaNs are,
the sum, the L1 norm, and three projections onto fixed pseudo-random weights. The weights
are PCG64 doubles from a fixed seed, the same bits on every platform. Each figure is compared
within ``REL`` of the L1 norm. That is about 1e4 ulps, so no CPU's rounding comes near it.
Yet a change of one element by more than ~1e-9 of the typical value moves a projection past
it, and so does any permutation. Text with numbers in it (records, tables) is digested after
rounding to ``DIGITS`` significant digits.
"""

from __future__ import annotations

import hashlib
import json
import math
from typing import Any

import numpy as np
import pandas as pd
import pytest

REL = 1e-12
DIGITS = 9
PROJECTIONS = 3
SEED = 20261204


def _weights(size: int) -> np.ndarray:
    return np.random.default_rng(SEED).random((PROJECTIONS, size))


def array_fingerprint(values: Any) -> dict[str, Any]:
    """The CPU-independent summary of a float array (see the module docstring)."""
    flat = np.asarray(values, dtype=np.float64).ravel()
    missing = np.isnan(flat)
    filled = np.where(missing, 0.0, flat)
    return {
        "shape": list(np.shape(values)),
        "nan": hashlib.sha256(np.packbits(missing).tobytes()).hexdigest()[:16],
        "sum": math.fsum(filled),
        "l1": math.fsum(np.abs(filled)),
        "projections": [math.fsum(w * filled) for w in _weights(flat.size)],
    }


def assert_same_array(got: dict[str, Any], expected: dict[str, Any], what: str) -> None:
    """Two fingerprints of the same computation, within ``REL`` of the expected L1 norm."""
    assert got["shape"] == expected["shape"], what
    assert got["nan"] == expected["nan"], what
    tolerance = REL * max(expected["l1"], 1e-300)
    for key in ("sum", "l1"):
        assert got[key] == pytest.approx(expected[key], rel=0, abs=tolerance), f"{what}: {key}"
    for g, e in zip(got["projections"], expected["projections"], strict=True):
        assert g == pytest.approx(e, rel=0, abs=tolerance), f"{what}: projection"


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return value if not math.isfinite(value) else float(f"{value:.{DIGITS}g}")
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_rounded(v) for v in value]
    return value


def records_digest(records: Any) -> str:
    """SHA-256 of JSON records with every float rounded to ``DIGITS`` significant digits."""
    return hashlib.sha256(json.dumps(_rounded(records), sort_keys=True).encode()).hexdigest()


def frame_digest(*frames: pd.DataFrame, text: str = "") -> str:
    """SHA-256 of tables as CSV, floats to ``DIGITS`` significant digits, then ``text``."""
    csv = "".join(frame.to_csv(float_format=f"%.{DIGITS}g") for frame in frames)
    return hashlib.sha256((csv + text).encode()).hexdigest()
