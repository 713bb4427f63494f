"""Growth arithmetic behind target assessment: achieved growth, required growth, peers.

Every rate here is a compound annual growth rate (CAGR) as a fraction (0.12 = 12 % a year):

.. math:: g = (y_1 / y_0)^{1/(t_1 - t_0)} - 1

Required effort answers three questions for a target ``y_T`` in year ``T``:

* :func:`required_growth`: the constant rate that takes the latest observation to the target;
* :func:`current_pace`: the rate achieved over the recent span (years may be uneven);
* :func:`feasibility_against_peers`: how often provinces actually grew that fast over a
  span of the same length (the 31-province NBS panel, :func:`panel_frame`).
"""
from __future__ import annotations

import logging
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from .errors import SjzforecastError
from .peers import provincial_panel

logger = logging.getLogger(__name__)

#: Default length (years) of the recent span over which the current pace is measured.
RECENT_SPAN = 5


def compound_annual_growth(start_value: float, end_value: float, years: float, *,
                           start_year: int | None = None, name: str | None = None) -> float:
    """Compound annual growth rate between two values ``years`` apart.

    .. math:: g = (y_1 / y_0)^{1/n} - 1

    Parameters
    ----------
    start_year, name : optional
        The start value's year and the series' name (an indicator), for the error message.

    Raises
    ------
    SjzforecastError
        A zero start value, naming the series, the year and the value (whatever the model,
        no growth rate starts from zero: the zero rule of :mod:`sjzforecast.transforms`).
    ValueError
        ``years <= 0``, or values of opposite signs (the exponential model behind a CAGR
        needs both values of one sign).
    """
    if not years > 0:
        raise ValueError(f"a growth rate needs a positive number of years, got {years}")
    if start_value == 0:
        where = f" in {start_year}" if start_year is not None else ""
        raise SjzforecastError(f"{name + ': ' if name else ''}a growth rate cannot start from a zero value; got 0{where}. "
                               "Correct or remove it if 0 stands for a missing number; from a true zero no growth "
                               "rate exists (required growth, target path), whatever the model")
    if start_value * end_value < 0:
        raise ValueError(f"a growth rate needs values of one sign, got {start_value} and {end_value}")
    return float((end_value / start_value) ** (1.0 / years) - 1.0)


def check_rate(rate: float, what: str = "growth rate") -> float:
    """``rate`` (a fraction) as a float if it is a finite growth rate above -100 %.

    The one rate bound of the package: a level cannot fall by more than all of itself.

    Raises
    ------
    ValueError
        Not a number, not finite, or at or below -100 % a year.
    """
    if isinstance(rate, bool) or not isinstance(rate, (int, float, np.floating, np.integer)):
        raise ValueError(f"{what} must be a number, got {rate!r}")
    rate = float(rate)
    if not np.isfinite(rate):
        raise ValueError(f"{what} must be finite, got {rate}")
    if rate <= -1:
        raise ValueError(f"{what} {100 * rate:g} % is at or below -100 %; valid rates are above -100 % a year")
    return rate


def grow(value: float, rate: float, years: float) -> float:
    """``value * (1 + rate) ** years``: the level after compound growth.

    Raises
    ------
    ValueError
        A rate at or below -100 % a year (:func:`check_rate`).
    """
    return float(value * (1.0 + check_rate(rate)) ** years)


def required_growth(last_year: int, last_value: float, target_value: float, target_year: int,
                    name: str | None = None) -> float:
    """Constant annual growth that takes ``last_value`` to ``target_value`` by ``target_year``.

    .. math:: g_{req} = (y_T / y_t)^{1/(T - t)} - 1

    Raises
    ------
    SjzforecastError
        A zero latest value, naming ``name`` (the indicator), the year and the value.
    ValueError
        ``target_year`` not after ``last_year``, or a sign change.

    Examples
    --------
    >>> round(required_growth(2023, 2.76, 3.0, 2025), 4)
    0.0426
    """
    if target_year <= last_year:
        raise ValueError(f"target year {target_year} is not after the latest observation ({last_year})")
    return compound_annual_growth(last_value, target_value, target_year - last_year, start_year=last_year, name=name)


