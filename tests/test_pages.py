"""Every page the shipped params files produce, as a reader sees it: headless Chromium at 1280 and 420 px.

For each page and width: no horizontal scroll, no console error, no text in the other language
outside ``lang``-marked elements, ``<code>``, links and scripts, no ``lang``-marked element of the other
language but a quotation or identifier (:data:`QUOTATIONS`), on a Chinese page no Latin punctuation
after Chinese text, no Python list or dict repr in
any text, no number with more than three decimals outside ``<code>``; a screenshot of each goes to ``tests/artifacts/`` (git-ignored).  The batch runs with
``--pdf``: every PDF is A4 and its first page renders (``pdftoppm``), and the index links it.  The pages
also include the ``sjzforecast data check --html`` report, in each language (:data:`DATA_CHECK_PAGES`).
"""
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from sjzforecast import batch, cli, paths

ARTIFACTS = Path(__file__).parent / "artifacts"
WIDTHS = (1280, 420)
NAMES = [spec.name for spec in batch.plan_batch(paths.PARAMS_DIR)]
#: ``sjzforecast data check --html`` pages: file name -> language.
DATA_CHECK_PAGES = {"data": "zh", "data-en": "en"}
#: Latin words a Chinese page may show outside ``<code>`` (names of things, not English prose).
LATIN_NAMES = {"sjzforecast", "Open", "SDG", "PDF", "Python", "SHA", "Theta", "ETS", "ARIMA", "Logit"}  # proper names

#: Text nodes outside lang-marked elements (of another language than the page), code, links and scripts.
OWN_LANGUAGE_TEXT = """() => {
  const page = document.documentElement.lang.slice(0, 2), out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || el.closest("code, a, script, style")) continue;
    const marked = el.closest("[lang]");
    if (marked && marked.lang.slice(0, 2) !== page) continue;
    if (el.closest("[hidden]") || getComputedStyle(el).display === "none") continue;
    out.push(node.textContent.trim());
  }
  return out;
}"""
#: Where a page may mark text as being in the other language: quotations of a source (``q``, the quote,
#: the source's title, a data file's note where the page shows the file's own text) and identifiers (``code``).
QUOTATIONS = "q, .quote, .src, .derived [lang], code"
#: Elements marked as being in the other language that are no quotation nor identifier (:data:`QUOTATIONS`).
UNQUOTED_OTHER_LANGUAGE = """(quotations) => {
  const page = document.documentElement.lang.slice(0, 2);
  return Array.from(document.querySelectorAll("body [lang]"))
    .filter(el => el.lang.slice(0, 2) !== page && !el.closest(quotations))
    .map(el => el.outerHTML.slice(0, 120));
}"""
#: Text nodes a page writes itself: outside quotations, identifiers (:data:`QUOTATIONS`), links, scripts and styles.
OWN_TEXT = """(quotations) => {
  const out = [], walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (node.textContent.trim() && !el.closest(quotations + ", a, script, style")) out.push(node.textContent);
  }
  return out;
}"""
#: Latin punctuation right after Chinese text (Chinese pages write ``：``, ``；``, ``，`` and ``。``).
LATIN_PUNCTUATION_AFTER_CHINESE = re.compile(r"[\u3400-\u9fff\uff09\u3011][:;,.]")
#: Text nodes outside <code>, scripts and styles (where a number is shown to a reader).
READER_TEXT = """() => Array.from(document.querySelectorAll("body *:not(code):not(script):not(style)"))
  .flatMap(el => Array.from(el.childNodes).filter(n => n.nodeType === 3 && n.textContent.trim())
  .map(n => n.textContent.trim()))"""
