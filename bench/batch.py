"""Batch benchmark: wall time of the full batch at --jobs 1 and --jobs 2, the median time per
notebook, and a bare papermill run of an empty notebook as the floor.

    .venv/bin/python bench/batch.py [params/] [--repeat 3]

The floor is what papermill and a fresh kernel cost with nothing to run; the difference
between it and the median per notebook is what sjzforecast adds (imports, model fit,
simulation, charts, HTML with the inlined Vega bundle and SVG fallbacks).
"""
from __future__ import annotations

import argparse
import logging
import statistics
import tempfile
import time
from pathlib import Path

import nbformat
import papermill

from sjzforecast import batch, paths


def floor_seconds(repeat: int) -> list[float]:
    """Seconds of papermill running a notebook with one empty cell, ``repeat`` times."""
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        nb = Path(tmp) / "empty.ipynb"
        nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("")]), str(nb))
        for _ in range(repeat):
            started = time.perf_counter()
            papermill.execute_notebook(str(nb), str(Path(tmp) / "out.ipynb"), kernel_name=batch.KERNEL_NAME,
                                       progress_bar=False, log_output=False)
            times.append(time.perf_counter() - started)
    return times


def batch_seconds(params: Path, jobs: int) -> tuple[float, list[float], int]:
    """Wall seconds of one batch, the seconds of each run, and the number of failed runs."""
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        results = batch.run_batch(params, Path(tmp) / "reports", jobs=jobs, progress=False)
        wall = time.perf_counter() - started
    return wall, [r.seconds for r in results], sum(r.status != "ok" for r in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("params", nargs="?", default=str(paths.PARAMS_DIR))
    parser.add_argument("--repeat", type=int, default=3, help="runs of the empty notebook for the floor")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    rows = []
    for jobs in (1, 2):
        wall, per_run, failed = batch_seconds(Path(args.params), jobs)
        rows.append((f"batch --jobs {jobs}", wall, len(per_run), statistics.median(per_run), failed))
    floor = floor_seconds(args.repeat)
    rows.append(("papermill, empty notebook", sum(floor), len(floor), statistics.median(floor), 0))

    print(f"{'what':<28}{'wall s':>9}{'runs':>6}{'median s/run':>14}{'failed':>8}")
    for what, wall, n, median, failed in rows:
        print(f"{what:<28}{wall:>9.2f}{n:>6}{median:>14.2f}{failed:>8}")
    overhead = rows[0][3] - rows[-1][3]
    print(f"\nper notebook over the floor (jobs 1): {overhead:.2f} s; "
          f"speed-up of --jobs 2: {rows[0][1] / rows[1][1]:.2f}x")


if __name__ == "__main__":
    main()
