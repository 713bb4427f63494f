"""Deterministic trends fitted by least squares at uneven years: linear, log-linear, logistic.

References
----------
Hyndman, R.J. & Athanasopoulos, G. (2021) *Forecasting: principles and practice*, 3rd ed.,
sec. 7.1 and 7.7 (trend regression, log-linear growth).
Meade, N. & Islam, T. (2006) Modelling and forecasting the diffusion of innovation - a 25-year
review, *IJF* 22, 519-545 (logistic growth curves).
"""
from __future__ import annotations

import numpy as np
from scipy.optimize import minimize_scalar

from ..transforms import Transform, choose_transform
from .base import FitFailure, GrowthModel, step_noise
from .registry import register


def ols_line(t: np.ndarray, z: np.ndarray) -> tuple[np.ndarray, float, np.ndarray, float]:
    """Least-squares line ``z = a + b (t - t0)`` with ``t0 = mean(t)``.

    Returns ``(beta, t0, (X'X)^{-1}, SSR)``.
    """
    t0 = float(t.mean())
    X = np.column_stack([np.ones_like(t), t - t0])
    beta, *_ = np.linalg.lstsq(X, z, rcond=None)
    resid = z - X @ beta
    return beta, t0, np.linalg.inv(X.T @ X), float(resid @ resid)


@register
class LinearTrend(GrowthModel):
    """Deterministic trend: :math:`z_t = a + b t + \\varepsilon_t`, OLS on uneven years.

    Parameter uncertainty enters through draws of :math:`(a, b)` from
    :math:`N(\\hat\\beta, \\sigma^2 (X^\\top X)^{-1})`.  On the level scale (the default)
    the series grows by a constant amount a year.
    """

    name = "linear"

    def __init__(self, transform: str = "none", **kwargs):
        super().__init__(transform=transform, **kwargs)

    def _fit(self, t, z):
        self.beta_, self.t0_, self.xtx_inv_, ssr = ols_line(t, z)
        stats = self._sigma_posterior(ssr, len(z) - 2)
        stats["slope"] = float(self.beta_[1])
        if self.transform_ == "log":
            stats["cagr"] = float(np.expm1(self.beta_[1]))
        return stats

    def _simulate_z(self, steps, n_paths, rng):
        sigma = self._draw_sigma(n_paths, rng)
        chol = np.linalg.cholesky(self.xtx_inv_)
        beta = self.beta_ + (rng.standard_normal((n_paths, 2)) @ chol.T) * sigma[:, None]
        x = self.years_[-1] + steps - self.t0_
        mean = beta[:, [0]] + beta[:, [1]] * x[None, :]
        return mean + step_noise(rng, n_paths, len(steps)) * sigma[:, None]

    def _tidy_rows(self):
        se = np.sqrt(np.diag(self.xtx_inv_) * self.s2_)
        return [("intercept", float(self.beta_[0]), float(se[0])),
                ("slope", float(self.beta_[1]), float(se[1]))] + super()._tidy_rows()


@register
class LogLinear(LinearTrend):
    """Constant compound growth: the linear trend on ``z = log(y)``; :math:`e^{b}-1` is the CAGR."""

    name = "loglinear"

    def __init__(self, transform: str = "log", **kwargs):
        super().__init__(transform=transform, **kwargs)


def logistic_profile_loglik(t: np.ndarray, y: np.ndarray, ceiling: float) -> float:
    """Profile log-likelihood of the ceiling ``K`` of a logistic curve, on the scale of ``y``.

    .. math:: \\ell(K) = -\\tfrac{n}{2} \\ln(\\mathrm{SSR}_K / n) + \\sum_i \\ln \\frac{K}{y_i (K - y_i)}

    where :math:`\\mathrm{SSR}_K` is the residual sum of squares of the line fitted to
    :math:`\\ln(y/(K-y))`; the second term is the Jacobian of the logit transform.
    """
    transform = Transform("logit", ceiling)
    *_, ssr = ols_line(t, transform.forward(y))
    return -0.5 * len(y) * np.log(max(ssr, 1e-300) / len(y)) + transform.log_jacobian(y)


def estimate_ceiling(t: np.ndarray, y: np.ndarray, max_ratio: float = 20.0) -> float:
    """Maximum-likelihood ceiling of a logistic curve, searched in ``(max(y), max_ratio * max(y))``.

    Raises
    ------
    FitFailure
        Fewer than 4 points, or the likelihood keeps rising toward ``max_ratio * max(y)``
        (no sign of saturation in the data).
    """
    if len(y) < 4:
        raise FitFailure(f"estimating a ceiling needs at least 4 points, got {len(y)}")
    top = float(y.max())
    log_ratio = np.linspace(np.log1p(1e-4), np.log(max_ratio), 120)
    loglik = np.array([logistic_profile_loglik(t, y, top * np.exp(r)) for r in log_ratio])
    best = int(np.argmax(loglik))
    if best == len(log_ratio) - 1:
        raise FitFailure(f"ceiling not identified: likelihood still rising at {max_ratio:g} x max(y)")
    lo, hi = log_ratio[max(best - 1, 0)], log_ratio[min(best + 1, len(log_ratio) - 1)]
    res = minimize_scalar(lambda r: -logistic_profile_loglik(t, y, top * np.exp(r)),
                          bounds=(lo, hi), method="bounded", options={"xatol": 1e-7})
    return top * float(np.exp(res.x))


@register
class Logistic(LinearTrend):
    """Logistic growth toward a ceiling :math:`K`: :math:`y_t = K / (1 + e^{-(a + b t)})`.

    Equivalent to a linear trend on :math:`z = \\ln(y / (K - y))`, so paths stay below
    :math:`K`.  A stated ``ceiling`` is used as given (it must exceed the data); otherwise
    :math:`K` is estimated by maximising :func:`logistic_profile_loglik` (needs 4 points and
    visible saturation; else the model falls back to ``loglinear`` and says so in ``glance``).
    The estimated :math:`K` is treated as known in the intervals.
    """

    name = "logistic"
    fallback = "loglinear"

    def __init__(self, ceiling: float | None = None, **kwargs):
        kwargs.pop("transform", None)
        super().__init__(transform="logit", ceiling=ceiling, **kwargs)

    def _choose_transform(self, t, y):
        if self.ceiling is not None:
            self.ceiling_source_ = "stated"
            return choose_transform("logit", y, self.ceiling, self.name, years=t)
        choose_transform("log", y, None, self.name, years=t)  # positivity check
        self.ceiling_source_ = "estimated"
        return Transform("logit", estimate_ceiling(t, y))

    def _fit(self, t, z):
        stats = super()._fit(t, z)
        return {**stats, "ceiling": self._transform.ceiling, "ceiling_source": self.ceiling_source_}

    def _fallback_args(self) -> dict:
        return {**super()._fallback_args(), "transform": "log", "ceiling": None}

    def _tidy_rows(self):
        return [("ceiling", self._transform.ceiling, np.nan)] + super()._tidy_rows()