#: A number with more than three decimals.
LONG_DECIMAL = re.compile(r"\d\.\d{4,}")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Every shipped params file run through the batch, with PDFs."""
    out = tmp_path_factory.mktemp("pages") / "reports"
    results = batch.run_batch(paths.PARAMS_DIR, out, jobs=2, progress=False, language="zh", pdf=True)
    failed = {r.name: r.error for r in results if r.status != "ok"}
    assert not failed, failed
    for name, language in DATA_CHECK_PAGES.items():
        cli.main(["data", "check", "--html", str(out / f"{name}.html"), "--language", language])
    return out


def other_language(texts: list[str], language: str) -> list[str]:
    """The texts that are in the other language than ``language``: Chinese characters on an
    English page; English words (three lowercase letters or more, or Latin words not in
    :data:`LATIN_NAMES`) on a Chinese page."""
    if language == "en":
        return [s for s in texts if re.search(r"[\u3400-\u9fff]", s)]
    return [s for s in texts if any(w not in LATIN_NAMES for w in re.findall(r"[A-Za-z]{3,}", s))]


def test_other_language_detection():
    assert other_language(["R = 1.27 (actual 9.02%", "达标概率 64 %"], "zh") == ["R = 1.27 (actual 9.02%"]
    assert other_language(["Open SDG 进展评估法", "sjzforecast 0.1.0"], "zh") == []
    assert other_language(["Target: 200 亿元", "200 hundred million yuan"], "en") == ["Target: 200 亿元"]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", [*NAMES, "index", *DATA_CHECK_PAGES])
def test_page_reads_in_one_language_without_sideways_scroll(site, browser, name, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, offline=True)
    page = context.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((site / f"{name}.html").as_uri())
    charts = page.locator("div.live").count()
    page.wait_for_function(f"document.querySelectorAll('div.live svg').length === {charts}", timeout=30_000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    language = page.evaluate("document.documentElement.lang").split("-")[0]
    leaks = other_language(page.evaluate(OWN_LANGUAGE_TEXT), language)
    unquoted = page.evaluate(UNQUOTED_OTHER_LANGUAGE, QUOTATIONS)
    own = "".join(page.evaluate(OWN_TEXT, QUOTATIONS)) if language == "zh" else ""
    latin_punctuation = [own[max(m.start() - 20, 0):m.end() + 10]
                         for m in LATIN_PUNCTUATION_AFTER_CHINESE.finditer(own)]
    reprs = re.findall(r".{0,30}[\[{]'.{0,30}", page.inner_text("body"))
    long_decimals = [s for s in page.evaluate(READER_TEXT) if LONG_DECIMAL.search(s)]
    context.close()
    assert not errors, errors
    assert overflow <= 0, f"{name} at {width} px scrolls sideways by {overflow} px"
    assert not leaks, f"{name} ({language}) shows other-language text: {leaks[:10]}"
    assert not unquoted, f"{name} ({language}) marks text of the other language that quotes nothing: {unquoted[:5]}"
    assert not latin_punctuation, f"{name}: Latin punctuation in Chinese text: {latin_punctuation[:5]}"
    assert not reprs, f"{name} shows Python reprs: {reprs}"
    assert not long_decimals, f"{name} shows numbers with more than three decimals: {long_decimals[:5]}"


@pytest.mark.parametrize("name, table", [("plan_dashboard_2025", "#dashboard"), ("index", "table")])
def test_a_wide_table_keeps_its_first_column_in_view_when_scrolled_on_a_phone(site, browser, name, table):
    """On a 420 px screen the dashboard's and the index's tables scroll inside their box; the row names stay."""
    context = browser.new_context(viewport={"width": 420, "height": 900}, offline=True)
    page = context.new_page()
    page.goto((site / f"{name}.html").as_uri())
    box = page.locator(f".table-box:has({table})").first
    first_cell = box.locator("tbody tr td").first
    before = first_cell.bounding_box()["x"]
    scrolled = box.evaluate("b => { b.scrollLeft = b.scrollWidth; return b.scrollLeft; }")
    after = first_cell.bounding_box()["x"]
    context.close()
    assert scrolled > 100, f"{name}: the table does not scroll inside its box at 420 px"
    assert after == pytest.approx(before, abs=1), f"{name}: the first column left the screen ({before} -> {after})"


def charts_on_a_phone(site, browser, name: str):
    """The page ``name`` on a 420 px screen once its live charts are drawn: (context, page, number of charts)."""
    context = browser.new_context(viewport={"width": 420, "height": 900}, offline=True)
    page = context.new_page()
    page.goto((site / f"{name}.html").as_uri())
    charts = page.locator("div.live").count()
    page.wait_for_function(f"document.querySelectorAll('div.live svg').length === {charts}", timeout=30_000)
    return context, page, charts


@pytest.mark.parametrize("name", ["rd_intensity_outlook_2030", "hebei_rd_expenditure_growth_2025", "plan_dashboard_2025"])
def test_every_chart_title_is_whole_on_a_phone(site, browser, name):
    """Vega does not wrap titles: a long one, centred over a 420 px chart, was cut off on both sides."""
    context, page, charts = charts_on_a_phone(site, browser, name)
    cut = page.evaluate("""() => [...document.querySelectorAll('div.live svg')].flatMap(svg => {
        const box = svg.getBoundingClientRect();
        return [...svg.querySelectorAll('.role-title-text text, .role-title text')].map(t => [t.textContent,
            t.getBoundingClientRect()]).filter(([_, r]) => r.left < box.left - 1 || r.right > box.right + 1)
            .map(([text]) => text);
    })""")
    context.close()
    assert charts and not cut, f"{name}: chart titles cut off at 420 px: {cut}"


@pytest.mark.parametrize("name", ["plan_dashboard_2025", "plan_dashboard_2030"])
def test_every_chart_fits_a_phone_without_scrolling_sideways(site, browser, name):
    """The dashboard chart has fixed column widths (its names, badges and bars): wider than a 420 px phone in
    English, it scrolled sideways inside its box, hiding the bars; it is now scaled down to the box."""
    context, page, charts = charts_on_a_phone(site, browser, name)
    wide = page.evaluate("""() => [...document.querySelectorAll('figure.chart')].map(f => {
        const svg = f.querySelector('div.live svg').getBoundingClientRect(), box = f.getBoundingClientRect();
        return [f.dataset.label || f.id, f.scrollWidth - f.clientWidth, svg.right - box.right];
    }).filter(([_, scroll, over]) => scroll > 1 || over > 1)""")
    context.close()
    assert charts and not wide, f"{name}: charts wider than a 420 px phone: {wide}"


#: Per live chart: its ``data-label`` (the title), its SVG's role, and every ARIA text in it (the chart's box included).
CHART_ARIA = """() => [...document.querySelectorAll('div.live')].map(box => {
  const svg = box.querySelector('svg');
  return {label: box.dataset.label, role: svg && svg.getAttribute('role'),
          texts: [box, ...box.querySelectorAll('*')].flatMap(el => ['aria-label', 'aria-roledescription']
            .map(a => el.getAttribute(a)).filter(v => v !== null))};
})"""
#: The markup of every live chart's SVG (what changes when Vega redraws).
SVG_MARKUP = "[...document.querySelectorAll('div.live svg')].map(svg => svg.innerHTML).join()"


@pytest.mark.parametrize("name", ["rd_intensity_2025", "tech_sme_2025", "plan_dashboard_2025", "plan_dashboard_2030"])
def test_a_screen_reader_reads_each_chart_by_its_title_in_the_pages_language(site, browser, name):
    """Vega's own screen-reader text ("Line mark with 12 items", "X-axis titled 'year' ...") is English
    whatever the page's language: each live chart is instead one image named by its title, also
    after the slider has made Vega redraw."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page = browser.new_page()
    page.goto((site / f"{name}.html").as_uri())
    language = page.evaluate("document.documentElement.lang").split("-")[0]
    charts = page.locator("div.live").count()
    try:  # the label is set once Vega has drawn; without it, the assertions below say what is read instead
        page.wait_for_function(f"document.querySelectorAll('div.live svg[role=img]').length === {charts}",
                               timeout=30_000)
    except PlaywrightTimeout:
        pass
    drawn = page.evaluate(CHART_ARIA)
    redrawn = []
    slider = page.locator("div.live input[type=range]")
    if slider.count():
        page.evaluate(f"window.drawn = {SVG_MARKUP}")
        slider.first.fill(slider.first.get_attribute("max"))
        page.wait_for_function(f"{SVG_MARKUP} !== window.drawn")
        redrawn = page.evaluate(CHART_ARIA)
    page.close()
    assert charts and len(drawn) == charts
    assert name.startswith("plan_dashboard") or redrawn, f"{name}: no slider to redraw a chart with"
    for chart in drawn + redrawn:
        assert chart["role"] == "img" and chart["texts"] == [chart["label"]], f"{name} ({language}): {chart}"
        chinese = bool(re.search(r"[\u3400-\u9fff]", chart["label"]))
        assert chinese == (language == "zh") and not other_language([chart["label"]], language), chart["label"]


