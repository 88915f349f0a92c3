"""Export a ranked shortlist to Excel (.xlsx) and CSV, with the record an auditor needs.

The workbook carries: the shortlist with explanations; the weights and every AHP matrix
with λmax, CR and the random-index table; the country profile with each value's sources;
the market side (:class:`~exportmcda.model.market_evidence.MarketEvidence`): the market
indicators of the countries compared, each with its value, year, issuer, title and where it
was found, the scenario's market weights (labelled assumed where the market scenario file
says so) and the normalisation, and, when the export was given the database, the best
markets of each shortlisted technology with the reason; the provenance (data source and
SHA-256, synthetic or not, scenario, method, versions, date); the assumptions. Metadata
(file names, paths, notes, provenance) is written on one line
(:func:`~exportmcda.export.safe.one_line` escapes newlines). Text that a spreadsheet would
run as a formula (starting with ``= + - @``, tab or carriage return: OWASP "CSV injection")
is written as text: in .xlsx as a string cell with a quote prefix, in CSV behind a leading
apostrophe.

The .xlsx is the auditable export: its last sheet, ``record``, holds the audit record
(:mod:`exportmcda.export.record`) that ``exportmcda verify`` re-runs. The CSV carries only the
data's SHA-256 (and neither the market side): a JSON record on a ``#`` line would be split at
its commas into dozens of cells when Excel opens the file, so it would neither read well nor
survive a re-save.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from exportmcda.ahp.priorities import AhpResult
from exportmcda.data.indicator_catalogue import BY_ID as INDICATORS
from exportmcda.data.taxonomy import FIELDS
from exportmcda.export.record import Record, build_record, record_cells
from exportmcda.export.safe import (
    looks_like_formula,
    neutral_line,
    one_line,
    safe_filename,
)
from exportmcda.export.sheetxml import RowsXml, cell_text, splice_rows
from exportmcda.labels import file_term, note_text, score_column, shared_rank_text, source_year, t
from exportmcda.model.market_evidence import MarketEvidence, market_evidence
from exportmcda.model.selection import Selection

if TYPE_CHECKING:
    from exportmcda.model.shortlist import Shortlist

__all__ = ["export_filename", "shortlist_csv", "shortlist_xlsx"]

_HEADER_FILL = PatternFill("solid", fgColor="1F5FA8")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_WARN_FONT = Font(bold=True, color="9C2A00")
NUMBER_FORMAT = "0.0000"
"""How scores, weights and criterion values are shown (stored in full: the format rounds
only the display, so a reader sees 0.6590, not 0.6590123456789012, and ``verify`` still
compares the stored value)."""


def export_filename(selection: Selection, suffix: str, *, created: datetime | None = None) -> str:
    """A safe file name: ``exportmcda_<target>_<scenario>_<date>.<suffix>`` (ASCII only)."""
    when = (created or datetime.now(UTC)).strftime("%Y%m%d")
    parts = [selection.country.code, selection.scenario.id, when]
    return f"{safe_filename('_'.join(['exportmcda', *parts]))}.{suffix.lstrip('.')}"


_SLICE_ROWS = 20_000
"""Rows of the shortlist built at a time (a full ranking is written in slices)."""


def _bound(rules: Shortlist | None) -> Shortlist | None:
    """The rule-bound shortlist to list instead of the top N (None: none, or infeasible)."""
    return rules if rules is not None and rules.feasible else None


def _shortlist_frames(
    selection: Selection, top: int, lang: str, rules: Shortlist | None = None
) -> Iterator[pd.DataFrame]:
    """The shortlist's rows, :data:`_SLICE_ROWS` at a time (memory stays bounded)."""
    bound = _bound(rules)
    total = len(selection.top_ids(top)) if bound is None else len(bound.chosen)
    for start in range(0, total, _SLICE_ROWS):
        yield _shortlist_frame(selection, top, lang, start, start + _SLICE_ROWS, rules)


