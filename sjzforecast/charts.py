"""Altair charts.  Each function takes plain frames and returns a chart; nothing is rendered here."""
from __future__ import annotations

import altair as alt
import pandas as pd

from .i18n import t

BAND_COLOR = "#3a6ea5"
TARGET_COLOR = "#c0392b"
OBSERVED_COLOR = "#222222"


def _bands(forecast: pd.DataFrame) -> pd.DataFrame:
    """Long frame of interval bands: year, level, lo, hi (widest first, so narrower draw on top)."""
    levels = sorted({int(c.split("-")[1]) for c in forecast.columns if c.startswith("lo-")}, reverse=True)
    rows = [pd.DataFrame({"year": forecast.index, "level": f"{level} %",
                          "lo": forecast[f"lo-{level}"].to_numpy(), "hi": forecast[f"hi-{level}"].to_numpy()})
            for level in levels]
    return pd.concat(rows, ignore_index=True), levels


def fan_chart(observed: pd.DataFrame, forecast: pd.DataFrame, target_level: float | None = None,
              target_year: int | None = None, target_path: pd.Series | None = None,
              language: str = "zh", title: str = "", unit: str = "") -> alt.LayerChart:
    """Observations, forecast median and equal-tailed bands, the target and the target path.

    Parameters
    ----------
    observed : DataFrame
        Columns ``year, value`` and optionally ``source_url, quote`` (shown in the tooltip).
    forecast : DataFrame
        Indexed by year, columns ``mean`` and ``lo-L``/``hi-L`` pairs.
    target_level, target_year : the target, drawn as a horizontal rule and a point.
    target_path : Series indexed by year, drawn dashed.
    """
    year_axis = alt.X("year:Q", title=t("year", language), axis=alt.Axis(format="d", tickMinStep=1))
    y_title = f"{t('value', language)} ({unit})" if unit else t("value", language)
    if len(observed):  # start the fan at the last observation
        last = observed.sort_values("year").iloc[-1]
        anchor = pd.DataFrame({c: [last["value"]] for c in forecast.columns}, index=[int(last["year"])])
        forecast = pd.concat([anchor, forecast])
        forecast.index.name = "year"
    bands, levels = _bands(forecast)
    opacity = {f"{lv} %": op for lv, op in zip(levels, (0.18, 0.3, 0.45, 0.6))}
    band = alt.Chart(bands).mark_area(color=BAND_COLOR).encode(
        x=year_axis, y=alt.Y("lo:Q", title=y_title, scale=alt.Scale(zero=False)), y2="hi:Q",
        opacity=alt.Opacity("level:N", scale=alt.Scale(domain=list(opacity), range=list(opacity.values())),
                            legend=alt.Legend(title=t("band", language))),
        tooltip=[alt.Tooltip("year:Q", format="d", title=t("year", language)), "level:N",
                 alt.Tooltip("lo:Q", format=".3~f"), alt.Tooltip("hi:Q", format=".3~f")],
    )
    median = alt.Chart(forecast.reset_index()[["year", "mean"]]).mark_line(color=BAND_COLOR, point=True).encode(
        x=year_axis, y="mean:Q",
        tooltip=[alt.Tooltip("year:Q", format="d"), alt.Tooltip("mean:Q", format=".3~f", title=t("forecast", language))])
    obs_cols = [c for c in ("year", "value", "source_url", "quote") if c in observed.columns]
    obs_tooltip = [alt.Tooltip("year:Q", format="d", title=t("year", language)),
                   alt.Tooltip("value:Q", format=".4~f", title=t("observed", language))]
    obs_tooltip += [alt.Tooltip(f"{c}:N", title=t("source" if c == "source_url" else c, language))
                    for c in obs_cols[2:]]
    points = alt.Chart(observed[obs_cols]).mark_point(filled=True, size=70, color=OBSERVED_COLOR).encode(
        x=year_axis, y="value:Q", tooltip=obs_tooltip)
    layers = [band, median, points]
    if target_level is not None:
        layers.append(alt.Chart(pd.DataFrame({"value": [target_level]})).mark_rule(
            color=TARGET_COLOR, strokeDash=[2, 2]).encode(y="value:Q"))
        if target_year is not None:
            layers.append(alt.Chart(pd.DataFrame({"year": [target_year], "value": [target_level],
                                                  "label": [t("target", language)]}))
                          .mark_point(shape="diamond", size=140, filled=True, color=TARGET_COLOR)
                          .encode(x=year_axis, y="value:Q", tooltip=["label:N", alt.Tooltip("value:Q", format=".4~f")]))
    if target_path is not None and len(target_path) > 1:
        path = pd.DataFrame({"year": target_path.index, "value": target_path.to_numpy(),
                             "label": t("target_path", language)})
        layers.append(alt.Chart(path).mark_line(color=TARGET_COLOR, strokeDash=[6, 4]).encode(
            x=year_axis, y="value:Q", tooltip=["label:N", alt.Tooltip("year:Q", format="d"),
                                               alt.Tooltip("value:Q", format=".4~f")]))
    return alt.layer(*layers).properties(title=title, width=560, height=300)