def test_index_shows_each_scenario_value_and_gap_as_its_page_does(site):
    """The index cell is the page's lead-scenario value in the target year, with the page's precision
    and the unit; the gap is signed, in percentage points for a share in %; the scenario cell says
    what defines the scenario (a quantile, an assumed growth, the drivers' rates)."""
    from markupsafe import escape

    from sjzforecast import answers
    from sjzforecast.briefing import assumption_text
    from sjzforecast.formats import NBSP, format_difference, unit_label

    assumptions = set()

    index = (site / "index.html").read_text(encoding="utf-8")
    language = re.search(r'<html lang="(zh|en)', index).group(1)
    for name in NAMES:
        html = (site / f"{name}.html").read_text(encoding="utf-8")
        block = answers.read_block(html, "sjz-answer")
        if block is None:  # a dashboard
            continue
        lead = re.search(r'<tr data-scenario="[^"]+" class="lead">(.*?)</tr>', html, re.S).group(1)
        on_page = re.findall(r'<td class="num">([^<]*)</td>', lead)[0]  # the target year comes first
        row = index.split(f'href="{name}.html"')[1].split("</tr>")[0]
        value, gap = re.findall(r'<td class="num" data-sort="[^"]*">([^<]*)</td>', row)[:2]
        assert value == f"{on_page}{NBSP}{unit_label(block['unit'], language)} ({block['target_year']})", name
        assert gap == format_difference(block["scenario_gap"], block["unit"], language, block["decimals"]), name
        assert not (block["unit"] == "%" and gap.endswith("%")), f"{name}: a gap in % is in percentage points"
        assumption = assumption_text(block["scenario"], block["scenario_quantile"], block["scenario_rates"], language)
        assert str(escape(assumption)) in row, f"{name}: the index does not say what defines its scenario"
        assumptions.add(assumption)
    assert len({a for a in assumptions if "12.0" in a or "14.0" in a}) >= 2  # a sweep's rows differ