def _shortlist_columns(
    selection: Selection, top: int, lang: str, rules: Shortlist | None = None
) -> list[str]:
    """The shortlist's column titles (those of :func:`_shortlist_frame`)."""
    return [str(c) for c in _shortlist_frame(selection, top, lang, 0, 0, rules).columns]


def _shortlist_frame(
    selection: Selection,
    top: int,
    lang: str,
    start: int = 0,
    stop: int | None = None,
    rules: Shortlist | None = None,
) -> pd.DataFrame:
    """The shortlist's rows (``start:stop`` of them): explanation and numbers of each.

    Explanations are computed for the written rows only, sharing the pool's statistics
    (:func:`~exportmcda.model.explain.sentences`); criterion values and contributions are
    taken as columns, not row by row. With a feasible rule-bound shortlist (``rules``) its
    members are listed instead of the top N: first their rank under the rules, and a
    column naming the rule that brought each in (:func:`~exportmcda.model.rule_views.
    membership_changes`; empty for a member of the ranking's top N).
    """
    from exportmcda.model.explain import sentences  # explain imports selection; keep local

    bound = _bound(rules)
    if bound is None:
        table = selection.table(top, start=start, stop=stop)
    else:
        table = selection.table(ids=bound.chosen, start=start, stop=stop)
    rows = np.array([selection.position(t) for t in table["technology_id"]], dtype=np.intp)
    frame = pd.DataFrame(
        {
            t("col_rank", lang): table["rank"],
            t("col_shared_rank", lang): [
                shared_rank_text(shared, bool(tied))
                for shared, tied in zip(table["shared_rank"], table["tied_with"], strict=True)
            ],
            t("col_technology_id", lang): table["technology_id"],
            t("col_technology", lang): table["technology_name"],
            t("col_company", lang): table["company_name"],
            t("col_field", lang): table["field"],
            t("col_service_type", lang): table["service_type"],
            t("col_region", lang): table["region"],
            t("col_size", lang): table["company_size"],
            t(score_column(selection.result.method), lang): table["score"],
            t("col_tied_with", lang): ["; ".join(ids) for ids in table["tied_with"]],
            t("col_explanation", lang): sentences(selection, list(table["technology_id"]),
                                                  lang),
        }
    )
    if bound is not None:
        from exportmcda.model.rule_views import membership_changes

        changed = membership_changes(bound, lang)
        frame.insert(0, t("col_rule_bound_rank", lang), range(start + 1, start + len(frame) + 1))
        frame.insert(list(frame.columns).index(t("col_explanation", lang)),
                     t("col_changed_by", lang), [changed[i] for i in table["technology_id"]])
    values = selection.result.matrix[rows]
    labels = [selection.weights.tree.leaf(leaf).label(lang) for leaf in selection.criteria]
    for j, label in enumerate(labels):
        frame[label] = values[:, j]
    if not selection.has_contributions:  # VIKOR: none, said by the contributions note
        return frame
    parts = selection.contributions_of(rows)
    for j, label in enumerate(labels):
        frame[f"{t('col_contribution', lang)}: {label}"] = parts[:, j]
    return frame


def _weights_rows(selection: Selection, lang: str) -> list[list[Any]]:
    tree = selection.weights.tree
    rows: list[list[Any]] = [[
        t("col_criterion", lang), t("col_subcriterion", lang), t("col_direction", lang),
        t("col_local_weight", lang), t("col_global_weight", lang), t("source", lang),
    ]]
    leaf_weights = selection.weights.leaf_weights
    for criterion in tree.criteria:
        total = sum(leaf_weights[leaf.id] for leaf in criterion.leaves)
        for leaf in criterion.leaves:
            local = leaf_weights[leaf.id] / total if total > 0 else 0.0
            rows.append([
                criterion.label(lang), leaf.label(lang),
                file_term("direction.", leaf.direction.value, lang), local,
                leaf_weights[leaf.id], leaf.source,
            ])
    return rows


