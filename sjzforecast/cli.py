"""Command line: ``sjzforecast batch params/ --out reports/ [--jobs N] [--dry-run] [--executor dask ...]``.

Thin: the work is in the library.  Heavy modules are imported inside the commands, so that
``--help`` answers at once.
"""
from __future__ import annotations

import argparse
import datetime
import logging
import os
import sys
import tempfile
from pathlib import Path

from .errors import SjzforecastError
from .version import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sjzforecast", description=__doc__.split("\n")[0])
    parser.add_argument("--version", action="version", version=f"sjzforecast {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    sub = parser.add_subparsers(dest="command", required=True, metavar="{batch,data}")
    batch = sub.add_parser("batch", help="run every params file through its notebook and write HTML briefings")
    batch.add_argument("params", help="folder of params YAML files, or one file")
    batch.add_argument("--out", default="reports", help="report folder (default: reports)")
    batch.add_argument("--jobs", type=at_least_one, default=1, help="runs in parallel, one kernel each (default: 1)")
    batch.add_argument("--language", default="zh", choices=["zh", "en"], help="language of the index page")
    batch.add_argument("--no-progress", action="store_true", help="no progress bar")
    batch.add_argument("--pdf", action="store_true", help="also print every page to <name>.pdf with headless Chromium")
    batch.add_argument("--executor", default="process", choices=["process", "dask"],
                       help="where runs execute: local Jupyter kernels (default: process) or a Dask cluster")
    batch.add_argument("--scheduler", default=None, metavar="ADDRESS",
                       help="Dask scheduler address, e.g. tcp://host:8786 (default with --executor dask: "
                            "a local cluster of --jobs workers)")
    batch.add_argument("--dry-run", action="store_true",
                       help="check everything a real run checks before it starts kernels (keys, types, data "
                            "files, parameters against the data, --out, --pdf), list the runs (name, notebook, "
                            "parameters after grid expansion, or why a run cannot run) and exit; exit 1 when a "
                            "run cannot run")
    batch.add_argument("--yes", action="store_true",
                       help=f"run a batch of more than {CONFIRM_ABOVE} runs without asking")
    batch.add_argument("--prune", action="store_true",
                       help="remove the pages of runs whose params file is gone from the report folder")
    batch.add_argument("--no-wait", action="store_true",
                       help="stop at once if another batch is writing to the report folder (default: wait)")
    batch.add_argument("--fresh-kernels", action="store_true",
                       help="start a new kernel for every run instead of reusing warm ones (slower)")
    batch.add_argument("--observations", action="append", metavar="PATH",
                       help="extra observations file for every run (notebook parameter 'observations'; repeatable)")
    batch.add_argument("--as-of", metavar="DATE", type=iso_date,
                       help="ISO date of the assessment, for every run (parameter 'as_of')")
    batch.add_argument("--targets", metavar="PATH", help="targets file for every run (parameter 'targets')")
    _add_data_parser(sub)
    return parser


def at_least_one(text: str) -> int:
    """``--jobs``: a whole number, 1 or more."""
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: give a whole number of runs in parallel, 1 or more")
    return int(text)


def iso_date(text: str) -> str:
    """``--as-of``: an ISO date (kept as text, as a params file gives it)."""
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; give an ISO date such as 2026-06-30") from None
    return text


def command_line_file(flag: str, path: str) -> str:
    """A data file given on the command line, as typed, once it is found as every run will find it:
    in the working folder (where the runs' kernels work too) or else inside the project
    (:func:`sjzforecast.data.project_path`)."""
    from .data import project_path

    if not project_path(path).is_file():
        raise SjzforecastError(f"{flag} {path}: no such file")
    return path


#: Same value as ``sjzforecast.batch.CONFIRM_ABOVE``, here so that ``--help`` imports nothing heavy.
CONFIRM_ABOVE = 100


def _quiet_dask() -> None:
    """Dask configures its loggers at INFO when imported; keep them to warnings."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        return
    logging.getLogger("distributed").setLevel(logging.WARNING)


def out_dir_problem(out: str | Path) -> str | None:
    """Why no report folder can be written at ``out`` (a file there or above it, no write permission), or None."""
    out = Path(out).absolute()
    if out.exists() and not out.is_dir():
        return f"--out {out} is a file, not a folder; give a folder path"
    parent = next(p for p in out.parents if p.exists())
    if not parent.is_dir():
        return f"--out {out}: {parent} is a file, so no folder can be made under it; give a folder path"
    try:  # a real try: permissions, read-only and virtual file systems
        os.rmdir(tempfile.mkdtemp(prefix=".sjzforecast-probe-", dir=parent))
    except OSError as exc:
        return f"--out {out}: cannot write in {parent} ({exc.strerror}); choose a folder you can write to"
    return None


def batch_overrides(args: argparse.Namespace) -> dict:
    """Notebook parameters set for every run by the batch flags; only the flags given (files checked,
    :func:`command_line_file`)."""
    observations = args.observations and [command_line_file("--observations", p) for p in args.observations]
    overrides = {"observations": observations, "as_of": args.as_of,
                 "targets": args.targets and command_line_file("--targets", args.targets)}
    return {key: value for key, value in overrides.items() if value is not None}


def describe_runs(specs, problems) -> str:
    """One line per run: name, notebook, parameters, or why it cannot run (``problems``, one per run, None if none)."""
    lines = []
    for spec, problem in zip(specs, problems):
        if problem:
            lines.append(f"{spec.name}: cannot run: {problem}")
            continue
        doc = dict(spec.doc)
        notebook = doc.pop("notebook", "indicator_briefing.ipynb")
        doc.pop("name", None)
        parameters = ", ".join(f"{key}={value!r}" for key, value in doc.items())
        lines.append(f"{spec.name}  [{notebook}]  {parameters}")
    return "\n".join(lines)


def confirmed(n_runs: int, yes: bool) -> bool:
    """A batch of more than :data:`CONFIRM_ABOVE` runs: ``--yes``, or a "y" typed at a terminal."""
    if n_runs <= CONFIRM_ABOVE or yes:
        return True
    if not sys.stdin.isatty():
        print(f"sjzforecast: {n_runs} runs (more than {CONFIRM_ABOVE}); add --yes to run them, "
              "or --dry-run to list them", file=sys.stderr)
        return False
    answer = input(f"{n_runs} runs (more than {CONFIRM_ABOVE}); run them all? [y/N] ")
    return answer.strip().lower() in ("y", "yes")


def run_batch_command(args: argparse.Namespace) -> int:
    from .batch import check_batch, plan_batch, run_batch, run_problem

    problem = out_dir_problem(args.out)
    if problem:
        raise SjzforecastError(problem)
    specs = plan_batch(args.params, batch_overrides(args))
    if args.dry_run:
        check_batch(args.params, args.out, args.executor, args.scheduler, args.pdf)
        problems = [run_problem(spec) for spec in specs]
        failing = sum(p is not None for p in problems)
        print(describe_runs(specs, problems))
        print(f"{len(specs)} runs{f', {failing} cannot run' if failing else ''}; nothing was run (--dry-run)")
        return 1 if failing else 0
    if not confirmed(len(specs), args.yes):
        return 2
    results = run_batch(args.params, args.out, jobs=args.jobs, progress=not args.no_progress,
                        language=args.language, executor=args.executor, scheduler=args.scheduler, specs=specs,
                        prune=args.prune, wait=not args.no_wait, warm=not args.fresh_kernels, pdf=args.pdf)
    failed = [r for r in results if r.status != "ok"]
    print(f"{len(results) - len(failed)} of {len(results)} runs ok; report: {Path(args.out) / 'index.html'}")
    for r in failed:
        print(f"FAILED {r.name}: {r.error}", file=sys.stderr)  # the error names the file at fault
    return 1 if failed else 0


def _exit_on_sigterm() -> None:
    """SIGTERM unwinds like Ctrl-C (SystemExit): kernels are killed, staging removed, the lock released."""
    import signal

    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def _add_data_parser(sub) -> None:
    """The ``data`` subcommand: ``data check [--html PATH]`` and ``data template OUT.xlsx``."""
    parser = sub.add_parser("data", help="check the observations and plan files, or write an Excel template")
    actions = parser.add_subparsers(dest="data_command", required=True, metavar="{check,template}")
    check = actions.add_parser("check", help="data-quality report; exit 1 when a file does not load")
    check.add_argument("--html", metavar="PATH", help="also write the report as an offline HTML page")
    check.add_argument("--observations", metavar="PATH", action="append", default=[],
                       help="an extra observations file (CSV or .xlsx), repeatable")
    check.add_argument("--language", default="zh", choices=["zh", "en"], help="language of the HTML page")
    template = actions.add_parser("template", help="write an Excel template for observations of your own")
    template.add_argument("out", help="the .xlsx file to write")


def run_data_command(args) -> int:
    """Run a ``data`` subcommand parsed by :func:`_add_data_parser`; return the exit code."""
    from .datacheck import check_data, format_report, write_html

    if args.data_command == "template":
        from .template_xlsx import write_template

        print(f"wrote {write_template(args.out)}")  # a SjzforecastError is printed by main()
        return 0
    check = check_data(extra=args.observations)
    print(format_report(check))
    if args.html:
        print(f"wrote {write_html(check, args.html, args.language)}")
    return 0 if check.ok else 1


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if args.command == "batch" and args.executor == "dask" and not args.verbose:
        _quiet_dask()
    try:
        if args.command == "batch":
            if argv is None:
                _exit_on_sigterm()
            return run_batch_command(args)
        if args.command == "data":
            return run_data_command(args)
    except (OSError, ValueError, ImportError) as exc:  # SjzforecastError is a ValueError
        logging.getLogger(__name__).debug("traceback", exc_info=True)  # shown with -v
        detail = f"cannot write {exc.filename}: {exc.strerror}" if isinstance(exc, OSError) and exc.filename else exc
        print(f"sjzforecast: {detail}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("sjzforecast: interrupted; the report folder keeps the runs that finished", file=sys.stderr)
        return 130
    return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
