"""The decision-register commands: ``record``, ``replay`` and ``decisions list|show|replay``.

``exportmcda record --country CODE [ranking options] [--rules FILE] [rule flags] [--top N]
[--out decision.json] [--save [--saved-by NAME]]`` writes the decision's record
(:class:`~exportmcda.export.record.Record`, format 4: input hashes, method settings, versions,
ranks, the rules and the rule-bound shortlist) as a JSON file (atomically; to stdout without
``--out``) and, with ``--save``, keeps it in the register (:mod:`exportmcda.register.store`).
``exportmcda replay decision.json`` and ``exportmcda decisions replay ID`` re-run a record:
``identical`` (exit 0) or exactly what differs (exit 1); an unreadable or edited record is
refused (exit 1). JSON shapes (contracts; fields may be added):

* ``record``: the record itself (its keys, with ``digest``);
* ``replay``: ``{status, identical, reproduced, target, top, created, format, differences,
  market_differences, rule_shortlist, inputs, versions, notes, note_codes, changed_inputs,
  changed_versions, scenario, digest}`` (``decision``: the id, for ``decisions replay``);
* ``decisions list``: ``[{id, saved_at, saved_by, target, scenario, top, shortlist, digest}]``;
* ``decisions show``: that row plus ``record`` (the record's JSON data).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any, TextIO

from exportmcda.cli.output import emit, write_json
from exportmcda.cli.saving import add_register_options, add_save_options, open_register
from exportmcda.labels import t

if TYPE_CHECKING:
    from exportmcda.export.record import Record
    from exportmcda.export.verify import Verification
    from exportmcda.register.store import Decision

__all__ = ["add_decision_commands"]

_REPLAY_FORMATS = ("text", "json")


def cmd_record(args: argparse.Namespace, out: TextIO) -> int:
    """Write the decision record (file or stdout); save it in the register with ``--save``."""
    from pathlib import Path

    from exportmcda.cli.data import database_arg
    from exportmcda.cli.decide import _print_notes, _selection
    from exportmcda.cli.saving import register_record
    from exportmcda.cli.shortlist import given_rules, merged_rules
    from exportmcda.data.io import write_bytes_atomic
    from exportmcda.export.record import build_record

    given = given_rules(args)  # a typo in a rule fails before anything is read
    db = database_arg(args.data)
    selection = _selection(args, args.country, db)
    rules = merged_rules(selection, given)
    record = build_record(
        selection, top=args.top, rules=rules, db=db, seed=args.seed, samples=args.samples
    )
    text = record.to_file_text()
    if args.out:
        write_bytes_atomic(Path(args.out), text.encode("utf-8"))
        sys.stderr.write(
            t("record_written", args.lang, path=args.out, digest=record.digest[:16]) + "\n"
        )
    else:
        out.write(text)
    register_record(args, record)
    _print_notes(selection, args.lang, args.top)
    chosen = record.rule_shortlist
    if chosen is not None:
        for line in chosen["notes"]:
            sys.stderr.write(f"Note: {line}\n")
        if not chosen["feasible"]:
            sys.stderr.write(t("record_infeasible", args.lang) + "\n")
            return 1
    return 0


def _print_replay(
    result: Verification, args: argparse.Namespace, out: TextIO, extra: dict[str, Any]
) -> int:
    from exportmcda.register.replay import replay_dict, replay_lines

    if args.format == "json":
        write_json({**replay_dict(result), **extra}, out)
    else:
        out.write("\n".join(replay_lines(result, args.lang)) + "\n")
    sys.stdout.flush()
    if result.record.synthetic:
        sys.stderr.write(f"Note: {t('record_synthetic', args.lang)}\n")
    return 0 if result.identical else 1


def _replay(record: Record, args: argparse.Namespace) -> Verification:
    from exportmcda.register.replay import replay

    return replay(
        record,
        data=args.data,
        criteria_path=args.criteria,
        countries_dir=args.countries,
        indicators_dir=args.indicators,
    )


def cmd_replay(args: argparse.Namespace, out: TextIO) -> int:
    """Replay a record file: exit 0 identical, 1 differs (or an unreadable/edited record)."""
    from exportmcda.export.record import read_record_file

    record = read_record_file(args.file)
    return _print_replay(_replay(record, args), args, out, {})


def _decision_row(d: Decision) -> dict[str, Any]:
    return {**d.summary(), "shortlist": ", ".join(d.shortlist)}


def cmd_decisions_list(args: argparse.Namespace, out: TextIO) -> int:
    """Every saved decision, newest first."""
    decisions = open_register(args).decisions()
    if args.format == "json":
        write_json([d.summary() for d in decisions], out)
    elif decisions:
        rows = [_decision_row(d) for d in decisions]
        headers = {k: t(f"col_decision_{k}", args.lang) for k in rows[0]}
        emit(rows, args.format, out, headers=headers if args.format == "table" else None)
    else:
        sys.stderr.write(t("register_empty", args.lang, path=str(open_register(args).path)) + "\n")
    return 0


def cmd_decisions_show(args: argparse.Namespace, out: TextIO) -> int:
    """One saved decision: its summary and its record (checked: an edited one is refused)."""
    decision = open_register(args).get(args.id)
    record = decision.record()
    if args.format == "json":
        write_json({**decision.summary(), "record": json.loads(record.to_json())}, out)
        return 0
    row = _decision_row(decision)
    for key, value in row.items():
        out.write(f"{t(f'col_decision_{key}', args.lang)}: {value}\n")
    settings = record.settings
    if settings is not None:
        for key, value in settings.body().items():
            out.write(f"{key}: {'-' if value is None else value}\n")
    out.write(
        f"{t('col_decision_rules', args.lang)}: "
        f"{', '.join(r['rule'] for r in (record.rule_shortlist or {}).get('rules', []))}"
        "\n"
    )
    return 0


def cmd_decisions_replay(args: argparse.Namespace, out: TextIO) -> int:
    """Replay a saved decision: exit 0 identical, 1 differs."""
    decision = open_register(args).get(args.id)
    return _print_replay(_replay(decision.record(), args), args, out, {"decision": decision.id})


def _replay_options(p: argparse.ArgumentParser) -> None:
    add_record_inputs(p)
    p.add_argument(
        "--format", choices=_REPLAY_FORMATS, default="text", help="text (default) or json"
    )
    p.add_argument("--lang", choices=("en", "ko"), default="en")


def add_record_inputs(p: argparse.ArgumentParser) -> None:
    """The inputs a record is re-run on (``replay``, ``decisions replay``, ``brief``)."""
    p.add_argument(
        "--data",
        metavar="FILE",
        help="the database the record used (default: "
        "the sample, when the record says the sample was used)",
    )
    p.add_argument("--criteria", metavar="FILE", help="criteria file (default: the shipped one)")
    p.add_argument(
        "--countries",
        metavar="DIR",
        help="folder of country profiles (default: the shipped data/countries)",
    )
    p.add_argument(
        "--indicators",
        metavar="DIR",
        help="folder of market indicator files (default: <countries>/indicators)",
    )


def add_decision_commands(sub: Any, formats: Any) -> None:
    """Register ``record``, ``replay`` and ``decisions`` on the ``exportmcda`` sub-parser."""
    from exportmcda.cli.decide import _positive_int, _ranking_options
    from exportmcda.cli.shortlist import add_rule_options
    from exportmcda.model.defaults import DEFAULT_TOP

    p = sub.add_parser(
        "record",
        help="write a decision's record (hashes, settings, versions, "
        "ranks, rules and the rule-bound shortlist) as JSON; --save keeps it in "
        "the decision register",
    )
    p.add_argument("--country", required=True, metavar="CODE")
    p.add_argument(
        "--top", type=_positive_int, default=DEFAULT_TOP, metavar="N", help=f"default {DEFAULT_TOP}"
    )
    p.add_argument("--out", metavar="FILE.json", help="the record file (default: stdout)")
    add_rule_options(p)
    p.add_argument(
        "--samples",
        type=_positive_int,
        default=10_000,
        metavar="N",
        help="SMAA weight samples of the record's robustness figures (recorded)",
    )
    p.add_argument("--seed", type=int, default=0, metavar="S", help="their random seed (recorded)")
    add_save_options(p)
    _ranking_options(p)
    p.set_defaults(handler=cmd_record)

    p = sub.add_parser(
        "replay",
        help="re-run a decision record: 'identical' (exit 0) or exactly what differs (exit 1)",
    )
    p.add_argument(
        "file",
        metavar="decision.json",
        help="a record written by 'exportmcda record' or 'exportmcda export --record'",
    )
    _replay_options(p)
    p.set_defaults(handler=cmd_replay)

    p = sub.add_parser(
        "decisions", help="the decision register: list, show or replay the saved decisions"
    )
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    q = actions.add_parser("list", help="every saved decision, newest first")
    add_register_options(q)
    q.add_argument("--lang", choices=("en", "ko"), default="en")
    formats(q, "table")
    q.set_defaults(handler=cmd_decisions_list)
    q = actions.add_parser("show", help="one saved decision and its record")
    q.add_argument("id", type=int, metavar="ID")
    add_register_options(q)
    q.add_argument("--format", choices=_REPLAY_FORMATS, default="text")
    q.add_argument("--lang", choices=("en", "ko"), default="en")
    q.set_defaults(handler=cmd_decisions_show)
    q = actions.add_parser("replay", help="re-run a saved decision: identical, or what differs")
    q.add_argument("id", type=int, metavar="ID")
    add_register_options(q)
    _replay_options(q)
    q.set_defaults(handler=cmd_decisions_replay)
