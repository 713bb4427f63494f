"""Method registry: assess one series by name, or by every method side by side."""
from __future__ import annotations

import inspect
from collections.abc import Mapping
from dataclasses import replace

import pandas as pd

from ..errors import SjzforecastError, did_you_mean
from .assessment import Assessment
from .escap import assess_escap
from .probability import assess_probability
from .rules import assess_eurostat, assess_opensdg
from .unsd import assess_unsd2022, assess_unsd2023


class MethodRegistry(Mapping):
    """Method name -> assessment function; aliases are looked up but not listed.

    ``"unsd" in METHODS`` and ``METHODS["unsd"]`` work, while iterating gives each method once,
    so the side-by-side tables of briefings and dashboards never repeat one.
    """

    def __init__(self, methods: dict, aliases: dict):
        self._methods, self.aliases = dict(methods), dict(aliases)

    def __getitem__(self, name):
        return self._methods[self.canonical(name)]

    def __iter__(self):
        return iter(self._methods)

    def __len__(self) -> int:
        return len(self._methods)

    def canonical(self, name: str) -> str:
        """The registered name an alias stands for (any other name unchanged)."""
        return self.aliases.get(name, name)


#: Method name -> function ``(series, target_value, target_year, base_year, direction, limit, **options)``.
#: ``unsd`` is an alias of ``unsd2023``, the extrapolation edition the earlier ``unsd`` followed.
METHODS = MethodRegistry({
    "opensdg": assess_opensdg,
    "eurostat": assess_eurostat,
    "unsd2022": assess_unsd2022,
    "unsd2023": assess_unsd2023,
    "escap": assess_escap,
    "probability": assess_probability,
}, aliases={"unsd": "unsd2023"})
#: The method whose category a briefing leads with and an index row shows (the others stand beside it).
LEAD_METHOD = "opensdg"


def get_method(name: str):
    """The assessment function registered under ``name`` (or an alias of it)."""
    try:
        return METHODS[name]
    except (KeyError, TypeError):
        known = sorted([*METHODS, *METHODS.aliases])
        raise SjzforecastError(f"No method named {name!r}; known: {known}{did_you_mean(name, known)}") from None


def assess(series: pd.Series, target_value, target_year, base_year=None, direction="increase", limit=None,
           method="opensdg", **kwargs) -> Assessment:
    """Assess ``series`` against ``target_value`` in ``target_year`` with one method.

    Parameters
    ----------
    series : Series
        Values indexed by integer year (2 or more points; uneven years are fine).
    target_value : float or None
        The level to reach; ``None`` gives the no-target variant of ``opensdg``, ``eurostat``,
        ``unsd2022`` and ``unsd2023`` (``escap`` is then not assessable).
    target_year : int
        Year the target applies.
    base_year : int, optional
        Start of the measured growth; default the first observation.
    direction : {"increase", "decrease"}
        Desired direction.
    limit : float, optional
        Natural limit (Open SDG scaling factor, no-target variant only).
    method : str
        A key of :data:`METHODS` or an alias (``unsd``: the result keeps the name asked for).
    **kwargs
        Method options: ``span`` (eurostat); ``tolerance`` (unsd2023); ``log_scale`` (escap);
        ``paths``, ``model``, ``n_paths``, ``seed`` (probability).

    Raises
    ------
    ValueError
        Unknown method or direction, a target year before all data, and the other bad input
        listed by each method.  Sparse data is never an error: it is ``not_assessable``.
    """
    result = get_method(method)(series, target_value, target_year, base_year=base_year, direction=direction,
                                limit=limit, **kwargs)
    return replace(result, method=method) if method in METHODS.aliases else result


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
