"""Command line: ``sjzforecast batch params/ --out reports/ [--jobs N] [--executor dask --scheduler ADDRESS]``.

Thin: the work is in the library.
"""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from . import __version__


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
    return parser


def _quiet_dask() -> None:
    """Dask configures its loggers at INFO when imported; keep them to warnings."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        return
    logging.getLogger("distributed").setLevel(logging.WARNING)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if args.command == "batch" and args.executor == "dask" and not args.verbose:
        _quiet_dask()
    if args.command == "batch":
        from .batch import run_batch

        try:
            results = run_batch(args.params, args.out, jobs=args.jobs, progress=not args.no_progress,
                                language=args.language, executor=args.executor, scheduler=args.scheduler,
                                pdf=args.pdf)
        except (FileNotFoundError, ValueError, ImportError) as exc:
            print(f"sjzforecast: {exc}", file=sys.stderr)
            return 2
        failed = [r for r in results if r.status != "ok"]
        print(f"{len(results) - len(failed)} of {len(results)} runs ok; report: {Path(args.out) / 'index.html'}")
        for r in failed:
            print(f"FAILED {r.params_file}: {r.error}", file=sys.stderr)
        return 1 if failed else 0
    return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
