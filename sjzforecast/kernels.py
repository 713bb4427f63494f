"""Jupyter kernels for batch runs: they die with the batch, and may stay warm between runs.

A fresh kernel per run pays Python start-up and the library's imports every time (about
5 s of a 7 s run).  A *warm* kernel imports the library, altair and the data once, then
runs notebook after notebook; before each run its user namespace is reset (IPython's
``reset``: the variables of the previous run are gone, imported modules stay), so each run
starts from the namespace a fresh kernel has.  Notebooks are still run by papermill
(parameter injection with ``parameterize_notebook``, the same executed-notebook format).

Every kernel is started with the parent-death signal ``SIGKILL`` (Linux ``prctl``), so it
dies with the thread that started it, even when the batch is killed with ``SIGKILL``.

Kernels talk to the batch over IPC (Unix sockets in the batch's own runtime folder,
:mod:`sjzforecast.runtime`, else in the user's private Jupyter runtime folder;
:class:`IpcTransport`), not TCP: nothing of a run crosses the network stack, ipykernel has no
reason for its "Kernel is running over TCP without encryption" warning, and whatever else a
kernel writes to its stderr reaches the terminal.
"""
from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import queue
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

from jupyter_client.localinterfaces import localhost
from jupyter_client.manager import KernelManager
from jupyter_core.utils import run_sync
from traitlets import HasTraits, Unicode, default

from .errors import SjzforecastError

logger = logging.getLogger(__name__)

KERNEL_NAME = "python3"
PR_SET_PDEATHSIG = 1
#: Run once in a warm kernel: what every notebook of the project imports and reads.
WARM_UP = """\
import altair, vl_convert
import sjzforecast
from sjzforecast import answer, briefing, charts, dashboard, question
question.load_data()
"""
#: Run before each notebook in a warm kernel: an empty user namespace, modules kept.
RESET = "get_ipython().reset(new_session=True, aggressive=False)"
START_TIMEOUT = 120
#: Longest Unix socket path (``sun_path`` holds 108 bytes on Linux, the last a NUL).
MAX_SOCKET_PATH = 107


def die_with_parent(parent_pid: int):
    """A ``preexec_fn`` for a child that must not outlive the thread that starts it (Linux).

    ``prctl(PR_SET_PDEATHSIG, SIGKILL)``; if the parent already died between fork and this
    call, the child exits at once.  A no-op elsewhere than Linux.
    """
    def preexec() -> None:
        if not sys.platform.startswith("linux"):
            return
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent_pid:
            os._exit(1)

    return preexec


def _stabilise_svg_outputs(nb) -> bool:
    """Number the ids of every SVG output from 1 (:func:`sjzforecast.render.stable_svg_ids`).

    Vega's id counter runs on in a warm kernel; renumbered, a chart's SVG is the same whatever
    ran before it in the kernel.  Returns whether anything changed.
    """
    from .render import stable_svg_ids

    changed = False
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            svg = output.get("data", {}).get("image/svg+xml")
            if isinstance(svg, str) and stable_svg_ids(svg) != svg:
                output["data"]["image/svg+xml"] = stable_svg_ids(svg)
                changed = True
    return changed


class IpcTransport(HasTraits):
    """Kernel managers that connect over IPC where the system has Unix sockets (else TCP, on localhost).

    Each kernel's connection file is ``<runtime_folder>/kernel-<id>.json`` and its sockets
    ``<runtime_folder>/kernel-<id>-<n>``, removed when the kernel is shut down.  IPC is
    ipykernel's own answer to its warning about unencrypted TCP (``IPKernelApp.init_sockets``).

    Raises
    ------
    SjzforecastError
        A socket path longer than a Unix socket address holds (:data:`MAX_SOCKET_PATH`).
    """

    runtime_folder = Unicode(help="folder of the connection file and sockets (default: Jupyter's runtime folder)")

    @default("runtime_folder")
    def _default_runtime_folder(self) -> str:
        from .runtime import jupyter_runtime_folder

        return str(jupyter_runtime_folder())

    @default("connection_file")
    def _default_connection_file(self) -> str:
        return str(Path(self.runtime_folder) / f"kernel-{uuid.uuid4().hex[:8]}.json")

    @default("transport")
    def _default_transport(self) -> str:
        return "ipc" if os.name == "posix" else "tcp"

    @default("ip")
    def _default_ip(self) -> str:
        if self.transport != "ipc":
            return localhost()
        stem = str(Path(self.connection_file).with_suffix(""))
        if len(os.fsencode(f"{stem}-5")) > MAX_SOCKET_PATH:
            raise SjzforecastError(f"kernel socket {stem}-5 is longer than {MAX_SOCKET_PATH} bytes, the most a Unix "
                                   "socket path may have; set JUPYTER_RUNTIME_DIR to a shorter folder")
        return stem


