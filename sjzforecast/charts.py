"""Altair charts.  Each function takes plain (tidy) frames and returns a chart; nothing is rendered here.

Every label comes from :mod:`sjzforecast.i18n`.  Charts meant for the HTML briefings carry
tooltips; :func:`growth_chart` adds a Vega-Lite parameter bound to a slider, so a reader can
redraw a constant-growth path in the page without a server.
"""
from __future__ import annotations

import json
import math
import re
import textwrap

import altair as alt
import pandas as pd

from .formats import MAX_DECIMALS, format_probability, format_value, level_decimals, unit_label
from .i18n import CATEGORIES, HAN_CHARACTER, category_label, scenario_label, t

BAND_COLOR = "#3a6ea5"
TARGET_COLOR = "#c0392b"
OBSERVED_COLOR = "#222222"
GROWTH_COLOR = "#e67e22"

#: Badge colour of each assessment category (also used by the HTML templates).
CATEGORY_COLORS = {
    "target_achieved": "#1a7f37",
    "on_track": "#4caf50",
    "acceleration_needed": "#e0a800",
    "limited_progress": "#e67e22",
    "deterioration": "#c0392b",
    "not_assessable": "#9e9e9e",
}

#: Colour and dash of each scenario: distinct hues that stay apart in greyscale print, where the
#: dash tells them apart (scenarios not listed take the remaining greys, solid).
SCENARIO_STYLES = {
    "bau": ("#1f4e79", [1, 0]),
    "target_path": ("#c0392b", [8, 4]),
    "growth": ("#e67e22", [2, 2]),
    "high": ("#1a7f37", [10, 3, 2, 3]),
    "low": ("#7b3294", [4, 4]),
    "drivers": ("#000000", [1, 3]),
}
OTHER_SCENARIO_COLORS = ("#555555", "#8c564b", "#17becf")

#: Charts take their container's width; this is their width where there is no container
#: (the static SVG printed in place of the live chart), and CSS gives the container a minimum.
WIDTH, HEIGHT = 640, 300
#: Most characters one line of an indicator's name holds on the dashboard chart's axis: longer names take
#: more lines (:func:`wrap_text`), so a long name is read whole on screen and in print, never cut off with "…".
DASHBOARD_LABEL_CHARS = {"zh": 10, "en": 22}
#: Widest line of an indicator's name on that axis (pixels): a line of :data:`DASHBOARD_LABEL_CHARS` fits.
DASHBOARD_LABEL_LIMIT = 150
#: Height of one line of an axis label (pixels; Vega's labels are 10 px).
LABEL_LINE_HEIGHT = 12
CONTAINER = "container"
#: Estimated width (pixels) of one character of a bold 11 px badge label: a CJK character, any other.
BADGE_CHAR_WIDTH = {"cjk": 12.0, "other": 6.6}
#: Padding (pixels) around a badge's label, and the narrowest badge.
BADGE_PADDING, BADGE_MIN_WIDTH = 16, 80
#: Least space between two axis labels (pixels); labels that would come closer are thinned out.
LABEL_SEPARATION = 8
#: The widest band may stretch a value axis to this many times the span of what the chart is about
#: (:func:`band_domain`); a band that would stretch it further is clipped to :data:`CLIPPED_SPAN` times that
#: span, where what the chart is about keeps half the chart's height (and a clipped band loses a visible
#: part, never a sliver).
BAND_STRETCH_LIMIT, CLIPPED_SPAN = 2.5, 2.0
#: Colour of a chart's note under its title (:func:`titled`) and of the marks where a band runs beyond the axis.
NOTE_COLOR = "#555555"
#: Opacity of the scenario chart's bands (faint, so that the lines stay in front).
BAND_OPACITY = 0.15


#: Most characters one line of a chart title holds on a 420 px phone: Vega does not wrap titles,
#: and a centred title longer than its chart is cut off on both sides.
TITLE_LINE_CHARS = {"zh": 26, "en": 40}
#: Chinese punctuation that never starts a line.
NO_LINE_START = "、，。；：）」"


def chart_title(text: str, language: str) -> str | list[str]:
    """``text`` as a chart title: one line if it fits a phone, else lines (Vega-Lite's multi-line title).

    Lines of at most :data:`TITLE_LINE_CHARS` characters (:func:`wrap_text`).

    >>> chart_title("Probability that the target has been reached by each year", "en")
    ['Probability that the target has been', 'reached by each year']
    >>> chart_title("Shijiazhuang · R&D intensity (R&D expenditure / GDP)", "en")
    ['Shijiazhuang ·', 'R&D intensity (R&D expenditure / GDP)']
    """
    most = TITLE_LINE_CHARS.get(language, TITLE_LINE_CHARS["en"])
    return text if len(text) <= most else wrap_text(text, language, most)


