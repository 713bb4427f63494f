"""Forecasts and simulated paths for a pandas Series indexed by integer year.

Every function here checks its arguments in one place (:func:`check_series_argument`,
:func:`check_n_paths`, :func:`check_seed`, and the models' ``check_h`` and ``check_levels``)
and raises :class:`~sjzforecast.errors.SjzforecastError` naming the argument, the values at
fault and what is valid.
"""
from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from .errors import SjzforecastError
from .models import SIMULATION_PATHS, check_h, check_levels, check_series, resolve_model, summarize_paths

logger = logging.getLogger(__name__)

#: Fewest simulated paths that give usable 95 % intervals (2.5 paths in each tail).
MIN_PATHS = 100
#: Years a series' index may hold: four-digit calendar years.
YEAR_RANGE = (1000, 9999)


def _shown(values, n: int = 5) -> str:
    values = list(values)
    return ", ".join(repr(v) for v in values[:n]) + (", ..." if len(values) > n else "")


def index_years(index: pd.Index) -> np.ndarray:
    """The calendar years of a series' index, as integers.

    Accepted, by this rule and no other:

    * integers, floats with integer values (``2015.0``) and strings of digits (``"2015"``),
      between the bounds of :data:`YEAR_RANGE`;
    * a :class:`~pandas.PeriodIndex` of yearly periods, and a :class:`~pandas.DatetimeIndex`
      whose dates all fall at midnight on one day of the year (``2015-12-31``,
      ``2016-12-31``, ...): each is converted to its year.

    Anything else (monthly dates, text, fractional years) is refused, never reinterpreted.

    Raises
    ------
    SjzforecastError
        Naming the values at fault.
    """
    if isinstance(index, (pd.PeriodIndex, pd.DatetimeIndex)):
        yearly = (index.freqstr.startswith(("Y", "A")) if isinstance(index, pd.PeriodIndex)
                  else len(set(zip(index.month, index.day))) <= 1 and (index == index.normalize()).all())
        if not yearly:
            raise SjzforecastError(f"y's index holds dates or periods within a year ({_shown(index.astype(str))}); "
                                   "a forecast needs one value per year: give years, or one date per year")
        return np.asarray(index.year, dtype=int)
    numbers = pd.to_numeric(pd.Series(index, dtype=object), errors="coerce").to_numpy(dtype=float)
    bad = [v for v, x in zip(index, numbers)
           if not (np.isfinite(x) and x == round(x) and YEAR_RANGE[0] <= x <= YEAR_RANGE[1])]
    if bad:
        raise SjzforecastError(f"y's index must be calendar years, whole numbers from {YEAR_RANGE[0]} to "
                               f"{YEAR_RANGE[1]} such as 2015; got {_shown(bad)}")
    return numbers.astype(int)


def check_series_argument(y) -> tuple[np.ndarray, np.ndarray]:
    """Years and values of the series ``y`` as float arrays, checked for a forecast.

    The index is read by :func:`index_years`; values must be numbers; then
    :func:`sjzforecast.models.check_series` (two points or more, finite, unique sorted years).

    Raises
    ------
    TypeError
        ``y`` is not a pandas Series.
    SjzforecastError
        Naming the years or values at fault and what is valid.
    """
    if not isinstance(y, pd.Series):
        raise TypeError(f"y must be a pandas Series indexed by integer year, got {type(y).__name__}")
    years = index_years(y.index)
    values = pd.to_numeric(y.astype(object), errors="coerce").to_numpy(dtype=float)
    bad = [f"{v!r} in {t}" for t, v, x in zip(years, y, values) if np.isnan(x) and not pd.isna(v)]
    if bad:
        raise SjzforecastError(f"y's values must be numbers; got {', '.join(bad[:5])}")
    return check_series(years, values)


def check_n_paths(n_paths) -> int:
    """``n_paths`` as an int; refused unless it is a whole number >= :data:`MIN_PATHS`."""
    if isinstance(n_paths, bool) or not isinstance(n_paths, (int, np.integer)) or n_paths < MIN_PATHS:
        raise SjzforecastError(f"n_paths must be a whole number of simulated paths, at least {MIN_PATHS} "
                               f"(10000 gives stable 95 % intervals); got {n_paths!r}")
    return int(n_paths)


def check_seed(seed) -> int | None:
    """``seed`` as an int, or ``None`` (fresh entropy); refused unless a whole number >= 0."""
    if seed is None:
        return None
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise SjzforecastError(f"seed must be a whole number >= 0 (or None for an unrepeatable run); got {seed!r}")
    return int(seed)


def fit_model(y: pd.Series, model: str = "auto", **options):
    """Fit the model named ``model`` to ``y`` (a Series indexed by year); return it fitted.

    ``options`` go to the model's constructor: ``transform``, ``ceiling``, ``sigma_prior``,
    ``prior_df``, ``peers`` (see :class:`sjzforecast.models.GrowthModel`).
    """
    years, values = check_series_argument(y)
    try:
        fitted = resolve_model(model, years, values, **options).fit(years, values)
    except SjzforecastError as exc:
        raise SjzforecastError(f"{y.name}: {exc}" if y.name is not None else str(exc)) from None
    logger.debug("fitted %s to %s: %s", fitted.name, y.name, fitted.glance())
    return fitted


def simulate_paths(y: pd.Series, h: int, model: str = "auto", n_paths: int = SIMULATION_PATHS,
                   seed: int | None = 0, **options) -> pd.DataFrame:
    """Simulated future paths: DataFrame of shape ``(n_paths, h)``, columns = forecast years."""
    h, n_paths, seed = check_h(h), check_n_paths(n_paths), check_seed(seed)
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