def _ahp_blocks(selection: Selection, lang: str) -> list[list[Any]]:
    """Each node's AHP matrix (or direct weights); in Korean, nodes and criteria by name."""
    names = selection.weights.tree.names(lang) if lang != "en" else {}

    def named(node: str) -> str:
        return names.get(node, node)

    rows: list[list[Any]] = []
    for node, local in selection.weights.local.items():
        rows.append([])
        if isinstance(local, AhpResult):
            rows.append([f"{t('node', lang)}: {named(node)}", "AHP",
                         f"λmax = {local.lambda_max:.4f}", f"CI = {local.ci:.4f}",
                         f"CR = {local.cr:.4f}",
                         f"RI = {local.ri:.2f} ({file_term('term_ri_', local.ri_table, lang)})",
                         t("consistent", lang) if local.consistent else t("inconsistent", lang)])
            rows.append(["", *map(named, local.labels)])
            for label, values in zip(local.labels, local.matrix.tolist(), strict=True):
                rows.append([named(label), *values])
            rows.append([t("col_local_weight", lang), *local.weights])
        else:
            rows.append([f"{t('node', lang)}: {named(node)}", t("direct_weights", lang)])
            rows.append(["", *map(named, local.keys())])
            rows.append([t("col_local_weight", lang), *local.values()])
    return rows


def _country_rows(selection: Selection, lang: str) -> list[list[Any]]:
    country = selection.country
    rows: list[list[Any]] = [
        [t("target", lang), f"{country.code} — {country.name(lang)}"],
        [t("evidence_strength", lang), selection.evidence_level().label(lang),
         t("evidence_level_rule", lang)],
        [],
        [t("col_field", lang), t("col_priority", lang), t("col_basis", lang),
         t("col_evidence", lang), t("col_sources", lang)],
    ]
    for fp in country.fields:
        rows.append([
            FIELDS[fp.field - 1].name(lang), fp.priority, file_term("basis.", fp.basis, lang),
            fp.evidence,
            "; ".join(f"{s.id} ({s.type.label(lang)})" for s in fp.sources),
        ])
    rows += [[], [t("col_source_id", lang), t("col_title", lang), t("col_issuer", lang),
                  t("col_year", lang), t("col_type", lang), "URL"]]
    for s in country.sources:
        rows.append([s.id, s.title, s.issuer, source_year(s.year, lang), s.type.label(lang),
                     s.url])
    return rows


def _provenance_rows(
    selection: Selection, lang: str, created: datetime, record: Record
) -> list[list[Any]]:
    p = selection.provenance
    r = selection.result
    filters = selection.filters
    shown_filters = "; ".join(
        f"{name}: {', '.join(map(str, values))}"
        for name in ("fields", "service_types", "company_sizes", "regions")
        if (values := getattr(filters, name))
    ) or t("audit_no_filters", lang)
    rows: list[list[Any]] = [
        [t("data_source", lang), one_line(p.source_text(lang))],
        ["SHA-256", p.sha256],
        [t("synthetic", lang), t("yes", lang) if p.synthetic else t("no", lang)],
        [t("target", lang), selection.country.code],
        [t("scenario", lang), one_line(
            f"{selection.scenario.id if lang == 'en' else selection.scenario.label(lang)} "
            f"({file_term('scenario_basis.', selection.scenario.basis, lang)})")],
        [t("method", lang), f"{r.method if lang == 'en' else r.method.upper()} ({r.engine})"],
        [t("normalization", lang),
         file_term("term_normalization_", r.normalization, lang) if r.normalization else "-"],
        [t("candidates", lang), len(r.alternatives)],
        [t("audit_filters", lang), one_line(shown_filters)],
        [t("audit_top", lang), record.top],
        *([name, version] for name, version in record.versions),
        [t("created", lang), created.isoformat(timespec="seconds")],
        [t("audit_criteria_hash", lang), record.criteria_file, record.criteria_sha256],
        [t("audit_scenario_hash", lang), one_line(
            selection.scenario.id if lang == "en" else selection.scenario.label(lang)),
         record.scenario_sha256],
        *([t("audit_profile_hash", lang), name, sha] for name, sha in record.profile_files),
        *([t("audit_indicator_hash", lang), name, sha] for name, sha in record.indicator_files),
        *([t("audit_market_hash", lang), name, sha] for name, sha in record.market_files),
        [t("audit_record", lang),
         t("audit_record_where_sheet", lang, sheet=t("sheet_record", lang))],
    ]
    names = selection.weights.tree.names(lang)
    rows += [[t("notes", lang), one_line(note_text(note, lang, names))]
             for note in selection.notes_for(record.top)]
    return rows


