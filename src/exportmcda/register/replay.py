"""Replaying a decision record: "identical", or exactly what differs, in English or Korean.

:func:`replay` re-runs a record with :func:`exportmcda.export.verify.verify` (the one re-run
of a record: the workbook's ``verify``, the JSON file's ``replay`` and the register's
``decisions replay`` all go through it) on the database the record names. A replay is
*identical* when the results are reproduced (the same shortlist at the same ranks, the same
market rankings, the same rule-bound shortlist) **and** every input hash and library version
is the recorded one; otherwise :func:`replay_lines` says what differs: which input hash
(database, criteria, scenario, country profile, indicator file), which library version, which
ranks moved and how the rule-bound shortlist changed. A version change alone may leave the
results as they were; it is still reported (Sandve et al. 2013, rule 3), and the lines say
whether the results were reproduced.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from exportmcda.export.record import Record
from exportmcda.export.verify import Verification, database_for, verify
from exportmcda.labels import note_text, t

if TYPE_CHECKING:
    from exportmcda.data.database import Database

__all__ = ["replay", "replay_dict", "replay_lines"]


def replay(
    record: Record,
    *,
    data: str | Path | None = None,
    db: Database | None = None,
    criteria_path: str | Path | None = None,
    countries_dir: str | Path | None = None,
    indicators_dir: str | Path | None = None,
) -> Verification:
    """Re-run ``record`` through :func:`~exportmcda.export.verify.verify`.

    On ``db`` (a :class:`~exportmcda.data.database.Database`), else on ``data`` (a file),
    else on the sample when the record used it (ConfigError ``audit.data_needed`` naming the
    file and its SHA-256 otherwise).
    """
    database = db if db is not None else database_for(record, data)
    return verify(
        record,
        database,
        criteria_path=criteria_path,
        countries_dir=countries_dir,
        indicators_dir=indicators_dir,
    )


def replay_dict(result: Verification) -> dict[str, Any]:
    """The ``replay --format json`` contract.

    ``verify``'s JSON plus ``status`` (``identical``/``differs``), ``identical``,
    ``changed_inputs``, ``changed_versions``, ``scenario`` and ``digest`` (the record's).
    """
    return {
        "status": "identical" if result.identical else "differs",
        "identical": result.identical,
        **result.as_dict(),
        "changed_inputs": list(result.changed_inputs),
        "changed_versions": list(result.changed_versions),
        "scenario": result.record.scenario_id,
        "digest": result.record.digest,
    }


def _number(value: float | None, spec: str) -> str:
    return "–" if value is None else format(value, spec)


def _short(value: str | None) -> str:
    return "–" if value is None else value[:16]


def replay_lines(result: Verification, lang: str = "en") -> list[str]:
    """What a replay says, line by line in ``lang``.

    The record, then ``identical`` or each difference (inputs, versions, shortlist ranks,
    market ranks, the rule-bound shortlist) and whether the results were reproduced, then
    the notes.
    """
    record = result.record
    lines = [
        t(
            "replay_head",
            lang,
            target=record.target,
            scenario=record.scenario_id or "-",
            top=record.top,
            method=record.method,
            normalization=record.normalization or "default",
            created=record.created,
            digest=record.digest[:16],
        )
    ]
    if result.identical:
        return [*lines, t("replay_identical", lang, n=len(record.decided))]
    lines.append(t("replay_differs", lang))
    lines += [
        t("replay_input", lang, name=c.name, recorded=_short(c.recorded), current=_short(c.current))
        for c in result.inputs
        if not c.same
    ]
    lines += [
        t("replay_version", lang, name=c.name, recorded=c.recorded or "–", current=c.current or "–")
        for c in result.versions
        if not c.same
    ]
    lines += [
        t(
            "replay_rank",
            lang,
            technology=d.technology_id,
            kind=t(f"replay_kind_{d.kind}", lang),
            old_rank=_number(d.old_rank, "g"),
            new_rank=_number(d.new_rank, "g"),
            old_score=_number(d.old_score, ".6f"),
            new_score=_number(d.new_score, ".6f"),
        )
        for d in result.differences
    ]
    lines += [
        t(
            "replay_market",
            lang,
            technology=d.technology_id,
            country=d.country,
            kind=t(f"replay_kind_{d.kind}", lang),
            old_rank=_number(d.old_rank, "d"),
            new_rank=_number(d.new_rank, "d"),
        )
        for d in result.market_differences
    ]
    rules = result.rule_shortlist
    if rules is not None and not rules.same:
        lines.append(
            t(
                "replay_rules",
                lang,
                entered=", ".join(rules.entered) or "-",
                left=", ".join(rules.left) or "-",
            )
        )
    lines.append(t("replay_reproduced" if result.reproduced else "replay_not_reproduced", lang))
    return [
        *lines,
        *(note_text(n, lang) for n in result.notes if n.code != "replay_rule_shortlist_changed"),
    ]  # said above
