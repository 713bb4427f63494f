"""Run every params file through its notebook with papermill, then write the HTML briefings.

Layout of the output folder::

    reports/index.html            one row per run, failures in red
    reports/<name>.html           one self-contained briefing per successful run
    reports/notebooks/<name>.ipynb  the executed notebook (partially executed on failure)

The folder is built next to its destination and moved into place at the end, so an existing
report folder is never left half written.  A failing run does not stop the others.
"""
from __future__ import annotations

import logging
import shutil
import tempfile
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

import papermill

from . import __version__, briefing, data, paths
from .params import ParamsError, check_against_data, notebook_defaults, read_params_file, validate_params

logger = logging.getLogger(__name__)

KERNEL_NAME = "python3"


@dataclass
class RunResult:
    """What happened to one params file."""

    name: str
    params_file: str
    status: str  # "ok" or "failed"
    notebook: str  # relative to the report folder
    html: str | None = None
    error: str | None = None
    title: str = ""
    region: str = ""
    scenario: str = ""
    probability: float | None = None
    last_year: int | None = None
    seconds: float = 0.0


def find_params_files(params_dir: str | Path) -> list[Path]:
    """The ``*.yaml`` / ``*.yml`` files of a folder, sorted; a single file is accepted too."""
    params_dir = Path(params_dir)
    if params_dir.is_file():
        return [params_dir]
    if not params_dir.is_dir():
        raise FileNotFoundError(f"no params folder or file {params_dir}")
    files = sorted([*params_dir.glob("*.yaml"), *params_dir.glob("*.yml")])
    if not files:
        raise FileNotFoundError(f"{params_dir}: no *.yaml params files")
    return files


def _error_text(exc: BaseException) -> str:
    if isinstance(exc, papermill.PapermillExecutionError):
        return f"{exc.ename}: {exc.evalue}"
    return f"{type(exc).__name__}: {exc}" if not isinstance(exc, ValueError) else str(exc)


def execute_run(params_file: str | Path, out_dir: str | Path) -> RunResult:
    """Validate, execute and render one params file into ``out_dir``; never raises for a bad run."""
    params_file, out_dir = Path(params_file), Path(out_dir)
    started = time.perf_counter()
    name = params_file.stem
    result = RunResult(name=name, params_file=str(params_file), status="failed",
                       notebook=f"notebooks/{name}.ipynb", title=name)
    try:
        doc = read_params_file(params_file)
        name, nb, parameters = validate_params(doc, params_file)
        result.name, result.title, result.notebook = name, name, f"notebooks/{name}.ipynb"
        merged = {**notebook_defaults(nb), **parameters}
        result.region, result.scenario = merged.get("region", ""), merged.get("scenario", "")
        check_against_data(merged, params_file, data.load_observations(), data.load_targets())
        output = out_dir / result.notebook
        output.parent.mkdir(parents=True, exist_ok=True)
        try:
            papermill.execute_notebook(str(nb), str(output), parameters=parameters, kernel_name=KERNEL_NAME,
                                       cwd=str(paths.NOTEBOOKS_DIR), progress_bar=False, log_output=False)
        except papermill.PapermillExecutionError as exc:
            raise ParamsError(f"{params_file}: {exc.ename}: {exc.evalue}") from exc
        payload = briefing.read_payload(output)
        result.seconds = time.perf_counter() - started
        if payload is not None:
            meta = run_metadata(params_file, merged, result.seconds)
            html = out_dir / f"{name}.html"
            html.write_text(briefing.render_briefing(payload, meta), encoding="utf-8")
            result.html = html.name
            result.title = f"{payload['region_label']} · {payload['indicator_label']}"
            result.probability = payload["probability"]
            result.last_year = payload["latest"]["year"]
        result.status = "ok"
    except Exception as exc:  # one bad run must not stop the batch
        result.error = _error_text(exc)
        logger.error("%s failed: %s", params_file, result.error)
        logger.debug("%s", traceback.format_exc())
    result.seconds = time.perf_counter() - started
    return result


def run_metadata(params_file: Path, parameters: dict, seconds: float) -> dict:
    """Params, data hashes, package version, seed and duration, for the briefing's last table."""
    return {
        "params_file": params_file.name,
        "parameters": ", ".join(f"{k}={v}" for k, v in parameters.items()),
        "observations_sha256": briefing.file_digest(paths.RAW_OBSERVATIONS),
        "targets_sha256": briefing.file_digest(paths.TARGETS),
        "sjzforecast": __version__,
        "seed": parameters.get("seed", ""),
        "seconds": f"{seconds:.1f}",
        "generated": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
    }


def _progress(iterable, total: int, enabled: bool):
    if not enabled:
        return iterable
    from tqdm.auto import tqdm

    return tqdm(iterable, total=total, desc="briefings", unit="run")


def run_batch(params_dir: str | Path, out_dir: str | Path = "reports", jobs: int = 1,
              progress: bool = True, language: str = "zh") -> list[RunResult]:
    """Run every params file; write the briefings and ``index.html`` into ``out_dir``.

    Parameters
    ----------
    params_dir : folder of params YAML files (or one file).
    out_dir : report folder; replaced as a whole when the batch is done.
    jobs : number of runs in parallel (processes).
    progress : show a progress bar.
    language : language of the index page.

    Returns
    -------
    list of RunResult
        One per params file, in file order.  Check ``status`` for failures.
    """
    files = find_params_files(params_dir)
    out_dir = Path(out_dir).resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    try:
        if jobs > 1:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                futures = [pool.submit(execute_run, f, staging) for f in files]
                results = list(_progress((f.result() for f in futures), len(files), progress))
        else:
            results = list(_progress((execute_run(f, staging) for f in files), len(files), progress))
        (staging / "index.html").write_text(briefing.render_index([asdict(r) for r in results], language),
                                            encoding="utf-8")
        _replace_dir(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    failed = [r for r in results if r.status != "ok"]
    logger.info("%d runs, %d failed; report in %s", len(results), len(failed), out_dir)
    return results


def _replace_dir(new: Path, target: Path) -> None:
    """Move ``new`` to ``target``, replacing an existing folder only once ``new`` is complete."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        old.rmdir()
        target.rename(old)
    new.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