def _indicator_rows(markets: MarketEvidence, lang: str) -> tuple[list[list[Any]], int]:
    """The Indicators sheet: normalisation, market weights, every indicator value's source.

    Returns the rows and the (1-based) row of the indicator table's header.
    """
    scenario = markets.scenario
    basis = (t("sheet_market_weights_assumed", lang) if markets.assumed
             else file_term("scenario_basis.", scenario.basis, lang) if scenario is not None
             else "-")
    rows: list[list[Any]] = [
        [t("market_indicators_title", lang)],
        [t("normalization", lang), file_term("term_normalization_", markets.normalization, lang),
         t(f"market_normalization.{markets.normalization}", lang)],
        [t("market_scenario", lang),
         one_line(scenario.label(lang)) if scenario is not None
         else t("market_weights_none", lang), basis,
         "-" if markets.scenario_file is None else f"markets/{markets.scenario_file.name}"],
        [t("market_countries_compared", lang), ", ".join(markets.compared)],
        [],
        [t("sheet_market_weights_title", lang)],
        [t("col_criterion", lang), t("col_subcriterion", lang), t("col_direction", lang),
         t("col_global_weight", lang), t("col_weight_basis", lang), t("source", lang)],
    ]
    for criterion in markets.tree.criteria:
        for leaf in criterion.leaves:
            weight = markets.weights.get(leaf.id)
            rows.append([criterion.label(lang), leaf.label(lang),
                         file_term("direction.", leaf.direction.value, lang),
                         "-" if weight is None else weight, basis, one_line(leaf.source)])
    rows.append([])
    header = len(rows) + 1
    rows.append([t("col_country", lang), t("col_subcriterion", lang), t("col_indicator", lang),
                 t("col_year", lang), t("col_value", lang), t("col_unit", lang),
                 t("col_computed", lang), t("col_issuer", lang), t("col_title", lang),
                 t("col_found_at", lang), t("col_note", lang)])
    for code in markets.shown:
        for leaf in markets.indicator_leaves:
            v = markets.indicator_values[code, leaf.id]
            src = v.source
            rows.append([
                code, leaf.label(lang), _indicator_name(v.indicator, lang), v.year,
                t("missing_value", lang) if v.value is None else v.value,
                file_term("unit_", v.unit, lang),
                t("yes", lang) if v.computed else t("no", lang),
                "-" if src is None else one_line(src.issuer),
                "-" if src is None else one_line(src.title),
                "-" if src is None else one_line(src.found_at), one_line(v.note),
            ])
    names = markets.tree.names(lang)
    rows += [[t("notes", lang), one_line(note_text(n, lang, names))] for n in markets.notes]
    return rows, header


def _indicator_name(indicator: str, lang: str) -> str:
    """An indicator by its id in English (as the files name it), by its name in Korean."""
    known = INDICATORS.get(indicator)
    return indicator if lang == "en" or known is None else known.name(lang)


