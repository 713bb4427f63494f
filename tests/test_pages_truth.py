"""The published pages say exactly what is known: each observation as published, every number computed once."""
import html
import re

import pytest
import vl_convert

import sjzforecast as sf
from sjzforecast import briefing, charts, dashboard, notebook, render


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """A city whose R&D expenditure was published as 150.25, 170.5 and 196 亿元 (a series of two decimals whose
    latest value has none) and whose intensity as 1.9, 2.0 and 2.10 % (the float 2.1 forgets its zero)."""
    folder = tmp_path_factory.mktemp("published")
    csv = folder / "mine.csv"
    rows = [("rd_expenditure", 2018, "150.25", "亿元"), ("rd_expenditure", 2020, "170.5", "亿元"),
            ("rd_expenditure", 2023, "196", "亿元"), ("rd_intensity", 2018, "1.9", "%"),
            ("rd_intensity", 2020, "2.0", "%"), ("rd_intensity", 2023, "2.10", "%")]
    csv.write_text("region,indicator,year,value,unit,source_url,quote,derived\n" + "".join(
        f"样例市,{indicator},{year},{value},{unit},https://example.gov.cn/{indicator}/{year},{value}{unit},\n"
        for indicator, year, value, unit in rows), encoding="utf-8")
    plan = folder / "plan.yaml"
    plan.write_text("""region: 样例市
targets:
  - {target_id: rd_expenditure, indicator: rd_expenditure, name_zh: 研发经费, name_en: R&D expenditure, unit: 亿元,
     base_year: 2020, base_value: 170.5, target_year: 2025, target_value: 240, target_kind: level,
     direction: increase, quote: 研发经费达到240亿元}
  - {target_id: rd_intensity, indicator: rd_intensity, name_zh: 研发投入强度, name_en: R&D intensity, unit: "%",
     base_year: 2020, base_value: 2.0, target_year: 2025, target_value: 2.5, target_kind: level,
     direction: increase, quote: 研发投入强度达到2.5%}
""", encoding="utf-8")
    return {"observations": (str(csv),), "targets": str(plan)}


@pytest.mark.parametrize("indicator, latest, series_decimals", [("rd_expenditure", "196", 2),
                                                                ("rd_intensity", "2.10", 1)])
def test_an_observed_value_is_shown_as_published_and_a_forecast_at_its_series_precision(published, indicator, latest,
                                                                                         series_decimals):
    """"196" stays "196" beside 150.25 and "2.10" keeps its zero, in the briefing's latest value and data table,
    the chart's tooltip (the explorer's fan chart too), the notebook's data table and the dashboard; the forecast
    keeps the series' precision."""
    a = sf.answer(sf.Question(region="样例市", indicator=indicator, target_year=2025, n_paths=300, **published))
    assert a.decimals == series_decimals
    board = dashboard.build_dashboard(region="样例市", n_paths=300, methods=("opensdg",),
                                      observation_files=published["observations"], targets_file=published["targets"])
    for language in ("zh", "en"):
        page = html.unescape(render.render_briefing(briefing.build_payload(a, language), {}, svg=False))
        assert re.search(r'id="latest-value">([^<]*)<', page).group(1).startswith(f"{latest}\u00a0")
        data = re.search(r'<table id="data">(.*?)</table>', page, re.S).group(1)
        assert re.findall(r'<td class="num">([^<]*)</td>', data)[-1].startswith(latest)
        forecast = re.search(r'<table id="forecast">(.*?)</table>', page, re.S).group(1)
        median = re.findall(r'<td class="num">([^<]*)</td>', forecast)[0]
        assert len(median.partition(".")[2]) == series_decimals, median
        assert briefing.data_table(a, language).iloc[-1, 1] == latest
        layer = charts.observed_layer(briefing.observed_frame(a, language), language, a.unit, a.decimals)
        svg = vl_convert.vegalite_to_svg(layer.mark_text().encode(text="shown:N").to_dict())
        assert latest in re.findall(r"<text[^>]*>([^<]*)</text>", svg)
        shown = dashboard.shown_numbers(board, language).set_index(board.table["indicator"])
        assert shown.loc[indicator, "latest_value"].startswith(f"{latest}\u00a0")
        assert notebook.dashboard_table(board, language).iloc[list(board.table["indicator"]).index(indicator)][
            dashboard.display_labels(board, language, units=False)["latest_value"]] == shown.loc[indicator, "latest_value"]


