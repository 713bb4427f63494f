"""Report folders: refusals, manifest, stale pages, pruning, lock and umask (no kernels needed)."""
import json
import os
import stat
import subprocess
import sys

import pytest

from sjzforecast import batch, paths
from sjzforecast.errors import SjzforecastError
from sjzforecast.reportdir import (LOCK_NAME, MANIFEST_NAME, FolderLock, ReportFolder, check_out_dir,
                                   index_rows, write_atomic)


def snapshot(folder):
    """Every file under ``folder`` with its bytes."""
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def open_folder(out, params=None, wait=True):
    params = params or out.parent / "params"
    return ReportFolder(out, batch.protected_folders(params), paths.ROOT, wait=wait)


def stage(folder, name, status="ok", html="<html>new</html>", notebook="{}", error=None):
    """A finished run's files in the staging folder, and its row."""
    if html is not None:
        (folder.staging / f"{name}.html").write_text(html)
    if notebook is not None:
        (folder.staging / "notebooks").mkdir(exist_ok=True)
        (folder.staging / "notebooks" / f"{name}.ipynb").write_text(notebook)
    params_file = str(folder.path.parent / "params" / f"{name}.yaml")
    return {"name": name, "params_file": params_file, "params_path": params_file, "status": status,
            "html": f"{name}.html" if html is not None else None,
            "notebook": f"notebooks/{name}.ipynb" if notebook is not None else None, "error": error}


@pytest.mark.parametrize("where", ["params", "data", "data/raw", "notebooks", "root", "above root"])
def test_out_at_a_project_folder_is_refused_and_nothing_is_touched(where):
    out = {"params": paths.PARAMS_DIR, "data": paths.DATA_DIR, "data/raw": paths.DATA_DIR / "raw",
           "notebooks": paths.NOTEBOOKS_DIR, "root": paths.ROOT, "above root": paths.ROOT.parent}[where]
    before = snapshot(paths.DATA_DIR) if where.startswith("data") else None
    with pytest.raises(SjzforecastError, match="refusing to write a report there"):
        batch.run_batch(paths.PARAMS_DIR, out, progress=False)
    if before is not None:
        assert snapshot(paths.DATA_DIR) == before
    assert not (out / MANIFEST_NAME).exists() and not (out / LOCK_NAME).exists()


def test_out_inside_the_params_folder_given_is_refused(tmp_path):
    params = tmp_path / "myparams"
    params.mkdir()
    (params / "a.yaml").write_text("indicator: rd_intensity\n")
    with pytest.raises(SjzforecastError, match="lies inside the params folder"):
        batch.run_batch(params, params / "reports", progress=False)
    assert [p.name for p in params.iterdir()] == ["a.yaml"]


def test_a_foreign_non_empty_folder_is_refused_with_nothing_deleted(tmp_path):
    out = tmp_path / "mine"
    (out / "sub").mkdir(parents=True)
    (out / "thesis.docx").write_bytes(b"mine")
    (out / "sub" / "notes.txt").write_text("mine")
    before = snapshot(out)
    with pytest.raises(SjzforecastError, match="not empty .* holds no report of sjzforecast"):
        batch.run_batch(paths.PARAMS_DIR / "rd_intensity_2025.yaml", out, progress=False)
    assert snapshot(out) == before and sorted(p.name for p in out.iterdir()) == ["sub", "thesis.docx"]


def test_a_folder_inside_the_project_root_is_fine():
    check_out_dir(paths.ROOT / "reports-not-made-yet", batch.protected_folders(paths.PARAMS_DIR), paths.ROOT)


def test_commit_moves_files_in_and_a_failure_keeps_the_good_page_marked_stale(tmp_path):
    out = tmp_path / "reports"
    with open_folder(out) as folder:
        folder.commit(stage(folder, "a"))
        folder.commit(stage(folder, "b"))
        row = folder.commit(stage(folder, "a", status="failed", html=None, notebook='{"partial": 1}',
                                  error="ZeroDivisionError: boom"))
    assert row["stale"] and row["status"] == "failed" and row["error"] == "ZeroDivisionError: boom"
    assert row["html"] == "a.html" and row["notebook"] == "notebooks/a.ipynb"
    assert row["failed_notebook"] == "notebooks/a.failed.ipynb"
    assert (out / "a.html").read_text() == "<html>new</html>"
    assert (out / "notebooks" / "a.failed.ipynb").read_text() == '{"partial": 1}'
    manifest = json.loads((out / MANIFEST_NAME).read_text())
    assert list(manifest["runs"]) == ["a", "b"] and manifest["runs"]["a"]["stale"]
    assert not list(out.glob(".staging-*"))

    with open_folder(out) as folder:  # the next good run replaces the page and drops the failed notebook
        row = folder.commit(stage(folder, "a", html="<html>newer</html>"))
    assert not row["stale"] and (out / "a.html").read_text() == "<html>newer</html>"
    assert not (out / "notebooks" / "a.failed.ipynb").exists()


