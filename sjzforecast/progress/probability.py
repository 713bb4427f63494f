"""Probability of meeting a target, from simulated paths, with a fixed verbal scale."""
from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from ..forecast import simulate_paths
from ..models import SIMULATION_PATHS
from .assessment import Assessment, Case, bound_reaches, reaches

logger = logging.getLogger(__name__)

#: Lower bounds of the verbal scale, highest first (IPCC-style likelihood wording).
VERBAL_SCALE = (
    (0.90, "very_likely"), (0.66, "likely"), (0.33, "about_as_likely_as_not"), (0.10, "unlikely"),
    (0.0, "very_unlikely"),
)
#: P(met) at or above which the probability method says ``on_track``; ``acceleration_needed`` above the second.
PROBABILITY_CATEGORY_BOUNDS = (0.66, 0.33)
NOT_REACHED = "not_reached"


def verbal_probability(p: float) -> str:
    """Key of the verbal scale for a probability: ``very_likely`` (>= 90 %), ``likely`` (66-90 %),
    ``about_as_likely_as_not`` (33-66 %), ``unlikely`` (10-33 %), ``very_unlikely`` (< 10 %).

    Each band includes its lower bound.  The key is for the UI to translate.

    Raises
    ------
    ValueError
        ``p`` outside [0, 1] or not a number.
    """
    if isinstance(p, bool) or not isinstance(p, (int, float, np.floating)) or not 0 <= p <= 1:
        raise ValueError(f"a probability must be a number in [0, 1], got {p!r}")
    return next(key for bound, key in VERBAL_SCALE if p >= bound)


def first_year_reached(paths: pd.DataFrame, target_value: float, sign: int) -> tuple[tuple[str, float], ...]:
    """Share of paths that first meet the target in each year; ``not_reached`` for the rest."""
    met = reaches(paths.to_numpy(), target_value, sign)
    ever = met.any(axis=1)
    first = np.where(ever, met.argmax(axis=1), -1)
    shares = []
    for i, year in enumerate(paths.columns):
        share = float(np.mean(first == i))
        if share > 0:
            shares.append((str(int(year)), share))
    if not ever.all():
        shares.append((NOT_REACHED, float(np.mean(~ever))))
    return tuple(shares)


def probability_category(p: float, median_change: float) -> str:
    """Our documented mapping of P(met) to a category.

    ``p >= 0.66`` (likely or very likely) on_track; ``0.33 <= p < 0.66`` acceleration_needed;
    below 0.33 deterioration when the median path in the target year is worse than the latest
    observation (``median_change < 0``, signed by direction), limited_progress otherwise.
    """
    if p >= PROBABILITY_CATEGORY_BOUNDS[0]:
        return "on_track"
    if p >= PROBABILITY_CATEGORY_BOUNDS[1]:
        return "acceleration_needed"
    return "deterioration" if median_change < 0 else "limited_progress"


def _check_paths(paths, target_year: int) -> pd.DataFrame:
    if not isinstance(paths, pd.DataFrame) or paths.empty:
        raise ValueError("paths must be a non-empty DataFrame: one row per path, one column per year")
    paths = paths.copy()
    paths.columns = [int(c) for c in paths.columns]
    if target_year not in paths.columns:
        raise ValueError(f"paths have no column for target year {target_year}; years: {list(paths.columns)}")
    return paths[sorted(paths.columns)]


def assess_probability(series, target_value, target_year, base_year=None, direction="increase", limit=None,
                       paths=None, model="auto", n_paths=SIMULATION_PATHS, seed=0, peers=None,
                       lower_bound_years=()) -> Assessment:
    """P(target met in the target year) and the first year it is reached, from simulated paths.

    ``P = mean(d * (Y_T - y_T) >= 0)`` over the paths ``Y`` (``paths``: DataFrame n_paths x
    years; otherwise :func:`sjzforecast.simulate_paths` of the series with ``model`` and
    ``seed`` up to the target year, calibrated on ``peers`` — a
    :class:`~sjzforecast.peers.PeerPrior` — when given).  The category follows :func:`probability_category`; a
    latest value meeting the target is target achieved, with the probability that it still
    holds in the target year; a target year already observed is decided by the observation, unless it was
    published as a lower bound (its year in ``lower_bound_years``) that cannot tell
    (:func:`~sjzforecast.progress.assessment.bound_reaches`): then not_assessable.  Fewer than two points, or a model that cannot fit the
    series, give not_assessable.  The model is fitted to every observation up to the target
    year; ``base_year`` and ``limit`` are not used.
    """
    if target_value is None:
        raise ValueError("the probability method needs a target value")
    case = Case.build("probability", series, target_value, target_year, None, direction,
                      lower_bound_years=lower_bound_years)
    if not case.assessable:
        return case.not_assessable()
    if case.last_year == case.target_year and bound_reaches(case.last_value, case.target_value, case.direction,
                                                            case.lower_bound) is None:
        return case.not_assessable("lower_bound_observed", **case.met_values())
    if case.target_met and case.last_year == case.target_year:
        return case.achieved(probability=1.0, verbal_probability=verbal_probability(1.0))
    if case.last_year == case.target_year:
        category = probability_category(0.0, case.sign * (case.last_value - case.base_value))
        return case.result(category, "target_missed_observed", {**case.met_values(), "target_year": case.target_year},
                           label="target missed", probability=0.0, verbal_probability=verbal_probability(0.0))
    if paths is None:
        try:
            paths = simulate_paths(case.series, case.target_year - case.last_year, model=model, n_paths=n_paths,
                                   seed=seed, **({"peers": peers} if peers is not None else {}))
        except ValueError as exc:
            return case.not_assessable("model_failed").with_note(str(exc))
    paths = _check_paths(paths, case.target_year)
    at_target = paths[case.target_year].to_numpy(dtype=float)
    p = float(np.mean(reaches(at_target, case.target_value, case.sign)))
    median = float(np.median(at_target))
    verbal = verbal_probability(p)
    if case.target_met:  # met already: still the chance that it holds in the target year
        return case.achieved(probability=p, verbal_probability=verbal, extrapolated_value=median,
                             first_year_distribution=first_year_reached(paths, case.target_value, case.sign))
    category = probability_category(p, case.sign * (median - case.last_value))
    values = {"target_year": case.target_year, "probability": p, "count": len(paths)}
    return case.result(category, "probability", values, label=verbal.replace("_", " "), probability=p,
                       verbal_probability=verbal, extrapolated_value=median,
                       first_year_distribution=first_year_reached(paths, case.target_value, case.sign))
