"""The ``shortlist`` command: the best-scoring N technologies that meet policy rules.

JSON (a contract other tools read; names kept, fields may be added)::

    {shortlist: [{rank, technology_id, ...}], rules: [{rule, binding, score_given_up,
     pushed_out, ...}], score, unconstrained_score, feasible, conflict, ...}

Rules come from the scenario's ``[rules]`` table, then ``--rules FILE``, then the flags, each
replacing the earlier ones rule by rule (:mod:`exportmcda.model.rules`). One target per call:
the selection module ranks one country or group at a time, so a multi-country shortlist is one
call per target, and a rules file's ``[country.CODE]`` tables apply to that target only.
Exit codes: 0 a shortlist, 1 bad rules (named by flag or file and key) or rules no shortlist
can meet (the conflict and the smallest relaxation are printed).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any, TextIO

from exportmcda.cli.output import emit, write_json
from exportmcda.labels import note_text, t

if TYPE_CHECKING:
    from exportmcda.model.rules import RuleSet
    from exportmcda.model.selection import Selection
    from exportmcda.model.shortlist import Shortlist

__all__ = [
    "add_rule_options",
    "add_shortlist_command",
    "cmd_shortlist",
    "given_rules",
    "merged_rules",
]


def _yes(value: bool | None, lang: str) -> str:
    return "" if value is None else t("yes" if value else "no", lang)


def _print_table(result: Shortlist, lang: str, out: TextIO) -> None:
    """The shortlist, then each rule and its cost, then the score or the conflict."""
    shown = [
        {"rank": r["rank"], "technology_id": r["technology_id"],
         "technology": r.get("technology_name", ""), "company": r.get("company_name", ""),
         "field": r.get("field", ""), "closeness": r["closeness"],
         "ranking_rank": r["ranking_rank"]}
        for r in result.records()
    ]
    if shown:
        emit(shown, "table", out, headers={c: t(f"col_{c}", lang) for c in shown[0]})
    rules = [
        {"rule": r["text"], "binding": _yes(r["binding"], lang),
         "score_given_up": r["score_given_up"],
         "pushed_out": ", ".join(r["pushed_out"] or ())}
        for r in result.rule_records(lang)
    ]
    if rules:
        if shown:
            out.write("\n")
        emit(rules, "table", out, headers={c: t(f"col_{c}", lang) for c in rules[0]})
    if result.score is not None:
        out.write(t("shortlist_score", lang, score=result.score, n=result.top,
                    free=result.unconstrained_score) + "\n")


def _print_conflict(result: Shortlist, lang: str) -> None:
    """The conflicting rules and the smallest relaxation, on stderr (every format)."""
    from exportmcda.model.rules import rule_text
    from exportmcda.model.shortlist import relaxation_text

    conflict = result.conflict
    if conflict is None:
        return
    sys.stdout.flush()
    texts = "; ".join(rule_text(r, lang) for r in conflict.rules)
    sys.stderr.write(f"Note: {t('shortlist_conflict', lang, rules=texts)}\n")
    smallest = conflict.smallest
    if smallest is None:
        sys.stderr.write(f"Note: {t('shortlist_no_relaxation', lang)}\n")
    else:
        sys.stderr.write("Note: " + t("shortlist_relaxation", lang,
                                      relaxation=relaxation_text(smallest, lang),
                                      score=smallest.score) + "\n")


def given_rules(args: argparse.Namespace) -> RuleSet:
    """The rules of ``--rules FILE`` and the rule flags (flags replacing the file's)."""
    from exportmcda.model.rules import RuleSet, load_rules, rules_from_options

    flags = rules_from_options(
        max_per_company=args.max_per_company, min_sme_share=args.min_sme_share,
        min_non_capital=args.min_non_capital, min_per_field=args.min_per_field or (),
        max_per_field=args.max_per_field or (), exclude=args.exclude or (),
        require=args.require or (),
    )
    from_file = load_rules(args.rules) if args.rules else RuleSet()
    return from_file.merged(flags)


def merged_rules(selection: Selection, given: RuleSet) -> RuleSet:
    """The scenario's ``[rules]``, then ``given`` (file, flags), per-target codes checked."""
    from exportmcda.data.countries import load_countries

    rules = selection.scenario.rules.merged(given)
    rules.check_countries(load_countries())
    return rules


def cmd_shortlist(args: argparse.Namespace, out: TextIO) -> int:
    """Solve the rule-bound shortlist for one target and print it with the rules' costs."""
    from exportmcda.cli.data import database_arg
    from exportmcda.cli.decide import _print_notes, _selection
    from exportmcda.model.shortlist import shortlist

    given = given_rules(args)  # checked before anything is read: a typo fails fast
    db = database_arg(args.data)
    selection = _selection(args, args.country, db)
    rules = merged_rules(selection, given)
    result = shortlist(selection, rules, top=args.top, db=db, costs=not args.no_costs)
    if args.format == "json":
        write_json(result.as_dict(args.lang), out)
    elif args.format == "csv":
        rows: list[dict[str, Any]] = [
            {**r, "fields": ";".join(map(str, r["fields"] or ()))} for r in result.records()
        ]
        emit(rows, "csv", out)
    else:
        _print_table(result, args.lang, out)
    _print_notes(selection, args.lang)
    for note in result.notes:
        sys.stderr.write(f"Note: {note_text(note, args.lang)}\n")
    if args.format == "csv":  # the rules' costs are not rows of the shortlist
        for r in result.rule_records(args.lang):
            if r["binding"] is not None:
                sys.stderr.write(
                    f"Note: {r['rule']}: binding {r['binding']}, score given up "
                    f"{r['score_given_up']:.6f}, pushed out {', '.join(r['pushed_out']) or '-'}\n")
    _print_conflict(result, args.lang)
    return 0 if result.feasible else 1


def add_rule_options(p: argparse.ArgumentParser) -> None:
    """The rule options of ``shortlist`` (also ``record``): ``--rules`` and the rule flags."""
    p.add_argument("--rules", metavar="FILE.toml", help="rules file (the keys of a scenario's "
                   "[rules] table at its top level)")
    p.add_argument("--max-per-company", metavar="M", help="at most M technologies per company")
    p.add_argument("--min-sme-share", metavar="S", help="at least a share S (0-1, or 30%%) of "
                   "the N held by SMEs (중소기업)")
    p.add_argument("--min-non-capital", metavar="J", help="at least J technologies from "
                   "companies outside the capital region (Seoul, Incheon, Gyeonggi-do)")
    p.add_argument("--min-per-field", action="append", metavar="FIELD=K",
                   help="at least K technologies in FIELD (repeatable)")
    p.add_argument("--max-per-field", action="append", metavar="FIELD=K",
                   help="at most K technologies in FIELD (repeatable)")
    p.add_argument("--exclude", action="append", metavar="IDS",
                   help="technology ids never in the shortlist (comma-separated, repeatable)")
    p.add_argument("--require", action="append", metavar="IDS",
                   help="technology ids always in the shortlist (comma-separated, repeatable)")


def add_shortlist_command(sub: Any, formats: Any) -> None:
    """Register ``shortlist`` on the ``exportmcda`` sub-parser."""
    from exportmcda.cli.decide import _positive_int, _ranking_options

    p = sub.add_parser(
        "shortlist", help="the best-scoring N technologies that meet policy rules (per "
        "company, SME share, region, fields, exclude/require), solved exactly; each rule's cost")
    p.add_argument("--country", required=True, metavar="CODE")
    p.add_argument("--top", type=_positive_int, default=20, metavar="N")
    add_rule_options(p)
    p.add_argument("--no-costs", action="store_true",
                   help="skip each rule's cost (one re-solve per rule)")
    _ranking_options(p)
    formats(p, "table")
    p.set_defaults(handler=cmd_shortlist)