def test_a_first_failure_keeps_its_partial_notebook_under_the_run_name(tmp_path):
    with open_folder(tmp_path / "reports") as folder:
        row = folder.commit(stage(folder, "x", status="failed", html=None, error="E"))
    assert row["notebook"] == "notebooks/x.ipynb" and row["html"] is None and not row["stale"]
    assert index_rows(folder.runs) == [row]


def test_orphans_are_listed_and_only_prune_removes_them_leaving_the_users_files(tmp_path):
    out, params = tmp_path / "reports", tmp_path / "params"
    params.mkdir()
    for name in ("a", "b", "c"):
        (params / f"{name}.yaml").write_text("indicator: rd_intensity\n")
    with open_folder(out, params) as folder:
        for name in ("a", "b", "c"):
            folder.commit(stage(folder, name))
    (out / "my_notes.txt").write_text("mine")
    (params / "b.yaml").unlink()
    with open_folder(out, params) as folder:
        # c.yaml was run again but no longer makes run "c" (say its grid changed)
        assert folder.orphans([params / "a.yaml", params / "c.yaml"], {"a", "c__seed-1"}) == ["b", "c"]
        assert folder.prune(["b"]) == ["b"]
    assert not (out / "b.html").exists() and not (out / "notebooks" / "b.ipynb").exists()
    assert (out / "a.html").exists() and (out / "my_notes.txt").read_text() == "mine"
    assert "b" not in json.loads((out / MANIFEST_NAME).read_text())["runs"]


def test_a_manifest_entry_pointing_outside_the_folder_deletes_nothing(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    out = tmp_path / "reports"
    with open_folder(out) as folder:
        folder.runs["evil"] = {"name": "evil", "html": "../victim.txt", "notebook": None}
        folder.prune(["evil"])
    assert victim.read_text() == "keep"


def test_a_second_batch_on_the_same_folder_stops_with_the_holders_pid(tmp_path):
    out = tmp_path / "reports"
    with open_folder(out):
        with pytest.raises(SjzforecastError, match=f"another batch \\(PID {os.getpid()}\\)"):
            with open_folder(out, wait=False):
                pass
    with open_folder(out, wait=False):  # released
        pass


def test_a_lock_left_by_a_dead_batch_is_taken_over(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True).stdout.strip()
    out = tmp_path / "reports"
    out.mkdir()
    (out / LOCK_NAME).write_text(f"{dead} 2026-01-01T00:00:00\n")
    (out / ".staging-123").mkdir()
    lock = FolderLock(out, wait=False)
    lock.acquire()
    assert (out / LOCK_NAME).read_text().split()[0] == str(os.getpid())
    lock.release()
    with open_folder(out, wait=False) as folder:  # a lock file and a dead batch's staging: not foreign
        assert [p.name for p in out.glob(".staging-*")] == [folder.staging.name]


@pytest.mark.parametrize("umask, folder_mode, file_mode", [(0o022, 0o755, 0o644), (0o002, 0o775, 0o664)])
def test_folder_and_files_follow_the_umask(tmp_path, umask, folder_mode, file_mode):
    old = os.umask(umask)
    try:
        out = tmp_path / "reports"
        with open_folder(out) as folder:
            folder.commit(stage(folder, "a"))
            write_atomic(out / "index.html", lambda tmp: tmp.write_text("<html></html>"))
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == folder_mode
    assert stat.S_IMODE((out / "notebooks").stat().st_mode) == folder_mode
    for name in ("a.html", "notebooks/a.ipynb", "index.html", MANIFEST_NAME, LOCK_NAME):
        assert stat.S_IMODE((out / name).stat().st_mode) == file_mode, name
