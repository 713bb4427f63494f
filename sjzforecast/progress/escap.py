"""UN ESCAP Asia-Pacific SDG progress assessment: Anticipated Progress and Current Status indices.

The two indices answer two questions (ESCAP technical notes): *how likely will the target be
achieved* (anticipated progress: a time-weighted trend extrapolated to the target year, set
against the progress required) and *how much progress has been made since the base year*
(current status).  ``d`` is +1 when an increase is desired, -1 otherwise.
"""
from __future__ import annotations

import numpy as np

from ..effort import clean_series
from ..errors import SjzforecastError
from .assessment import Assessment, Case, reaches

#: ESCAP's dashboard wording per category (anticipated progress).
ESCAP_LABELS = {"on_track": "maintain progress to achieve target",
                "acceleration_needed": "accelerate progress to achieve target",
                "deterioration": "reverse trend to achieve target"}


def time_weights(years) -> np.ndarray:
    """Weights rising linearly toward recent years: ``w_i = t_i - t_1 + 1``.

    ESCAP's notes say only that recent data weigh more; the weighting formula of its working
    paper (SD/WP/04, 2017) could not be read, so this linear form is ours.
    """
    years = np.asarray(years, dtype=float)
    return years - years[0] + 1.0


def weighted_trend(years, values, weights) -> tuple[float, float]:
    """Weighted least-squares line ``value = a + b * year``: returns ``(a, b)``.

    .. math::
        b = \\frac{\\sum w_i (t_i - \\bar t)(x_i - \\bar x)}{\\sum w_i (t_i - \\bar t)^2},\\quad
        a = \\bar x - b \\bar t,

    with ``\\bar t`` and ``\\bar x`` the weighted means.
    """
    t, x, w = (np.asarray(v, dtype=float) for v in (years, values, weights))
    t_mean, x_mean = np.average(t, weights=w), np.average(x, weights=w)
    slope = float(np.sum(w * (t - t_mean) * (x - x_mean)) / np.sum(w * (t - t_mean) ** 2))
    return float(x_mean - slope * t_mean), slope


def anticipated_value(series, year: int, log_scale: bool | None = None) -> float:
    """The time-weighted trend of ``series`` (values by year) extrapolated to ``year``.

    ``log_scale`` fits ``log x`` (constant growth, ESCAP's choice for growth indicators);
    ``None`` does so whenever every value is positive, else fits the values themselves.

    Raises
    ------
    SjzforecastError
        ``log_scale=True`` for a series with a zero or negative value.
    """
    y = clean_series(series)
    if log_scale and not (y > 0).all():
        raise SjzforecastError(f"log_scale needs positive values; {sorted(int(t) for t in y.index[y <= 0])} are not")
    log_scale = bool((y > 0).all()) if log_scale is None else log_scale
    values = np.log(y.to_numpy(dtype=float)) if log_scale else y.to_numpy(dtype=float)
    intercept, slope = weighted_trend(y.index, values, time_weights(y.index))
    level = intercept + slope * year
    return float(np.exp(level) if log_scale else level)


def progress_index(base_value: float, value: float, target_value: float, sign: int) -> float:
    """``d (x - x_b) / |x_T - x_b|``: the share of the required progress that ``value`` makes.

    With ``value`` the latest observation this is the Current Status Index; with the
    anticipated value in the target year, the Anticipated Progress Index.  A target equal to
    the base value gives ``+inf`` or ``-inf`` by the sign of the change (``nan`` without one).
    """
    change, needed = sign * (value - base_value), abs(target_value - base_value)
    if needed == 0:
        return float(np.sign(change) * np.inf) if change else float("nan")
    return float(change / needed)


def escap_category(anticipated: float, base_value: float, target_value: float, sign: int) -> str:
    """``on_track`` when the anticipated value meets the target, ``deterioration`` when it is worse
    than the base value (ESCAP: regressing), ``acceleration_needed`` in between."""
    if reaches(anticipated, target_value, sign):
        return "on_track"
    return "deterioration" if sign * (anticipated - base_value) < 0 else "acceleration_needed"


