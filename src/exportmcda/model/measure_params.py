"""The parameters a criteria file may give a measure, and their checks.

Kept apart from :mod:`exportmcda.model.measures` (which computes the values and needs the
hierarchy's types) so that the hierarchy can check its own parameters on load without an
import cycle: criteria → measure_params ← measures → criteria.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from exportmcda.data.countries import SourceType
from exportmcda.data.database import CERTIFICATIONS, EVIDENCE_COLUMNS
from exportmcda.data.taxonomy import CLASS_SCALES, Dimension, lookup
from exportmcda.errors import ConfigError

__all__ = [
    "AGGREGATES",
    "EVIDENCE_WEIGHTS",
    "MEASURE_NAMES",
    "MISSING",
    "POLICY_AGGREGATES",
    "SOURCE_TYPES",
    "TRANSFORMS",
    "check_params",
    "size_scores",
]

MEASURE_NAMES: tuple[str, ...] = (
    "field_share",
    "service_type_share",
    "company_size",
    "company_class",
    "region_share",
    "policy_fit",
    "evidence_count",
    "code_count",
    "certification_score",
)
"""Every measure a criteria file may name (:data:`exportmcda.model.measures.MEASURES`)."""

AGGREGATES = ("max", "mean", "sum")
POLICY_AGGREGATES = (*AGGREGATES, "primary_mean", "primary_plus")
"""A policy-fit leaf also takes ``primary_mean`` (the primary field and a share for the others,
a weighted mean) and ``primary_plus`` (primary field + a credit for the others, capped at 1)."""
EVIDENCE_WEIGHTS = ("source_weights", "corroboration_step", "corroboration_max", "assumed_factor")
"""The evidence-weighting constants of a policy-fit leaf: all of them or none."""
TRANSFORMS = ("none", "log1p")
SOURCE_TYPES = tuple(t.value for t in SourceType)
MISSING = ("worst", "median", "mean")


def size_scores(raw: Any, leaf_id: str, path: str) -> dict[int, float]:
    """A company-size leaf's ``scores`` table by size number (ConfigError naming the leaf)."""
    if not isinstance(raw, Mapping):
        raise ConfigError.single(
            "bad_param", "'scores' must map each company size to a number", path=path,
            field=f"{leaf_id}.scores",
        )
    out: dict[int, float] = {}
    for name, value in raw.items():
        cat = lookup(Dimension.COMPANY_SIZE, name)
        if cat is None or not isinstance(value, int | float):
            raise ConfigError.single(
                "bad_param", "unknown company size or non-numeric score", path=path,
                field=f"{leaf_id}.scores", value=f"{name} = {value}",
            )
        out[cat.number] = float(value)
    missing = [c.en for c in Dimension.COMPANY_SIZE.categories if c.number not in out]
    if missing:
        raise ConfigError.single(
            "bad_param", f"'scores' lacks: {', '.join(missing)}", path=path,
            field=f"{leaf_id}.scores",
        )
    return out


def _check_evidence(measure: str, p: Mapping[str, Any], leaf_id: str, path: str) -> None:
    """The technology-level evidence measures' ``column``, ``transform`` and ``scores``."""
    kinds = {"evidence_count": ("count", "year"), "code_count": ("countries", "certifications")}
    if measure in kinds:
        allowed = [c.name for c in EVIDENCE_COLUMNS if c.kind in kinds[measure]]
        if p.get("column") not in allowed:
            raise ConfigError.single(
                "bad_param", f"column must be one of {', '.join(allowed)}", path=path,
                field=f"{leaf_id}.column", value=p.get("column"),
            )
    if "transform" in p and p["transform"] not in TRANSFORMS:
        raise ConfigError.single(
            "bad_param", f"transform must be one of {', '.join(TRANSFORMS)}", path=path,
            field=f"{leaf_id}.transform", value=p["transform"],
        )
    if measure == "certification_score":
        raw = p.get("scores")
        needed = {*CERTIFICATIONS, "other"}
        if (not isinstance(raw, Mapping) or set(raw) != needed
                or not all(isinstance(v, int | float) for v in raw.values())):
            raise ConfigError.single(
                "bad_param", f"'scores' must give a number for each of {', '.join(sorted(needed))}",
                path=path, field=f"{leaf_id}.scores",
            )


