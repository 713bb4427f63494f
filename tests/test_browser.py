"""The generated HTML in a real browser: headless Chromium, offline, from ``file://``.

Drives Debian's ``/usr/bin/chromium`` with playwright (no browser download): every chart
renders as an SVG with marks, there are no console errors and no request leaves the page,
Chinese text is drawn with a CJK font, user text stays text, the index sorts and filters,
and print shows the static SVG fallbacks.  Screenshots go to ``tests/artifacts/browser/``.

Skipped only when Chromium is absent outside CI; with ``CI`` set it must run.
"""
import copy
import re
import shutil
from pathlib import Path

import pytest

from sjzforecast import batch, paths, render
from sjzforecast.i18n import t
from sjzforecast.payload import read_payload

SCREENSHOTS = Path(__file__).parent / "artifacts" / "browser"
EVIL = '<script>window.__pwned = 1</script><img src="x" onerror="window.__pwned = 2">'
PARAMS = ["rd_intensity_2025.yaml", "hightech_enterprises_2025.yaml", "tech_sme_2025.yaml",
          "tech_contract_value_2025.yaml", "plan_dashboard_2025.yaml"]  # zh, zh, en, en; the dashboard



@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """Four briefings (zh and en), the dashboard, one failed run, and a briefing whose quote and labels are hostile."""
    params = tmp_path_factory.mktemp("params")
    for name in PARAMS:
        shutil.copy(paths.PARAMS_DIR / name, params / name)
    (params / "broken.yaml").write_text("indicator: moonshots\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("browser") / "reports"
    results = batch.run_batch(params, out, jobs=2, progress=False, language="zh")
    assert [r.status for r in results].count("ok") == len(PARAMS)
    payload = copy.deepcopy(read_payload(out / "notebooks" / "tech_sme_2025.ipynb"))
    payload["data"][0]["quote"] = payload["data"][0]["source_url"] = payload["target"]["quote"] = EVIL
    payload["indicator_label"] = payload["scenario_label"] = EVIL
    (out / "evil.html").write_text(render.render_briefing(payload, {"parameters": EVIL}), encoding="utf-8")
    return out


class Page:
    """A page opened offline from file://, recording console errors and attempted network requests."""

    def __init__(self, browser, path: Path):
        self.context = browser.new_context(viewport={"width": 1100, "height": 900}, offline=True)
        self.requests, self.errors = [], []
        self.context.route(re.compile(r"^(?!file:|data:|blob:|about:)"), self._block)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(path.as_uri())
        self.path = path

    def _block(self, route):
        self.requests.append(route.request.url)
        route.abort()

    def wait_for_charts(self) -> int:
        n = self.page.locator("div.live").count()
        self.page.wait_for_function(f"document.querySelectorAll('div.live svg').length === {n}", timeout=15_000)
        return n

    def screenshot(self, suffix: str = ""):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{self.path.stem}{suffix}.png"), full_page=True)

    def fonts_used(self, selector: str) -> set[str]:
        """Platform fonts Chromium actually drew the text of ``selector`` with (DevTools protocol)."""
        cdp = self.context.new_cdp_session(self.page)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        return {f["familyName"] for f in fonts if f["glyphCount"] > 0}

    def close(self):
        assert not self.requests, f"{self.path.name} tried to load {self.requests}"
        assert not self.errors, f"{self.path.name}: console errors {self.errors}"
        self.context.close()


@pytest.mark.parametrize("name", [Path(n).stem for n in PARAMS])
def test_every_chart_renders_offline_without_errors(report, browser, name):
    page = Page(browser, report / f"{name}.html")
    n = page.wait_for_charts()
    assert n == len(read_payload(report / "notebooks" / f"{name}.ipynb")["charts"]) >= 1
    marks = page.page.eval_on_selector_all(
        "div.live svg", "svgs => svgs.map(s => s.querySelectorAll('.role-mark > path, .role-mark > text').length)")
    assert all(m > 5 for m in marks), marks
    page.screenshot()
    page.close()


@pytest.mark.parametrize("name", ["rd_intensity_2025", "index"])
def test_chinese_is_drawn_with_a_cjk_font(report, browser, name):
    page = Page(browser, report / f"{name}.html")
    heading = page.page.inner_text("h1")
    assert re.search(r"[\u4e00-\u9fff]", heading), heading
    assert any("CJK" in f or "Han" in f or "Hei" in f for f in page.fonts_used("h1")), page.fonts_used("h1")
    if name != "index":
        page.wait_for_charts()
        assert "年份" in page.page.inner_text("#chart-fan")  # axis titles in Chinese inside the SVG
    page.close()


def test_the_slider_redraws_the_growth_path(report, browser):
    page = Page(browser, report / "tech_sme_2025.html")
    page.wait_for_charts()
    path = page.page.locator("#chart-growth .mark-line path").first
    before = path.get_attribute("d")
    page.page.eval_on_selector("#chart-growth input[type=range]",
                               "el => { el.value = el.min; el.dispatchEvent(new Event('input', {bubbles: true})); }")
    page.page.wait_for_function(
        "d => document.querySelector('#chart-growth .mark-line path').getAttribute('d') !== d", arg=before)
    page.close()


def test_hostile_text_shows_as_text_and_never_runs(report, browser):
    page = Page(browser, report / "evil.html")
    page.wait_for_charts()
    assert page.page.evaluate("window.__pwned") is None
    assert EVIL in page.page.inner_text("#data") and EVIL in page.page.inner_text("h1")
    page.screenshot()
    page.close()


def test_print_shows_the_static_svg_of_each_chart(report, browser):
    page = Page(browser, report / "rd_intensity_2025.html")
    page.wait_for_charts()
    page.page.emulate_media(media="print")
    shown = page.page.eval_on_selector_all(
        "figure.chart", "figs => figs.map(f => [getComputedStyle(f.querySelector('.live')).display, "
                        "f.querySelector('svg.fallback').getBoundingClientRect().width])")
    assert all(display == "none" and width > 100 for display, width in shown), shown
    page.screenshot("-print")
    page.close()


def test_print_keeps_the_data_files_path_readable(report, browser):
    """Printed (A4 width), the data table's file column is wide enough for a path to break by its parts, not a
    letter a line ("dat / a/r / aw/ ...")."""
    page = Page(browser, report / "rd_intensity_2025.html")
    page.page.emulate_media(media="print")
    page.page.set_viewport_size({"width": 794, "height": 1123})
    lines = page.page.eval_on_selector_all(
        "td.file code", "codes => codes.map(c => Math.round(c.getBoundingClientRect().height / "
                        "parseFloat(getComputedStyle(c).lineHeight || 12)))")
    assert lines and max(lines) <= 3, lines
    page.close()


def test_index_sorts_filters_and_shows_failures_in_red(report, browser):
    page = Page(browser, report / "index.html")
    p = page.page
    rows = p.locator("#runs tbody tr")
    assert rows.count() == len(PARAMS) + 1
    failed = p.locator("#runs tr.status-failed")
    assert failed.count() == 1 and t("run_failed", "zh") in failed.inner_text()
    failed.locator("details.error summary").click()  # the message, as written, in a collapsed detail
    assert "moonshots" in failed.inner_text()
    assert p.eval_on_selector("#runs tr.status-failed td", "td => getComputedStyle(td).color") == "rgb(138, 28, 19)"
    page.screenshot()

    p.click("#runs th:nth-child(5)")  # P(meet), ascending; the failed run (no value) first
    p.click("#runs th:nth-child(5)")  # descending
    values = [v for v in p.eval_on_selector_all("#runs tbody tr td:nth-child(5)",
                                                "tds => tds.map(td => parseFloat(td.dataset.sort))")]
    assert values == sorted(values, reverse=True) and values[-1] == -1

    p.select_option("#filter-status", "failed")
    assert p.locator("#runs tbody tr:not([hidden])").count() == 1
    p.select_option("#filter-status", "")
    p.fill("#filter-text", "高新")
    visible = p.locator("#runs tbody tr:not([hidden])")
    assert visible.count() == 1 and "高新技术企业" in visible.inner_text()
    assert p.inner_text("#shown") == f"1 / {len(PARAMS) + 1}"
    page.close()
