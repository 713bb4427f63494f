"""Growth-based progress methods: Open SDG (Statistics Canada), Eurostat and UNSD.

All three compare the compound annual growth rate (CAGR) observed since a base year,

.. math:: CAGR_a = (y_t / y_0)^{1/(t - t_0)} - 1,

with what the target requires.  ``d`` is +1 when an increase is desired, -1 otherwise.
"""
from __future__ import annotations

import logging

import numpy as np

from ..effort import compound_annual_growth, grow
from .assessment import Assessment, Case, classify, growth_ratio

logger = logging.getLogger(__name__)

# --- Open SDG / Statistics Canada -----------------------------------------------------------
#: Minima of R = d * CAGR_a / |CAGR_r| for on track, acceleration needed, limited progress.
OPENSDG_RATIO_THRESHOLDS = (0.95, 0.60, 0.0)
#: Minima of d * CAGR_a without a target (before the scaling factor C).
OPENSDG_GROWTH_THRESHOLDS = (0.015, 0.005, 0.0)
#: Exponent of the scaling factor for natural limits.
OPENSDG_LIMIT_EXPONENT = 4.44
#: Replacement for a zero base or target value.
OPENSDG_ZERO_REPLACEMENT = 0.001
OPENSDG_LABELS = {
    "on_track": "substantial progress / on track", "acceleration_needed": "progress made but acceleration needed",
    "limited_progress": "limited progress", "deterioration": "deterioration",
}

# --- Eurostat --------------------------------------------------------------------------------
#: Minima of the ratio of actual to required growth (quantified target).
EUROSTAT_RATIO_THRESHOLDS = (0.95, 0.60, 0.0)
EUROSTAT_TARGET_LABELS = {
    "on_track": "significant progress towards the target", "acceleration_needed": "moderate progress towards the target",
    "limited_progress": "insufficient progress towards the target", "deterioration": "movement away from the target",
}
#: d * CAGR boundary between significant and moderate change without a target (1 % a year).
EUROSTAT_SIGNIFICANT_GROWTH = 0.01

# --- UNSD progress chart ---------------------------------------------------------------------
#: Minima of CR = (v_e - v_b) / (v_T - v_b) for scores 3 and 2.
UNSD_RATIO_THRESHOLDS = (0.95, 0.10)
#: Minima of d * CAGR without a target for scores 3 and 2.
UNSD_GROWTH_THRESHOLDS = (0.02, 0.005)
UNSD_LABELS = {3: "target met or on track", 2: "fair progress but acceleration needed", 1: "stagnation or regression"}


def opensdg_scaling_factor(base_value: float, limit: float) -> float:
    """Open SDG scaling factor ``C`` for thresholds near a natural limit.

    .. math::
        C = 1 - (|y_0| / |y_{lim}|)^{4.44}                 \\quad |y_0| \\le |y_{lim}|

        C = 1 - ((2|y_{lim}| - |y_0|) / |y_{lim}|)^{4.44}  \\quad |y_{lim}| < |y_0| < 2|y_{lim}|

        C = 1                                              \\quad |y_0| \\ge 2|y_{lim}|

    References
    ----------
    Open SDG, *Progress measurement methodology* (docs/progress-methodology.md) and
    sdg-build ``sdg/ProgressMeasure.py`` (``get_progress_thresholds``).
    """
    base, lim = abs(base_value), abs(limit)
    if base >= 2 * lim:
        return 1.0
    if base <= lim:
        return float(1 - (base / lim) ** OPENSDG_LIMIT_EXPONENT)
    return float(1 - ((2 * lim - base) / lim) ** OPENSDG_LIMIT_EXPONENT)


def _safe_growth(start: float, end: float, years: int):
    """CAGR, or the reason it cannot be computed."""
    try:
        return compound_annual_growth(start, end, years), ""
    except ValueError as exc:
        return None, str(exc)


def _case_and_growth(method, series, target_value, target_year, base_year, direction):
    """The checked case and its observed CAGR, or the not-assessable result instead of the CAGR."""
    case = Case.build(method, series, target_value, target_year, base_year, direction)
    if not case.assessable:
        return case, None, case.not_assessable()
    actual, problem = _safe_growth(case.base_value, case.last_value, case.years_observed)
    if problem:
        return case, None, case.not_assessable(problem)
    return case, actual, None


