"""sjzforecast: scenario forecasts and target assessment for city S&T plan indicators."""
from __future__ import annotations

import logging

from .data import load_observations, load_targets
from .effort import (Effort, PeerFeasibility, current_pace, feasibility_against_peers, provincial_panel,
                     required_effort, required_growth)
from .forecast import fit_model, forecast, simulate_paths
from .models import MODELS, get_model
from .progress import (METHODS, Assessment, VariantComparison, assess, assess_all, assess_target, assess_variants,
                       target_level, verbal_probability)
from .series import select_series, series_variants

__version__ = "0.1.0"

__all__ = [
    "MODELS", "__version__", "fit_model", "forecast", "get_model", "load_observations",
    "load_targets", "select_series", "series_variants", "simulate_paths",
    # required effort
    "Effort", "PeerFeasibility", "current_pace", "feasibility_against_peers", "provincial_panel",
    "required_effort", "required_growth",
    # target assessment
    "METHODS", "Assessment", "VariantComparison", "assess", "assess_all", "assess_target", "assess_variants",
    "target_level", "verbal_probability",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