def _fraction(p: Mapping[str, Any], key: str, leaf_id: str, path: str) -> None:
    value = p.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise ConfigError.single(
            "bad_param", f"{key} must be a number from 0 to 1", path=path,
            field=f"{leaf_id}.{key}", value=value,
        )


def _check_policy_fit(p: Mapping[str, Any], leaf_id: str, path: str) -> None:
    """The policy-fit leaf's aggregation and evidence-weighting constants (issue 10)."""
    if p.get("aggregate") in ("primary_mean", "primary_plus"):
        _fraction(p, "secondary_credit", leaf_id, path)
    given = [k for k in EVIDENCE_WEIGHTS if k in p]
    if not given:
        return
    if len(given) < len(EVIDENCE_WEIGHTS):
        lacking = ", ".join(k for k in EVIDENCE_WEIGHTS if k not in p)
        raise ConfigError.single(
            "bad_param", f"the evidence weighting needs all of its constants; lacks: {lacking}",
            path=path, field=f"{leaf_id}.source_weights",
        )
    weights = p["source_weights"]
    if not isinstance(weights, Mapping) or set(weights) != set(SOURCE_TYPES):
        raise ConfigError.single(
            "bad_param", f"'source_weights' must give a number for each of "
            f"{', '.join(SOURCE_TYPES)}", path=path, field=f"{leaf_id}.source_weights",
        )
    for kind in SOURCE_TYPES:
        _fraction(weights, kind, f"{leaf_id}.source_weights", path)
    _fraction(p, "corroboration_step", leaf_id, path)
    _fraction(p, "assumed_factor", leaf_id, path)
    extra = p["corroboration_max"]
    if isinstance(extra, bool) or not isinstance(extra, int) or extra < 0:
        raise ConfigError.single(
            "bad_param", "corroboration_max must be a whole number ≥ 0", path=path,
            field=f"{leaf_id}.corroboration_max", value=extra,
        )


def check_params(measure: str, params: Mapping[str, Any], leaf_id: str, path: str) -> None:
    """Check a leaf's measure parameters (ConfigError naming the file and the leaf)."""
    p = params
    allowed = POLICY_AGGREGATES if measure == "policy_fit" else AGGREGATES
    if "aggregate" in p and p["aggregate"] not in allowed:
        raise ConfigError.single(
            "bad_param", f"aggregate must be one of {', '.join(allowed)}", path=path,
            field=f"{leaf_id}.aggregate", value=p["aggregate"],
        )
    if measure == "policy_fit":
        _check_policy_fit(p, leaf_id, path)
    if "missing" in p and p["missing"] not in MISSING:
        raise ConfigError.single(
            "bad_param", f"missing must be one of {', '.join(MISSING)}", path=path,
            field=f"{leaf_id}.missing", value=p["missing"],
        )
    if measure == "company_class" and p.get("scale") not in {s.key for s in CLASS_SCALES}:
        raise ConfigError.single(
            "bad_param", "scale must be capital, sales, history or employees", path=path,
            field=f"{leaf_id}.scale", value=p.get("scale"),
        )
    if measure == "company_size":
        size_scores(p.get("scores"), leaf_id, path)
    _check_evidence(measure, p, leaf_id, path)
    if p.get("min_source") not in (None, "", *SOURCE_TYPES):
        raise ConfigError.single(
            "bad_param", f"min_source must be one of {', '.join(SOURCE_TYPES)}", path=path,
            field=f"{leaf_id}.min_source", value=p.get("min_source"),
        )
    if not isinstance(p.get("sourced_only", False), bool):
        raise ConfigError.single(
            "bad_param", "sourced_only must be true or false", path=path,
            field=f"{leaf_id}.sourced_only", value=p.get("sourced_only"),
        )
