"""The explorer in a real JupyterLab: a server on a free local port, the notebook opened in
headless Chromium, all cells run, the widgets answering a change of indicator and of language,
and nothing loaded from anywhere but the local server."""
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from sjzforecast import paths

PlaywrightTimeout = pytest.importorskip("playwright.sync_api").TimeoutError

SCREENSHOTS = Path(__file__).parent / "artifacts" / "lab"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab serving the project from the venv's Python, without token, on loopback."""
    port = _free_port()
    log = tmp_path_factory.mktemp("lab") / "lab.log"
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", "--ip=127.0.0.1", f"--port={port}",
         "--ServerApp.token=", "--ServerApp.password=", f"--ServerApp.root_dir={paths.ROOT}",
         # the offline settings of `make lab`
         "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
         "--LabApp.extension_manager=readonly"],
        stdout=log.open("w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/api/status", timeout=2)
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(f"JupyterLab exited: {log.read_text()[-2000:]}")
                time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def run_all_cells(page, widget, attempts: int = 3) -> None:
    """Run > Run All Cells once the kernel is idle, until ``widget`` shows.

    A busy machine can deliver the click before the notebook panel takes commands; the menu
    then does nothing, so the click is repeated (a second run of the cells is harmless).
    """
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=120_000)
    for attempt in range(attempts):
        page.click(".jp-Notebook .jp-Cell")
        page.click(".lm-MenuBar-itemLabel:text-is('Run')", timeout=30_000)
        page.click(".lm-Menu-itemLabel:text-is('Run All Cells')", timeout=30_000)
        try:
            widget.wait_for(timeout=90_000)
            return
        except PlaywrightTimeout:
            if attempt == attempts - 1:
                raise


def test_the_explorer_runs_in_jupyterlab_and_follows_its_controls(lab, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1800})
    errors, requests = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    try:
        page.goto(f"{lab}/lab/tree/notebooks/explore.ipynb")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
        indicator = page.locator(".widget-dropdown select").nth(1)
        run_all_cells(page, indicator)
        summary = page.locator(".sjz-explore-summary")
        summary.wait_for(timeout=120_000)
        assert "3.00\u00a0%" in summary.inner_text()  # the plan target of R&D intensity, number and unit joined
        assert page.locator(".sjz-explore-intro h2").inner_text() == "情景探索"  # the view's introduction
        assert page.locator(".jp-OutputArea svg .role-mark").count() > 0  # the fan chart is drawn
        options = indicator.evaluate("s => Array.from(s.options).map(o => o.textContent)")
        indicator.select_option(label=next(o for o in options if o.startswith("hightech_enterprises")))
        page.wait_for_function("document.querySelector('.sjz-explore-summary').innerText.includes('4,000')",
                               timeout=60_000)  # the summary now speaks of the 4,000 high-tech enterprises
        page.wait_for_function("Array.from(document.querySelectorAll('.jp-OutputArea svg text'))"
                               ".some(t => t.textContent.includes('高新技术企业'))", timeout=60_000)  # and the chart
        page.screenshot(path=str(SCREENSHOTS / "jupyterlab_explore.png"))
        page.locator(".widget-toggle-button:text-is('English')").click()  # the whole view follows the language
        page.wait_for_function("document.querySelector('.sjz-explore-summary').innerText.includes('On current trends')",
                               timeout=60_000)
        assert page.locator(".sjz-explore-intro h2").inner_text() == "Explore scenarios"
        labels = page.locator(".jp-OutputArea .widget-label").all_inner_texts()
        assert "Indicator" in labels and "Region" in labels and not [t for t in labels if re.search(r"[\u4e00-\u9fff]", t)]
        assert not errors, errors
        # offline: widgets, the chart and JupyterLab itself come from the local server only
        assert requests and not [u for u in requests if not u.startswith((lab, "data:", "blob:"))], requests
    except Exception:
        page.screenshot(path=str(SCREENSHOTS / "jupyterlab_explore_failed.png"))
        raise
    finally:
        page.close()
