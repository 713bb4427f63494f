"""Growth models for short annual series at possibly uneven years, behind one contract.

See :mod:`sjzforecast.models.base` for the contract and :data:`MODELS` for the registry.
"""
from .base import (DEFAULT_PRIOR_DF, DEFAULT_SIGMA_PRIOR, SIMULATION_PATHS, FitFailure, GrowthModel,
                   check_h, check_levels, check_series, draw_sigma, interval_columns, posterior_sigma2,
                   summarize_paths)
from .combination import Combination
from .ets import ETS
from .random_walk import Drift, Naive
from .registry import MODELS, get_model, resolve_model
from .smoothing import DampedTrend, Theta
from .trend import LinearTrend, Logistic, LogLinear

__all__ = [
    "DEFAULT_PRIOR_DF", "DEFAULT_SIGMA_PRIOR", "ETS", "MODELS", "SIMULATION_PATHS", "Combination",
    "DampedTrend", "Drift", "FitFailure", "GrowthModel", "LinearTrend", "LogLinear", "Logistic", "Naive",
    "Theta", "check_h", "check_levels", "check_series", "draw_sigma", "get_model", "interval_columns",
    "posterior_sigma2", "resolve_model", "summarize_paths",
]
