"""Weight distributions for SMAA-2, drawn as a reproducible stream.

Three models (Lahdelma, R. & Salminen, P. (2001). SMAA-2: Stochastic multicriteria
acceptability analysis for group decision making. *Operations Research* 49(3):444-454,
section 3, use the uniform one when nothing is known about the weights):

* ``uniform``: uniform on the simplex, i.e. Dirichlet(1, ..., 1), drawn as normalised
  standard exponentials (Rubinstein, R. Y. & Kroese, D. P. (2008). *Simulation and the
  Monte Carlo Method*, 2nd ed., Wiley, algorithm 2.5.3).
* ``dirichlet``: around given weights ``w`` with concentration ``kappa``:
  Dirichlet(kappa * w), mean ``w``, variance ``w_j (1 - w_j) / (kappa + 1)`` (Kotz,
  Balakrishnan & Johnson (2000). *Continuous Multivariate Distributions* vol. 1, ch. 49).
  ``kappa = 50`` gives ``w = 0.27`` a standard deviation of 0.062. A zero weight stays 0.
* ``intervals``: uniform on the part of the simplex with ``lo_j <= w_j <= hi_j``, by
  rejection: ``w = lo + (1 - sum lo) u`` with ``u`` uniform on the simplex (an affine map,
  so still uniform), kept when ``w <= hi``.

Candidates are drawn in fixed batches whatever the caller's chunk size, so the sequence of
weights depends on the seed only: chunked and unchunked runs see identical samples.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike, NDArray

from exportmcda.errors import ConfigError, Note
from exportmcda.labels import note_text
from exportmcda.rank.inputs import read_only

__all__ = ["WEIGHT_MODELS", "WeightModel", "WeightStream"]

FloatArray = NDArray[np.float64]

WEIGHT_MODELS = ("uniform", "dirichlet", "intervals")

_BATCH = 4_096
# Rejection gives up after this many candidates without one acceptance.
_MAX_TRIES = 4_000_000


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class WeightModel:
    """A distribution of weight vectors on the simplex (see the module docstring)."""

    kind: str
    dimension: int
    center: FloatArray | None = None
    concentration: float = 50.0
    lower: FloatArray | None = None
    upper: FloatArray | None = None

    @classmethod
    def uniform(cls, dimension: int) -> WeightModel:
        """Uniform on the simplex (SMAA-2 with no weight information)."""
        if dimension < 1:
            raise ConfigError.single("smaa.dimension", "need at least one criterion")
        return cls(kind="uniform", dimension=dimension)

    @classmethod
    def around(cls, weights: ArrayLike, concentration: float = 50.0) -> WeightModel:
        """Dirichlet(concentration * w): mean ``w``, spread shrinking as ``concentration`` grows."""
        w = np.asarray(weights, dtype=float)
        if w.ndim != 1 or np.any(w < 0) or not np.isclose(w.sum(), 1.0) or concentration <= 0:
            raise ConfigError.single(
                "smaa.center",
                "the centre must be non-negative weights summing to 1 and the concentration "
                f"positive; got sum {w.sum()!r}, concentration {concentration!r}",
            )
        return cls(
            kind="dirichlet",
            dimension=w.size,
            center=read_only(w),
            concentration=float(concentration),
        )

    @classmethod
    def intervals(cls, lower: ArrayLike, upper: ArrayLike) -> WeightModel:
        """Uniform on the simplex restricted to ``lower <= w <= upper`` (element-wise)."""
        lo = np.asarray(lower, dtype=float)
        hi = np.asarray(upper, dtype=float)
        if lo.shape != hi.shape or lo.ndim != 1 or np.any(lo < 0) or np.any(hi > 1):
            raise ConfigError.single(
                "smaa.intervals", "intervals need equal-length lower/upper bounds within [0, 1]"
            )
        if np.any(lo > hi):
            j = int(np.flatnonzero(lo > hi)[0])
            raise ConfigError.single(
                "smaa.intervals",
                f"criterion {j + 1}: lower bound {lo[j]} > upper {hi[j]}",
            )
        if lo.sum() > 1.0 + 1e-12 or hi.sum() < 1.0 - 1e-12:
            raise ConfigError.single(
                "smaa.intervals_infeasible",
                f"no weights within these intervals sum to 1: the lower bounds sum to "
                f"{lo.sum():.4g} (must be <= 1) and the upper bounds to {hi.sum():.4g} "
                "(must be >= 1)",
            )
        return cls(kind="intervals", dimension=lo.size, lower=read_only(lo), upper=read_only(hi))

    def note(self) -> Note:
        """The model as a note (``smaa_uniform``, ``smaa_around``, ``smaa_intervals``)."""
        if self.kind == "uniform":
            return Note.of("smaa_uniform")
        if self.kind == "dirichlet":
            return Note.of("smaa_around", kappa=self.concentration)
        return Note.of("smaa_intervals")

    def describe(self) -> str:
        """One line stating the model, for reports (English; :meth:`note` to translate)."""
        return note_text(self.note())

    def stream(self, rng: np.random.Generator) -> WeightStream:
        """A reproducible stream of weight vectors from ``rng``."""
        return WeightStream(model=self, rng=rng)


@dataclass(slots=True, kw_only=True)
class WeightStream:
    """Serves weight vectors in any chunk sizes from fixed-size draws (chunk-invariant)."""

    model: WeightModel
    rng: np.random.Generator
    _buffer: FloatArray = field(default_factory=lambda: np.empty((0, 0)))

    def _simplex(self, d: int) -> FloatArray:
        e = self.rng.standard_exponential((_BATCH, d))
        out: FloatArray = e / e.sum(axis=1, keepdims=True)
        return out

    def _draw(self) -> FloatArray:
        m = self.model
        d = m.dimension
        if m.kind == "uniform":
            return self._simplex(d)
        if m.kind == "dirichlet":
            assert m.center is not None
            out = np.zeros((_BATCH, d))
            live = m.center > 0
            g = self.rng.standard_gamma(m.concentration * m.center[live], (_BATCH, int(live.sum())))
            out[:, live] = g / g.sum(axis=1, keepdims=True)
            return out
        assert m.lower is not None
        assert m.upper is not None
        slack = 1.0 - m.lower.sum()
        tries = 0
        while True:
            w = m.lower + slack * self._simplex(d)
            keep = np.all(w <= m.upper + 1e-15, axis=1)
            if keep.any():
                kept: FloatArray = w[keep]
                return kept
            tries += _BATCH
            if tries >= _MAX_TRIES:
                raise ConfigError.single(
                    "smaa.intervals_too_narrow",
                    f"rejection sampling accepted none of {tries:,} candidates: the intervals "
                    "leave too small a part of the simplex (widen them)",
                )

    def take(self, count: int) -> FloatArray:
        """The next ``count`` weight vectors, shape (count, dimension)."""
        parts = [self._buffer] if self._buffer.size else []
        have = self._buffer.shape[0] if self._buffer.size else 0
        while have < count:
            block = self._draw()
            parts.append(block)
            have += block.shape[0]
        pool = np.concatenate(parts) if parts else np.empty((0, self.model.dimension))
        self._buffer = pool[count:]
        out: FloatArray = pool[:count]
        return out
