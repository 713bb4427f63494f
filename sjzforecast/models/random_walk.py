"""Random walks for uneven years: naive, drift and robust drift (with optional peer shrinkage of the drift).

References
----------
Hyndman, R.J. & Athanasopoulos, G. (2021) *Forecasting: principles and practice*, 3rd ed.,
sec. 5.2 (simple methods) and 5.5 (prediction intervals).
Grambsch, P. & Stahel, W.A. (1990) Forecasting demand for special telephone services: a case
study, *IJF* 6, 53-64 (the robust trend: the median of the differences as the drift).
Fildes, R., Hibon, M., Makridakis, S. & Meade, N. (1998) Generalising about univariate forecasting
methods: further empirical evidence, *IJF* 14, 339-358 (the robust trend among extrapolation methods).
Efron, B. & Morris, C. (1975) Data analysis using Stein's estimator and its generalizations,
*JASA* 70, 311-319 (empirical Bayes shrinkage toward a group mean).
"""
from __future__ import annotations

import numpy as np

from .base import GrowthModel, step_noise
from .registry import register


@register
class Naive(GrowthModel):
    """Random walk: :math:`z_{t+d} = z_t + \\varepsilon`, :math:`\\varepsilon \\sim N(0, d\\sigma^2)`.

    Uneven gaps ``d`` scale the innovation variance.  Forecast: the last value.
    """

    name = "naive"

    def _fit(self, t, z):
        d, dz = np.diff(t), np.diff(z)
        return self._sigma_posterior(float(np.sum(dz**2 / d)), len(d))

    def _simulate_z(self, steps, n_paths, rng):
        sigma = self._draw_sigma(n_paths, rng)[:, None]
        eps = step_noise(rng, n_paths, len(steps)) * sigma
        return self.z_[-1] + np.cumsum(eps, axis=1)


def shrink_normal(estimate: float, variance: float, prior_mean: float, prior_sd: float) -> tuple[float, float, float]:
    """Posterior mean, variance and data weight for a normal estimate under a normal prior.

    .. math:: w = \\frac{\\tau^2}{\\tau^2 + v}, \\quad \\tilde\\mu = w \\hat\\mu + (1-w) m,
              \\quad \\tilde v = w v

    Returns ``(estimate, variance, 1.0)`` when ``prior_sd`` is infinite.
    """
    if not np.isfinite(prior_sd):
        return estimate, variance, 1.0
    w = prior_sd**2 / (prior_sd**2 + variance)
    return w * estimate + (1 - w) * prior_mean, w * variance, w


@register
class Drift(Naive):
    """Random walk with drift, for uneven years.

    :math:`z_{t+d} - z_t \\sim N(\\mu d, \\sigma^2 d)`.  The drift estimate is
    :math:`\\hat\\mu = (z_T - z_1)/(t_T - t_1)` with variance :math:`\\sigma^2/(t_T - t_1)`;
    simulated paths draw :math:`\\sigma` and :math:`\\mu` from their posterior, so the drift's
    own uncertainty widens the intervals as :math:`h^2`.  On the log scale :math:`e^{\\mu}-1`
    is the compound annual growth rate.

    With a peer prior (``peers=``, same scale) the drift is shrunk toward the peers' growth
    distribution :math:`N(m, \\tau^2)` by :func:`shrink_normal` (empirical Bayes): a short or
    noisy series borrows more from its peers.
    """

    name = "drift"

    #: Variance of the drift estimate in units of :math:`\\sigma^2 / (t_T - t_1)`.
    variance_factor = 1.0

    def _own_drift(self, t, z) -> float:
        """The series' own drift: :math:`(z_T - z_1)/(t_T - t_1)`."""
        return (z[-1] - z[0]) / (t[-1] - t[0])

    def _fit(self, t, z):
        span = t[-1] - t[0]
        d, dz = np.diff(t), np.diff(z)
        own = self._own_drift(t, z)
        stats = self._sigma_posterior(float(np.sum((dz - own * d) ** 2 / d)), len(d) - 1)
        self.span_, self.drift_own_ = span, own
        peers = self._peer_prior_on_scale()
        prior_mean, prior_sd = (peers.growth_mean, peers.growth_sd) if peers else (0.0, np.inf)
        own_var = self.variance_factor * self.s2_ / span
        self.mu_, self.mu_var_, self.weight_ = shrink_normal(own, own_var, prior_mean, prior_sd)
        stats["drift"] = float(self.mu_)
        if peers:
            stats["drift_own"], stats["peer_weight"] = float(own), float(1 - self.weight_)
        return stats

    def _simulate_z(self, steps, n_paths, rng):
        sigma = self._draw_sigma(n_paths, rng)[:, None]
        scale = sigma / np.sqrt(self.s2_) if self.s2_ > 0 else np.ones_like(sigma)  # a constant series
        mu = self.mu_ + np.sqrt(self.mu_var_) * scale * rng.standard_normal((n_paths, 1))
        eps = step_noise(rng, n_paths, len(steps)) * sigma
        return self.z_[-1] + mu * steps + np.cumsum(eps, axis=1)

    def _tidy_rows(self):
        rows = [("drift", float(self.mu_), float(np.sqrt(self.mu_var_)))]
        if self.weight_ < 1:
            peers = self.peers
            rows += [("drift_own", float(self.drift_own_), float(np.sqrt(self.variance_factor * self.s2_ / self.span_))),
                     ("peer_growth_mean", float(peers.growth_mean), float(peers.growth_sd)),
                     ("peer_weight", float(1 - self.weight_), np.nan),
                     ("peer_sigma", float(peers.sigma), np.nan)]
        return rows + super()._tidy_rows()


def weighted_median(values, weights) -> float:
    """The weighted median: the smallest value whose cumulative weight reaches half the total.

    With equal weights and an even count it is the mean of the two middle values, as
    :func:`numpy.median`.
    """
    order = np.argsort(values, kind="stable")
    v, w = np.asarray(values, float)[order], np.asarray(weights, float)[order]
    cum = np.cumsum(w) / np.sum(w)
    i = int(np.searchsorted(cum, 0.5))
    if np.isclose(cum[i], 0.5) and i + 1 < len(v):
        return float((v[i] + v[i + 1]) / 2)
    return float(v[i])


@register
class RobustDrift(Drift):
    """Random walk with a robust drift: the median of the yearly changes.

    :math:`\\hat\\mu = \\operatorname{median}_w\\{(z_{i} - z_{i-1})/d_i\\}`, the median of the
    per-gap slopes weighted by the gap lengths :math:`d_i` (the plain median of the
    differences for consecutive years), the robust trend of Grambsch & Stahel (1990; compared
    with other extrapolation methods by Fildes et al., 1998).  One jump or fall in the history
    moves it little, where the drift of :class:`Drift` (the first-to-last slope) takes the end
    points at face value.  Its variance is that of a
    median, :math:`\\tfrac{\\pi}{2}\\,\\sigma^2/(t_T - t_1)` (asymptotic relative efficiency
    :math:`2/\\pi` under normal errors); the rest is :class:`Drift`'s, peer shrinkage included.
    """

    name = "robust_drift"
    min_points = 3
    variance_factor = np.pi / 2

    def _own_drift(self, t, z) -> float:
        d = np.diff(t)
        return weighted_median(np.diff(z) / d, d)
