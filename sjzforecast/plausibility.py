"""Plausible values per unit: what an observation in a given unit can be.

* counts (``家``, ``个``, ``件``): non-negative whole numbers, up to rounding
  (:data:`COUNT_TOLERANCE`);
* shares and intensities (``%``): between 0 and 100;
* amounts (``亿元``): non-negative.

Other units (growth rates ``%/yr``, ranks, per-capita ratios) are not checked here.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

COUNT_UNITS = ("家", "个", "件")
SHARE_UNITS = ("%",)
AMOUNT_UNITS = ("亿元",)
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
