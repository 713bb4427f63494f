"""UN Statistics Division SDG Progress Chart: the 2022 growth-ratio edition and the 2023 extrapolation edition.

Both measure the compound annual growth rate since the base year,
``CAGR_a = (v_t / v_b)^{1/(t - b)} - 1``; they differ in what they compare it with.
``d`` is +1 when an increase is desired, -1 otherwise.
"""
from __future__ import annotations

from ..effort import grow
from .assessment import Assessment, Case, case_and_growth, classify, growth_ratio

# --- 2022 edition: CR = CAGR_a / CAGR_r ----------------------------------------------------------
#: Minima of CR for on track, acceleration needed and limited progress (below: deterioration).
UNSD2022_RATIO_THRESHOLDS = (0.95, 0.5, -0.1)
#: Minima of d * CAGR_a without a target, in the same order.
UNSD2022_GROWTH_THRESHOLDS = (0.01, 0.005, -0.01)
UNSD2022_LABELS = {
    "on_track": "substantial progress/on track", "acceleration_needed": "fair progress but acceleration needed",
    "limited_progress": "limited or no progress", "deterioration": "deterioration",
}

# --- 2023 edition: extrapolated value against the target -------------------------------------------
#: Minima of CR = (v_e - v_b) / (v_T - v_b) for scores 3 and 2.
UNSD2023_RATIO_THRESHOLDS = (0.95, 0.10)
#: Minima of d * CAGR_a without a target for scores 3 and 2.
UNSD2023_GROWTH_THRESHOLDS = (0.02, 0.005)
UNSD2023_LABELS = {3: "target met or on track", 2: "fair progress but acceleration needed",
                   1: "stagnation or regression"}
#: Targets at a natural limit (0 % and 100 %) and the distance from them that counts as met (points).
UNSD2023_LIMIT_TARGETS = (0.0, 100.0)
UNSD2023_NEAR_LIMIT = 1.0


def assess_unsd2022(series, target_value, target_year, base_year=None, direction="increase",
                    limit=None, lower_bound_years=()) -> Assessment:
    """UNSD SDG Progress Chart 2022: actual against required growth.

    With a target: ``CAGR_r = (v_T / v_b)^{1/(T - b)} - 1`` and ``CR = d * CAGR_a / |CAGR_r|``
    (``CAGR_a / CAGR_r`` whenever the target lies beyond the base in the desired direction),
    graded ``CR >= 0.95`` substantial progress/on track, ``0.5 <= CR < 0.95`` fair progress
    but acceleration needed, ``-0.1 <= CR < 0.5`` limited or no progress, ``CR < -0.1``
    deterioration.  A latest value meeting the target is target achieved.  Without a target:
    ``d * CAGR_a`` against 1 %, 0.5 % and -1 % in the same order.  A base year without data
    moves to the next observed year; a zero base value gives no growth rate (not
    assessable); a target year already past is judged on the data up to it.  ``limit`` is
    not used.  A latest value published as a lower bound (its year in ``lower_bound_years``)
    decides only target achieved (it reaches the target) or, without a target, on track
    (``d * CAGR_a >= 1 %``); short of that it is not assessable (:meth:`Case.bounded`).

    Example: ``{2015: 100, 2020: 110}`` toward 200 in 2030 grows 1.92 % a year where 4.73 %
    is required: ``CR = 0.41``, limited or no progress.

    References
    ----------
    UN Statistics Division, *Sustainable Development Goals Progress Chart 2022 - Technical
    Note*, section II "The proposed methodology by the Task Team on SDG Progress Chart".
    Only the note's contents page could be read (a stored copy of its first page); the
    ratio and its thresholds 0.95 / 0.5 / -0.1 and the no-target thresholds 1 % / 0.5 % /
    -1 % were read from an independent implementation of the 2022 chart
    (cwtravisyip/unsd_global_database ``int_func.py``: ``progress_cr``, ``progress_CARG_a``),
    not from the note itself.  The base-year and target-year rules are ours (shared with
    the other methods).
    """
    case, actual, failed = case_and_growth("unsd2022", series, target_value, target_year, base_year, direction,
                                           lower_bound_years=lower_bound_years)
    if failed:
        return failed
    if case.target_value is None:
        progress = case.sign * actual
        category = classify(progress, UNSD2022_GROWTH_THRESHOLDS)
        return case.bounded(case.result(category, "growth_no_target", {"growth": progress},
                                        label=UNSD2022_LABELS[category], actual_growth=actual, ratio=progress),
                            progress, UNSD2022_GROWTH_THRESHOLDS[0])
    if case.target_met:
        return case.achieved(actual_growth=actual)
    required, failed = case.growth_to(case.target_value, case.target_year)
    if failed:
        return failed
    ratio = growth_ratio(actual, required, case.sign)
    category = classify(ratio, UNSD2022_RATIO_THRESHOLDS)
    return case.bounded(case.result(category, "growth_ratio",
                                    {"actual_growth": actual, "required_growth": required, "ratio": ratio},
                                    label=UNSD2022_LABELS[category], actual_growth=actual, required_growth=required,
                                    ratio=ratio))


def unsd2023_score(value: float, thresholds: tuple[float, float]) -> int:
    """Score 3, 2 or 1: ``value`` against the minima of scores 3 and 2."""
    return 3 if value >= thresholds[0] else 2 if value >= thresholds[1] else 1


def _unsd2023_category(score: int, progress: float) -> str:
    """Score 3/2/1 -> category; score 1 splits by the sign of the progress (our rule)."""
    if score == 3:
        return "on_track"
    if score == 2:
        return "acceleration_needed"
    return "limited_progress" if progress >= 0 else "deterioration"


