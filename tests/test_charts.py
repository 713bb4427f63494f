"""Charts, checked through their Vega-Lite specs (``chart.to_dict()``), not images."""
import json
import re

import numpy as np
import pandas as pd
import pytest

from sjzforecast import charts
from sjzforecast.i18n import CATEGORIES, t


@pytest.fixture
def observed():
    return pd.DataFrame({"year": [2015, 2020, 2023], "value": [1.8, 2.1, 2.76],
                         "source_url": ["a.txt", "b.txt", "http://c"], "quote": ["q1", "q2", "<b>q3</b>"]})


@pytest.fixture
def forecast():
    years = pd.Index([2024, 2025], name="year")
    return pd.DataFrame({"mean": [2.9, 3.05], "lo-50": [2.8, 2.9], "hi-50": [3.0, 3.2], "lo-80": [2.6, 2.7],
                         "hi-80": [3.2, 3.4], "lo-95": [2.4, 2.5], "hi-95": [3.4, 3.7]}, index=years)


def _layers(spec):
    return spec.get("layer", [])


def _datasets(spec):
    return list(spec["datasets"].values())


def test_fan_chart_has_equal_tail_bands_observations_with_source_target_and_probability(observed, forecast):
    target_path = pd.Series([2.76, 2.88, 3.0], index=[2023, 2024, 2025])
    spec = charts.fan_chart(observed, forecast, 3.0, 2025, target_path, language="en", unit="%",
                            probability=0.55).to_dict()
    marks = [layer["mark"]["type"] for layer in _layers(spec)]
    assert marks == ["area", "line", "point", "rule", "point", "text", "line"]
    band = _layers(spec)[0]["encoding"]["opacity"]
    assert band["scale"]["domain"] == ["95 %", "80 %", "50 %"]  # widest first, narrower on top
    obs_tooltip = {tt["field"]: tt["title"] for tt in _layers(spec)[2]["encoding"]["tooltip"]}
    assert obs_tooltip["source_url"] == "Source" and obs_tooltip["quote"] == "Quote"
    texts = [row["label"] for data in _datasets(spec) for row in data if "label" in row]
    assert "Probability of meeting the target 55\u00a0%" in texts  # as formats.format_probability writes it
    note = _layers(spec)[5]["encoding"]
    assert note["x"] == {"value": 6} and note["y"] == {"value": 6}  # inside the plot at any width
    bands = next(d for d in _datasets(spec) if d and "level" in d[0])
    anchored = [b for b in bands if b["year"] == 2023]  # the fan starts at the last observation
    assert {b["lo"] for b in anchored} == {2.76} and len(anchored) == 3


def test_fan_chart_labels_are_chinese_in_zh(observed, forecast):
    spec = json.dumps(charts.fan_chart(observed, forecast, 3.0, 2025, language="zh", unit="%").to_dict(),
                      ensure_ascii=False)
    assert t("year", "zh") in spec and t("observed", "zh") in spec and "Year" not in spec


def test_first_passage_chart_highlights_the_target_year():
    frame = pd.DataFrame({"year": [2024, 2025, 2026], "probability": [0.2, 0.5, 0.7]})
    spec = charts.first_passage_chart(frame, 2025, language="en").to_dict()
    bars = _layers(spec)[0]
    assert bars["mark"]["type"] == "bar"
    assert bars["encoding"]["y"]["scale"]["domain"] == [0, 1]
    assert bars["encoding"]["color"]["condition"]["test"] == "datum.is_target"
    rows = next(d for d in _datasets(spec) if d and "is_target" in d[0])
    assert [r["is_target"] for r in rows] == [False, True, False]
    assert " ".join(spec["title"]) == t("first_passage", "en")  # two lines on a phone


