"""The briefing as one self-contained HTML page (A4), in English or Korean.

Every text that reaches the page passes :func:`html.escape` (names, sources and ids are the
user's, hence hostile: ``<script>`` or Markdown in a technology name shows as the text it
is); the page holds its own CSS and refers to nothing outside it (no link, image, font or
script URL), so opening or printing it fetches nothing. Words come from
:mod:`exportmcda.labels`. The CSS names the font ``Noto Sans CJK KR`` (Debian's
``fonts-noto-cjk``), which covers Hangul and Latin alike, so the PDF
(:mod:`exportmcda.brief.pdf`) embeds that one font in either language.

``density`` (0 = roomiest … :data:`DENSITIES` - 1 = tightest) shrinks the type and lists
fewer policy documents; the PDF writer raises it until the page fits one A4 sheet.
"""

from __future__ import annotations

from html import escape

from exportmcda.brief.content import CONCENTRATION, Briefing, ShortlistRow
from exportmcda.brief.rules import RecordedRule, RecordedRules
from exportmcda.labels import t

__all__ = ["DENSITIES", "FONT_FAMILY", "render_html"]

FONT_FAMILY = "Noto Sans CJK KR"
"""The one font of the page (Hangul and Latin; embedded in the PDF)."""

DENSITIES: tuple[tuple[float, int], ...] = (
    (8.6, 8),
    (8.3, 8),
    (8.0, 6),
    (7.7, 6),
    (7.4, 5),
    (7.1, 4),
    (6.8, 3),
    (6.5, 3),
)
"""Per density: base font size (pt) and how many policy documents are listed."""

_CSS = """
@page {{ size: A4; margin: 11mm 12mm 10mm 12mm; }}
* {{ box-sizing: border-box; }}
body {{ font-family: "{font}", sans-serif; font-size: {size}pt; line-height: 1.28;
       color: #1b1f24; margin: 0; }}
h1 {{ font-size: 1.65em; margin: 0 0 0.15em 0; color: #0b3d66; }}
h2 {{ font-size: 1.08em; margin: 0.7em 0 0.25em 0; color: #0b3d66;
     border-bottom: 0.6pt solid #9db4c8; padding-bottom: 0.1em; }}
p {{ margin: 0.2em 0; }}
.meta {{ color: #44505c; }}
.box {{ border-radius: 2pt; padding: 0.35em 0.6em; margin: 0.4em 0; }}
.synthetic {{ background: #fff4d6; border: 0.8pt solid #d9a400; }}
.identical {{ background: #e7f4ea; border: 0.8pt solid #3d8b4f; }}
.current {{ background: #eef2f6; border: 0.8pt solid #8a9bab; }}
.differs {{ background: #fde8e8; border: 1.6pt solid #c0262d; font-weight: bold; }}
.differs p.detail {{ font-weight: normal; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ text-align: left; vertical-align: top; padding: 0.12em 0.3em;
         border-bottom: 0.4pt solid #d5dde5; }}
th {{ background: #eef3f8; font-weight: bold; }}
td.num, th.num {{ text-align: right; white-space: nowrap; }}
td.id {{ white-space: nowrap; font-weight: bold; }}
td.why {{ font-size: 0.93em; color: #2b3540; }}
.cols {{ display: flex; gap: 4mm; }}
.cols > section {{ flex: 1 1 0; min-width: 0; }}
.small {{ font-size: 0.9em; color: #44505c; }}
ul {{ margin: 0.1em 0 0.2em 1.1em; padding: 0; }}
.footer {{ margin-top: 0.6em; font-size: 0.82em; color: #44505c; word-break: break-all; }}
"""


def _e(value: object) -> str:
    """Escaped text of ``value`` (quotes too: safe in text and attribute positions)."""
    return escape(str(value), quote=True)


def _rank(rank: float) -> str:
    return str(int(rank)) if float(rank).is_integer() else f"{rank:g}"


def _rank_or_dash(rank: float | None) -> str:
    return "–" if rank is None else _rank(rank)


def _ids(ids: tuple[str, ...]) -> str:
    return ", ".join(ids) if ids else "–"


