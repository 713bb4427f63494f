"""sjzforecast: scenario forecasts and target assessment for city S&T plan indicators."""
from __future__ import annotations

import logging
import sys
import types

from .version import __version__

#: Public name -> submodule that defines it.  Imported on first use (PEP 562), so that
#: ``import sjzforecast`` and the command line start fast.
_LAZY = {
    "Answer": "answer", "analyse_indicator": "answer", "answer": "answer",
    "Question": "question",
    "accuracy": "backtesting", "backtest": "backtesting",
    "build_dashboard": "dashboard",
    "load_observations": "data", "load_targets": "data",
    **dict.fromkeys(["Effort", "PeerFeasibility", "current_pace", "feasibility_against_peers",
                     "required_effort", "required_growth"], "effort"),
    "fit_model": "forecast", "forecast": "forecast", "simulate_paths": "forecast",
    "MODELS": "models", "get_model": "models",
    "PeerPrior": "peers", "peer_prior": "peers", "provincial_panel": "peers",
    **dict.fromkeys(["METHODS", "Assessment", "VariantComparison", "assess", "assess_all", "assess_target",
                     "assess_variants", "target_level", "verbal_probability"], "progress"),
    **dict.fromkeys(["SCENARIOS", "driver_path", "growth_path", "target_path", "to_iamc"], "scenarios"),
    "select_series": "series", "series_variants": "series",
}


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


class _Package(types.ModuleType):
    """Public functions named like their submodules (``forecast``, ``answer``) stay functions.

    Importing a submodule sets the package attribute of its name to the module; for a public
    name that is ignored, so that :func:`__getattr__` gives the function.
    """

    def __setattr__(self, name, value):
        if not (name in _LAZY and isinstance(value, types.ModuleType)):
            super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


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
