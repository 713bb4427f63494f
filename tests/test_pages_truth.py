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
                                                                ("rd_intensity", "2.10", 2)])
def test_an_observed_value_is_shown_as_published_and_a_forecast_at_its_series_precision(published, indicator, latest,
                                                                                         series_decimals):
    """"196" stays "196" beside 150.25 and "2.10" keeps its zero, in the briefing's latest value and data table,
    the chart's tooltip (the explorer's fan chart too), the notebook's data table and the dashboard; the forecast
    keeps the series' precision, counted as the values were written (2.0 and 2.10: two decimals)."""
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
        table = notebook.dashboard_table(board, language).set_index(board.table["indicator"])
        column = dashboard.display_labels(board, language, units=False)["latest_value"]
        assert table.loc[indicator, column] == shown.loc[indicator, "latest_value"]


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
    assert at_most.startswith(("至\u2060多", "at most")) and at_least.startswith(("至\u2060少", "at least"))
    page = html.unescape(render.render_briefing(briefing.build_payload(a, language), {}, svg=False))
    card = re.search(r'<div class="kpi" id="peer-share">.*?<div class="value">([^<]*)</div>'
                     r'<div class="label">([^<]*)</div>', page, re.S)
    assert card.group(1) == at_least and at_most in card.group(2)
    subtitle = " ".join(briefing.growth_chart(a, language).to_dict()["title"]["subtitle"])
    assert at_most.split("\u00a0")[0] in subtitle and subtitle.endswith(at_most.split("\u00a0", 1)[1])
    [shown] = dashboard.shown_numbers(board, language)["peer_share"]
    assert shown == sf.formats.format_probability(board.table["peer_share"].iloc[0], language, "lower")
    assert shown.startswith(("至\u2060少", "at least"))

    exact = sf.answer(sf.Question(indicator="rd_intensity", target_year=2025, n_paths=300))
    assert exact.peer_feasibility is not None and not exact.latest_is_lower_bound
    shown_exact = briefing.peer_share(exact, language)
    assert shown_exact["share"] == sf.formats.format_probability(exact.peer_feasibility.share)
    assert sf.formats.format_rate(100 * exact.peer_feasibility.required, language) in shown_exact["note"]
    assert not re.search("至\u2060多|至\u2060少|at most|at least", shown_exact["note"] + shown_exact["share"])
    subtitle = " ".join(briefing.growth_chart(exact, language).to_dict()["title"]["subtitle"])
    assert not re.search("至\u2060多|at most", subtitle)


# -- in the browser ------------------------------------------------------------------------------------------------
#: Where the text from the first "（" or "(" to its closing bracket in an element is drawn: its line boxes' tops.
BRACKET_LINES = """(element) => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT), tops = new Set();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const open = node.textContent.search(/[（(]/), close = node.textContent.search(/[）)]/);
    if (open < 0 || close < open) continue;
    const range = document.createRange();
    range.setStart(node, open);
    range.setEnd(node, close + 1);
    for (const rect of range.getClientRects()) tops.add(Math.round(rect.top));
    return {text: range.toString(), lines: tops.size};
  }
  return null;
}"""


def open_page(browser, path, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, offline=True)
    page = context.new_page()
    page.goto(path.as_uri())
    return context, page


@pytest.fixture(scope="module")
def unknown_p_meet_pages(tmp_path_factory):
    """河北's dashboard of one target, 150,000 tech SMEs in 2025, which "突破12.7万家" in 2025 (a lower bound) cannot
    tell: P(meet) "未知（仅知下限）" / "not known (a lower bound)"; and the briefing of the same question."""
    folder = tmp_path_factory.mktemp("unknown")
    plan = folder / "plan.yaml"
    plan.write_text("""region: 河北
targets:
  - {target_id: tech_sme, indicator: tech_sme, name_zh: 科技型中小企业, name_en: Tech SMEs, unit: 家,
     base_year: 2020, base_value: null, target_year: 2025, target_value: 150000, target_kind: level,
     direction: increase, quote: 科技型中小企业达到15万家}
""", encoding="utf-8")
    board = dashboard.build_dashboard(region="河北", targets_file=str(plan), n_paths=200)
    a = sf.answer(sf.Question(region="河北", indicator="tech_sme", target_year=2025, target_value=150000,
                              n_paths=200))
    pages = {}
    for language in ("zh", "en"):
        pages["dashboard", language] = folder / f"dashboard-{language}.html"
        pages["dashboard", language].write_text(render.render_dashboard(dashboard.build_payload(board, language), {},
                                                                        svg=False), encoding="utf-8")
        pages["briefing", language] = folder / f"briefing-{language}.html"
        pages["briefing", language].write_text(render.render_briefing(briefing.build_payload(a, language), {},
                                                                      svg=False), encoding="utf-8")
    return pages


