"""Growth models for short annual series at possibly uneven years, behind one contract.

Every model follows the statsforecast / fable contract::

    model = get_model("drift")().fit(years, values)
    model.predict(h=3, levels=(80, 95))   # DataFrame: mean, lo-80, hi-80, lo-95, hi-95
    model.simulate(h=3, n_paths=1000, seed=0)  # array (n_paths, h)
    model.tidy(); model.glance()

Models work on a transformed scale ``z = log(y)`` for positive data (``transform="log"``)
or ``z = y`` (``transform="none"``); paths are back-transformed, and intervals are quantiles
of the simulated paths, so they respect the transform's bounds.

Residual variance uses a scaled-inverse-chi-square prior (value ``sigma_prior``, weight
``prior_df`` pseudo-observations), so that two points still give a forecast, with honestly
wide Student-t intervals:

.. math:: s^2 = (\\mathrm{SSR} + \\nu_0 s_0^2) / (\\nu + \\nu_0), \\quad \\sigma^2 \\sim s^2 (\\nu+\\nu_0) / \\chi^2_{\\nu+\\nu_0}

References
----------
Hyndman, R.J. & Athanasopoulos, G. (2021) *Forecasting: principles and practice*, 3rd ed., ch. 5 and 9.
Gelman, A. et al. (2013) *Bayesian Data Analysis*, 3rd ed., sec. 3.2 (normal model, conjugate prior).
"""
from __future__ import annotations

import logging

import numpy as np
import pandas as pd

logger = logging.getLogger(__name__)

#: Default prior residual sd on the log scale: about 8 % a year, typical of the provincial
#: R&D panel's year-on-year growth variability.
DEFAULT_SIGMA_PRIOR = 0.08
DEFAULT_PRIOR_DF = 2.0
SIMULATION_PATHS = 10_000


def interval_columns(levels) -> list[str]:
    """``["mean", "lo-80", "hi-80", "lo-95", "hi-95"]`` for ``levels=(80, 95)``."""
    cols = ["mean"]
    for level in levels:
        cols += [f"lo-{level:g}", f"hi-{level:g}"]
    return cols


def check_levels(levels) -> tuple[float, ...]:
    levels = tuple(sorted(float(x) for x in levels))
    bad = [x for x in levels if not 0 < x < 100]
    if bad or not levels:
        raise ValueError(f"levels must be percentages strictly between 0 and 100, got {levels}")
    return levels


def check_series(years, values) -> tuple[np.ndarray, np.ndarray]:
    """Validate an annual series given as years and values; return float arrays.

    Raises
    ------
    ValueError
        Fewer than two points, NaN or inf, non-integer, duplicate or unsorted years.
    """
    t = np.asarray(years, dtype=float)
    y = np.asarray(values, dtype=float)
    if t.shape != y.shape or t.ndim != 1:
        raise ValueError(f"years and values must be 1-d and of equal length, got {t.shape} and {y.shape}")
    if len(y) < 2:
        raise ValueError(f"a forecast needs at least 2 observations, got {len(y)}"
                         + (f" (year {int(t[0])})" if len(t) else ""))
    if not np.all(np.isfinite(y)):
        raise ValueError(f"values must be finite; got {y[~np.isfinite(y)].tolist()} at years {t[~np.isfinite(y)].tolist()}")
    if not np.all(np.isfinite(t)) or np.any(t != np.round(t)):
        raise ValueError(f"years must be whole numbers, got {t.tolist()}")
    if np.any(np.diff(t) == 0):
        raise ValueError(f"duplicate years: {sorted(set(t[1:][np.diff(t) == 0].astype(int).tolist()))}")
    if np.any(np.diff(t) < 0):
        raise ValueError(f"years must be sorted ascending, got {t.astype(int).tolist()}")
    return t, y


def posterior_sigma2(ssr: float, df: float, sigma_prior: float, prior_df: float) -> tuple[float, float]:
    """Pooled residual variance and its degrees of freedom under the scaled-inv-chi2 prior."""
    total_df = df + prior_df
    if total_df <= 0:
        raise ValueError("no degrees of freedom for the residual variance: give a sigma_prior with prior_df > 0")
    return (ssr + prior_df * sigma_prior**2) / total_df, total_df


def draw_sigma(s2: float, df: float, n: int, rng: np.random.Generator) -> np.ndarray:
    """Draw ``n`` residual sds from the scaled-inverse-chi-square posterior."""
    return np.sqrt(s2 * df / rng.chisquare(df, size=n))


