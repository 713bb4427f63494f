"""Where a batch's runs look for files: the working folder, the same in the check and in the kernel."""
import os
import re
import shutil
import tempfile
from pathlib import Path

import nbformat
import pytest

from sjzforecast import answers, batch, cli, paths
from sjzforecast.grid import expand_files
from sjzforecast.params import read_params_file

#: One observation of our own, as a user adds it in a CSV beside the params.
MINE = "石家庄,rd_intensity,2024,2.9,%,https://tjj.hebei.gov.cn/mine,2.9,,,\n"


def _own_data(folder):
    """``mine.csv`` (one 2024 observation) and ``plan.yaml`` (the project's targets) in ``folder``."""
    header = paths.RAW_OBSERVATIONS.read_text(encoding="utf-8").split("\n", 1)[0]
    (folder / "mine.csv").write_text(f"{header}\n{MINE}", encoding="utf-8")
    shutil.copy(paths.TARGETS, folder / "plan.yaml")


def test_relative_paths_in_a_params_file_are_read_from_the_working_folder_in_check_and_run(tmp_path, monkeypatch,
                                                                                          capsys):
    _own_data(tmp_path)
    (tmp_path / "params").mkdir()
    (tmp_path / "params" / "rd.yaml").write_text(
        "indicator: rd_intensity\nn_paths: 300\nlanguage: en\nobservations: [mine.csv]\ntargets: plan.yaml\n",
        encoding="utf-8")
    (tmp_path / "params" / "board.yaml").write_text(
        "notebook: plan_dashboard.ipynb\nn_paths: 200\nobservations: [mine.csv]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["batch", "params", "--out", "out", "--no-progress", "--jobs", "2"]) == 0, capsys.readouterr().err
    page = (tmp_path / "out" / "rd.html").read_text(encoding="utf-8")
    assert "https://tjj.hebei.gov.cn/mine" in page  # the kernel read mine.csv
    assert "observations=[&#34;mine.csv&#34;]" in page or 'observations=["mine.csv"]' in page
    assert "plan.yaml: " in page  # the targets file read, by the name the user gave
    assert str(tmp_path) not in page  # no path of this machine in the page
    board = answers.read_block((tmp_path / "out" / "board.html").read_text(encoding="utf-8"), "sjz-dashboard")
    [rd_row] = [row for row in board["rows"] if row["indicator"] == "rd_intensity"]
    assert (rd_row["latest_year"], rd_row["latest_value"]) == (2024, 2.9)  # the dashboard's kernel read it too


@pytest.fixture
def where_notebook(tmp_path, monkeypatch):
    """``notebooks/`` with ``where.ipynb``, which prints its working folder and its kernel's connection file."""
    notebooks = tmp_path / "notebooks-with-where"
    notebooks.mkdir()
    cells = [nbformat.v4.new_code_cell("note: str = ''", metadata={"tags": ["parameters"]}),
             nbformat.v4.new_code_cell("import os\nfrom ipykernel import get_connection_file\n"
                                       "print(os.getcwd())\nprint(get_connection_file())")]
    kernelspec = {"name": "python3", "language": "python", "display_name": "Python 3"}
    nbformat.write(nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": kernelspec}),
                   str(notebooks / "where.ipynb"))
    monkeypatch.setattr(paths, "NOTEBOOKS_DIR", notebooks)
    return "notebook: where.ipynb\n"


def test_a_run_without_a_batch_kernel_works_in_the_working_folder_with_kernel_files_of_its_own(
        tmp_path, monkeypatch, where_notebook):
    runtime = Path(tempfile.mkdtemp(prefix="sjzrt-"))  # short: a Unix socket's path holds 107 bytes
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(runtime))
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    (tmp_path / "where.yaml").write_text(where_notebook, encoding="utf-8")
    [spec] = expand_files([tmp_path / "where.yaml"], read_params_file)
    try:
        result = batch.execute_run(spec, tmp_path / "out")  # as a Dask worker runs it: no batch kernel
        assert result.status == "ok", result.error
        executed = nbformat.read(str(tmp_path / "out" / result.notebook), as_version=4)
        cwd, connection_file = executed.cells[-1].outputs[0]["text"].split()
        assert Path(cwd) == tmp_path / "work"
        assert re.fullmatch(rf"sjzforecast-batch-{os.getpid()}-\w{{8}}", Path(connection_file).parent.name)
        assert Path(connection_file).parent.parent == runtime
        assert not list(runtime.iterdir())  # removed with the kernel
    finally:
        shutil.rmtree(runtime, ignore_errors=True)