def titled(text: str, language: str, notes=()) -> str | list[str] | alt.TitleParams:
    """A chart's title (:func:`chart_title`) with ``notes`` under it, in smaller grey lines (Vega-Lite's
    subtitle, wrapped as the title is): what a reader needs to read the chart right.  Without a title, the
    notes are the title (Vega draws no subtitle under an empty title)."""
    title = chart_title(text, language)
    if not notes:
        return title
    most = TITLE_LINE_CHARS.get(language, TITLE_LINE_CHARS["en"])
    lines = [line for note in notes for line in note_lines(note, language, most)]
    return alt.TitleParams(text=title, subtitle=lines, subtitleColor=NOTE_COLOR, offset=8) if text else lines


def note_lines(note: str, language: str, most: int) -> list[str]:
    """A note in lines of at most ``most`` characters (:func:`wrap_text`); a Chinese note's lines end at the
    end of a clause (after "，", "。" or "；") where the clause fits.

    >>> note_lines("95 % 区间超出纵轴，上沿最高至 3,851.3 亿元", "zh", 26)
    ['95 % 区间超出纵轴，', '上沿最高至 3,851.3 亿元']
    """
    if language != "zh":
        return wrap_text(note, language, most)
    lines: list[str] = []
    for clause in filter(None, re.split(r"(?<=[，。；])", note)):
        if lines and len(lines[-1]) + len(clause) <= most:
            lines[-1] += clause
        else:
            lines += wrap_text(clause, language, most)
    return lines


