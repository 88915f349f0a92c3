"""Market commands: ``markets`` (targets ranked for a technology or field) and ``matrix``.

JSON shapes are contracts other tools read (names kept; fields may be added):

* ``markets`` → ``[{rank, country, score, criteria, contributions, sources}]`` (best first;
  also ``shared_rank``, ``top_criteria`` and ``normalization``);
* ``matrix`` → ``{rows, countries, cells: [{row, country, score, rank_in_row,
  rank_in_country}]}`` (also ``by``, ``rule``, ``demand_weight``, ``market_weights``,
  ``normalization``, ``notes`` and per cell ``supply``, ``demand``).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from exportmcda.cli.data import database_arg, synthetic_notice
from exportmcda.cli.output import emit, write_json
from exportmcda.labels import note_text

__all__ = ["add_market_commands", "cmd_markets", "cmd_matrix"]


def _codes(text: str | None) -> tuple[str, ...] | None:
    if not text:
        return None
    return tuple(dict.fromkeys(c.strip().upper() for c in text.split(",") if c.strip()))


def _notes(notes: Any, lang: str, names: Any = None) -> None:
    for note in notes:
        if note.code != "tie_rule":
            sys.stderr.write(f"Note: {note_text(note, lang, names)}\n")


def cmd_markets(args: argparse.Namespace, out: TextIO) -> int:
    """Rank the target countries for one technology (or field) over the market criteria."""
    from exportmcda.data.countries import load_countries
    from exportmcda.data.indicators import load_indicators
    from exportmcda.model.criteria import load_criteria
    from exportmcda.model.markets import load_market_criteria, rank_markets
    from exportmcda.model.scenarios import load_scenario

    db = database_arg(args.data)
    market = load_market_criteria()
    ranking = rank_markets(
        db, load_criteria(), load_scenario(args.scenario), load_countries(),
        load_indicators(), technology=args.technology, field_name=args.field,
        targets=_codes(args.countries), market_tree=market,
    )
    rows = ranking.records()
    synthetic_notice(db, args.lang)
    names = market.names(args.lang)
    _notes(ranking.notes, args.lang, names)
    if args.format == "json":
        write_json(rows, out)
        return 0
    if args.format == "csv":
        emit(rows, "csv", out)
        return 0
    flat = [
        {"rank": r["rank"], "country": r["country"], "score": round(r["score"], 4),
         "reason": ", ".join(names[k] for k in r["top_criteria"]),
         **{names[k]: round(v, 4) for k, v in r["contributions"].items()}}
        for r in rows
    ]
    emit(flat, "table", out, notes=[
        f"{ranking.kind} {ranking.row}; TOPSIS ({ranking.normalization} normalisation over "
        "the countries ranked) over the market criteria; the criterion columns are each "
        "one's share of the score"])
    return 0


def cmd_matrix(args: argparse.Namespace, out: TextIO) -> int:
    """The export-potential matrix: rows (fields or technologies) x target countries."""
    from exportmcda.data.countries import load_countries
    from exportmcda.data.indicators import load_indicators
    from exportmcda.model.criteria import load_criteria
    from exportmcda.model.markets import (
        export_potential,
        load_market_criteria,
        prepare_supply,
        single_targets,
    )
    from exportmcda.model.scenarios import load_scenario

    db = database_arg(args.data)
    countries, indicators = load_countries(), load_indicators()
    targets = _codes(args.countries) or single_targets(countries, indicators)
    unknown = [c for c in targets if c not in countries]
    if unknown:
        from exportmcda.errors import ConfigError

        raise ConfigError.single(
            "market_unknown_target", f"unknown target(s) {', '.join(unknown)}; known: "
            f"{', '.join(sorted(countries))}", field="--countries", value=", ".join(unknown),
        )
    supply = prepare_supply(db, load_criteria(), load_scenario(args.scenario),
                            countries, targets)
    matrix = export_potential(db, supply, indicators, by=args.by,
                              demand_weight=args.demand_weight)
    data = matrix.as_dict(top=args.top)
    synthetic_notice(db, args.lang)
    _notes(matrix.notes, args.lang, load_market_criteria().names(args.lang))
    if args.format == "json":
        write_json(data, out)
    elif args.format == "csv":
        emit(data["cells"], "csv", out)
    else:
        score = matrix.score
        rows = [{"row": r, **{c: round(float(score.loc[r, c]), 3) for c in data["countries"]}}
                for r in data["rows"]]
        emit(rows, "table", out, notes=[
            f"cell = {matrix.rule}, a = {matrix.demand_weight}; demand: TOPSIS "
            f"({matrix.normalization} normalisation) over the market criteria; rows by their "
            "best cell"])
    return 0


def add_market_commands(sub: Any, formats: Any) -> None:
    """Register ``markets`` and ``matrix`` on the ``exportmcda`` sub-parser."""
    p = sub.add_parser("markets", help="rank the target countries for a technology or field")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--technology", metavar="ID", help="a technology id, e.g. T0004")
    which.add_argument("--field", metavar="NAME", help="a technology field (name or number)")
    p.add_argument("--countries", metavar="A,B,…",
                   help="targets to rank (default: the 16 single-country targets)")
    p.add_argument("--scenario", default="balanced", metavar="NAME",
                   help="technology and market judgments (default balanced)")
    p.add_argument("--data", metavar="FILE", help="a database (.csv/.xlsx); default: the sample")
    p.add_argument("--lang", choices=("en", "ko"), default="en")
    formats(p, "table")
    p.set_defaults(handler=cmd_markets)

    p = sub.add_parser("matrix", help="export-potential matrix: fields or technologies x "
                       "target countries (supply x demand)")
    p.add_argument("--by", choices=("field", "technology"), default="field")
    p.add_argument("--top", type=int, default=None, metavar="N",
                   help="only the N rows with the best cells")
    p.add_argument("--countries", metavar="A,B,…",
                   help="targets (default: the 16 single-country targets)")
    p.add_argument("--scenario", default="balanced", metavar="NAME")
    p.add_argument("--demand-weight", type=float, default=0.5, metavar="A",
                   help="cell = supply^(1-A) x demand^A; 0.5 (default) is the geometric "
                   "mean, 0 the technology ranking alone")
    p.add_argument("--data", metavar="FILE", help="a database (.csv/.xlsx); default: the sample")
    p.add_argument("--lang", choices=("en", "ko"), default="en")
    formats(p, "table")
    p.set_defaults(handler=cmd_matrix)
