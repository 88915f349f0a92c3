"""The workbook's Rules sheet: the shortlist rules, what each cost, or why none can be met.

Written when an export is given a rule-bound shortlist
(:class:`~exportmcda.model.shortlist.Shortlist`): the summary (a shortlist meets every rule
or not, the score under the rules against the ranking's top N without rules, the solver),
one row per rule with the numbers of ``exportmcda shortlist --format json`` (``rule``,
``binding``, ``score_given_up``, ``pushed_out``; also ``brought_in``, where it was stated and
the cost in words, :mod:`exportmcda.model.rule_views`), and for rules no shortlist meets the
conflicting rules and each one's smallest relaxation. Numbers are written unrounded (an
auditor compares them with the JSON); every text passes the workbook writer's formula
neutralisation (``exportmcda.export.reports._write``) and metadata is kept on one line
(:func:`~exportmcda.export.safe.one_line`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from exportmcda.export.safe import one_line
from exportmcda.labels import note_text, t

if TYPE_CHECKING:
    from exportmcda.model.selection import Selection
    from exportmcda.model.shortlist import Shortlist

__all__ = ["RULE_COLUMNS", "rules_rows"]

RULE_COLUMNS = (
    "col_rule_id",
    "col_rule",
    "col_stated_in",
    "col_binding",
    "col_score_given_up",
    "col_pushed_out",
    "col_brought_in",
    "col_cost",
)
"""The label keys of the rule table's columns, in order."""


def _ids(ids: list[str] | None) -> str:
    return "-" if ids is None else ", ".join(ids)


def rules_rows(
    selection: Selection, result: Shortlist, lang: str = "en"
) -> tuple[list[list[Any]], int]:
    """The Rules sheet's rows and the (1-based) row of the rule table's header."""
    from exportmcda.model.rule_views import conflict_lines, cost_text, technology_names
    from exportmcda.model.rules import rule_text
    from exportmcda.model.shortlist import relaxation_text

    yes, no = t("yes", lang), t("no", lang)
    rows: list[list[Any]] = [
        [t("sheet_rules_title", lang)],
        [
            one_line(
                f"{t('target', lang)}: {selection.country.code} — "
                f"{selection.country.name(lang)}; {t('scenario', lang)}: "
                f"{selection.scenario.label(lang)}"
            )
        ],
    ]
    notice = selection.provenance.notice(lang)
    if notice:
        rows.append([notice])
    free = result.unconstrained_score
    rows += [
        [],
        [t("sheet_rules_feasible", lang), yes if result.feasible else no],
        [t("sheet_rules_score", lang), "-" if result.score is None else result.score],
        [t("sheet_rules_free_score", lang, n=result.top), free],
        [t("sheet_rules_given_up", lang), "-" if result.score is None else free - result.score],
        [t("sheet_rules_solver", lang), result.solver],
        [],
        [t(key, lang) for key in RULE_COLUMNS],
    ]
    header = len(rows)
    costs = {id(c.rule): c for c in result.costs}
    names = technology_names(result)
    for record, rule in zip(result.rule_records(lang), result.rules, strict=True):
        cost = costs.get(id(rule))
        binding = record["binding"]
        rows.append(
            [
                record["rule"],
                record["text"],
                one_line(record["stated_in"]),
                "-" if binding is None else yes if binding else no,
                "-" if record["score_given_up"] is None else record["score_given_up"],
                _ids(record["pushed_out"]),
                _ids(record["brought_in"]),
                "-" if cost is None else cost_text(cost, lang, names),
            ]
        )
    if result.conflict is not None:
        rows += [
            [],
            *([line] for line in conflict_lines(result, lang)),
            [],
            [t("rules_relaxations_title", lang)],
            [
                t("col_rule", lang),
                t("col_relaxed_to", lang),
                t("col_slack", lang),
                t("col_score", lang),
            ],
        ]
        rows += [
            [rule_text(x.rule, lang), relaxation_text(x, lang), x.technologies, x.score]
            for x in result.conflict.relaxations
        ]
    rows.append([])
    rows += [[t("notes", lang), one_line(note_text(n, lang))] for n in result.notes]
    return rows, header
