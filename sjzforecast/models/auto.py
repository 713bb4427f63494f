"""``auto``: the model chosen by the data, and why.

Short series (fewer than :data:`AUTO_MIN_POINTS` points) get a fixed choice: ``drift`` for
2 points, the equal-weight ``combination`` of drift, damped trend and Theta from 3 points.
Combining simple trend models is the most robust choice on short yearly series in the M3/M4
competitions and needs no model selection, which is unreliable with few points.

From :data:`AUTO_MIN_POINTS` points on, the series is long enough to judge candidates by
their own out-of-sample errors: every candidate of :data:`LONG_CANDIDATES` is refitted at
rolling origins (the last :data:`CV_ORIGINS` points, each forecast up to
:data:`CV_HORIZON` years ahead) and scored by its mean absolute error on the model scale
(the log for positive data: a relative error).  Candidates are weighted by
:func:`selection_weights` and ``auto`` runs the weighted quantile average of their members
(:class:`~sjzforecast.models.combination.Combination`).

References
----------
Tashman, L.J. (2000) Out-of-sample tests of forecasting accuracy: an analysis and review, *IJF* 16, 437-450.
Kolassa, S. (2011) Combining exponential smoothing forecasts using Akaike weights, *IJF* 27, 238-251.
Petropoulos, F. & Svetunkov, I. (2020) A simple combination of univariate models, *IJF* 36, 110-115.
"""
from __future__ import annotations

import logging

import numpy as np

from ..transforms import choose_transform
from .base import FitFailure, GrowthModel, check_series
from .combination import DEFAULT_MEMBERS, Combination
from .random_walk import Drift
from .registry import get_model

logger = logging.getLogger(__name__)

#: Fewest points for which ``auto`` judges candidates by their rolling-origin errors.
AUTO_MIN_POINTS = 10
#: Rolling origins scored (the last ones) and years ahead forecast from each.
CV_ORIGINS = 8
CV_HORIZON = 6
#: Fewest points before a rolling origin.
CV_MIN_TRAIN = 6
#: Candidate name -> its members (a candidate of several members is their equal-weight combination).
LONG_CANDIDATES: dict[str, tuple[str, ...]] = {
    "combination": DEFAULT_MEMBERS,
    "drift": ("drift",),
    "damped": ("damped",),
    "optimized_theta": ("optimized_theta",),
    "arima": ("arima",),
}


def rolling_origin_errors(t: np.ndarray, y: np.ndarray, candidates: dict, options: dict,
                          n_origins: int = CV_ORIGINS, horizon: int = CV_HORIZON,
                          min_train: int = CV_MIN_TRAIN) -> dict[str, np.ndarray]:
    """Absolute errors, on the model scale, of each candidate's forecasts from rolling origins.

    At each of the last ``n_origins`` points that leave ``min_train`` points before them,
    every member is fitted to the data up to that point and its median forecast
    (:meth:`GrowthModel.point_forecast`) for the following years up to ``horizon`` years
    ahead is compared with the observations; a candidate's forecast is the mean of its
    members'.  A candidate with a member that cannot be fitted at some origin (too few
    points, irregular years) is left out.

    Returns
    -------
    dict
        Candidate name -> array of absolute errors :math:`|f(y) - f(\\hat y)|`, ``f`` the
        transform that ``options`` give for ``y``.
    """
    transform = choose_transform(options.get("transform", "auto"), y, options.get("ceiling"), "auto")
    members = sorted({m for ms in candidates.values() for m in ms})
    errors = {name: [] for name in candidates}
    failed = set()
    for k in range(max(min_train, len(y) - n_origins), len(y)):
        ahead = t[k:][t[k:] - t[k - 1] <= horizon]
        steps = (ahead - t[k - 1]).astype(int)
        actual = transform.forward(y[k:k + len(ahead)])
        points = {}
        for name in members:
            try:
                points[name] = get_model(name)(**options).fit(t[:k], y[:k]).point_forecast(int(steps[-1]))[steps - 1]
            except (ValueError, FitFailure) as exc:
                logger.debug("rolling origin %d: %s not fitted (%s)", int(t[k - 1]), name, exc)
        for name, ms in candidates.items():
            if all(m in points for m in ms):
                errors[name].append(np.abs(actual - transform.forward(np.mean([points[m] for m in ms], axis=0))))
            else:
                failed.add(name)
    return {name: np.concatenate(e) for name, e in errors.items() if e and name not in failed}