def _market_rows(
    selection: Selection, markets: MarketEvidence, top: int, lang: str
) -> list[list[Any]]:
    """The Markets sheet: each shortlisted technology's best three markets and why."""
    names = markets.tree.names(lang)
    target = selection.country.code
    compared = target in markets.compared
    header: list[Any] = [t("col_technology_id", lang), t("col_technology", lang)]
    if compared:
        header.append(t("market_target_rank", lang, target=target, n=len(markets.compared)))
    for k in (1, 2, 3):
        header += [t("market_nth", lang, k=k), t("col_score", lang), t("col_reason", lang)]
    rows: list[list[Any]] = [[t("market_best_title", lang)], [], header]
    table = selection.table(top)
    for tid, name in zip(table["technology_id"], table["technology_name"], strict=True):
        records = markets.rankings[tid].records() if tid in markets.rankings else []
        row: list[Any] = [tid, name]
        if compared:
            row.append(next((r["rank"] for r in records if r["country"] == target), "-"))
        for r in records[:3]:
            row += [r["country"], r["score"], ", ".join(names[k] for k in r["top_criteria"])]
        rows.append(row)
    return rows


def _tie_notes(
    selection: Selection, top: int, lang: str, rules: Shortlist | None = None
) -> list[str]:
    """The shortlist sheet's notes: the tie rule, a tie straddling the cut-off, the rules.

    A ranking other than TOPSIS adds what its contribution columns are (or that it has none).

    With rules: whether the sheet lists the rule-bound shortlist or (none meeting them) the
    top N.
    """
    lines = [one_line(note_text(n, lang)) for n in selection.notes_for(top)
             if n.code in ("tie_rule", "cut_off_ties") or n.code.startswith("contributions_")]
    if rules is not None:
        sheet = t("sheet_rules", lang)
        lines.append(
            t("sheet_shortlist_rule_bound", lang, n=rules.top, sheet=sheet,
              column=t("col_changed_by", lang)) if rules.feasible
            else t("sheet_shortlist_infeasible", lang, n=rules.top, sheet=sheet))
    return lines


def _record_rows(record: Record, lang: str) -> list[list[Any]]:
    cells = record_cells(record)
    return [[t("audit_record_line", lang, last=len(cells) + 1)], *([c] for c in cells)]


def _assumption_rows(selection: Selection, lang: str) -> list[list[Any]]:
    rows: list[list[Any]] = [[t("assumptions", lang)]]
    rows += [[one_line(a)] for a in selection.provenance.assumption_texts(lang)]
    scenario = selection.scenario
    rows.append([one_line(t(
        "assumption_scenario_line", lang,
        scenario=scenario.id if lang == "en" else scenario.label(lang),
        basis=file_term("scenario_basis.", scenario.basis, lang)))])
    for leaf in selection.weights.tree.leaves:
        basis = leaf.params.get("scores_basis")
        if basis == "assumed":
            rows.append([f"{leaf.label(lang)}: {leaf.definition(lang)}"])
    return rows


def _write(
    ws: Any,
    rows: Iterable[Sequence[Any]],
    *,
    header_row: int | None = None,
    more_widths: Sequence[int | None] = (),
    decimals: bool = False,
) -> None:
    """Append ``rows`` to ``ws``: text never a formula, header styled, columns sized.

    ``decimals`` shows every fractional number (weights, ratios, scores) as
    :data:`NUMBER_FORMAT`; whole numbers (ranks, counts) keep the General format.

    A column is as wide as its longest value plus 2 (10 to 60 characters);
    ``more_widths`` adds the longest value of rows written elsewhere (the shortlist's data
    rows, :mod:`exportmcda.export.sheetxml`).
    """
    for row in rows:
        ws.append([_cell_value(v) for v in row])
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and (
                cell.data_type == "f" or looks_like_formula(cell.value)
            ):
                cell.data_type = "s"  # never a formula: user text stays text
                cell.quotePrefix = True
            elif decimals and isinstance(cell.value, float) and not cell.value.is_integer():
                cell.number_format = NUMBER_FORMAT
    if header_row is not None:
        for cell in ws[header_row]:
            cell.fill, cell.font = _HEADER_FILL, _HEADER_FONT
    for i, column in enumerate(ws.columns, start=1):
        lengths = [len(str(c.value)) for c in column if c.value is not None]
        if i <= len(more_widths) and more_widths[i - 1] is not None:
            lengths.append(int(more_widths[i - 1] or 0))
        width = max(lengths, default=8)
        ws.column_dimensions[get_column_letter(i)].width = min(60, max(10, width + 2))


