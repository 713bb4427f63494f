"""The batch under faults, with real kernels and real processes: re-runs, signals, concurrency,
a dying kernel, and warm kernels giving the same outputs as fresh ones."""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import psutil
import pytest

from sjzforecast import batch, paths
from sjzforecast.reportdir import LOCK_NAME, MANIFEST_NAME

#: Quick briefings (500 paths), one per file.
QUICK = {
    "rd": "indicator: rd_intensity\nn_paths: 500\n",
    "hte": "indicator: hightech_enterprises\nn_paths: 500\nlanguage: en\n",
    "tcv": "indicator: tech_contract_value\nn_paths: 500\n",
    "sme": "indicator: tech_sme\nn_paths: 500\nlanguage: en\n",
}
#: 16 quick runs of one params file: a batch still busy seconds after its kernels start, on any machine.
SWEEP = "indicator: rd_intensity\nscenario: drivers\nn_paths: 500\ngrid:\n  rd_growth: [" + ", ".join(
    f"{g}.0" for g in range(5, 21)) + "]\n"


def write_params(folder, names):
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / f"{name}.yaml").write_text(QUICK[name], encoding="utf-8")
    return folder


def _foreground_signals() -> None:
    """Ctrl-C as in a terminal's foreground job: a test run from a background job (``make test &``,
    ``nohup``) inherits an ignored SIGINT, which Python keeps, so the batch would never see it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_batch(params, out, *flags, runtime=None):
    """``sjzforecast batch`` in its own session, as a user's shell would start it (``runtime``: its
    Jupyter runtime folder, ``JUPYTER_RUNTIME_DIR``)."""
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(runtime)} if runtime else None
    return subprocess.Popen([sys.executable, "-m", "sjzforecast", "batch", str(params), "--out", str(out),
                             "--no-progress", *flags], start_new_session=True, preexec_fn=_foreground_signals,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def kernels_of(process):
    try:
        return [p for p in psutil.Process(process.pid).children(recursive=True)
                if "ipykernel" in " ".join(p.cmdline())]
    except psutil.NoSuchProcess:
        return []


def wait_for_kernels(process, n, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(kernels_of(process)) >= n:
            return
        assert process.poll() is None, process.communicate()
        time.sleep(0.2)
    raise AssertionError(f"no {n} kernels after {timeout} s")


def alive(proc):
    try:
        return proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def survivors(session, processes, timeout=10):
    """Processes of ``session`` or of ``processes`` still running after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        left = [p for p in processes if alive(p)]
        for p in psutil.process_iter():
            try:
                if os.getsid(p.pid) == session and alive(p) and p not in left:
                    left.append(p)
            except (ProcessLookupError, psutil.NoSuchProcess, PermissionError):
                pass
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.5)


def html_files(out):
    """The pages of the runs (not the index)."""
    return {p.name: p.read_bytes() for p in out.glob("*.html") if p.name != "index.html"}


def assert_report_whole(out):
    """Every page the manifest lists exists and is complete; no staging folder is left."""
    runs = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))["runs"]
    for row in runs.values():
        if row["html"]:
            assert (out / row["html"]).read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert not list(out.glob(".staging-*"))
    assert not list(out.rglob("*.tmp-*"))


@pytest.fixture(scope="module")
def base_report(tmp_path_factory):
    """A report of two quick runs, to be copied by each test that changes it."""
    root = tmp_path_factory.mktemp("base")
    params = write_params(root / "params", ["rd", "hte"])
    results = batch.run_batch(params, root / "reports", jobs=2, progress=False)
    assert [r.status for r in results] == ["ok", "ok"]
    return root / "reports"


def copy_report(base_report, tmp_path):
    out = tmp_path / "reports"
    shutil.copytree(base_report, out)
    return out


def test_a_one_file_rerun_updates_its_page_and_keeps_the_others_and_the_users_files(base_report, tmp_path):
    out = copy_report(base_report, tmp_path)
    (out / "my_notes.txt").write_text("mine")
    before = html_files(out)
    params = write_params(tmp_path / "params", ["rd"])
    (results,) = [batch.run_batch(params / "rd.yaml", out, progress=False)]
    assert [r.status for r in results] == ["ok"]
    after = html_files(out)
    assert after["hte.html"] == before["hte.html"] and after["rd.html"] != before["rd.html"]
    assert (out / "my_notes.txt").read_text() == "mine"
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="rd.html"' in index and 'href="hte.html"' in index


def test_a_failed_rerun_keeps_the_good_page_marked_stale_with_the_new_error(base_report, tmp_path,
                                                                           failing_notebook):
    out = copy_report(base_report, tmp_path)
    before = html_files(out)
    params = tmp_path / "params"
    params.mkdir()
    (params / "rd.yaml").write_text(failing_notebook + "name: rd\n", encoding="utf-8")  # valid params, failing run
    (result,) = batch.run_batch(params / "rd.yaml", out, progress=False)
    assert result.status == "failed" and result.stale and result.html == "rd.html"
    assert html_files(out) == before
    index = (out / "index.html").read_text(encoding="utf-8")
    row = index.split('data-status="failed"')[1].split("</tr>")[0]
    assert 'href="rd.html"' in row and "rd.failed.ipynb" in row and "tea_leaves" in row
    assert (out / "notebooks" / "rd.failed.ipynb").exists() and (out / "notebooks" / "rd.ipynb").exists()


