"""Peer-informed priors from a panel of similar series (empirical Bayes).

A city's indicator has a handful of points; the 31 provinces' series of the same indicator
have 13.  From the peers' data up to a year we estimate, on the model's scale,

- the distribution of growth rates :math:`N(m, \\tau^2)` across peers, where :math:`m` is the
  median of the peers' drifts :math:`\\hat\\mu_i` and :math:`\\tau^2` their variance net of
  estimation noise (method of moments, floored at a quarter of the raw variance):
  :math:`\\tau^2 = \\max(\\mathrm{var}(\\hat\\mu_i) - \\overline{\\hat\\sigma_i^2 / S_i},\\; \\mathrm{var}(\\hat\\mu_i)/4)`;
- the pooled residual sd :math:`s_0 = \\sqrt{\\mathrm{mean}(\\hat\\sigma_i^2)}` that becomes
  the models' residual-variance prior with weight ``prior_df``, so interval widths are
  calibrated on peers when the series itself is too short to tell.

:class:`~sjzforecast.models.random_walk.Drift` shrinks its own drift toward :math:`m`
with weight :math:`\\tau^2 / (\\tau^2 + \\sigma^2/S)` (:math:`S`: the series' span in years).
To avoid leakage in a backtest, compute the prior from peers' data up to the forecast
origin and leave the series itself out (``until=``, ``exclude=``).

References
----------
Efron, B. & Morris, C. (1975) Data analysis using Stein's estimator and its generalizations, *JASA* 70, 311-319.
Gelman, A. et al. (2013) *Bayesian Data Analysis*, 3rd ed., ch. 5 (hierarchical models).
"""
from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .data import OBSERVATION_COLUMNS, STATUS_COLUMNS
from .series import select_series
from .transforms import choose_transform

logger = logging.getLogger(__name__)

#: Region name of the national total, which is not a peer of the provinces.
NATIONAL = "全国"
#: The 31 provincial-level divisions of mainland China as named in the observations.
PROVINCES = (
    "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江",
    "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆",
    "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆",
)
#: Weight, in pseudo-observations, of the peers' residual sd in a model's variance prior.
PEER_PRIOR_DF = 4.0
#: Columns a panel is selected from (the status columns carry revisions, see :mod:`sjzforecast.status`).
PANEL_COLUMNS = list(OBSERVATION_COLUMNS + STATUS_COLUMNS)


@dataclass(frozen=True)
class PeerPrior:
    """Peer distribution of growth and residual sd, on the scale ``transform``."""

    transform: str
    growth_mean: float
    growth_sd: float
    sigma: float
    prior_df: float
    n_series: int
    until: int | None = None


def drift_and_sigma(years, z) -> tuple[float, float, float]:
    """Drift :math:`(z_T - z_1)/S`, residual variance of the yearly changes and span ``S``."""
    t, z = np.asarray(years, dtype=float), np.asarray(z, dtype=float)
    d, dz = np.diff(t), np.diff(z)
    span = t[-1] - t[0]
    mu = (z[-1] - z[0]) / span
    s2 = float(np.sum((dz - mu * d) ** 2 / d) / max(len(d) - 1, 1))
    return float(mu), s2, float(span)


def peer_prior(panel, until: int | None = None, exclude=(), transform: str = "log",
               min_points: int = 3, prior_df: float = PEER_PRIOR_DF) -> PeerPrior:
    """Empirical-Bayes prior from a panel of peer series.

    Parameters
    ----------
    panel : dict of Series
        Peer series indexed by year, keyed by name.
    until : int, optional
        Use only peers' observations up to this year (the forecast origin in a backtest).
    exclude : iterable
        Keys to leave out (the series being forecast).
    transform : str
        Scale of the prior; must match the model's (``log`` for positive data).
    min_points : int
        Peers with fewer points by ``until`` are not used.

    Raises
    ------
    ValueError
        Fewer than 3 usable peers.
    """
    exclude = set(exclude)
    stats = []
    for key, series in panel.items():
        if key in exclude:
            continue
        s = series.dropna()
        if until is not None:
            s = s[s.index <= until]
        if len(s) < min_points:
            continue
        z = choose_transform(transform, s.to_numpy(float), model=f"peer {key}").forward(s.to_numpy(float))
        stats.append(drift_and_sigma(s.index.to_numpy(), z))
    if len(stats) < 3:
        raise ValueError(f"a peer prior needs at least 3 peers with {min_points}+ points up to {until}, got {len(stats)}")
    mu, s2, span = (np.array(x) for x in zip(*stats))
    raw_var = float(np.var(mu, ddof=1))
    tau2 = max(raw_var - float(np.mean(s2 / span)), raw_var / 4)
    return PeerPrior(transform, float(np.median(mu)), float(np.sqrt(tau2)), float(np.sqrt(np.mean(s2))),
                     float(prior_df), len(stats), until)


def provincial_panel(obs: pd.DataFrame, indicator: str, min_points: int = 10) -> dict[str, pd.Series]:
    """Series of ``indicator`` for each of the 31 :data:`PROVINCES` with ``min_points``+ years.

    One value per year by :func:`sjzforecast.select_series`'s documented preference.  On
    ``data/raw/observations.csv`` this is the NBS panel, 2011 to 2024 (revised values where revised).

    The panel is cached by the content of the provinces' rows, so that repeated calls (one per
    control change in the explorer) cost a hash, not 31 selections.
    """
    rows = obs.loc[(obs["indicator"] == indicator) & obs["region"].isin(PROVINCES)]
    rows = rows.reindex(columns=PANEL_COLUMNS, fill_value="")  # frames built in code may lack the status columns
    return {region: series.copy() for region, series in
            _panel_of_rows(tuple(rows.itertuples(index=False, name=None)), indicator, min_points)}


@functools.lru_cache(maxsize=16)
def _panel_of_rows(rows: tuple, indicator: str, min_points: int) -> tuple[tuple[str, pd.Series], ...]:
    frame = pd.DataFrame(list(rows), columns=PANEL_COLUMNS)
    counts = frame.groupby("region")["year"].nunique()
    regions = sorted(counts.index[counts >= min_points])
    return tuple((region, select_series(frame, region, indicator).series) for region in regions)


def peer_prior_for(obs: pd.DataFrame, indicator: str, region: str, until: int,
                   min_points: int = 3) -> PeerPrior | None:
    """The provincial-panel prior for ``region``'s ``indicator``, or None where there is no panel.

    Uses the provinces' observations up to ``until`` (the forecast origin), leaving ``region``
    itself out.  None when fewer than 3 provinces have ``min_points`` observations of
    ``indicator`` (e.g. for city-only indicators such as high-tech enterprise counts).
    """
    panel = provincial_panel(obs, indicator, min_points=min_points)
    try:
        return peer_prior(panel, until=until, exclude=(region,), min_points=min_points)
    except ValueError as exc:
        logger.info("no peer prior for %s %s: %s", region, indicator, exc)
        return None
