"""Altair specs for the ranking, weights and comparison views (pure: data in, chart out).

Each chart has a ``*_data`` function that builds the long table it draws from a library
result, with display names in the chosen language; the app shows that same table as the
chart's numbers (KWCAG: every chart has its numbers as text). Fonts and axis styling are
those of :mod:`exportmcda.charts.overview` so Korean renders (Noto Sans CJK KR first).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

import altair as alt
import pandas as pd

from exportmcda.charts.overview import FONT
from exportmcda.data.countries import CountryProfile
from exportmcda.labels import bilingual, t
from exportmcda.model.comparison import Comparison
from exportmcda.model.criteria import CriteriaTree
from exportmcda.model.scenario_compare import ScenarioComparison
from exportmcda.model.selection import Selection

__all__ = [
    "HOVER",
    "bump_chart",
    "bump_data",
    "contribution_chart",
    "contribution_data",
    "rank_text",
    "scenario_bump_data",
    "weights_chart",
    "weights_data",
]

_BAR = "#1f5fa8"
WEIGHT_AXIS_FORMAT = ".0%"
"""A weight (0–1) on an axis: a percentage (0.25 → 25%)."""
WEIGHT_LABEL_FORMAT = ".1%"
"""A weight on its bar: the axis' unit with one decimal (0.214 → 21.4%)."""


_CONFIG = alt.Config(
    font=FONT,
    axis=alt.AxisConfig(labelFont=FONT, titleFont=FONT, labelFontSize=12, titleFontSize=13),
    legend=alt.LegendConfig(labelFont=FONT, titleFont=FONT, labelFontSize=12, titleFontSize=13,
                            labelLimit=320),
    title=alt.TitleConfig(font=FONT, fontSize=15, anchor="start"),
    view=alt.ViewConfig(strokeWidth=0),
)


def _configure(chart: Any) -> Any:
    """Attach the shared fonts and axis styling to a chart built in this module.

    One prebuilt ``Config`` set in place: Altair's chained ``configure_*`` calls deep-copy
    the whole chart once each (milliseconds per chart, paid on every slider move).
    """
    chart.config = _CONFIG
    return chart


def rank_text(rank: float) -> str:
    """A rank as people write it: ``3`` (an integer rank), ``2.5`` (an average rank of ``mcda``)."""
    return f"{rank:g}"


def _node_label(tree: CriteriaTree, node: str, lang: str) -> str:
    if node == tree.goal_id:
        return bilingual(lang, tree.goal_en, tree.goal_ko)
    for c in tree.criteria:
        if c.id == node:
            return c.label(lang)
    return tree.leaf(node).label(lang)


def weights_data(
    tree: CriteriaTree, weights: Mapping[str, float], lang: str = "en"
) -> pd.DataFrame:
    """One row per criterion (or sub-criterion) id of ``weights``: label, weight, percent."""
    ids = list(weights)
    values = [float(weights[k]) for k in ids]
    return pd.DataFrame(
        {
            "criterion": ids,
            "label": [_node_label(tree, k, lang) for k in ids],
            "weight": values,
            "percent": [100.0 * v for v in values],
        }
    )


def weights_chart(data: pd.DataFrame, lang: str = "en", *, title: str | None = None) -> Any:
    """Horizontal bars of the weights of :func:`weights_data`, labelled in percent.

    The axis and the bar labels share one unit: the weight (0–1) written as a percentage
    (:data:`WEIGHT_AXIS_FORMAT`, :data:`WEIGHT_LABEL_FORMAT`), not "21.4" on a 0–1 axis.
    No title by default: the page's heading names the chart (Streamlit 1.67 squeezes the
    plot area of a single titled chart to a few pixels; the headings are DOM text anyway).
    """
    order = data["label"].tolist()
    chart_title = alt.Undefined if title is None else title
    # layers without data, one ``alt.layer(..., data=...)``: layering charts that each
    # carry a frame makes Altair compare and copy the frames (~15 ms a chart)
    base = alt.Chart().encode(
        y=alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=260)),
        x=alt.X("weight:Q", title=t("col_weight", lang), scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format=WEIGHT_AXIS_FORMAT)),
        tooltip=[
            alt.Tooltip("label:N", title=t("col_criterion", lang)),
            alt.Tooltip("percent:Q", title=t("col_weight_pct", lang), format=".1f"),
        ],
    )
    bars = base.mark_bar(color=_BAR)
    text = base.mark_text(align="left", dx=3, fontSize=11, color="#222").encode(
        text=alt.Text("weight:Q", format=WEIGHT_LABEL_FORMAT)
    )
    chart = alt.layer(
        bars, text, data=data, title=chart_title, height=max(130, 28 * len(data)), width=420,
        usermeta={"extra_width": 300},
    )
    return _configure(chart)