class GrowthModel:
    """Base class: validation, transform, interval and simulation plumbing.

    Subclasses implement ``_fit(t, z)`` (store parameters, return a dict of fit statistics)
    and ``_simulate_z(steps, n_paths, rng)`` (paths on the transformed scale, shape
    ``(n_paths, len(steps))``, where ``steps`` are years after the last observation).
    """

    name = "base"
    needs_regular_spacing = False
    min_points = 2

    def __init__(self, transform: str = "auto", sigma_prior: float = DEFAULT_SIGMA_PRIOR,
                 prior_df: float = DEFAULT_PRIOR_DF):
        if transform not in ("auto", "log", "none"):
            raise ValueError(f"transform must be 'auto', 'log' or 'none', got {transform!r}")
        self.transform = transform
        self.sigma_prior = float(sigma_prior)
        self.prior_df = float(prior_df)
        self._fitted = False

    # -- contract ---------------------------------------------------------------------
    def fit(self, years, values) -> "GrowthModel":
        t, y = check_series(years, values)
        if len(y) < self.min_points:
            raise ValueError(f"model {self.name!r} needs at least {self.min_points} points, got {len(y)}")
        transform = self.transform
        if transform == "auto":
            transform = "log" if np.all(y > 0) else "none"
        if transform == "log" and np.any(y <= 0):
            raise ValueError(f"model {self.name!r} with a log transform needs positive values, got {y[y <= 0].tolist()}")
        self.transform_ = transform
        self.years_, self.values_ = t, y
        z = np.log(y) if transform == "log" else y
        self.stats_ = self._fit(t, z)
        self._fitted = True
        return self

    def simulate(self, h: int, n_paths: int = 1000, seed: int | None = 0) -> np.ndarray:
        """Simulated future values, shape ``(n_paths, h)``, for the ``h`` years after the last observation."""
        self._check_fitted()
        h = _check_h(h)
        rng = np.random.default_rng(seed)
        z = self._simulate_z(np.arange(1, h + 1, dtype=float), int(n_paths), rng)
        return np.exp(z) if self.transform_ == "log" else z

    def predict(self, h: int, levels=(80, 95), n_paths: int = SIMULATION_PATHS, seed: int | None = 0) -> pd.DataFrame:
        """Point forecast (``mean``: the median path) and equal-tailed intervals from simulated paths."""
        levels = check_levels(levels)
        paths = self.simulate(h, n_paths=n_paths, seed=seed)
        return summarize_paths(paths, self.forecast_years(h), levels)

    def forecast_years(self, h: int) -> np.ndarray:
        self._check_fitted()
        return int(self.years_[-1]) + np.arange(1, _check_h(h) + 1)

    def tidy(self) -> pd.DataFrame:
        """Parameter table: ``term, estimate, std_error``."""
        self._check_fitted()
        return pd.DataFrame(self._tidy_rows(), columns=["term", "estimate", "std_error"])

    def glance(self) -> dict:
        """Fit statistics and what actually ran."""
        self._check_fitted()
        return {"model": self.name, "transform": self.transform_, "n_obs": len(self.values_),
                "first_year": int(self.years_[0]), "last_year": int(self.years_[-1]), **self.stats_}

    # -- plumbing ---------------------------------------------------------------------
    def _check_fitted(self):
        if not self._fitted:
            raise RuntimeError(f"model {self.name!r} is not fitted: call fit(years, values) first")

    def _tidy_rows(self):
        return []

    def _fit(self, t, z):  # pragma: no cover - abstract
        raise NotImplementedError

    def _simulate_z(self, steps, n_paths, rng):  # pragma: no cover - abstract
        raise NotImplementedError


def _check_h(h) -> int:
    if isinstance(h, bool) or not isinstance(h, (int, np.integer)) or h < 1:
        raise ValueError(f"h must be a whole number of years >= 1, got {h!r}")
    return int(h)


def summarize_paths(paths: np.ndarray, years, levels=(80, 95)) -> pd.DataFrame:
    """Median and equal-tailed quantile intervals of simulated paths, one row per year."""
    out = {"mean": np.median(paths, axis=0)}
    for level in levels:
        tail = (100 - level) / 2
        out[f"lo-{level:g}"] = np.percentile(paths, tail, axis=0)
        out[f"hi-{level:g}"] = np.percentile(paths, 100 - tail, axis=0)
    frame = pd.DataFrame(out, index=pd.Index(np.asarray(years, dtype=int), name="year"))
    return frame[interval_columns(levels)]


class Naive(GrowthModel):
    """Random walk: :math:`z_{t+d} = z_t + \\varepsilon`, :math:`\\varepsilon \\sim N(0, d\\sigma^2)`.

    Uneven gaps ``d`` scale the innovation variance.  Forecast: the last value.
    """

    name = "naive"

    def _fit(self, t, z):
        d, dz = np.diff(t), np.diff(z)
        ssr = float(np.sum(dz**2 / d))
        self.s2_, self.df_ = posterior_sigma2(ssr, len(d), self.sigma_prior, self.prior_df)
        return {"sigma": float(np.sqrt(self.s2_)), "df": self.df_}

    def _simulate_z(self, steps, n_paths, rng):
        sigma = draw_sigma(self.s2_, self.df_, n_paths, rng)[:, None]
        eps = rng.standard_normal((n_paths, len(steps))) * sigma
        return self.stats_z_last + np.cumsum(eps, axis=1)

    @property
    def stats_z_last(self):
        return np.log(self.values_[-1]) if self.transform_ == "log" else self.values_[-1]

    def _tidy_rows(self):
        return [("sigma", float(np.sqrt(self.s2_)), np.nan)]


