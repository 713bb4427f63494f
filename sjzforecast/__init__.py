"""sjzforecast: scenario forecasts and target assessment for city S&T plan indicators."""
from __future__ import annotations

import logging

__version__ = "0.1.0"

from .analysis import analyse_indicator  # noqa: E402
from .data import load_observations, load_targets  # noqa: E402
from .forecast import fit_model, forecast, simulate_paths  # noqa: E402
from .models import MODELS, get_model  # noqa: E402
from .scenarios import required_growth, target_path  # noqa: E402
from .series import select_series, series_variants  # noqa: E402

__all__ = [
    "MODELS", "__version__", "analyse_indicator", "fit_model", "forecast", "get_model",
    "load_observations", "load_targets", "required_growth", "select_series", "series_variants",
    "simulate_paths", "target_path",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())

from .scenarios import SCENARIOS, driver_path, growth_path, to_iamc  # noqa: E402

__all__ += ["SCENARIOS", "driver_path", "growth_path", "to_iamc"]