def contribution_data(selection: Selection, top: int, lang: str = "en") -> pd.DataFrame:
    """Long table of the top ``top``: technology label, criterion label, contribution.

    Contributions apportion each technology's TOPSIS closeness over the criteria
    (:func:`exportmcda.model.selection.contributions`), so a technology's bars add up to its score.
    """
    frame = selection.contribution_frame(top)
    names = selection.technologies["technology_name"]
    tree = selection.weights.tree
    return pd.DataFrame(
        {
            "rank": frame["rank"].to_numpy(),
            "technology": [
                f"{rank_text(r)}. {names.loc[i]}"
                for r, i in zip(frame["rank"], frame["technology_id"], strict=True)
            ],
            "criterion": [tree.leaf(c).label(lang) for c in frame["criterion"]],
            "contribution": frame["contribution"].to_numpy(dtype=float),
            "order": [selection.criteria.index(c) for c in frame["criterion"]],
        }
    )


def contribution_chart(data: pd.DataFrame, lang: str = "en") -> Any:
    """Stacked horizontal bars: each technology's score split by criterion."""
    technologies = data["technology"].nunique()
    criteria = list(dict.fromkeys(data["criterion"]))
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            # sorted by the rank column, not a list of names: the spec then stays the same
            # when only the scores move, and the browser swaps the data without re-embedding
            y=alt.Y("technology:N", sort=alt.EncodingSortField(field="rank", op="min"),
                    title=None, axis=alt.Axis(labelLimit=300)),
            x=alt.X("sum(contribution):Q", title=t("col_score", lang)),
            color=alt.Color(
                "criterion:N", sort=criteria, title=t("col_criterion", lang),
                scale=alt.Scale(scheme="tableau10"), legend=alt.Legend(orient="right"),
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("technology:N", title=t("col_technology", lang)),
                alt.Tooltip("criterion:N", title=t("col_criterion", lang)),
                alt.Tooltip("contribution:Q", title=t("col_contribution", lang), format=".3f"),
            ],
        )
        .properties(
            height=max(220, 24 * technologies), width=480,
            usermeta={"extra_width": 560},  # room for the labels (300 px) and the legend
        )
    )
    return _configure(chart)


def bump_data(
    comparison: Comparison, targets: Mapping[str, CountryProfile], lang: str = "en"
) -> pd.DataFrame:
    """Long table of ranks per target for the union of the top lists (bump chart)."""
    ranks = comparison.ranks
    order = [targets[c].name(lang) for c in comparison.codes]
    return _bump_frame(
        ranks["technology_id"].astype(str).tolist(),
        ranks["technology_name"].astype(str).tolist(),
        [targets[c].name(lang) for c in ranks["country"]],
        ranks["rank"].to_numpy(dtype=float),
        ranks["in_top"].to_numpy(dtype=bool),
        order,
    )


def scenario_bump_data(result: ScenarioComparison, labels: Mapping[str, str]) -> pd.DataFrame:
    """The bump chart's long table for weightings side by side (``labels``: key → name).

    The same columns as :func:`bump_data`, a weighting in place of a target, the reference
    first (leftmost).
    """
    wide = result.ranks
    keys = result.keys
    ids = wide["technology_id"].astype(str).tolist()
    names = wide["technology_name"].astype(str).tolist()
    return _bump_frame(
        [i for i in ids for _ in keys],
        [n for n in names for _ in keys],
        [labels.get(k, k) for _ in ids for k in keys],
        wide[[f"rank_{k}" for k in keys]].to_numpy(dtype=float).reshape(-1),
        wide[[f"in_top_{k}" for k in keys]].to_numpy(dtype=bool).reshape(-1),
        [labels.get(k, k) for k in keys],
    )


def _bump_frame(
    ids: list[str], names: list[str], columns: list[str], ranks: Any, in_top: Any,
    order: list[str],
) -> pd.DataFrame:
    """The bump chart's rows, with where each line is labelled by its technology id.

    A line is labelled at the left end when it is in the leftmost top list, at the right
    end when in the rightmost one, and at both ends when in neither (a middle list only):
    ranks beyond the tops crowd together at the bottom of the log axis, where labels for
    every line would overlap; every line still gets a label.
    """
    frame = pd.DataFrame({"technology_id": ids, "technology": names, "target": columns,
                          "rank": ranks, "in_top": in_top})
    first, last = order[0], order[-1]
    tops = {end: set(frame.loc[(frame["target"] == end) & frame["in_top"], "technology_id"])
            for end in (first, last)}
    neither = set(frame["technology_id"]) - tops[first] - tops[last]
    frame["label_first"] = (frame["target"] == first) & frame["technology_id"].isin(
        tops[first] | neither)
    frame["label_last"] = (frame["target"] == last) & frame["technology_id"].isin(
        tops[last] | neither)
    return frame