def test_the_dashboard_payload_formats_its_numbers_and_flags_its_met_rows_once(monkeypatch):
    """``build_payload`` words the table's numbers (:func:`dashboard.shown_numbers`) and finds the rows met below
    100 % (:func:`dashboard.met_below_certain`) once, and its chart shows those; the chart alone computes them."""
    board = dashboard.build_dashboard(n_paths=200, methods=("opensdg", "probability"))
    alone = {language: dashboard.dashboard_chart(board, language).to_dict() for language in ("zh", "en")}
    calls = {"shown_numbers": 0, "met_below_certain": 0}
    for name in calls:
        def counted(*args, _original=getattr(dashboard, name), _name=name, **kwargs):
            calls[_name] += 1
            return _original(*args, **kwargs)
        monkeypatch.setattr(dashboard, name, counted)
    for language in ("zh", "en"):
        payload = dashboard.build_payload(board, language)
        assert calls == {"shown_numbers": 1, "met_below_certain": 1}
        assert payload["charts"]["dashboard"] == alone[language]
        calls.update(shown_numbers=0, met_below_certain=0)


@pytest.fixture(scope="module")
def bounded_latest(tmp_path_factory):
    """The national R&D expenditure of 2025, "超过3.92万亿元" (a lower bound), against 45,000 亿元 in 2027: the growth
    still required (7.1 %/yr from 39,200) is at most that, so the share of province-periods that grew as fast is at
    least the one counted; with the dashboard's plan of that one target."""
    plan = tmp_path_factory.mktemp("national") / "plan.yaml"
    plan.write_text("""region: 全国
targets:
  - {target_id: rd_expenditure, indicator: rd_expenditure, name_zh: 研发经费, name_en: R&D expenditure, unit: 亿元,
     base_year: 2020, base_value: 24393.1, target_year: 2027, target_value: 45000, target_kind: level,
     direction: increase, quote: 研发经费达到4.5万亿元}
""", encoding="utf-8")
    a = sf.answer(sf.Question(region="全国", indicator="rd_expenditure", target_year=2027, target_value=45000,
                              n_paths=300))
    board = dashboard.build_dashboard(region="全国", target_year=2027, n_paths=300, methods=("opensdg",),
                                      targets_file=str(plan))
    return a, board


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_peer_share_and_the_growth_chart_read_a_required_growth_from_a_lower_bound_as_a_bound(bounded_latest,
                                                                                                  language):
    """The briefing's peer share reads "at least 83 %" and its note "required growth at most 7.1 %/yr", the growth
    chart names the required growth "at most 7.1 %/yr" under its title, and the dashboard's peer share "at least
    83 %"; from an exact latest value (石家庄's R&D intensity) the same places read the numbers alone."""
    a, board = bounded_latest
    assert a.latest_is_lower_bound and a.growth_bounds["required_growth_from_latest"] == "upper"
    peers = a.peer_feasibility
    at_most = sf.formats.format_rate(100 * peers.required, language, "upper")
    at_least = sf.formats.format_probability(peers.share, language, "lower")
    assert at_most.startswith(("至多", "at most")) and at_least.startswith(("至少", "at least"))
    page = html.unescape(render.render_briefing(briefing.build_payload(a, language), {}, svg=False))
    card = re.search(r'<div class="kpi" id="peer-share">.*?<div class="value">([^<]*)</div>'
                     r'<div class="label">([^<]*)</div>', page, re.S)
    assert card.group(1) == at_least and at_most in card.group(2)
    subtitle = " ".join(briefing.growth_chart(a, language).to_dict()["title"]["subtitle"])
    assert at_most.split("\u00a0")[0] in subtitle and subtitle.endswith(at_most.split("\u00a0", 1)[1])
    [shown] = dashboard.shown_numbers(board, language)["peer_share"]
    assert shown == sf.formats.format_probability(board.table["peer_share"].iloc[0], language, "lower")
    assert shown.startswith(("至少", "at least"))

    exact = sf.answer(sf.Question(indicator="rd_intensity", target_year=2025, n_paths=300))
    assert exact.peer_feasibility is not None and not exact.latest_is_lower_bound
    shown_exact = briefing.peer_share(exact, language)
    assert shown_exact["share"] == sf.formats.format_probability(exact.peer_feasibility.share)
    assert sf.formats.format_rate(100 * exact.peer_feasibility.required, language) in shown_exact["note"]
    assert not re.search("至多|至少|at most|at least", shown_exact["note"] + shown_exact["share"])
    subtitle = " ".join(briefing.growth_chart(exact, language).to_dict()["title"]["subtitle"])
    assert not re.search("至多|at most", subtitle)
