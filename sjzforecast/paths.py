"""Where the project's files live.

The package is meant to be used from a checkout (``pip install -e .``), so the data, params
and notebooks folders are found relative to the repository root.  ``SJZFORECAST_ROOT``
overrides the root, e.g. for a copy of the data elsewhere.
"""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = Path(os.environ.get("SJZFORECAST_ROOT", PACKAGE_DIR.parent)).resolve()
DATA_DIR = ROOT / "data"
RAW_OBSERVATIONS = DATA_DIR / "raw" / "observations.csv"
TARGETS = DATA_DIR / "targets.yaml"
NOTEBOOKS_DIR = ROOT / "notebooks"
PARAMS_DIR = ROOT / "params"
REPORTS_DIR = ROOT / "reports"
TEMPLATES_DIR = PACKAGE_DIR / "templates"
LOCAL_DATA = DATA_DIR / "local"
PLANS_DIR = DATA_DIR / "plans"
