"""Altair chart specifications (pure: data in, chart out; the UI only displays them).

Fonts name Noto Sans CJK KR first so Korean labels render in the browser (the README's
set-up installs Debian's ``fonts-noto-cjk``); axis titles and category names come from
``labels`` and ``taxonomy`` in the chosen language.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from exportmcda.data.overview import OverviewTable
from exportmcda.labels import t

__all__ = ["COUNT_FORMAT", "FONT", "overview_chart"]

FONT = "Noto Sans CJK KR, Noto Sans KR, Malgun Gothic, Apple SD Gothic Neo, sans-serif"
_BAR = "#1f5fa8"
_BAR_2 = "#c0504d"
COUNT_FORMAT = ",d"
"""Counts on an axis and on their bars: whole numbers with thousands separators. The bars
are labelled in the axis' unit (a count), not with the share in percent on a count axis;
the share stays in the tooltip and in the numbers table below each chart."""

_CATEGORY_COLUMN: dict[str, str] = {
    "regions": "region",
    "sizes": "size",
    "capital": "label",
    "sales": "label",
    "history": "label",
    "employees": "label",
    "fields": "field",
    "service-types": "service_type",
}


def _configure(chart: Any) -> Any:
    return (
        chart.configure(font=FONT)
        .configure_axis(labelFont=FONT, titleFont=FONT, labelFontSize=12, titleFontSize=13)
        .configure_title(font=FONT, fontSize=15, anchor="start")
        .configure_view(strokeWidth=0)
    )


def _bars(
    frame: pd.DataFrame,
    category: str,
    value: str,
    pct: str,
    *,
    title: str,
    category_title: str,
    value_title: str,
    pct_title: str,
    color: str,
    sort: list[str],
    width: int = 360,
    show_categories: bool = True,
) -> Any:
    height = max(160, 22 * len(frame))
    axis = alt.Axis(labelLimit=260) if show_categories else None
    base = alt.Chart().encode(
        y=alt.Y(f"{category}:N", sort=sort, title=category_title if show_categories else None,
                axis=axis),
        x=alt.X(f"{value}:Q", title=value_title,
                axis=alt.Axis(format=COUNT_FORMAT, tickMinStep=1)),
        tooltip=[
            alt.Tooltip(f"{category}:N", title=category_title),
            alt.Tooltip(f"{value}:Q", title=value_title),
            alt.Tooltip(f"{pct}:Q", title=pct_title, format=".1f"),
        ],
    )
    bars = base.mark_bar(color=color)
    text = base.mark_text(align="left", dx=3, fontSize=11, color="#222").encode(
        text=alt.Text(f"{value}:Q", format=COUNT_FORMAT)
    )
    # one alt.layer(..., data=frame): "bars + text" with a frame on each layer makes Altair
    # compare and copy the frames (~15 ms a chart)
    return alt.layer(
        bars, text, data=frame, title=alt.TitleParams(_title_lines(title), anchor="start"),
        height=height, width=width,
    )


def _title_lines(title: str, limit: int = 36) -> list[str]:
    """A long title on two lines, broken before its parenthesis.

    Vega-Lite does not wrap titles: one longer than the plot and its axis labels was cut
    off at the chart's edge ("Technologies by service type (technology × field").
    """
    head, sep, tail = title.partition(" (")
    if len(title) <= limit or not sep:
        return [title]
    return [head, f"({tail}"]


def overview_chart(table: OverviewTable, lang: str = "en") -> Any:
    """Horizontal bar chart of one overview table, each bar labelled with its count.

    The region table shows technologies and companies side by side, as the study's
    table does; every other table has one bar per category in the table's own order.
    """
    category = _CATEGORY_COLUMN[table.name]
    frame = table.rows.copy()
    frame[category] = frame[category].astype("string").fillna(t("col_label", lang))
    frame = frame.astype({c: "float64" for c in frame.columns if c.endswith("pct")})
    order = frame[category].tolist()
    title = t(f"tbl_{table.name}", lang)
    category_title = t(f"col_{category}", lang)
    if table.name == "regions":
        left = _bars(
            frame, category, "technologies", "technologies_pct", title=title,
            category_title=category_title, value_title=t("col_technologies", lang),
            pct_title=t("col_technologies_pct", lang), color=_BAR, sort=order, width=300,
        )
        right = _bars(
            frame, category, "companies", "companies_pct", title=" ",
            category_title=category_title, value_title=t("col_companies", lang),
            pct_title=t("col_companies_pct", lang), color=_BAR_2, sort=order, width=240,
            show_categories=False,
        )
        return _configure(alt.hconcat(left, right))
    value = "companies" if "companies" in frame.columns else "technologies"
    chart = _bars(
        frame, category, value, "pct", title=title, category_title=category_title,
        value_title=t(f"col_{value}", lang), pct_title=t("col_pct", lang), color=_BAR,
        sort=order,
    )
    extra = 24 * (len(_title_lines(title)) - 1)
    if extra:  # the app sizes the chart's element from its height plus this
        chart = chart.properties(usermeta={"extra_height": extra})
    return _configure(chart)
