"""The PDFs of ``sjzforecast batch --pdf`` as a reader holds them (poppler's pdfinfo, pdftotext and pdffonts).

A Chinese and an English dashboard and an English briefing are printed by Debian's headless Chromium: the
margin header is in the body's sans-serif font, and the dashboard's wide table of methods is printed with its
heading on landscape pages, every column on the page, at no less than 8.5 pt.
"""
import re
import shutil
import subprocess

import pytest

from sjzforecast import batch, paths
from sjzforecast.i18n import t
from sjzforecast.pdf import find_chromium

PARAMS = {"plan_dashboard_2025": "zh", "plan_dashboard_2030": "en", "tech_sme_2025": "en"}
#: The least size of a printed table's text: 8.5 pt in CSS pixels (96 a inch, 72 points an inch).
LEAST_TABLE_PX = 8.5 * 96 / 72


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """The pages of :data:`PARAMS` and their PDFs."""
    try:
        find_chromium()
    except ValueError as e:
        pytest.skip(str(e))
    if not shutil.which("pdftotext"):
        pytest.skip("no pdftotext (poppler-utils)")
    params = tmp_path_factory.mktemp("params")
    for name in PARAMS:
        shutil.copy(paths.PARAMS_DIR / f"{name}.yaml", params)
    out = tmp_path_factory.mktemp("print") / "reports"
    results = batch.run_batch(params, out, jobs=2, progress=False, language="zh", pdf=True)
    assert all(r.status == "ok" for r in results), [r.error for r in results]
    return out


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_pages(pdf) -> list[tuple[float, float, str]]:
    """Width, height (points) and text of every page of ``pdf``."""
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    texts = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    return [(float(w), float(h), text) for (w, h), text in zip(sizes, texts)]


@pytest.mark.parametrize("name", list(PARAMS))
def test_the_margin_header_is_in_the_bodys_sans_serif_font(printed, name):
    """Title, data vintage, date and page number (@page margin boxes) are set in the body's font family, not
    the browser's default serif: the page's own text has no serif font, so a serif font is the header's."""
    listing = subprocess.run(["pdffonts", str(printed / f"{name}.pdf")], capture_output=True, text=True,
                             check=True).stdout
    fonts = {line.split()[0].partition("+")[2] for line in listing.splitlines()[2:] if "+" in line.split()[0]}
    assert fonts and not [f for f in fonts if "Serif" in f and "Sans" not in f], fonts


@pytest.mark.parametrize("name", ["plan_dashboard_2025", "plan_dashboard_2030"])
def test_the_dashboard_table_is_printed_on_landscape_pages_whole(printed, name):
    """The first page is A4 portrait; the table of methods starts a landscape page with its heading, and its
    last column (data quality) is on that page, not cut off at the edge; after it the pages are portrait again."""
    language = PARAMS[name]
    pages = pdf_pages(printed / f"{name}.pdf")
    landscape = [i for i, (w, h, _) in enumerate(pages) if w > h]
    assert pages[0][0] < pages[0][1] and landscape, [(w, h) for w, h, _ in pages]
    first = pages[landscape[0]][2]
    assert flat(t("progress_by_method", language)) in flat(first), f"{name}: the table's heading is not with it"
    for header in ("indicator", "quality"):  # the first column and the last: a header's words may wrap
        words = t(header, language).split()
        assert all(w in first for w in words), f"{name}: no column {header!r} on the first landscape page"
    assert landscape == list(range(landscape[0], landscape[-1] + 1)) and pages[-1][0] < pages[-1][1]


@pytest.mark.parametrize("name", ["plan_dashboard_2025", "plan_dashboard_2030"])
def test_the_printed_dashboard_table_is_at_least_8_5_pt(printed, browser, name):
    """Printed, every text of the table (its notes in <small> too) is at least 8.5 pt."""
    context = browser.new_context(offline=True)
    page = context.new_page()
    page.goto((printed / f"{name}.html").as_uri())
    page.emulate_media(media="print")
    sizes = page.eval_on_selector_all("#dashboard :is(th, td, th *, td *)", "cells => cells.map(c => "
                                      "parseFloat(getComputedStyle(c).fontSize))")
    context.close()
    assert sizes and min(sizes) >= LEAST_TABLE_PX - 0.01, f"{name}: printed table text at {min(sizes)} px"


def test_a_printed_charts_chinese_is_copied_as_written(printed):
    """A chart printed as an image had its Chinese copied from the PDF as Kangxi radicals (⽯ for 石): the CJK
    font maps both to one glyph. Printed as inline SVG, the chart's names are found and copied as written."""
    text = "".join(page[2] for page in pdf_pages(printed / "plan_dashboard_2025.pdf"))
    radicals = sorted({c for c in text if 0x2E80 <= ord(c) <= 0x2FDF})
    assert not radicals, f"radicals in the printed text: {''.join(radicals)}"
    assert flat(t("probability_of_meeting", "zh")) in flat(text)  # the chart's column title, printed as text
