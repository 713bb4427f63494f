"""ETS(A,Ad,N) by maximum likelihood via statsmodels, for regular series with enough points.

References
----------
Hyndman, R.J., Koehler, A.B., Ord, J.K. & Snyder, R.D. (2008) *Forecasting with exponential
smoothing: the state space approach*, Springer, ch. 2 and 6.
statsmodels ``ETSModel``: https://www.statsmodels.org/stable/generated/statsmodels.tsa.exponential_smoothing.ets.ETSModel.html
"""
from __future__ import annotations

import warnings

import numpy as np

from .base import FitFailure, GrowthModel
from .registry import register


@register
class ETS(GrowthModel):
    """Additive-error damped-trend ETS fitted by statsmodels on the transformed scale.

    .. math:: z_t = \\ell_{t-1} + \\phi b_{t-1} + \\varepsilon_t, \\;
              \\ell_t = \\ell_{t-1} + \\phi b_{t-1} + \\alpha \\varepsilon_t, \\;
              b_t = \\phi b_{t-1} + \\beta \\varepsilon_t

    Needs consecutive years and ``min_points`` observations (five parameters are estimated).
    If the optimiser does not converge the model falls back to ``damped`` (grid-fitted, see
    :class:`~sjzforecast.models.smoothing.DampedTrend`) and says so in ``glance()``.
    Intervals come from statsmodels' simulation (parameters treated as known).
    """

    name = "ets"
    needs_regular_spacing = True
    min_points = 10
    fallback = "damped"

    def _fit(self, t, z):
        from statsmodels.tools.sm_exceptions import ConvergenceWarning
        from statsmodels.tsa.exponential_smoothing.ets import ETSModel

        with warnings.catch_warnings():
            warnings.simplefilter("error", ConvergenceWarning)
            try:
                self.result_ = ETSModel(z, error="add", trend="add", damped_trend=True).fit(disp=False)
            except (ConvergenceWarning, np.linalg.LinAlgError, ValueError) as exc:
                raise FitFailure(f"statsmodels ETS did not fit: {exc}") from exc
        if not self.result_.mle_retvals.get("converged", True):
            raise FitFailure("statsmodels ETS optimiser did not converge")
        params = dict(zip(self.result_.param_names, map(float, self.result_.params)))
        self.params_ = {k: params[k] for k in ("smoothing_level", "smoothing_trend", "damping_trend")}
        return {"sigma": float(np.sqrt(self.result_.mse)), "aicc": float(self.result_.aicc), **self.params_}

    def _simulate_z(self, steps, n_paths, rng):
        sims = self.result_.simulate(nsimulations=len(steps), repetitions=n_paths, anchor="end", rng=rng)
        return np.asarray(sims, dtype=float).reshape(len(steps), n_paths).T

    def _tidy_rows(self):
        return [(k, v, np.nan) for k, v in self.params_.items()] + [
            ("sigma", float(np.sqrt(self.result_.mse)), np.nan)]
