"""Scenarios: where an indicator goes under stated assumptions.

``bau``
    business as usual: the model forecast (simulated paths and their quantiles);
``target_path``
    constant compound growth from the latest observation to the target level in the
    target year: the path the plan implicitly asks for.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .effort import required_growth

SCENARIOS = ("bau", "target_path")


def compound_path(start_year: int, start_value: float, growth: float, end_year: int) -> pd.Series:
    """Values growing at ``growth`` a year from ``start_year`` to ``end_year`` inclusive.

    .. math:: V_t = V_{start} (1+g)^{t - t_{start}}
    """
    if growth <= -1:
        raise ValueError(f"growth rate {growth:.1%} is below -100 %")
    years = np.arange(start_year, end_year + 1)
    return pd.Series(start_value * (1.0 + growth) ** (years - start_year), index=pd.Index(years, name="year"))


def target_path(last_year: int, last_value: float, target_value: float, target_year: int,
                end_year: int | None = None) -> pd.Series:
    """Constant-growth path from the latest observation through the target.

    Parameters
    ----------
    last_year, last_value : the latest observation.
    target_value, target_year : the target level and the year it applies to.
    end_year : int, optional
        Continue at the same growth past the target year (default: stop at the target year).

    Returns
    -------
    Series
        Indexed by year from ``last_year`` to ``end_year``; equals ``target_value`` in ``target_year``.
    """
    g = required_growth(last_year, last_value, target_value, target_year)
    return compound_path(last_year, last_value, g, end_year or target_year)


def probability_of_meeting(paths: pd.DataFrame, target_value: float, target_year: int,
                           direction: str = "increase") -> float:
    """Share of simulated paths at or beyond the target in the target year."""
    if target_year not in paths.columns:
        raise ValueError(f"no simulated values for {target_year}; paths cover {list(paths.columns)}")
    values = paths[target_year].to_numpy()
    hit = values >= target_value if direction == "increase" else values <= target_value
    return float(np.mean(hit))


def first_passage(paths: pd.DataFrame, target_value: float, direction: str = "increase") -> pd.Series:
    """P(target reached at least once by each year): the cumulative first-passage distribution."""
    hit = paths.to_numpy() >= target_value if direction == "increase" else paths.to_numpy() <= target_value
    reached = np.maximum.accumulate(hit, axis=1)
    return pd.Series(reached.mean(axis=0), index=paths.columns, name="p_reached")