def assess_opensdg(series, target_value, target_year, base_year=None, direction="increase", limit=None) -> Assessment:
    """Open SDG / Statistics Canada progress status.

    With a target: ``CAGR_r = (y_T / y_0)^{1/(T - t_0)} - 1`` and
    ``R = s * d * CAGR_a / |CAGR_r|`` (``s = -1`` when the values are negative), graded
    ``R >= 95 %`` on track, ``60 % <= R < 95 %`` progress made but acceleration needed,
    ``0 <= R < 60 %`` limited progress, ``R < 0`` deterioration; a latest value meeting the
    target is *target achieved*.  Without a target (``target_value=None``): ``s * d * CAGR_a``
    against 1.5 %, 0.5 % and 0, the positive thresholds multiplied by the scaling factor
    :func:`opensdg_scaling_factor` when a natural ``limit`` is given (ignored with a target).
    A zero base or target is replaced by 0.001; fewer than two points or mixed signs are
    *unable to assess*.

    References
    ----------
    Statistics Canada / Open SDG, *Progress Measurement Methodology for the Sustainable
    Development Goals*, open-sdg ``docs/progress-methodology.md`` (thresholds, scaling factor,
    special considerations, minimum data requirements); reference implementation
    open-sdg/sdg-build ``sdg/ProgressMeasure.py``.
    """
    case = Case.build("opensdg", series, target_value, target_year, base_year, direction)
    if not case.assessable:
        return case.not_assessable()
    notes = []
    base = case.base_value
    if base == 0:
        base = OPENSDG_ZERO_REPLACEMENT
        notes.append(f"zero base value replaced by {OPENSDG_ZERO_REPLACEMENT}")
    sign = -1 if base < 0 else 1
    actual, problem = _safe_growth(base, case.last_value, case.years_observed)
    if problem:
        return case.not_assessable(problem)
    if case.target_value is None:
        factor = 1.0 if limit is None else opensdg_scaling_factor(base, limit)
        thresholds = tuple(t * factor if t > 0 else t for t in OPENSDG_GROWTH_THRESHOLDS)
        progress = sign * case.sign * actual
        if limit is not None:
            notes.append(f"thresholds scaled by C = {factor:.4f} for the limit {limit:g}")
        category = "on_track" if factor == 0 and progress >= 0 else classify(progress, thresholds)
        return case.result(category, label=OPENSDG_LABELS[category], actual_growth=actual, ratio=progress,
                           reason=f"direction-adjusted CAGR {progress:.2%} against {thresholds}", notes=notes)
    if case.target_met:
        return case.achieved(actual_growth=actual, notes=notes)
    target = case.target_value
    if target == 0:
        target = OPENSDG_ZERO_REPLACEMENT
        notes.append(f"zero target replaced by {OPENSDG_ZERO_REPLACEMENT}")
    if limit is not None:
        notes.append(f"limit {limit:g} ignored: a target is given")
    required, problem = _safe_growth(base, target, case.target_year - case.base_year)
    if problem:
        return case.not_assessable(f"required growth: {problem}")
    ratio = sign * growth_ratio(actual, required, case.sign)
    category = classify(ratio, OPENSDG_RATIO_THRESHOLDS)
    return case.result(category, label=OPENSDG_LABELS[category], actual_growth=actual, required_growth=required,
                       ratio=ratio, reason=f"R = {ratio:.2f} (actual {actual:.2%} / required {required:.2%} a year)",
                       notes=notes)


def _eurostat_no_target(growth: float) -> tuple[str, str]:
    if growth >= EUROSTAT_SIGNIFICANT_GROWTH:
        return "on_track", "significant progress towards SD objectives"
    if growth > 0:
        return "acceleration_needed", "moderate progress towards SD objectives"
    if growth > -EUROSTAT_SIGNIFICANT_GROWTH:
        return "deterioration", "moderate movement away from SD objectives"
    return "deterioration", "significant movement away from SD objectives"