def _shortlist_formats(
    selection: Selection, top: int, lang: str, rules: Shortlist | None = None
) -> dict[int, str]:
    """The number format of each fractional shortlist column.

    The score, the criterion values and the contributions: every float column.
    """
    frame = _shortlist_frame(selection, top, lang, 0, 1, rules)
    return {j: NUMBER_FORMAT for j in range(frame.shape[1]) if frame.dtypes.iloc[j].kind == "f"}


def _column(values: pd.Series) -> np.ndarray | list[Any]:
    """A shortlist column as written: numbers as a numpy array, anything else as a list."""
    if values.dtype.kind in "fiu":
        return values.to_numpy()
    return values.tolist()


def _cell_value(value: Any) -> Any:
    return cell_text(value)


def shortlist_xlsx(
    selection: Selection,
    *,
    top: int,
    lang: str = "en",
    created: datetime | None = None,
    record: Record | None = None,
    markets: MarketEvidence | None = None,
    rules: Shortlist | None = None,
) -> bytes:
    """The shortlist workbook, with its audit record as the last sheet.

    Sheets: shortlist, weights and AHP, country profile, indicators (the market side),
    markets (each shortlisted technology's best markets, when ``markets`` holds the country
    rankings), provenance, assumptions, and the record sheet (``record``, in Korean
    ``감사기록``: :data:`exportmcda.export.record.RECORD_SHEETS`; machine-readable, read by
    ``exportmcda verify``). A Korean workbook gives directions, bases, units, AHP nodes and
    the sample's assumptions in Korean; scores, weights and criterion values are shown as
    :data:`NUMBER_FORMAT`. ``markets`` defaults to
    :func:`~exportmcda.model.market_evidence.market_evidence` of ``selection`` without the
    database (indicators, weights, normalisation; no rankings): pass one built with ``db``
    and the shortlist's ``technologies`` for the best markets. ``record`` defaults to
    :func:`exportmcda.export.record.build_record` of ``selection`` and ``markets`` with the
    shipped country profiles; pass one built with ``countries_dir`` for other profiles.

    ``rules``, a rule-bound shortlist of ``selection`` (:func:`exportmcda.model.shortlist.
    shortlist`, ``top`` technologies), adds the Rules sheet (:mod:`exportmcda.export.
    rules_sheet`) after the shortlist, and the shortlist sheet lists its members (when a
    shortlist meets the rules; else the top N, saying so). The default ``record`` holds the
    ranking's top N: a caller recording the rules passes its own ``record``.
    """
    when = created or datetime.now(UTC)
    markets = markets or market_evidence(selection)
    record = record or build_record(selection, top=top, created=when, markets=markets)
    wb = Workbook()
    ws = wb.active
    ws.title = t("sheet_shortlist", lang)[:31]
    notice = selection.provenance.notice(lang)
    heading: list[list[Any]] = [
        [t("app_title", lang)],
        [one_line(f"{t('target', lang)}: {selection.country.code} — "
                  f"{selection.country.name(lang)}; {t('scenario', lang)}: "
                  f"{selection.scenario.label(lang)}; {t('created', lang)}: "
                  f"{when.date().isoformat()}")],
    ]
    if notice:
        heading.append([notice])
    heading += [[text] for text in _tie_notes(selection, top, lang, rules)]
    heading.append([])
    header = _shortlist_columns(selection, top, lang, rules)
    data = RowsXml(len(heading) + 2, len(header), number_formats=_shortlist_formats(
        selection, top, lang, rules))
    for frame in _shortlist_frames(selection, top, lang, rules):
        data.add([_column(frame.iloc[:, j]) for j in range(frame.shape[1])])
    _write(ws, [*heading, header], header_row=len(heading) + 1, more_widths=data.widths)
    ws["A1"].font = Font(bold=True, size=14)
    if notice:
        ws["A3"].font = _WARN_FONT
        ws["A3"].alignment = Alignment(wrap_text=False)
    ws.freeze_panes = f"E{len(heading) + 2}"
    if rules is not None:
        from exportmcda.export.rules_sheet import rules_rows

        rule_rows, rule_header = rules_rows(selection, rules, lang)
        _write(wb.create_sheet(t("sheet_rules", lang)[:31]), rule_rows, header_row=rule_header)
    _write(wb.create_sheet(t("sheet_weights", lang)[:31]),
           [*_weights_rows(selection, lang), *_ahp_blocks(selection, lang)], header_row=1,
           decimals=True)
    _write(wb.create_sheet(t("sheet_country", lang)[:31]), _country_rows(selection, lang),
           header_row=4)
    indicator_rows, indicator_header = _indicator_rows(markets, lang)
    _write(wb.create_sheet(t("sheet_indicators", lang)[:31]), indicator_rows,
           header_row=indicator_header)
    if markets.rankings:
        _write(wb.create_sheet(t("sheet_markets", lang)[:31]),
               _market_rows(selection, markets, top, lang), header_row=3, decimals=True)
    _write(wb.create_sheet(t("sheet_provenance", lang)[:31]),
           _provenance_rows(selection, lang, when, record))
    _write(wb.create_sheet(t("sheet_assumptions", lang)[:31]), _assumption_rows(selection, lang),
           header_row=1)
    record_sheet = wb.create_sheet(t("sheet_record", lang)[:31])
    _write(record_sheet, _record_rows(record, lang))
    record_sheet.column_dimensions["A"].width = 100
    wb.properties.creator = "exportmcda"
    wb.properties.title = t("app_title", lang)
    buffer = io.BytesIO()
    wb.save(buffer)
    # The data rows go in last, as text (openpyxl took minutes for a full ranking).
    return splice_rows(buffer.getvalue(), "xl/worksheets/sheet1.xml", data, len(header))


