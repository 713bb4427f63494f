"""The batch end to end: real papermill runs in a real kernel, real HTML."""
import re
import shutil
from pathlib import Path

import pytest

from sjzforecast import batch, cli, paths
from sjzforecast.briefing import read_payload

BAD_PARAMS = {
    "bad_unknown_key.yaml": ("indicator: rd_intensity\ncolour: red\n", "unknown key 'colour'"),
    "bad_indicator.yaml": ("indicator: moonshots\n", "key 'indicator' = 'moonshots'"),
    "bad_target_year.yaml": ("indicator: rd_intensity\ntarget_year: 2019\n", "key 'target_year' = 2019"),
    "bad_type.yaml": ("indicator: rd_intensity\ntarget_year: soon\n", "key 'target_year' = 'soon' is not of type int"),
}


@pytest.fixture(scope="module")
def batch_run(tmp_path_factory):
    """The shipped params plus one bad file of each kind, through the CLI."""
    params = tmp_path_factory.mktemp("params")
    for f in paths.PARAMS_DIR.glob("*.yaml"):
        shutil.copy(f, params / f.name)
    for name, (text, _) in BAD_PARAMS.items():
        (params / name).write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("out") / "reports"
    code = cli.main(["batch", str(params), "--out", str(out), "--jobs", "2", "--no-progress"])
    return code, out, params


def test_batch_exits_non_zero_when_a_run_fails(batch_run):
    code, _, _ = batch_run
    assert code == 1


def test_every_good_params_file_gives_a_briefing(batch_run):
    _, out, _ = batch_run
    # dashboard params (notebook: plan_dashboard.ipynb) publish no briefing payload; see tests/test_dashboard.py
    shipped = sorted(f.stem for f in paths.PARAMS_DIR.glob("*.yaml") if "notebook:" not in f.read_text(encoding="utf-8"))
    assert len(shipped) >= 4
    for name in shipped:
        html = (out / f"{name}.html").read_text(encoding="utf-8")
        assert "vegaEmbed" in html and 'id="spec-fan"' in html
        assert read_payload(out / "notebooks" / f"{name}.ipynb")["probability"] is not None


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