def assess_eurostat(series, target_value, target_year, base_year=None, direction="increase", limit=None,
                    span=None) -> Assessment:
    """Eurostat EU SDG monitoring: actual against required growth.

    With a quantified target: ``CAGR_r`` from the base-year value to the target, ratio
    ``RoG = d * CAGR_a / |CAGR_r|`` graded ``>= 95 %`` significant progress (on track),
    ``60-95 %`` moderate progress (acceleration needed), ``0-60 %`` insufficient progress
    (limited progress), ``< 0`` movement away from the target (deterioration).
    Without a target (``target_value=None``): ``d * CAGR_a >= 1 %`` significant progress,
    ``0-1 %`` moderate progress, ``-1 %-0`` moderate and ``<= -1 %`` significant movement
    away (both deterioration).  ``span`` gives Eurostat's short-term (5) or long-term (15)
    assessment: the base is the latest observation at least ``span`` years before the last;
    otherwise ``base_year`` (default the first observation).  A latest value meeting the
    target is reported as target achieved (a rule shared with Open SDG and UNSD).
    A zero base value cannot give a growth rate: not assessable.  ``limit`` is not used.

    References
    ----------
    Eurostat, *Sustainable development in the European Union - Monitoring report on progress
    towards the SDGs in an EU context*, annual editions, introduction "Assessing progress"
    (calculation of indicator trends; ratio thresholds 95 % and 60 %, 1 % a year without a
    target).  The same ratio and thresholds are the basis of the Statistics Canada method.
    """
    if span is not None:
        span = int(span)
        y = Case.build("eurostat", series, target_value, target_year, None, direction).series
        earlier = y.index[y.index <= (y.index[-1] - span)] if len(y) else y.index
        base_year = int(earlier[-1]) if len(earlier) else base_year
    case, actual, unassessable = _case_and_growth("eurostat", series, target_value, target_year, base_year, direction)
    if unassessable:
        return unassessable
    notes = [f"{span}-year assessment period"] if span else []
    if case.target_value is None:
        category, label = _eurostat_no_target(case.sign * actual)
        return case.result(category, label=label, actual_growth=actual, ratio=case.sign * actual, notes=notes,
                           reason=f"direction-adjusted CAGR {case.sign * actual:.2%} a year")
    if case.target_met:
        return case.achieved(actual_growth=actual, notes=notes)
    required, problem = _safe_growth(case.base_value, case.target_value, case.target_year - case.base_year)
    if problem:
        return case.not_assessable(f"required growth: {problem}")
    ratio = growth_ratio(actual, required, case.sign)
    category = classify(ratio, EUROSTAT_RATIO_THRESHOLDS)
    return case.result(category, label=EUROSTAT_TARGET_LABELS[category], actual_growth=actual,
                       required_growth=required, ratio=ratio, notes=notes,
                       reason=f"actual/required growth = {ratio:.0%} ({actual:.2%} vs {required:.2%} a year)")


def _unsd_score(value: float, thresholds: tuple[float, float]) -> int:
    return 3 if value >= thresholds[0] else 2 if value >= thresholds[1] else 1


def _unsd_category(score: int, progress: float) -> str:
    """Score 3/2/1 -> category; score 1 splits by the sign of the progress (our rule)."""
    if score == 3:
        return "on_track"
    if score == 2:
        return "acceleration_needed"
    return "limited_progress" if progress >= 0 else "deterioration"


def assess_unsd(series, target_value, target_year, base_year=None, direction="increase", limit=None) -> Assessment:
    """UN Statistics Division SDG progress chart: extrapolated value against the target.

    With a target: ``v_e = v_t (1 + CAGR_a)^{T - t}`` (the current pace continued) and
    ``CR = (v_e - v_b) / (v_T - v_b)``; score 3 (target met or on track) for ``CR >= 0.95``,
    2 (fair progress but acceleration needed) for ``0.10 <= CR < 0.95``, 1 (stagnation or
    regression) below 0.10.  A latest value meeting the target is target achieved.  Without
    a target: ``d * CAGR_a >= 2 %`` score 3, ``0.5-2 %`` score 2, below 0.5 % score 1.
    Score 1 is one published band; it becomes ``limited_progress`` when the change is in the
    desired direction (``CR >= 0``) and ``deterioration`` otherwise.  The change is signed by
    direction, ``CR = d (v_e - v_b) / |v_T - v_b|``, which equals the published ratio whenever
    the target lies beyond the base in the desired direction.  A zero base value gives no
    growth rate: not assessable.  ``limit`` is not used.

    References
    ----------
    UN Statistics Division, *Sustainable Development Goals Progress Chart 2023 - Technical
    Note* (unstats.un.org/sdgs/files/report/2023/Progress_Chart_Technical_Note_2023.pdf),
    as applied in the Basque SDG platform's methodology (EUSTAT-DES/site, metodologia).
    """
    case, actual, unassessable = _case_and_growth("unsd", series, target_value, target_year, base_year, direction)
    if unassessable:
        return unassessable
    if case.target_value is None:
        progress = case.sign * actual
        score = _unsd_score(progress, UNSD_GROWTH_THRESHOLDS)
        return case.result(_unsd_category(score, progress), label=UNSD_LABELS[score], actual_growth=actual,
                           ratio=progress, score=score, reason=f"direction-adjusted CAGR {progress:.2%} a year")
    expected = grow(case.last_value, actual, case.target_year - case.last_year)
    if case.target_met:
        return case.achieved(actual_growth=actual, extrapolated_value=expected, score=3)
    needed = abs(case.target_value - case.base_value)
    change = case.sign * (expected - case.base_value)
    ratio = float(change / needed) if needed else float(np.inf if change >= 0 else -np.inf)
    score = _unsd_score(ratio, UNSD_RATIO_THRESHOLDS)
    return case.result(_unsd_category(score, ratio), label=UNSD_LABELS[score], actual_growth=actual, ratio=ratio,
                       extrapolated_value=expected, score=score,
                       reason=f"{case.target_year} at the current pace: {expected:g} vs target "
                              f"{case.target_value:g}; CR = {ratio:.2f}")