def test_scenario_chart_draws_a_line_per_scenario_and_bands_where_present():
    frame = pd.DataFrame({"region": "石家庄", "indicator": "rd_intensity",
                          "scenario": ["bau", "bau", "target_path", "target_path", "my-own"],
                          "year": [2024, 2025, 2024, 2025, 2025], "value": [2.9, 3.0, 2.88, 3.0, 3.1],
                          "lo-95": [2.5, 2.4, np.nan, np.nan, np.nan], "hi-95": [3.3, 3.6, np.nan, np.nan, np.nan]})
    spec = charts.scenario_chart(frame, language="en").to_dict()
    area, line, *edges = _layers(spec)
    assert area["mark"]["type"] == "area" and line["mark"]["type"] == "line"
    band_rows, line_rows = (spec["datasets"][layer["data"]["name"]] for layer in (area, line))
    assert len(band_rows) == 2
    assert {r["scenario_label"] for r in line_rows} == {"Business as usual", "Target path", "my-own"}
    assert line["encoding"]["color"]["legend"]["symbolOpacity"] == 1  # the faint band does not wash out the legend
    domain = line["encoding"]["y"]["scale"]["domain"]
    assert domain == charts.band_domain(frame["value"], [2.5, 2.4, 3.3, 3.6])  # as much band as the lines leave room for
    assert line["encoding"]["y"]["scale"]["clamp"] and area["encoding"]["y"]["scale"]["clamp"]
    assert [edge["mark"]["shape"] for edge in edges] == ["triangle-up", "triangle-down"]  # the rest runs beyond


def test_dashboard_chart_colours_each_category_and_refuses_unknown_ones():
    frame = pd.DataFrame({"indicator": list("abcdef"), "category": list(CATEGORIES),
                          "probability": [1.0, 0.8, 0.4, 0.2, 0.05, np.nan]})
    spec = charts.dashboard_chart(frame, language="zh").to_dict()
    badge = spec["hconcat"][0]["layer"][0]["encoding"]["color"]["scale"]
    assert badge["domain"] == list(CATEGORIES) and badge["range"] == list(charts.CATEGORY_COLORS.values())
    rows = _datasets(spec)[0]
    assert [r["category_label"] for r in rows] == [t(c, "zh") for c in CATEGORIES]
    axes = [[layer["encoding"]["y"].get("axis", {}) for layer in part["layer"]] for part in spec["hconcat"]]
    assert all(a is not None for a in axes[0]) and all(a is None for a in axes[1])  # names once, on the left
    with pytest.raises(ValueError, match="unknown categories \\['great'\\]"):
        charts.dashboard_chart(frame.assign(category="great"))


@pytest.mark.parametrize("language", ["zh", "en"])
def test_dashboard_chart_shows_every_indicator_name_whole_within_a_phone_width(language):
    """The static SVG (the printed chart) draws each name in lines, none cut off with "…"; the chart is no wider
    than before names were wrapped (a 420 px phone shows 388 px of it beside the page's margins)."""
    from html import unescape

    from sjzforecast import render

    names = {"zh": ["高新技术产业增加值占规上工业增加值比重", "市级以上创新团队、领军人物数量", "技术合同成交总额"],
             "en": ["Growth of R&D expenditure of industrial enterprises above designated size",
                    "High-tech industry share of industrial value added", "High-tech enterprises"]}[language]
    frame = pd.DataFrame({"indicator": names, "category": ["on_track"] * 3, "probability": [0.5, 0.6, 0.7]})
    svg = render.chart_svg(charts.dashboard_chart(frame, language).to_dict())
    labels = re.search(r'role-axis-label.*?</g>', svg, re.S).group(0)
    drawn = [unescape(re.sub(r"<[^>]+>", "", text))
             for text in re.findall(r"<text[^>]*>(.*?)</text>", labels, re.S)]
    assert [re.sub(r"\s+", "", d) for d in drawn] == [re.sub(r"\s+", "", n) for n in names], drawn
    assert "…" not in labels
    assert float(re.search(r'<svg[^>]* width="([\d.]+)"', svg).group(1)) <= {"zh": 400, "en": 460}[language]


