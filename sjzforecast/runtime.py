"""A batch's own folder for its kernels' connection files and sockets.

Each batch makes ``<Jupyter runtime folder>/sjzforecast-batch-<pid>-<random>/`` (mode 0700),
its kernels write their connection files and IPC sockets there
(:class:`sjzforecast.kernels.IpcTransport`; a run without the batch's kernels, e.g. on a Dask
worker, makes one for its own kernel, :func:`sjzforecast.kernels.one_run_kernel`), and the
batch removes the folder when it ends,
normally or by ``SIGINT``/``SIGTERM``.  A batch killed by ``SIGKILL`` cannot; its watchdog
removes the folder (:mod:`sjzforecast.watchdog`), and should the watchdog be killed too, the
next batch removes every such folder whose process (the ``<pid>`` of its name) is gone.
Nothing else in the runtime folder is touched.
"""
from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
from pathlib import Path

logger = logging.getLogger(__name__)

PREFIX = "sjzforecast-batch-"
#: A batch's folder: the prefix, the batch's process id, the random part of :func:`tempfile.mkdtemp`.
FOLDER_NAME = re.compile(rf"{PREFIX}(?P<pid>\d+)-\w{{8}}")


def jupyter_runtime_folder() -> Path:
    """Jupyter's runtime folder (``JUPYTER_RUNTIME_DIR`` or the user's), made private if new."""
    from jupyter_core.paths import jupyter_runtime_dir

    folder = Path(jupyter_runtime_dir())
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def process_alive(pid: int) -> bool:
    """Whether a process ``pid`` exists (signal 0; a process of another user counts as alive)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale(parent: Path) -> list[Path]:
    """Remove the batch folders in ``parent`` whose batch process is gone; return them.

    Only directories named like :data:`FOLDER_NAME` are considered.  A process id reused by
    another process keeps its folder until that process ends too.
    """
    stale = []
    for entry in parent.iterdir():
        match = FOLDER_NAME.fullmatch(entry.name)
        if match and entry.is_dir() and not entry.is_symlink() and not process_alive(int(match["pid"])):
            shutil.rmtree(entry, ignore_errors=True)
            stale.append(entry)
    if stale:
        logger.info("removed %d kernel folders of batches that were killed: %s", len(stale),
                    ", ".join(path.name for path in stale))
    return stale


def make_batch_folder(parent: Path | None = None) -> Path:
    """A new folder for this batch's kernel files (the caller removes it); stale folders are removed first.

    Parameters
    ----------
    parent : Path, optional
        Where the folder is made; Jupyter's runtime folder by default (:func:`jupyter_runtime_folder`).
    """
    parent = parent or jupyter_runtime_folder()
    remove_stale(parent)
    return Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=parent))
