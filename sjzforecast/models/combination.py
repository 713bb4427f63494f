"""Equal-weight combination of robust members, by averaging (or taking the median of) the quantiles of their paths.

References
----------
Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020) The M4 Competition: 100,000 time
series and 61 forecasting methods, *IJF* 36, 54-74 (combinations of simple methods are hard to beat).
Lichtendahl, K.C., Grushka-Cockayne, Y. & Winkler, R.L. (2013) Is it better to average
probabilities or quantiles? *Management Science* 59, 1594-1611.
Petropoulos, F. & Svetunkov, I. (2020) A simple combination of univariate models, *IJF* 36,
110-115 (the median of four models' forecasts and bounds, "SCUM").
Clark, M. et al. (2004) The Schaake shuffle: a method for reconstructing space-time variability
in forecasted precipitation and temperature fields, *J. Hydrometeorology* 5, 243-262.
"""
from __future__ import annotations

import logging

import numpy as np

from ..errors import SjzforecastError
from ..transforms import Transform, choose_transform
from .base import FitFailure, GrowthModel, check_h
from .registry import get_model, register

logger = logging.getLogger(__name__)

#: Default members: simple, robust and complementary in how much trend they extrapolate.
DEFAULT_MEMBERS = ("drift", "damped", "theta")


def member_label(member) -> str:
    """``"theta"`` for a name, ``"theta (none)"`` for a name and a transform."""
    return member if isinstance(member, str) else f"{member[0]} ({member[1]})"


def member_of_label(label: str) -> tuple[str, str | None]:
    """The inverse of :func:`member_label`: ``("theta", None)`` for ``"theta"``, ``("theta", "none")`` for
    ``"theta (none)"``."""
    name, _, transform = label.partition(" (")
    return name, transform.removesuffix(")") or None


#: How the members' quantiles are combined: their mean (Vincentization) or their median.
COMBINE_STATISTICS = {"mean": np.mean, "median": np.median}


def combine_quantiles(members: list[np.ndarray], statistic: str = "mean") -> np.ndarray:
    """Combine path sets quantile by quantile, keeping the first set's dependence.

    Each year's combined quantile at level :math:`p` is the mean (Vincentization) or the
    median of the members' quantiles at :math:`p`,

    .. math:: \\hat Q_t(p) = \\operatorname{mean}_m Q_{m,t}(p) \\quad\\text{or}\\quad
              \\operatorname{median}_m Q_{m,t}(p),

    computed on the members' sorted paths; paths are then re-ordered so that their ranks in
    every year are those of the first member's paths (the Schaake shuffle), so cumulative and
    multi-year questions keep a plausible path structure.  The median is robust to a member
    whose extrapolation runs away on a long series.

    Parameters
    ----------
    members : list of arrays (n_paths, h)
    statistic : {"mean", "median"}

    Returns
    -------
    array (n_paths, h)
    """
    # sorted along contiguous rows of the transposes: several times faster than along axis 0
    quantiles = COMBINE_STATISTICS[statistic]([np.sort(paths.T, axis=1) for paths in members], axis=0)
    ranks = np.argsort(np.argsort(members[0].T, axis=1), axis=1)
    return np.take_along_axis(quantiles, ranks, axis=1).T


@register
class Combination(GrowthModel):
    """Equal-weight quantile combination of the members that can be fitted to the series.

    Each member simulates ``n_paths`` paths; :func:`combine_quantiles` combines them, so
    with ``combine="mean"`` the point forecast is the mean of the members' medians and each
    interval bound the mean of the members' bounds (quantile averaging is sharper than
    pooling the paths and scores better; Lichtendahl, Grushka-Cockayne & Winkler, 2013);
    ``combine="median"`` takes their medians instead (Petropoulos & Svetunkov, 2020).
    Members needing more points or regular spacing than the data have are skipped, with the
    reason logged and listed in ``glance()["skipped"]``; model options (transform, priors,
    peers) are passed to every member.  A member is a registered name, or a pair
    ``(name, transform)`` that runs it on its own scale (``("theta", "none")``).
    """

    name = "combination"

    def __init__(self, members=DEFAULT_MEMBERS, combine: str = "mean", **kwargs):
        super().__init__(**kwargs)
        if combine not in COMBINE_STATISTICS:
            raise SjzforecastError(f"combine must be one of {sorted(COMBINE_STATISTICS)}, got {combine!r}")
        self.members = tuple(members)
        self.combine = combine
        self._member_args = kwargs

    def _fit(self, t, z):
        self.fitted_, self.skipped_ = [], {}
        for member in self.members:
            name, options = (member, {}) if isinstance(member, str) else (member[0], {"transform": member[1]})
            try:
                self.fitted_.append(get_model(name)(**{**self._member_args, **options}).fit(t, self.values_))
            except (ValueError, FitFailure) as exc:
                logger.info("combination skips %r: %s", member, exc)
                self.skipped_[member_label(member)] = str(exc)
        if not self.fitted_:
            raise ValueError(f"no member of {self.members} could be fitted: {self.skipped_}")
        return {"members": [member_label(m) for m in self._fitted_members()], "combine": self.combine,
                "skipped": dict(self.skipped_)}

    def _choose_transform(self, t, y):
        choose_transform(self.transform, y, self.ceiling, self.name, years=t)  # refuse data no member can take
        return Transform("none")  # members transform the data themselves

    def simulate(self, h, n_paths=1000, seed=0):
        self._check_fitted()
        h = check_h(h)
        seeds = np.random.default_rng(seed).integers(2**31, size=len(self.fitted_))
        members = [m.simulate(h, n_paths, int(s)) for m, s in zip(self.fitted_, seeds)]
        return combine_quantiles(members, self.combine)

    def glance(self) -> dict:
        out = super().glance()
        out["transform"] = "/".join(sorted({m.transform_ for m in self.fitted_}))
        return out

    def _fitted_members(self) -> list:
        """The members fitted, as given (a name, or a name and a transform)."""
        return [m for m in self.members if member_label(m) not in self.skipped_]

    def _tidy_rows(self):
        rows = []
        for label, m in zip(map(member_label, self._fitted_members()), self.fitted_):
            rows += [(f"{label}:{r.term}", r.estimate, r.std_error) for r in m.tidy().itertuples(index=False)]
            if self.combine == "mean":
                rows.append((f"{label}:combination_weight", 1 / len(self.fitted_), np.nan))
        return rows
