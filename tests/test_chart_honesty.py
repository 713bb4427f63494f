"""Charts say what they show: no band cut flat at an axis without saying so, every band in a legend,
P(meet) labelled as the tables write it, and "reached by each year" explained where it reads 100 %.

Read from the Vega-Lite specs and the SVGs vl-convert draws of them (the pages' print images)."""
import re
from html import unescape

import numpy as np
import pandas as pd
import pytest

import sjzforecast as sf
from sjzforecast import briefing, charts, render
from sjzforecast.formats import format_p_meet, format_probability, format_value
from sjzforecast.i18n import t


@pytest.fixture(scope="module")
def rd_intensity():
    """石家庄's R&D intensity toward 3.0 % in 2025, forecast to 2030 (its 95 % band reaches about 6.1 %)."""
    return sf.answer(sf.Question(indicator="rd_intensity", target_year=2025))


@pytest.fixture(scope="module")
def contracts():
    """Technology contracts: an observation already meets the 2025 target."""
    return sf.answer(sf.Question(indicator="tech_contract_value", target_year=2025))


def drawn_text(svg: str) -> list[str]:
    """Every text an SVG draws, as a reader sees it."""
    return [unescape(re.sub(r"<[^>]+>", "", text)) for text in re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S)]


def value_scale(spec: dict) -> dict:
    """The value (y) scale every layer of a chart shares."""
    (scale,) = {repr(s): s for layer in spec["layer"] if (s := layer["encoding"].get("y", {}).get("scale"))}.values()
    return scale


def layers_of(spec: dict, shape: str) -> list[dict]:
    return [layer for layer in spec["layer"] if isinstance(layer["mark"], dict) and layer["mark"].get("shape") == shape]


def subtitle(spec: dict) -> str:
    title = spec["title"]
    return " ".join(title.get("subtitle", [])) if isinstance(title, dict) else ""


@pytest.mark.parametrize("chart", ["fan", "scenario"])
def test_the_whole_95_band_is_on_the_axis_where_it_leaves_the_rest_room(rd_intensity, chart):
    """The 2030 95 % upper bound (about 6.1 %) is within the axis, so the band is not cut flat at 5.0."""
    spec = (briefing.fan_chart if chart == "fan" else briefing.scenario_chart)(rd_intensity, "en").to_dict()
    low, high = value_scale(spec)["domain"]
    assert high >= rd_intensity.forecast["hi-95"].max()
    assert 0 < low <= rd_intensity.forecast["lo-95"].min()
    assert not layers_of(spec, "triangle-up") and not subtitle(spec)  # nothing runs beyond, so no note


@pytest.fixture
def wide_band():
    """Technology contracts in 亿元 whose 95 % band runs to 4,038.1, twice as far as the rest of the chart."""
    years = pd.Index(range(2024, 2031), name="year")
    mean = 200 * 1.2 ** np.arange(1, 8)
    forecast = pd.DataFrame({"mean": mean, "lo-80": mean * 0.6, "hi-80": mean * 1.6, "lo-95": mean * 0.4,
                             "hi-95": [400, 600, 900, 1300, 1900, 2800, 4038.1]}, index=years)
    observed = pd.DataFrame({"year": [2020, 2023], "value": [100.5, 200.0]})
    scenarios = pd.concat([forecast.reset_index().rename(columns={"mean": "value"}).assign(scenario="bau"),
                           pd.DataFrame({"year": years, "value": mean * 0.9, "scenario": "low"})])
    return observed, forecast, scenarios.assign(region="石家庄", indicator="tech_contract_value")


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("chart", ["fan", "scenario"])
def test_a_band_too_wide_for_the_axis_is_marked_and_the_note_says_how_far_it_runs(wide_band, chart, language):
    observed, forecast, scenarios = wide_band
    spec = (charts.fan_chart(observed, forecast, 200.0, 2025, language=language, title="石家庄", unit="亿元", decimals=1)
            if chart == "fan" else charts.scenario_chart(scenarios, language, unit="亿元", decimals=1)).to_dict()
    scale = value_scale(spec)
    assert scale["domain"][1] < 4038.1 and scale["nice"] is False  # the axis ends where the triangles are drawn
    assert scale["domain"][0] >= 0  # an amount has no axis below zero
    (edge,) = layers_of(spec, "triangle-up")
    beyond = forecast.index[forecast["hi-95"] > scale["domain"][1]]
    assert 0 < len(beyond) < len(forecast)
    assert [row["year"] for row in spec["datasets"][edge["data"]["name"]]] == list(beyond)
    assert edge["encoding"]["y"] == {"value": 0}  # on the axis' top edge
    note = t("band_beyond_axis", language, level=95, value=format_value(4038.1, "亿元", language, 1))
    assert "4,038.1" in note
    assert "".join(note.split()) in "".join(subtitle(spec).split())  # (the scenario chart's band also runs below)
    svg = render.chart_svg(spec)
    assert "".join(note.split()) in "".join("".join(drawn_text(svg)).split())
    assert "".join(note.split()) in "".join(re.search(r'aria-label="([^"]*)"', svg).group(1).split())