def limit_target(case: Case, tolerance: float | None) -> bool:
    """The 2023 edition's tolerance applies: a ``tolerance`` is given and the target is 0 or 100
    (:data:`UNSD2023_LIMIT_TARGETS`)."""
    return tolerance is not None and case.target_value in UNSD2023_LIMIT_TARGETS


def near_limit(case: Case, tolerance: float | None) -> bool:
    """The 2023 exception: the latest value lies within ``tolerance`` of a 0 or 100 target (:func:`limit_target`)."""
    return limit_target(case, tolerance) and abs(case.last_value - case.target_value) <= tolerance


def met_level(case: Case, tolerance: float | None) -> float:
    """The least latest value (in the desired direction) that the 2023 edition counts as met: the
    target, or ``tolerance`` short of a 0 or 100 target (:func:`limit_target`)."""
    return case.target_value - case.sign * tolerance if limit_target(case, tolerance) else case.target_value


def extrapolated_value(last_value: float, growth: float, years: int) -> float:
    """``v_t (1 + CAGR_a)^{years}``; a series that fell to zero (``CAGR_a = -100 %``) stays at zero."""
    return 0.0 if growth <= -1 else grow(last_value, growth, years)


def assess_unsd2023(series, target_value, target_year, base_year=None, direction="increase", limit=None,
                    tolerance=UNSD2023_NEAR_LIMIT, lower_bound_years=()) -> Assessment:
    """UNSD SDG Progress Chart 2023: the current pace extrapolated to the target year.

    With a target: ``v_e = v_t (1 + CAGR_a)^{T - t}`` and ``CR = (v_e - v_b) / (v_T - v_b)``;
    score 3 (target met or on track) for ``CR >= 0.95``, 2 (fair progress but acceleration
    needed) for ``0.10 <= CR < 0.95``, 1 (stagnation or regression) below 0.10.  Without a
    target: ``d * CAGR_a >= 2 %`` score 3, ``0.5-2 %`` score 2, below 0.5 % score 1.
    Score 1 is one published band; it becomes ``limited_progress`` when the change is in the
    desired direction (``CR >= 0``) and ``deterioration`` otherwise.  The change is signed by
    direction, ``CR = d (v_e - v_b) / |v_T - v_b|``, which equals the published ratio whenever
    the target lies beyond the base in the desired direction.

    Exceptions, as the EUSTAT adaptation lists them: a latest value meeting the target is
    target achieved whatever the trend; a latest value within ``tolerance`` (1 point) of a
    target of 0 or 100 (read as 0 % or 100 %) counts as met (pass ``tolerance=None`` for a
    series that is not a percentage); a base year without data takes the nearest observed
    year, before or after, that leaves a later observation; a target year already past is
    judged on the data up to it; at least two observations are needed.  A zero base value
    gives no growth rate: not assessable.  ``limit`` is not used.  A latest value published as
    a lower bound (its year in ``lower_bound_years``) decides only a met target (it reaches
    :func:`met_level`) or, without a target, score 3 (``d * CAGR_a >= 2 %``); short of that it
    is not assessable (:meth:`Case.bounded`).

    Example: ``{2015: 100, 2020: 110}`` toward 200 in 2030 continues to ``v_e = 133.1``:
    ``CR = 0.33``, fair progress but acceleration needed.

    References
    ----------
    UN Statistics Division, *Sustainable Development Goals Progress Chart 2023 - Technical
    Note* (unstats.un.org/sdgs/files/report/2023/Progress_Chart_Technical_Note_2023.pdf), not
    read itself: formulas, thresholds and exceptions are read from the Basque statistics
    office's adaptation of it (EUSTAT-DES/site, ``_pages/en/metodologia.md``: "Metodología",
    "Excepciones" 1-6).
    """
    case, actual, failed = case_and_growth("unsd2023", series, target_value, target_year, base_year, direction,
                                           base_rule="nearest", lower_bound_years=lower_bound_years)
    if failed:
        return failed
    if case.target_value is None:
        progress = case.sign * actual
        score = unsd2023_score(progress, UNSD2023_GROWTH_THRESHOLDS)
        return case.bounded(case.result(_unsd2023_category(score, progress), "growth_no_target", {"growth": progress},
                                        label=UNSD2023_LABELS[score], actual_growth=actual, ratio=progress,
                                        score=score),
                            progress, UNSD2023_GROWTH_THRESHOLDS[0])
    expected = extrapolated_value(case.last_value, actual, case.target_year - case.last_year)
    if case.target_met:
        return case.achieved(actual_growth=actual, extrapolated_value=expected, score=3)
    top = met_level(case, tolerance)
    if near_limit(case, tolerance):
        return case.bounded(case.result("target_achieved", "near_limit", {**case.met_values(), "tolerance": tolerance},
                                        label="target achieved", actual_growth=actual, extrapolated_value=expected,
                                        score=3), top=top)
    needed = abs(case.target_value - case.base_value)
    change = case.sign * (expected - case.base_value)
    ratio = float(change / needed) if needed else float("inf") if change >= 0 else float("-inf")
    score = unsd2023_score(ratio, UNSD2023_RATIO_THRESHOLDS)
    values = {"target_year": case.target_year, "extrapolated_value": expected, "target_value": case.target_value,
              "ratio": ratio}
    return case.bounded(case.result(_unsd2023_category(score, ratio), "extrapolated", values,
                                    label=UNSD2023_LABELS[score], actual_growth=actual, ratio=ratio,
                                    extrapolated_value=expected, score=score), top=top)
