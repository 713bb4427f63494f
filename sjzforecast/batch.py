"""Run every params file through its notebook with papermill, then write the HTML briefings.

Layout of the report folder (:mod:`sjzforecast.reportdir`)::

    reports/index.html                one row per run, failures in red, stale pages marked
    reports/answers.csv               one row per run: the answer each page embeds (UTF-8 with BOM)
    reports/<name>.html               one self-contained briefing per successful run
    reports/notebooks/<name>.ipynb    the executed notebook (partially executed on failure)
    reports/.sjzforecast-manifest.json  what the batches wrote; the index is rebuilt from it

A batch updates the folder run by run and never wipes it: running one params file updates
one page and keeps the others.  A failing run does not stop the others.  A params file with a
``grid:`` key expands to several runs (:mod:`sjzforecast.grid`); runs execute on a pool of
warm Jupyter kernels (:mod:`sjzforecast.kernels`, :mod:`sjzforecast.executors`) or on a
Dask cluster.
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import platform
import tempfile
import time
import traceback
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from . import data, paths
from .errors import SjzforecastError
from .executors import EXECUTORS, KernelPool, map_dask, require_dask
from .grid import RunSpec, expand_files
from .kernels import one_run_kernel
from .reportdir import ReportFolder, index_rows, write_atomic
from .version import __version__
from .watchdog import Watchdog

logger = logging.getLogger(__name__)

#: A batch of more runs than this asks for confirmation (``--yes``).
CONFIRM_ABOVE = 100


@dataclass
class RunResult:
    """What happened to one params file."""

    name: str
    params_file: str
    status: str  # "ok" or "failed"
    notebook: str | None  # relative to the report folder; None if no notebook was written
    html: str | None = None
    error: str | None = None
    kind: str = "briefing"  # what the notebook published: briefing or dashboard
    title: str = ""
    titles: dict | None = None  # the title in every language (the index shows the one of its language)
    region: str = ""
    indicator: str = ""
    scenario: str = ""
    category: str | None = None
    probability: float | None = None
    last_year: int | None = None
    seconds: float = 0.0
    stale: bool = False  # failed, and the index shows the previous good page
    failed_notebook: str | None = None  # the failed run's notebook when the previous page is kept
    pdf: str | None = None  # the page printed to PDF (``--pdf``), relative to the report folder
    data_sha256: dict | None = None  # every data file the run read (path -> SHA-256, :func:`data_digests`)


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
    import papermill

    if isinstance(exc, papermill.PapermillExecutionError):
        return f"{exc.ename}: {exc.evalue}"
    return f"{type(exc).__name__}: {exc}" if not isinstance(exc, ValueError) else str(exc)


def execute_run(spec: RunSpec, out_dir: str | Path, language: str = "zh", kernel=None) -> RunResult:
    """Validate, execute and render one run into ``out_dir``; never raises for a bad run.

    Parameters
    ----------
    spec : RunSpec
        From :func:`sjzforecast.grid.expand_files`.
    out_dir : folder the notebook and HTML are written to.
    language : language of the index page, for the run's title there.
    kernel : sjzforecast.kernels.Kernel, optional
        Where the notebook runs; None starts a kernel for this run only
        (:func:`sjzforecast.kernels.one_run_kernel`), in the working folder.
    """
    import papermill

    from . import render
    from .params import ParamsError
    from .payload import read_payload

    out_dir, params_file = Path(out_dir), Path(spec.params_file)
    started = time.perf_counter()
    result = RunResult(name=spec.name, params_file=spec.params_file, status="failed",
                       notebook=f"notebooks/{spec.name}.ipynb", title=spec.name)
    try:
        name, nb, parameters, merged = read_run(spec)
        result.name, result.title, result.notebook = name, name, f"notebooks/{name}.ipynb"
        result.region, result.scenario = merged.get("region", ""), merged.get("scenario", "")
        result.indicator = merged.get("indicator", "")
        check_run_data(merged, params_file)
        output = out_dir / result.notebook
        output.parent.mkdir(parents=True, exist_ok=True)
        try:
            with contextlib.nullcontext(kernel) if kernel else one_run_kernel(Path.cwd()) as runner:
                runner.execute_notebook(nb, output, parameters)
        except papermill.PapermillExecutionError as exc:
            if exc.ename in ("SjzforecastError", "ParamsError"):  # names the file or series at fault
                raise SjzforecastError(exc.evalue) from exc
            raise ParamsError(f"{params_file}: {exc.ename}: {exc.evalue}") from exc
        payload = read_payload(output)
        if payload is not None:
            result.data_sha256 = data_digests(merged)
            meta = run_metadata(params_file, nb, merged, result.data_sha256, time.perf_counter() - started)
            html = out_dir / f"{name}.html"
            html.write_text(render.render_payload(payload, meta), encoding="utf-8")
            result.html = html.name
            describe_run(result, payload, language)
        result.status = "ok"
    except Exception as exc:  # one bad run must not stop the batch
        result.error = _error_text(exc)
        logger.info("%s failed: %s", spec.name, result.error)  # reported once, by the caller
        logger.debug("%s", traceback.format_exc())
        if not (out_dir / result.notebook).exists():
            result.notebook = None
    result.seconds = time.perf_counter() - started
    return result


def read_run(spec: RunSpec) -> tuple[str, Path, dict, dict]:
    """A run's name, notebook and parameters, keys and types checked (:func:`sjzforecast.params.validate_params`),
    and its parameters over the notebook's defaults.

    Raises
    ------
    ParamsError
        The params file or grid point cannot run; naming the file and the key.
    """
    from .params import ParamsError, notebook_defaults, validate_params

    if spec.error:
        raise ParamsError(spec.error)
    name, nb, parameters = validate_params(spec.doc, Path(spec.params_file))
    return name, nb, parameters, {**notebook_defaults(nb), **parameters}


def check_run_data(merged: dict, params_file: str | Path) -> None:
    """Read the data files of a run (``merged``: :func:`read_run`'s) and check its parameters against them.

    Raises
    ------
    SjzforecastError
        A data file that is missing (the message names the params file and its key), that does not
        load (the message names that file, not the params file), or a
        parameter the data cannot answer (:func:`sjzforecast.params.check_against_data`).
    """
    from .params import check_against_data, check_data_files
    from .question import load_data

    check_data_files(merged, params_file)
    check_against_data(merged, params_file, *load_data(merged.get("observations", ()), merged.get("targets")))


def run_problem(spec: RunSpec) -> str | None:
    """Why a run would fail before its notebook runs (:func:`read_run`, :func:`check_run_data`), in the
    words of its failed run; None when it passes every check."""
    try:
        check_run_data(read_run(spec)[3], spec.params_file)
    except Exception as exc:  # noqa: BLE001 - whatever execute_run would report
        return _error_text(exc)
    return None


def describe_run(result: RunResult, payload: dict, language: str) -> None:
    """Fill the index-page fields of ``result`` from the run's payload (briefing or dashboard)."""
    from .i18n import LANGUAGES, t

    result.region, result.kind = payload["region"], payload["kind"]
    if result.kind == "dashboard":
        result.titles = {lang: t("dashboard_title", lang, year=payload["target_year"]) for lang in LANGUAGES}
        result.title = result.titles[language]
        years = [row["latest_year"] for row in payload["table"] if row["latest_year"] is not None]
        result.last_year = int(max(years)) if years else None
        return
    result.titles = dict(payload["indicator_labels"])
    result.title = result.titles[language]
    result.scenario, result.category = payload["scenario"], payload["category"]
    result.probability, result.last_year = payload["probability"], payload["latest"]["year"]


def execute_run_remote(spec: RunSpec, language: str = "zh") -> tuple[RunResult, dict[str, bytes]]:
    """:func:`execute_run` in a scratch folder; returns the result and the files written (path -> bytes).

    For executors whose workers share no disk with the caller (Dask).
    """
    with tempfile.TemporaryDirectory(prefix="sjzforecast-run-") as scratch:
        result = execute_run(spec, scratch, language)
        files = {str(f.relative_to(scratch)): f.read_bytes() for f in Path(scratch).rglob("*") if f.is_file()}
    return result, files


def _failed(spec: RunSpec, exc: BaseException) -> RunResult:
    """The result of a run whose worker raised (rather than reporting a failure)."""
    return RunResult(name=spec.name, params_file=spec.params_file, status="failed", notebook=None,
                     error=_error_text(exc), title=spec.name)


def file_digest(path: str | Path) -> str:
    """SHA-256 of a file, for run metadata."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def data_digests(parameters: dict) -> dict[str, str]:
    """SHA-256 of every data file a run with ``parameters`` reads, by path (relative to the project where inside it).

    The observations in reading order (:func:`sjzforecast.data.observation_files`: ``data/raw``,
    every file of ``data/local``, the files of the ``observations`` parameter), then the targets
    file (the ``targets`` parameter, else ``data/targets.yaml``).
    """
    files = [*data.observation_files(extra=parameters.get("observations") or ()),
             parameters.get("targets") or paths.TARGETS]
    return {data.display_path(path): file_digest(path) for path in map(data.project_path, files)}


def run_metadata(params_file: Path, notebook: Path, parameters: dict, digests: dict[str, str], seconds: float) -> dict:
    """Params, the hashes of the data files read (``digests``, :func:`data_digests`), package
    version, seed and duration, for the page's last table."""
    observations, targets = list(digests.items())[:-1], list(digests.items())[-1:]
    return {
        "params_file": params_file.name,
        "notebook": notebook.name,
        "parameters": ", ".join(f"{k}={json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v}"
                                for k, v in parameters.items()),
        "observations_sha256": "; ".join(f"{path}: {digest}" for path, digest in observations),
        "targets_sha256": "; ".join(f"{path}: {digest}" for path, digest in targets),
        "sjzforecast": __version__,
        "python": platform.python_version(),
        "seed": parameters.get("seed", ""),
        "seconds": f"{seconds:.1f}",
        "generated": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
    }


def _progress(iterable, total: int, enabled: bool):
    if not enabled:
        return iterable
    from tqdm.auto import tqdm

    return tqdm(iterable, total=total, desc="briefings", unit="run")


def plan_batch(params_dir: str | Path, overrides: dict | None = None) -> list[RunSpec]:
    """The runs a batch over ``params_dir`` makes, grids expanded, ``overrides`` applied to each.

    Parameters
    ----------
    params_dir : folder of params YAML files (or one file).
    overrides : parameters that replace the files' values in every run (e.g. ``as_of``).

    Raises
    ------
    FileNotFoundError
        No params folder or no params files in it.
    """
    from .params import read_params_file

    specs = expand_files(find_params_files(params_dir), read_params_file)
    if overrides:
        specs = [spec if spec.error else replace(spec, doc={**spec.doc, **overrides}) for spec in specs]
    return specs


def protected_folders(params_dir: str | Path) -> dict[str, Path]:
    """Folders a report folder may not be, hold or lie in (a single params file: only that file)."""
    params_dir = Path(params_dir)
    given = ("params file", params_dir) if params_dir.is_file() else ("params folder", params_dir)
    return {given[0]: given[1], "project's params folder": paths.PARAMS_DIR, "data folder": paths.DATA_DIR,
            "notebooks folder": paths.NOTEBOOKS_DIR, "sjzforecast package": paths.PACKAGE_DIR}


def check_batch(params_dir: str | Path, out_dir: str | Path, executor: str = "process", scheduler: str | None = None,
                pdf: bool = False, wait: bool = True) -> ReportFolder:
    """What a batch checks before its first run (see :func:`run_batch`); returns its report folder, not yet opened.

    Raises
    ------
    ValueError
        Unknown executor, or a scheduler without the dask executor.
    SjzforecastError
        The dask executor without the ``distributed`` package; ``pdf`` without Chromium; a report
        folder that must not be written to (:func:`sjzforecast.reportdir.check_out_dir`).
    """
    if executor not in EXECUTORS:
        raise ValueError(f"No executor named {executor!r}; known: {list(EXECUTORS)}")
    if scheduler and executor != "dask":
        raise ValueError("--scheduler needs --executor dask")
    if executor == "dask":
        require_dask()
    if pdf:
        from .pdf import find_chromium

        find_chromium()
    return ReportFolder(out_dir, protected_folders(params_dir), paths.ROOT, wait=wait)


def run_batch(params_dir: str | Path, out_dir: str | Path = "reports", jobs: int = 1, progress: bool = True,
              language: str = "zh", executor: str = "process", scheduler: str | None = None, *,
              specs: list[RunSpec] | None = None, overrides: dict | None = None, prune: bool = False,
              wait: bool = True, warm: bool = True, pdf: bool = False) -> list[RunResult]:
    """Run every params file (each grid point of it); update the briefings and ``index.html`` in ``out_dir``.

    Parameters
    ----------
    params_dir : folder of params YAML files (or one file).
    out_dir : report folder; updated run by run (see :mod:`sjzforecast.reportdir`).
    jobs : number of runs in parallel (kernels; with ``executor="dask"`` and no scheduler, workers).
    progress : show a progress bar.
    language : language of the index page.
    executor : {"process", "dask"}
        Local Jupyter kernels, or a Dask distributed cluster.
    scheduler : str, optional
        Dask scheduler address; None starts a local cluster.
    specs : the runs, if already planned with :func:`plan_batch`.
    overrides : parameters that replace the params files' values in every run.
    prune : remove the pages of runs whose params file is gone (or no longer makes that run).
    wait : wait for another batch writing to ``out_dir`` (else raise).
    warm : reuse warm kernels between runs (else a new kernel per run).
    pdf : also print every page to ``<name>.pdf`` beside it (:func:`sjzforecast.pdf.print_pdf`).

    Returns
    -------
    list of RunResult
        One per run, in file order (grid points in grid order).  Check ``status`` for failures.

    Raises
    ------
    FileNotFoundError
        No params folder or no params files in it.
    SjzforecastError
        A report folder that must not be written to (see :func:`sjzforecast.reportdir.check_out_dir`),
        or one that another batch holds when ``wait`` is false.
    ValueError
        Unknown executor, or a scheduler without the dask executor.
    """
    if specs is None:
        specs = plan_batch(params_dir, overrides)
    folder = check_batch(params_dir, out_dir, executor, scheduler, pdf, wait)
    watchdog = Watchdog()
    try:
        with folder:
            watchdog.tell("remove", folder.staging)
            results = _run_specs(specs, folder, jobs, progress, language, executor, scheduler, warm, watchdog, pdf)
            _tidy(folder, params_dir, specs, prune)
            _write_index(folder, language)
    finally:
        watchdog.close()
    failed = [r for r in results if r.status != "ok"]
    logger.info("%d runs, %d failed; report in %s", len(results), len(failed), folder.path)
    return results


def _run_specs(specs, folder: ReportFolder, jobs, progress, language, executor, scheduler, warm,
               watchdog, pdf=False) -> list[RunResult]:
    """Execute the runs, committing each into ``folder`` as it finishes."""
    results: list[RunResult | None] = [None] * len(specs)
    with contextlib.ExitStack() as stack:
        if executor == "dask":
            outcomes = map_dask(functools.partial(execute_run_remote, language=language), specs, scheduler, jobs)
        else:
            # kernels work in the batch's working folder, so that they find relative paths as the checks do
            pool = stack.enter_context(KernelPool(min(jobs, len(specs)), Path.cwd(), warm, watchdog))
            run = functools.partial(execute_run, out_dir=folder.staging, language=language)
            outcomes = pool.map(lambda spec, kernel: run(spec, kernel=kernel), specs)
        for i, outcome in _progress(outcomes, len(specs), progress):
            if isinstance(outcome, BaseException):
                outcome = _failed(specs[i], outcome)
            elif isinstance(outcome, tuple):  # from a worker without a shared disk
                outcome, files = outcome
                _write_files(folder.staging, files)
            if pdf and outcome.html:
                _print_pdf(outcome, folder.staging)
            row = folder.commit({**asdict(outcome), "params_path": str(Path(outcome.params_file).resolve())})
            results[i] = replace(outcome, html=row["html"], notebook=row["notebook"], stale=row["stale"],
                                 failed_notebook=row["failed_notebook"], pdf=row.get("pdf"))
    return results


def _print_pdf(outcome: RunResult, staging: Path) -> None:
    """Print the run's staged page to PDF beside it; a failure to print fails the run (the page stays)."""
    from .pdf import print_pdf

    try:
        outcome.pdf = print_pdf(staging / outcome.html).name
    except ValueError as exc:
        outcome.status, outcome.error = "failed", str(exc)


def _write_index(folder: ReportFolder, language: str) -> None:
    """``index.html`` and ``answers.csv``, rebuilt from the manifest and the answers the pages embed."""
    from . import answers, render

    rows = answers.index_rows(index_rows(folder.runs), folder.path)
    html = render.render_index(rows, language)
    write_atomic(folder.path / "index.html", lambda tmp: tmp.write_text(html, encoding="utf-8"))
    write_atomic(folder.path / "answers.csv", lambda tmp: answers.write_answers_csv(rows, tmp))


def _tidy(folder: ReportFolder, params_dir, specs, prune: bool) -> None:
    """Prune (or list) the pages of runs that no params file makes any more."""
    orphans = folder.orphans(find_params_files(params_dir), {spec.name for spec in specs})
    if orphans and prune:
        logger.warning("removed %d runs that no params file makes any more: %s", len(orphans),
                       ", ".join(folder.prune(orphans)))
    elif orphans:
        logger.warning("%d pages have no params file any more (kept; --prune removes them): %s",
                       len(orphans), ", ".join(orphans))


def _write_files(root: Path, files: dict[str, bytes]) -> None:
    """Write files returned by a remote run under ``root``, refusing paths that leave it."""
    root = root.resolve()
    for rel, content in files.items():
        path = (root / rel).resolve()
        if root not in path.parents:
            raise ValueError(f"refusing to write {rel!r} outside the report folder")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