@pytest.fixture
def runtime():
    """A Jupyter runtime folder for one test, at a short path (a Unix socket's path holds 107 bytes)."""
    folder = Path(tempfile.mkdtemp(prefix="sjzrt-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def index_titles(out):
    """Run name -> the title its index row shows."""
    index = (out / "index.html").read_text(encoding="utf-8")
    return dict((name, title) for title, name in re.findall(r'<td class="name"><a href="[^"]+">([^<]*)</a>.*?'
                                                          r'<a href="notebooks/([^."]+)\.ipynb"', index, re.S))


def test_a_one_file_rerun_with_another_index_language_retitles_every_row(base_report, tmp_path):
    """The index shows every run's title in its own language, not in the language of the batch that made the run."""
    from sjzforecast.i18n import t

    out = copy_report(base_report, tmp_path)
    assert index_titles(out)["hte"] == "高新技术企业数量"
    params = write_params(tmp_path / "params", ["rd"])
    batch.run_batch(params / "rd.yaml", out, progress=False, language="en")
    titles = index_titles(out)
    assert titles["hte"] == "High-tech enterprises" and titles["rd"].startswith("R&amp;D intensity"), titles
    assert t("index_title", "en") in (out / "index.html").read_text(encoding="utf-8")


def test_a_page_deleted_by_hand_is_neither_linked_nor_read_and_its_row_says_so(base_report, tmp_path):
    from sjzforecast.i18n import t

    out = copy_report(base_report, tmp_path)
    (out / "hte.html").unlink()
    params = write_params(tmp_path / "params", ["rd"])
    (result,) = batch.run_batch(params / "rd.yaml", out, progress=False)
    assert result.status == "ok"
    index = (out / "index.html").read_text(encoding="utf-8")
    links = set(re.findall(r'href="([^"]+)"', index))
    assert "hte.html" not in links and all((out / link).is_file() for link in links), links
    row = index.split('href="notebooks/hte.ipynb"')[0].rsplit("<tr", 1)[1]
    assert t("page_missing", "zh", file="hte.html") in row and "%" not in row  # no number of the page that is gone
    answers = (out / "answers.csv").read_text(encoding="utf-8-sig").splitlines()
    assert any(line.startswith("hte,ok,") and ",hte.html," not in line for line in answers)


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_a_killed_batch_leaves_no_process_and_the_previous_report_whole(base_report, tmp_path, signum, runtime):
    out = copy_report(base_report, tmp_path)
    before = html_files(out)
    params = write_params(tmp_path / "params", ["rd", "hte", "tcv", "sme"])
    (params / "sweep.yaml").write_text(SWEEP, encoding="utf-8")  # enough runs to be busy when signalled
    process = start_batch(params, out, "--jobs", "2", runtime=runtime)
    wait_for_kernels(process, 2)
    time.sleep(3)  # kernels are warming up or running
    family = psutil.Process(process.pid).children(recursive=True)
    assert process.poll() is None, "the batch ended before the signal; give it more runs"
    assert any(runtime.glob("sjzforecast-batch-*/kernel-*.json"))
    process.send_signal(signum)
    process.wait(timeout=30)
    left = survivors(process.pid, family)
    assert not left, [(p.pid, p.cmdline()) for p in left]
    if signum != signal.SIGKILL:
        assert process.returncode == 128 + signum
    for name, content in html_files(out).items():  # each page is the old one or a whole new one
        assert content == before.get(name) or content.rstrip().endswith(b"</html>")
    assert_report_whole(out)
    assert (out / LOCK_NAME).read_text() == "" or signum == signal.SIGKILL
    assert not list(runtime.iterdir())  # the kernels' connection files and sockets are gone


def test_the_kernel_files_of_a_batch_killed_with_its_watchdog_are_removed_by_the_next_batch(tmp_path, runtime):
    """SIGKILL to the batch and its watchdog leaves the batch's kernel folder; the next batch removes it,
    and nothing else of the runtime folder."""
    others = {"kernel-of-jupyterlab.json": "file", f"sjzforecast-batch-{os.getpid()}-alive123": "folder",
              "sjzforecast-batch-99999999-notadir": "file"}
    for name, kind in others.items():
        (runtime / name).mkdir() if kind == "folder" else (runtime / name).write_text("{}")
    params = write_params(tmp_path / "params", ["rd", "hte", "tcv", "sme"])
    process = start_batch(params, tmp_path / "out", "--jobs", "2", runtime=runtime)
    wait_for_kernels(process, 2)
    family = psutil.Process(process.pid).children(recursive=True)
    (watchdog,) = [p for p in family if "watchdog.py" in " ".join(p.cmdline())]
    watchdog.kill()
    process.kill()
    process.wait(timeout=30)
    assert not survivors(process.pid, family)  # the kernels die with the batch
    (stale,) = runtime.glob(f"sjzforecast-batch-{process.pid}-*")
    assert any(stale.iterdir())
    second = start_batch(write_params(tmp_path / "params2", ["rd"]), tmp_path / "out2", runtime=runtime)
    _, stderr = second.communicate(timeout=600)
    assert second.returncode == 0, stderr
    assert sorted(p.name for p in runtime.iterdir()) == sorted(others)


def test_concurrent_batches_on_one_folder_lose_nothing(tmp_path):
    out = tmp_path / "reports"
    first = start_batch(write_params(tmp_path / "p1", ["rd"]), out)
    second = start_batch(write_params(tmp_path / "p2", ["sme"]), out)
    for process in (first, second):
        _, stderr = process.communicate(timeout=600)
        assert process.returncode == 0, stderr
    runs = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))["runs"]
    assert sorted(runs) == ["rd", "sme"] and all(row["status"] == "ok" for row in runs.values())
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="rd.html"' in index and 'href="sme.html"' in index
    assert_report_whole(out)


