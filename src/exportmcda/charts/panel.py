"""Altair strip chart of an expert panel: each expert's weights beside the group's (pure).

One row per criterion, a tick per expert and a larger diamond for the group, so a reader
sees at once where the experts disagree (a wide spread of ticks) and where the group sits.
Data: the long table of :meth:`exportmcda.panel.result.PanelResult.weights_frame` (columns
``label``, ``who``, ``weight``, ``group``), shown as the chart's numbers in the app.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from exportmcda.charts.ranking import _configure
from exportmcda.labels import t

__all__ = ["panel_strip_chart"]


def panel_strip_chart(data: pd.DataFrame, lang: str = "en") -> Any:
    """The strip chart: criteria on the y axis, weight on x, experts as ticks, group as ◆."""
    order = list(dict.fromkeys(data["label"]))
    y = alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=260))
    x = alt.X("weight:Q", title=t("col_weight", lang), axis=alt.Axis(format=".0%"))
    tooltip = [
        alt.Tooltip("who:N", title=t("panel_chart_who", lang)),
        alt.Tooltip("label:N", title=t("col_criterion", lang)),
        alt.Tooltip("weight:Q", title=t("col_weight", lang), format=".3f"),
    ]
    experts = (
        alt.Chart(data)
        .transform_filter("!datum.group")
        .mark_tick(thickness=2, size=16, opacity=0.8)
        .encode(
            x=x, y=y, color=alt.Color("who:N", title=t("panel_chart_who", lang)), tooltip=tooltip
        )
    )
    group = (
        alt.Chart(data)
        .transform_filter("datum.group")
        .mark_point(shape="diamond", size=160, filled=True, color="black")
        .encode(x=x, y=y, tooltip=tooltip)
    )
    chart = alt.layer(experts, group, data=data).properties(
        title=alt.TitleParams(
            t("panel_chart_title", lang), subtitle=t("panel_chart_group_mark", lang)
        ),
        height=max(120, 34 * len(order)),
        width=520,
    )
    return _configure(chart)