def _replay(b: Briefing) -> str:
    r, lang = b.replay, b.lang
    if r.status == "current":
        return f'<div class="box current"><p>{_e(t("brief_replay_current", lang))}</p></div>'
    if r.status == "identical":
        return f'<div class="box identical"><p>{_e(t("brief_replay_identical", lang))}</p></div>'
    details = []
    if r.changed_inputs:
        details.append(t("brief_changed_inputs", lang, inputs=", ".join(r.changed_inputs)))
    if r.changes:
        changes = "; ".join(
            t(f"brief_change_{kind}", lang, id=tid, old=_rank_or_dash(old), new=_rank_or_dash(new))
            for kind, tid, old, new in r.changes
        )
        details.append(t("brief_shortlist_changes", lang, changes=changes))
    if r.rescored:
        details.append(t("brief_rescored", lang, n=r.rescored))
    if r.versions:
        details.append(t("brief_versions_changed", lang, versions="; ".join(r.versions)))
    lines = "".join(f'<p class="detail">{_e(d)}</p>' for d in details)
    return f'<div class="box differs"><p>{_e(t("brief_replay_differs", lang))}</p>{lines}</div>'


def _row(row: ShortlistRow, lang: str) -> str:
    name = "" if row.name is None else _e(row.name)
    company = "" if row.company is None else f'<br><span class="small">{_e(row.company)}</span>'
    why = _e(row.explanation if row.explanation is not None else t("brief_not_candidate", lang))
    share = "–" if row.acceptability is None else f"{row.acceptability:.0%}"
    return (
        f'<tr><td class="num">{_e(_rank(row.rank))}</td>'
        f'<td class="id">{_e(row.technology_id)}</td><td>{name}{company}</td>'
        f'<td class="num">{row.score:.4f}</td><td class="num">{_e(share)}</td>'
        f'<td class="why">{why}</td></tr>'
    )


