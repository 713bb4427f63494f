"""Command line: ``sjzforecast batch params/ --out reports/ [--jobs N] [--executor dask --scheduler ADDRESS]``.

Thin: the work is in the library.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
from pathlib import Path

from . import __version__
from .errors import SjzforecastError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sjzforecast", description=__doc__.split("\n")[0])
    parser.add_argument("--version", action="version", version=f"sjzforecast {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    sub = parser.add_subparsers(dest="command", required=True)
    batch = sub.add_parser("batch", help="run every params file through its notebook and write HTML briefings")
    batch.add_argument("params", help="folder of params YAML files, or one file")
    batch.add_argument("--out", default="reports", help="report folder (default: reports)")
    batch.add_argument("--jobs", type=int, default=1, help="runs in parallel (default: 1)")
    batch.add_argument("--language", default="zh", choices=["zh", "en"], help="language of the index page")
    batch.add_argument("--no-progress", action="store_true", help="no progress bar")
    batch.add_argument("--pdf", action="store_true", help="also print every page to <name>.pdf with headless Chromium")
    batch.add_argument("--executor", default="process", choices=["process", "dask"],
                       help="where runs execute: local processes (default) or a Dask cluster")
    batch.add_argument("--scheduler", default=None, metavar="ADDRESS",
                       help="Dask scheduler address, e.g. tcp://host:8786 (default with --executor dask: "
                            "a local cluster of --jobs workers)")
    from .datacheck import add_data_parser
    add_data_parser(sub)
    return parser


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


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if args.command == "batch" and args.executor == "dask" and not args.verbose:
        _quiet_dask()
    if args.command == "batch":
        from .batch import run_batch

        try:
            problem = out_dir_problem(args.out)
            if problem:
                raise SjzforecastError(problem)
            results = run_batch(args.params, args.out, jobs=args.jobs, progress=not args.no_progress,
                                language=args.language, executor=args.executor, scheduler=args.scheduler,
                                pdf=args.pdf)
        except (OSError, ValueError, ImportError) as exc:  # SjzforecastError is a ValueError
            logging.getLogger(__name__).debug("traceback", exc_info=True)  # shown with -v
            detail = f"cannot write {exc.filename}: {exc.strerror}" if isinstance(exc, OSError) and exc.filename else exc
            print(f"sjzforecast: {detail}", file=sys.stderr)
            return 2
        failed = [r for r in results if r.status != "ok"]
        print(f"{len(results) - len(failed)} of {len(results)} runs ok; report: {Path(args.out) / 'index.html'}")
        for r in failed:
            print(f"FAILED {r.name}: {r.error}", file=sys.stderr)  # the error names the file at fault
        return 1 if failed else 0
    if args.command == "data":
        from .datacheck import run_data_command
        return run_data_command(args)
    return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
