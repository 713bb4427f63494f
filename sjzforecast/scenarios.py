"""Scenarios: where an indicator goes under stated assumptions.

Every scenario is a named path (or fan of paths) from the latest observation on:

``bau``
    business as usual: the model forecast (median of the simulated paths and their quantiles);
``target_path``
    constant compound growth from the latest observation to the target level in the
    target year: the path the plan implicitly asks for;
``growth``
    growth rates given by the user, one for every year, per year, or per span of years
    (see :func:`growth_rates`);
``high`` / ``low``
    chosen quantiles of the BAU paths, year by year (a pointwise quantile, not one path);
``drivers``
    a ratio indicator (R&D intensity = R&D expenditure / GDP x 100) moved by separate
    growth assumptions for its numerator and denominator (see :func:`driver_path`).

All rates in this module are fractions (0.12 for 12 %).  The output of every scenario is
one tidy frame with :data:`SCENARIO_COLUMNS` (quantile columns ``lo-L``/``hi-L`` follow
when the scenario has them), exportable to CSV and, with :func:`to_iamc`, to the IAMC wide
format that pyam reads.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from .effort import check_rate, required_growth  # noqa: F401  (check_rate re-exported)
from .progress.assessment import direction_sign, reaches

logger = logging.getLogger(__name__)

#: Scenario name -> one-line description (the names a params file may use).
SCENARIOS = {
    "bau": "business as usual: the model forecast",
    "target_path": "constant growth from the latest observation to the target",
    "growth": "growth rates set by the user",
    "high": "a high quantile of the business-as-usual paths",
    "low": "a low quantile of the business-as-usual paths",
    "drivers": "a ratio indicator moved by separate growth of numerator and denominator",
}

#: Ratio indicators the ``drivers`` scenario applies to: indicator -> (numerator, denominator).
RATIO_INDICATORS = {"rd_intensity": ("rd_expenditure", "gdp")}

#: Columns of the tidy scenario frame, in order; quantile columns ``lo-L``/``hi-L`` follow.
SCENARIO_COLUMNS = ("region", "indicator", "unit", "scenario", "year", "value")

#: Columns of the IAMC wide format before the year columns (pyam's ``IAMC_IDX``).
IAMC_COLUMNS = ("model", "scenario", "region", "variable", "unit")

_SPAN = re.compile(r"^\s*(\d{4})\s*(?:-|–|to)\s*(\d{4})\s*$")


def check_scenario(name: str) -> str:
    """``name`` if it is a known scenario.

    Raises
    ------
    ValueError
        ``No scenario named 'x'; known: [...]``.
    """
    if name not in SCENARIOS:
        raise ValueError(f"No scenario named {name!r}; known: {list(SCENARIOS)}")
    return name


def growth_rates(rates, start_year: int, end_year: int) -> pd.Series:
    """One growth rate for each year from ``start_year + 1`` to ``end_year``.

    Parameters
    ----------
    rates : float, sequence or mapping
        * a number: the same rate every year;
        * a sequence: the rates of ``start_year + 1``, ``start_year + 2``, ...; the last
          one continues to ``end_year``;
        * a mapping from a year (``2026``) or a span (``"2026-2030"``, both ends included)
          to a rate; a year not covered takes the rate of the closest earlier year given
          (before the first one given: the first one).
    start_year, end_year : int
        The path starts at ``start_year`` (the latest observation); rates apply to the
        years after it.

    Returns
    -------
    Series
        Rates (fractions) indexed by year ``start_year + 1 .. end_year``.

    Raises
    ------
    ValueError
        An empty sequence or mapping, a key that is neither a year nor a span, a span that
        ends before it starts, or a rate at or below -100 %.
    """
    years = pd.Index(np.arange(start_year + 1, end_year + 1), name="year")
    if isinstance(rates, Mapping):
        if not rates:
            raise ValueError("no growth rates given")
        given: dict[int, float] = {}
        for key, rate in rates.items():
            first, last = _year_span(key)
            for year in range(first, last + 1):
                given[year] = check_rate(rate, f"growth rate for {key}")
        known = pd.Series(given).sort_index()
        out = known.reindex(known.index.union(years)).ffill().bfill().reindex(years)
    elif isinstance(rates, Sequence) and not isinstance(rates, str):
        if not len(rates):
            raise ValueError("no growth rates given")
        checked = [check_rate(r) for r in rates]
        out = pd.Series([checked[min(i, len(checked) - 1)] for i in range(len(years))], index=years, dtype=float)
    else:
        out = pd.Series(check_rate(rates), index=years, dtype=float)
    return out.rename("growth")


def _year_span(key) -> tuple[int, int]:
    """``2026`` -> (2026, 2026); ``"2026-2030"`` -> (2026, 2030)."""
    if isinstance(key, (int, np.integer)) and not isinstance(key, bool):
        return int(key), int(key)
    text = str(key).strip()
    if text.isdigit():
        return int(text), int(text)
    match = _SPAN.match(text)
    if not match:
        raise ValueError(f"growth-rate key {key!r} is neither a year (2026) nor a span (2026-2030)")
    first, last = int(match.group(1)), int(match.group(2))
    if last < first:
        raise ValueError(f"growth-rate span {key!r} ends before it starts")
    return first, last


def growth_path(start_year: int, start_value: float, rates, end_year: int) -> pd.Series:
    """Values growing from ``start_value`` at the rates of :func:`growth_rates`.

    .. math:: V_t = V_{start} \\prod_{s = t_{start}+1}^{t} (1 + g_s)

    Returns
    -------
    Series
        Indexed by year from ``start_year`` to ``end_year`` inclusive; ``start_value`` first.
    """
    g = growth_rates(rates, start_year, end_year)
    factors = np.concatenate([[1.0], np.cumprod(1.0 + g.to_numpy())])
    return pd.Series(start_value * factors, index=pd.Index(np.arange(start_year, end_year + 1), name="year"))


def compound_path(start_year: int, start_value: float, growth: float, end_year: int) -> pd.Series:
    """Values growing at ``growth`` a year from ``start_year`` to ``end_year`` inclusive.

    .. math:: V_t = V_{start} (1+g)^{t - t_{start}}
    """
    growth = check_rate(growth)
    years = np.arange(start_year, end_year + 1)
    return pd.Series(start_value * (1.0 + growth) ** (years - start_year), index=pd.Index(years, name="year"))


def target_path(last_year: int, last_value: float, target_value: float, target_year: int,
                end_year: int | None = None, direction: str = "increase") -> pd.Series:
    """Constant-growth path from the latest observation through the target: what meeting it takes.

    Where the latest observation already meets the target (at or beyond it in ``direction``),
    meeting it takes no change: the path holds the latest value, rather than falling back to the
    target and on past it at the same negative rate (石家庄's 19,228 technology SMEs in 2024 against
    15,000 for 2025 would otherwise fall 22 % a year, to 4,334 in 2030).

    Parameters
    ----------
    last_year, last_value : the latest observation.
    target_value, target_year : the target level and the year it applies to.
    end_year : int, optional
        Continue at the same growth past the target year (default: stop at the target year).
    direction : {"increase", "decrease"}
        Which side of the target meets it.

    Returns
    -------
    Series
        Indexed by year from ``last_year`` to ``end_year``; equals ``target_value`` in ``target_year``,
        or the latest value throughout where that already meets the target.
    """
    if reaches(last_value, target_value, direction_sign(direction)):
        return compound_path(last_year, last_value, 0.0, end_year or target_year)
    g = required_growth(last_year, last_value, target_value, target_year)
    path = compound_path(last_year, last_value, g, end_year or target_year)
    path[target_year] = target_value  # exactly, so that it meets the target
    return path


def driver_path(anchor_year: int, anchor_value: float, numerator_growth, denominator_growth,
                end_year: int) -> pd.Series:
    """A ratio indicator moved by the growth of its numerator and denominator.

    For :math:`R = N / D \\times 100` (R&D intensity = R&D expenditure / GDP x 100):

    .. math:: R_t = R_{anchor} \\prod_{s = t_{anchor}+1}^{t} \\frac{1 + g^N_s}{1 + g^D_s}

    so with constant rates :math:`R_t = R_{anchor} ((1+g^N)/(1+g^D))^{t - t_{anchor}}`, and equal
    rates keep the ratio flat.  The path is anchored on the latest *published* ratio rather
    than on N/D recomputed from the data, because the published city intensities use another
    GDP basis (石家庄 2023: 196.0 / 7534.2 = 2.60 % against the published 2.76 %); the
    scenario changes the published figure by the growth ratio only.

    Parameters
    ----------
    anchor_year, anchor_value : the latest published ratio.
    numerator_growth, denominator_growth : float, sequence or mapping
        Growth rates (fractions) in any form :func:`growth_rates` accepts.
    end_year : int
        Last year of the path.

    Returns
    -------
    Series
        Indexed by year from ``anchor_year`` to ``end_year``.
    """
    gn = growth_rates(numerator_growth, anchor_year, end_year)
    gd = growth_rates(denominator_growth, anchor_year, end_year)
    ratio_growth = (1.0 + gn) / (1.0 + gd) - 1.0
    return growth_path(anchor_year, anchor_value, ratio_growth.to_dict(), end_year)


def quantile_path(paths: pd.DataFrame, q: float) -> pd.Series:
    """The ``q`` quantile of simulated paths in every year (pointwise, not one path)."""
    if isinstance(q, bool) or not isinstance(q, (int, float)) or not 0 < q < 1:
        raise ValueError(f"quantile must be strictly between 0 and 1, got {q!r}")
    return pd.Series(np.quantile(paths.to_numpy(dtype=float), q, axis=0),
                     index=pd.Index(np.asarray(paths.columns, dtype=int), name="year"))


def tidy_scenario(values, scenario: str, region: str, indicator: str, unit: str = "") -> pd.DataFrame:
    """One scenario as rows of the tidy frame.

    Parameters
    ----------
    values : Series or DataFrame
        A path indexed by year, or a forecast frame indexed by year with ``mean`` and
        ``lo-L``/``hi-L`` columns (``mean`` becomes ``value``).
    """
    check_scenario(scenario)
    if isinstance(values, pd.Series):
        frame = pd.DataFrame({"value": values.to_numpy(dtype=float)}, index=values.index)
    else:
        frame = values.rename(columns={"mean": "value"})
    frame = frame.reset_index().rename(columns={frame.index.name or "index": "year"})
    frame["year"] = frame["year"].astype(int)
    frame = frame.assign(region=region, indicator=indicator, unit=unit, scenario=scenario)
    quantiles = [c for c in frame.columns if c.startswith(("lo-", "hi-"))]
    return frame[[*SCENARIO_COLUMNS, *quantiles]]


def combine_scenarios(frames) -> pd.DataFrame:
    """Stack tidy scenario frames; quantile columns are NaN where a scenario has none."""
    out = pd.concat(list(frames), ignore_index=True)
    quantiles = sorted((c for c in out.columns if c.startswith(("lo-", "hi-"))),
                       key=lambda c: (float(c.split("-")[1]), c.startswith("hi-")))
    return out[[*SCENARIO_COLUMNS, *quantiles]]


def to_iamc(frame: pd.DataFrame, model: str = "sjzforecast", quantiles: bool = True) -> pd.DataFrame:
    """The tidy scenario frame in the IAMC wide format that pyam reads.

    Columns ``model, scenario, region, variable, unit`` and one column per year.  The
    ``variable`` is the indicator; with ``quantiles``, every ``lo-L``/``hi-L`` column becomes
    one more variable ``<indicator>|lo-L`` (pyam has no quantile convention, so they travel
    as variables).  ``pyam.IamDataFrame(to_iamc(frame))`` reads the result.
    """
    value_cols = ["value"] + ([c for c in frame.columns if c.startswith(("lo-", "hi-"))] if quantiles else [])
    long = frame.melt(id_vars=list(SCENARIO_COLUMNS[:5]), value_vars=value_cols, var_name="measure",
                      value_name="amount").dropna(subset=["amount"])
    long["variable"] = np.where(long["measure"] == "value", long["indicator"],
                                long["indicator"] + "|" + long["measure"])
    long["model"] = model
    wide = long.pivot_table(index=list(IAMC_COLUMNS), columns="year", values="amount", aggfunc="first", sort=False)
    wide.columns = [int(c) for c in wide.columns]
    wide = wide[sorted(wide.columns)].reset_index()
    wide.columns.name = None
    return wide