def clean_series(series: pd.Series) -> pd.Series:
    """Floats indexed by integer year, sorted, without missing values.

    Raises
    ------
    TypeError
        Not a pandas Series.
    ValueError
        Years that are not whole numbers, or a year given twice.
    """
    if not isinstance(series, pd.Series):
        raise TypeError(f"series must be a pandas Series indexed by integer year, got {type(series).__name__}")
    values = pd.to_numeric(series, errors="raise").astype(float).dropna()
    years = np.asarray(values.index, dtype=float)
    if len(years) and not np.all(years == np.round(years)):
        raise ValueError(f"series index must be whole years, got {list(values.index)}")
    out = pd.Series(values.to_numpy(), index=years.astype(int), name=series.name).sort_index()
    if out.index.has_duplicates:
        raise ValueError(f"series has a year twice: {sorted(set(out.index[out.index.duplicated()]))}")
    out.index.name = "year"
    return out


def current_pace(series: pd.Series, span: int = RECENT_SPAN) -> tuple[int, float]:
    """Growth achieved over the recent span: ``(start_year, CAGR)``.

    The start is the latest observation at least ``span`` years before the last one, or
    the first observation if the series is shorter (years may be uneven).

    Raises
    ------
    ValueError
        Fewer than two observations, or a CAGR that cannot be computed (zero, sign change).
    """
    y = clean_series(series)
    if len(y) < 2:
        raise ValueError(f"the current pace needs at least 2 observations, got {len(y)}")
    last_year = int(y.index[-1])
    earlier = y.index[y.index <= last_year - span]
    start_year = int(earlier[-1]) if len(earlier) else int(y.index[0])
    return start_year, compound_annual_growth(y[start_year], y.iloc[-1], last_year - start_year,
                                              start_year=start_year, name=y.name)


@dataclass(frozen=True)
class Effort:
    """Growth required from the latest observation, against the current pace."""

    last_year: int
    last_value: float
    target_value: float
    target_year: int
    required_growth: float
    pace_start_year: int
    current_pace: float

    @property
    def gap(self) -> float:
        """Required minus current growth, in rate points (positive: must accelerate)."""
        return self.required_growth - self.current_pace

    def to_dict(self) -> dict:
        return {**asdict(self), "gap": self.gap}


def required_effort(series: pd.Series, target_value: float, target_year: int, span: int = RECENT_SPAN) -> Effort:
    """Required growth from the latest observation and the gap to the current pace.

    Parameters
    ----------
    series : Series
        Values indexed by integer year (at least two).
    target_value : float
        The level to reach in ``target_year``.
    span : int
        Recent span for :func:`current_pace`.
    """
    y = clean_series(series)
    start_year, pace = current_pace(y, span)
    last_year, last_value = int(y.index[-1]), float(y.iloc[-1])
    need = required_growth(last_year, last_value, target_value, target_year, name=y.name)
    return Effort(last_year, last_value, float(target_value), int(target_year), need, start_year, pace)


def panel_frame(obs: pd.DataFrame, indicator: str, min_points: int = 2) -> pd.DataFrame:
    """The provincial panel (:func:`sjzforecast.peers.provincial_panel`) as one long frame.

    Returns
    -------
    DataFrame
        Columns ``region, year, value``, one row per province and year.
    """
    panel = provincial_panel(obs, indicator, min_points=min_points)
    if not panel:
        raise ValueError(f"No province has observations of {indicator!r}")
    return pd.DataFrame({"region": np.repeat(list(panel), [len(s) for s in panel.values()]),
                         "year": np.concatenate([np.asarray(s.index, dtype=int) for s in panel.values()]),
                         "value": np.concatenate([s.to_numpy(dtype=float) for s in panel.values()])})


def peer_growth_rates(panel: pd.DataFrame, span: int) -> pd.DataFrame:
    """CAGR of every region over every window of exactly ``span`` years with both ends observed.

    Parameters
    ----------
    panel : DataFrame
        Long format with columns ``region, year, value`` (one value per region and year).

    Returns
    -------
    DataFrame
        Columns ``region, start_year, end_year, growth``; windows with a zero or sign-changing
        start are left out.
    """
    if isinstance(span, bool) or not isinstance(span, (int, np.integer)) or span < 1:
        raise ValueError(f"span must be a whole number of years >= 1, got {span!r}")
    missing = [c for c in ("region", "year", "value") if c not in panel.columns]
    if missing:
        raise ValueError(f"panel lacks columns {missing}; expected region, year, value")
    if panel.duplicated(["region", "year"]).any():
        dup = panel[panel.duplicated(["region", "year"], keep=False)].head()
        raise ValueError(f"panel has several values for one region and year:\n{dup}")
    start = panel[["region", "year", "value"]].rename(columns={"year": "start_year", "value": "start"})
    end = panel[["region", "year", "value"]].rename(columns={"year": "end_year", "value": "end"})
    start["end_year"] = start["start_year"] + span
    pairs = start.merge(end, on=["region", "end_year"])
    pairs = pairs[(pairs["start"] != 0) & (pairs["start"] * pairs["end"] > 0)]
    growth = (pairs["end"] / pairs["start"]) ** (1.0 / span) - 1.0
    return pairs.assign(growth=growth)[["region", "start_year", "end_year", "growth"]].reset_index(drop=True)


