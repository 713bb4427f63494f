"""The batch end to end: real papermill runs in a real kernel, real HTML."""
import re
import shutil
import sys

import pytest

from sjzforecast import batch, cli, paths, render
from sjzforecast.grid import expand_files
from sjzforecast.i18n import method_name
from sjzforecast.params import read_params_file
from sjzforecast.payload import read_payload
from sjzforecast.progress import LEAD_METHOD
from sjzforecast.reportdir import MANIFEST_NAME

BAD_PARAMS = {
    "bad_unknown_key.yaml": ("indicator: rd_intensity\ncolour: red\n", "unknown key 'colour'"),
    "bad_indicator.yaml": ("indicator: moonshots\n", "key 'indicator' = 'moonshots'"),
    "bad_target_year.yaml": ("indicator: rd_intensity\ntarget_year: 2019\n", "key 'target_year' = 2019"),
    "bad_type.yaml": ("indicator: rd_intensity\ntarget_year: soon\n", "key 'target_year' = 'soon' is not of type int"),
    "bad_grid.yaml": ("indicator: rd_intensity\ngrid:\n  seed: 3\n", "key 'grid.seed' must be a non-empty list"),
}
#: A grid of two runs; one value has characters unsafe in a file name.
GRID = "indicator: rd_intensity\nn_paths: 500\nlanguage: en\ngrid:\n  scenario: [bau, \"../target_path\"]\n"


@pytest.fixture(scope="module")
def batch_run(tmp_path_factory):
    """The shipped params plus one bad file of each kind, through the CLI."""
    params = tmp_path_factory.mktemp("params")
    for f in paths.PARAMS_DIR.glob("*.yaml"):
        shutil.copy(f, params / f.name)
    for name, (text, _) in BAD_PARAMS.items():
        (params / name).write_text(text, encoding="utf-8")
    (params / "sweep.yaml").write_text(GRID, encoding="utf-8")
    out = tmp_path_factory.mktemp("out") / "reports"
    code = cli.main(["batch", str(params), "--out", str(out), "--jobs", "2", "--no-progress"])
    return code, out, params


def test_batch_exits_non_zero_when_a_run_fails(batch_run):
    code, _, _ = batch_run
    assert code == 1


def test_every_good_params_file_gives_its_page(batch_run):
    _, out, _ = batch_run
    shipped = [spec.name for spec in expand_files(batch.find_params_files(paths.PARAMS_DIR), read_params_file)]
    assert len(shipped) >= 4 and "rd_intensity_drivers_sweep__rd_growth-8.0" in shipped
    kinds = set()
    for name in shipped:
        html = (out / f"{name}.html").read_text(encoding="utf-8")
        payload = read_payload(out / "notebooks" / f"{name}.ipynb")
        kinds.add(payload["kind"])
        assert "vegaEmbed" in html
        if payload["kind"] == "briefing":
            assert 'id="spec-fan"' in html and payload["probability"] is not None
        else:
            assert 'id="spec-dashboard"' in html and 'id="track-record"' in html
    assert kinds == {"briefing", "dashboard"}


def test_index_links_briefings_and_lists_each_failure_with_file_and_key(batch_run):
    _, out, params = batch_run
    index = (out / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'href="[^"/]+\.html"', index)) >= 4
    for name, (_, message) in BAD_PARAMS.items():
        assert message.replace("'", "&#39;") in index, message
        assert str(params / name) in index


def test_briefings_load_nothing_from_the_network(batch_run):
    _, out, _ = batch_run
    for html in out.glob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert not re.search(r'<(script|link)[^>]+(src|href)="https?://', text), html.name
        assert text.count("window.vegaEmbed=") <= 1


def test_a_failed_batch_leaves_the_previous_report_intact(tmp_path):
    out = tmp_path / "reports"
    out.mkdir()
    (out / "keep.html").write_text("old")
    with pytest.raises(FileNotFoundError):
        batch.run_batch(tmp_path / "missing", out, progress=False)
    assert (out / "keep.html").read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["reports"]


