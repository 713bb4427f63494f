"""The batch's kernels: SVG ids that do not depend on the kernel's history, and what kernels print."""
import shutil
import subprocess
import sys

import pytest

from sjzforecast import paths
from sjzforecast.errors import SjzforecastError
from sjzforecast.kernels import BatchKernelManager
from sjzforecast.render import stable_svg_ids

#: ipykernel's warning for a kernel on TCP without CurveZMQ keys.
TCP_WARNING = "without encryption"


def test_svg_ids_are_numbered_from_one_in_order_of_appearance():
    svg = ('<clipPath id="clip17"/><g clip-path="url(#clip17)"/><clipPath id="clip9"/>'
           '<g clip-path="url(#clip9)"/><linearGradient id="gradient_4"/><text>2026</text>')
    assert stable_svg_ids(svg) == ('<clipPath id="clip1"/><g clip-path="url(#clip1)"/><clipPath id="clip2"/>'
                                   '<g clip-path="url(#clip2)"/><linearGradient id="gradient_1"/>'
                                   '<text>2026</text>')
    assert stable_svg_ids(stable_svg_ids(svg)) == stable_svg_ids(svg)


def test_a_batch_prints_no_tcp_warning_into_the_terminal_or_the_notebooks(tmp_path):
    params = tmp_path / "params"
    params.mkdir()
    shutil.copy(paths.PARAMS_DIR / "rd_intensity_2025.yaml", params / "rd.yaml")
    (params / "board.yaml").write_text("notebook: plan_dashboard.ipynb\nn_paths: 500\n", encoding="utf-8")
    for flags in ([], ["--fresh-kernels"]):
        out = tmp_path / ("out" + "".join(flags))
        done = subprocess.run([sys.executable, "-m", "sjzforecast", "batch", str(params), "--out", str(out),
                               "--jobs", "2", "--no-progress", *flags], capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        assert TCP_WARNING not in done.stderr + done.stdout
        for notebook in (out / "notebooks").glob("*.ipynb"):
            assert TCP_WARNING not in notebook.read_text(encoding="utf-8"), notebook
        assert len(list((out / "notebooks").glob("*.ipynb"))) == 2


def test_other_kernel_messages_still_reach_the_terminal():
    """Only the TCP warning is gone: what a kernel writes to its own stderr is shown, as before."""
    script = ("from sjzforecast.kernels import Kernel\n"
              f"k = Kernel({str(paths.NOTEBOOKS_DIR)!r}, warm=False)\n"
              "k._run_code('import os; os.write(2, b\"a message of the kernel\\\\n\")')\n"
              "print(k.km.transport)\n"
              "k.shutdown()\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["ipc"]
    assert "a message of the kernel" in done.stderr and TCP_WARNING not in done.stderr


def test_a_runtime_folder_too_deep_for_a_unix_socket_is_named_with_the_way_out(tmp_path):
    deep = tmp_path / ("d" * 100)
    with pytest.raises(SjzforecastError, match=r"longer than 107 bytes.*JUPYTER_RUNTIME_DIR"):
        BatchKernelManager(runtime_folder=str(deep)).ip  # noqa: B018 - the socket path is made when read
    assert BatchKernelManager(runtime_folder="/tmp").ip.startswith("/tmp/kernel-")
