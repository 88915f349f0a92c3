"""A briefing from a decision record: read it, re-run it, compare, and gather the page.

The briefing of a decision made months ago must show what was decided, not today's
ranking, yet say whether today's inputs still give it (USERS.md, journey 4). So
:func:`from_record` re-runs the record exactly as ``verify`` does
(:func:`exportmcda.export.verify.verify`: the record's own scenario TOML, target, group
rule, method, normalisation and filters, on :func:`~exportmcda.export.verify.database_for`'s
database), keeps the recorded shortlist, and states prominently when an input hash or a
result differs. The explanations and the robustness are computed on the re-run ranking,
since that is the only ranking at hand; the page says so when it is not identical.

A record is read from a decision JSON file or from an exported workbook's ``record`` sheet;
an edited record (digest mismatch) is refused by :meth:`exportmcda.export.record.Record.from_json`.
"""

from __future__ import annotations

from pathlib import Path

from exportmcda.brief.content import SAMPLES, Briefing, assemble
from exportmcda.data.countries import default_directory, get_country
from exportmcda.data.database import Database
from exportmcda.errors import ConfigError
from exportmcda.export.record import Record, build_record, read_record
from exportmcda.export.verify import database_for, verify
from exportmcda.model.criteria import default_criteria_path, load_criteria
from exportmcda.model.market_evidence import MarketEvidence, market_evidence
from exportmcda.model.rules import RuleSet
from exportmcda.model.scenarios import parse_scenario
from exportmcda.model.selection import Selection, select

__all__ = ["from_record", "from_view", "load_record"]

_WORKBOOKS = (".xlsx", ".xlsm")


def load_record(path: str | Path) -> Record:
    """The record in a decision JSON file, or in an exported workbook (``.xlsx``).

    Errors (unreadable file, not UTF-8, not a record, edited) name the file.
    """
    file = Path(path)
    if file.suffix.lower() in _WORKBOOKS:
        return read_record(file)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError.single(
            "unreadable", f"cannot read the file: {error}", path=str(file)
        ) from None
    return Record.from_json(text, path=str(file))


def from_record(
    record: Record,
    *,
    lang: str = "en",
    data: str | Path | None = None,
    criteria_path: str | Path | None = None,
    countries_dir: str | Path | None = None,
    indicators_dir: str | Path | None = None,
    samples: int = SAMPLES,
    seed: int = 0,
) -> Briefing:
    """Re-run ``record`` (on ``data``, or the sample when the record used it) and brief it.

    The paths default to the shipped files, as for ``verify``.
    """
    db = database_for(record, data)
    result = verify(
        record,
        db,
        criteria_path=criteria_path,
        countries_dir=countries_dir,
        indicators_dir=indicators_dir,
    )
    criteria = Path(criteria_path) if criteria_path is not None else default_criteria_path()
    countries = Path(countries_dir) if countries_dir is not None else default_directory()
    selection = select(
        db,
        load_criteria(criteria),
        parse_scenario(record.scenario_toml, name="audit record (scenario)"),
        get_country(record.target, countries, aggregation=record.aggregation),
        filters=record.filters,
        method=record.method,
        normalization=record.normalization,
        lang=lang,
    )
    markets = market_evidence(selection, countries_dir=countries, indicators_dir=indicators_dir)
    return assemble(
        record,
        selection,
        lang=lang,
        verification=result,
        markets=markets,
        samples=samples,
        seed=seed,
    )


def from_view(
    selection: Selection,
    *,
    top: int,
    lang: str = "en",
    markets: MarketEvidence | None = None,
    samples: int = SAMPLES,
    seed: int = 0,
    rules: RuleSet | None = None,
    db: Database | None = None,
) -> Briefing:
    """The briefing of the view on screen: its record built now, nothing to re-run.

    ``markets`` is the market side the view's workbook would show (default: indicators,
    weights and normalisation without country rankings, as :func:`build_record`). ``rules``
    (with the view's database ``db``) are the page's shortlist rules: the record then holds
    the rule-bound shortlist and the briefing shows it with each rule's cost.
    """
    markets = markets or market_evidence(selection)
    record = build_record(selection, top=top, markets=markets, rules=rules, db=db)
    return assemble(record, selection, lang=lang, markets=markets, samples=samples, seed=seed)
