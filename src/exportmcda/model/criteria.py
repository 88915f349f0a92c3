"""Criteria: a goal → criteria → leaves hierarchy read from TOML.

The definitions (labels, directions, parameters, sources) are data in ``criteria/*.toml``;
each leaf names a measure of :mod:`exportmcda.model.measures` (checked against
:mod:`exportmcda.model.measure_params`), which scores the technologies.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from exportmcda.errors import ConfigError, InputError
from exportmcda.labels import bilingual
from exportmcda.model.measure_params import MEASURE_NAMES, check_params
from exportmcda.rank.directions import Direction
from exportmcda.resources import criteria_dir

__all__ = [
    "CriteriaTree",
    "Criterion",
    "Leaf",
    "default_criteria_path",
    "load_criteria",
    "parse_direction",
]


def parse_direction(text: object, *, path: str, where: str) -> Direction:
    """Read a direction from a criteria or scenario file (ConfigError naming the place)."""
    try:
        return Direction.parse(str(text))
    except InputError:
        raise ConfigError.single(
            "bad_direction", "direction must be 'benefit' or 'cost'", path=path, field=where,
            value=text,
        ) from None


@dataclass(frozen=True, slots=True, kw_only=True)
class _Node:
    """What every node of the hierarchy shows a user: id, names, definition, source."""

    id: str
    label_en: str
    label_ko: str
    definition_en: str = ""
    definition_ko: str = ""
    source: str = ""

    def label(self, lang: str = "en") -> str:
        """Label in ``lang``."""
        return bilingual(lang, self.label_en, self.label_ko)

    def definition(self, lang: str = "en") -> str:
        """One-line definition in ``lang``."""
        return bilingual(lang, self.definition_en, self.definition_ko)


@dataclass(frozen=True, slots=True, kw_only=True)
class Leaf(_Node):
    """A sub-criterion computed per technology by a named measure."""

    parent: str
    measure: str
    direction: Direction
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class Criterion(_Node):
    """A top-level criterion grouping one or more leaves."""

    leaves: tuple[Leaf, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class CriteriaTree:
    """The whole hierarchy, as read from a criteria file.

    ``method`` is the file's ``[method]`` table as read: settings of the ranking the
    hierarchy feeds, checked by the module that uses them (the market hierarchy states its
    normalisation there, :func:`exportmcda.model.markets.market_normalization`); empty when
    the file has none.
    """

    goal_id: str
    goal_en: str
    goal_ko: str
    criteria: tuple[Criterion, ...]
    path: str
    method: Mapping[str, Any] = field(default_factory=dict)

    @property
    def leaves(self) -> tuple[Leaf, ...]:
        """All leaves, in file order."""
        return tuple(leaf for c in self.criteria for leaf in c.leaves)

    def criterion(self, criterion_id: str) -> Criterion:
        """The criterion with this id (ConfigError if unknown)."""
        return _find(self.criteria, criterion_id, "criterion", self.path)

    def leaf(self, leaf_id: str) -> Leaf:
        """The leaf with this id (ConfigError if unknown)."""
        return _find(self.leaves, leaf_id, "sub-criterion", self.path)

    def weighted_nodes(self) -> dict[str, tuple[str, ...]]:
        """Nodes whose children a user weighs, mapped to the children's ids, goal first.

        These are the goal and every criterion with two or more leaves: a criterion with a
        single leaf passes its whole weight down (local weight 1), so there is nothing to
        judge or slide. The order (goal, then criteria in file order) is the order the app
        shows the nodes in.
        """
        nodes = {self.goal_id: tuple(c.id for c in self.criteria)}
        for c in self.criteria:
            if len(c.leaves) > 1:
                nodes[c.id] = tuple(leaf.id for leaf in c.leaves)
        return nodes

    def names(self, lang: str = "en") -> dict[str, str]:
        """Every node's id → its label in ``lang`` (goal, criteria, leaves).

        What ``labels.note_text`` needs to name the criteria of a note (notes carry ids).
        """
        goal = self.goal_ko if lang == "ko" else self.goal_en
        nodes = (*self.criteria, *self.leaves)
        return {self.goal_id: goal, **{n.id: n.label(lang) for n in nodes}}

    def with_directions(self, overrides: Mapping[str, Direction]) -> CriteriaTree:
        """A copy with the directions of the named criteria or leaves replaced.

        A criterion id applies to all of its leaves (e.g. ``region = "cost"`` for the
        balanced-regional-development scenario).
        """
        criteria = []
        for c in self.criteria:
            leaves = tuple(
                replace(leaf, direction=overrides.get(leaf.id, overrides.get(c.id, leaf.direction)))
                for leaf in c.leaves
            )
            criteria.append(replace(c, leaves=leaves))
        return replace(self, criteria=tuple(criteria))


    def with_measure_params(self, measure: str, params: Mapping[str, Any]) -> CriteriaTree:
        """A copy where every leaf computed by ``measure`` gets ``params`` added or replaced."""
        if not params:
            return self
        criteria = []
        for c in self.criteria:
            leaves = tuple(
                replace(leaf, params={**leaf.params, **params}) if leaf.measure == measure
                else leaf
                for leaf in c.leaves
            )
            criteria.append(replace(c, leaves=leaves))
        tree = replace(self, criteria=tuple(criteria))
        for leaf in tree.leaves:
            check_params(leaf.measure, leaf.params, leaf.id, self.path)
        return tree


_N = TypeVar("_N", bound=_Node)


def _find(nodes: tuple[_N, ...], node_id: str, kind: str, path: str) -> _N:
    for node in nodes:
        if node.id == node_id:
            return node
    known = ", ".join(node.id for node in nodes)
    raise ConfigError.single(
        "unknown_criterion", f"unknown {kind}; known: {known}", path=path, value=node_id
    )


def default_criteria_path() -> Path:
    """The shipped ``criteria/criteria.toml``."""
    return criteria_dir() / "criteria.toml"


def _text(table: Mapping[str, Any], key: str, path: str, where: str, required: bool = True) -> str:
    value = table.get(key, "")
    if (required and not value) or not isinstance(value, str):
        raise ConfigError.single(
            "missing_key", f"'{key}' must be a non-empty string", path=path, field=where,
            value=value,
        )
    return value


def load_criteria(
    path: str | Path | None = None, *, measures: tuple[str, ...] | None = None
) -> CriteriaTree:
    """Read a criteria hierarchy from TOML and check every leaf's measure and parameters.

    ``measures`` names the measures the leaves may use when the hierarchy is not the
    technology criteria (the market hierarchy, :mod:`exportmcda.model.markets`, passes its
    own and checks their parameters itself); by default the technology measures of
    :data:`~exportmcda.model.measure_params.MEASURE_NAMES`, parameters checked here.
    """
    known = MEASURE_NAMES if measures is None else measures
    file = Path(path) if path is not None else default_criteria_path()
    name = str(file)
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError.single(
            "unreadable", f"cannot read the file: {error}", path=name
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError.single("bad_toml", f"not valid TOML: {error}", path=name) from None
    goal = data.get("goal", {})
    criteria = []
    seen: set[str] = set()
    for i, block in enumerate(data.get("criterion", []), start=1):
        where = f"criterion[{i}]"
        cid = _text(block, "id", name, where)
        leaves = []
        for j, leaf_block in enumerate(block.get("leaf", []), start=1):
            lwhere = f"{where}.leaf[{j}]"
            lid = _text(leaf_block, "id", name, lwhere)
            measure = _text(leaf_block, "measure", name, lwhere)
            if measure not in known:
                raise ConfigError.single(
                    "unknown_measure", f"unknown measure; known: {', '.join(known)}",
                    path=name, field=f"{lwhere}.measure", value=measure,
                )
            params = {
                k: v
                for k, v in leaf_block.items()
                if k not in {"id", "label_en", "label_ko", "measure", "direction", "source",
                             "definition_en", "definition_ko"}
            }
            leaves.append(
                Leaf(
                    id=lid, parent=cid, label_en=_text(leaf_block, "label_en", name, lwhere),
                    label_ko=_text(leaf_block, "label_ko", name, lwhere), measure=measure,
                    direction=parse_direction(
                        leaf_block.get("direction", "benefit"), path=name, where=lwhere
                    ),
                    params=params, definition_en=leaf_block.get("definition_en", ""),
                    definition_ko=leaf_block.get("definition_ko", ""),
                    source=leaf_block.get("source", ""),
                )
            )
        if not leaves:
            raise ConfigError.single(
                "no_leaves", "a criterion needs at least one [[criterion.leaf]]", path=name,
                field=where, value=cid,
            )
        for item in (cid, *(leaf.id for leaf in leaves)):
            if item in seen:
                raise ConfigError.single(
                    "duplicate_id", "ids must be unique", path=name, field=where, value=item
                )
            seen.add(item)
        criteria.append(
            Criterion(
                id=cid, label_en=_text(block, "label_en", name, where),
                label_ko=_text(block, "label_ko", name, where), leaves=tuple(leaves),
                definition_en=block.get("definition_en", ""),
                definition_ko=block.get("definition_ko", ""), source=block.get("source", ""),
            )
        )
    if not criteria:
        raise ConfigError.single("no_criteria", "no [[criterion]] blocks", path=name)
    method = data.get("method", {})
    if not isinstance(method, dict):
        raise ConfigError.single("bad_param", "[method] must be a table", path=name,
                                 field="method", value=str(method))
    tree = CriteriaTree(
        goal_id=str(goal.get("id", "goal")), goal_en=str(goal.get("label_en", "Goal")),
        goal_ko=str(goal.get("label_ko", "목표")), criteria=tuple(criteria), path=name,
        method=dict(method),
    )
    for leaf in tree.leaves if measures is None else ():
        check_params(leaf.measure, leaf.params, leaf.id, name)
    return tree
