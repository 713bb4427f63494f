"""Rolling-origin forecasts of a series' own last observations (Tashman, 2000).

From each of the last ``origins`` observations as a forecast origin, a fresh model is fitted on
the data before it and forecasts every later observation.  ``auto`` uses these forecasts twice
on a long series: their absolute errors choose between its two candidates
(:mod:`sjzforecast.models.auto`), and their errors over the forecast spread check the chosen
candidate's intervals (:mod:`sjzforecast.models.calibration`).

References
----------
Tashman, L.J. (2000) Out-of-sample tests of forecasting accuracy: an analysis and review, *IJF*
16, 437-450.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .base import FitFailure, GrowthModel

logger = logging.getLogger(__name__)

#: Paths per rolling-origin forecast (only its median and 95 % spread are used).
ORIGIN_PATHS = 200
#: Standard normal quantile of the 97.5 % bound.
Z_975 = 1.959964


@dataclass(frozen=True)
class OriginForecasts:
    """One row per (origin, later observation): how far back the origin is, and the forecast.

    ``back`` is 1 for the last origin (the data without the last observation), 2 for the one
    before, ...; ``step`` the years ahead; ``spread`` the forecast's 95 % interval width over
    :math:`2 \\cdot 1.96`, the standard deviation it implies for a normal error.
    """

    back: np.ndarray
    step: np.ndarray
    actual: np.ndarray
    median: np.ndarray
    spread: np.ndarray

    def mean_absolute_error(self, max_step: int) -> float:
        """Mean :math:`|y - \\tilde y|` over forecasts up to ``max_step`` years ahead; inf with none."""
        near = self.step <= max_step
        return float(np.mean(np.abs(self.actual[near] - self.median[near]))) if near.any() else np.inf

    def standardized_errors(self, origins: int) -> np.ndarray:
        """:math:`(y - \\tilde y) / s` from the last ``origins`` origins, where the spread :math:`s > 0`."""
        keep = (self.back <= origins) & (self.spread > 0)
        return (self.actual[keep] - self.median[keep]) / self.spread[keep]


def origin_forecasts(make_model: Callable[[], GrowthModel], years, values, origins: int,
                     n_paths: int = ORIGIN_PATHS) -> OriginForecasts:
    """Forecasts of the last ``origins`` observations onward, each from a fresh ``make_model()``.

    Parameters
    ----------
    make_model : callable
        Returns a fresh, unfitted model.
    years, values : array
        The series (checked already).
    origins : int
        How many origins: the last ``origins`` observations are forecast from the data before them.
    n_paths : int
        Paths per origin; the seed is fixed, so the forecasts are part of the fit.

    Returns
    -------
    OriginForecasts
        Origins whose refit fails (too few points for the model) are skipped.
    """
    t, y = np.asarray(years, float), np.asarray(values, float)
    rows = []
    for o in range(max(1, len(y) - origins), len(y)):
        try:
            model = make_model().fit(t[:o], y[:o])
            steps = (t[o:] - t[o - 1]).astype(int)
            paths = model.simulate(int(steps[-1]), n_paths=n_paths, seed=0)[:, steps - 1]
        except (ValueError, FitFailure, FloatingPointError) as exc:
            logger.info("rolling origin %d skipped: %s", int(t[o - 1]), exc)
            continue
        low, median, high = np.percentile(paths, [2.5, 50, 97.5], axis=0)
        rows.append((np.full(len(steps), len(y) - o), steps, y[o:], median, (high - low) / (2 * Z_975)))
    return OriginForecasts(*([np.concatenate(c) for c in zip(*rows)] if rows else [np.empty(0)] * 5))
