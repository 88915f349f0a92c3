"""Altair specifications for the sensitivity view (pure: data in, chart out).

A tornado chart of the one-at-a-time weight intervals, the rank of each shortlisted
technology as a function of one criterion's weight (Expert Choice's "gradient" view), and
the SMAA rank-acceptability bars. Labels come from ``labels`` in the chosen language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import altair as alt
import pandas as pd

from exportmcda.charts.overview import FONT
from exportmcda.charts.ranking import WEIGHT_AXIS_FORMAT, WEIGHT_LABEL_FORMAT
from exportmcda.labels import t

__all__ = ["acceptability_chart", "distinct_scheme", "gradient_chart", "tornado_chart"]


def _configure(chart: Any) -> Any:
    return (
        chart.configure(font=FONT)
        .configure_axis(labelFont=FONT, titleFont=FONT, labelFontSize=12, titleFontSize=13)
        .configure_legend(labelFont=FONT, titleFont=FONT, labelFontSize=12)
        .configure_title(font=FONT, fontSize=15, anchor="start")
        .configure_view(strokeWidth=0)
    )


def tornado_chart(tornado: pd.DataFrame, labels: Mapping[str, str], lang: str = "en") -> Any:
    """Per criterion: the weight interval keeping the shortlist (dark) and the top 1 (light).

    ``tornado`` has the columns of :meth:`OneAtATime.tornado` (criterion, current,
    top_1_lo, top_1_hi, top_n_lo, top_n_hi); ``labels`` maps criterion ids to names.
    Criteria are sorted by the width of the shortlist interval, narrowest (most
    sensitive) first, as a tornado chart is read. Titles are the page's headings (a title
    inside the chart squeezes the plot in Streamlit).
    """
    frame = tornado.copy()
    frame["label"] = frame["criterion"].map(lambda c: labels.get(c, c))
    frame["width"] = frame["top_n_hi"] - frame["top_n_lo"]
    order = frame.sort_values("width")["label"].tolist()
    # no y title: the labels name the criteria, and a rotated title was drawn over long
    # Korean labels (Vega measures them before the CJK web font has loaded)
    y = alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=240))
    weight = t("weight", lang)
    top1 = alt.Chart(frame).mark_bar(color="#9ecae1", height=16).encode(
        y=y, x=alt.X("top_1_lo:Q", title=weight, scale=alt.Scale(domain=[0, 1])),
        x2="top_1_hi:Q",
        tooltip=[alt.Tooltip("label:N", title=t("col_criterion", lang)),
                 alt.Tooltip("top_1_lo:Q", format=".3f", title=t("top1_from", lang)),
                 alt.Tooltip("top_1_hi:Q", format=".3f", title=t("top1_to", lang))],
    )
    topn = alt.Chart(frame).mark_bar(color="#1f5fa8", height=8).encode(
        y=y, x="top_n_lo:Q", x2="top_n_hi:Q",
        tooltip=[alt.Tooltip("label:N", title=t("col_criterion", lang)),
                 alt.Tooltip("top_n_lo:Q", format=".4f", title=t("topn_from", lang)),
                 alt.Tooltip("top_n_hi:Q", format=".4f", title=t("topn_to", lang))],
    )
    current = alt.Chart(frame).mark_tick(color="#c0504d", thickness=3, size=22).encode(
        y=y, x="current:Q",
        tooltip=[alt.Tooltip("current:Q", format=".3f", title=t("current_weight", lang))],
    )
    chart = (top1 + topn + current).properties(
        width=520, height=max(140, 34 * len(frame)), usermeta={"extra_width": 260}
    )
    return _configure(chart)


def gradient_chart(
    gradient: pd.DataFrame, criterion_label: str, names: Mapping[str, str], lang: str = "en",
    *, current: float | None = None,
) -> Any:
    """Rank of each shortlisted technology as one criterion's weight varies (one line each).

    ``gradient`` has the columns of :meth:`OneAtATime.gradient` filtered to one criterion
    (weight, alternative, rank); ``names`` maps technology ids to the names shown.
    ``current``, the criterion's weight now, is marked by a vertical rule (Expert Choice's
    gradient view draws the same line): the ranks where it crosses the lines are today's.
    Lines get distinct colours (:func:`distinct_scheme`) rather than one pastel family.
    """
    frame = gradient.copy()
    frame["technology"] = frame["alternative"].map(lambda a: names.get(a, a))
    x = alt.X("weight:Q", title=f"{t('weight', lang)}: {criterion_label}",
              scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format=WEIGHT_AXIS_FORMAT))
    lines = alt.Chart(frame).mark_line(interpolate="step-after", strokeWidth=2).encode(
        x=x,
        y=alt.Y("rank:Q", title=t("col_rank", lang), scale=alt.Scale(reverse=True, type="log")),
        color=alt.Color("technology:N", title=t("col_technology", lang),
                        scale=alt.Scale(scheme=distinct_scheme(frame["technology"].nunique())),
                        legend=alt.Legend(labelLimit=260, orient="right")),
        tooltip=[alt.Tooltip("technology:N", title=t("col_technology", lang)),
                 alt.Tooltip("weight:Q", title=t("weight", lang), format=WEIGHT_LABEL_FORMAT),
                 alt.Tooltip("rank:Q", title=t("col_rank", lang))],
    )
    chart: Any = lines
    if current is not None:
        marker = pd.DataFrame({"weight": [float(current)],
                               "label": [f"{t('current_weight', lang)} "
                                         f"{float(current):{WEIGHT_LABEL_FORMAT}}"]})
        rule = alt.Chart(marker).mark_rule(color="#222", strokeDash=[5, 3], size=2).encode(
            x=alt.X("weight:Q"),
            tooltip=[alt.Tooltip("weight:Q", title=t("current_weight", lang),
                                 format=WEIGHT_LABEL_FORMAT)],
        )
        text = alt.Chart(marker).mark_text(align="left", dx=4, dy=-6, fontSize=11,
                                           color="#222").encode(
            x=alt.X("weight:Q"), y=alt.value(0), text="label:N")
        chart = alt.layer(lines, rule, text)
    chart = chart.properties(width=480, height=300, usermeta={"extra_width": 420})
    return _configure(chart)


def distinct_scheme(n: int) -> Literal["tableau10", "tableau20"]:
    """A categorical scheme whose first ``n`` colours are distinct hues, not pastel pairs.

    Tableau 10 (ten well-separated hues) up to 10 lines; Tableau 20 beyond (its pairs of
    light and dark hues are the price of 20 colours).
    """
    return "tableau10" if n <= 10 else "tableau20"


def _bucketed(probabilities: Mapping[str, float]) -> dict[str, float]:
    """Merge single ranks into readable bands: 1, 2–3, 4–5, 6–K/2, …, >K (six colours)."""
    singles = [k for k in probabilities if k.isdigit()]
    k = len(singles)
    edges = sorted({1, 3, 5, max(5, k // 2), k})
    bands: dict[str, float] = {}
    start = 1
    for end in edges:
        if end < start:
            continue
        name = str(start) if start == end else f"{start}–{end}"
        bands[name] = sum(probabilities[str(r)] for r in range(start, end + 1)
                          if str(r) in probabilities)
        start = end + 1
    for key, value in probabilities.items():
        if not key.isdigit():
            bands[key] = value
    return bands


def acceptability_chart(
    acceptability: Mapping[str, Mapping[str, Any]], names: Mapping[str, str], lang: str = "en"
) -> Any:
    """Stacked bars: each technology's probability of each rank under the weight samples.

    ``acceptability`` is the ``acceptability`` part of ``RobustnessReport.as_dict()``.
    """
    rows = []
    for tid, entry in acceptability.items():
        for bucket, p in _bucketed(entry["rank_probabilities"]).items():
            rows.append({"technology": names.get(tid, tid), "bucket": bucket, "p": p,
                         "top_n": entry["top_n"]})
    frame = pd.DataFrame(rows)
    buckets = list(dict.fromkeys(frame["bucket"]))
    order = (frame.drop_duplicates("technology").sort_values("top_n", ascending=False)
             ["technology"].tolist())
    chart = alt.Chart(frame).mark_bar().encode(
        y=alt.Y("technology:N", sort=order, title=None,  # the labels name them
                axis=alt.Axis(labelLimit=260)),
        x=alt.X("sum(p):Q", title=t("probability", lang), scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format="%")),
        color=alt.Color("bucket:O", sort=buckets, title=t("col_rank", lang),
                        scale=alt.Scale(scheme="blues", reverse=True)),
        order=alt.Order("bucket_index:Q"),
        tooltip=[alt.Tooltip("technology:N", title=t("col_technology", lang)),
                 alt.Tooltip("bucket:O", title=t("col_rank", lang)),
                 alt.Tooltip("p:Q", format=".1%", title=t("probability", lang))],
    ).transform_calculate(
        bucket_index=f"indexof({buckets!r}, datum.bucket)"
    ).properties(
        width=480, height=max(160, 30 * len(order)), usermeta={"extra_width": 400}
    )
    return _configure(chart)
