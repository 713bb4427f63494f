"""Where batch runs execute: in this process, in a local process pool, or on a Dask cluster.

Each mapper takes a picklable function and a list of items and yields ``(index, outcome)``
as runs finish, so the caller can show progress and put results back in order.  An outcome
is either the function's return value or the exception it raised (the batch turns that
into a failed run: one lost worker must not lose the batch).
"""
from __future__ import annotations

import logging
import multiprocessing
from concurrent.futures import ProcessPoolExecutor, as_completed

logger = logging.getLogger(__name__)

EXECUTORS = ("process", "dask")


def map_local(fn, items: list, jobs: int = 1):
    """``fn`` over ``items``: in this process for ``jobs == 1``, else in a pool of ``jobs`` processes.

    Workers are started with ``spawn``, not ``fork``: a forked child of a process that runs
    threads (a browser driver, a Dask client, a Jupyter server) can deadlock on a lock held
    by a thread that does not exist in the child.
    """
    if jobs <= 1:
        for i, item in enumerate(items):
            try:
                yield i, fn(item)
            except Exception as exc:  # noqa: BLE001 - reported as a failed run
                yield i, exc
        return
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = {pool.submit(fn, item): i for i, item in enumerate(items)}
        for future in as_completed(futures):
            exc = future.exception()
            yield futures[future], exc if exc is not None else future.result()


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
    try:
        from distributed import Client, LocalCluster, as_completed as dask_as_completed
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("the dask executor needs dask.distributed: pip install 'sjzforecast[dask]'") from exc

    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=max(jobs, 1), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        scheduler = cluster
    try:
        with Client(scheduler) as client:
            logger.info("dask executor: %s", client)
            futures = client.map(fn, items, pure=False)
            index = {future.key: i for i, future in enumerate(futures)}
            for future in dask_as_completed(futures):
                try:
                    yield index[future.key], future.result()
                except Exception as exc:  # noqa: BLE001 - e.g. KilledWorker; reported as a failed run
                    yield index[future.key], exc
    finally:
        if cluster is not None:
            cluster.close()
