"""The registry of ranking methods and normalisations, defined once for CLI, app and docs.

Each entry says how to build the pymcdm 1.4 object, whether a higher score is better,
which normalisations it accepts and which one exportmcda uses by default. Defaults differ
from pymcdm's on purpose and are always passed explicitly and recorded in the result:
TOPSIS uses vector normalisation (Hwang & Yoon 1981, the textbook method; pymcdm defaults
to min-max, which can change the winner, see ``topsis-opricovic2004-minmax`` in
``tests/fixtures/mcda-cases.json``), and the weighted sum uses min-max because the raw sum is
meaningful only when all criteria share a unit (Triantaphyllou 2000, ch. 2) and pymcdm's
sum normalisation refuses zeros, which criterion scores often contain.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
from numpy.typing import NDArray

from exportmcda.errors import ConfigError
from exportmcda.rank import pymcdm_adapter

__all__ = [
    "METHODS",
    "NORMALIZATIONS",
    "PROMETHEE_NEEDS",
    "MethodSpec",
    "NormalizationFn",
    "build_method",
    "no_normalization",
    "resolve",
]

NormalizationFn = Callable[..., NDArray[np.float64]]


def no_normalization(x: NDArray[np.float64], cost: bool = False) -> NDArray[np.float64]:
    """Raw values; a cost column is reflected as ``max(x) - x`` so that more is better.

    This is pymcdm's built-in VIKOR default (``methods/vikor.py``, ``_fake_normalization``):
    VIKOR then applies Opricovic & Tzeng's (2004) own ``(f* - f)/(f* - f-)`` scaling. For a
    weighted sum the reflection only shifts scores by a constant and keeps the ranking of
    ``sum w x`` with cost terms subtracted.
    """
    values = np.asarray(x, dtype=float)
    return np.max(values) - values if cost else values.copy()


class _Normalizations(Mapping[str, NormalizationFn]):
    """Normalisation names, known without importing pymcdm; each function fetched on use."""

    def __init__(self, names: tuple[str, ...]) -> None:
        self._names = names

    def __getitem__(self, name: str) -> NormalizationFn:
        if name not in self._names:
            raise KeyError(name)
        return no_normalization if name == "none" else pymcdm_adapter.normalization(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


#: Column normalisations by name (pymcdm 1.4 ``pymcdm.normalizations``, through
#: :mod:`~exportmcda.rank.pymcdm_adapter`; cost columns use each function's own cost variant,
#: e.g. vector ``1 - x/||x||``).
NORMALIZATIONS: Mapping[str, NormalizationFn] = _Normalizations(
    ("vector", "minmax", "max", "sum", "linear", "none")
)

# Parameters each PROMETHEE preference function needs (Brans, J. P. & Vincke, P. (1985).
# A preference ranking organisation method. Management Science 31(6):647-656, Fig. 1;
# pymcdm names: usual = type I, ushape = II, vshape = III, level = IV, vshape_2 = V).
PROMETHEE_NEEDS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {"usual": (), "ushape": ("q",), "vshape": ("p",), "level": ("p", "q"), "vshape_2": ("p", "q")}
)


@dataclass(frozen=True, slots=True, kw_only=True)
class MethodSpec:
    """One ranking method: how to build it and how to read its score."""

    name: str
    label: str
    higher_is_better: bool
    score_name: str
    normalizations: tuple[str, ...]
    default_normalization: str | None
    defaults: Mapping[str, Any] = field(default_factory=dict)
    reference: str
    factory: Callable[[NormalizationFn | None, Mapping[str, Any]], Any]


# The factories import pymcdm.methods (and with it matplotlib) only when a method is built.
def _topsis(norm: NormalizationFn | None, params: Mapping[str, Any]) -> Any:
    return pymcdm_adapter.method_class("TOPSIS")(norm)


def _vikor(norm: NormalizationFn | None, params: Mapping[str, Any]) -> Any:
    return pymcdm_adapter.method_class("VIKOR")(norm, v=params["v"])


def _wsm(norm: NormalizationFn | None, params: Mapping[str, Any]) -> Any:
    return pymcdm_adapter.method_class("WSM")(norm)


def _promethee(norm: NormalizationFn | None, params: Mapping[str, Any]) -> Any:
    return pymcdm_adapter.method_class("PROMETHEE_II")(
        params["preference_function"], p=params["p"], q=params["q"]
    )


def _spotis(norm: NormalizationFn | None, params: Mapping[str, Any]) -> Any:
    return pymcdm_adapter.method_class("SPOTIS")(params["bounds"])


#: Methods by name. ``topsis`` is exportmcda's ranking; the others are cross-checks.
METHODS: Mapping[str, MethodSpec] = MappingProxyType(
    {
        "topsis": MethodSpec(
            name="topsis",
            label="TOPSIS",
            higher_is_better=True,
            score_name="closeness",
            normalizations=("vector", "minmax", "max", "sum", "linear"),
            default_normalization="vector",
            reference="Hwang, C. L. & Yoon, K. (1981). Multiple Attribute Decision Making. "
            "Springer, pp. 128-140",
            factory=_topsis,
        ),
        "vikor": MethodSpec(
            name="vikor",
            label="VIKOR",
            higher_is_better=False,
            score_name="Q",
            normalizations=("none", "minmax", "vector", "max", "sum"),
            default_normalization="none",
            defaults={"v": 0.5},
            reference="Opricovic, S. & Tzeng, G.-H. (2004). Compromise solution by MCDM "
            "methods. EJOR 156(2):445-455",
            factory=_vikor,
        ),
        "wsm": MethodSpec(
            name="wsm",
            label="Weighted sum",
            higher_is_better=True,
            score_name="weighted sum",
            normalizations=("minmax", "sum", "max", "vector", "none"),
            default_normalization="minmax",
            reference="Triantaphyllou, E. (2000). Multi-Criteria Decision Making Methods: "
            "A Comparative Study. Springer, ch. 2",
            factory=_wsm,
        ),
        "promethee_ii": MethodSpec(
            name="promethee_ii",
            label="PROMETHEE II",
            higher_is_better=True,
            score_name="net flow",
            normalizations=(),
            default_normalization=None,
            defaults={"preference_function": "usual", "p": None, "q": None},
            reference="Brans, J. P. & Vincke, P. (1985). Management Science 31(6):647-656 "
            "(flows divided by m - 1 as in pymcdm)",
            factory=_promethee,
        ),
        "spotis": MethodSpec(
            name="spotis",
            label="SPOTIS",
            higher_is_better=False,
            score_name="distance to ideal",
            normalizations=(),
            default_normalization=None,
            defaults={"bounds": None},
            reference="Dezert, J. et al. (2020). The SPOTIS rank reversal free method for "
            "multi-criteria decision-making support. FUSION 2020, pp. 1-8",
            factory=_spotis,
        ),
    }
)


def resolve(
    method: str, normalization: str | None, params: Mapping[str, Any]
) -> tuple[MethodSpec, str | None, dict[str, Any]]:
    """Look up a method, its normalisation and parameters (defaults filled in).

    Raises
    ------
    ConfigError
        Unknown method, a normalisation the method does not accept, an unknown parameter.
    """
    spec = METHODS.get(method)
    if spec is None:
        raise ConfigError.single(
            "ranking.unknown_method",
            f"unknown ranking method {method!r}; choose one of {', '.join(METHODS)}",
            value=method,
        )
    if not spec.normalizations:
        if normalization not in (None, "none"):
            raise ConfigError.single(
                "ranking.bad_normalization",
                f"{spec.label} has no normalisation step, got normalization={normalization!r}",
                value=normalization,
            )
        chosen = None
    else:
        chosen = spec.default_normalization if normalization is None else normalization
        if chosen not in spec.normalizations:
            raise ConfigError.single(
                "ranking.bad_normalization",
                f"{spec.label} accepts normalization {', '.join(spec.normalizations)}; "
                f"got {normalization!r}",
                value=normalization,
            )
    unknown = sorted(set(params) - set(spec.defaults))
    if unknown:
        raise ConfigError.single(
            "ranking.unknown_parameter",
            f"{spec.label} has no parameter {', '.join(unknown)}; "
            f"it takes {', '.join(spec.defaults) or 'none'}",
            value=", ".join(unknown),
        )
    return spec, chosen, {**spec.defaults, **params}


def build_method(spec: MethodSpec, normalization: str | None, params: Mapping[str, Any]) -> Any:
    """Instantiate the pymcdm object; its own parameter errors become ``ConfigError``."""
    norm = None if normalization is None else NORMALIZATIONS[normalization]
    try:
        return spec.factory(norm, params)
    except (ValueError, TypeError, AttributeError) as exc:
        raise ConfigError.single(
            "ranking.bad_parameter", f"{spec.label}: {exc}", value=str(dict(params))
        ) from None