CRASH_NOTEBOOK = [
    ("die: str = 'never'  # never, once or always: kill this notebook's own kernel\n"
     "marker: str = ''  # file that records a first death", ["parameters"]),
    ("import os, pathlib\n"
     "if die == 'always' or (die == 'once' and not pathlib.Path(marker).exists()):\n"
     "    pathlib.Path(marker).touch()\n"
     "    os.kill(os.getpid(), 9)\n"
     "print('survived')", []),
]


def test_a_dying_kernel_fails_only_its_run_which_is_retried_once(tmp_path, monkeypatch):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    cells = [nbformat.v4.new_code_cell(source, metadata={"tags": tags}) for source, tags in CRASH_NOTEBOOK]
    nb = nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "language": "python",
                                                                        "display_name": "Python 3"}})
    nbformat.write(nb, str(notebooks / "crash.ipynb"))
    monkeypatch.setattr(paths, "NOTEBOOKS_DIR", notebooks)
    params = tmp_path / "params"
    params.mkdir()
    for die in ("once", "always", "never"):
        (params / f"{die}.yaml").write_text(f"notebook: crash.ipynb\ndie: {die}\nmarker: {tmp_path / die}\n")
    results = {r.name: r for r in batch.run_batch(params, tmp_path / "out", jobs=2, progress=False)}
    assert {name: r.status for name, r in results.items()} == {"always": "failed", "never": "ok", "once": "ok"}
    assert "DeadKernelError" in results["always"].error or "died" in results["always"].error
    assert (tmp_path / "once").exists() and (tmp_path / "always").exists()
    assert "survived" in (tmp_path / "out" / "notebooks" / "once.ipynb").read_text()


def outputs(notebook):
    nb = nbformat.read(str(notebook), as_version=4)
    return [(cell.source, cell.get("execution_count"), cell.get("outputs")) for cell in nb.cells]


def page(html):
    """A page without its run-metadata table, print header and times of day (they differ between runs)."""
    text = re.sub(r'<table id="metadata">.*?</table>|<header class="print-header">.*?</header>', "",
                  html.read_text(encoding="utf-8"), flags=re.S)
    return re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", "<time>", text)


def test_warm_kernels_give_exactly_the_outputs_of_fresh_kernels(tmp_path, failing_notebook):
    params = write_params(tmp_path / "params", ["rd", "sme"])
    shutil.copy(paths.PARAMS_DIR / "plan_dashboard_2025.yaml", params)
    (params / "sweep.yaml").write_text("indicator: rd_intensity\nscenario: drivers\ngrid:\n  rd_growth: [8.0, 14.0]\n")
    (params / "bad.yaml").write_text(failing_notebook + "name: bad\n")
    reports = {}
    for warm in (True, False):
        out = tmp_path / f"warm-{warm}"
        results = batch.run_batch(params, out, jobs=2, progress=False, warm=warm)
        assert sum(r.status == "ok" for r in results) == 5
        reports[warm] = out
    warm, fresh = reports[True], reports[False]
    notebooks = sorted(p.name for p in (fresh / "notebooks").glob("*.ipynb"))
    assert notebooks == sorted(p.name for p in (warm / "notebooks").glob("*.ipynb")) and len(notebooks) == 6
    for name in notebooks:
        assert outputs(warm / "notebooks" / name) == outputs(fresh / "notebooks" / name), name
    pages = sorted(p.name for p in fresh.glob("*.html"))
    assert len(pages) == 6  # five runs and the index
    for name in pages:
        assert page(warm / name) == page(fresh / name), name
