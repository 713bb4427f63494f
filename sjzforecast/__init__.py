"""sjzforecast: scenario forecasts and target assessment for city S&T plan indicators."""
from __future__ import annotations

import logging

__version__ = "0.1.0"

from .answer import Answer, analyse_indicator, answer  # noqa: E402
from .backtesting import accuracy, backtest  # noqa: E402
from .dashboard import build_dashboard  # noqa: E402
from .data import load_observations, load_targets  # noqa: E402
from .effort import (Effort, PeerFeasibility, current_pace, feasibility_against_peers,  # noqa: E402
                     required_effort, required_growth)
from .forecast import fit_model, forecast, simulate_paths  # noqa: E402
from .models import MODELS, get_model  # noqa: E402
from .question import Question  # noqa: E402
from .peers import PeerPrior, peer_prior, provincial_panel  # noqa: E402
from .progress import (METHODS, Assessment, VariantComparison, assess, assess_all,  # noqa: E402
                       assess_target, assess_variants, target_level, verbal_probability)
from .scenarios import SCENARIOS, driver_path, growth_path, target_path, to_iamc  # noqa: E402
from .series import select_series, series_variants  # noqa: E402

__all__ = [
    "MODELS", "__version__", "Answer", "Question", "analyse_indicator", "answer", "fit_model", "forecast", "get_model",
    "load_observations", "load_targets", "select_series", "series_variants", "simulate_paths",
    "target_path",
    # scenarios and the dashboard
    "SCENARIOS", "build_dashboard", "driver_path", "growth_path", "to_iamc",
    # forecasting engine
    "PeerPrior", "accuracy", "backtest", "peer_prior", "provincial_panel",
    # required effort
    "Effort", "PeerFeasibility", "current_pace", "feasibility_against_peers", "required_effort",
    "required_growth",
    # target assessment
    "METHODS", "Assessment", "VariantComparison", "assess", "assess_all", "assess_target", "assess_variants",
    "target_level", "verbal_probability",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
