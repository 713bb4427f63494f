"""Forecasts and simulated paths for a pandas Series indexed by integer year."""
from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from .models import SIMULATION_PATHS, check_levels, resolve_model, summarize_paths

logger = logging.getLogger(__name__)


def _as_series(y) -> pd.Series:
    if not isinstance(y, pd.Series):
        raise TypeError(f"y must be a pandas Series indexed by integer year, got {type(y).__name__}")
    return y


def fit_model(y: pd.Series, model: str = "auto", **options):
    """Fit the model named ``model`` to ``y`` (a Series indexed by year); return it fitted.

    ``options`` go to the model's constructor: ``transform``, ``ceiling``, ``sigma_prior``,
    ``prior_df``, ``peers`` (see :class:`sjzforecast.models.GrowthModel`).
    """
    y = _as_series(y)
    years, values = np.asarray(y.index, dtype=float), y.to_numpy(dtype=float)
    fitted = resolve_model(model, years, values, **options).fit(years, values)
    logger.debug("fitted %s to %s: %s", fitted.name, y.name, fitted.glance())
    return fitted


def simulate_paths(y: pd.Series, h: int, model: str = "auto", n_paths: int = SIMULATION_PATHS,
                   seed: int | None = 0, **options) -> pd.DataFrame:
    """Simulated future paths: DataFrame of shape ``(n_paths, h)``, columns = forecast years."""
    fitted = fit_model(y, model, **options)
    paths = fitted.simulate(h, n_paths=n_paths, seed=seed)
    return pd.DataFrame(paths, columns=pd.Index(fitted.forecast_years(h), name="year"))


def forecast(y: pd.Series, h: int, model: str = "auto", levels=(80, 95), seed: int | None = 0,
             n_paths: int = SIMULATION_PATHS, **options) -> pd.DataFrame:
    """Forecast ``h`` years after the last observation of ``y``.

    Parameters
    ----------
    y : Series
        Floats indexed by integer year; years may be uneven (e.g. 2015, 2020, 2023).
    h : int
        Number of years after the last observation.
    model : str
        A registered model name (see :data:`sjzforecast.models.MODELS`) or ``"auto"``.
    levels : sequence of float
        Interval levels in percent.
    seed : int
        Seed of the simulation that gives the intervals.
    n_paths : int
        Number of simulated paths.
    **options
        Passed to the model: ``transform`` ("auto", "log", "logit", "none"), ``ceiling``
        (bound for "logit" and "logistic"), ``sigma_prior``, ``prior_df``, ``peers`` (a
        :class:`sjzforecast.peers.PeerPrior`).

    Returns
    -------
    DataFrame
        Indexed by forecast year; columns ``mean`` (point forecast) and ``lo-L``/``hi-L``
        per level.

    Raises
    ------
    ValueError
        Fewer than two points, NaN, duplicate or unsorted years, ``h < 1``, unknown model,
        values outside the transform's domain, a ceiling not above the data.

    Examples
    --------
    >>> y = pd.Series([1.83, 2.13, 2.76], index=[2015, 2020, 2023])
    >>> forecast(y, h=2).round(2)  # doctest: +SKIP
    """
    levels = check_levels(levels)
    paths = simulate_paths(y, h, model=model, n_paths=n_paths, seed=seed, **options)
    return summarize_paths(paths.to_numpy(), paths.columns, levels)
