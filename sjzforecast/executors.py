"""Where batch runs execute: on a pool of local Jupyter kernels, or on a Dask cluster.

Each mapper yields ``(index, outcome)`` as runs finish, so the caller can show progress and
put results back in order.  An outcome is the function's return value or the exception it
raised (the batch turns that into a failed run: one lost kernel must not lose the batch).
"""
from __future__ import annotations

import logging
import queue
import shutil
import threading

from .errors import SjzforecastError

logger = logging.getLogger(__name__)

EXECUTORS = ("process", "dask")
#: How to install what the dask executor needs: the ``dask`` extra of pyproject.toml.
DASK_INSTALL = "pip install -e '.[dask]' in the project folder (the dask extra: dask[distributed])"


def require_dask():
    """The ``distributed`` module (Dask's distributed scheduler), which the dask executor runs on.

    Raises
    ------
    SjzforecastError
        ``distributed`` is not installed; the message says how to install it (:data:`DASK_INSTALL`).
    """
    try:
        import distributed
    except ImportError as exc:
        raise SjzforecastError(f"--executor dask needs the 'distributed' package, which is not installed "
                               f"({exc}); install it with {DASK_INSTALL}") from exc
    return distributed


class KernelPool:
    """``jobs`` Jupyter kernels (:class:`sjzforecast.kernels.Kernel`), each driven by a thread.

    Use as a context manager: leaving it (normally, on an error, on ``KeyboardInterrupt`` or
    ``SystemExit`` from a signal) kills every kernel still running.  A kernel that dies fails
    only the run it held, which is retried once on a new kernel; a kernel that fails a run is
    replaced.  A :class:`sjzforecast.watchdog.Watchdog`, if given, is told every kernel's
    process group, so that it kills them if the batch itself is killed.  The kernels' connection
    files and sockets are in a folder of the pool's own (:func:`sjzforecast.runtime.make_batch_folder`),
    removed on leaving, and named to the watchdog too.

    Parameters
    ----------
    jobs : number of kernels (runs in parallel).
    cwd : working directory of the notebooks.
    warm : keep kernels warm between runs (else a new kernel per run).
    watchdog : optional.
    """

    def __init__(self, jobs: int, cwd, warm: bool = True, watchdog=None):
        self.jobs, self.cwd, self.warm, self.watchdog = max(jobs, 1), cwd, warm, watchdog
        self._stop = threading.Event()
        self._live: set = set()
        self._tasks: queue.Queue = queue.Queue()
        self._results: queue.Queue = queue.Queue()
        self._fn = None
        self.runtime_folder = None
        self._threads = [threading.Thread(target=self._work, daemon=True, name=f"kernel-{n}")
                         for n in range(self.jobs)]

    def __enter__(self) -> KernelPool:
        """Start the threads; each starts its kernel at once, so kernels warm up while runs are prepared."""
        from .runtime import make_batch_folder

        self.runtime_folder = make_batch_folder()
        if self.watchdog is not None:
            self.watchdog.tell("remove", self.runtime_folder)
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        for _ in self._threads:
            self._tasks.put(None)
        for kernel in list(self._live):
            kernel.kill()
        for thread in self._threads:
            thread.join(timeout=10)
        shutil.rmtree(self.runtime_folder, ignore_errors=True)

    def _start_kernel(self):
        from .kernels import Kernel

        kernel = Kernel(self.cwd, warm=self.warm, runtime_folder=self.runtime_folder)
        self._live.add(kernel)
        if self.watchdog is not None:
            self.watchdog.tell("kill", kernel.pid)
        return kernel

    def _discard(self, kernel) -> None:
        kernel.shutdown()
        self._live.discard(kernel)
        if self.watchdog is not None:
            self.watchdog.tell("forget", kernel.pid)

    def _work(self) -> None:
        kernel = None
        try:
            kernel = self._start_kernel() if self.warm else None
        except Exception as exc:  # noqa: BLE001 - the first run on this thread retries and reports it
            logger.warning("a kernel did not start: %s", exc)
        while not self._stop.is_set():
            task = self._tasks.get()
            if task is None:
                break
            index, item, attempt = task
            try:
                kernel = kernel or self._start_kernel()
                outcome = self._fn(item, kernel)
            except Exception as exc:  # noqa: BLE001 - reported as a failed run
                outcome = exc
            if kernel is not None and not kernel.reusable:
                died = not kernel.km.is_alive()
                self._discard(kernel)
                kernel = None
                if died and attempt == 1 and not self._stop.is_set():
                    logger.warning("the kernel of run %d died; retrying the run once on a new kernel", index)
                    self._tasks.put((index, item, 2))
                    continue
            self._results.put((index, outcome))
        if kernel is not None:
            self._discard(kernel)

    def map(self, fn, items: list):
        """``fn(item, kernel)`` for every item; yields ``(index, outcome)`` as runs finish."""
        self._fn = fn
        for index, item in enumerate(items):
            self._tasks.put((index, item, 1))
        for _ in items:
            while True:
                try:
                    yield self._results.get(timeout=0.5)
                    break
                except queue.Empty:
                    if not any(thread.is_alive() for thread in self._threads) and self._results.empty():
                        raise RuntimeError("every kernel thread stopped before the batch finished") from None


def map_dask(fn, items: list, scheduler: str | None = None, jobs: int = 1):
    """``fn`` over ``items`` on a Dask distributed cluster.

    Parameters
    ----------
    scheduler : str, optional
        Address of a running scheduler (``tcp://host:8786``); None starts a ``LocalCluster``
        of ``jobs`` single-threaded worker processes for the duration of the batch.

    Notes
    -----
    The workers need ``sjzforecast`` installed and the project's data and notebooks at the same
    place (or ``SJZFORECAST_ROOT`` set); they return their outputs, so they need no shared disk.
    """
    distributed = require_dask()
    cluster = None
    if scheduler is None:
        cluster = distributed.LocalCluster(n_workers=max(jobs, 1), threads_per_worker=1, processes=True,
                                           dashboard_address=None)
        scheduler = cluster
    try:
        with distributed.Client(scheduler) as client:
            logger.info("dask executor: %s", client)
            futures = client.map(fn, items, pure=False)
            index = {future.key: i for i, future in enumerate(futures)}
            for future in distributed.as_completed(futures):
                try:
                    yield index[future.key], future.result()
                except Exception as exc:  # noqa: BLE001 - e.g. KilledWorker; reported as a failed run
                    yield index[future.key], exc
    finally:
        if cluster is not None:
            cluster.close()
