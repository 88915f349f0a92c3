"""Decision commands: ``ahp``, ``mcda``, ``rank``, ``compare``, ``export``, ``sensitivity``.

Each parses its options, calls the library, and prints through :mod:`cli_output`; JSON
shapes are contracts other tools read (keys are kept; fields may be added).
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from exportmcda.cli.data import database_arg
from exportmcda.cli.output import emit, write_json
from exportmcda.errors import ConfigError, InputError, Issue, JudgmentError, Note
from exportmcda.labels import note_text
from exportmcda.model.defaults import DEFAULT_TOP

if TYPE_CHECKING:  # the commands import what they use, when they run (start-up time)
    from exportmcda.data.database import Database
    from exportmcda.model.criteria import CriteriaTree
    from exportmcda.model.robustness import RobustnessReport
    from exportmcda.model.scenarios import Scenario
    from exportmcda.model.selection import Selection

__all__ = [
    "add_commands",
    "cmd_ahp",
    "cmd_compare",
    "cmd_export",
    "cmd_mcda",
    "cmd_rank",
    "cmd_sensitivity",
]

def _numbers(
    text: str,
    option: str,
    error: type[InputError] | type[JudgmentError] | type[ConfigError] = InputError,
) -> list[float]:
    """Comma-separated numbers (``1/3`` allowed); ``error`` is the class of a bad item."""
    from exportmcda.ahp.judgments import parse_fraction

    values = []
    for k, item in enumerate(text.split(","), start=1):
        value = parse_fraction(item)
        if math.isinf(value) and "inf" not in item.lower():
            raise error.single(
                "number_too_large", f"{option}: item {k} is too large to compute with "
                "(beyond 1.8e308)", field=option, value=item
            )
        if not math.isfinite(value):
            raise error.single(
                "not_a_number", f"{option}: item {k} is not a number", field=option, value=item
            )
        values.append(value)
    return values


def _positive_int(text: str) -> int:
    """``--top``/``--samples``: a whole number ≥ 1 (argparse type; bad usage, exit 2).

    ``--top 0`` or ``--top -5`` used to return every technology; a shortlist of none or of
    a negative number is a mistake, not a request for all (omit ``--top`` for all).
    """
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _top_or_all(text: str) -> int | None:
    """``--top`` of ``rank`` and ``export``: a whole number ≥ 1, or ``all`` (every one)."""
    return None if text.strip().lower() == "all" else _positive_int(text)


def cmd_ahp(args: argparse.Namespace, out: TextIO) -> int:
    """Weights and consistency of a pairwise comparison matrix (CSV), or of a panel's.

    With one ``--matrix`` the output is the single-matrix contract. With several (one per
    expert) it adds ``experts`` (each one's weights and CR), ``consensus`` (Goepel's S*) and
    ``aggregation`` (AIJ: geometric mean of judgments, or AIP: of priorities), and the
    top-level weights/CR are the group's.
    """
    from exportmcda.ahp.diagnostics import inconsistency_report
    from exportmcda.ahp.group import group_ahp
    from exportmcda.ahp.judgments import pairwise_from_table
    from exportmcda.ahp.priorities import ahp, method_name, short_method_name
    from exportmcda.data.io import read_table

    method = method_name(args.method)
    matrices = {}
    for path in args.matrix:
        try:
            raw = read_table(path)
        except InputError as error:
            if error.code != "one_column":
                raise
            raise JudgmentError.single(
                "ahp_too_small", "an AHP matrix needs at least 2 criteria; this file has one "
                "column (a single criterion has weight 1 and needs no judgments)",
                path=error.issues[0].path, row=1,
            ) from None
        matrices[Path(path).stem if Path(path).stem not in matrices else path] = (
            pairwise_from_table(raw.header, raw.rows, path=raw.name)
        )
    if len(matrices) == 1:
        labels, matrix = next(iter(matrices.values()))
        result = ahp(matrix, labels, method=method, ri_table=args.ri_table,
                     completion=args.completion)
        body = result.as_dict()
        experts: dict[str, Any] = {}
    else:
        group = group_ahp(matrices, aggregation=args.aggregation, method=method,
                          ri_table=args.ri_table, completion=args.completion)
        result = group.combined if group.combined is not None else group.individual[0]
        body = group.as_dict()
        experts = body["experts"]
        body.setdefault("lambda_max", None)
        for key in ("ci", "cr", "ri", "consistent"):
            body.setdefault(key, None)
    advice = inconsistency_report(result, top=3) if len(matrices) == 1 or (
        args.aggregation == "aij") else ()
    body["method"] = short_method_name(method)
    body["advice"] = [a.as_dict() for a in advice]
    if args.format == "json":
        write_json(body, out)
        return 0
    rows = [{"criterion": k, "weight": v} for k, v in body["weights"].items()]
    for note in result.notes:  # estimated, off-scale and missing-dependence notes
        sys.stderr.write(f"Note: {note_text(note)}\n")
    emit(rows, args.format, out)
    if args.format == "table":
        if body.get("cr") is not None:
            verdict = "consistent" if body["consistent"] else "INCONSISTENT"
            out.write(
                f"lambda_max {body['lambda_max']:.4f}  CI {body['ci']:.4f}  CR {body['cr']:.4f}"
                f"  (RI {body['ri']:.2f}, {args.ri_table}; threshold "
                f"{result.threshold:.2f}): {verdict}\n"
            )
        for name, expert in experts.items():
            flag = "" if expert["consistent"] else "  INCONSISTENT: revisit"
            out.write(f"Expert {name}: CR {expert['cr']:.4f}{flag}\n")
        if experts:
            out.write(f"Consensus S* {body['consensus']:.3f} ({body['consensus_level']}); "
                      f"aggregation {body['aggregation'].upper()}\n")
        for a in advice:
            out.write(f"Revisit: {a.describe()}\n")
    return 0


def _read_bounds(path: str, criteria: list[str], x: Any) -> Any:
    """SPOTIS bounds from a CSV ``criterion,min,max``: one row per criterion, min < max.

    Every problem is reported at once with the file, row and field; the data must lie
    within the bounds (SPOTIS measures distances to the ideal point inside them).
    """
    import numpy as np

    from exportmcda.ahp.judgments import parse_fraction
    from exportmcda.data.io import read_table

    raw = read_table(path)
    header = tuple(h.strip().lower() for h in raw.header)
    if header != ("criterion", "min", "max"):
        raise InputError.single("bounds_header", "the header must read criterion,min,max",
                                path=raw.name, row=1, value=",".join(raw.header))
    issues: list[Issue] = []
    bounds: dict[str, tuple[float, float]] = {}
    for number, row in zip(raw.row_numbers, raw.rows, strict=True):
        name = row[0].strip()
        if name not in criteria:
            issues.append(Issue(code="bounds_criterion", path=raw.name, row=number,
                                field="criterion", value=name, message="not a criterion of "
                                f"the matrix; criteria: {', '.join(criteria)}"))
            continue
        if name in bounds:
            issues.append(Issue(code="bounds_criterion", path=raw.name, row=number,
                                field="criterion", value=name, message="given twice"))
            continue
        values = []
        for field, cell in (("min", row[1]), ("max", row[2])):
            value = parse_fraction(cell)
            if not math.isfinite(value):
                issues.append(Issue(code="bounds_value", path=raw.name, row=number,
                                    field=field, value=cell, message="not a finite number"))
            values.append(value)
        low, high = values
        if math.isfinite(low) and math.isfinite(high):
            if not low < high:
                issues.append(Issue(code="bounds_value", path=raw.name, row=number,
                                    field="max", value=row[2], message=f"max must be greater "
                                    f"than min ({row[1]})"))
            else:
                column = x[:, criteria.index(name)]
                outside = column[(column < low) | (column > high)]
                if outside.size:
                    issues.append(Issue(
                        code="bounds_excludes_data", path=raw.name, row=number, field=name,
                        value=str(float(outside[0])), message=f"the data of '{name}' run "
                        f"from {column.min():g} to {column.max():g}, outside [{low:g}, {high:g}]"))
        bounds[name] = (low, high)
    missing = [c for c in criteria if c not in bounds]
    if missing:
        issues.append(Issue(code="bounds_missing", path=raw.name, field="criterion",
                            value=", ".join(missing), message="no bounds for "
                            f"{', '.join(missing)}: give a row for every criterion"))
    if issues:
        raise InputError(issues)
    return np.array([bounds[c] for c in criteria], dtype=float)


def _method_params(args: argparse.Namespace, criteria: list[str], x: Any) -> dict[str, Any]:
    """Method parameters of ``mcda``: ``--v``, ``--preference``/``--q``/``--p``, ``--bounds``.

    Each is refused with a method it does not belong to (never silently ignored).
    """
    given = {"--v": args.v, "--preference": args.preference, "--q": args.q, "--p": args.p,
             "--bounds": args.bounds}
    own = {"vikor": ("--v",), "promethee_ii": ("--preference", "--q", "--p"),
           "spotis": ("--bounds",)}.get(args.method, ())
    stray = [option for option, value in given.items() if value is not None and option
             not in own]
    if stray:
        raise ConfigError.single("method_option", f"{', '.join(stray)} do not apply to "
                                 f"--method {args.method}", field=stray[0])
    params: dict[str, Any] = {}
    if args.v is not None:
        if not 0.0 <= args.v <= 1.0:
            raise ConfigError.single("ranking.bad_parameter", "--v (the weight of the "
                                     "strategy of the majority of criteria) must lie in [0, 1]",
                                     field="--v", value=str(args.v))
        params["v"] = args.v
    if args.preference is not None:
        params["preference_function"] = args.preference
    for option, key in (("--q", "q"), ("--p", "p")):
        text = given[option]
        if text is None:
            continue
        values = _numbers(text, option, ConfigError)
        if len(values) == 1:
            values = values * len(criteria)
        if len(values) != len(criteria) or any(v < 0 for v in values):
            raise ConfigError.single("ranking.bad_parameter", f"{option} needs one "
                                     f"non-negative threshold or one per criterion "
                                     f"({len(criteria)}: {', '.join(criteria)})",
                                     field=option, value=text)
        params[key] = values
    if "p" in params and "q" in params:
        low = [c for c, q, p in zip(criteria, params["q"], params["p"], strict=True) if q > p]
        if low:
            raise ConfigError.single("ranking.bad_parameter", "the indifference threshold "
                                     "--q must not exceed the preference threshold --p "
                                     f"({', '.join(low)})", field="--q")
    if args.bounds is not None:
        params["bounds"] = _read_bounds(args.bounds, criteria, x)
    return params


def _settings_text(result: Any, bounds_file: str | None) -> str:
    """The method settings of an ``mcda`` run, as the stderr note states them."""
    parts = [f"normalization {result.normalization or 'none'}"]
    params = dict(result.params)
    if result.method == "vikor":
        parts.append(f"v = {params['v']:g}")
    if result.method == "promethee_ii":
        parts.append(f"preference function {params['preference_function']}")
        for key in ("q", "p"):
            if params[key] is not None:
                parts.append(f"{key} = " + ",".join(f"{v:g}" for v in params[key]))
    if result.method == "spotis":
        parts.append(f"bounds from {bounds_file}" if bounds_file else
                     "bounds from the data's min and max")
    return "; ".join(parts)


def cmd_mcda(args: argparse.Namespace, out: TextIO) -> int:
    """Rank a generic decision matrix with one method.

    The JSON stays the list ``[{alternative, score, rank}]``; the method's settings
    (normalisation, VIKOR v, PROMETHEE function and thresholds, SPOTIS bounds) go to
    stderr as a note, in every format.
    """
    from exportmcda.data.io import read_decision_matrix
    from exportmcda.errors import Note
    from exportmcda.rank.engine import METHODS, rank_matrix
    from exportmcda.rank.inputs import WEIGHT_SUM_TOLERANCE

    frame = read_decision_matrix(args.file)
    weights = _numbers(args.weights, "--weights", JudgmentError)
    types = _numbers(args.types, "--types")
    n = frame.shape[1]
    for name, values, error in (("--weights", weights, JudgmentError),
                                ("--types", types, InputError)):
        if len(values) != n:
            raise error.single(
                "weights_mismatch" if error is JudgmentError else "ranking.directions_count",
                f"{name} has {len(values)} values but {args.file} has {n} criteria "
                f"({', '.join(map(str, frame.columns))})",
                path=args.file, field=name,
            )
    criteria = [str(c) for c in frame.columns]
    total = sum(weights)
    if not args.normalize_weights and total > 0 and abs(total - 1.0) > WEIGHT_SUM_TOLERANCE:
        raise JudgmentError.single("ranking.weights_sum", f"--weights sum to {total:.6g}, not "
                                   "1; fix them or pass --normalize-weights", field="--weights",
                                   value=total)
    params = _method_params(args, criteria, frame.to_numpy(dtype=float))
    result = rank_matrix(
        frame, weights, [int(t) if t in (1, -1) else t for t in types], method=args.method,
        normalization=args.normalization, normalize_weights=args.normalize_weights, **params,
    )
    settings = Note.of("method_settings", method=METHODS[result.method].label,
                       settings=_settings_text(result, args.bounds))
    for note in (settings, *result.notes):
        sys.stderr.write(f"Note: {note_text(note)}\n")
    emit(result.as_records(), args.format, out)
    return 0


def _scenario(args: argparse.Namespace, tree: CriteriaTree) -> Scenario:
    """The scenario of ``--scenario`` / ``--weights``, with the evidence flags applied."""
    from exportmcda.model.scenarios import load_scenario

    if getattr(args, "weights", None):
        path = Path(args.weights)
        if path.suffix.lower() == ".toml":
            scenario = load_scenario(path)
        else:
            scenario = _scenario_from_csv(path, load_scenario("balanced"), tree)
    else:
        scenario = load_scenario(args.scenario or "balanced")
    return _with_evidence(scenario, args)


def _scenario_from_csv(path: Path, base: Scenario, tree: CriteriaTree) -> Scenario:
    """Direct weights from a two-column CSV ``criterion,weight`` (top-level criteria).

    Every problem names this file and its row (never the base scenario's file): an unknown
    or repeated criterion (both rows), a weight that is not a non-negative number, one too
    large for a float (``1e309``), weights whose sum overflows, all zero, or a criterion
    left out.
    """
    from dataclasses import replace

    from exportmcda.ahp.judgments import parse_fraction
    from exportmcda.data.io import read_table
    from exportmcda.model.scenarios import scenario_from_weights

    raw = read_table(path)
    known = [c.id for c in tree.criteria]
    column, value_column = raw.header[0] or "criterion", raw.header[1] or "weight"
    weights: dict[str, float] = {}
    rows: dict[str, int] = {}
    issues = []
    for number, row in zip(raw.row_numbers, raw.rows, strict=True):
        name, text = row[0].strip(), row[1].strip()
        if name not in known:
            issues.append(Issue(code="unknown_criterion", path=raw.name, row=number,
                                field=column, value=name,
                                message=f"unknown criterion; known: {', '.join(sorted(known))}"))
        elif name in rows:
            issues.append(Issue(code="duplicate_criterion", path=raw.name, row=number,
                                field=column, value=name,
                                message=f"criterion '{name}' is given twice: rows "
                                f"{rows[name]} and {number}"))
            continue
        value = parse_fraction(text)
        if math.isinf(value) and value > 0:
            issues.append(Issue(code="number_too_large", path=raw.name, row=number,
                                field=value_column, value=text,
                                message=f"weight '{text}' is too large to compute with "
                                "(beyond 1.8e308); scale the weights down"))
        elif not math.isfinite(value) or value < 0:
            issues.append(Issue(code="weight_invalid", path=raw.name, row=number,
                                field=value_column, value=text,
                                message=f"a weight is a non-negative number, got '{text}'"))
        rows[name] = number
        weights[name] = value
    if not issues:
        missing = [c for c in known if c not in weights]
        total = sum(weights.values())
        if missing:
            issues.append(Issue(code="weights_mismatch", path=raw.name, field=column,
                                value=", ".join(missing), message="no weight for "
                                f"{', '.join(missing)}: give a row for every criterion"))
        elif not math.isfinite(total):
            issues.append(Issue(code="weights_too_large", path=raw.name, field=value_column,
                                message="the weights sum beyond the largest number a float "
                                "holds (1.8e308); scale them down"))
        elif not total > 0:
            issues.append(Issue(code="weights_all_zero", path=raw.name, field=value_column,
                                message="at least one weight must be positive"))
    if issues:
        raise ConfigError(issues)
    scenario = scenario_from_weights(base, tree.goal_id, weights, id=f"weights:{path.name}")
    return replace(scenario, path=raw.name)


def _with_evidence(scenario: Scenario, args: argparse.Namespace) -> Scenario:
    """Apply ``--min-evidence`` / ``--sourced-only`` to the scenario (so exports record it)."""
    from dataclasses import replace

    evidence = dict(scenario.evidence)
    if getattr(args, "min_evidence", None):
        evidence["min_source"] = args.min_evidence
    if getattr(args, "sourced_only", False):
        evidence["sourced_only"] = True
    return scenario if evidence == dict(scenario.evidence) else replace(scenario,
                                                                        evidence=evidence)


def _selections(
    args: argparse.Namespace, codes: list[str], db: Database | None = None
) -> dict[str, Selection]:
    """Rank for each target; the database, criteria and scenario are read once.

    ``db``: a database already read (else ``--data`` or the sample).
    """
    from exportmcda.data.countries import get_country
    from exportmcda.model.criteria import load_criteria
    from exportmcda.model.selection import Filters, select

    _check_normalization(args.method, args.normalization)
    db = database_arg(args.data) if db is None else db
    tree = load_criteria()
    scenario = _scenario(args, tree)
    filters = Filters.parse(
        fields=args.field or (), service_types=args.service_type or (),
        company_sizes=args.company_size or (), regions=args.region or (),
    )
    return {
        code.upper(): select(
            db, tree, scenario, get_country(code), filters=filters, method=args.method,
            normalization=args.normalization, lang=args.lang,
        )
        for code in codes
    }


def _check_normalization(method: str, normalization: str | None) -> None:
    """Refuse an explicit ``--normalization`` the method cannot take, before any work.

    Without one, the method's own applies (TOPSIS: vector; VIKOR: none; weighted sum:
    min-max; PROMETHEE II and SPOTIS have no normalisation step), as in ``mcda``.
    """
    from exportmcda.rank.engine import METHODS

    if normalization is None:
        return
    spec = METHODS[method]
    if normalization in spec.normalizations or (not spec.normalizations
                                                and normalization == "none"):
        return
    accepted = (f"it accepts {', '.join(spec.normalizations)}" if spec.normalizations
                else "it has no normalisation step")
    raise ConfigError.single(
        "ranking.bad_normalization", f"--normalization {normalization} does not apply to "
        f"{spec.label} ({accepted}); omit --normalization for the method's own",
        field="--normalization", value=normalization,
    )


def _selection(args: argparse.Namespace, code: str, db: Database | None = None) -> Selection:
    return _selections(args, [code], db)[code.upper()]


def _print_notes(selection: Selection, lang: str, top: int | None = None) -> None:
    """Every result's notes on stderr, in ``lang``.

    The method choices, the ranking's notes, the policy sources and the data notice.
    """
    from collections import Counter

    sys.stdout.flush()
    names = selection.weights.tree.names(lang)
    notes = [selection.method_note(), *selection.notes_for(top)]
    total = len(selection.result.alternatives)
    if top is not None and top < total:
        notes.append(Note.of("top_shown", shown=top, total=total, more="--top N",
                                 every="--top all"))
    sources = selection.sources()
    if len(sources) > 8:
        kinds = Counter(s.type.value for s in sources)
        notes.append(Note.of(
            "policy_sources_many", country=selection.country.code, n=len(sources),
            kinds=", ".join(f"{n} {kind}" for kind, n in kinds.most_common()),
        ))
    elif sources:
        notes.append(Note.of(
            "policy_sources", country=selection.country.code,
            sources=", ".join(f"{s.id} ({s.type.value})" for s in sources),
        ))
    for note in notes:
        sys.stderr.write(f"Note: {note_text(note, lang, names)}\n")
    notice = selection.provenance.notice(lang)
    if notice:
        sys.stderr.write(f"Note: {notice}\n")


def cmd_rank(args: argparse.Namespace, out: TextIO) -> int:
    """Rank the database's technologies for one target."""
    from exportmcda.labels import shared_rank_text

    selection = _selection(args, args.country)
    rows = selection.records(args.top)
    if args.format == "table":
        shown = [
            {"rank": r["rank"],
             "shared_rank": shared_rank_text(r["shared_rank"], bool(r["tied_with"])),
             **{k: r[k] for k in ("technology_id", "technology_name", "company_name", "field",
                                  "score")}}
            for r in rows
        ]
        emit(shown, "table", out)
    elif args.format == "csv":
        flat = []
        for r in rows:
            base = {k: v for k, v in r.items() if k not in ("criteria", "contributions")}
            base["tied_with"] = ";".join(r["tied_with"])
            base.update({f"criteria.{k}": v for k, v in r["criteria"].items()})
            flat.append(base)
        emit(flat, "csv", out)
    else:
        emit(rows, "json", out)
    _print_notes(selection, args.lang, args.top)
    return 0


