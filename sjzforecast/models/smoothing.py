"""Exponential smoothing for uneven years: damped trend and Theta (SES with drift).

Both are innovations state-space models with a level :math:`\\ell` and a slope :math:`b`.
Over a gap of :math:`d` years:

.. math::
    \\hat z = \\ell + b \\textstyle\\sum_{j=1}^{d} \\phi^j, \\quad e = z - \\hat z, \\quad
    \\ell \\leftarrow \\hat z + (1 - (1-\\alpha)^d) e, \\quad b \\leftarrow \\phi^d b + \\beta e

(for :math:`d = 1` this is Gardner's damped trend; the smoothing weight of a gap is that of
:math:`d` yearly steps without observations).  Errors are scaled by :math:`1/\\sqrt d` for
the sum of squares.  Parameters are chosen on a grid by least squares; paths are simulated
from the state-space form with a Student-t residual scale (see :mod:`.base`).

References
----------
Gardner, E.S. & McKenzie, E. (1985) Forecasting trends in time series, *Management Science* 31, 1237-1246.
Hyndman, R.J. & Billah, B. (2003) Unmasking the Theta method, *IJF* 19, 287-290.
Assimakopoulos, V. & Nikolopoulos, K. (2000) The theta model, *IJF* 16, 521-530.
Hyndman, R.J. & Athanasopoulos, G. (2021) *Forecasting: principles and practice*, 3rd ed., ch. 8.
"""
from __future__ import annotations

import numpy as np

from .base import GrowthModel, step_noise
from .registry import register
from .trend import ols_line


def smoothing_filter(t, z, alpha, beta, phi, slope0):
    """Run the smoothing recursion for ``k`` parameter sets at once.

    Parameters
    ----------
    t, z : array (n,)
        Years and transformed values.
    alpha, beta, phi, slope0 : array (k,) or float
        Level and slope smoothing, damping, initial slope; the initial level is ``z[0]``.

    Returns
    -------
    errors : array (k, n-1)
        One-step (one-gap) errors scaled by :math:`1/\\sqrt d`.
    level, slope : array (k,)
        Final states.
    """
    alpha, beta, phi, slope = (np.asarray(x, dtype=float) for x in np.broadcast_arrays(alpha, beta, phi, slope0))
    level = np.full(alpha.shape, z[0], dtype=float)
    slope = slope.copy()
    errors = np.empty(alpha.shape + (len(z) - 1,))
    for i in range(1, len(z)):
        d = t[i] - t[i - 1]
        phi_d = phi**d
        damped_sum = np.where(phi == 1.0, d, phi * (1 - phi_d) / np.where(phi == 1.0, 0.5, 1 - phi))
        pred = level + slope * damped_sum
        e = z[i] - pred
        level = pred + (1 - (1 - alpha) ** d) * e
        slope = slope * phi_d + beta * e
        errors[..., i - 1] = e / np.sqrt(d)
    return errors, level, slope


def simulate_smoothing(level, slope, alpha, beta, phi, sigma, h, rng):
    """Paths of the innovations state-space model, shape ``(len(sigma), h)``.

    .. math:: z_{k} = \\ell + \\phi b + \\varepsilon_k, \\; \\ell \\leftarrow \\ell + \\phi b + \\alpha\\varepsilon_k,
              \\; b \\leftarrow \\phi b + \\beta \\varepsilon_k, \\quad \\varepsilon_k \\sim N(0, \\sigma^2)
    """
    n = len(sigma)
    lev, slo = np.full(n, float(level)), np.full(n, float(slope))
    out = np.empty((n, h))
    eps = step_noise(rng, n, h) * sigma[:, None]
    for k in range(h):
        pred = lev + phi * slo
        out[:, k] = pred + eps[:, k]
        lev = pred + alpha * eps[:, k]
        slo = phi * slo + beta * eps[:, k]
    return out


class _Smoothing(GrowthModel):
    """Shared fitting: pick the grid point with the least squared error, then simulate."""

    n_params = 1

    def _grid(self, t, z):  # pragma: no cover - abstract
        """``(alpha, beta, phi, slope0)`` arrays of candidate parameters."""
        raise NotImplementedError

    def _fit(self, t, z):
        alpha, beta, phi, slope0 = self._grid(t, z)
        errors, level, slope = smoothing_filter(t, z, alpha, beta, phi, slope0)
        sse = np.sum(errors**2, axis=-1)
        best = int(np.argmin(sse))
        self.params_ = {"alpha": float(alpha[best]), "beta": float(beta[best]), "phi": float(phi[best]),
                        "slope0": float(slope0[best])}
        self.level_, self.slope_ = float(level[best]), float(slope[best])
        stats = self._sigma_posterior(float(sse[best]), len(z) - 1 - self.n_params)
        return {**stats, **self.params_}

    def _simulate_z(self, steps, n_paths, rng):
        p = self.params_
        return simulate_smoothing(self.level_, self.slope_, p["alpha"], p["beta"], p["phi"],
                                  self._draw_sigma(n_paths, rng), len(steps), rng)

    def _tidy_rows(self):
        rows = [(k, v, np.nan) for k, v in self.params_.items()]
        return rows + [("level", self.level_, np.nan), ("slope", self.slope_, np.nan)] + super()._tidy_rows()


#: Candidate smoothing weights.
ALPHAS = np.linspace(0.05, 1.0, 20)


@register
class DampedTrend(_Smoothing):
    """Additive damped trend (ETS(A,Ad,N)) for uneven years.

    :math:`\\hat z_{T+h} = \\ell_T + (\\phi + \\dots + \\phi^h) b_T`; :math:`\\alpha`,
    :math:`\\beta = f\\alpha` and :math:`\\phi` on a grid (:math:`f \\in \\{0, .1, .25, .5\\}`,
    :math:`\\phi \\in \\{.8, .9, .95, .98\\}`); the initial slope is the least-squares slope.
    """

    name = "damped"
    min_points = 4
    n_params = 3
    fractions = np.array([0.0, 0.1, 0.25, 0.5])
    phis = np.array([0.8, 0.9, 0.95, 0.98])

    def _grid(self, t, z):
        a, f, p = (x.ravel() for x in np.meshgrid(ALPHAS, self.fractions, self.phis, indexing="ij"))
        slope0 = ols_line(t, z)[0][1]
        return a, a * f, p, np.full_like(a, slope0)


@register
class Theta(_Smoothing):
    """Theta method as simple exponential smoothing with drift (Hyndman & Billah, 2003).

    The drift is half the least-squares slope :math:`b/2` of the series (the Theta method's
    equal-weight combination of the :math:`\\theta = 0` trend line and SES of the
    :math:`\\theta = 2` line); :math:`\\alpha` on a grid.
    :math:`\\hat z_{T+h} = \\ell_T + h b / 2`.
    """

    name = "theta"
    min_points = 3
    n_params = 1

    def _grid(self, t, z):
        half_slope = ols_line(t, z)[0][1] / 2
        return ALPHAS, np.zeros_like(ALPHAS), np.ones_like(ALPHAS), np.full_like(ALPHAS, half_slope)
