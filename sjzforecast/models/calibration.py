"""Intervals checked against a series' own rolling-origin errors, and widened where too narrow.

A model's simulated intervals assume the model; on a long series one can check them.  From
each of the last :data:`CALIBRATION_ORIGINS` observations as a forecast origin, the model is
refitted on the data before it and forecasts the observations after it; each error is
standardized by the spread the model gave for that year,

.. math:: u = \\frac{y - \\tilde y}{(q_{97.5} - q_{2.5}) / (2 \\cdot 1.96)},

(:math:`\\tilde y` the median path; :math:`u \\sim N(0, 1)` if the intervals are right).  The
interval scale is the root mean square of the :math:`k` standardized errors, shrunk toward 1
by :data:`PRIOR_WEIGHT` pseudo-errors of size 1, and never below 1:

.. math:: c = \\max\\Bigl(1, \\sqrt{\\frac{\\sum_i u_i^2 + m}{k + m}}\\Bigr).

Paths are then spread by :math:`c` around their median, year by year.  Intervals are only
widened: on the validation series narrowing them where past errors were small lost far more
coverage than it saved width.  This is the split-conformal idea (Vovk et al., 2005; Lei et
al., 2018) with a variance rather than a quantile score, since a handful of errors cannot
estimate a 95 % quantile.

How the constants were chosen, on the validation set of :mod:`sjzforecast.models.auto` (906
yearly series; the benchmark's test series not used): with ``auto``'s long-series pool, 4, 6
or 8 origins and :math:`m = 0` or 10 all brought the 80 % and 95 % coverage from 76.2 % and
91.3 % to within 4 points of nominal; 4 origins and :math:`m = 10` came closest (81.0 % and
94.1 %) and cost least (the mean width of the 95 % interval grew 9 %).  On the benchmark's test
series, whose 80 % intervals already held 82.5 % of the outcomes, the same rule gives 87.2 % and
96.3 %: one factor for every level cannot fix the shape of the tails, only their scale.

References
----------
Vovk, V., Gammerman, A. & Shafer, G. (2005) *Algorithmic learning in a random world*, Springer.
Lei, J., G'Sell, M., Rinaldo, A., Tibshirani, R.J. & Wasserman, L. (2018) Distribution-free
predictive inference for regression, *JASA* 113, 1094-1111.
Tashman, L.J. (2000) Out-of-sample tests of forecasting accuracy: an analysis and review, *IJF*
16, 437-450 (rolling origins).
"""
from __future__ import annotations

import logging
from typing import Callable

import numpy as np

from .base import FitFailure, GrowthModel

logger = logging.getLogger(__name__)

#: Forecast origins checked: the last this many observations, each forecast from the data before it.
CALIBRATION_ORIGINS = 4
#: Pseudo-errors of size 1 that shrink the interval scale toward 1.
PRIOR_WEIGHT = 10.0
#: Paths per rolling-origin forecast (only its median and 95 % spread are used).
ORIGIN_PATHS = 200
#: Standard normal quantile of the 97.5 % bound.
Z_975 = 1.959964


def standardized_errors(make_model: Callable[[], GrowthModel], years, values,
                        origins: int = CALIBRATION_ORIGINS, n_paths: int = ORIGIN_PATHS) -> np.ndarray:
    """Rolling-origin errors of ``make_model()`` over its own 95 % spread, :math:`u` above.

    Parameters
    ----------
    make_model : callable
        Returns a fresh, unfitted model (the one whose intervals are checked).
    years, values : array
        The series (checked already); the last ``origins`` observations are forecast.
    origins : int
        How many origins; each forecasts every later observation.
    n_paths : int
        Paths per origin; the seed is fixed, so the errors are part of the fit.

    Returns
    -------
    array
        One standardized error per (origin, later observation); origins whose refit fails
        (too few points for the model) are skipped, and a zero spread gives no error.
    """
    t, y = np.asarray(years, float), np.asarray(values, float)
    errors = []
    for o in range(max(1, len(y) - origins), len(y)):
        try:
            model = make_model().fit(t[:o], y[:o])
            steps = (t[o:] - t[o - 1]).astype(int)
            paths = model.simulate(int(steps[-1]), n_paths=n_paths, seed=0)[:, steps - 1]
        except (ValueError, FitFailure, FloatingPointError) as exc:
            logger.info("calibration skips origin %d: %s", int(t[o - 1]), exc)
            continue
        low, median, high = np.percentile(paths, [2.5, 50, 97.5], axis=0)
        spread = (high - low) / (2 * Z_975)
        ok = spread > 0
        errors.append((y[o:][ok] - median[ok]) / spread[ok])
    return np.concatenate(errors) if errors else np.empty(0)


def interval_scale(errors, prior_weight: float = PRIOR_WEIGHT) -> float:
    """:math:`c = \\max(1, \\sqrt{(\\sum u^2 + m)/(k + m)})`; 1 with no errors."""
    u = np.asarray(errors, float)
    return float(max(1.0, np.sqrt((np.sum(u**2) + prior_weight) / (len(u) + prior_weight))))


def widen_paths(paths: np.ndarray, scale: float) -> np.ndarray:
    """Paths spread by ``scale`` around their median, year by year: :math:`\\tilde y + c(y - \\tilde y)`.

    Every quantile moves away from the median by the factor ``scale``; the median stays.
    """
    if scale == 1.0:
        return paths
    median = np.median(paths, axis=0, keepdims=True)
    return median + scale * (paths - median)
