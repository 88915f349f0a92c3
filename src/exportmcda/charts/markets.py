"""Altair spec of the export-potential heatmap: rows (fields or technologies) x countries.

The cells are :class:`~exportmcda.model.markets.ExportPotential` scores (its rule: the
geometric mean of supply and demand, after ITC's Export Potential Indicator); the chart only
draws them. :func:`heatmap_data` builds the long table the chart draws, with display names in
the chosen language and the order of rows and countries as numbers, so the spec stays the
same when only the weights (and so the scores) move: the app then swaps the data in place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import altair as alt
import pandas as pd

from exportmcda.charts.ranking import _configure
from exportmcda.data.countries import CountryProfile
from exportmcda.data.taxonomy import FIELDS
from exportmcda.errors import ConfigError
from exportmcda.labels import t
from exportmcda.model.markets import ExportPotential

__all__ = ["heatmap_chart", "heatmap_data"]

CELL_WIDTH = 50
"""Pixels per country column: room for a score written with two decimals."""
CELL_HEIGHT = 24
"""Pixels per row: one line of a 12 px label."""
ROW_LABEL_LIMIT = 300
"""Pixels a row label may take before it is cut with an ellipsis (a tooltip shows it whole)."""


def heatmap_data(
    matrix: ExportPotential,
    countries: Mapping[str, CountryProfile],
    lang: str = "en",
    *,
    rows: Sequence[str] | None = None,
    row_labels: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Long table of the cells of ``rows`` (default: every row, best first) x the countries.

    Columns: ``row`` and ``country`` (ids), ``row_label`` and ``country_label`` (names in
    ``lang``: a field by its taxonomy name, a technology by ``row_labels``, else its id),
    ``score``, ``supply``, ``demand``, ``rank_in_row`` (the country's rank for that row),
    ``rank_in_country`` (the row's rank in that country), ``row_order`` and
    ``country_order`` (positions, 0 first) and ``dark`` (the cell is in the upper half of
    the scores shown, so its number is written in white).
    """
    picked = list(matrix.best_rows(None) if rows is None else rows)
    unknown = [r for r in picked if r not in matrix.score.index]
    if unknown:
        raise ConfigError.single("bad_param", "rows not in the matrix", field="rows",
                                 value=", ".join(unknown[:5]))
    fields = {f.en: f.name(lang) for f in FIELDS}
    names = dict(row_labels or {})

    def label(row: str) -> str:
        if row in names:
            return names[row]
        return fields.get(row, row) if matrix.by == "field" else row

    codes = list(matrix.countries)
    score = matrix.score.loc[picked, codes]
    values = score.to_numpy(dtype=float)
    low, high = (float(values.min()), float(values.max())) if values.size else (0.0, 0.0)
    middle = (low + high) / 2
    long = {
        "row": [r for r in picked for _ in codes],
        "country": [c for _ in picked for c in codes],
        "row_label": [label(r) for r in picked for _ in codes],
        "country_label": [countries[c].name(lang) if c in countries else c
                          for _ in picked for c in codes],
        "score": values.reshape(-1),
        "supply": matrix.supply.loc[picked, codes].to_numpy(dtype=float).reshape(-1),
        "demand": matrix.demand.loc[picked, codes].to_numpy(dtype=float).reshape(-1),
        "rank_in_row": matrix.rank_in_row.loc[picked, codes].to_numpy().reshape(-1),
        "rank_in_country": matrix.rank_in_country.loc[picked, codes].to_numpy().reshape(-1),
        "row_order": [i for i in range(len(picked)) for _ in codes],
        "country_order": [j for _ in picked for j in range(len(codes))],
    }
    frame = pd.DataFrame(long)
    frame["dark"] = frame["score"] > middle if high > low else False
    return frame


def heatmap_chart(data: pd.DataFrame, lang: str = "en", *, by: str = "field") -> Any:
    """Heatmap of :func:`heatmap_data`: one coloured cell per row x country, its score written.

    Colour: a sequential blue scale over the scores shown (their spread, not 0-1, so that
    differences stay visible); the number in each cell carries the exact value (two
    decimals), and the tooltip adds supply, demand and both ranks. Countries are labelled
    on top (angled, so long Korean names fit), rows on the left; ``by`` (``field`` or
    ``technology``) names the rows in the tooltip.
    """
    rows = int(data["row"].nunique()) if len(data) else 0
    columns = int(data["country"].nunique()) if len(data) else 0
    base = alt.Chart().encode(
        x=alt.X("country_label:N", sort=alt.EncodingSortField(field="country_order", op="min"),
                title=None, axis=alt.Axis(orient="top", labelAngle=-45, labelLimit=160,
                                          labelOverlap=False)),
        y=alt.Y("row_label:N", sort=alt.EncodingSortField(field="row_order", op="min"),
                title=None, axis=alt.Axis(labelLimit=ROW_LABEL_LIMIT, labelOverlap=False)),
        tooltip=[
            alt.Tooltip("row_label:N",
                        title=t("col_field" if by == "field" else "col_technology", lang)),
            alt.Tooltip("country_label:N", title=t("col_country", lang)),
            alt.Tooltip("score:Q", title=t("col_export_potential", lang), format=".3f"),
            alt.Tooltip("supply:Q", title=t("col_supply", lang), format=".3f"),
            alt.Tooltip("demand:Q", title=t("col_demand", lang), format=".3f"),
            alt.Tooltip("rank_in_row:Q", title=t("col_rank_in_row", lang)),
            alt.Tooltip("rank_in_country:Q", title=t("col_rank_in_country", lang)),
        ],
    )
    cells = base.mark_rect(stroke="white", strokeWidth=1).encode(
        color=alt.Color("score:Q", title=t("col_export_potential", lang),
                        scale=alt.Scale(scheme="blues", zero=False),
                        legend=alt.Legend(orient="right", gradientLength=160)),
    )
    numbers = base.mark_text(fontSize=11).encode(
        text=alt.Text("score:Q", format=".2f"),
        color=alt.condition("datum.dark", alt.value("white"), alt.value("#222")),
    )
    chart = alt.layer(
        cells, numbers, data=data, width=CELL_WIDTH * max(columns, 1),
        height=CELL_HEIGHT * max(rows, 1),
        usermeta={"extra_width": ROW_LABEL_LIMIT + 160, "extra_height": 90},
    )
    return _configure(chart)