def assess_escap(series, target_value, target_year, base_year=None, direction="increase", limit=None,
                 log_scale=None, lower_bound_years=()) -> Assessment:
    """ESCAP's Anticipated Progress Index, with the Current Status Index in ``details``.

    The anticipated value ``x^e_T`` is the time-weighted trend (:func:`anticipated_value`,
    weights :func:`time_weights`, log scale when every value is positive) fitted to every
    observation up to the latest one and extrapolated to the target year.  Anticipated
    progress ``API = d (x^e_T - x_b) / |x_T - x_b|`` and current status
    ``CSI = d (x_t - x_b) / |x_T - x_b|`` (:func:`progress_index`) measure from the base-year
    value; ``details`` also holds the anticipated gap ``max(0, 1 - API)``, the share of the
    required progress the trend leaves undone.  Categories (:func:`escap_category`): the anticipated value meets the target
    (``API >= 1``): on track, "maintain progress"; it falls short but beats the base value
    (``0 <= API < 1``): acceleration needed; it is worse than the base value (``API < 0``,
    "regressing"): deterioration, "reverse trend".  ESCAP has no "target achieved" or
    "limited progress" category.  Minimum data: two observations (ESCAP selects indicators
    with "two or more data points"); a quantified target is required.  A base year without
    data moves to the next observed year; a target year already past is judged on the data
    up to it.  ``limit`` is not used.  A latest value published as a lower bound (its year in
    ``lower_bound_years``) decides only on track (the anticipated value, which rises with the
    latest value, reaches the target at the bound); short of it the grade is not assessable
    (:meth:`Case.bounded`).

    References
    ----------
    ESCAP, *Asia and the Pacific SDG Progress Report*, technical notes "Progress assessment
    methodology" (data.unescap.org/resource-guides/progress-assessment-methodology and
    data.unescap.org/dataviz/methodology/technical-notes.html): the two indices and their
    questions, the selection criteria (two or more data points, a quantitative target); UNECE
    *SDG progress report* 2022 and 2023 technical notes: "time-weighted linear regression ...
    gives more importance to more recent data", "for targets that will not be achieved, the
    Index reports the anticipated gap between the target value and the projected value for 2030
    relative to the progress required between 2015 and 2030"; ESCAP working paper SD/WP/04
    (2017, abstract only): "a time-related weighting system that increases accuracy of
    extrapolation methods"; ECA Africa SDG progress dashboard: "maintain / accelerate progress,
    reverse trend".  Not read (only the opening sections of these pages were available): the
    exact weights, the rule choosing the log scale, and any thresholds on the indices beyond
    "target reached" and "worse than the base"; those parts above are our reading.
    """
    case = Case.build("escap", series, target_value, target_year, base_year, direction,
                      lower_bound_years=lower_bound_years)
    if not case.assessable:
        return case.not_assessable()
    if case.target_value is None:
        return case.not_assessable("needs_target")
    history = clean_series(series)
    history = history[history.index <= case.last_year]
    anticipated = anticipated_value(history, case.target_year, log_scale)
    api = progress_index(case.base_value, anticipated, case.target_value, case.sign)
    csi = progress_index(case.base_value, case.last_value, case.target_value, case.sign)
    category = escap_category(anticipated, case.base_value, case.target_value, case.sign)
    values = {"target_year": case.target_year, "extrapolated_value": anticipated,
              "target_value": case.target_value, "ratio": api, "current_status": csi}
    return case.bounded(case.result(category, "anticipated", values, label=ESCAP_LABELS[category], ratio=api,
                                    extrapolated_value=anticipated,
                                    details={"anticipated_progress_index": api,
                                             "anticipated_gap": max(0.0, 1.0 - api), "current_status_index": csi}),
                        anticipated)
