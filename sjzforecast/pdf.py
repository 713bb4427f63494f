"""Pages printed to PDF by the headless Chromium the project already uses (Debian's ``/usr/bin/chromium``).

Chromium prints with the page's print stylesheet (:file:`templates/base.html.j2`): A4, the
static SVG of each chart instead of the live one, no sliders or filters, and a header with the
title, the date of the run and the data vintage.  Nothing is downloaded: the page is opened from
``file://`` with networking features off.
"""
from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import SjzforecastError

logger = logging.getLogger(__name__)

#: The Chromium binary; ``SJZFORECAST_CHROMIUM`` overrides it.
DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-pdf-header-footer",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--run-all-compositor-stages-before-draw")
#: Seconds one page may take to print.
TIMEOUT = 120


def find_chromium(chromium: str | None = None) -> str:
    """The Chromium binary to print with.

    Raises
    ------
    SjzforecastError
        It is not installed (naming the path tried and how to choose another).
    """
    path = chromium or os.environ.get("SJZFORECAST_CHROMIUM", DEFAULT_CHROMIUM)
    found = shutil.which(path)
    if not found:
        raise SjzforecastError(f"no Chromium at {path!r} to print PDFs with; install Debian's chromium "
                               f"(apt-get install chromium) or set SJZFORECAST_CHROMIUM to its path")
    return found


def print_pdf(html: str | Path, pdf: str | Path | None = None, chromium: str | None = None) -> Path:
    """Print the page ``html`` to ``pdf`` (default: beside it, ``<name>.pdf``).

    The PDF is written to a temporary file and moved into place only once Chromium succeeded,
    so a failure never leaves a partial PDF.

    Raises
    ------
    SjzforecastError
        No page at ``html``, no Chromium, or Chromium failed (with its last message).
    """
    html = Path(html).resolve()
    if not html.is_file():
        raise SjzforecastError(f"no page {html} to print")
    pdf = Path(pdf) if pdf is not None else html.with_suffix(".pdf")
    binary = find_chromium(chromium)
    with tempfile.TemporaryDirectory(prefix="sjzforecast-pdf-") as scratch:
        partial = Path(scratch) / pdf.name
        command = [binary, *CHROMIUM_FLAGS, f"--user-data-dir={scratch}/profile", f"--print-to-pdf={partial}",
                   html.as_uri()]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise SjzforecastError(f"{html.name}: Chromium did not finish printing in {TIMEOUT} s") from None
        if done.returncode != 0 or not partial.is_file() or partial.stat().st_size == 0:
            last = (done.stderr.strip().splitlines() or ["no message"])[-1]
            raise SjzforecastError(f"{html.name}: Chromium could not print it (exit {done.returncode}): {last}")
        shutil.move(str(partial), pdf)
    logger.info("printed %s", pdf)
    return pdf