def selection_weights(scores: dict[str, float]) -> dict[str, float]:
    """Weights proportional to the inverse squared score, over candidates within twice the best.

    .. math:: w_c \\propto s_c^{-2} \\, 1[s_c \\le 2 \\min_j s_j]
    """
    best = min(scores.values())
    inverse = {name: s ** -2 for name, s in scores.items() if s <= 2 * best}
    total = sum(inverse.values())
    return {name: w / total for name, w in inverse.items()}


def member_weights(weights: dict[str, float], candidates: dict) -> dict[str, float]:
    """Spread each candidate's weight equally over its members; sum per member."""
    out: dict[str, float] = {}
    for name, w in weights.items():
        for m in candidates[name]:
            out[m] = out.get(m, 0.0) + w / len(candidates[name])
    return out


def choose_long(t, y, options: dict, candidates: dict = LONG_CANDIDATES) -> tuple[GrowthModel, str, str]:
    """The weighted combination that rolling-origin errors give, its label and the reason."""
    errors = rolling_origin_errors(t, y, candidates, options)
    if not errors:
        return Combination(**options), "combination", "no candidate could be scored at rolling origins"
    scores = {name: float(np.mean(e)) for name, e in errors.items()}
    weights = selection_weights(scores)
    members = member_weights(weights, candidates)
    model = (get_model(next(iter(members)))(**options) if len(members) == 1
             else Combination(members=tuple(members), weights=tuple(members.values()), **options))
    ranked = sorted(scores, key=scores.get)
    label = " + ".join(f"{name} {weights[name]:.2f}" for name in ranked if name in weights)
    reason = (f"{len(y)} points (>= {AUTO_MIN_POINTS}): mean absolute error at "
              f"{min(CV_ORIGINS, len(y) - CV_MIN_TRAIN)} rolling origins, 1-{CV_HORIZON} years ahead, "
              + ", ".join(f"{name} {scores[name]:.3g}" for name in ranked)
              + "; weights proportional to 1/error^2 among those within twice the best")
    return model, label, reason


class Auto(GrowthModel):
    """The model that ``auto`` chooses for the data; ``glance()`` says which and why.

    ``glance()["auto_choice"]`` names the model run (for long series the candidates and their
    weights), ``glance()["auto_reason"]`` the rule and the scores; ``ran`` is the model
    actually run.  Options go to the chosen model.
    """

    name = "auto"

    def __init__(self, **options):
        super().__init__(**options)
        self.options = options

    def fit(self, years, values) -> "Auto":
        t, y = check_series(years, values)
        self.years_, self.values_ = t, y
        n = len(y)
        if n <= 2:
            model, label, reason = Drift(**self.options), "drift", "2 points: the only trend they identify"
        elif n < AUTO_MIN_POINTS:
            model, label, reason = Combination(**self.options), "combination", (
                f"{n} points (< {AUTO_MIN_POINTS}): equal-weight combination of {', '.join(DEFAULT_MEMBERS)}, "
                "too few points to judge models by their own errors")
        else:
            model, label, reason = choose_long(t, y, self.options)
        logger.debug("auto chose %s: %s", label, reason)
        self._delegate = model.fit(t, y)
        self.transform_ = self._delegate.glance()["transform"]
        self.stats_ = {"auto_choice": label, "auto_reason": reason}
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

