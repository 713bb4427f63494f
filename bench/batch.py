"""Batch benchmark: ``sjzforecast batch`` against plain papermill CLI runs of the same params files.

    .venv/bin/python bench/batch.py [--jobs 2] [--grid 100]

Prints, in one run:

* plain papermill: the ``papermill`` command once per shipped briefing params file (the files
  without ``grid`` or ``notebook``), ``--jobs`` at a time: what a user would otherwise script
  (notebooks only, no HTML);
* this batch: ``sjzforecast batch`` over the same files at the same ``--jobs``, HTML included,
  from the command's start to its exit;
* their ratio, and the median seconds per run of each;
* a grid of ``--grid`` runs (one params file sweeping ``seed``), wall time and seconds per run;
  with a smaller grid the 100-run time is extrapolated from the per-run rate, and says so.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
NOTEBOOK = ROOT / "notebooks" / "indicator_briefing.ipynb"


def briefing_params() -> list[Path]:
    """The shipped params files that make one briefing each (no grid, default notebook)."""
    files = []
    for path in sorted((ROOT / "params").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if "grid" not in doc and "notebook" not in doc and "name" not in doc:
            files.append(path)
    return files


def papermill_once(params: Path, out_dir: Path) -> float:
    started = time.perf_counter()
    subprocess.run([str(BIN / "papermill"), str(NOTEBOOK), str(out_dir / f"{params.stem}.ipynb"), "-f", str(params),
                    "--cwd", str(NOTEBOOK.parent), "--no-progress-bar"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def plain_papermill(files: list[Path], jobs: int) -> tuple[float, list[float]]:
    """Wall seconds of the papermill CLI over ``files``, ``jobs`` at a time, and each run's seconds."""
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(jobs) as pool:
        started = time.perf_counter()
        per_run = list(pool.map(lambda f: papermill_once(f, Path(tmp)), files))
        return time.perf_counter() - started, per_run


def sjzforecast_batch(params: Path, jobs: int, *flags: str) -> tuple[float, list[float], int]:
    """Wall seconds of ``sjzforecast batch``, each run's seconds (from the manifest) and the failures."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "reports"
        started = time.perf_counter()
        subprocess.run([str(BIN / "sjzforecast"), "batch", str(params), "--out", str(out), "--jobs", str(jobs),
                        "--no-progress", "--yes", *flags], stdout=subprocess.DEVNULL, check=False)
        wall = time.perf_counter() - started
        runs = json.loads((out / ".sjzforecast-manifest.json").read_text(encoding="utf-8"))["runs"].values()
    return wall, [row["seconds"] for row in runs], sum(row["status"] != "ok" for row in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--grid", type=int, default=100, help="runs of the grid (default 100)")
    parser.add_argument("--fresh", action="store_true", help="also time the batch with --fresh-kernels")
    args = parser.parse_args()

    files = briefing_params()
    with tempfile.TemporaryDirectory() as tmp:
        params = Path(tmp) / "params"
        params.mkdir()
        for f in files:
            shutil.copy(f, params / f.name)
        (Path(tmp) / "grid").mkdir()
        grid = Path(tmp) / "grid" / "grid.yaml"
        grid.write_text(f"indicator: rd_intensity\ngrid:\n  seed: {list(range(args.grid))}\n", encoding="utf-8")

        pm_wall, pm_runs = plain_papermill(files, args.jobs)
        rows = [("plain papermill CLI", pm_wall, pm_runs, 0)]
        rows.append(("sjzforecast batch (+HTML)", *sjzforecast_batch(params, args.jobs)))
        if args.fresh:
            rows.append(("sjzforecast batch --fresh-kernels", *sjzforecast_batch(params, args.jobs, "--fresh-kernels")))
        grid_wall, grid_runs, grid_failed = sjzforecast_batch(grid, args.jobs)

    print(f"{len(files)} briefing params files, --jobs {args.jobs}")
    print(f"{'what':<36}{'wall s':>9}{'runs':>6}{'median s/run':>14}{'failed':>8}")
    for what, wall, per_run, failed in rows:
        print(f"{what:<36}{wall:>9.1f}{len(per_run):>6}{statistics.median(per_run):>14.2f}{failed:>8}")
    print(f"\nbatch is {pm_wall / rows[1][1]:.2f}x faster than plain papermill")
    rate = grid_wall / len(grid_runs)
    print(f"grid of {len(grid_runs)} runs: {grid_wall:.1f} s ({rate:.2f} s a run, median {statistics.median(grid_runs):.2f} s "
          f"in its kernel), {grid_failed} failed")
    if len(grid_runs) != 100:
        print(f"100 runs, extrapolated from this grid's rate: about {100 * rate:.0f} s")


if __name__ == "__main__":
    main()
