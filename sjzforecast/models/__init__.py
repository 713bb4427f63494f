"""Growth models for short annual series at possibly uneven years, behind one contract.

See :mod:`sjzforecast.models.base` for the contract, :data:`MODELS` for the registry and
:mod:`sjzforecast.models.auto` for the ``auto`` choice.
"""
from .base import (DEFAULT_PRIOR_DF, DEFAULT_SIGMA_PRIOR, SIMULATION_PATHS, FitFailure, GrowthModel,
                   check_h, check_levels, check_series, draw_sigma, interval_columns, posterior_sigma2,
                   step_noise, summarize_paths)
# Model modules register their classes on import, in this order (the order of MODELS).
from .random_walk import Drift, Naive, RobustDrift  # isort: skip
from .trend import LinearTrend, Logistic, LogLinear  # isort: skip
from .smoothing import DampedTrend, Theta  # isort: skip
from .theta import DynamicOptimizedTheta  # isort: skip
from .ets import ETS  # isort: skip
from .arima import ARIMA  # isort: skip
from .combination import Combination  # isort: skip
from .auto import AUTO_MIN_POINTS, Auto, resolve_model  # isort: skip
from .registry import MODELS, get_model  # isort: skip

__all__ = [
    "ARIMA", "AUTO_MIN_POINTS", "Auto", "DEFAULT_PRIOR_DF", "DEFAULT_SIGMA_PRIOR", "ETS", "MODELS",
    "SIMULATION_PATHS", "Combination", "DampedTrend", "Drift", "DynamicOptimizedTheta", "FitFailure",
    "GrowthModel", "LinearTrend", "LogLinear", "Logistic", "Naive", "RobustDrift", "Theta", "check_h", "check_levels",
    "check_series", "draw_sigma", "get_model", "interval_columns", "posterior_sigma2", "resolve_model",
    "step_noise", "summarize_paths",
]
