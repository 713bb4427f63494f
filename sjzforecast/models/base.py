"""The model contract, input checks and the simulation plumbing shared by every model.

Every model follows the statsforecast / fable contract::

    model = get_model("drift")().fit(years, values)
    model.predict(h=3, levels=(80, 95))   # DataFrame: mean, lo-80, hi-80, lo-95, hi-95
    model.simulate(h=3, n_paths=1000, seed=0)  # array (n_paths, h)
    model.tidy(); model.glance()

Models work on a transformed scale ``z`` (see :mod:`sjzforecast.transforms`); paths are
back-transformed, and intervals are quantiles of the simulated paths, so they respect the
transform's bounds.

Residual variance uses a scaled-inverse-chi-square prior (value ``sigma_prior``, weight
``prior_df`` pseudo-observations), so that two points still give a forecast, with honestly
wide Student-t intervals:

.. math:: s^2 = (\\mathrm{SSR} + \\nu_0 s_0^2) / (\\nu + \\nu_0), \\quad \\sigma^2 \\sim s^2 (\\nu+\\nu_0) / \\chi^2_{\\nu+\\nu_0}

A model whose fit fails (no convergence, an unidentified parameter) raises
:class:`FitFailure`; :meth:`GrowthModel.fit` then fits the simpler model named by
``fallback`` instead, logs why, and reports it in :meth:`GrowthModel.glance`.

References
----------
Hyndman, R.J. & Athanasopoulos, G. (2021) *Forecasting: principles and practice*, 3rd ed., ch. 5 and 9.
Gelman, A. et al. (2013) *Bayesian Data Analysis*, 3rd ed., sec. 3.2 (normal model, conjugate prior).
"""
from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from ..errors import SjzforecastError
from ..transforms import TRANSFORMS, choose_transform
from .registry import get_model

logger = logging.getLogger(__name__)

#: Default prior residual sd on the log scale: about 8 % a year, typical of the provincial
#: R&D panel's year-on-year growth variability.
DEFAULT_SIGMA_PRIOR = 0.08
DEFAULT_PRIOR_DF = 2.0
SIMULATION_PATHS = 10_000


class FitFailure(RuntimeError):
    """A model could not be fitted to these data; the caller falls back to a simpler one."""


def interval_columns(levels) -> list[str]:
    """``["mean", "lo-80", "hi-80", "lo-95", "hi-95"]`` for ``levels=(80, 95)``."""
    cols = ["mean"]
    for level in levels:
        cols += [f"lo-{level:g}", f"hi-{level:g}"]
    return cols


def check_levels(levels) -> tuple[float, ...]:
    """Interval levels as sorted floats: unique numbers strictly between 0 and 100.

    Raises
    ------
    SjzforecastError
        Naming the levels at fault (a string such as ``"80"`` is refused, not read as digits).
    """
    if isinstance(levels, (str, bytes)) or not np.iterable(levels):
        raise SjzforecastError(f"levels must be a sequence of numbers such as (80, 95), got {levels!r}")
    levels = list(levels)
    bad = [x for x in levels if isinstance(x, bool) or not isinstance(x, (int, float, np.number)) or not 0 < x < 100]
    if bad or not levels:
        raise SjzforecastError(f"levels must be percentages strictly between 0 and 100 such as (80, 95); "
                               f"got {levels!r}")
    if len(set(levels)) < len(levels):
        raise SjzforecastError(f"levels must be unique, got {levels!r}")
    return tuple(sorted(float(x) for x in levels))


def check_h(h) -> int:
    """``h`` as an int; :class:`SjzforecastError` unless it is a whole number >= 1."""
    if isinstance(h, bool) or not isinstance(h, (int, np.integer)) or h < 1:
        raise SjzforecastError(f"h must be a whole number of years >= 1, got {h!r}")
    return int(h)


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
    """Pooled residual variance and its degrees of freedom under the scaled-inv-chi2 prior.

    Negative residual degrees of freedom (more parameters than points) count as zero.
    """
    total_df = max(df, 0.0) + prior_df
    if total_df <= 0:
        raise ValueError("no degrees of freedom for the residual variance: give a sigma_prior with prior_df > 0")
    return (ssr + prior_df * sigma_prior**2) / total_df, total_df


def draw_sigma(s2: float, df: float, n: int, rng: np.random.Generator) -> np.ndarray:
    """Draw ``n`` residual sds from the scaled-inverse-chi-square posterior."""
    return np.sqrt(s2 * df / rng.chisquare(df, size=n))


