"""The ``panel`` commands: write an expert-panel workbook, read a filled one back.

``exportmcda panel template --scenario NAME --experts N [--lang ko|en] --out panel.xlsx``
writes the workbook (:mod:`exportmcda.panel.template`); ``exportmcda panel import FILE
[--screen exclude|flag] [--cr-threshold X] [--aggregation aij|aip] [--expert-weights 1,1,2]
[--format json|table] [--save-scenario OUT.toml]`` analyses it
(:mod:`exportmcda.panel.result`). JSON: ``{file, sha256, scenario, method, ri_table,
aggregation, threshold, screening: {rule, text, excluded, flagged}, outlier_rule, outliers,
weights, nodes, experts: [{name, sheet, weight, included, consistent, distance, factor,
outlier, nodes: {node: {cr, advice, estimated, ...}}, ...}], notes}``.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any, TextIO

from exportmcda.cli.output import emit, write_json
from exportmcda.labels import note_text, t

if TYPE_CHECKING:
    from exportmcda.model.scenarios import Scenario
    from exportmcda.panel.result import PanelResult

__all__ = ["add_panel_commands", "cmd_panel_import", "cmd_panel_template"]


def _threshold(text: str) -> float | str:
    """``--cr-threshold``: a number in (0, 1) or ``saaty_1994`` (bad usage otherwise)."""
    if text == "saaty_1994":
        return text
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number or saaty_1994, got {text!r}") from None
    if not 0 < value < 1:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, got {text!r}")
    return value


def _weights(text: str) -> list[float]:
    """``--expert-weights 1,1,2``: one number (or fraction) per expert sheet."""
    import math

    from exportmcda.ahp.judgments import parse_fraction

    values = [parse_fraction(x) for x in text.split(",")]
    if any(math.isnan(v) for v in values):  # parse_fraction: nan for what is not a number
        raise argparse.ArgumentTypeError(f"expected numbers separated by commas, got {text!r}")
    return values


def cmd_panel_template(args: argparse.Namespace, out: TextIO) -> int:
    """Write the panel workbook atomically; say where on stderr."""
    from exportmcda.data.io import write_bytes_atomic
    from exportmcda.model.criteria import load_criteria
    from exportmcda.model.scenarios import load_scenario
    from exportmcda.panel.template import panel_template

    data = panel_template(
        load_criteria(), load_scenario(args.scenario), experts=args.experts, lang=args.lang
    )
    write_bytes_atomic(args.out, data)
    sys.stderr.write(f"Wrote {args.out} ({args.experts} expert sheets)\n")
    return 0


def _base_scenario(args: argparse.Namespace, recorded: str) -> Scenario:
    """``--scenario``, else the scenario the workbook records (a shipped id only)."""
    from exportmcda.errors import ConfigError
    from exportmcda.model.scenarios import available_scenarios, load_scenario

    if args.scenario:
        return load_scenario(args.scenario)
    if recorded not in available_scenarios():  # never a path read from the file
        raise ConfigError.single(
            "panel_scenario",
            "the workbook names a scenario that is not shipped; give --scenario NAME",
            value=recorded,
        )
    return load_scenario(recorded)


def _print_table(result: PanelResult, lang: str, out: TextIO) -> None:
    names = result.tree.names(lang)
    rows = []
    for e in result.experts:
        worst = max((r.cr for r in e.nodes.values()), default=None)
        rows.append(
            {
                "expert": e.name,
                "cr": worst,
                "in_group": t("yes" if e.included else "no", lang),
                "distance": e.distance,
                "outlier": t("yes" if e.outlier else "no", lang),
                "blank": e.missing,
            }
        )
    emit(
        rows,
        "table",
        out,
        headers={
            "expert": t("panel_col_expert", lang),
            "cr": t("panel_col_cr", lang) + " (max)",
            "in_group": t("panel_col_included", lang),
            "distance": t("panel_col_distance", lang),
            "outlier": t("panel_col_outlier", lang),
            "blank": t("panel_col_missing", lang),
        },
    )
    out.write("\n")
    weights = [{"criterion": names.get(k, k), "weight": v} for k, v in result.leaf_weights.items()]
    emit(
        weights,
        "table",
        out,
        headers={"criterion": t("col_criterion", lang), "weight": t("col_weight", lang)},
    )
    out.write("\n")
    for node, g in result.groups.items():
        out.write(
            f"{names.get(node, node)}: {t('panel_consensus', lang)} {g.consensus:.3f} "
            f"({t('consensus_' + g.consensus_level, lang)})\n"
        )
    for e in result.experts:
        for node, advice in e.advice.items():
            for a in advice[:1]:
                out.write(
                    f"{e.name} · {names.get(node, node)}: "
                    + t(
                        "panel_revisit",
                        lang,
                        a=names.get(a.row, a.row),
                        b=names.get(a.column, a.column),
                        current=f"{a.current:g}",
                        suggested=f"{a.nearest_scale:g}",
                        after=f"{a.cr_after_scale:.3f}",
                    )
                    + "\n"
                )
    outliers = ", ".join(result.outliers) or t("panel_none", lang)
    out.write(f"{t('panel_outliers', lang)}: {outliers}\n")


def cmd_panel_import(args: argparse.Namespace, out: TextIO) -> int:
    """Analyse a filled panel workbook; print it; optionally save the group as a scenario."""
    from exportmcda.data.io import write_bytes_atomic
    from exportmcda.model.criteria import load_criteria
    from exportmcda.model.scenarios import to_toml
    from exportmcda.panel.reader import read_panel
    from exportmcda.panel.result import analyse_panel

    tree = load_criteria()
    answers = read_panel(args.file, tree=tree)
    base = _base_scenario(args, answers.scenario)
    result = analyse_panel(
        answers,
        tree,
        aggregation=args.aggregation,
        screen=args.screen,
        threshold=args.cr_threshold,
        expert_weights=args.expert_weights,
        completion=base.completion,
    )
    if args.save_scenario:
        write_bytes_atomic(args.save_scenario, to_toml(result.scenario(base)).encode("utf-8"))
        sys.stderr.write(f"Wrote {args.save_scenario}\n")
    if args.format == "json":
        body: dict[str, Any] = result.as_dict(args.lang)
        write_json(body, out)
    else:
        _print_table(result, args.lang, out)
    sys.stdout.flush()
    for note in result.notes:
        sys.stderr.write(f"Note: {note_text(note, args.lang, tree.names(args.lang))}\n")
    return 0


def add_panel_commands(sub: Any, formats: Any) -> None:
    """Register ``panel template`` and ``panel import`` on the ``exportmcda`` sub-parser."""
    from exportmcda.ahp.group import AGGREGATIONS
    from exportmcda.cli.decide import _positive_int
    from exportmcda.panel.result import SCREENS

    panel = sub.add_parser(
        "panel",
        help="expert panel in Excel: write the questionnaire workbook, read the filled one back",
    )
    commands = panel.add_subparsers(dest="panel_command", required=True, metavar="ACTION")
    p = commands.add_parser("template", help="write the panel workbook (one sheet per expert)")
    p.add_argument(
        "--scenario",
        default="balanced",
        metavar="NAME",
        help="scenario the panel's answers replace (default: balanced)",
    )
    p.add_argument("--experts", type=_positive_int, required=True, metavar="N")
    p.add_argument("--lang", choices=("en", "ko"), default="en")
    p.add_argument("--out", required=True, metavar="FILE.xlsx")
    p.set_defaults(handler=cmd_panel_template)
    p = commands.add_parser(
        "import",
        help="read a filled panel workbook: each expert's CR, group weights, consensus, outliers",
    )
    p.add_argument("file", metavar="FILE.xlsx")
    p.add_argument(
        "--screen",
        choices=SCREENS,
        default="flag",
        help="inconsistent experts: exclude from the group, or flag only (default)",
    )
    p.add_argument(
        "--cr-threshold",
        type=_threshold,
        default=0.10,
        metavar="X",
        help="CR limit, a number in (0, 1) or saaty_1994 (default 0.10)",
    )
    p.add_argument("--aggregation", choices=AGGREGATIONS, default="aij")
    p.add_argument(
        "--expert-weights",
        type=_weights,
        metavar="W1,W2,...",
        help="importance of each expert sheet, in order (default: equal)",
    )
    p.add_argument(
        "--scenario",
        metavar="NAME",
        help="base scenario (default: the one the workbook was written for)",
    )
    p.add_argument(
        "--save-scenario", metavar="OUT.toml", help="save the group's judgments as a scenario file"
    )
    p.add_argument("--lang", choices=("en", "ko"), default="en")
    formats(p, "table")
    p.set_defaults(handler=cmd_panel_import)