def _shortlist(b: Briefing) -> str:
    lang = b.lang
    title = (
        "brief_rule_bound_shortlist"
        if b.rules is not None and b.rules.shortlist
        else "brief_shortlist"
    )
    head = "".join(
        f"<th{cls}>{_e(text)}</th>"
        for cls, text in (
            (' class="num"', t("col_rank", lang)),
            ("", t("col_technology_id", lang)),
            ("", f"{t('col_technology', lang)} / {t('col_company', lang)}"),
            (' class="num"', t("col_closeness", lang)),
            (' class="num"', t("brief_col_acceptability", lang, n=b.top)),
            ("", t("brief_col_why", lang)),
        )
    )
    body = "".join(_row(r, lang) for r in b.rows)
    return (
        f"<h2>{_e(t(title, lang))}</h2>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def _weights(b: Briefing) -> str:
    lang = b.lang
    rows = "".join(
        f'<tr><td>{_e(w.label)}</td><td class="num">{w.weight:.3f}</td>'
        f'<td class="num">{"–" if w.cr is None else f"{w.cr:.3f}"}</td></tr>'
        for w in b.weights
    )
    goal = ""
    if b.goal_cr is not None and b.cr_threshold is not None:
        table = t(f"term_ri_{b.ri_table}", lang)  # the RI table's name (labels' terms)
        said = t("brief_goal_cr", lang, cr=b.goal_cr, threshold=b.cr_threshold, table=table)
        goal = f'<p class="small">{_e(said)}</p>'
    return (
        f"<section><h2>{_e(t('brief_weights', lang))}</h2><table><thead><tr>"
        f"<th>{_e(t('col_criterion', lang))}</th>"
        f'<th class="num">{_e(t("col_weight", lang))}</th>'
        f'<th class="num">{_e(t("brief_col_cr", lang))}</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>{goal}</section>"
    )


def _closest_rule(rules: RecordedRules | None) -> RecordedRule | None:
    """The binding rule whose removal changes the shortlist least (fewest out, least score)."""
    if rules is None:
        return None
    binding = [r for r in rules.rules if r.binding]
    return min(binding, key=lambda r: (len(r.pushed_out), r.score_given_up or 0.0), default=None)


def _robustness(b: Briefing) -> str:
    lang = b.lang
    parts = [
        t("brief_smaa", lang, n=b.top, samples=b.samples, concentration=CONCENTRATION, seed=b.seed)
    ]
    c = b.closest
    parts.append(
        t("brief_no_closest", lang, n=b.top)
        if c is None
        else t(
            "brief_closest",
            lang,
            n=b.top,
            criterion=c.label,
            current=c.current,
            to=c.to,
            leaves=_ids(c.leaves),
            enters=_ids(c.enters),
        )
    )
    rule = _closest_rule(b.rules)
    if rule is not None:
        parts.append(
            t(
                "brief_closest_rule",
                lang,
                rule=rule.text,
                ids=_ids(rule.pushed_out),
                given_up=rule.score_given_up or 0.0,
            )
        )
    body = "".join(f"<p>{_e(p)}</p>" for p in parts)
    return f"<section><h2>{_e(t('brief_robustness', lang))}</h2>{body}</section>"


def _rules(b: Briefing) -> str:
    rules, lang = b.rules, b.lang
    if rules is None:
        return ""
    rows = "".join(
        f"<tr><td>{_e(r.text)}</td>"
        f"<td>{_e('–' if r.binding is None else t('yes' if r.binding else 'no', lang))}</td>"
        f'<td class="num">{"–" if r.score_given_up is None else f"{r.score_given_up:.4f}"}</td>'
        f"<td>{_e(_ids(r.pushed_out))}</td></tr>"
        for r in rules.rules
    )
    if rules.feasible and rules.score is not None and rules.unconstrained_score is not None:
        summary = t(
            "shortlist_score", lang, score=rules.score, n=b.top, free=rules.unconstrained_score
        )
    else:
        summary = t("shortlist_conflict", lang, rules="; ".join(rules.conflict) or "–")
    head = "".join(
        f"<th{cls}>{_e(t(k, lang))}</th>"
        for cls, k in (
            ("", "col_rule"),
            ("", "col_binding"),
            (' class="num"', "col_score_given_up"),
            ("", "col_pushed_out"),
        )
    )
    return (
        f"<h2>{_e(t('brief_rules', lang))}</h2><table><thead><tr>{head}</tr></thead>"
        f'<tbody>{rows}</tbody></table><p class="small">{_e(summary)}</p>'
    )


def _indicators(b: Briefing) -> str:
    lang = b.lang
    if not b.indicators:
        return ""
    rows = "".join(
        f'<tr><td>{_e(i.label)}</td><td class="num">{_e(i.value or t("missing_value", lang))}'
        f"</td><td>{_e(i.unit)}</td><td>{_e(i.year)}</td><td>{_e(i.source)}</td></tr>"
        for i in b.indicators
    )
    head = "".join(
        f"<th>{_e(t(k, lang))}</th>"
        for k in ("col_indicator", "col_value", "col_unit", "col_year", "source")
    )
    return (
        f"<section><h2>{_e(t('brief_indicators', lang, target=b.target_name))}</h2>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></section>"
    )


def _sources(b: Briefing, listed: int) -> str:
    lang = b.lang
    shown = b.sources[:listed]
    items = "".join(
        f"<li>{_e(s.id)}: {_e(s.issuer)}, {_e(s.title)} ({_e(s.year)}; {_e(s.kind)})</li>"
        for s in shown
    )
    more = len(b.sources) - len(shown)
    if more > 0:
        items += f"<li>{_e(t('brief_more_sources', lang, n=more))}</li>"
    policy = (
        f'<ul class="small">{items}</ul>'
        if items
        else f'<p class="small">{_e(t("brief_no_sources", lang))}</p>'
    )
    data = t("brief_data", lang, source=b.data_source, sha=b.data_sha256)
    return (
        f"<section><h2>{_e(t('brief_sources', lang))}</h2>"
        f'<p class="small">{_e(t("brief_policy_sources", lang))}</p>{policy}'
        f'<p class="small">{_e(data)}</p></section>'
    )


def render_html(briefing: Briefing, density: int = 0) -> str:
    """The briefing as a complete HTML document (see the module docstring)."""
    b, lang = briefing, briefing.lang
    size, listed = DENSITIES[max(0, min(density, len(DENSITIES) - 1))]
    css = _CSS.format(font=FONT_FAMILY, size=size)
    heading = t("brief_heading", lang, target=b.target_name, code=b.target)
    meta = t(
        "brief_meta",
        lang,
        scenario=f"{b.scenario_label} ({b.scenario})",
        top=b.top,
        candidates=b.candidates,
        method=b.method.upper(),
        normalization=b.normalization or "-",
        created=b.created,
    )
    notice = (
        ""
        if b.synthetic_notice is None
        else f'<div class="box synthetic"><p>{_e(b.synthetic_notice)}</p></div>'
    )
    digest = t("brief_digest", lang, digest=b.digest, format=b.record_format, version=b.version)
    return (
        f'<!DOCTYPE html>\n<html lang="{_e(lang)}"><head><meta charset="utf-8">'
        f"<title>{_e(heading)}</title><style>{css}</style></head><body>"
        f'<h1>{_e(heading)}</h1><p class="meta">{_e(meta)}</p>'
        f"{notice}{_replay(b)}{_shortlist(b)}"
        f'<div class="cols">{_weights(b)}{_robustness(b)}</div>{_rules(b)}'
        f'<div class="cols">{_indicators(b)}{_sources(b, listed)}</div>'
        f'<p class="footer">{_e(digest)}</p></body></html>\n'
    )