@pytest.mark.parametrize("width", [1280, 1024, 768, 390])
@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_p_meet_note_never_breaks_inside_its_bracket(browser, unknown_p_meet_pages, language, width):
    """"未知（仅知下限）" in the dashboard's P(meet) cell and the briefing's P(meet) card: the bracket's text is
    drawn on one line at every common width (it may move to the next line whole)."""
    from sjzforecast.i18n import t

    unknown = t("p_meet_unknown", language)
    bracket = re.search(r"[（(].*[）)]", unknown).group(0)
    for kind, selector in (("dashboard", '#dashboard tr[data-target="tech_sme"] td.num:nth-of-type(7)'),
                           ("briefing", "#probability")):
        context, page = open_page(browser, unknown_p_meet_pages[kind, language], width)
        cell = page.locator(selector)
        assert cell.inner_text().split("\n")[0].replace("\n", "") in (unknown, unknown.split(bracket[0])[0])
        drawn = cell.evaluate(BRACKET_LINES)
        context.close()
        assert drawn == {"text": bracket, "lines": 1}, (kind, drawn)


@pytest.fixture(scope="module")
def dashboard_pages(tmp_path_factory):
    """The shipped dashboards (石家庄 2025 and its 2030 outlook, 河北's plan), in both languages, without charts."""
    folder = tmp_path_factory.mktemp("dashboards")
    boards = {"sjz_2025": dashboard.build_dashboard(n_paths=200),
              "sjz_2030": dashboard.build_dashboard(target_year=2030, mode="pace", n_paths=200),
              "hebei_2025": dashboard.build_dashboard(region="河北", targets_file="data/plans/hebei-14th.yaml",
                                                      n_paths=200)}
    pages = {}
    for name, board in boards.items():
        for language in ("zh", "en"):
            pages[name, language] = folder / f"{name}-{language}.html"
            pages[name, language].write_text(render.render_dashboard(dashboard.build_payload(board, language), {},
                                                                     svg=False), encoding="utf-8")
    return pages


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("name", ["sjz_2025", "sjz_2030", "hebei_2025"])
def test_the_dashboards_methods_table_fits_a_1280_px_screen_and_scrolls_in_its_box_on_a_phone(
        browser, dashboard_pages, name, language):
    """At 1280 px the table of methods is as wide as its box (no sideways scrolling); at 390 px it scrolls inside
    its own box, never the page, and each number cell still shows its number on one line."""
    sizes = "(t) => ({scroll: t.scrollWidth, client: t.parentElement.clientWidth, " \
            "page: document.documentElement.scrollWidth - document.documentElement.clientWidth})"
    context, page = open_page(browser, dashboard_pages[name, language], 1280)
    wide = page.locator("#dashboard").evaluate(sizes)
    context.close()
    assert wide["scroll"] <= wide["client"] and wide["page"] == 0, wide
    context, page = open_page(browser, dashboard_pages[name, language], 390)
    narrow = page.locator("#dashboard").evaluate(sizes)
    box = page.locator("#dashboard").evaluate("(t) => getComputedStyle(t.parentElement).overflowX")
    context.close()
    assert narrow["page"] == 0 and box == "auto", narrow


BOUND_WORD_LINES = """(element) => {
  const node = element.firstChild, range = document.createRange(), tops = new Set();
  range.setStart(node, 0);
  range.setEnd(node, 3);  // 至, the word joiner and 多 or 少
  for (const rect of range.getClientRects()) tops.add(Math.round(rect.top));
  return tops.size;
}"""


def test_a_bounds_word_never_breaks_between_its_characters(browser, tmp_path):
    """"至多 15.5 %/年" in a box that must wrap it: 至多 is drawn on one line at every width, as "%/年" is."""
    from sjzforecast.formats import format_rate

    for bound in ("upper", "lower"):
        text = format_rate(15.5, "zh", bound)
        page_file = tmp_path / f"{bound}.html"
        boxes = "".join(f'<div style="width:{w}em;font-size:16px" class="b">{text}</div>' for w in (1, 1.5, 2, 3))
        page_file.write_text(f'<!DOCTYPE html><html lang="zh"><meta charset="utf-8"><body>{boxes}</body></html>',
                             encoding="utf-8")
        context, page = open_page(browser, page_file, 400)
        drawn = [box.evaluate(BOUND_WORD_LINES) for box in page.locator(".b").all()]
        context.close()
        assert drawn == [1, 1, 1, 1], (text, drawn)