def cmd_compare(args: argparse.Namespace, out: TextIO) -> int:
    """Compare several targets' top N side by side."""
    from exportmcda.model.comparison import compare

    codes = [c.strip() for c in args.countries.split(",") if c.strip()]
    selections = _selections(args, codes)
    result = compare(selections, top=args.top)
    if args.format == "json":
        write_json(result.as_dict(), out)
    else:
        rows = []
        for k in range(args.top):
            row: dict[str, Any] = {"rank": k + 1}
            for code in result.codes:
                frame = result.tops[code]
                row[code] = frame["technology_id"].iloc[k] if k < len(frame) else ""
            rows.append(row)
        emit(rows, args.format, out)
        if args.format == "table":
            common = ", ".join(result.strong_everywhere["technology_id"]) or "none"
            out.write(f"In every top {args.top}: {common}\n")
    first = next(iter(selections.values()))
    sys.stdout.flush()
    ranking_notes = (n for sel in selections.values() for n in sel.notes_for(args.top)
                     if n.code in ("tie_rule", "cut_off_ties"))
    for note in dict.fromkeys((first.method_note(), *ranking_notes)):
        sys.stderr.write(f"Note: {note_text(note, args.lang)}\n")
    notice = first.provenance.notice(args.lang)
    if notice:
        sys.stderr.write(f"Note: {notice}\n")
    return 0


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    """Write the shortlist workbook or CSV (atomically)."""
    from exportmcda.data.io import write_bytes_atomic
    from exportmcda.export.reports import shortlist_csv, shortlist_xlsx

    path = Path(args.out)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ConfigError.single(
            "bad_suffix", "--out must end in .xlsx or .csv", field="--out", value=args.out
        )
    db = database_arg(args.data)
    selection = _selections(args, [args.country], db)[args.country.upper()]
    record = None
    if suffix == ".xlsx":  # with the database: the best markets of the shortlist too
        from exportmcda.export.record import build_record
        from exportmcda.model.market_evidence import market_evidence

        markets = market_evidence(selection, db=db, technologies=selection.top_ids(args.top))
        record = build_record(selection, top=args.top, markets=markets)  # the workbook's own
        data = shortlist_xlsx(selection, top=args.top, lang=args.lang, markets=markets,
                              record=record)
    else:
        data = shortlist_csv(selection, top=args.top, lang=args.lang)
    write_bytes_atomic(path, data)
    _export_record(args, selection, record)
    written = len(selection.top_ids(args.top))  # what the file holds, not what was asked
    sys.stderr.write(f"Wrote {path} ({written} technolog{'y' if written == 1 else 'ies'} "
                     f"for {selection.country.code}).\n")
    _print_notes(selection, args.lang, args.top)
    del out
    return 0


