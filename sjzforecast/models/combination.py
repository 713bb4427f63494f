"""Equal-weight combination of robust members, by averaging the quantiles of their paths.

References
----------
Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020) The M4 Competition: 100,000 time
series and 61 forecasting methods, *IJF* 36, 54-74 (combinations of simple methods are hard to beat).
Petropoulos, F. & Svetunkov, I. (2020) A simple combination of univariate models, *IJF* 36, 110-115
(SES, Holt, damped and Theta: the "SHD"/"comb" benchmark).
Lichtendahl, K.C., Grushka-Cockayne, Y. & Winkler, R.L. (2013) Is it better to average
probabilities or quantiles? *Management Science* 59, 1594-1611.
Clark, M. et al. (2004) The Schaake shuffle: a method for reconstructing space-time variability
in forecasted precipitation and temperature fields, *J. Hydrometeorology* 5, 243-262.
"""
from __future__ import annotations

import logging

import numpy as np

from ..transforms import Transform, choose_transform
from .base import FitFailure, GrowthModel, check_h

logger = logging.getLogger(__name__)

#: Default members: simple, robust and complementary in how much trend they extrapolate.
DEFAULT_MEMBERS = ("drift", "damped", "theta")


def average_quantiles(members: list[np.ndarray]) -> np.ndarray:
    """Combine path sets by averaging their quantiles, keeping the first set's dependence.

    Each year's combined quantiles are the mean of the members' sorted paths
    (Vincentization); paths are then re-ordered so that their ranks in every year are those
    of the first member's paths (the Schaake shuffle), so cumulative and multi-year
    questions keep a plausible path structure.

    Parameters
    ----------
    members : list of arrays (n_paths, h)

    Returns
    -------
    array (n_paths, h)
    """
    quantiles = np.mean([np.sort(paths, axis=0) for paths in members], axis=0)
    ranks = np.argsort(np.argsort(members[0], axis=0), axis=0)
    return np.take_along_axis(quantiles, ranks, axis=0)


class Combination(GrowthModel):
    """Equal-weight quantile average of the members that can be fitted to the series.

    Each member simulates ``n_paths`` paths; :func:`average_quantiles` combines them, so
    the point forecast is the mean of the members' medians and each interval bound the mean
    of the members' bounds (quantile averaging is sharper than pooling the paths and scores
    better; Lichtendahl, Grushka-Cockayne & Winkler, 2013).
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
        choose_transform(self.transform, y, self.ceiling, self.name, years=t)  # refuse data no member can take
        return Transform("none")  # members transform the data themselves

    def simulate(self, h, n_paths=1000, seed=0):
        self._check_fitted()
        h = check_h(h)
        seeds = np.random.default_rng(seed).integers(2**31, size=len(self.fitted_))
        members = [m.simulate(h, n_paths, int(s)) for m, s in zip(self.fitted_, seeds)]
        return average_quantiles(members)

    def glance(self) -> dict:
        out = super().glance()
        out["transform"] = "/".join(sorted({m.transform_ for m in self.fitted_}))
        return out

    def _tidy_rows(self):
        rows = []
        for m in self.fitted_:
            rows += [(f"{m.name}:{r.term}", r.estimate, r.std_error) for r in m.tidy().itertuples(index=False)]
            rows.append((f"{m.name}:combination_weight", 1 / len(self.fitted_), np.nan))
        return rows
