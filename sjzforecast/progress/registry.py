"""Method registry: assess one series by name, or by every method side by side."""
from __future__ import annotations

import inspect

import pandas as pd

from .assessment import Assessment
from .probability import assess_probability
from .rules import assess_eurostat, assess_opensdg, assess_unsd

#: Method name -> function ``(series, target_value, target_year, base_year, direction, limit, **options)``.
METHODS = {
    "opensdg": assess_opensdg,
    "eurostat": assess_eurostat,
    "unsd": assess_unsd,
    "probability": assess_probability,
}


def get_method(name: str):
    """The assessment function registered under ``name``."""
    try:
        return METHODS[name]
    except (KeyError, TypeError):
        raise ValueError(f"No method named {name!r}; known: {sorted(METHODS)}") from None


def assess(series: pd.Series, target_value, target_year, base_year=None, direction="increase", limit=None,
           method="opensdg", **kwargs) -> Assessment:
    """Assess ``series`` against ``target_value`` in ``target_year`` with one method.

    Parameters
    ----------
    series : Series
        Values indexed by integer year (2 or more points; uneven years are fine).
    target_value : float or None
        The level to reach; ``None`` gives the no-target variant of ``opensdg``, ``eurostat``
        and ``unsd``.
    target_year : int
        Year the target applies.
    base_year : int, optional
        Start of the measured growth; default the first observation.
    direction : {"increase", "decrease"}
        Desired direction.
    limit : float, optional
        Natural limit (Open SDG scaling factor, no-target variant only).
    method : str
        A key of :data:`METHODS`.
    **kwargs
        Method options: ``span`` (eurostat); ``paths``, ``model``, ``n_paths``, ``seed`` (probability).

    Raises
    ------
    ValueError
        Unknown method or direction, a target year before all data, and the other bad input
        listed by each method.  Sparse data is never an error: it is ``not_assessable``.
    """
    return get_method(method)(series, target_value, target_year, base_year=base_year, direction=direction,
                              limit=limit, **kwargs)


def _options_for(function, options: dict) -> dict:
    accepted = inspect.signature(function).parameters
    return {k: v for k, v in options.items() if k in accepted}


def assess_all(series: pd.Series, target_value, target_year, base_year=None, direction="increase", limit=None,
               methods=tuple(METHODS), **kwargs) -> pd.DataFrame:
    """Every method in ``methods`` on one series: a tidy frame, one row per method.

    Options in ``kwargs`` go to the methods that accept them (e.g. ``seed`` to probability).
    Columns are the fields of :class:`Assessment`.
    """
    unknown = set(kwargs) - {p for m in methods for p in inspect.signature(get_method(m)).parameters}
    if unknown:
        raise ValueError(f"options {sorted(unknown)} are accepted by none of the methods {list(methods)}")
    rows = [assess(series, target_value, target_year, base_year, direction, limit, method=m,
                   **_options_for(get_method(m), kwargs)).to_dict() for m in methods]
    return pd.DataFrame(rows)
