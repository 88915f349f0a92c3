"""``compare-scenarios``: two or three weightings of one target side by side.

The JSON is :meth:`ScenarioComparison.as_dict` (a contract: ``country``, ``top``,
``reference``, ``scenarios``, ``tops``, ``ranks``, ``movers``, ``favours``,
``cut_off_ties``), with each scenario's ``label`` and a ``summary`` (the movers and what each
weighting favours, in words) added. ``table`` prints the ranks side by side, then the
summary; ``csv`` one row per technology of the union of the top lists.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any, TextIO

from exportmcda.cli.data import database_arg
from exportmcda.cli.output import emit, write_json
from exportmcda.errors import ConfigError
from exportmcda.labels import note_text, t
from exportmcda.model.defaults import DEFAULT_TOP

if TYPE_CHECKING:
    from exportmcda.model.scenario_compare import ScenarioComparison
    from exportmcda.model.selection import Selection

__all__ = ["add_scenario_commands", "cmd_compare_scenarios", "summary"]


def summary(
    result: ScenarioComparison, names: dict[str, str], lang: str, movers: int = 3
) -> dict[str, list[str]]:
    """Per weighting after the reference: :meth:`ScenarioComparison.summary` rendered.

    ``names`` maps scenario keys and criterion ids to their names in ``lang`` (never
    technology ids: a mover's sentence names the technology by id and name itself).
    """
    return {
        key: [note_text(n, lang, names) for n in result.summary(key, movers)]
        for key in result.keys[1:]
    }


def _selections(args: argparse.Namespace) -> dict[str, Selection]:
    """One ranking per scenario of ``--scenarios`` (same data, target, filters, method)."""
    from exportmcda.cli.decide import _selection
    from exportmcda.model.scenario_compare import MAX_SCENARIOS
    from exportmcda.model.scenarios import load_scenario

    asked = [s.strip() for s in args.scenarios.split(",") if s.strip()]
    if not 2 <= len(asked) <= MAX_SCENARIOS:
        raise ConfigError.single(
            "scenario_compare_count",
            f"name two or three scenarios, not {len(asked)}",
            field="--scenarios",
            value=args.scenarios,
        )
    db = database_arg(args.data)
    found: dict[str, Selection] = {}
    for name in asked:
        scenario = load_scenario(name)
        if scenario.id in found:
            raise ConfigError.single(
                "scenario_twice", f"'{scenario.id}' is named twice", field="--scenarios", value=name
            )
        one = argparse.Namespace(**{**vars(args), "scenario": name, "weights": None})
        found[scenario.id] = _selection(one, args.country, db)
    return found


def cmd_compare_scenarios(args: argparse.Namespace, out: TextIO) -> int:
    """Compare two or three scenarios' rankings of one target."""
    from exportmcda.model.scenario_compare import compare_scenarios

    selections = _selections(args)
    result = compare_scenarios(selections, top=args.top, lang=args.lang)
    lang = args.lang
    first = next(iter(selections.values()))
    labels = {k: sel.scenario.label(lang) for k, sel in selections.items()}
    names = {**first.weights.tree.names(lang), **labels}
    said = summary(result, names, lang, args.movers)
    if args.format == "json":
        body = result.as_dict(movers=args.movers)
        for entry in body["scenarios"]:
            entry["label"] = labels[entry["key"]]
        body["summary"] = said
        write_json(body, out)
    else:
        rows = _rows(result)
        if args.format == "csv":
            emit(rows, "csv", out)
        else:
            emit(
                [
                    {
                        k: v
                        for k, v in row.items()
                        if k != "company_name" and not k.startswith("in_top_")
                    }
                    for row in rows
                ],
                "table",
                out,
                headers=_headers(result, labels, lang),
            )
            for key, sentences in said.items():
                out.write(
                    f"\n{labels[key]} ({t('scen_compare_movers', lang)}, "
                    f"{t('scen_compare_favours', lang)}):\n"
                )
                for sentence in sentences or [
                    t(
                        "scen_compare_nothing",
                        lang,
                        scenario=labels[key],
                        reference=labels[result.reference],
                    )
                ]:
                    out.write(f"- {sentence}\n")
    _notes(selections, args.top, lang)
    return 0


def _rows(result: ScenarioComparison) -> list[dict[str, Any]]:
    """The union of the top lists: ranks under each weighting, in-top flags, changes."""
    ref = result.reference
    rows = []
    for row in result.ranks.to_dict(orient="records"):
        line = {c: row[c] for c in ("technology_id", "technology_name", "company_name")}
        line.update({f"rank_{k}": row[f"rank_{k}"] for k in result.keys})
        line.update({f"change_{k}": row[f"rank_{ref}"] - row[f"rank_{k}"] for k in result.keys[1:]})
        line.update({f"in_top_{k}": row[f"in_top_{k}"] for k in result.keys})
        rows.append(line)
    return rows


def _headers(result: ScenarioComparison, labels: dict[str, str], lang: str) -> dict[str, str]:
    change = t("col_rank_change", lang)
    return {
        "technology_id": t("col_technology_id", lang),
        "technology_name": t("col_technology", lang),
        **{f"rank_{k}": t("rank_under", lang, name=labels[k]) for k in result.keys},
        **{f"change_{k}": f"{change}: {labels[k]}" for k in result.keys[1:]},
    }


def _notes(selections: dict[str, Selection], top: int, lang: str) -> None:
    """Each weighting's method choices, the cut-off ties, the synthetic-data notice."""
    sys.stdout.flush()
    notes = [sel.method_note() for sel in selections.values()]
    notes += [
        n for sel in selections.values() for n in sel.notes_for(top) if n.code == "cut_off_ties"
    ]
    for note in dict.fromkeys(notes):
        sys.stderr.write(f"Note: {note_text(note, lang)}\n")
    notice = next(iter(selections.values())).provenance.notice(lang)
    if notice:
        sys.stderr.write(f"Note: {notice}\n")


def add_scenario_commands(sub: Any, formats: Any) -> None:
    """Register ``compare-scenarios`` on the ``exportmcda`` sub-parser."""
    from exportmcda.cli.decide import _positive_int, _ranking_options

    p = sub.add_parser(
        "compare-scenarios",
        help="two or three scenarios of one target side "
        "by side: ranks, movers, what each weighting favours",
    )
    p.add_argument("--country", required=True, metavar="CODE")
    p.add_argument(
        "--scenarios",
        required=True,
        metavar="A,B[,C]",
        help="scenario ids or .toml files; the first is the reference",
    )
    p.add_argument(
        "--top", type=_positive_int, default=DEFAULT_TOP, metavar="N", help=f"default {DEFAULT_TOP}"
    )
    p.add_argument(
        "--movers",
        type=_positive_int,
        default=3,
        metavar="N",
        help="rises and falls listed per scenario (default 3)",
    )
    _ranking_options(p, scenario=False)
    formats(p, "table")
    p.set_defaults(handler=cmd_compare_scenarios)