def _export_record(args: argparse.Namespace, selection: Selection, record: Any) -> None:
    """Write the export's record beside it (``--record``) or keep it in the register.

    The record is the one inside the workbook (for a CSV, built here); ``--save`` keeps it in
    the decision register.
    """
    if not (args.record or args.save):
        return
    from exportmcda.cli.saving import register_record
    from exportmcda.data.io import write_bytes_atomic
    from exportmcda.export.record import build_record
    from exportmcda.labels import t

    record = record or build_record(selection, top=args.top)
    if args.record:
        write_bytes_atomic(Path(args.record), record.to_file_text().encode("utf-8"))
        sys.stderr.write(t("record_written", args.lang, path=args.record,
                           digest=record.digest[:16]) + "\n")
    register_record(args, record)


def cmd_sensitivity(args: argparse.Namespace, out: TextIO) -> int:
    """Stability of a ranking: one-at-a-time intervals, SMAA, method agreement.

    The robustness engine recomputes TOPSIS closeness under changed weights
    (:mod:`exportmcda.robustness.space`), so another ``--method`` is refused before
    anything is ranked (it would otherwise report TOPSIS's stability as that method's).
    """
    from exportmcda.model.robustness import robustness

    refuse_non_topsis(args.method, "sensitivity.method_not_topsis", field="--method")
    selection = _selection(args, args.country)
    width = 30

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            filled = int(width * done / max(total, 1))
            sys.stderr.write(f"\rSMAA [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
            if done >= total:
                sys.stderr.write("\n")

    report = robustness(
        selection, top_n=args.top, samples=args.samples, seed=args.seed, progress=progress
    )
    if args.format == "json":
        write_json(report.as_dict(), out)
    elif args.format == "csv":  # one row per technology listed: the acceptability table
        emit(_acceptability_rows(report), "csv", out)
    else:
        _sensitivity_tables(report, selection, args.lang, out)
    _print_notes(selection, args.lang, args.top)
    return 0


def refuse_non_topsis(
    method: str, code: str, *, field: str, advice: str = "run it with --method topsis"
) -> None:
    """``code`` (exit 1) when ``method`` is not TOPSIS: robustness is computed for TOPSIS."""
    if method == "topsis":
        return
    from exportmcda.rank.engine import METHODS

    label = METHODS[method].label if method in METHODS else method
    raise ConfigError.single(
        code, f"robustness (one-at-a-time intervals, SMAA, rank reversal) is computed for "
        f"TOPSIS rankings only, not {label}; {advice}",
        field=field, value=method,
    )


def _acceptability_rows(report: RobustnessReport) -> list[dict[str, Any]]:
    """The SMAA acceptability of each listed technology (JSON names as columns)."""
    return [
        {"technology_id": tid, "technology_name": entry["technology_name"],
         "baseline_rank": entry["baseline_rank"], "shared_rank": entry["shared_rank"],
         "top_n": entry["top_n"], "first": entry["first"], "confidence": entry["confidence"]}
        for tid, entry in report.as_dict()["acceptability"].items()
    ]


def _sensitivity_tables(
    report: RobustnessReport, selection: Selection, lang: str, out: TextIO
) -> None:
    """``sensitivity --format table``: the JSON report's four parts as titled tables."""
    from exportmcda.labels import t

    body = report.as_dict()
    labels = {c.id: c.label(lang) for c in selection.weights.tree.criteria}
    n = report.top_n

    def section(title: str, caption: str = "") -> None:
        out.write(f"\n{title}\n" + (f"{caption}\n" if caption else ""))

    section(t("sens_oat", lang))  # the app's captions describe its charts: not printed
    emit([
        {"criterion": labels.get(c, c), "current": v["current"],
         "top_n_lo": v["top_n"]["lo"], "top_n_hi": v["top_n"]["hi"],
         "top_1_lo": v["top_1"]["lo"], "top_1_hi": v["top_1"]["hi"]}
        for c, v in body["one_at_a_time"]["criteria"].items()
    ], "table", out, headers={
        "criterion": t("col_criterion", lang), "current": t("current_weight", lang),
        "top_n_lo": t("topn_from", lang), "top_n_hi": t("topn_to", lang),
        "top_1_lo": t("top1_from", lang), "top_1_hi": t("top1_to", lang)})
    section(t("sens_smaa", lang), note_text(report.smaa.model, lang)
            + f" · n = {report.smaa.samples:,} · {t('sens_seed', lang)} {report.smaa.seed}")
    emit([
        {"technology_id": r["technology_id"], "technology_name": r["technology_name"],
         "baseline_rank": r["baseline_rank"], "top_n": f"{r['top_n']:.1%}",
         "first": f"{r['first']:.1%}"}
        for r in _acceptability_rows(report)
    ], "table", out, headers={
        "technology_id": t("col_technology_id", lang),
        "technology_name": t("col_technology", lang),
        "baseline_rank": t("sens_baseline_rank", lang),
        "top_n": t("sens_top_n", lang, n=n), "first": t("sens_first", lang)})
    agreement = body["method_agreement"]
    section(t("sens_methods", lang), t("sens_tau", lang))
    methods = agreement["methods"]
    emit([
        {"method": a.upper(), **{b.upper(): agreement["kendall_tau"][a][b] for b in methods}}
        for a in methods
    ], "table", out, headers={"method": t("method", lang)})
    out.write(t("sens_common", lang, n=agreement["top_n"]) + " "
              + (", ".join(agreement.get("common") or []) or "–") + "\n")
    section(t("sens_reversal", lang), t("sens_reversal_help", lang))
    swapped = [e for e in report.rank_reversal if e.n_swapped]
    out.write(t("sens_reversal_summary", lang, checked=len(report.rank_reversal),
                reversed=len(swapped)) + "\n")
    if swapped:
        emit([
            {"change": note_text(e.change, lang), "n_swapped": e.n_swapped,
             "shortlist_changed": t("yes", lang) if e.shortlist_changed else t("no", lang)}
            for e in swapped
        ], "table", out, headers={
            "change": t("sens_change", lang), "n_swapped": t("sens_swapped", lang),
            "shortlist_changed": t("sens_shortlist_changed", lang)})


def _ranking_options(p: argparse.ArgumentParser, *, scenario: bool = True) -> None:
    from exportmcda.model.measure_params import SOURCE_TYPES
    from exportmcda.rank.engine import METHODS, NORMALIZATIONS

    p.add_argument("--data", metavar="FILE", help="a database (.csv/.xlsx); default: the sample")
    if scenario:
        group = p.add_mutually_exclusive_group()
        group.add_argument("--scenario", metavar="NAME", help="scenario id or .toml file "
                           "(default: balanced)")
        group.add_argument("--weights", metavar="FILE", help="weights: a scenario .toml, or a "
                           "CSV 'criterion,weight' of the top-level criteria")
    p.add_argument("--method", choices=tuple(METHODS), default="topsis")
    p.add_argument("--normalization", choices=tuple(NORMALIZATIONS), default=None,
                   help="default: the method's own (TOPSIS: vector; PROMETHEE II and SPOTIS "
                   "have none)")
    p.add_argument("--min-evidence", choices=SOURCE_TYPES,
                   help="policy fit: count a field's priority only if a source of at least "
                   f"this type supports it ({' > '.join(SOURCE_TYPES)})")
    p.add_argument("--sourced-only", action="store_true",
                   help="policy fit: ignore priorities that are assumed mappings")
    p.add_argument("--field", action="append", metavar="NAME", help="filter (repeatable)")
    p.add_argument("--service-type", action="append", metavar="NAME")
    p.add_argument("--company-size", action="append", metavar="NAME")
    p.add_argument("--region", action="append", metavar="NAME")
    p.add_argument("--lang", choices=("en", "ko"), default="en")


def add_commands(sub: Any, formats: Any) -> None:
    """Register the decision commands on the ``exportmcda`` sub-parser."""
    from exportmcda.ahp.completion import COMPLETIONS, DEFAULT_COMPLETION
    from exportmcda.ahp.consistency import RI_TABLES
    from exportmcda.ahp.priorities import METHOD_ALIASES
    from exportmcda.cli.saving import add_save_options
    from exportmcda.rank.engine import METHODS, NORMALIZATIONS
    from exportmcda.rank.methods import PROMETHEE_NEEDS

    p = sub.add_parser("ahp", help="AHP weights and consistency of a pairwise matrix (CSV); "
                       "several --matrix files: an expert panel, aggregated")
    p.add_argument("--matrix", required=True, action="append", metavar="FILE.csv",
                   help="a square judgment matrix; repeat for each expert of a panel")
    p.add_argument("--aggregation", choices=("aij", "aip"), default="aij",
                   help="panel: geometric mean of judgments (aij) or of priorities (aip)")
    p.add_argument("--method", choices=tuple(METHOD_ALIASES), default="eigen")
    p.add_argument("--ri-table", choices=tuple(RI_TABLES), default="saaty_1980")
    p.add_argument("--completion", choices=tuple(COMPLETIONS), default=DEFAULT_COMPLETION,
                   help="missing judgments (eigen): bfr = minimal lambda_max (Bozóki, Fülöp "
                   "& Rónyai 2010, default) or harker (Harker 1987)")
    formats(p, "table")
    p.set_defaults(handler=cmd_ahp)

    p = sub.add_parser("mcda", help="rank any decision matrix (CSV: alternatives × criteria)")
    p.add_argument("file", metavar="FILE.csv")
    p.add_argument("--weights", required=True, help="w1,w2,… (fractions allowed)")
    p.add_argument("--types", required=True, help="1 (benefit) or -1 (cost) per criterion")
    p.add_argument("--method", choices=tuple(METHODS), default="topsis")
    p.add_argument("--normalization", choices=tuple(NORMALIZATIONS), default=None,
                   help="default: the method's own (TOPSIS: vector)")
    p.add_argument("--normalize-weights", action="store_true",
                   help="divide the weights by their sum (e.g. 0.999) instead of refusing")
    p.add_argument("--v", type=float, default=None, metavar="V",
                   help="VIKOR: weight of the majority-of-criteria strategy, 0..1 "
                   "(default 0.5)")
    p.add_argument("--preference", choices=tuple(PROMETHEE_NEEDS), default=None,
                   help="PROMETHEE II preference function (default usual)")
    p.add_argument("--q", default=None, metavar="Q[,Q…]",
                   help="PROMETHEE II indifference threshold: one value or one per criterion")
    p.add_argument("--p", default=None, metavar="P[,P…]",
                   help="PROMETHEE II preference threshold: one value or one per criterion")
    p.add_argument("--bounds", default=None, metavar="FILE.csv",
                   help="SPOTIS: CSV criterion,min,max (default: the data's min and max, "
                   "noted: not rank-reversal free)")
    formats(p, "table")
    p.set_defaults(handler=cmd_mcda)

    p = sub.add_parser("rank", help="rank the technologies for a target country or group")
    p.add_argument("--country", required=True, metavar="CODE")
    p.add_argument("--top", type=_top_or_all, default=DEFAULT_TOP, metavar="N|all",
                   help=f"how many to list (default {DEFAULT_TOP}; all: every technology)")
    _ranking_options(p)
    formats(p, "table")
    p.set_defaults(handler=cmd_rank)

    p = sub.add_parser("compare", help="compare targets side by side (top N, overlap)")
    p.add_argument("--countries", required=True, metavar="A,B,…")
    p.add_argument("--top", type=_positive_int, default=DEFAULT_TOP, metavar="N",
                   help=f"default {DEFAULT_TOP}")
    _ranking_options(p)
    formats(p, "table")
    p.set_defaults(handler=cmd_compare)

    p = sub.add_parser("export", help="write the shortlist to .xlsx or .csv")
    p.add_argument("--country", required=True, metavar="CODE")
    p.add_argument("--top", type=_top_or_all, default=DEFAULT_TOP, metavar="N|all",
                   help=f"default {DEFAULT_TOP}; all: every technology")
    p.add_argument("--out", required=True, metavar="FILE.xlsx|FILE.csv")
    p.add_argument("--record", metavar="FILE.json", help="also write the export's decision "
                   "record as a JSON file (the record inside the workbook)")
    add_save_options(p)
    _ranking_options(p)
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("sensitivity", help="how stable a ranking is, and what would change it")
    p.add_argument("--country", required=True, metavar="CODE")
    p.add_argument("--top", type=_positive_int, default=DEFAULT_TOP, metavar="N",
                   help=f"default {DEFAULT_TOP}")
    p.add_argument("--samples", type=_positive_int, default=10_000, metavar="N")
    p.add_argument("--seed", type=int, default=0, metavar="S")
    _ranking_options(p)
    formats(p, "json")  # json: the report (contract); table: its parts; csv: acceptability
    p.set_defaults(handler=cmd_sensitivity)
