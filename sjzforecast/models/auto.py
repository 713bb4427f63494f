"""``auto``: the model chosen by the data, and why.

- A constant series (every value equal, e.g. all zero): ``naive`` on the level scale; there
  is no growth to fit (the zero rule of :func:`sjzforecast.transforms.choose_transform`).
- 2 points: ``drift``, the only trend two points identify.
- 3 to 13 points: the equal-weight ``combination`` of drift, damped trend and Theta.
  Combining simple trend models is the most robust choice on short yearly series in the
  M3/M4 competitions and needs no model selection, which is unreliable with few points.
- :data:`AUTO_MIN_POINTS` (14) points or more: the equal-weight combination of a wider pool,
  :func:`long_members`: naive, drift, damped trend, Theta, dynamic optimized Theta (DOTM)
  and ARIMA(p,1,0), each on the log and on the level scale for positive data (compound and
  additive growth).

The threshold is measured: on the yearly series of M1 and M3 forecast 6 years ahead, the
wide pool beats the short-series combination from 14 points on (sMAPE 18.5 against 19.4 for
231 series of 14-16 points, 11.5 against 12.0 for 256 series of 17-19 points) but not below
(17.1 against 16.8 for 71 series of 10-13 points); on the provincial R&D panel, whose series
have at most 13 points, the short-series combination is also the better one (sMAPE 7.0
against 7.9 at the 124 rolling origins with 10-13 points before them).

Weighting the members by their own rolling-origin errors was measured too (the last 10
origins, 1-6 years ahead): every weighting, trimming or selection rule tried (inverse error,
inverse squared error, keeping the members within 1.5-4 times the best error, the best
alone, choosing the scale or the pool by its rolling-origin error) forecast worse than equal
weights on both benchmarks (on the 264 M1/M3 series of 20+ points, sMAPE 18.5-19.7 against
18.2-18.3 for equal weights, with a static optimized Theta in the pool), as the
forecast-combination puzzle leads one to expect (Claeskens et al., 2016), so the members
are averaged with equal weights.

References
----------
Petropoulos, F. & Svetunkov, I. (2020) A simple combination of univariate models, *IJF* 36, 110-115.
Claeskens, G., Magnus, J.R., Vasnev, A.L. & Wang, W. (2016) The forecast combination puzzle: a
simple theoretical explanation, *IJF* 32, 754-762.
Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020) The M4 Competition, *IJF* 36, 54-74.
"""
from __future__ import annotations

import logging

import numpy as np

from .base import GrowthModel, check_series
from .combination import DEFAULT_MEMBERS, Combination
from .random_walk import Drift, Naive
from .registry import get_model

logger = logging.getLogger(__name__)

#: Fewest points for which ``auto`` runs the wide pool of :func:`long_members` (see the module docstring).
AUTO_MIN_POINTS = 14
#: Members of the wide pool, each run on every scale that :func:`long_members` allows.
LONG_POOL = ("drift", "damped", "theta", "dotm", "arima")


def long_members(values, transform: str = "auto", ceiling: float | None = None) -> tuple:
    """The wide pool for a long series: :data:`LONG_POOL` on the log and the level scale, and naive.

    Both scales only where ``transform`` is ``"auto"``, no ceiling is given and the data are
    positive; otherwise every member runs on the scale that ``transform`` gives.
    """
    if transform == "auto" and ceiling is None and np.all(np.asarray(values) > 0):
        return tuple((name, scale) for name in LONG_POOL for scale in ("log", "none")) + ("naive",)
    return LONG_POOL + ("naive",)


class Auto(GrowthModel):
    """The model that ``auto`` chooses for the data; ``glance()`` says which and why.

    ``glance()["auto_choice"]`` names the model run (``drift`` or ``combination``, whose
    ``members`` glance lists), ``glance()["auto_reason"]`` why; options go to the chosen model.
    """

    name = "auto"

    def __init__(self, **options):
        super().__init__(**options)
        self.options = options

    def fit(self, years, values) -> "Auto":
        t, y = check_series(years, values)
        self.years_, self.values_ = t, y
        n = len(y)
        if np.ptp(y) == 0:  # e.g. all zero: no growth to fit, and no log scale
            model, reason = Naive(**self.options), f"every value is {y[0]:g}, a constant series"
        elif n <= 2:
            model, reason = Drift(**self.options), "2 points: drift, the only trend they identify"
        elif n < AUTO_MIN_POINTS:
            model = Combination(**self.options)
            reason = (f"{n} points (< {AUTO_MIN_POINTS}): equal-weight combination of {', '.join(DEFAULT_MEMBERS)}; "
                      "too few points for the wider pool")
        else:
            members = long_members(y, self.transform, self.ceiling)
            model = Combination(members=members, **self.options)
            reason = (f"{n} points (>= {AUTO_MIN_POINTS}): equal-weight combination of {len(members)} members, "
                      "naive, drift, damped, Theta, dynamic optimized Theta and ARIMA"
                      + (" on the log and the level scale" if isinstance(members[0], tuple) else ""))
        logger.info("auto chose %s: %s", model.name, reason)
        self._delegate = model.fit(t, y)
        self.transform_ = self._delegate.glance()["transform"]
        self.stats_ = {"auto_choice": model.name, "auto_reason": reason}
        self._fitted = True
        return self


def resolve_model(name: str, years, values, **options) -> GrowthModel:
    """An unfitted model instance for ``name``: a registered model, or :class:`Auto`.

    ``options`` (transform, ceiling, sigma_prior, prior_df, peers) go to the model's
    constructor.  ``years`` and ``values`` are not used (``auto`` chooses when fitted); they
    are kept for callers.
    """
    if name == "auto":
        return Auto(**options)
    return get_model(name)(**options)