def step_noise(rng: np.random.Generator, n_paths: int, n_steps: int) -> np.ndarray:
    """Standard normal innovations, shape ``(n_paths, n_steps)``, drawn year by year.

    All paths' draws for the first year come first, then the second year's, and so on, so a
    year's draws do not depend on the horizon: with the same seed, a forecast to 2035 has the
    same paths up to 2030 as a forecast to 2030, and two pages that ask about 2030 agree.
    """
    return rng.standard_normal((n_steps, n_paths)).T


def summarize_paths(paths: np.ndarray, years, levels=(80, 95)) -> pd.DataFrame:
    """Median and equal-tailed quantile intervals of simulated paths, one row per year."""
    out = {"mean": np.median(paths, axis=0)}
    for level in levels:
        tail = (100 - level) / 2
        out[f"lo-{level:g}"] = np.percentile(paths, tail, axis=0)
        out[f"hi-{level:g}"] = np.percentile(paths, 100 - tail, axis=0)
    frame = pd.DataFrame(out, index=pd.Index(np.asarray(years, dtype=int), name="year"))
    return frame[interval_columns(levels)]


class GrowthModel:
    """Base class: validation, transform, fallback, interval and simulation plumbing.

    Subclasses implement ``_fit(t, z)`` (store parameters, return a dict of fit statistics)
    and ``_simulate_z(steps, n_paths, rng)`` (paths on the transformed scale, shape
    ``(n_paths, len(steps))``, where ``steps`` are years after the last observation).

    Parameters
    ----------
    transform : {"auto", "log", "logit", "none"}
        Scale the model works on; ``auto``: logit if a ceiling is given, else log (see the
        zero rule of :func:`sjzforecast.transforms.choose_transform`).
    sigma_prior, prior_df : float
        Prior residual sd on the transformed scale and its weight in pseudo-observations;
        ``None`` takes them from ``peers`` if given, else the module defaults (on the level
        scale the default sd is :data:`DEFAULT_SIGMA_PRIOR` times the mean absolute value).
    ceiling : float, optional
        Upper bound for the ``logit`` transform (100 for a percentage).
    peers : PeerPrior, optional
        Peer-informed prior (:mod:`sjzforecast.peers`): sets the residual-variance prior,
        and models with a growth rate shrink it toward the peers' (see :class:`Drift`).
    """

    name = "base"
    needs_regular_spacing = False
    min_points = 2
    #: Registered name of the simpler model fitted when this one raises FitFailure.
    fallback: str | None = None

    def __init__(self, transform: str = "auto", sigma_prior: float | None = None,
                 prior_df: float | None = None, ceiling: float | None = None, peers=None):
        if transform not in TRANSFORMS:
            raise ValueError(f"transform must be one of {TRANSFORMS}, got {transform!r}")
        self.transform = transform
        self.ceiling = ceiling
        self.peers = peers
        self._default_prior = sigma_prior is None and peers is None
        default_sigma, default_df = (peers.sigma, peers.prior_df) if peers is not None else (
            DEFAULT_SIGMA_PRIOR, DEFAULT_PRIOR_DF)
        self.sigma_prior = float(default_sigma if sigma_prior is None else sigma_prior)
        self.prior_df = float(default_df if prior_df is None else prior_df)
        self._fitted = False
        self._delegate = None

    # -- contract ---------------------------------------------------------------------
    def fit(self, years, values) -> "GrowthModel":
        """Fit to a series at (possibly uneven) whole years; return ``self``.

        Raises
        ------
        ValueError
            Bad input (see :func:`check_series`), too few points, irregular spacing for a
            model that needs regular spacing, values outside the transform's domain.
        """
        t, y = check_series(years, values)
        if len(y) < self.min_points:
            raise ValueError(f"model {self.name!r} needs at least {self.min_points} points, got {len(y)}")
        if self.needs_regular_spacing and np.any(np.diff(t) != 1):
            raise ValueError(f"model {self.name!r} needs consecutive years, got {t.astype(int).tolist()}")
        self.years_, self.values_ = t, y
        self._delegate = None
        try:
            self._transform = self._choose_transform(t, y)
            self.transform_ = self._transform.name
            self.z_ = self._transform.forward(y)
            self.sigma_prior_ = self.sigma_prior
            if self._default_prior and self.transform_ == "none":
                self.sigma_prior_ = DEFAULT_SIGMA_PRIOR * float(np.mean(np.abs(y)))  # relative, like the log scale
            self.stats_ = self._fit(t, self.z_)
            if not all(np.isfinite(v) for v in self.stats_.values() if isinstance(v, float)):
                raise FitFailure(f"non-finite fit statistics {self.stats_}")
        except FitFailure as exc:
            if self.fallback is None:
                raise
            logger.info("model %r failed (%s); falling back to %r", self.name, exc, self.fallback)
            self._delegate = get_model(self.fallback)(**self._fallback_args()).fit(t, y)
            self.transform_ = self._delegate.transform_
            self.stats_ = {"fallback": self._delegate.name, "fallback_reason": str(exc)}
        self._fitted = True
        return self

    def simulate(self, h: int, n_paths: int = 1000, seed: int | None = 0) -> np.ndarray:
        """Simulated future values, shape ``(n_paths, h)``, for the ``h`` years after the last observation."""
        self._check_fitted()
        h = check_h(h)
        if self._delegate is not None:
            return self._delegate.simulate(h, n_paths=n_paths, seed=seed)
        rng = np.random.default_rng(seed)
        z = self._simulate_z(np.arange(1, h + 1, dtype=float), int(n_paths), rng)
        paths = self._transform.inverse(z)
        if not np.all(np.isfinite(paths)):
            raise FloatingPointError(f"model {self.name!r} simulated non-finite values "
                                     f"({int(np.sum(~np.isfinite(paths)))} of {paths.size}); try a simpler model")
        return paths

    def predict(self, h: int, levels=(80, 95), n_paths: int = SIMULATION_PATHS, seed: int | None = 0) -> pd.DataFrame:
        """Point forecast (``mean``: the median path) and equal-tailed intervals from simulated paths."""
        levels = check_levels(levels)
        paths = self.simulate(h, n_paths=n_paths, seed=seed)
        return summarize_paths(paths, self.forecast_years(h), levels)

    def forecast_years(self, h: int) -> np.ndarray:
        self._check_fitted()
        return int(self.years_[-1]) + np.arange(1, check_h(h) + 1)

    def tidy(self) -> pd.DataFrame:
        """Parameter table: ``term, estimate, std_error``."""
        self._check_fitted()
        rows = self._delegate._tidy_rows() if self._delegate is not None else self._tidy_rows()
        return pd.DataFrame(rows, columns=["term", "estimate", "std_error"])

    def glance(self) -> dict:
        """Fit statistics and what actually ran (``ran`` differs from ``model`` after a fallback)."""
        self._check_fitted()
        ran = self._delegate.glance() if self._delegate is not None else {}
        return {**ran, "model": self.name, "ran": ran.get("ran", self.name), "transform": self.transform_,
                "n_obs": len(self.values_), "first_year": int(self.years_[0]),
                "last_year": int(self.years_[-1]), **self.stats_}

    # -- plumbing ---------------------------------------------------------------------
    def _check_fitted(self):
        if not self._fitted:
            raise RuntimeError(f"model {self.name!r} is not fitted: call fit(years, values) first")

    def _choose_transform(self, t, y):
        return choose_transform(self.transform, y, self.ceiling, self.name, years=t)

    def _fallback_args(self) -> dict:
        return {"transform": self.transform, "sigma_prior": None if self._default_prior else self.sigma_prior,
                "prior_df": self.prior_df,
                "ceiling": self.ceiling, "peers": self.peers}

    def _peer_prior_on_scale(self):
        """The peer prior if it was computed on this model's scale, else ``None`` (logged)."""
        if self.peers is None:
            return None
        if self.peers.transform != self.transform_:
            logger.info("peer prior on the %s scale ignored by %r on the %s scale",
                        self.peers.transform, self.name, self.transform_)
            return None
        return self.peers

    def _sigma_posterior(self, ssr: float, df: float) -> dict:
        """Store ``s2_``, ``df_`` from the residuals and return them as fit statistics."""
        self.s2_, self.df_ = posterior_sigma2(ssr, df, self.sigma_prior_, self.prior_df)
        return {"sigma": float(np.sqrt(self.s2_)), "df": float(self.df_)}

    def _draw_sigma(self, n_paths, rng) -> np.ndarray:
        return draw_sigma(self.s2_, self.df_, n_paths, rng)

    def _tidy_rows(self):
        return [("sigma", float(np.sqrt(self.s2_)), np.nan)]

    def _fit(self, t, z):  # pragma: no cover - abstract
        raise NotImplementedError

    def _simulate_z(self, steps, n_paths, rng):  # pragma: no cover - abstract
        raise NotImplementedError
