"""Report folders that batches update, never wipe.

A report folder belongs to the batch when it holds the manifest file
(:data:`MANIFEST_NAME`), a JSON list of the runs the batch wrote and their files.  A batch:

1. refuses an ``--out`` that is, holds or lies inside a folder of the project's own (params,
   data, notebooks, the package) or holds the project root, and a non-empty folder without a
   manifest (:func:`check_out_dir`);
2. takes the folder's lock (:data:`LOCK_NAME`, an ``flock`` on a file holding the batch's PID):
   a second batch on the same folder waits, or stops with a message; the operating system
   releases the lock of a batch that died, so a lock file left behind is stale and is taken over;
3. writes each run into a staging folder inside the report folder and renames its files into
   place (:meth:`ReportFolder.commit`), so a page is either the old one or the new one, whole;
4. rebuilds ``index.html`` from the manifest, so a one-file batch updates one row.

A run that fails keeps the previous good page, marked stale with the new error.  Files the
manifest does not list (the user's own) are never touched.  Folders and files follow the
user's umask.
"""
from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import logging
import os
import re
import shutil
import time
from pathlib import Path

from .errors import SjzforecastError
from .runtime import process_alive

logger = logging.getLogger(__name__)

MANIFEST_NAME = ".sjzforecast-manifest.json"
LOCK_NAME = ".sjzforecast.lock"
STAGING_PREFIX = ".staging-"
MANIFEST_FORMAT = 1
#: Keys of a manifest entry that name files of the report folder.
FILE_KEYS = ("html", "notebook", "failed_notebook", "pdf")


def _overlaps(a: Path, b: Path) -> bool:
    return a == b or a in b.parents or b in a.parents


def check_out_dir(out: Path, protected: dict[str, Path], root: Path) -> None:
    """Refuse an output folder that could destroy or mix with files that are not the batch's.

    Parameters
    ----------
    out : the report folder (resolved).
    protected : what -> folder; ``out`` may be none of them, nor inside or around one.
    root : the project root; ``out`` may lie inside it, but be neither it nor around it.

    Raises
    ------
    SjzforecastError
        Naming the folder and the reason.
    """
    for what, folder in protected.items():
        folder = folder.resolve()
        if _overlaps(out, folder):
            relation = "is" if out == folder else "lies inside" if folder in out.parents else "holds"
            raise SjzforecastError(f"--out {out} {relation} the {what} {folder}: refusing to write a report "
                                   "there; choose a folder of its own, e.g. reports/")
    root = root.resolve()
    if out == root or out in root.parents:
        raise SjzforecastError(f"--out {out} holds the project root {root}: refusing to write a report there; "
                               "choose a folder of its own, e.g. reports/")
    if out.exists() and not out.is_dir():
        raise SjzforecastError(f"--out {out} is a file, not a folder")
    if out.is_dir() and not (out / MANIFEST_NAME).exists():
        foreign = [p.name for p in out.iterdir() if p.name != LOCK_NAME and not p.name.startswith(STAGING_PREFIX)]
        if foreign:
            raise SjzforecastError(
                f"--out {out} is not empty ({len(foreign)} entries, e.g. {sorted(foreign)[0]!r}) and holds no "
                f"report of sjzforecast (no {MANIFEST_NAME}): refusing to write into it; choose a new or empty "
                "folder")


