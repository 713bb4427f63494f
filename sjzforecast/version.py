"""The installed package's version, read without importing the package's modules.

A leaf module: the command line answers ``--help`` and ``--version`` without importing
pandas, statsmodels or altair.
"""
from __future__ import annotations

from importlib import metadata

try:
    __version__ = metadata.version("sjzforecast")
except metadata.PackageNotFoundError:  # pragma: no cover - a checkout that was never installed
    __version__ = "0+unknown"