class BatchKernelManager(IpcTransport, KernelManager):
    """A kernel manager whose clients replace each other: a new client stops the previous one.

    nbclient creates a client per notebook and leaves it open when it does not own the
    kernel manager; without this, a warm kernel would collect one open client per run.  The
    clients are asynchronous, as nbclient expects: with a blocking client, nbclient's wait for
    output blocks its event loop and it never notices that the kernel died.
    """

    _last_client = None
    client_class = "jupyter_client.asynchronous.AsyncKernelClient"

    def client(self, **kwargs):
        if self._last_client is not None:
            self._last_client.stop_channels()
        self._last_client = super().client(**kwargs)
        return self._last_client


class Kernel:
    """One Jupyter kernel that runs notebooks through papermill.

    Parameters
    ----------
    cwd : working directory of the notebooks.
    warm : import the library once (:data:`WARM_UP`) and reset the namespace between runs.
    runtime_folder : folder of the kernel's connection file and sockets (default: Jupyter's runtime folder).
    """

    def __init__(self, cwd: str | Path, warm: bool = True, runtime_folder: str | Path | None = None):
        self.warm = warm
        self.failed = False
        folder = {} if runtime_folder is None else {"runtime_folder": str(runtime_folder)}
        self.km = BatchKernelManager(kernel_name=KERNEL_NAME, **folder)
        self.km.start_kernel(cwd=str(cwd), preexec_fn=die_with_parent(os.getpid()), stdout=subprocess.DEVNULL)
        self.pid = self.km.provisioner.process.pid
        self._pending = self._send(WARM_UP) if warm else None  # the kernel imports while the caller works

    def _send(self, code: str) -> tuple:
        client = self.km.client()
        client.start_channels()
        return client, client.execute(code, silent=True, store_history=False)

    def _wait(self, pending: tuple) -> None:
        """Wait for the reply to code sent with :meth:`_send`; raise if it failed or the kernel died."""
        client, msg_id = pending
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if not self.km.is_alive():
                raise RuntimeError(f"kernel {self.pid} died")
            try:
                reply = run_sync(client.get_shell_msg)(timeout=1)
            except queue.Empty:
                continue
            if reply["parent_header"].get("msg_id") == msg_id:
                content = reply["content"]
                if content["status"] != "ok":
                    raise RuntimeError(f"kernel {self.pid}: {content.get('ename')}: {content.get('evalue')}")
                return
        raise TimeoutError(f"kernel {self.pid} did not answer within {START_TIMEOUT} s")

    def _run_code(self, code: str) -> None:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self._wait(pending)
        self._wait(self._send(code))

    @property
    def reusable(self) -> bool:
        """Warm, alive and without a failed run (a kernel that failed is discarded)."""
        return self.warm and not self.failed and self.km.is_alive()

    def execute_notebook(self, notebook: str | Path, output: str | Path, parameters: dict):
        """Run ``notebook`` with ``parameters`` into ``output`` (papermill); return the executed notebook.

        Raises what :func:`papermill.execute_notebook` raises (``PapermillExecutionError`` for a
        failing cell, with the partly executed notebook written; ``DeadKernelError`` when the
        kernel dies); the kernel is then marked failed.
        """
        import nbformat
        import papermill

        try:
            if self.warm:
                self._run_code(RESET)
            nb = papermill.execute_notebook(str(notebook), str(output), parameters=parameters,
                                            kernel_name=KERNEL_NAME, km=self.km, progress_bar=False,
                                            log_output=False, request_save_on_cell_execute=False,
                                            start_timeout=START_TIMEOUT)
        except BaseException:
            self.failed = True
            raise
        if _stabilise_svg_outputs(nb):
            nbformat.write(nb, str(output))
        return nb

    def kill(self) -> None:
        """SIGKILL the kernel's process group at once (safe from any thread)."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, signal.SIGKILL)

    def shutdown(self) -> None:
        """Stop the kernel now and remove its connection file."""
        with contextlib.suppress(Exception):
            self.km.shutdown_kernel(now=True)
        if self.km._last_client is not None:
            self.km._last_client.stop_channels()


@contextlib.contextmanager
def one_run_kernel(cwd: str | Path):
    """A :class:`Kernel` for one run, not warm, for a run without a batch's pool (a Dask worker's).

    Its connection file and sockets are in a folder of its own (:func:`sjzforecast.runtime.make_batch_folder`,
    named with this process's id), removed with the kernel; should this process be killed first,
    the next batch removes it.
    """
    from .runtime import make_batch_folder

    folder = make_batch_folder()
    kernel = None
    try:
        kernel = Kernel(cwd, warm=False, runtime_folder=folder)
        yield kernel
    finally:
        if kernel is not None:
            kernel.shutdown()
        shutil.rmtree(folder, ignore_errors=True)
