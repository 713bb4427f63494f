"""Equal-weight combination of robust members, as a mixture of their simulated paths.

References
----------
Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020) The M4 Competition: 100,000 time
series and 61 forecasting methods, *IJF* 36, 54-74 (combinations of simple methods are hard to beat).
Petropoulos, F. & Svetunkov, I. (2020) A simple combination of univariate models, *IJF* 36, 110-115
(SES, Holt, damped and Theta: the "SHD"/"comb" benchmark).
"""
from __future__ import annotations

import logging

import numpy as np

from .base import FitFailure, GrowthModel, check_h

logger = logging.getLogger(__name__)

#: Default members: simple, robust and complementary in how much trend they extrapolate.
DEFAULT_MEMBERS = ("drift", "damped", "theta")


class Combination(GrowthModel):
    """Equal-weight mixture of the members that can be fitted to the series.

    Each member simulates ``n_paths / k`` paths; the combined paths are their union, so the
    point forecast is the median of the mixture and intervals are mixture quantiles.
    Members needing more points or regular spacing than the data have are skipped, with the
    reason logged and listed in ``glance()["skipped"]``; model options (transform, priors,
    peers) are passed to every member.
    """

    name = "combination"

    def __init__(self, members=DEFAULT_MEMBERS, **kwargs):
        super().__init__(**kwargs)
        self.members = tuple(members)
        self._member_args = kwargs

    def _fit(self, t, z):
        from .registry import get_model

        self.fitted_, self.skipped_ = [], {}
        for name in self.members:
            try:
                self.fitted_.append(get_model(name)(**self._member_args).fit(t, self.values_))
            except (ValueError, FitFailure) as exc:
                logger.info("combination skips %r: %s", name, exc)
                self.skipped_[name] = str(exc)
        if not self.fitted_:
            raise ValueError(f"no member of {self.members} could be fitted: {self.skipped_}")
        return {"members": [m.name for m in self.fitted_], "skipped": dict(self.skipped_)}

    def _choose_transform(self, t, y):
        from ..transforms import Transform
        return Transform("none")  # members transform the data themselves

    def simulate(self, h, n_paths=1000, seed=0):
        self._check_fitted()
        h = check_h(h)
        rng = np.random.default_rng(seed)
        k = len(self.fitted_)
        sizes = np.full(k, n_paths // k) + (np.arange(k) < n_paths % k)
        seeds = rng.integers(2**31, size=k)
        paths = np.vstack([m.simulate(h, int(n), int(s)) for m, n, s in zip(self.fitted_, sizes, seeds)])
        return paths[rng.permutation(len(paths))]

    def glance(self) -> dict:
        out = super().glance()
        out["transform"] = "/".join(sorted({m.transform_ for m in self.fitted_}))
        return out

    def _tidy_rows(self):
        rows = []
        for m in self.fitted_:
            rows += [(f"{m.name}:{r.term}", r.estimate, r.std_error) for r in m.tidy().itertuples(index=False)]
            rows.append((f"{m.name}:weight", 1 / len(self.fitted_), np.nan))
        return rows
