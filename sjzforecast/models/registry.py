"""The model registry: names to classes, and the ``auto`` choice."""
from __future__ import annotations

import logging

import numpy as np

from .base import GrowthModel
from .combination import Combination
from .ets import ETS
from .random_walk import Drift, Naive
from .smoothing import DampedTrend, Theta
from .trend import LinearTrend, Logistic, LogLinear

logger = logging.getLogger(__name__)

#: Name -> model class.  ``auto`` is resolved by :func:`resolve_model`.
MODELS: dict[str, type[GrowthModel]] = {m.name: m for m in (
    Naive, Drift, LinearTrend, LogLinear, DampedTrend, Theta, Logistic, ETS, Combination)}


def get_model(name: str) -> type[GrowthModel]:
    """The model class registered under ``name``.

    Raises
    ------
    ValueError
        ``No model named 'x'; known: [...]``.
    """
    try:
        return MODELS[name]
    except (KeyError, TypeError):
        raise ValueError(f"No model named {name!r}; known: {sorted(MODELS) + ['auto']}") from None


def resolve_model(name: str, years, values, **options) -> GrowthModel:
    """An unfitted model instance for ``name``; ``auto`` picks by the data.

    ``auto`` chooses by data length:

    - 2 points: ``drift`` (random walk with drift; the only trend two points identify, with
      wide Student-t intervals from the residual-variance prior);
    - 3 or more points: ``combination`` of drift, damped trend and Theta (damped needs 4
      points and is skipped below that), an equal-weight average of the quantiles of their simulated paths.
      Combining simple trend models is the most robust choice on short yearly series in
      the M3/M4 competitions and needs no model selection, which is unreliable with
      fewer than about 15 points;
    - a constant series (every value equal, e.g. all zero): ``naive``, which says so in
      ``glance()["auto_choice"]``.

    All work on the log scale for positive data, on the logit scale when a ``ceiling`` is
    given, on the level scale otherwise.  ``options`` (transform, ceiling, sigma_prior,
    prior_df, peers) go to the model's constructor.
    """
    if name == "auto":
        n = len(np.atleast_1d(values))
        if np.ptp(values) == 0:  # e.g. all zero: no growth to fit, and no log scale
            chosen = Naive(**options)
            chosen.auto_choice = f"naive: every value is {np.atleast_1d(values)[0]:g}, a constant series"
            logger.info("auto chose %s", chosen.auto_choice)
            return chosen
        chosen = Drift(**options) if n <= 2 else Combination(**options)
        logger.debug("auto chose %s for %d points", chosen.name, n)
        return chosen
    return get_model(name)(**options)
