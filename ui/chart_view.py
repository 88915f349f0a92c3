"""A chart with its numbers: how the app hands Altair specs to Streamlit, and fast.

Specs come from ``exportmcda.charts.overview*`` (tested there). This module decides how they are
sent: without Altair's per-render validation, with a one-frame chart's data as a dataset
of a fixed name beside a data-free spec (cached per ``spec_key``), so that a weight move
changes only the data and the browser swaps it in place instead of re-embedding the chart.
Every chart is followed by its numbers as a real (DOM) table (KWCAG: text for every chart).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable
from typing import Any, Literal

import altair as alt
import pandas as pd
import streamlit as st

from exportmcda.labels import t
from ui.components import lazy_expander


def _pixel_height(chart: Any) -> int | Literal["content"]:
    """The element height of a chart with a fixed plot height: plot + axes (+ legend).

    Streamlit 1.67's ``height="content"`` squeezes a single (non-concatenated) chart's plot
    to a few pixels, so such charts get an explicit height; ``usermeta.extra_height`` adds
    room for a legend below the plot.
    """
    height = getattr(chart, "height", None)
    if not isinstance(height, int):
        return "content"
    meta = getattr(chart, "usermeta", None)
    extra = meta.get("extra_height", 0) if isinstance(meta, dict) else 0
    return height + 70 + int(extra)


def chart_with_numbers(
    chart: Any, numbers: pd.DataFrame | Callable[[], pd.DataFrame], lang: str, key: str, *,
    width: int | None = None, spec_key: Hashable | None = None,
) -> None:
    """A chart followed by its numbers as a real (DOM) table, for assistive technology.

    ``numbers`` may be a function that builds the table: it is then called only while the
    numbers' expander is open (not on every slider move of a live chart).

    ``width`` (pixels) overrides the content width for charts whose plot is sized by a
    step (Streamlit 1.67 shrinks those to fit a guessed width). ``spec_key`` says that the
    chart's data-free spec depends only on that value (e.g. language and labels): the spec
    is then built once and reused, and only the data changes from run to run.
    """
    if width is None:
        plot = getattr(chart, "width", None)
        meta = getattr(chart, "usermeta", None)
        extra = meta.get("extra_width") if isinstance(meta, dict) else None
        width = plot + int(extra) if isinstance(plot, int) and extra is not None else None
    # The spec is built by exportmcda.charts.overview*, tested there: skip Altair's per-render
    # JSON-schema validation (about 20 ms a chart, on every slider move). A chart whose
    # data is one top-level frame gets a data-free spec plus that frame as a dataset of a
    # fixed name: Altair's own frame sanitising is skipped, and a slider move leaves the
    # spec unchanged, so the browser swaps the data instead of re-embedding the chart.
    frame = getattr(chart, "data", None)
    if isinstance(frame, pd.DataFrame):
        if spec_key is None:
            spec = _shell_spec(chart)
        else:
            spec = json.loads(_cached_shell_spec((key, spec_key), chart))
        spec["datasets"] = {_FRAME_DATASET: frame}  # Streamlit sends it as Arrow
    else:
        spec = stable_datasets(chart.to_dict(validate=False))
    st.vega_lite_chart(
        spec, width=width or "content", height=_pixel_height(chart), key=f"chart-{key}",
    )
    with lazy_expander(t("table_numbers", lang), f"numbers.{key}") as opened:
        if not opened:
            return
        # may hold user text (technology names): st.dataframe shows it as text, st.table
        # would render it as Markdown (see ui.components.text_table)
        shown = numbers() if callable(numbers) else numbers
        st.dataframe(shown, width="stretch", height="content")


_FRAME_DATASET = "frame"  # a fixed dataset name: the spec stays the same when data change


def _shell_spec(chart: Any) -> dict[str, Any]:
    """The chart's spec without its top-level data (sent separately).

    Altair gives a data-free chart a placeholder dataset (``empty``: one ``{}`` row, drawn
    as an "undefined" category); it is replaced by a reference to one named dataset, which
    the caller fills with the frame under that fixed name.
    """
    shell = chart.copy(deep=False)
    shell.data = alt.Undefined
    spec: dict[str, Any] = shell.to_dict(validate=False)
    placeholders = {k for k, v in spec.pop("datasets", {}).items() if v == [{}]}

    def strip(node: Any) -> Any:  # layers of a data-free chart point at the placeholder
        if isinstance(node, dict):
            return {
                k: strip(v) for k, v in node.items()
                if not (k == "data" and isinstance(v, dict) and v.get("name") in placeholders)
            }
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    cleaned: dict[str, Any] = strip(spec)
    cleaned["data"] = {"name": _FRAME_DATASET}
    return cleaned


@st.cache_resource(show_spinner=False, max_entries=64)
def _cached_shell_spec(spec_key: Hashable, _chart: Any) -> str:
    """:func:`_shell_spec` as JSON, once per ``spec_key`` (JSON: each caller gets a copy)."""
    return json.dumps(_shell_spec(_chart))


def stable_datasets(spec: dict[str, Any]) -> dict[str, Any]:
    """Rename a spec's inline datasets ``data-0``, ``data-1``… (Altair names them by a hash).

    With content-hash names every new value changes the spec itself, and the browser
    re-embeds the whole chart; with stable names a chart whose encoding is unchanged gets
    only its data swapped (Streamlit's frontend compares the spec, then the datasets).
    """
    datasets = spec.get("datasets")
    if not isinstance(datasets, dict) or not datasets:
        return spec
    names = {old: f"data-{i}" for i, old in enumerate(datasets)}

    def rename(node: Any) -> Any:
        if isinstance(node, dict):
            out = {k: rename(v) for k, v in node.items() if k != "datasets"}
            data = node.get("data")
            if isinstance(data, dict) and data.get("name") in names:
                out["data"] = {**data, "name": names[data["name"]]}
            return out
        if isinstance(node, list):
            return [rename(v) for v in node]
        return node

    renamed: dict[str, Any] = rename(spec)
    renamed["datasets"] = {names[k]: v for k, v in datasets.items()}
    return renamed