def test_growth_chart_has_a_slider_parameter_that_redraws_the_path(observed):
    spec = charts.growth_chart(observed, 2023, 2.76, 2030, 3.0, 2025, growth=0.04,
                               growth_range=(-0.05, 0.15), language="en").to_dict()
    (param,) = spec["params"]
    assert param["name"] == "growth" and param["value"] == 4.0
    assert param["bind"] == {"input": "range", "min": -5.0, "max": 15.0, "step": 0.5,
                             "name": "Assumed annual growth (%/yr) "}  # a rate, in percent a year
    path = _layers(spec)[0]
    assert {"calculate": "2.76 * pow(1 + growth / 100, datum.year - 2023)", "as": "value"} in path["transform"]
    with pytest.raises(ValueError, match="end_year 2023 must be after"):
        charts.growth_chart(observed, 2023, 2.76, 2023)


@pytest.mark.parametrize("unit, decimals, fmt, unit_text", [("家", 2, ",.0f", "units"), ("%", 2, ",.2f", "%"),
                                                             ("亿元", 1, ",.1f", "hundred million yuan")])
def test_every_level_in_a_tooltip_is_shown_as_the_page_shows_it_with_its_unit(observed, unit, decimals, fmt,
                                                                              unit_text):
    """Counts as integers, other levels at the data's precision, each tooltip titled with the unit; rates and
    probabilities keep their own formats."""
    forecast = pd.DataFrame({"mean": [2.85, 2.94], "lo-80": [2.5, 2.4], "hi-80": [3.2, 3.5]},
                            index=pd.Index([2024, 2025], name="year"))
    scenarios = pd.DataFrame({"region": "x", "indicator": "y", "scenario": "bau", "year": [2024, 2025],
                              "value": [2.85, 2.94], "lo-80": [2.5, 2.4], "hi-80": [3.2, 3.5]})
    specs = [charts.fan_chart(observed, forecast, 3.0, 2025, language="en", unit=unit, decimals=decimals),
             charts.growth_chart(observed, 2023, 2.76, 2030, 3.0, 2025, language="en", unit=unit, decimals=decimals),
             charts.scenario_chart(scenarios, language="en", unit=unit, decimals=decimals)]
    levels = [tt for spec in specs for layer in _layers(spec.to_dict()) for tt in layer["encoding"].get("tooltip", [])
              if tt.get("type") == "quantitative" and tt["field"] != "year"]
    assert len(levels) >= 9
    assert all(tt["format"] == fmt and f"({unit_text})" in tt["title"] for tt in levels), levels


def test_an_observation_published_as_a_lower_bound_reads_as_one_in_its_tooltip():
    """河北's "超过1.5万家" (2024) shows "超过 15,000" / "over 15,000" in the chart's tooltip, as in the tables;
    a value of its own reads as the number alone (both through :func:`charts.number_format`)."""
    import vl_convert

    from sjzforecast.formats import format_value

    observed = pd.DataFrame({"year": [2017, 2024], "value": [9000.0, 15000.0], "lower_bound": [False, True]})
    for language in ("zh", "en"):
        layer = charts.observed_layer(observed, language, unit="家")
        spec = layer.to_dict()
        shown = next(tip for tip in spec["encoding"]["tooltip"] if tip["field"] == "shown")
        assert shown["title"] == charts._value_title(language, "家", "observed")
        # the tooltip's text drawn as a text mark, by the same Vega expression the page evaluates
        svg = vl_convert.vegalite_to_svg(layer.mark_text().encode(text="shown:N").to_dict())
        texts = [s.replace("&#160;", "\u00a0") for s in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
        assert format_value(15000, "家", language, with_unit=False, lower_bound=True) in texts
        assert format_value(9000, "家", language, with_unit=False) in texts


def test_a_positive_series_axis_does_not_run_below_zero():
    """石家庄's technology-based SMEs (3,850 to an 80 % band reaching 90,000) had an axis down to -10,000."""
    assert charts.padded_domain([3850, 19228, 90000])[0] == 0.0
    assert charts.padded_domain([3850, 19228, 4000])[0] == pytest.approx(3850 - 0.05 * (19228 - 3850))
    assert charts.padded_domain([-1.0, 3.0]) == pytest.approx([-1.2, 3.2])  # a rate may fall below zero
