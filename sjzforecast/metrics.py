"""Forecast accuracy metrics: pure functions of arrays, one value per forecast or a mean.

References
----------
Hyndman, R.J. & Koehler, A.B. (2006) Another look at measures of forecast accuracy, *IJF* 22, 679-688 (MASE).
Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020) The M4 Competition, *IJF* 36, 54-74
(sMAPE, MASE, MSIS: the Winkler score scaled like MASE).
Makridakis, S. et al. (2022) The M5 competition, *IJF* 38, 1346-1364 (RMSSE).
Winkler, R.L. (1972) A decision-theoretic approach to interval estimation, *JASA* 67, 187-191.
Gneiting, T. & Raftery, A.E. (2007) Strictly proper scoring rules, prediction, and estimation,
*JASA* 102, 359-378 (CRPS, its energy form).
"""
from __future__ import annotations

import numpy as np


def _arrays(*xs):
    return [np.asarray(x, dtype=float) for x in xs]


def smape(actual, forecast) -> float:
    """Symmetric MAPE in percent: :math:`\\frac{200}{n} \\sum |a - f| / (|a| + |f|)`."""
    a, f = _arrays(actual, forecast)
    return float(np.mean(200 * np.abs(a - f) / (np.abs(a) + np.abs(f))))


def naive_scale(years, values, power: int = 1) -> float:
    """In-sample mean of the yearly naive error, :math:`\\overline{|\\Delta y / \\Delta t|^p}`.

    ``power=1`` scales MASE and the Winkler score, ``power=2`` scales RMSSE.  Uneven gaps
    count as their average change per year.
    """
    t, y = _arrays(years, values)
    return float(np.mean(np.abs(np.diff(y) / np.diff(t)) ** power))


def mase(actual, forecast, scale) -> float:
    """Mean absolute scaled error: :math:`\\frac{1}{n} \\sum |a - f| / s` (``scale`` per forecast or one)."""
    a, f, s = _arrays(actual, forecast, scale)
    return float(np.mean(np.abs(a - f) / s))


def rmsse(actual, forecast, scale2) -> float:
    """Root mean squared scaled error: :math:`\\sqrt{\\frac{1}{n} \\sum (a - f)^2 / s_2}`."""
    a, f, s = _arrays(actual, forecast, scale2)
    return float(np.sqrt(np.mean((a - f) ** 2 / s)))


def coverage(actual, lo, hi) -> float:
    """Percentage of actuals inside ``[lo, hi]``."""
    a, lo, hi = _arrays(actual, lo, hi)
    return float(100 * np.mean((a >= lo) & (a <= hi)))


def winkler(actual, lo, hi, level: float) -> np.ndarray:
    """Winkler (interval) score of each forecast, for a ``level`` % interval; lower is better.

    .. math:: W = (u - l) + \\frac{2}{\\alpha}(l - a)\\,1[a < l] + \\frac{2}{\\alpha}(a - u)\\,1[a > u],
              \\quad \\alpha = 1 - \\mathrm{level}/100
    """
    a, lo, hi = _arrays(actual, lo, hi)
    alpha = 1 - level / 100
    return (hi - lo) + 2 / alpha * (np.maximum(lo - a, 0) + np.maximum(a - hi, 0))


def crps_paths(actual, paths) -> np.ndarray:
    """CRPS of the empirical distribution of simulated paths, one value per column.

    .. math:: \\mathrm{CRPS}(F, a) = E|X - a| - \\tfrac12 E|X - X'|, \\quad
              E|X - X'| = \\frac{2}{m^2} \\sum_{i=1}^{m} (2i - m - 1) x_{(i)}

    Parameters
    ----------
    actual : array (h,)
    paths : array (m, h)
        ``m`` draws of each of the ``h`` forecasts.
    """
    a = np.atleast_1d(np.asarray(actual, dtype=float))
    x = np.sort(np.asarray(paths, dtype=float).reshape(-1, len(a)), axis=0)
    m = len(x)
    weights = (2 * np.arange(1, m + 1) - m - 1)[:, None]
    spread = 2 / m**2 * np.sum(weights * x, axis=0)
    return np.mean(np.abs(x - a), axis=0) - 0.5 * spread