def _csv_text(value: Any) -> Any:
    value = _cell_value(value)
    return f"'{value}" if looks_like_formula(value) else value


def shortlist_csv(
    selection: Selection,
    *,
    top: int,
    lang: str = "en",
    created: datetime | None = None,
    rules: Shortlist | None = None,
) -> bytes:
    """The shortlist as CSV (UTF-8 with BOM so Excel reads Korean), notices as # lines.

    With ``rules`` (a rule-bound shortlist), its members are listed as in the workbook.
    """
    when = created or datetime.now(UTC)
    out = io.StringIO()
    notice = selection.provenance.notice(lang)
    stamp = when.isoformat(timespec="seconds")
    # Every # line passes neutral_line: names, paths and notes can neither start a line nor
    # a cell with a formula, whatever newline or comma they hold (the file name included).
    lines = [
        f"{t('target', lang)}: {selection.country.code}; {t('scenario', lang)}: "
        f"{selection.scenario.id}; {t('created', lang)}: {stamp}",
        f"{t('data_source', lang)}: {selection.provenance.source}; "
        f"SHA-256 {selection.provenance.sha256}",
        *([notice] if notice else []),
        *_tie_notes(selection, top, lang, rules),
    ]
    for line in lines:
        out.write(f"# {neutral_line(line)}\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_shortlist_columns(selection, top, lang, rules))
    for frame in _shortlist_frames(selection, top, lang, rules):
        for row in frame.itertuples(index=False, name=None):
            writer.writerow([_csv_text(v) for v in row])
    return out.getvalue().encode("utf-8-sig")