_CATCHER = "bump_catcher"  # the layer that catches the pointer (its view name)
HOVER = "hover"
"""The bump chart's selection: the technology under the pointer (other lines dimmed)."""


def bump_chart(
    data: pd.DataFrame, top: int, lang: str = "en", *, column_title: str | None = None
) -> Any:
    """Slope chart: each technology's rank in each target (or weighting), rank 1 on top.

    Ranks beyond the top list are drawn too (hollow points), so a technology's drop out of
    one target's list is visible rather than silently missing. Each line carries its
    technology id at its ends (:func:`_bump_frame` says which), instead of a legend of 18–45
    pastel colours; the line under the pointer is highlighted and the others dimmed (a
    point selection on the technology, cleared when the pointer leaves). A wide, invisible
    copy of each line catches the pointer, so a 2-pixel line need not be hit exactly.
    The rank axis is linear to ``2 × top``, one even step a rank, so that neighbouring
    labels do not overlap (a log axis to the worst rank, e.g. 631, squeezed ranks 5–10
    into a few pixels); ranks beyond sit on one row below, labelled "beyond 2N", and the
    tooltip and the numbers table give the exact rank.
    ``column_title`` names the columns in the tooltip (default: target).
    """
    targets = list(dict.fromkeys(data["target"]))
    cap = 2 * top  # ranks to 2N on a linear axis, one row apart; beyond: one row below
    bottom = cap + 2
    step = 5 * max(1, math.ceil(cap / 40))
    ticks = [1, *range(step, cap + 1, step), bottom]
    beyond = json.dumps(t("bump_beyond", lang, n=cap), ensure_ascii=False)  # a Vega literal
    select = alt.PointSelectionConfig(type="point", fields=["technology_id"],
                                      on="pointerover", clear="pointerout")
    hover = alt.Parameter(name=HOVER, empty=True, param_type="selection",
                          param=alt.SelectionParameter(name=HOVER, select=select))
    # the encoding is the layer chart's, inherited by every layer: one encode call (each
    # re-validates its channels) and one copy of it in the spec, not six
    catcher = alt.Chart().mark_line(strokeWidth=14, strokeOpacity=0).properties(name=_CATCHER)
    lines = alt.Chart().mark_line(strokeWidth=2)
    inside = alt.Chart().mark_point(size=70, filled=True).transform_filter("datum.in_top")
    outside = alt.Chart().mark_point(size=70, filled=False, strokeWidth=2).transform_filter(
        "!datum.in_top")
    label = alt.Chart().mark_text(fontSize=11).encode(text=alt.Text("technology_id:N"))
    left = label.mark_text(align="right", dx=-8, fontSize=11).transform_filter(
        "datum.label_first")
    right = label.mark_text(align="left", dx=8, fontSize=11).transform_filter(
        "datum.label_last")
    chart = alt.layer(
        catcher, lines, inside, outside, left, right, data=data,
        # 18 px a rank (12 at least, for a top 50): end labels of neighbours stay apart
        height=max(360, min(18 * bottom, 1200)), width=170 * len(targets),
        usermeta={"extra_width": 90},
    ).encode(
        x=alt.X("target:N", sort=targets, title=None, scale=alt.Scale(padding=0.6),
                axis=alt.Axis(labelAngle=0, labelLimit=160, orient="top")),
        y=alt.Y("shown:Q", title=t("col_rank", lang),
                scale=alt.Scale(reverse=True, domain=[1, bottom], nice=False, zero=False),
                axis=alt.Axis(values=ticks, labelExpr=f"datum.value == {bottom} ? {beyond} "
                              ": datum.label", grid=False)),
        # ten strong hues, repeated beyond ten lines (the labels tell lines apart), rather
        # than Tableau 20's pale halves, which are unreadable as label text
        color=alt.Color("technology_id:N", scale=alt.Scale(scheme="tableau10"), legend=None),
        detail=alt.Detail("technology_id:N"),
        opacity=alt.when(hover).then(alt.value(1.0)).otherwise(alt.value(0.12)),
        tooltip=[
            alt.Tooltip("technology_id:N", title=t("col_technology_id", lang)),
            alt.Tooltip("technology:N", title=t("col_technology", lang)),
            alt.Tooltip("target:N", title=column_title or t("col_target", lang)),
            alt.Tooltip("rank:Q", title=t("col_rank", lang), format="g"),
        ],
    ).transform_calculate(shown=f"min(datum.rank, {bottom})")
    # the selection set at the top level, bound to the catcher by name: Altair lifting it
    # from the layer (add_params) costs ~130 ms a chart in copies and validation
    chart.params = [alt.TopLevelSelectionParameter(name=HOVER, select=select,
                                                   views=[_CATCHER])]
    return _configure(chart)
