"""sjzforecast: scenario forecasts and target assessment for city S&T plan indicators."""
from __future__ import annotations

import logging

from .data import load_observations, load_targets
from .backtesting import accuracy, backtest
from .forecast import fit_model, forecast, simulate_paths
from .models import MODELS, get_model
from .peers import PeerPrior, peer_prior, provincial_panel
from .series import select_series, series_variants

__version__ = "0.1.0"

__all__ = [
    "MODELS", "PeerPrior", "__version__", "accuracy", "backtest", "fit_model", "forecast", "get_model",
    "load_observations", "load_targets", "peer_prior", "provincial_panel", "select_series",
    "series_variants", "simulate_paths",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