def wrap_text(text: str, language: str, most: int) -> list[str]:
    """``text`` in lines of at most ``most`` characters, for Vega (which does not wrap text itself).

    Lines break after a " · " first, then between words (English) or into lines of (nearly) equal
    length, before an opening bracket where one is near and never before a "、" (Chinese).

    >>> wrap_text("高新技术产业增加值占规上工业增加值比重", "zh", 10)
    ['高新技术产业增加值占', '规上工业增加值比重']
    >>> wrap_text("市级以上创新团队、领军人物数量", "zh", 10)
    ['市级以上创新团队、', '领军人物数量']
    """
    lines = []
    parts = text.split(" · ")
    for i, part in enumerate(parts):
        part += " ·" if i < len(parts) - 1 else ""  # joined by spaces, the lines give the title back
        if language == "zh":
            while len(part) > most:
                even = -(-len(part) // -(-len(part) // most))  # the longest of lines of (nearly) equal length
                cut = part.rfind("（", even // 2, even + 1)
                cut = cut if cut > 0 else even
                cut += part[cut] in NO_LINE_START  # "、" ends a line, never starts one
                lines.append(part[:cut])
                part = part[cut:]
            lines.append(part)
        else:
            lines += textwrap.wrap(part, most) or [part]
    return lines


def _year_axis(language: str, field: str = "year") -> alt.X:
    return alt.X(f"{field}:Q", title=t("year", language),
                 axis=alt.Axis(format="d", tickMinStep=1, labelOverlap="parity", labelSeparation=LABEL_SEPARATION))


def percent_axis(values, **properties) -> alt.Axis:
    """An axis of probabilities with ticks at ``values``, labelled as the page writes a probability
    (:func:`~sjzforecast.formats.format_probability`, ``40 %``), not in Vega's own format (``40%``)."""
    labels = {f"{v:g}": format_probability(v) for v in values}
    return alt.Axis(values=list(values), labelExpr=f"{json.dumps(labels, ensure_ascii=False)}[datum.value]",
                    **properties)


def badge_width(labels) -> int:
    """Width (pixels) of a badge column that holds the longest of ``labels`` (Vega does not size marks to text).

    >>> badge_width(["on track", "acceleration needed"]), badge_width(["进展顺利", "需要加速"])
    (142, 80)
    """
    def estimate(label: str) -> float:
        return sum(BADGE_CHAR_WIDTH["cjk" if HAN_CHARACTER.match(ch) else "other"] for ch in label)
    return max(BADGE_MIN_WIDTH, math.ceil(max(map(estimate, labels), default=0) + BADGE_PADDING))


def fixed_width(spec: dict, width: int = WIDTH) -> dict:
    """A copy of a Vega-Lite spec with every ``width: "container"`` set to ``width`` pixels.

    For renderers without a page around the chart (the static SVG of :mod:`sjzforecast.render`).
    """
    if isinstance(spec, dict):
        return {k: (width if k == "width" and v == CONTAINER else fixed_width(v, width)) for k, v in spec.items()}
    if isinstance(spec, list):
        return [fixed_width(v, width) for v in spec]
    return spec


def fan_domain(observed: pd.DataFrame, forecast: pd.DataFrame, target_level: float | None = None,
               target_path: pd.Series | None = None, level: int = 80, margin: float = 0.05) -> list[float]:
    """The fan chart's value axis: the data, the target, its path and every band, plus a margin.

    The wider bands are shown whole unless that would squash what the chart is about, the data, the
    target, its path and the ``level`` % band (:func:`band_domain`); where the forecast has no ``level``
    band, the narrowest one is what it is about.

    Returns
    -------
    [low, high]
    """
    levels = interval_levels(forecast.columns)
    shown = level if level in levels else (min(levels) if levels else None)
    values = [*observed["value"], *forecast["mean"]]
    if shown is not None:
        values += [*forecast[f"lo-{shown}"], *forecast[f"hi-{shown}"]]
    if target_level is not None:
        values.append(target_level)
    if target_path is not None:
        values += list(target_path)
    bands = [forecast[f"{side}-{lv}"] for lv in levels for side in ("lo", "hi")]
    return band_domain(values, [v for band in bands for v in band], margin)


def band_domain(values, band_values, margin: float = 0.05) -> list[float]:
    """The value axis of a chart with forecast bands: ``values`` and the whole of the bands (as fable's and
    ggplot's fan charts show them), unless that spans more than :data:`BAND_STRETCH_LIMIT` times what
    ``values`` alone span.

    Then the axis spans :data:`CLIPPED_SPAN` times as much, so what the chart is about keeps half its
    height: each side takes of the room to spare its share of how far the bands run beyond ``values``, and
    the bands run beyond the axis (:func:`clipped_band`).  Both spans are those of :func:`padded_domain`
    (``margin`` each side, no axis below zero for a positive series).

    >>> band_domain([2.0, 3.0], [1.8, 3.6])  # the whole band
    [1.71, 3.69]
    >>> band_domain([100, 200], [100, 1000])  # twice the span of the values; the band runs beyond 310
    [90.0, 310.0]
    """
    inner = padded_domain(values, margin)
    outer = padded_domain([*values, *band_values], margin)
    span = inner[1] - inner[0]
    if outer[1] - outer[0] <= BAND_STRETCH_LIMIT * span:
        return outer
    below, above = inner[0] - outer[0], outer[1] - inner[1]
    spare = (CLIPPED_SPAN - 1) * span
    return [inner[0] - spare * below / (below + above), inner[1] + spare * above / (below + above)]


def padded_domain(values, margin: float = 0.05) -> list[float]:
    """[low, high] of ``values`` (NaN skipped) with ``margin`` of their span added on each side, but never
    below 0 where no value is: a count of enterprises has no axis below zero.

    >>> padded_domain([100, 80000]), padded_domain([-1.0, 3.0])
    ([0.0, 83995.0], [-1.2, 3.2])
    """
    values = [float(v) for v in values if pd.notna(v)]
    low, high = min(values), max(values)
    pad = margin * (high - low or abs(high) or 1.0)
    return [max(0.0, low - pad) if low >= 0 else low - pad, high + pad]


def _year_tooltip(language: str) -> alt.Tooltip:
    return alt.Tooltip("year:Q", format="d", title=t("year", language))


def _value_title(language: str, unit: str, key: str = "value", text: str | None = None) -> str:
    """The label ``key`` (or ``text``) with the unit: ``数值 (%)``, ``Forecast (median) (units)``."""
    text = t(key, language) if text is None else text
    return f"{text} ({unit_label(unit, language)})" if unit else text


def number_format(unit: str = "", decimals: int | None = None) -> str:
    """The d3 format of a level in a tooltip, as :func:`~sjzforecast.formats.format_value` shows it on the
    page: counts (:data:`~sjzforecast.formats.COUNT_UNITS`) as integers, other levels with ``decimals``
    (the data's precision; at most :data:`~sjzforecast.formats.MAX_DECIMALS`, trailing zeros dropped
    where it is not known), thousands separated."""
    shown = level_decimals(unit, decimals)
    return f",.{MAX_DECIMALS}~f" if shown is None else f",.{shown}f"


def _level_tooltip(field: str, language: str, unit: str = "", decimals: int | None = None,
                   key: str = "value", title: str | None = None) -> alt.Tooltip:
    """A tooltip of a level: its label with the unit, the number as the page shows it (:func:`number_format`)."""
    return alt.Tooltip(f"{field}:Q", format=number_format(unit, decimals),
                       title=_value_title(language, unit, key, title))


def interval_levels(columns) -> list[int]:
    """Interval levels present as ``lo-L``/``hi-L`` column pairs, widest first."""
    return sorted({int(c.split("-")[1]) for c in columns if str(c).startswith("lo-")}, reverse=True)


def _bands(forecast: pd.DataFrame) -> tuple[pd.DataFrame, list[int]]:
    """Long frame of interval bands: year, level, lo, hi (widest first, so narrower draw on top)."""
    levels = interval_levels(forecast.columns)
    rows = [pd.DataFrame({"year": forecast.index, "level": f"{level} %",
                          "lo": forecast[f"lo-{level}"].to_numpy(), "hi": forecast[f"hi-{level}"].to_numpy()})
            for level in levels]
    return pd.concat(rows, ignore_index=True), levels


def clipped_band(band: pd.DataFrame, level: int, domain, language: str = "zh", unit: str = "",
                 decimals: int | None = None) -> tuple[list[alt.Chart], list[str]]:
    """Where a band runs beyond the value axis ``domain`` (:func:`band_domain`): an open triangle on the
    axis' edge in each year it does, pointing the way it runs on, and a note saying how far it runs
    ("95 % band runs beyond the axis to 6.10 %"), so that the clipped edge is not read as a bound.

    Parameters
    ----------
    band : DataFrame
        Columns ``year, lo, hi``: the band of ``level`` %.
    domain : [low, high]
        The value axis.

    Returns
    -------
    The layers of the triangles and the notes (none where the band is within the axis).
    """
    low, high = domain
    layers, notes = [], []
    for rows, field, edge, shape, key, extreme in (
            (band[band["hi"] > high], "hi", 0, "triangle-up", "band_beyond_axis", max),
            (band[band["lo"] < low], "lo", "height", "triangle-down", "band_below_axis", min)):
        if rows.empty:
            continue
        bound = t("interval_bound", language, level=level, bound=t("upper" if field == "hi" else "lower", language))
        layers.append(alt.Chart(rows[["year", field]]).mark_point(shape=shape, size=60, color=NOTE_COLOR,
                                                                  strokeWidth=1.5).encode(
            x=_year_axis(language), y=alt.value(edge),
            tooltip=[_year_tooltip(language), _level_tooltip(field, language, unit, decimals, title=bound)]))
        notes.append(t(key, language, level=level, value=format_value(extreme(rows[field]), unit, language, decimals)))
    return layers, notes


def number_expression(field: str, unit: str = "", decimals: int | None = None, own_decimals: bool = False) -> str:
    """A Vega expression that shows ``datum[field]`` as :func:`number_format` does; with ``own_decimals``, a
    level that is not a count at ``datum.decimals``, the decimals its observation was published with
    (:func:`~sjzforecast.formats.observation_decimals`), as the tables show it."""
    value = f"datum[{json.dumps(field)}]"
    if own_decimals and level_decimals(unit, None) is None:
        return f"format({value}, ',.' + datum.decimals + 'f')"
    return f"format({value}, {json.dumps(number_format(unit, decimals))})"


def lower_bound_expression(number: str, language: str) -> str:
    """A Vega expression that shows the ``number`` expression (:func:`number_expression`) read as a lower bound
    ("超过 15,000", "over 15,000": the ``lower_bound_value`` wording of the tables) where ``datum.lower_bound``."""
    prefix, suffix = (json.dumps(part, ensure_ascii=False) for part in t("lower_bound_value", language, value="\0").split("\0"))
    return f"datum.lower_bound ? {prefix} + {number} + {suffix} : {number}"


def observed_layer(observed: pd.DataFrame, language: str = "zh", unit: str = "",
                   decimals: int | None = None) -> alt.Chart:
    """Observed values as points; ``source_url``, ``quote`` and ``derived`` columns go into the tooltip.

    A ``lower_bound`` column (values published as lower bounds, "超过1.5万家") makes the tooltip read those
    as the tables do (:func:`lower_bound_expression`); a ``decimals`` column (those each value was published
    with) shows each value with its own rather than the series' ``decimals`` (:func:`number_expression`)."""
    cols = [c for c in ("year", "value", "lower_bound", "decimals", "source_url", "quote", "derived")
            if c in observed.columns]
    chart = alt.Chart(observed[cols])
    if "lower_bound" in cols or "decimals" in cols:
        number = number_expression("value", unit, decimals, own_decimals="decimals" in cols)
        shown = lower_bound_expression(number, language) if "lower_bound" in cols else number
        chart = chart.transform_calculate(shown=shown)
        level = alt.Tooltip("shown:N", title=_value_title(language, unit, "observed"))
    else:
        level = _level_tooltip("value", language, unit, decimals, "observed")
    tooltip = [_year_tooltip(language), level]
    tooltip += [alt.Tooltip(f"{c}:N", title=t("source" if c == "source_url" else c, language))
                for c in cols[2:] if c not in ("lower_bound", "decimals")]
    return chart.mark_point(filled=True, size=70, color=OBSERVED_COLOR).encode(
        x=_year_axis(language), y="value:Q", tooltip=tooltip)


def target_layers(target_level: float | None, target_year: int | None, language: str = "zh",
                  probability: float | None = None, unit: str = "", decimals: int | None = None) -> list[alt.Chart]:
    """A dotted rule at the target level, a diamond in the target year, and the P(meet) annotation
    (in the plot's top-left corner, so that it stays inside the chart at any width)."""
    if target_level is None:
        return []
    layers = [alt.Chart(pd.DataFrame({"value": [target_level]})).mark_rule(
        color=TARGET_COLOR, strokeDash=[2, 2]).encode(y="value:Q")]
    if target_year is not None:
        point = pd.DataFrame({"year": [target_year], "value": [target_level], "label": [t("target", language)]})
        layers.append(alt.Chart(point).mark_point(shape="diamond", size=140, filled=True, color=TARGET_COLOR)
                      .encode(x=_year_axis(language), y="value:Q",
                              tooltip=[alt.Tooltip("label:N", title=t("target", language)),
                                       _level_tooltip("value", language, unit, decimals)]))
        if probability is not None:
            note = point.assign(label=f"{t('probability_of_meeting', language)} {format_probability(probability)}")
            layers.append(alt.Chart(note).mark_text(align="left", baseline="top", color=TARGET_COLOR,
                                                    fontWeight="bold")
                          .encode(x=alt.value(6), y=alt.value(6), text="label:N"))
    return layers


def fan_chart(observed: pd.DataFrame, forecast: pd.DataFrame, target_level: float | None = None,
              target_year: int | None = None, target_path: pd.Series | None = None,
              language: str = "zh", title: str = "", unit: str = "",
              probability: float | None = None, decimals: int | None = None,
              nowcast: tuple[int, int] | None = None) -> alt.LayerChart:
    """Observations, forecast median and equal-tailed bands, the target, the target path and P(meet).

    The value axis shows the bands whole unless that would squash the rest (:func:`fan_domain`); a band
    that runs beyond it is marked there, and the title's note says how far it runs (:func:`clipped_band`).

    Parameters
    ----------
    observed : DataFrame
        Columns ``year, value`` and optionally ``source_url, quote, derived`` (shown in the tooltip).
    forecast : DataFrame
        Indexed by year, columns ``mean`` and ``lo-L``/``hi-L`` pairs (equal-tailed intervals).
    target_level, target_year : float, int, optional
        The target, drawn as a horizontal rule and a diamond.
    target_path : Series, optional
        Indexed by year, drawn dashed.
    language : {"zh", "en"}
    title, unit : str
        Chart title and the unit of the values (in the y-axis title and the tooltips).
    probability : float, optional
        P(meet), written next to the target.
    decimals : int, optional
        The data's precision: levels in the tooltips are shown with it (:func:`number_format`).
    nowcast : (int, int), optional
        The first and last forecast years that have ended without a figure in the data: shaded and
        labelled as nowcasts (:func:`nowcast_layers`).

    Returns
    -------
    altair.LayerChart
    """
    year_axis = _year_axis(language)
    if len(observed):  # start the fan at the last observation
        last = observed.sort_values("year").iloc[-1]
        anchor = pd.DataFrame({c: [last["value"]] for c in forecast.columns}, index=[int(last["year"])])
        forecast = pd.concat([anchor, forecast])
        forecast.index.name = "year"
    bands, levels = _bands(forecast)
    opacity = {f"{lv} %": op for lv, op in zip(levels, (0.18, 0.3, 0.45, 0.6))}
    domain = fan_domain(observed, forecast, target_level, target_path)
    clipped, notes = clipped_band(bands[bands["level"] == f"{levels[0]} %"], levels[0], domain, language, unit,
                                  decimals)
    band = alt.Chart(bands).mark_area(color=BAND_COLOR).encode(
        x=year_axis, y=alt.Y("lo:Q", title=_value_title(language, unit),
                             scale=alt.Scale(domain=domain, zero=False, clamp=True, nice=not clipped)),
        y2="hi:Q",
        opacity=alt.Opacity("level:O", sort=list(opacity),
                            scale=alt.Scale(domain=list(opacity), range=list(opacity.values())),
                            legend=alt.Legend(title=t("band", language))),
        tooltip=[_year_tooltip(language), alt.Tooltip("level:N", title=t("band", language)),
                 _level_tooltip("lo", language, unit, decimals, "lower"),
                 _level_tooltip("hi", language, unit, decimals, "upper")],
    )
    median = alt.Chart(forecast.reset_index()[["year", "mean"]]).mark_line(color=BAND_COLOR, point=True).encode(
        x=year_axis, y="mean:Q",
        tooltip=[_year_tooltip(language), _level_tooltip("mean", language, unit, decimals, "forecast")])
    layers = [*nowcast_layers(nowcast, language), band, *clipped, median,  # the shade behind the bands
              observed_layer(observed, language, unit, decimals),
              *target_layers(target_level, target_year, language, probability, unit, decimals)]
    if target_path is not None and len(target_path) > 1:
        path = pd.DataFrame({"year": target_path.index, "value": target_path.to_numpy(),
                             "label": t("target_path", language)})
        layers.append(alt.Chart(path).mark_line(color=TARGET_COLOR, strokeDash=[6, 4]).encode(
            x=year_axis, y="value:Q",
            tooltip=[alt.Tooltip("label:N", title=t("scenario", language)), _year_tooltip(language),
                     _level_tooltip("value", language, unit, decimals)]))
    return alt.layer(*layers).properties(title=titled(title, language, notes), width=CONTAINER, height=HEIGHT)


def nowcast_layers(years: tuple[int, int] | None, language: str) -> list:
    """A grey span over the years ``first``-``last`` (half a year either side), labelled at its top
    ("临近预测" / "nowcast"): years that have ended but whose figures the data do not hold yet, so
    that the fan there estimates figures still to come.  No layer where ``years`` is None."""
    if years is None:
        return []
    first, last = years
    span = pd.DataFrame({"start": [first - 0.5], "end": [last + 0.5], "middle": [(first + last) / 2],
                         "label": [t("nowcast_label", language)]})
    shade = alt.Chart(span).mark_rect(color=NOTE_COLOR, opacity=0.12).encode(
        x=_year_axis(language, "start").scale(zero=False), x2="end:Q")  # a rect's axis would start at 0
    label = alt.Chart(span).mark_text(baseline="top", dy=4, color=NOTE_COLOR, fontSize=11).encode(
        x="middle:Q", y=alt.value(0), text="label:N")
    return [shade, label]


def first_passage_chart(first_passage: pd.DataFrame, target_year: int | None = None, language: str = "zh",
                        title: str = "", note: str = "") -> alt.LayerChart:
    """P(target reached at least once by each year), as bars; the target year is highlighted.

    Parameters
    ----------
    first_passage : DataFrame
        Columns ``year`` and ``probability`` (cumulative, non-decreasing).
    target_year : int, optional
        The bar of this year is drawn in the target colour.
    note : str, optional
        Shown under the title (:func:`titled`).
    """
    frame = first_passage[["year", "probability"]].assign(
        is_target=lambda d: d["year"] == target_year if target_year is not None else False,
        label=lambda d: [format_probability(p) for p in d["probability"]])
    tooltip = [_year_tooltip(language), alt.Tooltip("label:N", title=t("p_reached", language))]
    base = alt.Chart(frame).encode(x=alt.X("year:O", title=t("year", language),
                                           axis=alt.Axis(labelAngle=0, labelOverlap="parity",
                                                         labelSeparation=LABEL_SEPARATION)))
    bars = base.mark_bar().encode(
        y=alt.Y("probability:Q", title=t("p_reached", language), scale=alt.Scale(domain=[0, 1]),
                axis=percent_axis([0, 0.2, 0.4, 0.6, 0.8, 1])),
        color=alt.condition("datum.is_target", alt.value(TARGET_COLOR), alt.value(BAND_COLOR)),
        tooltip=tooltip)
    labels = base.mark_text(dy=-6, fontSize=11).encode(y="probability:Q", text="label:N", tooltip=tooltip)
    half = alt.Chart(pd.DataFrame({"probability": [0.5]})).mark_rule(color="#888", strokeDash=[3, 3]).encode(
        y="probability:Q")
    return alt.layer(bars, labels, half).properties(
        title=titled(title or t("first_passage", language), language, [note] if note else []),
        width=CONTAINER, height=220)


def scenario_chart(frame: pd.DataFrame, language: str = "zh", title: str = "", unit: str = "",
                   decimals: int | None = None, nowcast: tuple[int, int] | None = None) -> alt.LayerChart:
    """One line per scenario, with its widest ``lo-L``/``hi-L`` band where the frame has one.

    The value axis spans the lines and the bands (:func:`band_domain`); a band that runs beyond it is
    marked there, and the title's note says how far it runs (:func:`clipped_band`).  Each band has its
    own legend entry, naming its scenario and level.

    Parameters
    ----------
    frame : DataFrame
        The tidy scenario frame: ``region, indicator, scenario, year, value`` and optional
        ``lo-L``/``hi-L`` columns (NaN where a scenario has no band).
    unit, decimals
        Unit and precision of the levels (axis title and tooltips, :func:`number_format`).
    nowcast : (int, int), optional
        Years shaded as nowcasts, as on the fan chart (:func:`nowcast_layers`).
    """
    frame = frame.assign(scenario_label=[scenario_label(s, language) for s in frame["scenario"]])
    names = list(dict.fromkeys(frame["scenario"]))
    styles = scenario_styles(names)
    labels = [scenario_label(name, language) for name in names]
    legend = alt.Legend(title=t("scenario", language), symbolType="stroke", symbolStrokeWidth=3, symbolSize=300,
                        symbolOpacity=1, orient="bottom", columns=2, labelLimit=0)  # opaque, not the band's 0.15
    colors = alt.Scale(domain=labels, range=[styles[n][0] for n in names])
    color = alt.Color("scenario_label:N", title=t("scenario", language), legend=legend, scale=colors)
    dash = alt.StrokeDash("scenario_label:N", legend=legend,
                          scale=alt.Scale(domain=labels, range=[styles[n][1] for n in names]))
    tooltip = [alt.Tooltip("scenario_label:N", title=t("scenario", language)), _year_tooltip(language),
               _level_tooltip("value", language, unit, decimals)]
    level = next(iter(interval_levels(frame.columns)), None)  # the widest
    bounds = {f"lo-{level}": "lo", f"hi-{level}": "hi"}
    banded = frame.dropna(subset=list(bounds)).rename(columns=bounds) if level else frame.iloc[:0].assign(lo=[], hi=[])
    domain = band_domain(frame["value"], [*banded["lo"], *banded["hi"]])
    clipped, notes = clipped_band(banded, level, domain, language, unit, decimals)
    y_scale = alt.Scale(domain=domain, zero=False, clamp=True, nice=not clipped)
    layers = nowcast_layers(nowcast, language)
    if len(banded):
        banded = banded.assign(band_label=[t("scenario_band", language, scenario=label, level=level)
                                           for label in banded["scenario_label"]])
        scenario_of = dict(zip(banded["band_label"], banded["scenario"]))
        fill = alt.Fill("band_label:N", scale=alt.Scale(domain=list(scenario_of),
                                                        range=[styles[n][0] for n in scenario_of.values()]),
                        legend=alt.Legend(title=None, orient="top", symbolType="square",
                                          symbolOpacity=BAND_OPACITY, symbolSize=200, labelLimit=0))
        layers.append(alt.Chart(banded[["scenario_label", "band_label", "year", "lo", "hi"]])
                      .mark_area(opacity=BAND_OPACITY).encode(
            x=_year_axis(language), y=alt.Y("lo:Q", scale=y_scale), y2="hi:Q", fill=fill,
            tooltip=[*tooltip[:2],
                     *[_level_tooltip(field, language, unit, decimals, title=t(
                         "interval_bound", language, level=level, bound=t(bound, language)))
                       for field, bound in (("lo", "lower"), ("hi", "upper"))]]))
    layers.append(alt.Chart(frame[["scenario_label", "year", "value"]]).mark_line(point=True, strokeWidth=2.5)
                  .encode(x=_year_axis(language),
                          y=alt.Y("value:Q", title=_value_title(language, unit), scale=y_scale),
                          color=color, strokeDash=dash, tooltip=tooltip))
    return alt.layer(*layers, *clipped).properties(
        title=titled(title or t("scenario_comparison", language), language, notes), width=CONTAINER, height=HEIGHT)


def scenario_styles(names) -> dict[str, tuple[str, list[int]]]:
    """Colour and dash of each scenario name (:data:`SCENARIO_STYLES`; others get the remaining colours)."""
    others = iter(OTHER_SCENARIO_COLORS * len(list(names)))
    return {name: SCENARIO_STYLES.get(name) or (next(others), [1, 0]) for name in names}


def dashboard_chart(frame: pd.DataFrame, language: str = "zh", title: str = "", notes=()) -> alt.HConcatChart:
    """A table as a chart: one row per indicator, named once on the left, a coloured category badge and a P(meet) bar.

    Parameters
    ----------
    frame : DataFrame
        Columns ``indicator``, ``category`` (one of :data:`~sjzforecast.i18n.CATEGORIES`) and
        ``probability`` (NaN where not assessed); optionally ``p_meet``, P(meet) as the table words it
        (by default :func:`~sjzforecast.formats.format_probability`: ``64 %``, ``—`` where not assessed),
        which labels the bars and the tooltip alike; extra columns go into the tooltip.
    notes : sequence of str
        Lines under the title (:func:`titled`).
    """
    unknown = set(frame["category"]) - set(CATEGORIES)
    if unknown:
        raise ValueError(f"unknown categories {sorted(unknown)}; known: {list(CATEGORIES)}")
    data = frame.assign(category_label=[category_label(c, language) for c in frame["category"]],
                        label_at=frame["probability"].fillna(0))  # a row without a bar has its label at 0
    if "p_meet" not in data:
        data["p_meet"] = [format_probability(p) for p in data["probability"]]
    extra = [c for c in frame.columns if c not in ("indicator", "category", "probability", "p_meet")]
    tooltip = [alt.Tooltip("indicator:N", title=t("indicator", language)),
               alt.Tooltip("category_label:N", title=t("category", language)),
               alt.Tooltip("p_meet:N", title=t("probability_of_meeting", language)),
               *[alt.Tooltip(f"{c}:N") for c in extra]]
    order = list(dict.fromkeys(frame["indicator"]))
    lines = {name: wrap_text(name, language, DASHBOARD_LABEL_CHARS.get(language, DASHBOARD_LABEL_CHARS["en"]))
             for name in order}
    step = max(20, LABEL_LINE_HEIGHT * max(map(len, lines.values()), default=1) + 6)
    base = alt.Chart(data).encode(tooltip=tooltip).properties(height=alt.Step(step))
    named = base.encode(y=alt.Y("indicator:N", title=None, sort=order, axis=alt.Axis(
        labelLimit=DASHBOARD_LABEL_LIMIT, labelLineHeight=LABEL_LINE_HEIGHT,
        labelExpr=f"{json.dumps(lines, ensure_ascii=False)}[datum.label] || datum.label")))
    beside = base.encode(y=alt.Y("indicator:N", title=None, sort=order, axis=None))  # the names are on the left once
    colors = alt.Scale(domain=list(CATEGORY_COLORS), range=list(CATEGORY_COLORS.values()))
    badge = alt.layer(
        named.mark_rect(cornerRadius=4, height=18).encode(
            color=alt.Color("category:N", scale=colors, legend=None)),
        named.mark_text(color="white", fontWeight="bold").encode(text="category_label:N"),
    ).properties(width=badge_width(data["category_label"]), title=t("category", language))
    bar = alt.layer(
        beside.mark_bar(color=BAND_COLOR, height=14).encode(
            x=alt.X("probability:Q", scale=alt.Scale(domain=[0, 1]), axis=percent_axis([0, 0.5, 1]), title=None)),
        beside.mark_text(align="left", dx=4).encode(x="label_at:Q", text="p_meet:N"),
    ).properties(width=140, title=t("probability_of_meeting", language))
    return alt.hconcat(badge, bar, spacing=8).properties(title=titled(title or t("dashboard", language), language, notes))


def growth_chart(observed: pd.DataFrame, last_year: int, last_value: float, end_year: int,
                 target_level: float | None = None, target_year: int | None = None, growth: float = 0.05,
                 growth_range: tuple[float, float] = (-0.05, 0.25), language: str = "zh", title: str = "",
                 unit: str = "", decimals: int | None = None, notes=()) -> alt.LayerChart:
    """Observations and a constant-growth path from the latest observation, redrawn by a slider.

    The slider is a Vega-Lite parameter named ``growth`` (annual rate in percent); the path is
    :math:`V_t = V_{last} (1 + g/100)^{t - t_{last}}`, computed in the page.

    Parameters
    ----------
    observed : DataFrame
        Columns ``year, value`` (and optional provenance columns for the tooltip).
    last_year, last_value : the latest observation, where the path starts.
    end_year : last year of the path.
    target_level, target_year : the target, drawn as in :func:`fan_chart`.
    growth : initial value of the slider, as a fraction (0.05 is 5 % a year).
    growth_range : the slider's bounds, as fractions.
    unit, decimals : unit and precision of the levels (axis title and tooltips, :func:`number_format`).
    notes : lines under the title (:func:`titled`), e.g. the growth required to reach the target.
    """
    if end_year <= last_year:
        raise ValueError(f"end_year {end_year} must be after the last observation {last_year}")
    lo, hi = growth_range
    growth = min(max(growth, lo), hi)
    param = alt.param(name="growth", value=round(100 * growth, 1),
                      bind=alt.binding_range(min=round(100 * lo, 1), max=round(100 * hi, 1), step=0.5,
                                             name=f"{t('assumed_growth', language)} ({t('rate_unit', language)}) "))
    years = pd.DataFrame({"year": range(last_year, end_year + 1)})
    path = alt.Chart(years).transform_calculate(
        value=f"{float(last_value)!r} * pow(1 + growth / 100, datum.year - {int(last_year)})",
        growth_pct=f"format(growth, '.1f') + '\u00a0{t('rate_unit', language)}'",
    ).mark_line(color=GROWTH_COLOR, point=True).encode(
        x=_year_axis(language),
        y=alt.Y("value:Q", title=_value_title(language, unit), scale=alt.Scale(zero=False)),
        tooltip=[_year_tooltip(language), _level_tooltip("value", language, unit, decimals, "growth_path"),
                 alt.Tooltip("growth_pct:N", title=t("assumed_growth", language))],
    ).add_params(param)
    layers = [path, observed_layer(observed, language, unit, decimals),
              *target_layers(target_level, target_year, language, unit=unit, decimals=decimals)]
    return alt.layer(*layers).properties(title=titled(title or t("growth_path", language), language, notes),
                                         width=CONTAINER, height=HEIGHT)


def enable_offline_charts() -> None:
    """Show Altair charts in notebooks without the network: as SVG drawn by vl-convert.

    Altair's default notebook renderer loads Vega from a CDN, which fails offline, and
    JupyterLab's own Vega-Lite renderer predates the Vega-Lite version Altair writes.  SVG
    shows everywhere (JupyterLab, papermill outputs, nbconvert); the interactive versions of
    the same charts are in the HTML briefings.  Charts that take their container's width are
    drawn :data:`WIDTH` pixels wide (:func:`fixed_width`); each is read by a screen reader as its
    title, as the page's print image is (:func:`sjzforecast.render.chart_svg`).
    """
    from .render import chart_svg

    alt.renderers.register("sjzforecast_svg", lambda spec, **_: {"image/svg+xml": chart_svg(fixed_width(spec))})
    alt.renderers.enable("sjzforecast_svg")