class Drift(Naive):
    """Random walk with drift, for uneven years.

    :math:`z_{t+d} - z_t \\sim N(\\mu d, \\sigma^2 d)`.  The drift estimate is
    :math:`\\hat\\mu = (z_T - z_1)/(t_T - t_1)` with variance :math:`\\sigma^2/(t_T - t_1)`;
    simulated paths draw :math:`\\sigma` and :math:`\\mu` from their posterior, so the drift's
    own uncertainty widens the intervals as :math:`h^2`.  On the log scale :math:`e^{\\mu}-1`
    is the compound annual growth rate.
    """

    name = "drift"

    def _fit(self, t, z):
        d, dz = np.diff(t), np.diff(z)
        span = t[-1] - t[0]
        self.mu_ = (z[-1] - z[0]) / span
        ssr = float(np.sum((dz - self.mu_ * d) ** 2 / d))
        self.s2_, self.df_ = posterior_sigma2(ssr, len(d) - 1, self.sigma_prior, self.prior_df)
        self.span_ = span
        return {"sigma": float(np.sqrt(self.s2_)), "df": self.df_, "drift": float(self.mu_)}

    def _simulate_z(self, steps, n_paths, rng):
        sigma = draw_sigma(self.s2_, self.df_, n_paths, rng)[:, None]
        mu = self.mu_ + sigma * rng.standard_normal((n_paths, 1)) / np.sqrt(self.span_)
        eps = rng.standard_normal((n_paths, len(steps))) * sigma
        return self.stats_z_last + mu * steps + np.cumsum(eps, axis=1)

    def _tidy_rows(self):
        return [("drift", float(self.mu_), float(np.sqrt(self.s2_ / self.span_))),
                ("sigma", float(np.sqrt(self.s2_)), np.nan)]


class LogLinear(GrowthModel):
    """Deterministic trend: :math:`z_t = a + b t + \\varepsilon_t`, OLS on uneven years.

    On the log scale :math:`e^{b}-1` is the constant compound annual growth rate (CAGR).
    Parameter uncertainty enters through draws of :math:`(a, b)` from
    :math:`N(\\hat\\beta, \\sigma^2 (X^\\top X)^{-1})`.
    """

    name = "loglinear"

    def __init__(self, transform: str = "log", **kwargs):
        super().__init__(transform=transform, **kwargs)

    def _fit(self, t, z):
        self.t0_ = t.mean()
        X = np.column_stack([np.ones_like(t), t - self.t0_])
        beta, *_ = np.linalg.lstsq(X, z, rcond=None)
        resid = z - X @ beta
        self.beta_ = beta
        self.xtx_inv_ = np.linalg.inv(X.T @ X)
        self.s2_, self.df_ = posterior_sigma2(float(resid @ resid), len(z) - 2, self.sigma_prior, self.prior_df)
        stats = {"sigma": float(np.sqrt(self.s2_)), "df": self.df_, "slope": float(beta[1])}
        if self.transform_ == "log":
            stats["cagr"] = float(np.expm1(beta[1]))
        return stats

    def _simulate_z(self, steps, n_paths, rng):
        sigma = draw_sigma(self.s2_, self.df_, n_paths, rng)
        chol = np.linalg.cholesky(self.xtx_inv_)
        beta = self.beta_ + (rng.standard_normal((n_paths, 2)) @ chol.T) * sigma[:, None]
        x = self.years_[-1] + steps - self.t0_
        mean = beta[:, [0]] + beta[:, [1]] * x[None, :]
        return mean + rng.standard_normal((n_paths, len(steps))) * sigma[:, None]

    def _tidy_rows(self):
        se = np.sqrt(np.diag(self.xtx_inv_) * self.s2_)
        return [("intercept", float(self.beta_[0]), float(se[0])),
                ("slope", float(self.beta_[1]), float(se[1])),
                ("sigma", float(np.sqrt(self.s2_)), np.nan)]


#: Name -> model class.  ``auto`` is resolved by :func:`resolve_model`.
MODELS: dict[str, type[GrowthModel]] = {m.name: m for m in (Naive, Drift, LogLinear)}


def get_model(name: str) -> type[GrowthModel]:
    """The model class registered under ``name``."""
    try:
        return MODELS[name]
    except KeyError:
        raise ValueError(f"No model named {name!r}; known: {sorted(MODELS) + ['auto']}") from None


def resolve_model(name: str, years, values) -> GrowthModel:
    """An unfitted model instance for ``name``; ``auto`` picks by the data.

    ``auto``: random walk with drift on the log scale for positive data (the compound growth
    of the series continues, with growing uncertainty), on the level scale otherwise.
    """
    if name == "auto":
        return Drift()
    return get_model(name)()