def test_a_grid_expands_to_runs_with_deterministic_safe_names(batch_run):
    _, out, _ = batch_run
    assert [p.name for p in out.glob("sweep__*.html")] == ["sweep__scenario-bau.html"]
    notebooks = sorted(p.name for p in (out / "notebooks").glob("sweep__*"))
    assert notebooks == ["sweep__scenario-bau.ipynb"]
    # "../target_path" is no scenario: refused before it runs, listed under a safe name
    index = (out / "index.html").read_text(encoding="utf-8")
    assert re.search(r"sweep__scenario-target_path_[0-9a-f]{6}", index)
    assert "did you mean &#39;target_path&#39;" in index or "did you mean 'target_path'" in index
    assert read_payload(out / "notebooks" / "sweep__scenario-bau.ipynb")["language"] == "en"
    assert not list(out.parent.glob("target_path*")) and all(p.parent == out for p in out.glob("*.html"))


def test_index_rows_carry_category_probability_last_year_and_status(batch_run):
    _, out, _ = batch_run
    index = (out / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr class="status-(\w+)" data-status="\w+" data-kind="(\w+)" data-category="(\w*)">', index)
    assert sum(status == "ok" for status, _, _ in rows) >= 5
    assert all(category for status, kind, category in rows if status == "ok" and kind == "briefing")
    assert {kind for status, kind, _ in rows if status == "ok"} == {"briefing", "dashboard"}
    assert 'id="filter-text"' in index and "aria-sort" in index  # in-page filter and sort
    # the category is the observations' progress by the lead method, whatever scenario a row leads with
    assert f'<th data-type="text">已有进展：{method_name(LEAD_METHOD, "zh")}</th>' in index
    failed = index.split('class="status-failed"')[1]
    assert "<strong>" in failed and "notebooks/" not in failed.split("</tr>")[0]  # never ran: no notebook link


def test_a_failing_notebook_links_its_partially_executed_notebook(tmp_path, failing_notebook):
    (tmp_path / "boom.yaml").write_text(failing_notebook, encoding="utf-8")  # accepted, then fails when run
    results = batch.run_batch(tmp_path / "boom.yaml", tmp_path / "out", progress=False)
    (result,) = results
    assert result.status == "failed" and result.notebook == "notebooks/boom.ipynb"
    assert (tmp_path / "out" / result.notebook).exists()
    assert 'href="notebooks/boom.ipynb"' in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


def test_dask_executor_runs_the_batch_on_a_cluster(tmp_path, capfd):
    distributed = pytest.importorskip("distributed")
    params = tmp_path / "params"
    params.mkdir()
    shutil.copy(paths.PARAMS_DIR / "rd_intensity_2025.yaml", params / "rd.yaml")
    (params / "bad.yaml").write_text(BAD_PARAMS["bad_indicator.yaml"][0], encoding="utf-8")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        code = cli.main(["batch", str(params), "--out", str(tmp_path / "out"), "--executor", "dask",
                         "--scheduler", cluster.scheduler_address, "--no-progress"])
    assert code == 1
    out = tmp_path / "out"
    assert (out / "rd.html").exists() and (out / "notebooks" / "rd.ipynb").exists()
    assert "key &#39;indicator&#39; = &#39;moonshots&#39;" in (out / "index.html").read_text(encoding="utf-8")
    assert "without encryption" not in capfd.readouterr().err  # papermill's own kernels talk over IPC too


def test_unknown_executor_and_stray_scheduler_are_refused(tmp_path):
    with pytest.raises(ValueError, match="No executor named 'spark'"):
        batch.run_batch(paths.PARAMS_DIR, tmp_path / "out", executor="spark")
    with pytest.raises(ValueError, match="--scheduler needs --executor dask"):
        batch.run_batch(paths.PARAMS_DIR, tmp_path / "out", scheduler="tcp://x:1")


@pytest.mark.parametrize("dry_run", [["--dry-run"], []])
def test_the_dask_executor_without_distributed_is_refused_before_anything_runs(tmp_path, monkeypatch, capsys,
                                                                               dry_run):
    """The message names the package and the install command, whose extra pyproject.toml declares."""
    from importlib.metadata import requires

    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed now raises ImportError
    out = tmp_path / "out"
    code = cli.main(["batch", str(paths.PARAMS_DIR / "rd_intensity_2025.yaml"), "--out", str(out),
                     "--executor", "dask", *dry_run])
    err = capsys.readouterr().err
    assert code == 2 and not out.exists()
    assert "needs the 'distributed' package" in err and "pip install -e '.[dask]'" in err, err
    assert [r for r in requires("sjzforecast") if r.startswith("dask[distributed]") and 'extra == "dask"' in r]


def test_a_batch_that_breaks_midway_leaves_the_previous_report_intact(tmp_path, monkeypatch):
    out = tmp_path / "reports"
    out.mkdir()
    (out / MANIFEST_NAME).write_text('{"format": 1, "runs": {}}', encoding="utf-8")
    (out / "keep.html").write_text("old")
    (tmp_path / "bad.yaml").write_text(BAD_PARAMS["bad_unknown_key.yaml"][0], encoding="utf-8")

    def broken_index(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(render, "render_index", broken_index)
    with pytest.raises(RuntimeError, match="disk full"):
        batch.run_batch(tmp_path / "bad.yaml", out, progress=False)
    assert (out / "keep.html").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml", "reports"]
    assert not list(out.glob(".staging-*"))


def test_executed_notebooks_show_their_charts_offline(batch_run):
    _, out, _ = batch_run
    for notebook in (out / "notebooks").glob("*.ipynb"):
        text = notebook.read_text(encoding="utf-8")
        assert "cdn.jsdelivr" not in text and "https://cdn" not in text, notebook.name
    briefing_nb = (out / "notebooks" / "rd_intensity_2025.ipynb").read_text(encoding="utf-8")
    assert briefing_nb.count('"image/svg+xml"') >= 4


LEADS = {"rd_intensity_high_2025": "high", "rd_intensity_low_2025": "low", "rd_intensity_drivers_2025": "drivers",
         "tech_contract_value_growth_2025": "growth", "rd_intensity_target_path_2025": "target_path",
         "rd_intensity_2025": "bau"}


def test_each_briefing_leads_with_its_own_scenario_in_page_and_index(batch_run):
    from sjzforecast import answers
    from sjzforecast.formats import format_value
    from sjzforecast.i18n import scenario_label

    _, out, _ = batch_run
    rows = {r["name"]: r for r in answers.index_rows([{"name": n, "html": f"{n}.html"} for n in LEADS], out)}
    headlines = set()
    for name, scenario in LEADS.items():
        html = (out / f"{name}.html").read_text(encoding="utf-8")
        block = answers.read_block(html, "sjz-answer")
        for key in ("indicator", "region", "scenario", "target_year", "target_level", "unit", "latest_year",
                    "latest_value", "p_meet", "p_reached_by", "scenario_value", "scenario_meets",
                    "required_growth_from_latest", "required_growth_from_base", "categories"):
            assert key in block, (name, key)
        assert block["scenario"] == scenario and rows[name]["scenario_value"] == block["scenario_value"]
        headline = re.search(r'id="headline">([^<]+)<', html).group(1)
        language = re.search(r'<html lang="(zh|en)', html).group(1)
        if scenario != "bau":
            assert headline.startswith(scenario_label(scenario, language)), headline
            assert re.search(r'id="scenario-value">', html) and 'id="bau-context"' in html
        headlines.add(headline)
    assert len(headlines) == len(LEADS)
    index = (out / "index.html").read_text(encoding="utf-8")
    high = index.split('href="rd_intensity_high_2025.html"')[1].split("</tr>")[0]
    assert format_value(rows["rd_intensity_high_2025"]["scenario_value"], "%", "zh", 2) in high


def test_a_sweeps_pages_differ_in_their_headlines(batch_run):
    _, out, _ = batch_run
    pages = sorted(out.glob("rd_intensity_drivers_sweep__*.html"))
    headlines = {re.search(r'id="headline">([^<]+)<', p.read_text(encoding="utf-8")).group(1) for p in pages}
    assert len(pages) == 4 and len(headlines) == 4


def test_answers_csv_opens_in_excel_with_chinese_and_units_of_its_own(batch_run):
    import csv

    _, out, _ = batch_run
    raw = (out / "answers.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads it as UTF-8
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    index = (out / "index.html").read_text(encoding="utf-8")
    assert len(rows) == index.count('<tr class="status-')
    assert any(r["region"] == "石家庄" for r in rows)
    briefings = [r for r in rows if r["kind"] == "briefing" and r["status"] == "ok"]
    assert {r["unit"] for r in briefings} >= {"%", "亿元", "家"}
    for r in briefings:
        for column in ("target_level", "latest_value", "scenario_value", "p_meet"):
            float(r[column])  # a plain number: its unit is in "unit" (levels) or "rate_unit" (rates)
        assert r["rate_unit"] == "%/yr" and r["category_opensdg"]
