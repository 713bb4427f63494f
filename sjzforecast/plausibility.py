"""Plausible values per unit: what an observation in a given unit can be.

* counts (``家``, ``个``, ``件``): non-negative whole numbers, up to rounding
  (:data:`COUNT_TOLERANCE`);
* shares and intensities (``%``): between 0 and 100;
* amounts (``亿元``): non-negative.

Other units (growth rates ``%/yr``, ranks, per-capita ratios) are not checked here.

A value can be plausible on its own and not beside its neighbours: :func:`jumps` lists the years
where a series moved as a number entered in the wrong unit does.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

COUNT_UNITS = ("家", "个", "件")
SHARE_UNITS = ("%",)
AMOUNT_UNITS = ("亿元",)
#: A comparable value more than this many times its predecessor's, or less than its reciprocal, per year
#: between them, is reported as a jump.
JUMP_FACTOR = 5.0
#: A count may differ from a whole number by this much (a value converted from 万 and rounded).
COUNT_TOLERANCE = 1e-6


def _count_ok(v: np.ndarray) -> np.ndarray:
    return (v >= 0) & (np.abs(v - np.round(v)) <= COUNT_TOLERANCE)


#: (units, test of the values, what would be valid)
RULES = (
    (COUNT_UNITS, _count_ok, "a non-negative whole number"),
    (SHARE_UNITS, lambda v: (v >= 0) & (v <= 100), "between 0 and 100"),
    (AMOUNT_UNITS, lambda v: v >= 0, "non-negative"),
)


def implausible(values: pd.Series, units: pd.Series) -> pd.Series:
    """For each row, ``""`` when plausible, else what a value in its unit must be.

    >>> implausible(pd.Series([-3.0, 2.5, 120.0]), pd.Series(["家", "%", "%"])).tolist()
    ['a non-negative whole number', '', 'between 0 and 100']
    """
    problems = pd.Series("", index=values.index, dtype=object)
    v = values.to_numpy(float)
    for unit_list, test, valid in RULES:
        applies = units.isin(unit_list).to_numpy()
        problems[applies & ~test(v)] = valid
    return problems


def jumps(series: pd.Series, factor: float = JUMP_FACTOR) -> list[int]:
    """Years whose value moved more than ``factor``-fold a year from the observation before it.

    For consecutive positive observations :math:`(t_0, y_0)` and :math:`(t_1, y_1)` the later year
    is a jump when

    .. math:: \\left|\\log(y_1 / y_0)\\right| / (t_1 - t_0) > \\log f.

    Official level series seldom grow fivefold in a year (the shipped data's largest yearly change
    is about twofold, 石家庄's high-tech enterprises 2012-2013), while a value entered in the wrong
    unit (万元 for 亿元, a fraction for a percentage) is off by a factor of 100 to 10,000: still more
    than fivefold a year across a gap of up to two (100) or five (10,000) years.  Zero and negative
    values are skipped.

    >>> jumps(pd.Series([120.0, 131.0, 1_450_000.0, 160.0], index=[2019, 2020, 2021, 2022]))
    [2021, 2022]
    """
    positive = series[series > 0].sort_index()
    years = positive.index.to_numpy(float)
    per_year = np.abs(np.diff(np.log(positive.to_numpy(float)))) / np.diff(years)
    return [int(y) for y in years[1:][per_year > np.log(factor)]]