#: The reason under every "not assessable" badge of a dashboard row, or "" where it has none.
NOT_ASSESSABLE_REASONS = """() => Array.from(document.querySelectorAll("#dashboard tr[data-target]"))
  .filter(tr => tr.querySelector(".cat-not_assessable"))
  .map(tr => [tr.dataset.target, Array.from(tr.querySelectorAll(".cat-not_assessable"))
    .map(badge => (badge.closest("td").querySelector(".why") || {}).textContent || "")])"""


@pytest.mark.parametrize("name", [n for n in NAMES if "dashboard" in n])
def test_dashboard_says_why_a_target_is_not_assessable(site, browser, name):
    page = browser.new_page()
    page.goto((site / f"{name}.html").as_uri())
    language = page.evaluate("document.documentElement.lang").split("-")[0]
    rows = dict(page.evaluate(NOT_ASSESSABLE_REASONS))
    page.close()
    assert rows, f"{name}: no target is not assessable"
    for target, reasons in rows.items():
        assert all(r.strip() for r in reasons), f"{name}: {target} is not assessable without a reason"
        assert not other_language(reasons, language), f"{name}: {target}'s reason is not in {language}: {reasons}"


@pytest.mark.parametrize("name", NAMES)
def test_pdf_is_a4_and_its_first_page_renders(site, name, tmp_path):
    pdf = site / f"{name}.pdf"
    assert pdf.is_file()
    if not shutil.which("pdftoppm"):
        pytest.skip("no pdftoppm (poppler-utils)")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert (round(width), round(height)) == (595, 842), info  # A4 portrait
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")], check=True)
    first = next(tmp_path.glob("p*.png"))
    assert first.stat().st_size > 5_000  # a page with text and charts, not a blank one
    shutil.copy(first, ARTIFACTS / f"{name}-pdf-page1.png")