def write_atomic(path: Path, write) -> None:
    """Write ``path`` with ``write(temporary path)`` (same folder), then rename it into place."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


class FolderLock:
    """An exclusive ``flock`` on ``LOCK_NAME`` holding the owner's PID.

    Parameters
    ----------
    folder : the report folder (it must exist).
    wait : wait for another batch to finish (True) or raise at once (False).
    """

    def __init__(self, folder: Path, wait: bool = True):
        self.path = folder / LOCK_NAME
        self.wait = wait
        self._fd: int | None = None

    def holder(self) -> str:
        with contextlib.suppress(OSError):
            return (self.path.read_text(encoding="utf-8").split() or ["unknown"])[0]
        return "unknown"

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                holder = self.holder()
                if not self.wait:
                    raise SjzforecastError(f"{self.path.parent} is being written by another batch (PID {holder}); "
                                           "try again when it has finished, or choose another --out") from None
                logger.warning("%s is being written by another batch (PID %s); waiting for it to finish",
                               self.path.parent, holder)
                fcntl.flock(fd, fcntl.LOCK_EX)
            previous = self.holder()
            if previous.isdigit() and int(previous) != os.getpid() and not process_alive(int(previous)):
                logger.info("taking over the stale lock of batch PID %s, which is no longer running", previous)
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()} {time.strftime('%Y-%m-%dT%H:%M:%S')}\n".encode(), 0)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            os.ftruncate(self._fd, 0)
        os.close(self._fd)  # closing the descriptor releases the flock
        self._fd = None


class ReportFolder:
    """A locked report folder with its manifest: open with ``with ReportFolder(...) as folder``.

    Parameters
    ----------
    path : report folder (created if missing).
    protected, root : see :func:`check_out_dir`.
    wait : wait for a concurrent batch on the same folder (else raise).
    """

    def __init__(self, path: str | Path, protected: dict[str, Path], root: Path, wait: bool = True):
        self.path = Path(path).resolve()
        check_out_dir(self.path, protected, root)
        self.lock = FolderLock(self.path, wait)
        self.runs: dict[str, dict] = {}
        self.staging: Path | None = None

    # -- opening and closing ---------------------------------------------------------------------

    def __enter__(self) -> ReportFolder:
        self.path.mkdir(parents=True, exist_ok=True)  # mode 0o777 less the umask
        self.lock.acquire()
        try:
            self.runs = self._read_manifest()
            self._remove_stale_staging()
            self.staging = self.path / f"{STAGING_PREFIX}{os.getpid()}"
            self.staging.mkdir()
            if not (self.path / MANIFEST_NAME).exists():
                self.write_manifest()
        except BaseException:
            self.lock.release()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.remove_staging()
        self.lock.release()

    def remove_staging(self) -> None:
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)

    def _remove_stale_staging(self) -> None:
        """Staging folders of batches that died (the lock is ours, so no live batch uses them)."""
        for stale in self.path.glob(f"{STAGING_PREFIX}*"):
            logger.info("removing %s, left by a batch that did not finish", stale)
            shutil.rmtree(stale, ignore_errors=True)

    # -- manifest ----------------------------------------------------------------------------------

    def _read_manifest(self) -> dict[str, dict]:
        path = self.path / MANIFEST_NAME
        if not path.exists():
            return {}
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            runs = doc["runs"]
            if not isinstance(runs, dict):
                raise TypeError("'runs' is not a mapping")
        except (ValueError, KeyError, TypeError) as exc:
            raise SjzforecastError(f"{path}: not a manifest of sjzforecast ({exc}); move the folder aside "
                                   "or choose another --out") from None
        return runs

    def write_manifest(self) -> None:
        doc = {"format": MANIFEST_FORMAT, "runs": self.runs}
        text = json.dumps(doc, ensure_ascii=False, indent=1)
        write_atomic(self.path / MANIFEST_NAME, lambda tmp: tmp.write_text(text, encoding="utf-8"))

    # -- runs --------------------------------------------------------------------------------------

    def _move_in(self, staged: str | None, target: str) -> str | None:
        """Rename a staged file (relative to the staging folder) to ``target`` (relative to the folder)."""
        if staged is None or not (self.staging / staged).exists():
            return None
        destination = self.path / target
        destination.parent.mkdir(parents=True, exist_ok=True)
        os.replace(self.staging / staged, destination)
        return target

    def _remove(self, rel: str | None) -> None:
        """Delete a file the manifest lists; never one outside the folder."""
        if not rel:
            return
        path = (self.path / rel).resolve()
        if self.path not in path.parents:
            logger.warning("%s lists %r, outside the report folder: left alone", MANIFEST_NAME, rel)
            return
        with contextlib.suppress(FileNotFoundError):
            path.unlink()

    def commit(self, entry: dict) -> dict:
        """Move a finished run's staged files into place and record it in the manifest.

        Parameters
        ----------
        entry : dict
            The run's row (``name``, ``status``, ``html`` and ``notebook`` relative to the staging
            folder, ``error``, ...).

        Returns
        -------
        dict
            The row as recorded: a failed run whose previous page was good keeps that page and
            notebook, with ``stale`` true, the new ``error`` and the new notebook as
            ``failed_notebook`` (``notebooks/<name>.failed.ipynb``).
        """
        name, previous = entry["name"], self.runs.get(entry["name"], {})
        entry = {**entry, "stale": False, "failed_notebook": None,
                 "updated": time.strftime("%Y-%m-%dT%H:%M:%S")}
        if entry["status"] == "failed" and previous.get("html"):  # keep the last good page, marked stale
            failed = self._move_in(entry["notebook"], f"notebooks/{name}.failed.ipynb")
            if previous.get("failed_notebook") != failed:
                self._remove(previous.get("failed_notebook"))
            entry = {**previous, "status": "failed", "stale": True, "error": entry["error"],
                     "failed_notebook": failed, "updated": entry["updated"]}
        else:
            entry["html"] = self._move_in(entry["html"], f"{name}.html")
            entry["notebook"] = self._move_in(entry["notebook"], f"notebooks/{name}.ipynb")
            entry["pdf"] = self._move_in(entry.get("pdf"), f"{name}.pdf")
            for key in FILE_KEYS:
                if previous.get(key) not in (entry["html"], entry["notebook"], entry["pdf"]):
                    self._remove(previous.get(key))
        self.runs[name] = entry
        self.write_manifest()
        return entry

    def prune(self, names) -> list[str]:
        """Remove these runs' files and manifest entries; return the names removed."""
        removed = []
        for name in names:
            entry = self.runs.pop(name, None)
            if entry is None:
                continue
            for key in FILE_KEYS:
                self._remove(entry.get(key))
            removed.append(name)
        if removed:
            self.write_manifest()
        return removed

    def orphans(self, params_files, run_names) -> list[str]:
        """Runs whose params file is gone, or was run now without making that run (say, a changed grid)."""
        params_files = {str(Path(f).resolve()) for f in params_files}
        return [name for name, entry in self.runs.items() if name not in run_names
                and (entry.get("params_path") in params_files or not Path(entry.get("params_path", "")).is_file())]


def _run_order(row: dict) -> tuple:
    """Params file name, then run name with its numbers compared as numbers (``-8.0`` before ``-10.0``)."""
    name = [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", row["name"])]
    return Path(row.get("params_file") or "").name, name


def index_rows(runs: dict[str, dict]) -> list[dict]:
    """The index page's rows, one per run of the manifest, by params file and run name."""
    return sorted(runs.values(), key=_run_order)