@dataclass(frozen=True)
class PeerFeasibility:
    """How often peers grew at least at the required rate over a span of the same length."""

    required: float
    span: int
    periods: int
    periods_achieved: int
    regions: int
    regions_ever_achieved: int

    @property
    def share(self) -> float:
        """Share of region-periods that achieved the required growth (NaN without periods)."""
        return self.periods_achieved / self.periods if self.periods else float("nan")

    @property
    def share_of_regions(self) -> float:
        """Share of regions that achieved it in at least one period."""
        return self.regions_ever_achieved / self.regions if self.regions else float("nan")

    def to_dict(self) -> dict:
        return {**asdict(self), "share": self.share, "share_of_regions": self.share_of_regions}


def feasibility_against_peers(required: float, span: int, panel: pd.DataFrame) -> PeerFeasibility:
    """Share of province-periods that achieved at least ``required`` growth over ``span`` years.

    A province-period is one region and one window of exactly ``span`` years with both ends
    observed (:func:`peer_growth_rates`).  The growth over the window is its CAGR; it counts
    as achieved when ``CAGR >= required``.

    Parameters
    ----------
    required : float
        Annual growth rate as a fraction, e.g. from :func:`required_growth`.
    span : int
        Length of the window in years (e.g. ``target_year - last_year``).
    panel : DataFrame
        Columns ``region, year, value``, e.g. :func:`panel_frame` of ``rd_expenditure``.

    Examples
    --------
    >>> panel = pd.DataFrame({"region": ["a", "a", "b", "b"], "year": [2020, 2022] * 2,
    ...                       "value": [100, 121, 100, 104.04]})
    >>> feasibility_against_peers(0.05, 2, panel).share
    0.5
    """
    rates = peer_growth_rates(panel, span)
    achieved = rates[rates["growth"] >= required - 1e-12]
    return PeerFeasibility(
        required=float(required), span=int(span), periods=len(rates), periods_achieved=len(achieved),
        regions=int(rates["region"].nunique()), regions_ever_achieved=int(achieved["region"].nunique()),
    )


#: What a bound on the required growth makes of the share of peers that grew at least that fast: the share is
#: :math:`P(G \ge g)`, which falls as :math:`g` rises (:func:`share_bound`).
SHARE_BOUNDS = {"upper": "lower", "lower": "upper", "unknown": "unknown"}


def share_bound(required_bound: str | None) -> str | None:
    """Whether the share of peers that achieved the required growth (:attr:`PeerFeasibility.share`) is a bound,
    given whether the required rate :math:`g` is one (:func:`~sjzforecast.answer.growth_bound`).

    The share :math:`S(g) = |\\{i : G_i \\ge g\\}| / n` of the peers' growth rates :math:`G_i` does not rise with
    :math:`g`: where :math:`g` is only an upper bound on the growth still required (it starts from a value
    published as a lower bound), more peers may have grown as fast as the true requirement, so :math:`S(g)` is a
    lower bound (``"lower"``, "at least"); a lower bound on :math:`g` makes it an upper bound.  None: exact.

    >>> share_bound("upper"), share_bound(None)
    ('lower', None)
    """
    return None if required_bound is None else SHARE_BOUNDS[required_bound]


def peer_feasibility_for(obs: pd.DataFrame, indicator: str, required: float, span: int,
                         min_regions: int = 3) -> PeerFeasibility | None:
    """:func:`feasibility_against_peers` on the provincial panel of ``indicator``, if there is one.

    None when fewer than ``min_regions`` provinces have ``indicator`` (city-only indicators
    such as high-tech enterprise counts have no peers to compare with) or no window of
    ``span`` years exists.
    """
    if span < 1:
        return None
    try:
        panel = panel_frame(obs, indicator)
    except ValueError:
        return None
    if panel["region"].nunique() < min_regions:
        return None
    found = feasibility_against_peers(required, span, panel)
    return found if found.periods else None
