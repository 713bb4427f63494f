import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import sjzforecast


@pytest.fixture(scope="session")
def observations():
    return sjzforecast.load_observations()


@pytest.fixture(scope="session")
def targets():
    return sjzforecast.load_targets()


@pytest.fixture
def cagr_series():
    """A series growing exactly 10 % a year at uneven years."""
    years = np.array([2015, 2016, 2018, 2021, 2023])
    return pd.Series(2.0 * 1.10 ** (years - 2015), index=years, name="x")


CHROMIUM = os.environ.get("SJZFORECAST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by playwright (no browser download).

    Skipped only when Chromium or playwright is absent outside CI; with ``CI`` set it must run.
    """
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI: {CHROMIUM} is missing; .ci/run installs Debian's chromium", pytrace=False)
        pytest.skip(f"no {CHROMIUM}")
    if os.environ.get("CI"):
        import playwright.sync_api  # noqa: F401 - in CI a missing playwright is an error, not a skip
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


#: A notebook that fails in its second cell, after its parameters were accepted: a run that breaks mid-way.
FAILING_NOTEBOOK_CELLS = [
    ("method: str = 'tea_leaves'  # a name the notebook cannot use", ["parameters"]),
    ("raise RuntimeError(f'no such method: {method}')", []),
]


@pytest.fixture
def failing_notebook(tmp_path, monkeypatch):
    """``notebooks/`` with the shipped notebooks and ``boom.ipynb``, which fails when run; returns its params text."""
    import shutil

    import nbformat

    from sjzforecast import paths

    notebooks = tmp_path / "notebooks-with-boom"
    shutil.copytree(paths.NOTEBOOKS_DIR, notebooks)
    cells = [nbformat.v4.new_code_cell(source, metadata={"tags": tags}) for source, tags in FAILING_NOTEBOOK_CELLS]
    kernelspec = {"name": "python3", "language": "python", "display_name": "Python 3"}
    nbformat.write(nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": kernelspec}),
                   str(notebooks / "boom.ipynb"))
    monkeypatch.setattr(paths, "NOTEBOOKS_DIR", notebooks)
    return "notebook: boom.ipynb\n"