def test_a_band_below_the_axis_is_marked_at_the_bottom_and_named_in_the_note():
    observed = pd.DataFrame({"year": [2021, 2022, 2023], "value": [100.0, 102.0, 104.0]})
    forecast = pd.DataFrame({"mean": [106.0, 108.0], "lo-80": [100.0, 101.0], "hi-80": [110.0, 113.0],
                             "lo-95": [20.0, 5.0], "hi-95": [111.0, 113.0]}, index=pd.Index([2024, 2025], name="year"))
    spec = charts.fan_chart(observed, forecast, language="en", unit="家").to_dict()
    low, high = value_scale(spec)["domain"]
    assert 5.0 < low and high >= 113.0  # the top fits; the whole bottom would squash the chart
    (edge,) = layers_of(spec, "triangle-down")
    assert edge["encoding"]["y"] == {"value": "height"}
    assert spec["title"] == [t("band_below_axis", "en", level=95, value="5\u00a0units")]  # untitled: the note is the title


def test_band_domain_shows_the_whole_band_up_to_the_limit_and_beyond_it_keeps_the_rest_half_the_height():
    assert charts.band_domain([2.0, 3.0], [1.8, 3.6]) == pytest.approx([1.71, 3.69])
    inner = charts.padded_domain([100, 200])
    whole = charts.padded_domain([100, 200, 100, 340])
    assert (whole[1] - whole[0]) / (inner[1] - inner[0]) == pytest.approx(2.4)  # within the limit: no sliver cut
    assert charts.band_domain([100, 200], [100, 340]) == whole
    low, high = charts.band_domain([100, 200], [100, 5000])
    assert high - low == pytest.approx(charts.CLIPPED_SPAN * (inner[1] - inner[0]))
    assert low <= inner[0] and high < 5000
    assert charts.band_domain([10, 20], [0.5, 21])[0] >= 0  # padded_domain's floor holds


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_scenario_charts_band_has_a_legend_entry_saying_what_it_is(rd_intensity, language):
    spec = briefing.scenario_chart(rd_intensity, language).to_dict()
    (band,) = [layer for layer in spec["layer"] if layer["mark"]["type"] == "area"]
    name = t("scenario_band", language, scenario=t("scenario_bau", language), level=95)
    fill = band["encoding"]["fill"]
    assert fill["scale"]["domain"] == [name] and fill["legend"] is not None
    assert fill["scale"]["range"] == [charts.SCENARIO_STYLES["bau"][0]]  # the colour of its scenario's line
    assert "".join(name.split()) in ["".join(text.split()) for text in drawn_text(render.chart_svg(spec))]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_dashboard_bar_labels_are_the_tables_p_meet(language):
    frame = pd.DataFrame({"indicator": ["a", "b", "c"], "category": ["on_track", "not_assessable", "on_track"],
                          "probability": [0.637, np.nan, np.nan]})
    frame["p_meet"] = [format_p_meet(0.637, language), format_p_meet(None, language),
                       format_p_meet(None, language, lower_bound=True)]
    svg = render.chart_svg(charts.dashboard_chart(frame, language).to_dict())
    drawn = drawn_text(svg)
    assert "64\u00a0%" in drawn and "64%" not in drawn
    assert t("p_meet_unknown", language) in drawn and "—" in drawn  # rows without a bar say why, as the table does
    assert {"0\u00a0%", "50\u00a0%", "100\u00a0%"} <= set(drawn)  # the axis writes percent alike


def test_first_passage_labels_are_written_as_the_page_writes_probabilities():
    frame = pd.DataFrame({"year": [2024, 2025], "probability": [0.284, 0.49]})
    drawn = drawn_text(render.chart_svg(charts.first_passage_chart(frame, 2025, "en").to_dict()))
    assert {"28\u00a0%", "49\u00a0%", "100\u00a0%"} <= set(drawn) and not any(re.search(r"\d%", d) for d in drawn)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_reached_by_each_year_says_why_it_reads_100_beside_a_lower_p_meet(contracts, language):
    assert (contracts.p_reached_by == 1).all() and contracts.p_meet < 1
    spec = briefing.build_payload(contracts, language)["charts"]["first_passage"]
    year = int(contracts.selection.series[contracts.selection.series >= contracts.target.level].index.min())
    note = t("reached_observed_note", language, year=year, target_year=2025,
             p=format_probability(contracts.p_meet))
    assert "".join(subtitle(spec).split()) == "".join(note.split())
    assert "".join(note.split()) in "".join("".join(drawn_text(render.chart_svg(spec))).split())


def test_reached_by_each_year_has_no_note_where_no_observation_reached_the_target(rd_intensity):
    assert briefing.reached_note(rd_intensity, "en") == ""
    assert not subtitle(briefing.first_passage_chart(rd_intensity, "en").to_dict())