@pytest.mark.parametrize("name", NAMES)
def test_every_printed_page_repeats_title_data_vintage_and_page_number(site, name):
    if not shutil.which("pdftotext"):
        pytest.skip("no pdftotext (poppler-utils)")
    from html import unescape

    from sjzforecast.i18n import t

    html = (site / f"{name}.html").read_text(encoding="utf-8")
    title = unescape(re.search(r"<title>(.*?)</title>", html, re.S).group(1))
    vintage = t("data_vintage", re.search(r'<html lang="(zh|en)', html).group(1))
    pdf = site / f"{name}.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages > 1, f"{name}.pdf has one page: nothing to repeat"
    for number in range(1, pages + 1):
        text = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        flat = re.sub(r"\s+", "", text)
        assert re.sub(r"\s+", "", title) in flat, f"{name}.pdf page {number}: no title {title!r}"
        assert re.sub(r"\s+", "", vintage) in flat, f"{name}.pdf page {number}: no data vintage"
        assert f"{number}/{pages}" in flat, f"{name}.pdf page {number}: no page number {number} / {pages}"


def test_index_links_every_pdf(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    for name in NAMES:
        assert f'href="{name}.pdf"' in index


#: Each dashboard row as a reader reads it: target id -> the text of each cell.
DASHBOARD_CELLS = """() => Object.fromEntries(Array.from(document.querySelectorAll("#dashboard tr[data-target]"))
  .map(tr => [tr.dataset.target, Array.from(tr.cells).map(td => td.textContent)]))"""


@pytest.mark.parametrize("name", [n for n in NAMES if "dashboard" in n])
def test_growth_from_the_base_year_states_the_year_it_is_measured_from(site, browser, name):
    """Where growth is measured from another year than the plan's base year (石家庄's incubators: 2013,
    one observation since 2020), both growth cells say which year and why, in the page's language;
    a row measured from the plan's base year says nothing more.  A latest value published as a lower
    bound (河北's "超过1.5万家" high-tech enterprises) reads as one."""
    from sjzforecast.answers import read_block
    from sjzforecast.formats import format_value
    from sjzforecast.i18n import growth_since

    page = browser.new_page()
    page.goto((site / f"{name}.html").as_uri())
    language = page.evaluate("document.documentElement.lang").split("-")[0]
    cells = page.evaluate(DASHBOARD_CELLS)
    page.close()
    rows = read_block((site / f"{name}.html").read_text(encoding="utf-8"), "sjz-dashboard")["rows"]
    moved = 0
    for r in rows:
        basis, (latest, _, achieved, required) = r["growth_basis"], cells[r["target_id"]][1:5]
        if basis is None:
            continue
        said = growth_since(basis, language)
        shown = basis["code"] != "plan_base"
        assert (said in achieved and said in required) is shown, f"{name} {r['target_id']}: {achieved} / {required}"
        moved += shown
        bound = format_value(r["latest_value"], r["unit"], language, lower_bound=True)
        assert latest.startswith(bound) is bool(r["latest_lower_bound"]), f"{name} {r['target_id']}: {latest}"
    assert moved, f"{name}: no row measured from another year than the plan's base year"


@pytest.mark.parametrize("name, shown", [
    ("plan_dashboard_2025", ["2023年来源冲突：采用 2.76 %，另有 2.52 %", "2023年取 2.52 %："]),
    ("plan_dashboard_2030", ["2023: sources conflict; 2.76 % used, also 2.52 %", "2.52 % in 2023:"]),
    ("hebei_plan_dashboard_2025", ["2012年来源冲突：采用 245.80 亿元，另有 310.78 亿元"]),
])
def test_a_dashboards_conflicting_values_carry_their_unit_as_the_briefing_does(site, browser, name, shown):
    """The data-quality note and the table of variants name a conflicting value with its unit, to the
    decimals the year's values were published with (``formats.format_published``), as a briefing's
    conflict line does: a bare ``2.52`` or ``245.8`` leaves a reader to guess % or 亿元."""
    page = browser.new_page()
    page.goto((site / f"{name}.html").as_uri())
    text = page.inner_text("body").replace("\u00a0", " ")
    page.close()
    for line in shown:
        assert line in text


def tooltips(page, marks: str = "g.mark-symbol path") -> list[str]:
    """The tooltip of every mark (``marks``, a selector within a chart's SVG) of the page's live charts,
    as shown on hovering it."""
    texts = []
    for point in page.query_selector_all(f".chart .live svg {marks}"):
        point.scroll_into_view_if_needed()
        box = point.bounding_box()
        if not box:
            continue
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_timeout(100)
        texts.append(page.evaluate("document.getElementById('vg-tooltip-element')?.innerText || ''"))
    return texts


@pytest.mark.parametrize("name, language", [("rd_intensity_2025", "zh"), ("tech_sme_2025", "en")])
def test_a_points_tooltip_cites_its_source_as_the_data_table_does(site, browser, name, language):
    """An observation from the shipped plan is cited in the fan chart's tooltip by its title and document
    number, as in the data table (on an English page with the plan's English title), never by the data
    file's path to the plan's text (``../sources/….txt``)."""
    from sjzforecast.i18n import t
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((site / f"{name}.html").as_uri())
    page.wait_for_selector(".chart .live svg g.mark-symbol path")
    tips = [tip for tip in tooltips(page) if "2020" in tip and "十四五" in tip]
    page.close()
    assert tips, "no tooltip of the 2020 observation, cited from the plan"
    for tip in tips:
        assert "../sources" not in tip and ".txt" not in tip, tip
        assert "石家庄市科技创新“十四五”规划 (石政办发〔2022〕7号)" in tip
        assert (t("plan_title", "en") in tip) == (language == "en"), tip


@pytest.mark.parametrize("name", ["rd_intensity_2025", "tech_sme_2025", "plan_dashboard_2025"])
def test_a_notebooks_tables_cite_sources_as_the_page_does(site, name):
    """The executed notebook's data table (a briefing) and table of earlier targets (a dashboard) cite the
    shipped plan by its title and document number, as the page does, not by the data file's path to its text."""
    import nbformat
    nb = nbformat.read(str(site / "notebooks" / f"{name}.ipynb"), as_version=4)
    tables = [o["data"]["text/html"] for c in nb.cells for o in c.get("outputs", [])
              if 'class="dataframe"' in o.get("data", {}).get("text/html", "")]
    cited = [table for table in tables if "石政办发〔2022〕7号" in table]
    assert cited, f"no table of {name} cites the plan"
    for table in cited:
        assert "../sources" not in table and ".txt" not in table


@pytest.mark.parametrize("name, language", [("plan_dashboard_2025", "zh"), ("plan_dashboard_2030", "en")])
def test_the_dashboard_charts_tooltip_words_p_meet_as_the_table_does(site, browser, name, language):
    """Hovering a badge or a bar of the dashboard chart shows P(meet) as the table's cell: ``43 %``, and
    ``—`` for a target no method could assess (not ``null``)."""
    from sjzforecast.i18n import t
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((site / f"{name}.html").as_uri())
    page.wait_for_selector(".chart .live svg g.mark-rect path")
    tips = [tip.replace("\u00a0", " ") for tip in tooltips(page, "g.mark-rect path") if tip.strip()]
    cells = {row.query_selector("td.name").inner_text():  # the number, not the note under it ("for the 2025 value")
             row.query_selector_all("td.num")[5].inner_text().splitlines()[0]
             for row in page.query_selector_all("#dashboard tr[data-target]")}
    page.close()
    heading = t("probability_of_meeting", language)
    shown = {}
    for tip in tips:
        lines = [line.strip() for line in tip.splitlines() if line.strip()]
        shown[lines[1]] = lines[lines.index(heading) + 1]
    assert len(shown) == len(cells) and "null" not in shown.values()
    assert shown == {name: cell.replace("\u00a0", " ") for name, cell in cells.items()}


@pytest.mark.parametrize("name", ["rd_intensity_2025", "hightech_enterprises_2025", "plan_dashboard_2025",
                                  "hebei_hightech_enterprises_2025"])
def test_a_chinese_page_writes_a_year_as_one_word(site, browser, name):
    """A Chinese page writes 2025年 wherever it names a year, in the methods' reasons (``2025年达标概率 43 %``,
    ``最新值 超过 15,000 家（2024年）``) as in its headline and cards, not 2025 年 in one place and 2025年 in the next."""
    page = browser.new_page()
    page.goto((site / f"{name}.html").as_uri())
    texts = page.evaluate(OWN_TEXT, QUOTATIONS)
    page.close()
    spaced = [text for text in texts if re.search(r"(19|20)\d\d[\s\u00a0]年", text)]
    assert not spaced, spaced[:5]
