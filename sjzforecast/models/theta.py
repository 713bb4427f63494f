"""Dynamic optimized Theta (DOTM) for consecutive years.

The Theta forecast is simple exponential smoothing of the data plus a share
:math:`w = 1 - 1/\\theta` of the trend line's slope; in the dynamic version the line
:math:`A_k + B_k t` is the least-squares line of the first :math:`k` points, updated with
every observation (Fiorucci et al., 2016):

.. math::
    \\hat z_{k+1} = \\ell_k + w B_k \\frac{1 - (1-\\alpha)^k}{\\alpha}, \\quad
    \\ell_{k+1} = \\alpha z_{k+1} + (1-\\alpha) \\ell_k, \\\\
    \\bar z_{k+1} = \\bar z_k + \\frac{z_{k+1} - \\bar z_k}{k+1}, \\quad
    B_{k+1} = \\frac{(k-1) B_k + 6 (z_{k+1} - \\bar z_k)/(k+1)}{k+2}

(:math:`\\ell_1 = \\bar z_1 = z_1`, :math:`B_1 = 0`; the factor :math:`(1-(1-\\alpha)^k)/\\alpha`
is the lag of smoothing started at the first value behind a line of slope 1, so :math:`w = 1`
extrapolates the line and :math:`w = 0` is simple exponential smoothing).  :math:`\\alpha` and
:math:`w` are chosen on a grid by least squares of the one-step errors; forecasts and paths
continue the same recursion, fed with the simulated values, with a Student-t residual
scale (see :mod:`.base`).

References
----------
Fiorucci, J.A., Pellegrini, T.R., Louzada, F., Petropoulos, F. & Koehler, A.B. (2016) Models for
optimising the theta method and their relationship to state space models, *IJF* 32, 1151-1161.
Assimakopoulos, V. & Nikolopoulos, K. (2000) The theta model, *IJF* 16, 521-530.
"""
from __future__ import annotations

import numpy as np

from .base import GrowthModel, step_noise
from .registry import register
from .smoothing import ALPHAS

#: Candidate trend weights :math:`w = 1 - 1/\\theta` (:math:`\\theta` from 1 to infinity).
TREND_WEIGHTS = np.linspace(0.0, 1.0, 9)


def dotm_forecast(level, slope, alpha, weight, k):
    """One-step forecast after ``k`` observations (arrays broadcast)."""
    return level + weight * slope * (1 - (1 - alpha) ** k) / alpha


def dotm_update(level, mean, slope, alpha, value, k):
    """States after the ``k+1``-th observation ``value``: level, mean and slope of the line."""
    slope = ((k - 1) * slope + 6 * (value - mean) / (k + 1)) / (k + 2)
    return alpha * value + (1 - alpha) * level, mean + (value - mean) / (k + 1), slope


def dotm_filter(z, alpha, weight):
    """One-step errors ``(len(alpha), n-1)`` and the final level, mean and slope, for a grid of parameters."""
    alpha, weight = np.broadcast_arrays(np.asarray(alpha, dtype=float), np.asarray(weight, dtype=float))
    level, mean, slope = np.full(alpha.shape, z[0]), np.full(alpha.shape, z[0]), np.zeros(alpha.shape)
    errors = np.empty(alpha.shape + (len(z) - 1,))
    for k in range(1, len(z)):
        errors[..., k - 1] = z[k] - dotm_forecast(level, slope, alpha, weight, k)
        level, mean, slope = dotm_update(level, mean, slope, alpha, z[k], k)
    return errors, level, mean, slope


@register
class DynamicOptimizedTheta(GrowthModel):
    """Dynamic optimized Theta (DOTM), see the module docstring; needs consecutive years."""

    name = "dotm"
    needs_regular_spacing = True
    min_points = 4
    n_params = 2

    def _fit(self, t, z):
        alpha, weight = (x.ravel() for x in np.meshgrid(ALPHAS, TREND_WEIGHTS, indexing="ij"))
        errors, level, mean, slope = dotm_filter(z, alpha, weight)
        sse = np.sum(errors**2, axis=-1)
        best = int(np.argmin(sse))
        self.params_ = {"alpha": float(alpha[best]), "trend_weight": float(weight[best])}
        self.states_ = (float(level[best]), float(mean[best]), float(slope[best]))
        stats = self._sigma_posterior(float(sse[best]), len(z) - 1 - self.n_params)
        return {**stats, **self.params_}

    def _simulate_z(self, steps, n_paths, rng):
        """Continue the recursion from the last observation, fed with the simulated values."""
        alpha, weight = self.params_["alpha"], self.params_["trend_weight"]
        level, mean, slope = (np.full(n_paths, s) for s in self.states_)
        sigma = self._draw_sigma(n_paths, rng)[:, None]
        eps = step_noise(rng, n_paths, len(steps)) * sigma
        out = np.empty(eps.shape)
        for step in range(len(steps)):
            k = len(self.z_) + step
            out[:, step] = dotm_forecast(level, slope, alpha, weight, k) + eps[:, step]
            level, mean, slope = dotm_update(level, mean, slope, alpha, out[:, step], k)
        return out

    def _tidy_rows(self):
        level, _, slope = self.states_
        return ([(k, v, np.nan) for k, v in self.params_.items()]
                + [("level", level, np.nan), ("slope", slope, np.nan)] + super()._tidy_rows())
